import { Global, Module } from '@nestjs/common';
import { BrandAccessService } from '../../common/brand-access.service.js';
import { PeriodRepository } from '../../repositories/period.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import { SessionService } from '../sessions/session.service.js';
import { PeriodService } from './period.service.js';

/** Shared by every period page: brand/period resolution, period totals, session lists. */
@Global()
@Module({
  providers: [BrandAccessService, PeriodRepository, PeriodService, SessionRepository, SessionService],
  exports: [BrandAccessService, PeriodRepository, PeriodService, SessionRepository, SessionService],
})
export class PeriodsModule {}
