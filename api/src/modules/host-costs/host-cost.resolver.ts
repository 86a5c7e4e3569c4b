import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SessionBrandArg } from '../sessions/session-brand.arg.js';
import { PeriodInput, resolvePeriod } from '../../common/period.input.js';
import { requestLoader } from '../../common/request-loader.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { SessionDto } from '../sessions/dtos/session.dto.js';
import { CommercerFeeDto, HostCostFiguresDto, KindComparisonDto, SessionCostDto } from './dtos/host-cost.dto.js';
import { HostCostService } from './host-cost.service.js';
import { residual, type FittedLine } from './host-cost.rules.js';

/**
 * Host cost and the kind comparison (issue 14). Writing a cost needs the admin token or a READ token of
 * the session's or commercer's brand — the same right that writes annotations and recap marks (K-1).
 */
@Resolver()
export class HostCostResolver {
  constructor(private readonly service: HostCostService) {}

  @Query(() => KindComparisonDto, {
    description: 'Professional vs in-house: per kind the period KPIs, the previous period, the spread, cost and fit',
  })
  kindComparison(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('period', { type: () => PeriodInput }) period: PeriodInput,
  ): Promise<KindComparisonDto> {
    return this.service.kindComparison(principal, brandId ?? null, period);
  }

  @Query(() => [SessionCostDto], { description: "A brand's session costs (optionally only some sessions)" })
  sessionCosts(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('sessionIds', { type: () => [ID], nullable: true }) sessionIds: string[] | null,
  ): Promise<SessionCostDto[]> {
    return this.service.listSessionCosts(principal, brandId ?? null, sessionIds ?? null);
  }

  @Query(() => [CommercerFeeDto], { description: "A brand's monthly commercer fees (optionally one commercer's)" })
  commercerFees(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('commercerId', { type: () => ID, nullable: true }) commercerId: string | null,
  ): Promise<CommercerFeeDto[]> {
    return this.service.listCommercerFees(principal, brandId ?? null, commercerId ?? null);
  }

  @Mutation(() => SessionCostDto, {
    description: "Sets (or replaces) a session's host cost; it replaces the session's share of a monthly fee",
  })
  setSessionCost(
    @Reader() principal: Principal,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('amount', { type: () => Float, description: "≥ 0, in the currency's major unit" }) amount: number,
    @Args('currency', { description: 'ISO-4217, e.g. JPY' }) currency: string,
    @SessionBrandArg() brandId: string | null | undefined,
  ): Promise<SessionCostDto> {
    return this.service.setSessionCost(principal, sessionId, amount, currency, brandId ?? null);
  }

  @Mutation(() => Boolean, { description: "Removes a session's cost; false when it had none" })
  clearSessionCost(
    @Reader() principal: Principal,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @SessionBrandArg() brandId: string | null | undefined,
  ): Promise<boolean> {
    return this.service.clearSessionCost(principal, sessionId, brandId ?? null);
  }

  @Mutation(() => CommercerFeeDto, {
    description: "Sets (or replaces) a commercer's fee for a calendar month of the brand's zone",
  })
  setCommercerFee(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('commercerId', { type: () => ID }) commercerId: string,
    @Args('month', { description: 'YYYY-MM' }) month: string,
    @Args('amount', { type: () => Float }) amount: number,
    @Args('currency') currency: string,
  ): Promise<CommercerFeeDto> {
    return this.service.setCommercerFee(principal, brandId ?? null, commercerId, month, amount, currency);
  }

  @Mutation(() => Boolean, { description: "Removes a commercer's fee for a month; false when there was none" })
  clearCommercerFee(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('commercerId', { type: () => ID }) commercerId: string,
    @Args('month') month: string,
  ): Promise<boolean> {
    return this.service.clearCommercerFee(principal, brandId ?? null, commercerId, month);
  }
}

@Resolver(() => SessionDto)
export class SessionHostCostResolver {
  constructor(
    private readonly service: HostCostService,
    private readonly brands: BrandAccessService,
  ) {}

  @ResolveField(() => HostCostFiguresDto, {
    description: "METRICS.md host cost: the session's own cost or its share of the commercer's monthly fee",
  })
  costs(@Context() context: GraphQLContext, @Parent() session: SessionDto): Promise<HostCostFiguresDto> {
    return requestLoader<SessionDto, HostCostFiguresDto>(context, 'session.hostCosts', (sessions) =>
      this.service.forSessions(sessions),
    ).load(session);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      "engagementRate minus the brand's line at this audience; the line of `period` when given, else of the 90 days " +
      "up to the session's end. null with fewer than 10 sessions in the fit or no viewers",
  })
  async engagementVsExpected(
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
    @Args('period', { type: () => PeriodInput, nullable: true }) input: PeriodInput | null,
  ): Promise<number | null> {
    let end = session.endedAt ?? session.lastEventAt;
    if (input) {
      const brand = await this.brands.byId(session.brandId);
      end = resolvePeriod(input, brand?.timeZone ?? 'UTC').to;
    }
    const line = await requestLoader<string, FittedLine | null>(context, 'session.engagementLine', (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const [brandId, at] = key.split('\u0000');
          return (await this.service.line(brandId, new Date(Number(at)))).line;
        }),
      ),
    ).load(`${session.brandId}\u0000${end.getTime()}`);
    return residual(line, Number(session.metrics.uniqueViewers), Number(session.metrics.engagedViewers));
  }
}
