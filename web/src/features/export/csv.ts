/** A cell as the tables hold it; null and undefined are "no value" and export as an empty field. */
export type CsvCell = string | number | boolean | null | undefined;

/** One row of field values, in the order of the header. */
export type CsvRow = readonly CsvCell[];

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field, locale-neutral and RFC 4180 quoted: numbers as JavaScript writes them ('.' decimals, no
 * thousands separators, like the server's CSV exports); a field with a comma, quote or line break in
 * double quotes, its quotes doubled.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row and the data rows, each record ended by CRLF (RFC 4180). */
export function toCsv({ header, rows }: CsvTable): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
