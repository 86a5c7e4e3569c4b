-- Raw events: one row per accepted event, one wide table for every type (columns
-- that do not apply are left at their defaults, which ClickHouse stores almost for free).
--
-- Duplicates: a retried delivery repeats its eventId. The sorting key ends in
-- event_id, so a ReplacingMergeTree collapses repeats in background merges, and
-- every read that aggregates raw events uses FINAL (exact at read time, across
-- partitions). Reads are narrowed by (brand_id, session_id) first, so FINAL only
-- merges the parts of the sessions being read. Rollups below are rebuilt from
-- these FINAL reads, never fed by insert-time materialized views (which would
-- count every retried event again).
CREATE TABLE IF NOT EXISTS events
(
    brand_id       LowCardinality(String),
    session_id     String,
    event_id       String,
    type           Enum8('session_start' = 1, 'session_end' = 2, 'join' = 3, 'leave' = 4, 'dwell' = 5,
                         'comment' = 6, 'like' = 7, 'cart_add' = 8, 'purchase' = 9),
    occurred_at    DateTime64(3, 'UTC'),
    viewer_id      String,                  -- '' for session events and host comments
    -- session_start
    commercer_id   String,
    commercer_name String,
    commercer_kind LowCardinality(String),  -- professional | in_house
    title          String,
    platform       LowCardinality(String),
    -- join
    source         LowCardinality(String),
    -- dwell
    seconds        UInt16,
    -- comment
    author         LowCardinality(String),  -- viewer | host
    text           String,
    reply_to       String,
    -- like
    like_count     UInt16,
    stamp          LowCardinality(String),
    -- cart_add / purchase
    product_id     String,
    quantity       UInt32,
    unit_price     Decimal(18, 4),
    currency       LowCardinality(String),
    order_id       String,
    items          Array(Tuple(product_id String, quantity UInt32, unit_price Decimal(18, 4))),
    amount         Decimal(18, 4),          -- cart_add: quantity × unitPrice; purchase: Σ items
    received_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (brand_id, session_id, event_id)
SETTINGS index_granularity = 8192;
