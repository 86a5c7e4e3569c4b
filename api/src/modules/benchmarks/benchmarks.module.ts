import { Module } from '@nestjs/common';
import { BenchmarkRepository } from '../../repositories/benchmark.repository.js';
import { RollupStateModule } from '../rollup-state/rollup-state.module.js';
import { BenchmarkResolver } from './benchmark.resolver.js';
import { BenchmarkService } from './benchmark.service.js';

/** METRICS.md "Streams of the same size": percentiles of a session's KPIs among all brands' sessions of its size. */
@Module({
  imports: [RollupStateModule],
  providers: [BenchmarkRepository, BenchmarkService, BenchmarkResolver],
})
export class BenchmarksModule {}
