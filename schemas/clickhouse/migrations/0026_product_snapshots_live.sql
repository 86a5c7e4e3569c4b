-- Product snapshots on the live path (issue 11; docs/ARCHITECTURE.md "Product prefixes on the live path").
-- A live round counted each product's distinct viewers and cart adds from all of the session's
-- impressions, clicks and cart adds: the statement of a live round that grew most with the stream. A
-- live round now takes product rows alone (product_prefix_rows) about once a minute and lists them here
-- with `viewers` 0: they have no viewer_prefix_rows, so a whole rebuild never reads them as a viewer
-- snapshot. Snapshots listed before this migration (all taken by whole rebuilds) have both.
ALTER TABLE viewer_prefixes ADD COLUMN IF NOT EXISTS viewers UInt8 DEFAULT 1;
