import { feedFromTable, paramsRow } from '../src/table-fed-params.js';

const fed = (id: number, name: string, type: string) =>
  `assumeNotNull((SELECT any(JSONExtract(p, '${name}', '${type}')) FROM lc_gateway.statement_params WHERE id = ${id} HAVING throwIf(count() = 0, 'statement parameters missing') = 0))`;

describe('background statements fed their parameters from a table', () => {
  it('reads each placeholder from its row', () => {
    expect(feedFromTable('SELECT 1 WHERE brand_id = {brandId:String} AND at < {to:Int64}', 4)).toBe(
      `SELECT 1 WHERE brand_id = ${fed(4, 'brandId', 'String')} AND at < ${fed(4, 'to', 'Int64')}`,
    );
  });

  it('keeps a Nullable parameter Nullable', () => {
    expect(feedFromTable('SELECT {x:Nullable(String)}', 5)).toBe(
      `SELECT ${fed(5, 'x', 'Nullable(String)').replace(/^assumeNotNull\((.*)\)$/, '$1')}`,
    );
  });

  it("quotes a type's own quotes", () => {
    expect(feedFromTable("SELECT {at:DateTime64(3, 'UTC')}", 1)).toBe(
      `SELECT ${fed(1, 'at', "DateTime64(3, \\'UTC\\')")}`,
    );
  });

  it('turns a column IN an array parameter into has(), which keeps the primary key; NOT IN into NOT has()', () => {
    expect(
      feedFromTable(
        'WHERE e.session_id IN {ids:Array(String)} AND v NOT  IN {skip:Array(UInt64)} AND x in {y:Array(Int64)}',
        2,
      ),
    ).toBe(
      `WHERE has(${fed(2, 'ids', 'Array(String)')}, e.session_id) AND NOT has(${fed(2, 'skip', 'Array(UInt64)')}, v) AND has(${fed(2, 'y', 'Array(Int64)')}, x)`,
    );
  });

  it('leaves a statement with anything but a column left of IN to its parameters', () => {
    expect(feedFromTable('WHERE (a, b) IN {pairs:Array(Tuple(String, String))}', 3)).toBeNull();
    expect(feedFromTable('WHERE lower(a) IN {names:Array(String)}', 3)).toBeNull();
  });

  it('writes the row with 64-bit integers as strings and instants as the engine writes them', () => {
    expect(
      paramsRow(9, { big: 18_446_744_073_709_551_615n, at: new Date(Date.UTC(2026, 10, 20, 11, 0, 0, 5)), ids: ['a'] }),
    ).toBe(
      `${JSON.stringify({ id: 9, p: JSON.stringify({ big: '18446744073709551615', at: '2026-11-20 11:00:00.005', ids: ['a'] }) })}\n`,
    );
  });

  it('refuses an integer a JSON number would round, naming it', () => {
    expect(() => paramsRow(1, { version: 2 ** 53 + 2 })).toThrow(
      'parameter value 9007199254740994 is beyond 2^53: pass it as a bigint',
    );
  });
});
