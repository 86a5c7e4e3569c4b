import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { HostCostsModule } from '../host-costs/host-costs.module.js';
import { CommercerProfileResolver, CommercerResolver } from './commercer.resolver.js';
import { CommercerService } from './commercer.service.js';

@Module({
  imports: [CommunityModule, PeriodsModule, SessionsModule, HostCostsModule],
  providers: [CommercerService, CommercerResolver, CommercerProfileResolver],
  exports: [CommercerService],
})
export class CommercersModule {}
