-- Host cost (issue 14, METRICS.md "Professional vs in-house, cost and audience size"): what a brand pays
-- its hosts, set by hand. A cost per session, or a commercer's fee for a calendar month of the brand's
-- zone ('YYYY-MM'); the API spreads a fee over that month's sessions of the commercer by duration.
-- Setting again writes a newer row; clearing writes one with deleted = 1; reads use FINAL.
CREATE TABLE IF NOT EXISTS session_costs
(
    brand_id   LowCardinality(String),
    session_id String,
    amount     Decimal(18, 4),
    currency   LowCardinality(String), -- ISO-4217
    updated_at DateTime64(3, 'UTC'),
    deleted    UInt8 DEFAULT 0,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id);

CREATE TABLE IF NOT EXISTS commercer_fees
(
    brand_id     LowCardinality(String),
    commercer_id String,
    month        String,                 -- 'YYYY-MM', a calendar month in the brand's time zone
    amount       Decimal(18, 4),
    currency     LowCardinality(String), -- ISO-4217
    updated_at   DateTime64(3, 'UTC'),
    deleted      UInt8 DEFAULT 0,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, commercer_id, month);
