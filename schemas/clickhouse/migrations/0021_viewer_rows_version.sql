-- Which round's viewer rows a session's stats point at (issue 9; docs/ARCHITECTURE.md "Viewer rows on
-- their own cadence"). A round of a big live session may refresh the stats and minutes without
-- rewriting its per-viewer rows (session_viewers, session_sources, viewer_purchases,
-- viewer_first_session); its stats row then names the round that last wrote them. Readers of those
-- tables follow viewers_version instead of version. Rows written before this migration, and every
-- round that writes its viewer rows, have viewers_version = version.
ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS viewers_version UInt64 DEFAULT version AFTER version;
