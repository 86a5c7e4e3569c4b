import { Context, Float, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { KPI_CATALOGUE } from '@lc/contract';
import { requestLoader } from '../../common/request-loader.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionMetricsDto } from './dtos/session-metrics.dto.js';
import { sessionOf } from './session.service.js';
import { LaterPurchaseService, type NonBuyers, type SessionLater } from './later-purchase.service.js';
import { sessionKey, type SessionRef } from '../../repositories/session.repository.js';

/**
 * METRICS.md "Does engagement pay later?" on SessionMetrics: read only when asked for, once per
 * request for all the sessions that ask (one statement), keyed by session and rollup version.
 */
@Resolver(() => SessionMetricsDto)
export class LaterPurchaseResolver {
  constructor(private readonly service: LaterPurchaseService) {}

  private later(context: GraphQLContext, principal: Principal, metrics: SessionMetricsDto): Promise<SessionLater> {
    const ref = sessionOf(metrics);
    return requestLoader<SessionRef & NonBuyers, SessionLater, string>(
      context,
      'session.laterPurchases',
      (sessions) => this.service.bySession(principal, sessions),
      (s) => `${sessionKey(s.brandId, s.id)}\u0000${s.version}`,
    ).load({
      ...ref,
      engagedNonBuyers: Number(metrics.engagedNonBuyers),
      passiveNonBuyers: Number(metrics.passiveNonBuyers),
    });
  }

  @ResolveField(() => Float, { nullable: true, description: KPI_CATALOGUE.laterConversionEngaged.scopes.session })
  async laterConversionEngaged(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number | null> {
    return (await this.later(context, principal, metrics)).laterConversionEngaged;
  }

  @ResolveField(() => Float, { nullable: true, description: KPI_CATALOGUE.laterConversionPassive.scopes.session })
  async laterConversionPassive(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number | null> {
    return (await this.later(context, principal, metrics)).laterConversionPassive;
  }

  @ResolveField(() => Float, { nullable: true, description: KPI_CATALOGUE.engagementLift.scopes.session })
  async engagementLift(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number | null> {
    return (await this.later(context, principal, metrics)).engagementLift;
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: `${KPI_CATALOGUE.laterRevenue.scopes.session} (null when they were in several currencies)`,
  })
  async laterRevenue(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number | null> {
    return (await this.later(context, principal, metrics)).laterRevenue;
  }

  @ResolveField(() => Boolean, {
    description: "True while the 28 days after the session's start have not passed: the later figures can still grow",
  })
  async windowOpen(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<boolean> {
    return (await this.later(context, principal, metrics)).windowOpen;
  }
}
