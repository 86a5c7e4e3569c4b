import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
import { SessionService } from './session.service.js';

@Resolver(() => SessionDto)
export class SessionResolver {
  constructor(private readonly service: SessionService) {}

  @Query(() => SessionDto, { nullable: true, description: 'One session with its KPIs; null if unknown or not yours' })
  session(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<SessionDto | null> {
    return this.service.byId(principal, id);
  }

  @Query(() => SessionConnectionDto, { description: 'Sessions filtered, sorted by any KPI, cursor-paginated' })
  sessions(@Reader() principal: Principal, @Args() args: SessionsArgs): Promise<SessionConnectionDto> {
    return this.service.list(principal, args);
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
  retention(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<RetentionPointDto[]> {
    return requestLoader<SessionDto, RetentionPointDto[]>(context, 'session.retention', (sessions) =>
      this.service.retention(principal, sessions),
    ).load(session);
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

  @ResolveField(() => JoinerComparisonDto)
  joinerComparison(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<JoinerComparisonDto> {
    return requestLoader<SessionDto, JoinerComparisonDto>(context, 'session.joiners', (sessions) =>
      this.service.joinerComparison(principal, sessions),
    ).load(session);
  }
}
