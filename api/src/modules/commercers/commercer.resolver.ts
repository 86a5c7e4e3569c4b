import { Args, ArgsType, Context, Field, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { afterResponse } from '../../common/after-response.js';
import { PeriodInput } from '../../common/period.input.js';
import { asksForAny } from '../../common/selection.js';
import { LATER_PURCHASE_FIELDS } from '../../metrics/later-purchases.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { MAX_PERIOD_PRODUCTS, PeriodService } from '../periods/period.service.js';
import { ProductDto, TrafficSourceDto } from '../sessions/dtos/merchandise.dto.js';
import { CommercerKind } from '../sessions/dtos/session.dto.js';
import { SortDirection } from '../sessions/dtos/session-list.dto.js';
import { CommercerService } from './commercer.service.js';
import { CommercerProfileDto, CommercerRowDto, CommercerSortField } from './dtos/commercer-row.dto.js';

const MAX_ROWS = 500;

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ROWS) {
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_ROWS}`, 'first');
  }
  return first;
}

@ArgsType()
class CommercerListArgs {
  @Field(() => ID, { nullable: true }) brandId?: string | null;
  @Field(() => PeriodInput) period!: PeriodInput;
  @Field(() => CommercerKind, { nullable: true }) kind?: CommercerKind | null;
  @Field(() => CommercerSortField, { defaultValue: 'revenue' }) sortBy!: string;
  @Field(() => SortDirection, { defaultValue: SortDirection.DESC }) direction!: SortDirection;
}

@Resolver(() => CommercerRowDto)
export class CommercerResolver {
  constructor(
    private readonly periods: PeriodService,
    private readonly service: CommercerService,
  ) {}

  @Query(() => [CommercerRowDto], { description: 'Commercers of a brand with their period KPIs' })
  async commercers(
    @Reader() principal: Principal,
    @Args() args: CommercerListArgs,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('compare', { defaultValue: false }) compare: boolean,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CommercerRowDto[]> {
    return this.rows(principal, args, first, compare, info);
  }

  @Query(() => [CommercerRowDto], {
    description: 'Commercers side by side with the previous period, professional and in-house alike',
  })
  async leaderboard(
    @Reader() principal: Principal,
    @Args() args: CommercerListArgs,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CommercerRowDto[]> {
    return this.rows(principal, args, first, true, info);
  }

  private async rows(
    principal: Principal,
    args: CommercerListArgs,
    first: number,
    compare: boolean,
    info: GraphQLResolveInfo,
  ): Promise<CommercerRowDto[]> {
    const { brand, period } = await this.periods.resolve(principal, args.brandId, args.period);
    return this.service.rows(brand, period, {
      kind: args.kind ?? null,
      sortBy: args.sortBy,
      direction: args.direction,
      first: checkFirst(first),
      compare,
      // the later-purchase part only when a later field is asked for or sorted by (S13-2)
      later: LATER_PURCHASE_FIELDS.has(args.sortBy) || asksForAny(info, LATER_PURCHASE_FIELDS),
    });
  }

  @Query(() => CommercerProfileDto, {
    nullable: true,
    description: 'One commercer: KPIs, trend, sessions, stamps and community in a period',
  })
  async commercer(
    @Reader() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('period', { type: () => PeriodInput }) periodInput: PeriodInput,
    @Context() context: GraphQLContext,
  ): Promise<CommercerProfileDto | null> {
    const { brand, period } = await this.periods.resolve(principal, brandId, periodInput);
    // the commercer's sessions are opened from this page: their pages read ahead (S11R5-1)
    return this.service.profile(principal, brand, period, id, (work) => afterResponse(context, work));
  }
}

/** A commercer's products and traffic sources over the period, read only when asked for. */
@Resolver(() => CommercerProfileDto)
export class CommercerProfileResolver {
  constructor(private readonly periods: PeriodService) {}

  @ResolveField(() => [ProductDto], {
    description: 'METRICS.md "Products" over the commercer\'s sessions of the period',
  })
  products(
    @Parent() profile: CommercerProfileDto,
    @Args('first', { type: () => Int, defaultValue: 100, description: `At most ${MAX_PERIOD_PRODUCTS}` }) first: number,
  ): Promise<ProductDto[]> {
    return this.periods.products(profile.merchandise, first);
  }

  @ResolveField(() => [TrafficSourceDto], {
    description: 'METRICS.md "Traffic sources" over the commercer\'s sessions of the period',
  })
  trafficSources(@Parent() profile: CommercerProfileDto): Promise<TrafficSourceDto[]> {
    return this.periods.trafficSources(profile.merchandise);
  }
}
