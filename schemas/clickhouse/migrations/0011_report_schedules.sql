-- Scheduled email reports (issue 10): per brand, schedules of the report PDF + CSVs by email, and one
-- run record per schedule × occurrence, claimed before anything is sent (docs/API.md, "Agency reports").

-- A schedule. Paused, resumed and deleted by newer rows (deleted = 1); reads use FINAL.
CREATE TABLE IF NOT EXISTS report_schedules
(
    brand_id    LowCardinality(String),
    schedule_id String,
    cadence     LowCardinality(String), -- WEEKLY | MONTHLY
    weekday     UInt8,                  -- WEEKLY: 1 Monday … 7 Sunday; MONTHLY: 0
    day         UInt8,                  -- MONTHLY: 1 … 28; WEEKLY: 0
    hour        UInt8,                  -- 0 … 23, on the wall clock of time_zone
    time_zone   String,
    recipients  Array(String),
    language    LowCardinality(String), -- en | ja
    paused      UInt8 DEFAULT 0,
    deleted     UInt8 DEFAULT 0,
    created_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, schedule_id);

-- One row per (schedule, occurrence): run_key is the occurrence's instant for a scheduled run, or
-- `now:<id>` for "send now". The first row (state claimed) is written before the PDF is built; the
-- row turns to sending right before the SMTP transaction, then sent, or failed with the next attempt.
CREATE TABLE IF NOT EXISTS report_runs
(
    brand_id        LowCardinality(String),
    schedule_id     String,
    run_key         String,
    scheduled_for   DateTime64(3, 'UTC'),
    period_from     DateTime64(3, 'UTC'),
    period_to       DateTime64(3, 'UTC'),
    state           LowCardinality(String), -- claimed | sending | sent | failed | interrupted
    attempts        UInt32,
    last_error      String,
    claimed_by      String,                 -- the scheduler instance holding the claim
    claimed_at      DateTime64(3, 'UTC'),
    sent_at         Nullable(DateTime64(3, 'UTC')),
    next_attempt_at Nullable(DateTime64(3, 'UTC')), -- failed: when to try again; NULL once sent or given up
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, schedule_id, run_key);
