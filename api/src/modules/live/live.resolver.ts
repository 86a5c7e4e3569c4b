import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionLiveDto } from './dtos/live.dto.js';
import { LiveService } from './live.service.js';

@Resolver(() => SessionDto)
export class SessionLiveResolver {
  constructor(private readonly service: LiveService) {}

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
    return this.service.state(principal, session, at ?? new Date());
  }
}
