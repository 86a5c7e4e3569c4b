-- Merchandise and audience rollups (issue 8; definitions in ../shared/METRICS.md, decisions in
-- docs/METRICS-DECISIONS.md). Rebuilt per session from `events FINAL` like the others, with the
-- same version protocol: readers take the rows of the version recorded in session_stats.

-- Per viewer: follows, shares and product clicks (distinct followers, sharers and clickers).
ALTER TABLE session_viewers ADD COLUMN IF NOT EXISTS follows UInt32 DEFAULT 0 AFTER revenue;
ALTER TABLE session_viewers ADD COLUMN IF NOT EXISTS shares UInt32 DEFAULT 0 AFTER follows;
ALTER TABLE session_viewers ADD COLUMN IF NOT EXISTS product_clicks UInt32 DEFAULT 0 AFTER shares;

-- Per session: the new additive KPIs.
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS follows UInt32 DEFAULT 0 AFTER median_response_s;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS shares UInt32 DEFAULT 0 AFTER follows;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS sharers UInt32 DEFAULT 0 AFTER shares;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS product_clickers UInt32 DEFAULT 0 AFTER sharers;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS refunds Decimal(18, 4) DEFAULT 0 AFTER product_clickers;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS unmatched_refunds UInt32 DEFAULT 0 AFTER refunds;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS recaps UInt32 DEFAULT 0 AFTER unmatched_refunds;

-- One row per (session, product): METRICS.md "Products".
CREATE TABLE IF NOT EXISTS session_products
(
    brand_id       LowCardinality(String),
    session_id     String,
    product_id     String,
    product_name   String,                -- the latest pin's name, else the id
    pins           UInt32,
    pinned_seconds Float64,
    impressed      UInt32,                -- distinct viewers with an impression
    clickers       UInt32,
    cart_adds      UInt32,
    cart_adders    UInt32,
    orders         UInt32,                -- distinct orders holding the product
    units          UInt64,
    revenue        Decimal(18, 4),        -- Σ quantity × unitPrice of its items
    buyers         UInt32,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, product_id);

-- One row per pin (the run-sheet): METRICS.md "Pin segments".
CREATE TABLE IF NOT EXISTS session_pin_segments
(
    brand_id          LowCardinality(String),
    session_id        String,
    segment           UInt32,             -- 0, 1, … in pin order
    product_id        String,
    start_s           Float64,            -- seconds from the session start
    end_s             Float64,
    watching_at_start UInt32,
    watching_at_end   UInt32,
    comments          UInt32,
    clicks            UInt32,
    cart_adds         UInt32,
    orders            UInt32,
    units             UInt64,
    revenue           Decimal(18, 4),
    viewers           UInt32,             -- viewers with a non-leave event in [start, end): segmentGpm's denominator
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, segment);
