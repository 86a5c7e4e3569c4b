import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RestController } from '../auth/rest-controller.decorator.js';
import { reportLanguage, ReportPdfService } from './report-pdf.service.js';

/**
 * GET /export/report.pdf?brandId=&from=&to=&timeZone=&language= with the same Bearer token as the CSV
 * exports: the report page printed to A4 (docs/API.md, "Agency reports"). Errors as JSON with a status:
 * 400 naming the field, 503 without Chromium (and what to install), 504 when rendering takes too long.
 */
@RestController('export')
export class ReportPdfController {
  constructor(private readonly reports: ReportPdfService) {}

  @Get('report.pdf')
  async pdf(
    @Reader() principal: Principal,
    @Query() query: Record<string, string | undefined>,
    @Res() res: Response,
  ): Promise<void> {
    const language = reportLanguage(query.language);
    const report = await this.reports.render(principal, query.brandId, query, language);
    const filename = `${report.brand.id}-report-${report.firstDay}_${report.lastDay}.pdf`.replace(/[^\w.-]+/g, '_');
    res
      .status(200)
      .setHeader('content-type', 'application/pdf')
      .setHeader('content-disposition', `attachment; filename="${filename}"`)
      .setHeader('cache-control', 'no-store')
      .end(report.pdf);
  }
}
