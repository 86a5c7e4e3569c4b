import { Module } from '@nestjs/common';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { CommunityResolver } from './community.resolver.js';
import { CommunityService } from './community.service.js';

@Module({
  imports: [PeriodsModule],
  providers: [CommunityService, CommunityResolver, RollupStateRepository],
  exports: [CommunityService],
})
export class CommunityModule {}
