// The product's one CSV writer lives in @lc/contract (shared with the API's exports): quoting and the
// CSV-injection policy are defined there once.
export { csvField, toCsv, CSV_BOM, type CsvCell, type CsvRow, type CsvTable } from '@lc/contract/csv';
