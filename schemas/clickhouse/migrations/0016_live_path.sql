-- The incremental live path (issue 11; docs/ARCHITECTURE.md "A live path that does not grow with
-- the stream").
--
-- 1. Events findable by minute. `events_by_minute` has the columns of `events` and the sorting key
--    (brand_id, session_id, toStartOfMinute(occurred_at), event_id), so a FINAL read of a few minutes
--    of one session touches only their granules. The migration runner copies the events into it and
--    swaps the two tables (EXCHANGE, a data step in migrate.ts), then drops the old one: every query
--    keeps naming `events`. A retried delivery repeats its occurredAt, so its copies still share one
--    key and FINAL still collapses them (docs/METRICS-DECISIONS.md L-1). The minmax index on
--    received_at lets a rollup round find what arrived since its last round without reading the rest.
CREATE TABLE IF NOT EXISTS events_by_minute
(
    brand_id       LowCardinality(String),
    session_id     String,
    event_id       String,
    type           Enum8('session_start' = 1, 'session_end' = 2, 'join' = 3, 'leave' = 4, 'dwell' = 5,
                         'comment' = 6, 'like' = 7, 'cart_add' = 8, 'purchase' = 9, 'refund' = 10,
                         'follow' = 11, 'share' = 12, 'product_pin' = 13, 'product_unpin' = 14,
                         'product_impression' = 15, 'product_click' = 16, 'recap' = 17),
    occurred_at    DateTime64(3, 'UTC'),
    viewer_id      String,
    commercer_id   String,
    commercer_name String,
    commercer_kind LowCardinality(String),
    title          String,
    platform       LowCardinality(String),
    source         LowCardinality(String),
    channel        LowCardinality(String),
    seconds        UInt16,
    author         LowCardinality(String),
    text           String,
    reply_to       String,
    like_count     UInt16,
    stamp          LowCardinality(String),
    product_id     String,
    product_name   String,
    quantity       UInt32,
    unit_price     Decimal(18, 4),
    currency       LowCardinality(String),
    order_id       String,
    items          Array(Tuple(product_id String, quantity UInt32, unit_price Decimal(18, 4))),
    amount         Decimal(18, 4),
    received_at    DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX received_at_minmax received_at TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (brand_id, session_id, toStartOfMinute(occurred_at), event_id)
SETTINGS index_granularity = 8192;

-- 2. Per viewer and minute of a live session: what session_viewers and session_minutes are summed
--    from, so a round rebuilds only the minutes that received events. `minute` counts from the
--    session's start (`start_ms`, part of the key: rows of an earlier start are simply not read);
--    -1 holds everything before the start. viewer_id '' holds the events without a viewer (host
--    comments, pins), so a minute with only those still has its session_minutes row. Each row is a
--    function of `events FINAL` in its minute, rewritten whole by the round that rebuilds it; the
--    latest version of each key wins.
CREATE TABLE IF NOT EXISTS session_viewer_minutes
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
ORDER BY (brand_id, session_id, start_ms, viewer_id, minute);

-- 3. How many events a whole rebuild counted (0 when the live path built the row): a rebuild of an
--    ended session that would count as many events as the rollup it replaces is skipped.
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS events_read UInt64 DEFAULT 0 AFTER uncovered_watch_seconds;
