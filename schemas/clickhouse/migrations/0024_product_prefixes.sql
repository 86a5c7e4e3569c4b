-- Each product's distinct viewers and cart adds before a viewer prefix's cut (issue 11; docs/ARCHITECTURE.md
-- "Product prefixes"). The products statement counted, every round, the distinct viewers who saw, clicked
-- and carted each product, and the distinct cart adds, over all of the session's impressions, clicks and
-- cart adds: the statement of a round that grew most with the stream. A round that takes a viewer prefix
-- now also stores, per product, those four sets as they stood before the same cut (exact `uniqExact`
-- states); later rounds merge them with the states of the events from the cut on. A set's union
-- counts a viewer or a cart add seen on both sides once, so the merge is the count over all events.
-- Rows of one `version` (the snapshot's, as in viewer_prefix_rows), never rewritten, expiring alike.
CREATE TABLE IF NOT EXISTS product_prefix_rows
(
    brand_id        LowCardinality(String),
    session_id      String,
    version         UInt64,
    product_id      String,
    impressed       AggregateFunction(uniqExact, String),                        -- viewers with an impression
    clickers        AggregateFunction(uniqExact, String),                        -- viewers with a click
    cart_adds       AggregateFunction(uniqExact, Tuple(DateTime('UTC'), String)), -- (minute, event id) of each cart add
    cart_adders     AggregateFunction(uniqExact, String),                        -- viewers with a cart add
    written_at      DateTime DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (brand_id, session_id, version, product_id)
TTL written_at + INTERVAL 2 HOUR;

-- 1: the snapshot listed here has its product rows too. Snapshots taken before this migration have none;
-- a round reading one counts its products from all of the session's events, as before.
ALTER TABLE viewer_prefixes ADD COLUMN IF NOT EXISTS products UInt8 DEFAULT 0;
