-- Alerts outward (issue 9): per brand, webhooks the live alerts (METRICS.md "Live") are POSTed to,
-- and one delivery row per alert × webhook (docs/ARCHITECTURE.md, "Alerts outward").

-- Registered by the admin. Deleting writes a newer row with deleted = 1; reads use FINAL.
CREATE TABLE IF NOT EXISTS alert_webhooks
(
    brand_id   LowCardinality(String),
    webhook_id String,
    url        String,
    kinds      Array(LowCardinality(String)), -- viewer_drop | chat_spike | question_waiting | recap_due
    created_at DateTime64(3, 'UTC'),
    deleted    UInt8 DEFAULT 0,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, webhook_id);

-- One row per (webhook, alert), alert_key = sessionId|kind|minute. Recorded pending before the first
-- attempt (version 0, so a repeated enqueue never undoes progress), each attempt then a newer row.
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    brand_id        LowCardinality(String),
    webhook_id      String,
    alert_key       String,
    session_id      String,
    kind            LowCardinality(String),
    minute          UInt32,
    alert_at        DateTime64(3, 'UTC'),   -- the start of the alert's minute
    text            String,                 -- the message, fixed when recorded so every attempt sends the same body
    state           LowCardinality(String), -- pending | delivered | failed | cancelled
    attempts        UInt32,
    last_status     Nullable(UInt16),       -- HTTP status of the last attempt; NULL: none, or no response
    last_error      String,
    created_at      DateTime64(3, 'UTC'),
    delivered_at    Nullable(DateTime64(3, 'UTC')),
    next_attempt_at Nullable(DateTime64(3, 'UTC')), -- NULL once delivered, failed or cancelled
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, webhook_id, alert_key);
