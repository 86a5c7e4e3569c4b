import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { PeriodInput } from '../../common/period.input.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { PeriodService } from '../periods/period.service.js';
import { CommunityService } from './community.service.js';
import { CommunityDto } from './dtos/community.dto.js';

@Resolver(() => CommunityDto)
export class CommunityResolver {
  constructor(
    private readonly periods: PeriodService,
    private readonly community: CommunityService,
  ) {}

  @Query(() => CommunityDto, {
    name: 'community',
    description: 'Returning viewers, regulars, weekly cohorts and stamps of a brand (or one commercer)',
  })
  async communityOf(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID, nullable: true }) brandId: string | null,
    @Args('period', { type: () => PeriodInput }) periodInput: PeriodInput,
    @Args('commercerId', { type: () => ID, nullable: true }) commercerId: string | null,
  ): Promise<CommunityDto> {
    const { period, scope } = await this.periods.resolve(principal, brandId, periodInput, { commercerId });
    return this.community.community(scope, period);
  }
}
