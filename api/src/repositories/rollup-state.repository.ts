import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';

/**
 * Every brand's rollup state: the sum of its sessions' current rollup versions, as a decimal string
 * (a sum past 2^64 wraps, which still changes with any term). Every rollup row of a brand — the
 * session, viewer, minute, first-session, purchase, product, segment and source rows — is written by
 * a round of one of its sessions, which raises that session's version (a round's version is the
 * engine's clock when it started, above every earlier round's: row-version.ts) and writes
 * `session_stats` last; a new session adds a term. So a value computed from a brand's rollups after
 * its state was read is never older than that state, and the state changes whenever the value could.
 *
 * The statement has no parameters, so in embedded mode it does not queue for chdb's one
 * parameterized call at a time (engine-turns.ts): a read that finds its answer kept under the
 * current state waits for no rollup rebuild.
 */
export const BRAND_STATES_SQL = `
SELECT 'rollups' AS of, brand_id, toString(sum(version)) AS state
FROM session_stats FINAL
GROUP BY brand_id
UNION ALL
SELECT 'notes', brand_id, toString(sum(version))
FROM annotations FINAL
GROUP BY brand_id`;

/**
 * Each brand's rollup state, and its notes' state: the sum of the current versions of its
 * annotation rows. A note written or deleted is a row with a new, higher version (nextRowVersion),
 * so that sum grows with every change, whichever process made it.
 */
export interface BrandStates {
  rollups: Map<string, string>;
  notes: Map<string, string>;
}

@Injectable()
export class RollupStateRepository {
  /** The read under way: requests that ask at the same time share it. */
  private pending: Promise<BrandStates> | null = null;

  constructor(private readonly gateway: ClickHouseGateway) {}

  /**
   * Each brand's state (a brand without sessions has none). Requests that ask while a read is under
   * way share it, so they see states at most that read's duration (a few ms) older than their own.
   */
  brandStates(): Promise<BrandStates> {
    this.pending ??= this.gateway
      .query<{ of: 'rollups' | 'notes'; brand_id: string; state: string }>(
        BRAND_STATES_SQL,
        {},
        {
          tag: 'rollups.brandStates',
        },
      )
      .then((rows) => {
        const states: BrandStates = { rollups: new Map(), notes: new Map() };
        for (const row of rows) states[row.of].set(row.brand_id, row.state);
        return states;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** The rollup state of one brand; '' for a brand without sessions. */
  async brandState(brandId: string): Promise<string> {
    return (await this.brandStates()).rollups.get(brandId) ?? '';
  }
}
