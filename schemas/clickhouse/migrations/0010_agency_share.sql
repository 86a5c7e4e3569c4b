-- Agency reporting (issue 10): share links of a brand's report and per-brand white-label
-- (docs/METRICS-DECISIONS.md, "Agency share links and white-label (issue 10)").

-- A read-only link to one brand's report over one period. Only the sha256 of the token is kept (like
-- api_keys); revoking writes a newer row with revoked_at set; reads use FINAL.
CREATE TABLE IF NOT EXISTS share_links
(
    brand_id    LowCardinality(String),
    link_id     String,
    token_hash  String,
    label       String,
    period_from DateTime64(3, 'UTC'),
    period_to   DateTime64(3, 'UTC'),
    time_zone   String,
    expires_at  DateTime64(3, 'UTC'),
    created_at  DateTime64(3, 'UTC'),
    revoked_at  Nullable(DateTime64(3, 'UTC')),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, link_id);

-- One row each time a share link's page is opened: the list shows their count and the last one.
-- (Replacing by open_id only so a retried insert of the same open counts once; the cluster DDL
-- supports the *MergeTree family.)
CREATE TABLE IF NOT EXISTS share_link_opens
(
    brand_id  LowCardinality(String),
    link_id   String,
    opened_at DateTime64(3, 'UTC'),
    open_id   String
)
ENGINE = ReplacingMergeTree
ORDER BY (brand_id, link_id, opened_at, open_id);

-- A brand's white-label: the newest row wins (FINAL). The logo is kept base64-encoded ('' without one),
-- already validated and, for SVG, sanitised before it is written.
CREATE TABLE IF NOT EXISTS brand_branding
(
    brand_id     String,
    display_name String,
    agency_name  String,
    accent_color String,
    logo_mime    LowCardinality(String), -- '' | image/png | image/svg+xml
    logo_base64  String,
    updated_at   DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY brand_id;
