-- The live path's viewer-minute rows sorted minute first, and viewer totals snapshots on it (issue 11;
-- docs/ARCHITECTURE.md "Viewer totals snapshots on the live path").
--
-- 1. live_viewer_minutes: session_viewer_minutes (migration 0016) with the same columns, sorted by
--    (…, start_ms, minute, viewer_id) instead of (…, start_ms, viewer_id, minute), so a read of a
--    stream's last minutes (the minute series' rebuilt minutes, the rows after a snapshot's minute) is
--    narrowed by the key rather than a scan of every viewer's every minute. The runner's data step copies
--    the stored rows over (a repeat of a row changes nothing: the table keeps each key's latest version);
--    session_viewer_minutes is no longer written.
CREATE TABLE IF NOT EXISTS live_viewer_minutes
(
    brand_id        LowCardinality(String),
    session_id      String,
    start_ms        Int64,
    viewer_id       String,
    minute          Int32,
    first_seen_at   DateTime64(3, 'UTC'),
    last_active_at  DateTime64(3, 'UTC'),   -- last event other than a leave (0 when none)
    active          UInt8,                  -- an event other than a leave: counts as watching
    dwell_seconds   UInt64,
    comments        UInt32,
    likes           UInt64,
    likes_by_stamp  Map(LowCardinality(String), UInt64),
    cart_adds       UInt32,
    order_ids       Array(String),
    order_amounts   Map(String, Decimal(18, 4)),  -- each order at its largest amount in the minute
    follows         UInt32,
    shares          UInt32,
    product_clicks  UInt32,
    joins           UInt32,
    first_join_at   DateTime64(3, 'UTC'),
    join_source     LowCardinality(String),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, start_ms, minute, viewer_id);

-- 2. A live round summed each viewer's totals (live_viewer_rows) from all their viewer-minute
-- rows, so its cost grew with the stream's minutes. A big live session now keeps, about once a minute, a
-- snapshot of each viewer's sums of their viewer-minute rows before a session minute (`minute`, counted
-- from the session's start `start_ms`; minute -1 before it is inside): `live_prefix_rows`, with the
-- columns of viewer_prefix_rows. A round then sums the snapshot and the viewer-minute rows from that
-- minute on, as long as nothing that happened before `cut_ms` (= start_ms + minute × 60 s) has arrived
-- since the snapshot's round started (less the margin). A snapshot is its rows of one `version` (the
-- round's), never rewritten; `live_prefixes` lists those whose rows are complete, and readers take the
-- latest one. Both expire after two hours, like the viewer prefixes: a reader uses none older than an hour.
CREATE TABLE IF NOT EXISTS live_prefix_rows
(
    brand_id        LowCardinality(String),
    session_id      String,
    version         UInt64,
    viewer_id       String,
    first_seen_at   DateTime64(3, 'UTC'),
    last_active_at  DateTime64(3, 'UTC'),  -- the latest event but a leave (1970 when there is none)
    dwell_seconds   UInt64,                -- Σ dwell, not capped (the cap is the round's duration)
    comments        UInt32,
    likes           UInt64,
    cart_adds       UInt32,
    order_amounts   Map(String, Decimal(18, 4)), -- each order's largest purchase amount
    follows         UInt32,
    shares          UInt32,
    product_clicks  UInt32,
    joins           UInt32,
    first_join_at   DateTime64(3, 'UTC'),
    join_source     LowCardinality(String),
    written_at      DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (brand_id, session_id, version, viewer_id)
TTL written_at + INTERVAL 2 HOUR;

CREATE TABLE IF NOT EXISTS live_prefixes
(
    brand_id        LowCardinality(String),
    session_id      String,
    version         UInt64,
    start_ms        Int64,
    minute          Int32,
    cut_ms          Int64,
    written_at      DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (brand_id, session_id, version)
TTL written_at + INTERVAL 2 HOUR;
