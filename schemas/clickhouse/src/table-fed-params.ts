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
/** Where a statement's own WITH or SELECT starts: at the top, or after `INSERT INTO table (columns)`. */
const HEAD = /^(\s*(?:INSERT\s+INTO\s+[\w.]+\s*(?:\([^()]*\))?\s*)?)(WITH|SELECT)\b/i;
/** The name the values go by in the statement. */
const PARAMS = '__lc_params';

/** A string literal of `text` in ClickHouse's syntax. */
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * `sql` reading its placeholders from row `id`, or null where that cannot be exact — then the caller
 * keeps the parameters. One scalar subquery gives all the values as a tuple (`WITH … AS __lc_params`,
 * seen by every subquery and UNION part of the statement): a subquery per placeholder cost ~1.8 ms each.
 * Each `{name:Type}` becomes `__lc_params.<n>`; `column IN {x:Array(T)}` becomes `has(__lc_params.<n>,
 * column)`, since IN an array expression reads every granule and `has` keeps the primary key
 * (BENCHMARKS.md, thirty-second session). Null for: a placeholder right of IN with anything but a column on
 * its left, one name with two types, or a statement that does not start with WITH, SELECT or
 * `INSERT INTO table [(columns)]` followed by one of them.
 */
export function feedFromTable(sql: string, id: number): string | null {
  const types = new Map<string, string>();
  for (const [, name, type] of sql.matchAll(PLACEHOLDER)) {
    if (types.has(name) && types.get(name) !== type.trim()) return null;
    types.set(name, type.trim());
  }
  const head = HEAD.exec(sql);
  if (types.size === 0 || !head) return null;
  const index = new Map([...types.keys()].map((name, i) => [name, i + 1]));
  const rewritten = sql
    .replace(
      IN_ARRAY,
      (_match, column: string, not: string | undefined, name: string) =>
        `${not ? 'NOT ' : ''}has(${PARAMS}.${index.get(name)}, ${column})`,
    )
    .replace(PLACEHOLDER, (_match, name: string) => `${PARAMS}.${index.get(name)}`);
  // a placeholder right of IN that IN_ARRAY did not take (an expression on the left): keep the parameters
  if (new RegExp(`\\bIN\\s+${PARAMS}\\.`, 'i').test(rewritten)) return null;
  const values = [...types].map(([name, type]) => `any(JSONExtract(p, ${literal(name)}, ${literal(type)}))`);
  // the engine types a scalar subquery as Nullable (it might find no row): assumeNotNull gives the tuple
  // its own type back (a Nullable parameter stays Nullable inside it); a missing row fails the statement
  const params =
    `assumeNotNull((SELECT tuple(${values.join(', ')}) FROM ${STATEMENT_PARAMS_TABLE} WHERE id = ${id}` +
    ` HAVING throwIf(count() = 0, 'statement parameters missing') = 0)) AS ${PARAMS}`;
  const at = head.index + head[1].length;
  const rest = rewritten.slice(at);
  return /^WITH\b/i.test(rest)
    ? `${rewritten.slice(0, at)}WITH ${params},${rest.slice(4)}`
    : `${rewritten.slice(0, at)}WITH ${params} ${rest}`;
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

/**
 * Row `id` of the params table, as a JSONEachRow line: the values an object the engine stores as its JSON
 * text (`PARAMS_ROW_SETTINGS`), each value encoded once.
 */
export function paramsRow(id: number, params: Record<string, unknown>): string {
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, jsonValue(value)]));
  return `${JSON.stringify({ id, p: values })}\n`;
}

/** The insert of a params row reads its object `p` into the String column as the object's JSON text. */
export const PARAMS_ROW_SETTINGS = { input_format_json_read_objects_as_strings: 1 } as const;
