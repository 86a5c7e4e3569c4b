-- Issue 13, "Does engagement pay later?" (METRICS.md; decisions E-… in docs/METRICS-DECISIONS.md).
-- Each brand's viewer purchase timeline: one row per (viewer, session) the viewer bought in, with the
-- session's start, currency, orders and revenue. Only buyers have rows, so a brand's timeline is a
-- small fraction of session_viewers; keyed by viewer, so "did this viewer buy in a later session
-- started within 28 days?" reads a few rows per viewer. Rebuilt with the session's other rollups
-- from its session_viewers rows (same version); a row is never dropped, because a viewer who bought
-- in a session always keeps a purchase there (events are only ever added). The later-purchase
-- figures are computed at read from this table joined to the sessions' non-buyers, so a purchase
-- arriving days later changes every earlier session it follows without rewriting them.
CREATE TABLE IF NOT EXISTS viewer_purchases
(
    brand_id   LowCardinality(String),
    viewer_id  String,
    session_id String,
    started_at DateTime64(3, 'UTC'),   -- the session's start (a late session_start rewrites it)
    currency   LowCardinality(String),
    orders     UInt32,
    revenue    Decimal(18, 4),
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, viewer_id, session_id);
