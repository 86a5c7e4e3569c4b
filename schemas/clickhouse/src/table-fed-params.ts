import { toClickHouseTime } from './clickhouse.time.js';

/**
 * Background statements with their parameters fed from a table (docs/ARCHITECTURE.md, "Background
 * statements without parameters"). chdb runs every parameterized statement one at a time per process
 * (its `globalParamChain`), so a dashboard read — parameterized, as every read is — waits for the rollup
 * statement running at the time. A statement without parameters is not in that chain. So in embedded
 * mode a background statement's values are written first as one row of this table (through the raw
 * JSONEachRow insert, which takes no parameters either), and each `{name:Type}` of its SQL becomes a
 * scalar subquery reading that row: no parameter, and still no value in the SQL text — only the row's
 * number, which the gateway counts itself.
 */
export const STATEMENT_PARAMS_DATABASE = 'lc_gateway';
export const STATEMENT_PARAMS_TABLE = `${STATEMENT_PARAMS_DATABASE}.statement_params`;

/**
 * In memory: the rows matter only until their statement is analysed, which follows their insert on the
 * same connection. The engine keeps the newest 10 000 rows and drops older blocks.
 */
export const STATEMENT_PARAMS_DDL = [
  `CREATE DATABASE IF NOT EXISTS ${STATEMENT_PARAMS_DATABASE}`,
  `CREATE TABLE IF NOT EXISTS ${STATEMENT_PARAMS_TABLE} (id UInt64, p String)
   ENGINE = Memory SETTINGS min_rows_to_keep = 1000, max_rows_to_keep = 10000`,
] as const;

const PLACEHOLDER = /\{(\w+):([^{}]+)\}/g;
/** `column IN {name:Array(T)}`: the only form an array parameter takes on the right of IN here. */
const IN_ARRAY = /([A-Za-z_][\w.]*)\s+(NOT\s+)?IN\s+\{(\w+):(Array\([^{}]+\))\}/gi;

/**
 * The scalar subquery that gives parameter `name` of row `id` as `type`; it fails when the row is missing.
 * The engine types a scalar subquery as Nullable (it might find no row); `assumeNotNull` gives a value of a
 * type that is not Nullable its own type back (`numbers()`, for one, takes no Nullable).
 */
function fed(id: number, name: string, type: string): string {
  const quotedType = type.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const subquery =
    `(SELECT any(JSONExtract(p, '${name}', '${quotedType}')) FROM ${STATEMENT_PARAMS_TABLE} WHERE id = ${id}` +
    ` HAVING throwIf(count() = 0, 'statement parameters missing') = 0)`;
  return type.startsWith('Nullable(') ? subquery : `assumeNotNull(${subquery})`;
}

/**
 * `sql` with each placeholder read from row `id`, or null where that cannot be exact: a placeholder
 * on the right of IN with anything but a column on its left (a subquery or an array there would make IN
 * a test against a set of arrays, or lose the primary key), so the caller keeps the parameters.
 * `column IN {x:Array(T)}` becomes `has(…, column)`: IN an array expression reads every granule, `has`
 * keeps the primary key (BENCHMARKS.md, thirty-second session).
 */
export function feedFromTable(sql: string, id: number): string | null {
  const rewritten = sql.replace(
    IN_ARRAY,
    (_match, column: string, not: string | undefined, name: string, type: string) =>
      `${not ? 'NOT ' : ''}has(${fed(id, name, type)}, ${column})`,
  );
  if (/\bIN\s+\{/i.test(rewritten)) return null;
  return rewritten.replace(PLACEHOLDER, (_match, name: string, type: string) => fed(id, name, type.trim()));
}

/** A value as JSON that JSONExtract reads back exactly as its declared type: 64-bit integers as strings, instants as the engine's text. */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return toClickHouseTime(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    throw new Error(`parameter value ${value} is beyond 2^53: pass it as a bigint`);
  return value;
}

/** Row `id` of the params table, as a JSONEachRow line. */
export function paramsRow(id: number, params: Record<string, unknown>): string {
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, jsonValue(value)]));
  return `${JSON.stringify({ id, p: JSON.stringify(values) })}\n`;
}
