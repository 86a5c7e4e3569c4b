import { randomInt } from 'node:crypto';

let lastVersion = 0;

/**
 * The `version` column of rows a user rewrites in place (annotations): the row with the highest
 * version wins at merge and FINAL. Strictly increasing across calls in this process, and ahead of
 * earlier processes (wall clock, µs). Rollups do not use it: see `rollupVersion`.
 */
export function nextRowVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

/** Rollup versions sit above every clock version (µs since 1970 stay below 2^51 until 2041). */
const ROLLUP_VERSION_BASE = 2 ** 52;
/** The low bits: a random tie-break between rebuilds that read the same number of events. */
const TIE_BREAKS = 2 ** 21;
/** The most events of one session a rollup version can count (versions stay exact JS numbers, below 2^53). */
export const MAX_ROLLUP_EVENTS = 2 ** 31 - 1;

/**
 * The version of a session's rollup rows, taken from the data the rebuild read: how many distinct
 * events of the session `events FINAL` held when the rebuild started. A session's events are never
 * removed, so a rebuild that started later — and so saw every event committed before it — never
 * carries a lower version than one that saw fewer events, whichever process ran it, whatever its
 * clock says and whichever finishes last. docs/ARCHITECTURE.md, "Several ingest replicas", has the
 * argument; rebuilds that read the same number of events are told apart by a random tie-break.
 */
export function rollupVersion(events: number, tieBreak: number = randomInt(TIE_BREAKS)): number {
  if (!Number.isSafeInteger(events) || events < 1 || events > MAX_ROLLUP_EVENTS)
    throw new RangeError(`a rollup version counts 1 to ${MAX_ROLLUP_EVENTS} events of a session, got ${events}`);
  if (!Number.isSafeInteger(tieBreak) || tieBreak < 0 || tieBreak >= TIE_BREAKS)
    throw new RangeError(`a rollup tie-break is a whole number below ${TIE_BREAKS}, got ${tieBreak}`);
  return ROLLUP_VERSION_BASE + events * TIE_BREAKS + tieBreak;
}

/** How many events the rollup with this version was built from; -1 for none or a clock version (older rollups). */
export function eventsOfRollupVersion(version: number): number {
  return version >= ROLLUP_VERSION_BASE ? Math.floor((version - ROLLUP_VERSION_BASE) / TIE_BREAKS) : -1;
}
