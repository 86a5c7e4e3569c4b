import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { SessionBrandArg } from '../sessions/session-brand.arg.js';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { AuthService } from '../auth/auth.service.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionService } from '../sessions/session.service.js';
import { RecapResultDto, SessionLiveDto, UnansweredCommentDto } from './dtos/live.dto.js';
import { LiveService } from './live.service.js';
import { SessionWatch } from './session-watch.js';

/** A running subscription checks its token again at least this often, pushing or not. */
const RECHECK_MS = 10_000;

@Resolver(() => SessionDto)
export class SessionLiveResolver {
  constructor(
    private readonly service: LiveService,
    private readonly sessions: SessionService,
    private readonly watch: SessionWatch,
    private readonly auth: AuthService,
  ) {}

  @ResolveField(() => SessionLiveDto, {
    nullable: true,
    description: 'The live console state (METRICS.md "Live") now, or at `at`; null once the session has ended',
  })
  live(
    @Reader() principal: Principal,
    @Parent() session: SessionDto,
    @Args('at', { type: () => Date, nullable: true, description: 'Default: now' }) at: Date | null,
  ): Promise<SessionLiveDto> | null {
    if (!session.isLive) return null;
    return at ? this.service.state(principal, session, at) : this.service.stateNow(principal, session);
  }

  @Subscription(() => SessionDto, {
    description:
      'A live session, pushed now and each time its numbers change (graphql-ws; connection parameters ' +
      '{ authorization: "Bearer <read token>" }); completes after the push that shows it ended',
    // each push resolves its fields afresh: the loaders of the previous push hold old rows
    resolve: (session: SessionDto, _args: unknown, context: GraphQLContext) => {
      context.loaders.clear();
      return session;
    },
  })
  async sessionLive(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Args('id', { type: () => ID }) id: string,
    @SessionBrandArg() brandId: string | null | undefined,
  ): Promise<AsyncIterableIterator<SessionDto>> {
    const session = await this.sessions.byId(principal, id, brandId ?? null);
    if (!session) throw new ApiException(ApiErrorCode.NOT_FOUND, `no session "${id}" among your brands`, 'id');
    if (!session.isLive)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `session "${id}" has ended: query it instead`, 'id');
    return this.pushes(session, context);
  }

  /** The session now, then again after every change of its rollups, until it ends or the token stops working. */
  private async *pushes(first: SessionDto, context: GraphQLContext): AsyncIterableIterator<SessionDto> {
    yield first;
    // set by the watch (a closure TypeScript cannot follow, hence the box)
    const pushed: { latest: SessionDto | null } = { latest: null };
    let wake: (() => void) | null = null;
    const stop = this.watch.watch(
      first,
      first.version,
      (session) => {
        pushed.latest = session;
        wake?.();
      },
      first,
    );
    try {
      for (;;) {
        if (!pushed.latest)
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, RECHECK_MS).unref();
          });
        wake = null;
        // a revoked token ends the subscription with an error, pushing nothing more
        const principal = await this.auth.principalOf(context.authorization);
        if (!principal) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'sign in again: the token is gone');
        const session = pushed.latest;
        if (!session) continue;
        pushed.latest = null;
        // the watch read the session for every subscriber: this one must still hold its brand
        if (principal.kind !== 'admin' && !principal.brandIds.includes(session.brandId))
          throw new ApiException(ApiErrorCode.NOT_FOUND, `session "${first.id}" is no longer yours`, 'id');
        yield session;
        if (!session.isLive) return;
      }
    } finally {
      stop();
    }
  }

  @Mutation(() => RecapResultDto, {
    description:
      'Records that the host recapped the stream now: a `recap` event of the session, once per clientId ' +
      "(a second click with the same clientId records nothing more). READ tokens of the session's brand may call it.",
  })
  recordRecap(
    @Reader() principal: Principal,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('clientId', { description: 'Made by the client per recap (e.g. a UUID), reused on retries' })
    clientId: string,
    @Args('text', { type: () => String, nullable: true }) text: string | null,
    @SessionBrandArg() brandId: string | null | undefined,
  ): Promise<RecapResultDto> {
    return this.service.recordRecap(principal, sessionId, clientId, text, brandId ?? null);
  }
}

@Resolver(() => SessionLiveDto)
export class LiveStateResolver {
  /**
   * The queue, or its head: a console shows a few and the count (unansweredCount), and a busy stream
   * can hold tens of thousands, which every push would otherwise carry (BENCHMARKS.md, twenty-second session).
   */
  @ResolveField(() => [UnansweredCommentDto], { description: 'Questions first, then oldest first' })
  unansweredComments(
    @Parent() live: SessionLiveDto,
    @Args('first', { type: () => Int, nullable: true, description: 'Only the first this many (default: all)' })
    first: number | null,
  ): UnansweredCommentDto[] {
    if (first === null) return live.unansweredComments;
    if (first < 0)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `first must be 0 or more, not ${first}`, 'first');
    return live.unansweredComments.slice(0, first);
  }
}
