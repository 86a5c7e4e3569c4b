import { Module } from '@nestjs/common';
import { InsightResolver } from './insight.resolver.js';

@Module({ providers: [InsightResolver] })
export class InsightsModule {}
