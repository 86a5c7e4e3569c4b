import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module.js';
import { InsightResolver } from './insight.resolver.js';

@Module({ imports: [PeriodsModule], providers: [InsightResolver] })
export class InsightsModule {}
