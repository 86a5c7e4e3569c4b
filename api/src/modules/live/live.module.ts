import { Module } from '@nestjs/common';
import { LiveRepository } from '../../repositories/live.repository.js';
import { AuthModule } from '../auth/auth.module.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionWatch } from './session-watch.js';
import { LiveStateResolver, SessionLiveResolver } from './live.resolver.js';
import { LiveService } from './live.service.js';

@Module({
  imports: [SessionsModule, AuthModule, RollupStateModule],
  providers: [LiveRepository, LiveService, SessionWatch, SessionLiveResolver, LiveStateResolver],
  exports: [LiveService],
})
export class LiveModule {}
