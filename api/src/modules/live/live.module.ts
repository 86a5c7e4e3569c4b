import { Module } from '@nestjs/common';
import { LiveRepository } from '../../repositories/live.repository.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionLiveResolver } from './live.resolver.js';
import { LiveService } from './live.service.js';

@Module({
  imports: [SessionsModule],
  providers: [LiveRepository, LiveService, SessionLiveResolver],
  exports: [LiveService],
})
export class LiveModule {}
