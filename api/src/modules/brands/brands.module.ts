import { Module } from '@nestjs/common';
import { BrandAccessService } from './brand-access.service.js';
import { BrandResolver } from './brand.resolver.js';

@Module({ providers: [BrandAccessService, BrandResolver], exports: [BrandAccessService] })
export class BrandsModule {}
