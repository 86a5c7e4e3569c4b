import { isTimeZone, zoneOffsetMs } from './time-zone.js';

describe('isTimeZone', () => {
  it('knows IANA zones and UTC', () => {
    expect(isTimeZone('Asia/Tokyo')).toBe(true);
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
  });

  it('refuses what is not a zone, and nothing at all', () => {
    expect(isTimeZone('Asia/Atlantis')).toBe(false);
    expect(isTimeZone('+09:00 Tokyo')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(null)).toBe(false);
    expect(isTimeZone(undefined)).toBe(false);
  });
});

describe('zoneOffsetMs', () => {
  const HOUR = 3_600_000;

  it('is +9 h in Tokyo at any instant, a fraction of a second included', () => {
    expect(zoneOffsetMs(Date.parse('2026-11-20T15:00:00Z'), 'Asia/Tokyo')).toBe(9 * HOUR);
    // 23:59:59.999 UTC on Dec 31 is already 08:59:59 on Jan 1 in Tokyo: still exactly 9 h
    expect(zoneOffsetMs(Date.parse('2026-12-31T23:59:59.999Z'), 'Asia/Tokyo')).toBe(9 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-06-01T00:00:00Z'), 'UTC')).toBe(0);
  });

  it('follows Los Angeles across the spring jump (2026-03-08, 02:00 PST → 03:00 PDT = 10:00 UTC)', () => {
    // 09:59:59 UTC = 01:59:59 PST (UTC−8); 10:00:00 UTC = 03:00:00 PDT (UTC−7)
    expect(zoneOffsetMs(Date.parse('2026-03-08T09:59:59Z'), 'America/Los_Angeles')).toBe(-8 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-03-08T10:00:00Z'), 'America/Los_Angeles')).toBe(-7 * HOUR);
  });

  it('counts the minutes of a zone whose offset is not whole hours, and before 1970', () => {
    // Kolkata is UTC+5:30; Kathmandu UTC+5:45
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    // Before 1970 the instant is negative: its whole second is the one below it (20:17:40), not the one
    // towards zero (20:17:41), which would give 9 h less a second
    expect(zoneOffsetMs(Date.parse('1969-07-20T20:17:40.500Z'), 'Asia/Tokyo')).toBe(9 * HOUR);
  });

  it('throws for a zone the runtime does not know', () => {
    expect(() => zoneOffsetMs(0, 'Asia/Atlantis')).toThrow(RangeError);
  });
});
