import { Module } from '@nestjs/common';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { SessionConnectionResolver, SessionMetricsResolver, SessionResolver } from './session.resolver.js';
import { SessionService } from './session.service.js';

@Module({
  imports: [BrandsModule],
  providers: [SessionRepository, SessionService, SessionResolver, SessionMetricsResolver, SessionConnectionResolver],
  exports: [SessionRepository, SessionService],
})
export class SessionsModule {}
