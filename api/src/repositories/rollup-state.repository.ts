import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';

/**
 * A brand's rollup state: the sum of its sessions' current rollup versions, as a decimal string (a
 * sum past 2^64 wraps, which still changes with any term). Every rollup row of a brand — the
 * session, viewer, minute, first-session, purchase, product, segment and source rows — is written
 * by a rebuild of one of its sessions, which raises that session's version (a rebuild runs only
 * when the session has more events, and the version counts them: row-version.ts) and writes
 * `session_stats` last. So a value computed from the brand's rollups after its state was read is
 * never older than that state, and the state changes whenever such a value could.
 */
export const BRAND_STATE_SQL = `
SELECT toString(sum(version)) AS state
FROM session_stats FINAL
WHERE brand_id = {brandId:String}`;

@Injectable()
export class RollupStateRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async brandState(brandId: string): Promise<string> {
    const [row] = await this.gateway.query<{ state: string }>(
      BRAND_STATE_SQL,
      { brandId },
      { tag: 'rollups.brandState', settings: { max_threads: 1 } },
    );
    return row?.state ?? '0';
  }
}
