import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionDto } from './dtos/session.dto.js';
import { SessionService } from './session.service.js';

@Resolver(() => SessionDto)
export class SessionResolver {
  constructor(private readonly service: SessionService) {}

  @Query(() => SessionDto, { nullable: true, description: 'One session with its KPIs; null if unknown or not yours' })
  session(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<SessionDto | null> {
    return this.service.byId(principal, id);
  }

  @Query(() => [SessionDto], { description: 'Sessions, newest first' })
  sessions(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<SessionDto[]> {
    return this.service.list(principal, brandId ?? null, first);
  }
}
