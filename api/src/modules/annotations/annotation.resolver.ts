import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PeriodInput } from '../../common/period.input.js';
import { requestLoader } from '../../common/request-loader.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionDto } from '../sessions/dtos/session.dto.js';
import { sessionOf } from '../sessions/session.service.js';
import { sessionKey, type SessionRef } from '../../repositories/session.repository.js';
import { AnnotationService } from './annotation.service.js';
import { AnnotationDto, CreateAnnotationInput } from './dtos/annotation.dto.js';

@Resolver(() => AnnotationDto)
export class AnnotationResolver {
  constructor(private readonly service: AnnotationService) {}

  @Query(() => [AnnotationDto], { description: 'Notes of a brand (optionally one session, or a period), oldest first' })
  annotations(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('sessionId', { type: () => ID, nullable: true }) sessionId: string | null,
    @Args('period', { type: () => PeriodInput, nullable: true }) period: PeriodInput | null,
  ): Promise<AnnotationDto[]> {
    return this.service.list(principal, brandId ?? null, sessionId ?? null, period ?? null);
  }

  @Mutation(() => AnnotationDto, {
    description: 'Adds a note to a brand or session timeline (READ token of that brand)',
  })
  createAnnotation(
    @Reader() principal: Principal,
    @Args('input') input: CreateAnnotationInput,
  ): Promise<AnnotationDto> {
    return this.service.create(principal, input);
  }

  @Mutation(() => Boolean)
  deleteAnnotation(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(principal, id);
  }
}

@Resolver(() => SessionDto)
export class SessionAnnotationResolver {
  constructor(private readonly service: AnnotationService) {}

  @ResolveField(() => [AnnotationDto], { description: "Notes on this session's timeline" })
  annotations(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() session: SessionDto,
  ): Promise<AnnotationDto[]> {
    return requestLoader<SessionRef, AnnotationDto[], string>(
      context,
      'session.annotations',
      (sessions) => this.service.forSessions(principal, sessions),
      (ref) => `${sessionKey(ref.brandId, ref.id)}\u0000${ref.notesState ?? ''}`,
    ).load(sessionOf(session.metrics));
  }
}
