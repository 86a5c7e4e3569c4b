import { Module } from '@nestjs/common';
import { OverviewResolver } from './overview.resolver.js';

@Module({ providers: [OverviewResolver] })
export class OverviewModule {}
