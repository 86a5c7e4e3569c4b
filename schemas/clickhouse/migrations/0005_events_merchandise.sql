-- Merchandise events (METRICS.md "Events", issue 8): refunds, follows, shares, product pins,
-- impressions and clicks, recaps. They reuse the columns of the wide table where the meaning is
-- the same and add two:
--   refund                        → order_id, amount (the money returned), currency
--   product_pin / product_unpin /
--   product_impression / product_click → product_id; a pin also product_name
--   share                         → channel
--   recap                         → text
--   follow                        → nothing beyond viewer_id
--
-- Re-running after a cut-short run is harmless: the runner records the version only after the
-- statement ran, MODIFY COLUMN to the type a column already has changes nothing, and ADD COLUMN
-- IF NOT EXISTS skips a column that is there. Widening the Enum only adds values (1–9 keep their
-- numbers), so it rewrites no data part. On a cluster this becomes the same ALTER on events_local
-- and on the Distributed events (cluster.ddl.ts), so both accept the new types and columns.
ALTER TABLE events
    MODIFY COLUMN type Enum8('session_start' = 1, 'session_end' = 2, 'join' = 3, 'leave' = 4, 'dwell' = 5,
                             'comment' = 6, 'like' = 7, 'cart_add' = 8, 'purchase' = 9,
                             'refund' = 10, 'follow' = 11, 'share' = 12, 'product_pin' = 13,
                             'product_unpin' = 14, 'product_impression' = 15, 'product_click' = 16,
                             'recap' = 17),
    ADD COLUMN IF NOT EXISTS channel LowCardinality(String) AFTER source,
    ADD COLUMN IF NOT EXISTS product_name String AFTER product_id;
