import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { CommunityResolver } from './community.resolver.js';
import { CommunityService } from './community.service.js';

@Module({
  imports: [PeriodsModule, RollupStateModule],
  providers: [CommunityService, CommunityResolver],
  exports: [CommunityService],
})
export class CommunityModule {}
