import { Args, Context, Float, ID, Info, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SessionBrandArg } from './session-brand.arg.js';
import type { GraphQLResolveInfo } from 'graphql';
import { KPI_CATALOGUE, ratio } from '@lc/contract';
import { afterResponse } from '../../common/after-response.js';
import { requestLoader } from '../../common/request-loader.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionDto } from './dtos/session.dto.js';
import { SessionConnectionDto, SessionsArgs } from './dtos/session-list.dto.js';
import {
  FunnelDto,
  JoinerComparisonDto,
  MinutePointDto,
  MomentDto,
  RetentionPointDto,
  StampCountDto,
} from './dtos/session-series.dto.js';
import { SessionService, sessionOf, type SessionAsk } from './session.service.js';
import { SessionMetricsDto } from './dtos/session-metrics.dto.js';
import { PinSegmentDto, ProductDto, TrafficSourceDto } from './dtos/merchandise.dto.js';
import {
  sessionKey,
  type SessionRef,
  type ViewerGroupRow,
  type WatchGroupRow,
} from '../../repositories/session.repository.js';
import { operationAsksForAny } from '../../common/selection.js';
import { AHEAD_COUNTS, AHEAD_SERIES, LiveSumsAhead } from './live-ahead.js';

/**
 * A session's viewer groups with their returning viewers, loaded once per request whichever field
 * asks first (metrics.returningViewers, metrics.newViewers, and retention and joinerComparison when
 * the request asks one of those too): keyed by id and version.
 */
function viewerGroups(
  service: SessionService,
  context: GraphQLContext,
  principal: Principal,
  session: SessionRef,
): Promise<ViewerGroupRow[]> {
  return requestLoader<SessionRef, ViewerGroupRow[], string>(
    context,
    'session.viewerGroups',
    (sessions) => service.viewerGroups(principal, sessions),
    (ref) => `${sessionKey(ref.brandId, ref.id)}\u0000${ref.version}\u0000${ref.rollupState ?? ''}`,
  ).load(session);
}

/** The session fields whose values need the returning viewers of the viewer groups. */
const RETURNING_FIELDS: ReadonlySet<string> = new Set(['returningViewers', 'newViewers']);

/**
 * What retention and joinerComparison read (S11R4-1 in docs/METRICS-DECISIONS.md): the watch groups,
 * without the brand's first sessions, unless the operation asks for returning viewers anywhere — then
 * the groups with them, the one read those fields make anyway. (A `returningViewers` of another type,
 * the community's, also counts: a wider read than needed, never a wrong one.)
 */
function watchGroups(
  service: SessionService,
  context: GraphQLContext,
  principal: Principal,
  session: SessionRef,
  info: GraphQLResolveInfo,
): Promise<WatchGroupRow[]> {
  if (operationAsksForAny(info, RETURNING_FIELDS)) return viewerGroups(service, context, principal, session);
  return requestLoader<SessionRef, WatchGroupRow[], string>(
    context,
    'session.watchGroups',
    (sessions) => service.watchGroups(principal, sessions),
    (ref) => `${sessionKey(ref.brandId, ref.id)}\u0000${ref.viewersVersion}`,
  ).load(session);
}

@Resolver(() => SessionDto)
export class SessionResolver {
  constructor(
    private readonly service: SessionService,
    private readonly ahead: LiveSumsAhead,
  ) {}

