import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, type QueryOptions, type QueryParams } from '@lc/clickhouse';
import { LRUCache } from 'lru-cache';
import { RollupStateRepository } from './rollup-state.repository.js';

/** What a brand's read depends on: its rollup rows, its host costs and fees. */
export type BrandStateKind = 'rollups' | 'costs';

/**
 * How many answers are kept (each a period's totals, products or cost rows of one brand: a few KB to a
 * few hundred KB). Answers under an old state are never asked again and age out.
 */
export const KEPT_BRAND_READS = 300;

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
 * failed read is not kept. Callers get a copy: rows are decorated and sorted downstream.
 *
 * Only reads of one brand's rollup (and cost) tables with parameters that say everything they depend on
 * belong here — nothing that reads the clock, raw events or another brand.
 */
@Injectable()
export class KeptBrandReads {
  private readonly kept = new LRUCache<string, Promise<unknown[]>>({ max: KEPT_BRAND_READS });

  constructor(
    private readonly gateway: ClickHouseGateway,
    private readonly states: RollupStateRepository,
  ) {}

  async query<T>(
    brandId: string,
    dependsOn: readonly BrandStateKind[],
    sql: string,
    params: QueryParams,
    options: QueryOptions,
  ): Promise<T[]> {
    const states = await Promise.all(
      dependsOn.map((kind) => (kind === 'rollups' ? this.states.brandState(brandId) : this.states.costState(brandId))),
    );
    const key = JSON.stringify([brandId, dependsOn, states, sql, params, options.settings ?? null]);
    let rows = this.kept.get(key) as Promise<T[]> | undefined;
    if (!rows) {
      const read = this.gateway.query<T>(sql, params, options);
      this.kept.set(key, read);
      read.catch(() => {
        if (this.kept.get(key) === read) this.kept.delete(key);
      });
      rows = read;
    }
    return structuredClone(await rows);
  }
}
