-- Tenants and their credentials. Small tables: ReplacingMergeTree keyed by id,
-- always read with FINAL so an update (rename, revoke) is a new row that wins.
CREATE TABLE IF NOT EXISTS brands
(
    brand_id   String,
    name       String,
    time_zone  String,
    currency   LowCardinality(String),
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY brand_id;

CREATE TABLE IF NOT EXISTS api_keys
(
    key_id     String,
    key_hash   String,                       -- sha256 of the secret; the secret itself is never stored
    scope      LowCardinality(String),       -- INGEST | READ
    brand_ids  Array(String),
    label      String,
    created_at DateTime64(3, 'UTC'),
    revoked_at Nullable(DateTime64(3, 'UTC')),
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY key_id;
