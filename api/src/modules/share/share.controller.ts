import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExceptionFilter } from '../../api-exception.filter.js';
import { BrandingService } from '../branding/branding.service.js';
import { ShareLinkService } from './share-link.service.js';

/**
 * The share page's one public route: GET /share/<token>/grant → the brand, period and branding the
 * link opens (and one open counted), 404 for an unknown token, 410 for an expired or revoked one.
 * The report itself is then read through GraphQL with the token as its Bearer credential.
 */
@Controller('share')
@UseFilters(ApiExceptionFilter)
export class ShareController {
  constructor(
    private readonly links: ShareLinkService,
    private readonly branding: BrandingService,
  ) {}

  @Get(':token/grant')
  async grant(@Param('token') token: string, @Res() res: Response): Promise<void> {
    // The token is in the URL: keep it out of caches and out of the Referer of anything the page loads.
    res.setHeader('cache-control', 'no-store').setHeader('referrer-policy', 'no-referrer');
    const opened = await this.links.open(token);
    const branding = await this.branding.get(opened.brand.id);
    res.status(200).json({
      label: opened.label,
      expiresAt: opened.expiresAt.toISOString(),
      brand: {
        id: opened.brand.id,
        name: opened.brand.name,
        timeZone: opened.brand.timeZone,
        currency: opened.brand.currency,
      },
      period: {
        from: opened.grant.period.from.toISOString(),
        to: opened.grant.period.to.toISOString(),
        timeZone: opened.grant.period.timeZone,
      },
      branding,
    });
  }
}
