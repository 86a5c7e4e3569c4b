import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, engagedViewer } from '@lc/clickhouse';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';
import { CURRENT_VIEWERS, viewerRefParams, type SessionRef } from './session.repository.js';

export interface LaterPurchaseRow {
  brand_id: string;
  session_id: string;
  started_at: string;
  later_engaged: number;
  later_passive: number;
  currencies: string[];
  amounts: number[];
}

/**
 * A non-buyer of a session (its row `n` of session_viewers) who bought (`p`, a row of
 * viewer_purchases) in a later session of the brand that started within the 28 days after (E-1):
 * strictly later start, before start + 28 days.
 */
export const LATER_PURCHASE_WINDOW = (n: string, p: string) =>
  `${p}.started_at > ${n}.started_at AND ${p}.started_at < ${n}.started_at + INTERVAL 28 DAY`;

/**
 * METRICS.md "Does engagement pay later?" for single sessions, read when asked for: the sessions'
 * non-buyers (their current session_viewers rows) joined to the brand's purchase timeline
 * (viewer_purchases, migration 0013). Computed at read, so a purchase that arrives days later counts
 * for every earlier session as soon as its own session's rollup has run (docs/ARCHITECTURE.md).
 */
@Injectable()
export class LaterPurchaseRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  /** Per session: its start, later buyers among its engaged and passive non-buyers, and their later revenue per currency. */
  async bySession(scope: BrandScope, refs: readonly SessionRef[]): Promise<LaterPurchaseRow[]> {
    return this.gateway.query<LaterPurchaseRow>(
      `WITH non_buyers AS (
         SELECT v.brand_id AS brand_id, v.session_id AS session_id, v.viewer_id AS viewer_id, v.started_at AS started_at,
                ${engagedViewer('v')} AS engaged
         FROM session_viewers AS v
         WHERE ${scopeFilter('v.brand_id')} AND ${CURRENT_VIEWERS('v')} AND v.orders = 0
       ),
       later AS (
         SELECT n.brand_id AS brand_id, n.session_id AS session_id,
                -- a viewer is one later buyer of the session however many later purchases they made
                uniqExactIf(n.viewer_id, n.engaged) AS later_engaged,
                uniqExactIf(n.viewer_id, NOT n.engaged) AS later_passive,
                sumMap([toString(p.currency)], [toFloat64(p.revenue)]) AS money
         FROM non_buyers AS n
         INNER JOIN (
           SELECT brand_id, viewer_id, session_id, started_at, currency, revenue
           FROM viewer_purchases FINAL
           WHERE ${scopeFilter('brand_id')} AND viewer_id IN (SELECT viewer_id FROM non_buyers)
         ) AS p ON p.brand_id = n.brand_id AND p.viewer_id = n.viewer_id
         WHERE ${LATER_PURCHASE_WINDOW('n', 'p')}
         GROUP BY n.brand_id, n.session_id
       )
       SELECT s.brand_id AS brand_id, s.session_id AS session_id, toString(s.started_at) AS started_at, l.later_engaged AS later_engaged,
              l.later_passive AS later_passive, l.money.1 AS currencies, l.money.2 AS amounts
       FROM session_stats AS s FINAL
       LEFT JOIN later AS l ON l.brand_id = s.brand_id AND l.session_id = s.session_id
       WHERE ${scopeFilter('s.brand_id')} AND s.session_id IN {ids:Array(String)}`,
      { ...scope.params, ...viewerRefParams(refs) },
      { tag: 'sessions.laterPurchases', settings: { max_threads: 1 } },
    );
  }
}
