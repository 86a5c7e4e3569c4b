import { Module } from '@nestjs/common';
import { ShareLinkRepository } from '../../repositories/share-link.repository.js';
import { BrandingModule } from '../branding/branding.module.js';
import { BrandsModule } from '../brands/brands.module.js';
import { ShareController } from './share.controller.js';
import { ShareLinkResolver } from './share-link.resolver.js';
import { ShareLinkService } from './share-link.service.js';

/** Share links (issue 10): create, list, revoke; the public grant route; `ShareLinkService.resolve` for others. */
@Module({
  imports: [BrandsModule, BrandingModule],
  providers: [ShareLinkRepository, ShareLinkService, ShareLinkResolver],
  controllers: [ShareController],
  exports: [ShareLinkService],
})
export class ShareModule {}
