import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, type QueryOptions, type QueryParams } from '@lc/clickhouse';
import { LRUCache } from 'lru-cache';
import { RollupStateRepository } from './rollup-state.repository.js';

/** What a brand's read depends on: its rollup rows, its host costs and fees. */
export type BrandStateKind = 'rollups' | 'costs';

/**
 * How much is kept: at most this many answers, and this many bytes of rows (their JSON length; a
 * period's totals, products or cost rows of one brand are a few KB to a few hundred KB — a long
 * period's totals carry a point per session). Answers under an old state are never asked again and
 * age out, least recently used first.
 */
export const KEPT_BRAND_READS = { answers: 1_000, bytes: 64 * 1024 * 1024 } as const;

/**
 * A brand's period reads kept under the brand's states (issue 11, "reads faster than raw scans").
 *
 * A read of a brand's rollups depends on nothing but its statement, its parameters and those rows; the
 * brand's rollup state (RollupStateRepository) changes whenever any of them may have, and its cost state
 * whenever a host cost or fee was set or cleared. So (states, statement, parameters) names an answer:
 * while they are the same, the statement would return the same rows. The states obey the freshness rule
 * (fresh-read.ts): a rollup round or a cost that finished before a request arrived is in its state, so in
 * its answer. In embedded mode, while nothing was written, a repeated page runs no statement at all; in
 * server mode it runs the state statement (shared by concurrent requests) and none of its own.
 *
 * Requests that ask the same thing under the same state while it is being read share that one read; a
 * failed read is not kept. Callers get a copy: rows are decorated and sorted downstream. What is kept is
 * bounded by count and by size (KEPT_BRAND_READS).
 *
 * Only reads of one brand's rollup (and cost) tables with parameters that say everything they depend on
 * belong here — nothing that reads the clock, raw events or another brand.
 */
@Injectable()
export class KeptBrandReads {
  private readonly kept = new LRUCache<string, Promise<unknown[]>>({
    max: KEPT_BRAND_READS.answers,
    maxSize: KEPT_BRAND_READS.bytes,
  });

  constructor(
    private readonly gateway: ClickHouseGateway,
    private readonly states: RollupStateRepository,
  ) {}

  /** The brand's state of one kind, as the kept reads are keyed by it ('' for none). */
  stateOf(brandId: string, kind: BrandStateKind): Promise<string> {
    return kind === 'rollups' ? this.states.brandState(brandId) : this.states.costState(brandId);
  }

  async query<T>(
    brandId: string,
    dependsOn: readonly BrandStateKind[],
    sql: string,
    params: QueryParams,
    options: QueryOptions,
  ): Promise<T[]> {
    const states = await Promise.all(dependsOn.map((kind) => this.stateOf(brandId, kind)));
    const key = JSON.stringify([brandId, dependsOn, states, sql, params, options.settings ?? null]);
    let rows = this.kept.get(key) as Promise<T[]> | undefined;
    if (!rows) {
      const read = this.gateway.query<T>(sql, params, options);
      // counted as one byte while it is read, then as its rows' size (too big an answer is dropped)
      this.kept.set(key, read, { size: 1 });
      read.then(
        (done) => {
          if (this.kept.peek(key) === read)
            this.kept.set(key, read, { size: Math.max(1, JSON.stringify(done).length) });
        },
        () => {
          if (this.kept.peek(key) === read) this.kept.delete(key);
        },
      );
      rows = read;
    }
    return structuredClone(await rows);
  }
}
