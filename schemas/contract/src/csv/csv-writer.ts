/**
 * The one CSV writer of the product: the API's exports (and the email attachments built from them) and
 * the dashboard's browser downloads all write through `toCsv`, so the CSV-injection policy lives here once.
 */

/** A cell as the tables hold it; null and undefined are "no value" and export as an empty field. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/** One row of field values, in the order of the header. */
export type CsvRow = readonly CsvCell[];

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** Put first in a file: Excel otherwise reads UTF-8 in the system code page and garbles Japanese names. */
export const CSV_BOM = '\ufeff';

/**
 * The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
 * (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Text that a spreadsheet would run as a formula, made inert by a leading apostrophe (OWASP's advice;
 * spreadsheets show the apostrophe-prefixed text as text). Applies to every string, including a
 * string that merely looks like a number such as "-5": only a JavaScript number is written as a
 * number (decision A-1 in docs/METRICS-DECISIONS.md).
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field, locale-neutral and RFC 4180 quoted: numbers as JavaScript writes them ('.' decimals, no
 * thousands separators, no -0), dates as ISO-8601 UTC, text neutralised (see `neutraliseFormula`);
 * a field with a comma, quote or line break, and every neutralised field, in double quotes with its
 * quotes doubled.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value === 0 ? 0 : value) : '';
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  const text = neutraliseFormula(value);
  return text !== value || NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row and the data rows, each record ended by CRLF (RFC 4180). No BOM: see `CSV_BOM`. */
export function toCsv({ header, rows }: CsvTable): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
