import { isTimeZone } from './time-zone.js';

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
