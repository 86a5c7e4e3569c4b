-- Recaps (issue 9; METRICS.md recapCoverage, recapLift; decisions in docs/METRICS-DECISIONS.md).
-- A late joiner is covered by a recap within 300 s of their first event while they are still there:
-- session_viewers keeps each viewer's last event other than a leave, session_stats the late joiners
-- covered and the watch time of both groups, so periods add them up as ratios of sums.
ALTER TABLE session_viewers ADD COLUMN IF NOT EXISTS last_active_at DateTime64(3, 'UTC') DEFAULT 0 AFTER first_seen_at;

ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS covered_late_joiners UInt32 DEFAULT 0 AFTER recaps;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS covered_watch_seconds Float64 DEFAULT 0 AFTER covered_late_joiners;
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS uncovered_watch_seconds Float64 DEFAULT 0 AFTER covered_watch_seconds;

-- The run-sheet names each segment's product itself (the product's display name), so a session
-- page reads its segments in one query.
ALTER TABLE session_pin_segments ADD COLUMN IF NOT EXISTS product_name String DEFAULT '' AFTER product_id;
