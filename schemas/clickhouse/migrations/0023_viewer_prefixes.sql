-- Each viewer's totals over the events before a cut, for a big live session rebuilt whole (issue 9;
-- docs/ARCHITECTURE.md "Viewer prefixes: the whole path reads only the stream's recent minutes").
-- A round that writes its viewer rows stores a snapshot: per viewer, what VIEWERS_FROM_EVENTS would
-- aggregate of the session's events (FINAL) that happened before `cut_ms` (a clock minute). Later
-- rounds work each viewer's row out of that snapshot and the events from the cut on, as long as
-- nothing that happened before the cut has arrived since the snapshot's round started (less the
-- margin). A snapshot is its rows of one `version` (the round's), never rewritten; `viewer_prefixes`
-- lists the snapshots whose rows are complete (the round adds its row after its rows), and readers
-- take the latest one. Snapshots expire after two hours (a new one is taken about once a minute while
-- the stream runs): a reader uses none older than an hour.
CREATE TABLE IF NOT EXISTS viewer_prefix_rows
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

CREATE TABLE IF NOT EXISTS viewer_prefixes
(
    brand_id        LowCardinality(String),
    session_id      String,
    version         UInt64,
    cut_ms          Int64,
    written_at      DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (brand_id, session_id, version)
TTL written_at + INTERVAL 2 HOUR;
