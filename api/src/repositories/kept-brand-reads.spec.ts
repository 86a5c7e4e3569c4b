import type { ClickHouseGateway } from '@lc/clickhouse';
import { KeptBrandReads } from './kept-brand-reads.js';
import type { RollupStateRepository } from './rollup-state.repository.js';

/**
 * KeptBrandReads' own rules, with a gateway that records calls (the engine side is covered over real
 * HTTP by test/period-kept-reads.e2e.spec.ts): which states name an answer, a failed read not kept,
 * callers not sharing row objects.
 */
describe('KeptBrandReads', () => {
  const states = { rollups: new Map([['b1', '10']]), costs: new Map<string, string>() };
  let calls: string[] = [];
  let fail = false;
  const gateway = {
    query: async (sql: string) => {
      calls.push(sql);
      if (fail) throw new Error('engine down');
      return [{ sql, n: calls.length }];
    },
  } as unknown as ClickHouseGateway;
  const stateSource = {
    brandState: async (brand: string) => states.rollups.get(brand) ?? '',
    costState: async (brand: string) => states.costs.get(brand) ?? '',
  } as unknown as RollupStateRepository;
  const read = (kept: KeptBrandReads, dependsOn: ('rollups' | 'costs')[], sql = 'S') =>
    kept.query<{ sql: string; n: number }>('b1', dependsOn, sql, { brandId: 'b1' }, { tag: 't' });

  beforeEach(() => {
    calls = [];
    fail = false;
    states.rollups.set('b1', '10');
    states.costs.clear();
  });

  it('reads again when a state the read depends on changes, and only then', async () => {
    const kept = new KeptBrandReads(gateway, stateSource);
    await read(kept, ['rollups']);
    await read(kept, ['costs'], 'C');
    await read(kept, ['rollups']);
    await read(kept, ['costs'], 'C');
    expect(calls).toEqual(['S', 'C']);

    states.costs.set('b1', '7'); // a cost was set: the rollup read stays, the cost read is read again
    await read(kept, ['rollups']);
    await read(kept, ['costs'], 'C');
    expect(calls).toEqual(['S', 'C', 'C']);

    states.rollups.set('b1', '11'); // a round of one of the brand's sessions
    await read(kept, ['rollups']);
    expect(calls).toEqual(['S', 'C', 'C', 'S']);
  });

  it('does not keep a failed read: the next request reads again', async () => {
    const kept = new KeptBrandReads(gateway, stateSource);
    fail = true;
    await expect(read(kept, ['rollups'])).rejects.toThrow('engine down');
    fail = false;
    expect(await read(kept, ['rollups'])).toEqual([{ sql: 'S', n: 2 }]);
    expect(calls).toEqual(['S', 'S']);
  });

  it('hands each caller its own copy of the rows', async () => {
    const kept = new KeptBrandReads(gateway, stateSource);
    const [a, b] = await Promise.all([read(kept, ['rollups']), read(kept, ['rollups'])]);
    expect(calls).toEqual(['S']);
    a[0].n = 99;
    expect(b[0].n).toBe(1);
    expect((await read(kept, ['rollups']))[0].n).toBe(1);
  });
});
