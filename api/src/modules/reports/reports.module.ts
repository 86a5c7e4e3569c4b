import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BrandingModule } from '../branding/branding.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { ReportPdfController } from './report-pdf.controller.js';
import { ReportPdfService } from './report-pdf.service.js';
import { ReportRendererService } from './report-renderer.service.js';

/**
 * The report PDF: GET /export/report.pdf (also with a share link's token, for its own brand and period),
 * and the renderer the email reports use; both print the brand's white-label.
 */
@Module({
  imports: [AuthModule, BrandingModule, PeriodsModule],
  controllers: [ReportPdfController],
  providers: [ReportRendererService, ReportPdfService],
  exports: [ReportPdfService],
})
export class ReportsModule {}
