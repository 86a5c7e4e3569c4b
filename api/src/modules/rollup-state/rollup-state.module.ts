import { Module } from '@nestjs/common';
import { KeptBrandReads } from '../../repositories/kept-brand-reads.js';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';

/**
 * The API's one source of rollup change state (S11R2-1): one RollupStateRepository per app, so the
 * session and community reads (and whoever else imports this module: the peer benchmark's cache,
 * the live watch) share its reads instead of each scanning session_stats; and the period pages' reads
 * kept under those states (KeptBrandReads).
 */
@Module({
  providers: [RollupStateRepository, KeptBrandReads],
  exports: [RollupStateRepository, KeptBrandReads],
})
export class RollupStateModule {}
