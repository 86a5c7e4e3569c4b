import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { ReportPdfController } from './report-pdf.controller.js';
import { ReportPdfService } from './report-pdf.service.js';
import { ReportRendererService } from './report-renderer.service.js';

/** The report PDF: GET /export/report.pdf, and the renderer the email reports and share links use. */
@Module({
  imports: [AuthModule, PeriodsModule],
  controllers: [ReportPdfController],
  providers: [ReportRendererService, ReportPdfService],
  exports: [ReportPdfService],
})
export class ReportsModule {}
