import { randomInt } from 'node:crypto';

let lastVersion = 0;

/**
 * The `version` column of rows a user rewrites in place (annotations): the row with the highest
 * version wins at merge and FINAL. Strictly increasing across calls in this process, and ahead of
 * earlier processes (wall clock, µs). Rollups do not use it: see `rollupVersionAt`.
 */
export function nextRowVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

/**
 * Rollup versions since migration 0016 sit above every clock version (µs since 1970 stay below 2^51
 * until 2041) and every version counted from events before it (2^52 + events · 2^21, below this for
 * sessions of fewer than 2^30 events) and below 2^53, so JavaScript numbers carry them exactly.
 */
const ROUND_VERSION_BASE = 2 ** 52 + 2 ** 51;
/** Round versions count milliseconds from here (2026-01-01 UTC)… */
const ROUND_EPOCH_MS = Date.UTC(2026, 0, 1);
/** …times this, plus a random tie-break below it. */
const ROUND_TIE_BREAKS = 2 ** 10;
/** The last engine instant a round version can carry (2^39 ms after the epoch, in 2043). */
const MAX_ROUND_MS = ROUND_EPOCH_MS + 2 ** 39 - 1;

/**
 * The version of the rollup rows a round writes: the engine's clock when the round started (its
 * first statement reads `now64()`), in milliseconds, with a random tie-break. Every statement of a
 * round that started later saw every event committed before it started, so its rows must win
 * whichever process ran it and whichever finishes last; the engine's clock (one per node — on a
 * cluster, the shard's first healthy replica answers every query) orders the rounds' starts.
 * docs/ARCHITECTURE.md, "Several ingest replicas", has the argument.
 */
export function rollupVersionAt(engineMs: number, tieBreak: number = randomInt(ROUND_TIE_BREAKS)): number {
  if (!Number.isSafeInteger(engineMs) || engineMs < ROUND_EPOCH_MS || engineMs > MAX_ROUND_MS)
    throw new RangeError(`a rollup round starts between 2026-01-01 and 2043 on the engine's clock, got ${engineMs} ms`);
  if (!Number.isSafeInteger(tieBreak) || tieBreak < 0 || tieBreak >= ROUND_TIE_BREAKS)
    throw new RangeError(`a rollup tie-break is a whole number below ${ROUND_TIE_BREAKS}, got ${tieBreak}`);
  return ROUND_VERSION_BASE + (engineMs - ROUND_EPOCH_MS) * ROUND_TIE_BREAKS + tieBreak;
}

/** When (engine ms) the round that wrote this version started; null for older versions (counts, clock). */
export function roundStartOfVersion(version: number): number | null {
  return version >= ROUND_VERSION_BASE
    ? ROUND_EPOCH_MS + Math.floor((version - ROUND_VERSION_BASE) / ROUND_TIE_BREAKS)
    : null;
}

/**
 * The constants of `roundStartOfVersion`, as query parameters: a statement that works out a round's
 * start from a stored version (the rollup round's opening statement) takes them from here.
 */
export const ROUND_VERSION_PARAMS = {
  roundVersionBase: ROUND_VERSION_BASE,
  roundEpochMs: ROUND_EPOCH_MS,
  roundTieBreaks: ROUND_TIE_BREAKS,
} as const;

/**
 * SQL: the rows of each session of the `{ids:Array(String)}` parameter at its version in `{<versions>:Array(UInt64)}`
 * (`alias`: the table's alias and a dot, or ''). A set, not `has(arrayZip(…), …)`: that searched the list
 * for every row read — 570–700 ms against 23–27 ms over 400 000 rows of 200 sessions (BENCHMARKS.md,
 * twenty-sixth session).
 */
export const atVersions = (alias: string, versions = 'versions'): string =>
  `(${alias}session_id, ${alias}version) IN (SELECT arrayJoin(arrayZip({ids:Array(String)}, {${versions}:Array(UInt64)})))`;
