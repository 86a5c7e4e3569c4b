import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExceptionFilter } from '../../api-exception.filter.js';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandingService } from './branding.service.js';

/**
 * GET /brands/<brandId>/logo/<version>: the logo for <img> tags (which cannot send a Bearer token).
 * The version is a hash of the content, handed out only through GraphQL (decision A-6). Served with
 * its own type, nosniff, and for SVG a CSP that runs nothing and loads nothing.
 */
@Controller('brands')
@UseFilters(ApiExceptionFilter)
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get(':brandId/logo/:version')
  async logo(
    @Param('brandId') brandId: string,
    @Param('version') version: string,
    @Res() res: Response,
  ): Promise<void> {
    const logo = await this.branding.logo(brandId, version);
    if (!logo) throw new ApiException(ApiErrorCode.NOT_FOUND, 'no such logo', 'version');
    res
      .status(200)
      .setHeader('content-type', logo.mime)
      .setHeader('x-content-type-options', 'nosniff')
      .setHeader('cache-control', 'private, max-age=31536000, immutable')
      .setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .send(logo.bytes);
  }
}
