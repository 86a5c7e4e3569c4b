import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CommercerResolver } from './commercer.resolver.js';
import { CommercerService } from './commercer.service.js';

@Module({
  imports: [CommunityModule, PeriodsModule, SessionsModule],
  providers: [CommercerService, CommercerResolver],
  exports: [CommercerService],
})
export class CommercersModule {}
