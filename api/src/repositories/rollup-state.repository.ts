import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';
import { FreshRead } from '../common/fresh-read.js';

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

/** The tables BRAND_STATES_SQL reads: a finished write to one of them may change the states. */
export const BRAND_STATES_TABLES = ['session_stats', 'annotations'] as const;

/**
 * Each brand's host-cost state: the sum of the current versions of its session-cost and commercer-fee
 * rows. Setting or clearing a cost or fee writes a row with a new, higher version (nextRowVersion) that
 * replaces the one before, so the sum grows with every change, whichever process made it. Read apart
 * from the rollup states: costs change by hand, rarely, and rounds write session_stats every second.
 */
export const COST_STATES_SQL = `
SELECT brand_id, toString(sum(version)) AS state
FROM (SELECT brand_id, version FROM session_costs FINAL UNION ALL SELECT brand_id, version FROM commercer_fees FINAL)
GROUP BY brand_id`;

/** The tables COST_STATES_SQL reads. */
export const COST_STATES_TABLES = ['session_costs', 'commercer_fees'] as const;

/**
 * Each brand's rollup state, and its notes' state: the sum of the current versions of its
 * annotation rows. A note written or deleted is a row with a new, higher version (nextRowVersion),
 * so that sum grows with every change, whichever process made it.
 */
export interface BrandStates {
  rollups: Map<string, string>;
  notes: Map<string, string>;
  /**
   * Every brand's rollup state in one opaque value (salted per process and hashed): it changes
   * whenever any brand's does, and says nothing else — what a read across brands (the peer benchmark,
   * S13-1) or a watch over many sessions (SessionWatch) is kept under.
   */
  token: string;
}

/**
 * The API's one source of "did the rollups change?" (S11R2-1): one instance per app
 * (RollupStateModule), shared by the session and community reads and open to the peer benchmark's
 * cache and the live watch. Every answer obeys the freshness rule of FreshRead: it comes from a read
 * that started after the request arrived, or from one after which no write to session_stats or
 * annotations has finished — so a rollup round (session_stats is its last write) that finished
 * before a request arrived is always in that request's state. In embedded mode the gateway sees
 * every write, so while none finished the states are answered without a statement; concurrent
 * requests share one read in both modes.
 */
@Injectable()
export class RollupStateRepository {
  private readonly salt = randomBytes(16).toString('hex');
  private readonly states: FreshRead<BrandStates>;
  private readonly costs: FreshRead<Map<string, string>>;

  constructor(private readonly gateway: ClickHouseGateway) {
    this.states = new FreshRead(
      () => this.read(),
      () => gateway.writeMark(BRAND_STATES_TABLES),
    );
    this.costs = new FreshRead(
      async () => {
        const rows = await gateway.query<{ brand_id: string; state: string }>(
          COST_STATES_SQL,
          {},
          { tag: 'rollups.costStates' },
        );
        return new Map(rows.map((row) => [row.brand_id, row.state]));
      },
      () => gateway.writeMark(COST_STATES_TABLES),
    );
  }

  /** Each brand's state (a brand without sessions has none), as of this call or later. */
  brandStates(): Promise<BrandStates> {
    return this.states.current();
  }

  /** The rollup state of one brand; '' for a brand without sessions. */
  async brandState(brandId: string): Promise<string> {
    return (await this.brandStates()).rollups.get(brandId) ?? '';
  }

  /** The host-cost state of one brand (COST_STATES_SQL), under the same freshness rule; '' for none set. */
  async costState(brandId: string): Promise<string> {
    return (await this.costs.current()).get(brandId) ?? '';
  }

  /** One opaque value that changes whenever any brand's rollup state does (BrandStates.token). */
  async changeToken(): Promise<string> {
    return (await this.brandStates()).token;
  }

  /** The one statement: every brand's states. */
  private async read(): Promise<BrandStates> {
    const rows = await this.gateway.query<{ of: 'rollups' | 'notes'; brand_id: string; state: string }>(
      BRAND_STATES_SQL,
      {},
      { tag: 'rollups.brandStates' },
    );
    const rollups = new Map<string, string>();
    const notes = new Map<string, string>();
    for (const row of rows) (row.of === 'rollups' ? rollups : notes).set(row.brand_id, row.state);
    const token = createHash('sha256')
      .update(this.salt)
      .update(JSON.stringify([...rollups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
      .digest('hex');
    return { rollups, notes, token };
  }
}
