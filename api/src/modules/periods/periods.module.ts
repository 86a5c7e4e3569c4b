import { Module } from '@nestjs/common';
import { PeriodRepository } from '../../repositories/period.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { PeriodService } from './period.service.js';

/** Brand/period resolution and period totals, shared by every period page (overview, commercers, community…). */
@Module({
  imports: [BrandsModule, RollupStateModule],
  providers: [PeriodRepository, PeriodService],
  exports: [PeriodService],
})
export class PeriodsModule {}
