import { Module } from '@nestjs/common';
import { SessionConnectionResolver, SessionMetricsResolver, SessionResolver } from './session.resolver.js';

@Module({ providers: [SessionResolver, SessionMetricsResolver, SessionConnectionResolver] })
export class SessionsModule {}
