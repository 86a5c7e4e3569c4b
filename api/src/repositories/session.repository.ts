import { Injectable } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/schemas/clickhouse';
import { SESSION_METRICS } from '../metrics/session-metric.definitions.js';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export interface SessionRow {
  brand_id: string;
  session_id: string;
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  title: string;
  platform: string;
  currency: string;
  started_at: string;
  ended_at: string | null;
  last_event_at: string;
  metrics: Record<string, number | null>;
}

const METRIC_COLUMNS = SESSION_METRICS.map((m) => `${m.sql} AS m_${m.name}`).join(',\n  ');

/**
 * Sessions with their KPIs, read from the session_stats rollup. The returning
 * viewer count joins each session's viewers (of the rollup's current version)
 * with their brand-wide first session.
 */
const SESSIONS_SQL = (where: string) => `
WITH
selected AS (
  SELECT * FROM session_stats AS s FINAL
  WHERE ${scopeFilter('s.brand_id')} AND ${where}
  ORDER BY s.started_at DESC
  LIMIT {limit:UInt32}
),
returning_counts AS (
  SELECT v.session_id AS session_id, countIf(f.first_started_at < v.started_at) AS returning
  FROM session_viewers AS v
  INNER JOIN (SELECT session_id, version FROM selected) AS cur ON cur.session_id = v.session_id AND cur.version = v.version
  LEFT JOIN (
    SELECT brand_id, viewer_id, min(first_started_at) AS first_started_at
    FROM viewer_first_session
    WHERE ${scopeFilter('brand_id')}
    GROUP BY brand_id, viewer_id
  ) AS f ON f.brand_id = v.brand_id AND f.viewer_id = v.viewer_id
  WHERE ${scopeFilter('v.brand_id')} AND v.session_id IN (SELECT session_id FROM selected)
  GROUP BY v.session_id
)
SELECT
  s.brand_id AS brand_id, s.session_id AS session_id, s.commercer_id AS commercer_id, s.commercer_name AS commercer_name,
  s.commercer_kind AS commercer_kind, s.title AS title, s.platform AS platform,
  -- a session without sales has no currency of its own: show the brand's
  if(s.currency = '', br.currency, s.currency) AS currency,
  s.started_at AS started_at, s.ended_at AS ended_at, s.last_event_at AS last_event_at,
  ${METRIC_COLUMNS}
FROM selected AS s
LEFT JOIN returning_counts AS r ON r.session_id = s.session_id
LEFT JOIN (SELECT brand_id, currency FROM brands FINAL WHERE ${scopeFilter('brand_id')}) AS br ON br.brand_id = s.brand_id
ORDER BY s.started_at DESC`;

type RawRow = Omit<SessionRow, 'metrics'> & Record<`m_${string}`, number | null>;

function toSessionRow(raw: RawRow): SessionRow {
  const metrics: Record<string, number | null> = {};
  for (const m of SESSION_METRICS) {
    const value = raw[`m_${m.name}`];
    metrics[m.name] = value === null || value === undefined ? null : Number(value);
  }
  return {
    brand_id: raw.brand_id,
    session_id: raw.session_id,
    commercer_id: raw.commercer_id,
    commercer_name: raw.commercer_name,
    commercer_kind: raw.commercer_kind,
    title: raw.title,
    platform: raw.platform,
    currency: raw.currency,
    started_at: raw.started_at,
    ended_at: raw.ended_at,
    last_event_at: raw.last_event_at,
    metrics,
  };
}

@Injectable()
export class SessionRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async findByIds(scope: BrandScope, ids: readonly string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.gateway.query<RawRow>(
      SESSIONS_SQL('s.session_id IN {ids:Array(String)}'),
      { ...scope.params, ids: [...ids], limit: ids.length },
      { tag: 'sessions.byIds' },
    );
    return rows.map(toSessionRow);
  }

  async list(scope: BrandScope, limit: number): Promise<SessionRow[]> {
    const rows = await this.gateway.query<RawRow>(
      SESSIONS_SQL('1'),
      { ...scope.params, limit },
      { tag: 'sessions.list' },
    );
    return rows.map(toSessionRow);
  }
}
