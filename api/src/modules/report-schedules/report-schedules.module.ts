import { Module } from '@nestjs/common';
import { ReportScheduleRepository } from '../../repositories/report-schedule.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { ExportModule } from '../export/export.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { ReportMailerService } from './report-mailer.service.js';
import { ReportScheduleResolver } from './report-schedule.resolver.js';
import { ReportScheduleService } from './report-schedule.service.js';
import { ReportScheduler } from './report.scheduler.js';

/** Scheduled email reports: schedules, the scheduler (one per deployment) and the SMTP mailer. */
@Module({
  imports: [BrandsModule, ExportModule, ReportsModule],
  providers: [
    ReportScheduleRepository,
    ReportMailerService,
    ReportScheduler,
    ReportScheduleService,
    ReportScheduleResolver,
  ],
  exports: [ReportScheduler],
})
export class ReportSchedulesModule {}
