import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { BrandDto } from '../brands/dtos/brand.dto.js';
import { BrandingService } from './branding.service.js';
import { BrandBrandingDto, BrandBrandingInput } from './dtos/branding.dto.js';

@Resolver(() => BrandDto)
export class BrandingResolver {
  constructor(private readonly service: BrandingService) {}

  @ResolveField(() => BrandBrandingDto, { nullable: true, description: 'Null until the brand is white-labelled' })
  branding(@Parent() brand: BrandDto): Promise<BrandBrandingDto | null> {
    return this.service.get(brand.id);
  }

  @Mutation(() => BrandBrandingDto, {
    description: "Admin or a READ token of the brand: set the brand's white-label (name, agency, colour, logo)",
  })
  setBrandBranding(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('input') input: BrandBrandingInput,
  ): Promise<BrandBrandingDto> {
    return this.service.set(principal, brandId, input);
  }
}
