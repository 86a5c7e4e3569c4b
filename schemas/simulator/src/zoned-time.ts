import { isTimeZone, zoneOffsetMs } from '@lc/contract';

/**
 * Wall-clock times in a brand's IANA zone, without a date library: streams are
 * scheduled at local hours ("every Friday at 20:00 in Tokyo"), and Los Angeles
 * changes its offset twice a year.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown IANA time zone "${timeZone}"`);
}

/** The zone's offset from UTC at an instant, in minutes (Tokyo: +540). */
export function offsetMinutes(ms: number, timeZone: string): number {
  return Math.round(zoneOffsetMs(ms, timeZone) / MINUTE_MS);
}

/**
 * The local calendar day containing an instant, as the epoch ms of that date's
 * midnight *in UTC* — a plain date number that steps by DAY_MS and whose
 * getUTCDay() is the local weekday.
 */
export function localDay(ms: number, timeZone: string): number {
  const local = ms + offsetMinutes(ms, timeZone) * MINUTE_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The instant at which the wall clock of `timeZone` shows `minuteOfDay` on the local day `day` (see localDay). */
export function zonedInstant(day: number, minuteOfDay: number, timeZone: string): number {
  const wall = day + minuteOfDay * MINUTE_MS;
  // Two rounds settle the offset even when the first guess lands on the other side of a DST change.
  let instant = wall - offsetMinutes(wall, timeZone) * MINUTE_MS;
  instant = wall - offsetMinutes(instant, timeZone) * MINUTE_MS;
  return instant;
}

/** `2026-03-01T20:00:12.345+09:00`: what a client in that zone would send. */
export function isoWithOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** `20260301` for a day number of localDay. */
export function compactDate(day: number): string {
  return new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
}
