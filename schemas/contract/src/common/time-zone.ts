/** Whether `zone` is an IANA time zone this runtime knows (e.g. `Asia/Tokyo`). The one check API and dashboard use. */
export function isTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's offset from UTC at an instant, in ms (Tokyo: +9 h; Los Angeles: −8 h or −7 h by the
 * date), read from the runtime's zone data: the wall clock it shows at the instant's whole second,
 * less that second. Throws a RangeError for a zone the runtime does not know.
 */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let wallClock = wallClocks.get(timeZone);
  if (!wallClock) {
    wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, wallClock);
  }
  const part: Record<string, number> = {};
  for (const p of wallClock.formatToParts(new Date(instant))) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  return wall - Math.floor(instant / 1000) * 1000;
}
