-- Each viewer's running totals in a live session on the live path (issue 9; docs/ARCHITECTURE.md
-- "Viewer totals kept by the live path"): a round writes a row only for the viewers with events
-- since its last one, summed from their viewer-minute rows, and the latest version of each key is
-- that viewer's whole session so far. The stats of a round that defers session_viewers read these
-- rows in place (the watch time capped at read, by the round's duration); the round that writes
-- session_viewers copies them. `start_ms` is part of the key, as in session_viewer_minutes: rows of
-- an earlier start are simply not read.
CREATE TABLE IF NOT EXISTS live_viewer_rows
(
    brand_id        LowCardinality(String),
    session_id      String,
    start_ms        Int64,
    viewer_id       String,
    first_seen_at   DateTime64(3, 'UTC'),
    last_active_at  DateTime64(3, 'UTC'),
    dwell_seconds   UInt64,                 -- Σ dwell, not capped (the cap is the round's duration)
    comments        UInt32,
    likes           UInt64,
    cart_adds       UInt32,
    orders          UInt32,
    revenue         Decimal(18, 4),
    follows         UInt32,
    shares          UInt32,
    product_clicks  UInt32,
    join_source     LowCardinality(String),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, start_ms, viewer_id);
