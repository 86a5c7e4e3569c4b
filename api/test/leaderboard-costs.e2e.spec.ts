import { jest } from '@jest/globals';
import {
  KIND_COMMERCER_COSTS,
  KIND_COMMERCER_RESIDUALS,
  KIND_COSTS,
  KIND_PERIOD,
  kindCostFixture,
} from '@lc/contract/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * S13-3 over real GraphQL on the embedded engine, brand k1 of kind-cost-fixture.ts (hand-worked values
 * there): a leaderboard of a brand without any host cost takes its sessions from the totals query and
 * reads no month of sessions for costs; once a cost is set, it reads them and shows the costs. Reads are
 * kept under the brand's rollup and cost states (KeptBrandReads), so setting a cost is enough to change them.
 */
const COST_FIELDS =
  'currency hostCost roas costPerEngagedViewer costPerOrder costedSessions costsInOtherCurrencies { currency amount }';
const close = (value: number | null) => (value === null ? null : expect.closeTo(value, 6));
const costsOf = (figures: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? close(v) : v]));

// a shared two-core machine: starting the engine and loading 14 sessions can pass jest's 5 s
jest.setTimeout(60_000);

type Row = { commercer: { id: string }; costs: Record<string, unknown>; engagementVsExpected: number | null };

describe('leaderboard cost figures with and without host costs (k1 fixture)', () => {
  let api: ApiHarness;
  const period = `period: { from: "${KIND_PERIOD.from}", to: "${KIND_PERIOD.to}" }`;

  beforeAll(async () => {
    api = await startApi({ k1: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: kindCostFixture().byBrand.k1 } });
  });
  afterAll(() => api.close());

  /** The leaderboard sorted by engagement vs expected, and the tags of the queries it ran. */
  async function board(kind = '', onPeriod = period): Promise<{ rows: Row[]; tags: string[] }> {
    const tags: string[] = [];
    const stop = api.engine.gateway.onQuery((e) => {
      if (e.kind === 'query') tags.push(e.tag);
    });
    const result = await api.gql(
      `{ leaderboard(${onPeriod}, sortBy: engagementVsExpected${kind}) { commercer { id } costs { ${COST_FIELDS} } engagementVsExpected } }`,
      {},
      api.tokens.k1,
    );
    stop();
    expect(result.errors).toBeUndefined();
    return { rows: result.data?.leaderboard as Row[], tags };
  }

  it('without any cost: the same engagement vs expected, empty cost figures, one read of the sessions', async () => {
    const { rows, tags } = await board();
    // the residual means of kind-cost-fixture.ts: ha 0.1665 > pb 0.0605 > hb 0.027 > pa −0.02/3
    expect(rows.map((r) => r.commercer.id)).toEqual(['ha', 'pb', 'hb', 'pa']);
    for (const row of rows) {
      expect(row.engagementVsExpected).toBeCloseTo(KIND_COMMERCER_RESIDUALS[row.commercer.id as 'pa'], 6);
      // every commercer sold in JPY (the brand's currency), and nothing is costed
      expect([row.commercer.id, row.costs]).toEqual([
        row.commercer.id,
        {
          currency: 'JPY',
          hostCost: null,
          roas: null,
          costPerEngagedViewer: null,
          costPerOrder: null,
          costedSessions: 0,
          costsInOtherCurrencies: [],
        },
      ]);
    }
    // the fit line's own read (the 30-day period's totals do not hold the 90-day window); no cost read
    expect(tags).toContain('hostCost.fitPoints');
    expect(tags).not.toContain('hostCost.periodSessions');
    expect(tags).not.toContain('hostCost.sessionCostsAround');
  });

  // 2 October – 1 December in Tokyo: with its previous period the leaderboard's totals span 120 days, which
  // hold the fit window (the 90 days before 1 December, the same line as above); the period holds N1–N9,
  // Z1 and O1–O4
  const longPeriod = `period: { from: "2026-10-02T00:00:00+09:00", to: "${KIND_PERIOD.to}" }`;
  // By hand from the residuals of kind-cost-fixture.ts (O1 −0.122, O2 0.128, O3 −0.199, O4 −0.295 join the means):
  const LONG_RESIDUALS = {
    ha: (0.128 + 0.205 + 0.128) / 3,
    pb: (0.147 - 0.026 - 0.199) / 3,
    pa: (-0.026 - 0.199 + 0.205 - 0.122) / 4,
    hb: (0.176 - 0.122 - 0.295) / 3,
  };

  it('over a span holding the fit window: the line from its own totals, with no read of its own', async () => {
    const { rows, tags } = await board('', longPeriod);
    expect(rows.map((r) => r.commercer.id)).toEqual(['ha', 'pb', 'pa', 'hb']);
    for (const row of rows) expect(row.engagementVsExpected).toBeCloseTo(LONG_RESIDUALS[row.commercer.id as 'pa'], 6);
    expect(tags.filter((t) => t.startsWith('period.') || t.startsWith('hostCost.'))).toEqual([
      'period.totals.commercerCompare.withoutLater',
    ]);
  });

  it('narrowed by kind: the full read, the same figures', async () => {
    const { rows, tags } = await board(', kind: in_house');
    expect(rows.map((r) => r.commercer.id)).toEqual(['ha', 'hb']);
    expect(rows.map((r) => r.engagementVsExpected)).toEqual([
      close(KIND_COMMERCER_RESIDUALS.ha),
      close(KIND_COMMERCER_RESIDUALS.hb),
    ]);
    expect(tags).toContain('hostCost.periodSessions');
  });

  it('once the costs are set: the months of sessions are read and each commercer shows its costs', async () => {
    for (const fee of KIND_COSTS.fees) {
      const result = await api.gql(
        `mutation($c: ID!, $m: String!, $a: Float!, $cur: String!) {
           setCommercerFee(commercerId: $c, month: $m, amount: $a, currency: $cur) { commercerId } }`,
        { c: fee.commercerId, m: fee.month, a: fee.amount, cur: fee.currency },
        api.tokens.k1,
      );
      expect(result.errors).toBeUndefined();
    }
    for (const cost of KIND_COSTS.sessionCosts) {
      const result = await api.gql(
        `mutation($s: ID!, $a: Float!, $c: String!) { setSessionCost(sessionId: $s, amount: $a, currency: $c) { sessionId } }`,
        { s: cost.sessionId, a: cost.amount, c: cost.currency },
        api.tokens.k1,
      );
      expect(result.errors).toBeUndefined();
    }
    const { rows, tags } = await board();
    expect(rows.map((r) => r.commercer.id)).toEqual(['ha', 'pb', 'hb', 'pa']);
    for (const row of rows) {
      expect(row.engagementVsExpected).toBeCloseTo(KIND_COMMERCER_RESIDUALS[row.commercer.id as 'pa'], 6);
      expect([row.commercer.id, row.costs]).toEqual([
        row.commercer.id,
        costsOf(KIND_COMMERCER_COSTS[row.commercer.id] as unknown as Record<string, unknown>),
      ]);
    }
    // the reads that depend on the costs ran again (the brand's cost state changed); the months of
    // sessions and the fit points were kept from the boards above, as no session of the brand changed since
    expect(tags).toEqual(expect.arrayContaining(['hostCost.sessionCostsAround', 'hostCost.commercerFees']));
    expect(tags).not.toContain('hostCost.periodSessions');
    expect(tags).not.toContain('hostCost.fitPoints');
  });

  it('with costs, over a span holding the fit window: the cost reads, and the line still from the totals', async () => {
    const { rows, tags } = await board('', longPeriod);
    expect(rows.map((r) => r.commercer.id)).toEqual(['ha', 'pb', 'pa', 'hb']);
    for (const row of rows) expect(row.engagementVsExpected).toBeCloseTo(LONG_RESIDUALS[row.commercer.id as 'pa'], 6);
    expect(tags).toEqual(expect.arrayContaining(['hostCost.periodSessions', 'hostCost.sessionCostsAround']));
    expect(tags).not.toContain('hostCost.fitPoints');
  });
});
