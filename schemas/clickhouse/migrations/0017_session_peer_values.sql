-- Issue 13, peer benchmark read path (decision S13B-1 in docs/METRICS-DECISIONS.md).
-- Each session's benchmarked KPI values, computed once from its session_stats row (the same
-- expressions as the session's own KPIs), so that the peer-benchmark read compares stored numbers
-- instead of planning ~40 KPI expressions over every brand's sessions. One row per (KPI layout,
-- session), the latest session_stats version winning. The API refreshes it from session_stats
-- FINAL (only the sessions whose version it does not hold yet) whenever session_stats changed, and
-- before it reads it. `layout` names the list of KPI expressions the values were computed with (a
-- hash of their SQL): a build with other KPIs writes and reads its own rows and never compares
-- values computed differently. Keyed (and on a cluster sharded) like session_stats, by brand and
-- session, so the refresh compares rows that live on the same shard. Like session_stats, it holds
-- other brands' numbers and is read only by the benchmark query, which lets nothing but percentiles
-- and counts out (P-5).
CREATE TABLE IF NOT EXISTS session_peer_values
(
    layout     LowCardinality(String),
    brand_id   LowCardinality(String),
    session_id String,
    started_at DateTime64(3, 'UTC'),
    ended      UInt8,                     -- ended_at IS NOT NULL: only finished sessions are peers
    band       LowCardinality(String),    -- the size band of its unique_viewers
    currency   LowCardinality(String),    -- '' without sales: its amounts compare in every currency
    kpi_values Array(Nullable(Float64)),  -- one per benchmarked KPI, in the order of the layout
    version    UInt64                     -- the session_stats version they were computed from
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, layout);
