-- One row per (session, traffic source): METRICS.md "Traffic sources", read by the session page and
-- added up over a period's sessions. Built from session_viewers (each viewer's first join's source)
-- in the same rebuild, with its version, so it is exactly the viewer rows grouped by source.
CREATE TABLE IF NOT EXISTS session_sources
(
    brand_id        LowCardinality(String),
    session_id      String,
    source          LowCardinality(String),   -- 'unknown' without a join or a source
    viewers         UInt32,
    engaged_viewers UInt32,
    buyers          UInt32,
    revenue         Decimal(18, 4),
    watch_seconds   Float64,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, source);
