import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { OverviewResolver } from './overview.resolver.js';

@Module({ imports: [PeriodsModule, SessionsModule], providers: [OverviewResolver] })
export class OverviewModule {}
