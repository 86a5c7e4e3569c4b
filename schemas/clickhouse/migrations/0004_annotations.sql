-- Notes on a session or brand timeline (preparation notes, featured product, promotion).
-- Deleting writes a newer row with deleted = 1; reads use FINAL.
CREATE TABLE IF NOT EXISTS annotations
(
    brand_id      LowCardinality(String),
    annotation_id String,
    session_id    String,                 -- '' for a brand-level note
    at            DateTime64(3, 'UTC'),
    kind          LowCardinality(String), -- NOTE | PREPARATION | FEATURED_PRODUCT | PROMOTION
    text          String,
    created_at    DateTime64(3, 'UTC'),
    deleted       UInt8 DEFAULT 0,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, annotation_id);
