-- Issue 13, peer benchmark read path, third pass (decision S13C-2 in docs/METRICS-DECISIONS.md).
-- Each finished session's peer benchmark answer — its band and, per benchmarked KPI, the percentile
-- and the counts of peers and of their brands, already NULL where the band is below the thresholds —
-- computed by the API when it refreshes session_peer_values, so a first view reads one row instead
-- of comparing the session with every peer. It holds exactly what the benchmark query lets out (P-5),
-- nothing of any peer. `stale` 1 marks a row whose inputs are about to change (a peer of its band and
-- window, or the session itself, has a new session_stats version): the read then computes the answer
-- at read, and the refresh computes it again. The newest row per (layout, session) wins (computed_at:
-- the engine's clock when the statement that wrote it started). Keyed like session_peer_values.
CREATE TABLE IF NOT EXISTS session_peer_percentiles
(
    layout      LowCardinality(String),
    brand_id    LowCardinality(String),
    session_id  String,
    started_at  DateTime64(3, 'UTC'),
    band        LowCardinality(String),
    stale       UInt8,
    has_peers   UInt8,                      -- 0: no peer at all in its band and window (the answer is null)
    percentiles Array(Nullable(Float64)),   -- one per benchmarked KPI, in the order of the layout
    peers       Array(Nullable(UInt64)),
    brands      Array(Nullable(UInt64)),
    computed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(computed_at)
ORDER BY (brand_id, session_id, layout);
