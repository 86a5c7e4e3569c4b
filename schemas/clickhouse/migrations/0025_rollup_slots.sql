-- Two slots per rollup key (issue 11; docs/ARCHITECTURE.md "Two slots per rollup key"). Readers take a
-- session's rows of the round its session_stats row points at, and a round writes its new rows before
-- it moves the pointer. Keyed without a slot, a background merge of the new rows with the pointed-at
-- ones kept only the new ones, and until the pointer moved a reader found the session's rows gone
-- (`npm run probe:pointer-race`: 2–15 % of reads during back-to-back rounds). Each write now takes the
-- slot the pointed-at rows do not use, so a merge collapses only the generation before them.
-- A new column can join the sorting key only in the ALTER that adds it, and only without a default
-- (the rows written before get 0); running it again changes nothing.
ALTER TABLE session_minutes ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, minute, slot);
ALTER TABLE session_products ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, product_id, slot);
ALTER TABLE session_pin_segments ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, segment, slot);
ALTER TABLE session_viewers ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, viewer_id, slot);
ALTER TABLE session_sources ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, source, slot);
ALTER TABLE viewer_purchases ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, viewer_id, session_id, slot);
