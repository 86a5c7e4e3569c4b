import { Module } from '@nestjs/common';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { SessionConnectionResolver, SessionMetricsResolver, SessionResolver } from './session.resolver.js';
import { SessionService } from './session.service.js';
import { LaterPurchaseRepository } from '../../repositories/later-purchase.repository.js';
import { LaterPurchaseResolver } from './later-purchase.resolver.js';
import { LaterPurchaseService } from './later-purchase.service.js';
import { LiveRepository } from '../../repositories/live.repository.js';
import { LiveSumsAhead } from './live-ahead.js';

@Module({
  imports: [BrandsModule, RollupStateModule],
  providers: [
    SessionRepository,
    SessionService,
    SessionResolver,
    SessionMetricsResolver,
    SessionConnectionResolver,
    LaterPurchaseRepository,
    LaterPurchaseService,
    LaterPurchaseResolver,
    LiveRepository,
    LiveSumsAhead,
  ],
  exports: [SessionRepository, SessionService, LaterPurchaseService, LiveSumsAhead],
})
export class SessionsModule {}
