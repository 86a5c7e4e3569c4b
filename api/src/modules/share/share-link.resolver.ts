import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PeriodInput } from '../../common/period.input.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreatedShareLinkDto, ShareLinkDto } from './dtos/share-link.dto.js';
import { ShareLinkService } from './share-link.service.js';

@Resolver(() => ShareLinkDto)
export class ShareLinkResolver {
  constructor(private readonly service: ShareLinkService) {}

  @Mutation(() => CreatedShareLinkDto, {
    description:
      "Admin or a READ token of the brand: a link (/share/<token>, shown once) that opens the brand's report over " +
      'this period without sign-in, until expiresAt (at most 366 days ahead)',
  })
  createShareLink(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('period', { type: () => PeriodInput }) period: PeriodInput,
    @Args('expiresAt', { type: () => Date }) expiresAt: Date,
    @Args('label') label: string,
  ): Promise<CreatedShareLinkDto> {
    return this.service.create(principal, brandId, period, expiresAt, label);
  }

  @Query(() => [ShareLinkDto], {
    description: "Admin or a READ token of the brand: the brand's share links, newest first",
  })
  shareLinks(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
  ): Promise<ShareLinkDto[]> {
    return this.service.list(principal, brandId);
  }

  @Mutation(() => ShareLinkDto, { description: 'Admin or a READ token of the brand: the link answers 410 from now on' })
  revokeShareLink(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ShareLinkDto> {
    return this.service.revoke(principal, id);
  }
}
