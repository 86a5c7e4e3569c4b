import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { OverviewResolver } from './overview.resolver.js';

@Module({ imports: [BrandsModule, PeriodsModule, SessionsModule], providers: [OverviewResolver] })
export class OverviewModule {}
