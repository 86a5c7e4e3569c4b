import { Module } from '@nestjs/common';
import { BrandResolver } from './brand.resolver.js';

@Module({ providers: [BrandResolver] })
export class BrandsModule {}
