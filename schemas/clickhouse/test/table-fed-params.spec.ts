import { feedFromTable, paramsRow } from '../src/table-fed-params.js';

/** The WITH element `feedFromTable` writes for row `id` and these `name type` pairs, worked out by hand. */
const params = (id: number, ...pairs: [string, string][]) =>
  `assumeNotNull((SELECT tuple(${pairs.map(([n, t]) => `any(JSONExtract(p, '${n}', '${t}'))`).join(', ')}) ` +
  `FROM lc_gateway.statement_params WHERE id = ${id} HAVING throwIf(count() = 0, 'statement parameters missing') = 0)) AS __lc_params`;

describe('background statements fed their parameters from a table', () => {
  it('reads each placeholder from the one tuple of its row, a name used twice from one element', () => {
    expect(
      feedFromTable('SELECT 1 WHERE brand_id = {brandId:String} AND at < {to:Int64} OR b = {brandId:String}', 4),
    ).toBe(
      `WITH ${params(4, ['brandId', 'String'], ['to', 'Int64'])} SELECT 1 WHERE brand_id = __lc_params.1 AND at < __lc_params.2 OR b = __lc_params.1`,
    );
  });

  it('joins a WITH of the statement, and goes after INSERT INTO table (columns)', () => {
    expect(feedFromTable('WITH x AS (SELECT {a:UInt8}) SELECT * FROM x', 1)).toBe(
      `WITH ${params(1, ['a', 'UInt8'])}, x AS (SELECT __lc_params.1) SELECT * FROM x`,
    );
    expect(feedFromTable('INSERT INTO session_stats (a, b)\n  SELECT {a:UInt8}, 2', 2)).toBe(
      `INSERT INTO session_stats (a, b)\n  WITH ${params(2, ['a', 'UInt8'])} SELECT __lc_params.1, 2`,
    );
    expect(feedFromTable('INSERT INTO t WITH y AS (SELECT 1) SELECT {a:UInt8}', 3)).toBe(
      `INSERT INTO t WITH ${params(3, ['a', 'UInt8'])}, y AS (SELECT 1) SELECT __lc_params.1`,
    );
  });

  it("quotes a type's own quotes", () => {
    expect(feedFromTable("SELECT {at:DateTime64(3, 'UTC')}", 1)).toBe(
      `WITH ${params(1, ['at', "DateTime64(3, \\'UTC\\')"])} SELECT __lc_params.1`,
    );
  });

  it('turns a column IN an array parameter into has(), which keeps the primary key; NOT IN into NOT has()', () => {
    expect(
      feedFromTable(
        'SELECT 1 WHERE e.session_id IN {ids:Array(String)} AND v NOT  IN {skip:Array(UInt64)} AND x in {ids:Array(String)}',
        2,
      ),
    ).toBe(
      `WITH ${params(2, ['ids', 'Array(String)'], ['skip', 'Array(UInt64)'])} SELECT 1 WHERE has(__lc_params.1, e.session_id) AND NOT has(__lc_params.2, v) AND has(__lc_params.1, x)`,
    );
  });

  it('leaves to its parameters a statement it cannot rewrite exactly', () => {
    // an expression left of IN: IN a tuple element would test against a set of arrays
    expect(feedFromTable('SELECT 1 WHERE (a, b) IN {pairs:Array(Tuple(String, String))}', 3)).toBeNull();
    expect(feedFromTable('SELECT 1 WHERE lower(a) IN {names:Array(String)}', 3)).toBeNull();
    // one name, two types
    expect(feedFromTable('SELECT {a:UInt8}, {a:String}', 3)).toBeNull();
    // no WITH or SELECT where a statement's clause starts, or nothing to feed
    expect(feedFromTable('CREATE TABLE t AS SELECT {a:UInt8}', 3)).toBeNull();
    expect(feedFromTable('SELECT 1', 3)).toBeNull();
  });

  it('writes the row with 64-bit integers as strings and instants as the engine writes them', () => {
    expect(
      paramsRow(9, { big: 18_446_744_073_709_551_615n, at: new Date(Date.UTC(2026, 10, 20, 11, 0, 0, 5)), ids: ['a'] }),
    ).toBe(
      `${JSON.stringify({ id: 9, p: { big: '18446744073709551615', at: '2026-11-20 11:00:00.005', ids: ['a'] } })}\n`,
    );
  });

  it('refuses an integer a JSON number would round, naming it', () => {
    expect(() => paramsRow(1, { version: 2 ** 53 + 2 })).toThrow(
      'parameter value 9007199254740994 is beyond 2^53: pass it as a bigint',
    );
  });
});
