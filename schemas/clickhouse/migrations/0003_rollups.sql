-- Rollups the API reads instead of raw events. Each is rebuilt per session from
-- `events FINAL` (see the rollup refresher), so a duplicated delivery can never
-- change them. Rebuilding a session writes a newer version of its rows; tables
-- are ReplacingMergeTree(version) and are read with FINAL (they are small: one
-- row per session, per session-viewer, per session-minute).

-- One row per session: the sessions dimension plus every additive session KPI.
CREATE TABLE IF NOT EXISTS session_stats
(
    brand_id            LowCardinality(String),
    session_id          String,
    commercer_id        String,
    commercer_name      String,
    commercer_kind      LowCardinality(String),
    title               String,
    platform            LowCardinality(String),
    currency            LowCardinality(String),
    started_at          DateTime64(3, 'UTC'),
    ended_at            Nullable(DateTime64(3, 'UTC')),
    last_event_at       DateTime64(3, 'UTC'),
    duration_seconds    Float64,
    minutes             UInt32,
    unique_viewers      UInt32,
    peak_concurrent     UInt32,
    avg_concurrent      Float64,
    total_watch_seconds Float64,
    comments            UInt32,
    commenters          UInt32,
    likes               UInt64,
    likers              UInt32,
    engaged_viewers     UInt32,
    cart_adds           UInt32,
    cart_adders         UInt32,
    cart_buyers         UInt32,          -- viewers who both added to cart and bought
    orders              UInt32,
    buyers              UInt32,
    revenue             Decimal(18, 4),
    late_joiners        UInt32,
    answered_comments   UInt32,
    median_response_s   Nullable(Float64),
    version             UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id);

-- One row per (session, viewer): what each viewer did. Distinct viewers across
-- sessions, regulars, returning viewers and cohorts are computed from here.
CREATE TABLE IF NOT EXISTS session_viewers
(
    brand_id      LowCardinality(String),
    session_id    String,
    viewer_id     String,
    started_at    DateTime64(3, 'UTC'),   -- the session's start, for period filters
    first_seen_at DateTime64(3, 'UTC'),
    watch_seconds Float64,                -- Σ dwell, capped at the session duration
    comments      UInt32,
    likes         UInt64,
    cart_adds     UInt32,
    orders        UInt32,
    revenue       Decimal(18, 4),
    join_source   LowCardinality(String),
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, viewer_id);

-- One row per (session, minute from start): the minute series.
CREATE TABLE IF NOT EXISTS session_minutes
(
    brand_id       LowCardinality(String),
    session_id     String,
    minute         UInt32,
    watching       UInt32,
    comments       UInt32,
    likes          UInt64,
    likes_by_stamp Map(LowCardinality(String), UInt64),
    cart_adds      UInt32,
    orders         UInt32,
    revenue        Decimal(18, 4),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id, minute);

-- Each viewer's first session start per brand: `returningViewers` and weekly
-- cohorts. min() is idempotent, so rebuilding a session may insert again freely.
CREATE TABLE IF NOT EXISTS viewer_first_session
(
    brand_id         LowCardinality(String),
    viewer_id        String,
    first_started_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (brand_id, viewer_id);
