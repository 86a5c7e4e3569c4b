import { Module } from '@nestjs/common';
import { HostCostRepository } from '../../repositories/host-cost.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { HostCostResolver, SessionHostCostResolver } from './host-cost.resolver.js';
import { HostCostService } from './host-cost.service.js';

/** Host cost, the kind comparison and size-adjusted engagement (issue 14). */
@Module({
  imports: [BrandsModule, RollupStateModule, PeriodsModule, SessionsModule],
  providers: [HostCostRepository, HostCostService, HostCostResolver, SessionHostCostResolver],
  exports: [HostCostService],
})
export class HostCostsModule {}
