import { Module } from '@nestjs/common';
import { BrandingRepository } from '../../repositories/branding.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { BrandingController } from './branding.controller.js';
import { BrandingResolver } from './branding.resolver.js';
import { BrandingService } from './branding.service.js';

/** Brand white-label (issue 10). Exports the repository for the PDF and email at merge. */
@Module({
  imports: [BrandsModule],
  providers: [BrandingRepository, BrandingService, BrandingResolver],
  controllers: [BrandingController],
  exports: [BrandingRepository, BrandingService],
})
export class BrandingModule {}
