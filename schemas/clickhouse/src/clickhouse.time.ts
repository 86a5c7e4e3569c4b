// Times as ClickHouse reads and writes DateTime64(3, 'UTC'): one formatter and one parser for the whole product.

const DAY_MS = 86_400_000;
/** Years 0–9999: beyond them toISOString writes a sign and six year digits. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;
let cachedDay = Number.NaN;
let cachedDayPrefix = '';
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * An instant (epoch ms or Date) → `YYYY-MM-DD hh:mm:ss.mmm` (UTC), the DateTime64(3, 'UTC') input and
 * parameter format. The one formatter for every row and query parameter.
 */
export function toClickHouseTime(instant: number | Date): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isInteger(ms) || ms < 0 || ms >= LAST_FOUR_DIGIT_YEAR_MS) {
    return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
  }
  // Events of a batch share their day: the calendar part is formatted once per day, the clock by arithmetic.
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11).replace('T', ' ');
    cachedDay = day;
  }
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  return (
    `${cachedDayPrefix}${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:` +
    `${pad2(seconds % 60)}.${pad3(inDay - seconds * 1000)}`
  );
}

/** `YYYY-MM-DD hh:mm:ss.mmm` (UTC, as ClickHouse returns DateTime64(3, 'UTC')) → Date. */
export function fromClickHouseTime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}