  /**
   * Several `session(id:)` fields of one request (aliases) are read together: one statement, not one each.
   * A live session asked for its series or a sum over minutes (AHEAD_SERIES, AHEAD_COUNTS) has its
   * newest minutes read from its events, ahead of the round (LiveSumsAhead).
   */
  @Query(() => SessionDto, { nullable: true, description: 'One session with its KPIs; null if unknown or not yours' })
  async session(
    @Reader() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @SessionBrandArg() brandId: string | null | undefined,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SessionDto | null> {
    const session = await requestLoader<SessionAsk, SessionDto | null, string>(
      context,
      'session.byId',
      (asks) => this.service.byIds(principal, asks),
      (ask) => `${ask.brandId ?? ''}\u0000${ask.id}`,
    ).load({ id, brandId: brandId ?? null });
    if (!session?.isLive) return session;
    if (operationAsksForAny(info, AHEAD_SERIES)) return this.ahead.of(principal, session, 'minutes');
    if (operationAsksForAny(info, AHEAD_COUNTS)) return this.ahead.of(principal, session, 'counts');
    return session;
  }

  @Query(() => SessionConnectionDto, { description: 'Sessions filtered, sorted by any KPI, cursor-paginated' })
  sessions(
    @Reader() principal: Principal,
    @Args() args: SessionsArgs,
    @Context() context: GraphQLContext,
  ): Promise<SessionConnectionDto> {
    return this.service.list(principal, args, { later: (work) => afterResponse(context, work) });
  }

  private series(context: GraphQLContext, principal: Principal, session: SessionDto): Promise<MinutePointDto[]> {
    return requestLoader<SessionDto, MinutePointDto[]>(context, 'session.minutes', (sessions) =>
      this.service.minuteSeries(principal, sessions),
    ).load(session);
  }

  @ResolveField(() => [MinutePointDto], {
    description: 'Every minute from the start: watching, comments, likes (by stamp), cart adds, orders, revenue',
  })
  minuteSeries(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<MinutePointDto[]> {
    return this.series(context, principal, session);
  }

  @ResolveField(() => [RetentionPointDto], {
    description: 'For k = 0, 1, … minutes: share of viewers who watched ≥ k minutes',
  })
  async retention(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RetentionPointDto[]> {
    return SessionService.retention(
      session,
      await watchGroups(this.service, context, principal, sessionOf(session.metrics), info),
    );
  }

  @ResolveField(() => FunnelDto, { description: 'viewers → engaged → cart adders → buyers' })
  funnel(@Parent() session: SessionDto): FunnelDto {
    const m = session.metrics;
    return {
      viewers: Number(m.uniqueViewers),
      engaged: Number(m.engagedViewers),
      cartAdders: Number(m.cartAdders),
      buyers: Number(m.buyers),
    };
  }

  @ResolveField(() => [MomentDto], { description: 'Minutes with the most comments + likes, best first' })
  async moments(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
    @Args('top', { type: () => Int, defaultValue: 5 }) top: number,
  ): Promise<MomentDto[]> {
    return SessionService.moments(await this.series(context, principal, session), Math.min(top, 60));
  }

  @ResolveField(() => [StampCountDto], { description: 'Likes by stamp, most first' })
  async stamps(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<StampCountDto[]> {
    return SessionService.stamps(await this.series(context, principal, session));
  }

  /** The session's merchandise section, read once per request whichever of its three fields asks first. */
  private merchandise(context: GraphQLContext, principal: Principal, session: SessionDto) {
    return requestLoader<SessionDto, Awaited<ReturnType<SessionService['merchandise']>>[number]>(
      context,
      'session.merchandise',
      (sessions) => this.service.merchandise(principal, sessions),
    ).load(session);
  }

  @ResolveField(() => [ProductDto], { description: 'METRICS.md "Products": per product, most revenue first' })
  async products(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<ProductDto[]> {
    return (await this.merchandise(context, principal, session)).products;
  }

  @ResolveField(() => [PinSegmentDto], { description: 'METRICS.md "Pin segments": the run-sheet, in pin order' })
  async pinSegments(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<PinSegmentDto[]> {
    return (await this.merchandise(context, principal, session)).pinSegments;
  }

  @ResolveField(() => [TrafficSourceDto], {
    description: 'METRICS.md "Traffic sources": viewers by the source of their first join, most viewers first',
  })
  async trafficSources(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<TrafficSourceDto[]> {
    return (await this.merchandise(context, principal, session)).trafficSources;
  }

  @ResolveField(() => JoinerComparisonDto)
  async joinerComparison(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
    @Info() info: GraphQLResolveInfo,
  ): Promise<JoinerComparisonDto> {
    return SessionService.joinerComparison(
      await watchGroups(this.service, context, principal, sessionOf(session.metrics), info),
    );
  }
}

/** The session KPIs that depend on other sessions, computed only when asked for. */
@Resolver(() => SessionMetricsDto)
export class SessionMetricsResolver {
  constructor(private readonly service: SessionService) {}

  private async returning(context: GraphQLContext, principal: Principal, metrics: SessionMetricsDto): Promise<number> {
    return SessionService.returningOf(await viewerGroups(this.service, context, principal, sessionOf(metrics)));
  }

  @ResolveField(() => Int, { description: 'Viewers seen in an earlier session (by start) of the same brand' })
  returningViewers(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number> {
    return this.returning(context, principal, metrics);
  }

  private regulars(context: GraphQLContext, principal: Principal, metrics: SessionMetricsDto): Promise<number> {
    return requestLoader<SessionRef, number, string>(
      context,
      'session.regulars',
      (sessions) => this.service.regulars(principal, sessions),
      (ref) => `${sessionKey(ref.brandId, ref.id)}\u0000${ref.version}`,
    ).load(sessionOf(metrics));
  }

  @ResolveField(() => Int, { description: KPI_CATALOGUE.regularViewers.scopes.session })
  regularViewers(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number> {
    return this.regulars(context, principal, metrics);
  }

  @ResolveField(() => Float, { nullable: true, description: KPI_CATALOGUE.regularShare.scopes.session })
  async regularShare(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number | null> {
    return ratio(await this.regulars(context, principal, metrics), Number(metrics.uniqueViewers));
  }

  @ResolveField(() => Int, { description: 'uniqueViewers − returningViewers' })
  async newViewers(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<number> {
    return Number(metrics.uniqueViewers) - (await this.returning(context, principal, metrics));
  }
}

@Resolver(() => SessionConnectionDto)
export class SessionConnectionResolver {
  @ResolveField(() => Int, { description: 'Sessions matching the filter, all pages' })
  totalCount(@Parent() connection: SessionConnectionDto): Promise<number> {
    return connection.count();
  }
}
