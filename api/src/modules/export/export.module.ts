import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CommercersModule } from '../commercers/commercers.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';

@Module({
  imports: [AuthModule, CommercersModule, PeriodsModule, SessionsModule],
  controllers: [ExportController],
  providers: [ExportService],
  exports: [ExportService],
})
export class ExportModule {}
