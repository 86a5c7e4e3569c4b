import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';

/**
 * Every brand's rollup state: the sum of its sessions' current rollup versions, as a decimal string
 * (a sum past 2^64 wraps, which still changes with any term). Every rollup row of a brand — the
 * session, viewer, minute, first-session, purchase, product, segment and source rows — is written by
 * a rebuild of one of its sessions, which raises that session's version (a rebuild runs only when
 * the session has more events, and the version counts them: row-version.ts) and writes
 * `session_stats` last; a new session adds a term. So a value computed from a brand's rollups after
 * its state was read is never older than that state, and the state changes whenever the value could.
 *
 * The statement has no parameters, so in embedded mode it does not queue for chdb's one
 * parameterized call at a time (engine-turns.ts): a read that finds its answer kept under the
 * current state waits for no rollup rebuild.
 */
export const BRAND_STATES_SQL = `
SELECT brand_id, toString(sum(version)) AS state
FROM session_stats FINAL
GROUP BY brand_id`;

@Injectable()
export class RollupStateRepository {
  /** The read under way: requests that ask at the same time share it. */
  private pending: Promise<Map<string, string>> | null = null;

  constructor(private readonly gateway: ClickHouseGateway) {}

  /**
   * Each brand's state (a brand without sessions has none). Requests that ask while a read is under
   * way share it, so they see states at most that read's duration (a few ms) older than their own.
   */
  brandStates(): Promise<Map<string, string>> {
    this.pending ??= this.gateway
      .query<{ brand_id: string; state: string }>(BRAND_STATES_SQL, {}, { tag: 'rollups.brandStates' })
      .then((rows) => new Map(rows.map((r) => [r.brand_id, r.state])))
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** The state of one brand; '' for a brand without sessions. */
  async brandState(brandId: string): Promise<string> {
    return (await this.brandStates()).get(brandId) ?? '';
  }
}
