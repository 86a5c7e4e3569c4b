-- The rare events of every session, apart (issue 11: a live round that does not grow with the stream).
--
-- A live round reads a session's starts and ends, pins, carts and sales (the frame: dimensions, pins,
-- the first currency), its purchases, refunds and recaps (session_stats, products), its product
-- impressions and clicks (products) and the host's replies (comments answered). In `events` those are
-- a small share of the rows, spread through every granule of the session, so reading them read
-- (almost) the whole session's columns each round.
-- Here they sit together, sorted by type, and a round reads only them. The materialized view copies
-- them as they are inserted into `events` (one insert: a row is in both tables or in neither);
-- migrate.ts copies the ones stored before it. A repeat is copied again like any insert: every read
-- of this table is written so that repeats change nothing (FINAL, LIMIT 1 BY the key, distinct keys,
-- minimums), exactly as those reads of `events` were.
CREATE TABLE IF NOT EXISTS rare_events
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
    author         LowCardinality(String),
    reply_to       String,
    product_id     String,
    product_name   String,
    currency       LowCardinality(String),
    order_id       String,
    items          Array(Tuple(product_id String, quantity UInt32, unit_price Decimal(18, 4))),
    amount         Decimal(18, 4)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (brand_id, session_id, type, toStartOfMinute(occurred_at), event_id)
SETTINGS index_granularity = 8192;

CREATE MATERIALIZED VIEW IF NOT EXISTS rare_events_copy TO rare_events AS
SELECT brand_id, session_id, event_id, type, occurred_at, viewer_id, commercer_id, commercer_name, commercer_kind, title,
       platform, author, reply_to, product_id, product_name, currency, order_id, items, amount
FROM events
WHERE type IN ('session_start', 'session_end', 'product_pin', 'product_unpin', 'cart_add', 'purchase', 'refund', 'recap',
                'product_impression', 'product_click')
   OR (type = 'comment' AND author = 'host' AND reply_to != '');
