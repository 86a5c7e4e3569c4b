import { jest } from '@jest/globals';
import { ApiKeyRepository } from '@lc/clickhouse';
import {
  KIND_COMMERCER_COSTS,
  KIND_COMMERCER_RESIDUALS,
  KIND_COSTS,
  KIND_EXPECTED,
  KIND_FIT,
  KIND_KIND_COSTS,
  KIND_KIND_RESIDUALS,
  KIND_PERIOD,
  KIND_PERIOD_OCTOBER,
  KIND_SESSION_COSTS,
  KIND_SESSION_RESIDUALS,
  KIND_SPREAD_EXPECTED,
  kindCostFixture,
} from '@lc/contract/testing';
import { ADMIN, startApi, type ApiHarness, type GqlResult } from './api.harness.js';

/**
 * Issue 14 over real GraphQL on the embedded engine, brand k1 of kind-cost-fixture.ts: every expected
 * value is worked out by hand there (and in docs/FIXTURE.md).
 */
const COST_FIELDS =
  'currency hostCost roas costPerEngagedViewer costPerOrder costedSessions costsInOtherCurrencies { currency amount }';
const close = (value: unknown): unknown =>
  typeof value === 'number' ? expect.closeTo(value, 6) : Array.isArray(value) ? value.map(close) : value;
const closeRow = (row: object) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? v : close(v)]));
const errorOf = (result: GqlResult) => ({
  code: result.errors?.[0]?.extensions?.code,
  field: result.errors?.[0]?.extensions?.field,
});

// a shared two-core machine: starting the engine and loading 14 sessions can pass jest's 5 s
jest.setTimeout(60_000);

describe('kind comparison and host cost over GraphQL (k1 fixture)', () => {
  let api: ApiHarness;
  let reader: string;
  const period = `period: { from: "${KIND_PERIOD.from}", to: "${KIND_PERIOD.to}" }`;

  beforeAll(async () => {
    api = await startApi({ k1: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: kindCostFixture().byBrand.k1 } });
    reader = api.tokens.k1;
    for (const fee of KIND_COSTS.fees) {
      // set twice: the second replaces the first
      for (const amount of [1, fee.amount]) {
        const result = await api.gql(
          `mutation($c: ID!, $m: String!, $a: Float!, $cur: String!) {
             setCommercerFee(commercerId: $c, month: $m, amount: $a, currency: $cur) { commercerId month amount currency } }`,
          { c: fee.commercerId, m: fee.month, a: amount, cur: fee.currency },
          reader,
        );
        expect(result.errors).toBeUndefined();
      }
    }
    for (const cost of KIND_COSTS.sessionCosts) {
      const result = await api.gql(
        `mutation($s: ID!, $a: Float!, $c: String!) { setSessionCost(sessionId: $s, amount: $a, currency: $c) { sessionId amount currency } }`,
        { s: cost.sessionId, a: cost.amount, c: cost.currency },
        reader,
      );
      expect(result.data?.setSessionCost).toEqual(cost);
    }
  });
  afterAll(() => api.close());

  it('lists the costs and fees as set (the fee set twice keeps the second amount)', async () => {
    const result = await api.gql(
      '{ sessionCosts { sessionId amount currency } commercerFees { commercerId month amount currency } }',
      {},
      reader,
    );
    expect(result.data).toEqual({
      sessionCosts: [...KIND_COSTS.sessionCosts].sort((a, b) => a.sessionId.localeCompare(b.sessionId)),
      commercerFees: KIND_COSTS.fees,
    });
  });

  it('gives each session its host cost: its own, its fee share by duration, other currencies apart, null without', async () => {
    for (const [id, expected] of Object.entries(KIND_SESSION_COSTS)) {
      const result = await api.gql(
        `query($id: ID!) { session(id: $id) { costs { ${COST_FIELDS} source } } }`,
        { id },
        reader,
      );
      expect(result.errors).toBeUndefined();
      const costs = (result.data?.session as { costs: Record<string, unknown> }).costs;
      const source =
        id === 'N1' || id === 'N9'
          ? 'COMMERCER_FEE'
          : expected.hostCost !== null || id === 'N7'
            ? 'SESSION_COST'
            : null;
      expect([id, costs]).toEqual([id, { ...closeRow(expected), source }]);
    }
  });

  it('gives each session its engagementVsExpected: the period line, or the 90 days up to its own end', async () => {
    for (const [id, expected] of Object.entries(KIND_SESSION_RESIDUALS)) {
      const result = await api.gql(
        `query($id: ID!) { session(id: $id) { engagementVsExpected(${period}) } }`,
        { id },
        reader,
      );
      expect([id, (result.data?.session as { engagementVsExpected: unknown }).engagementVsExpected]).toEqual([
        id,
        close(expected),
      ]);
    }
    // N8 is the last session with viewers: the 90 days up to its end hold the same 13 sessions
    // N1 ended on 5 November: only O1–O4, N9 and N1 itself (6 < 10) — no line
    const own = await api.gql(
      '{ n8: session(id: "N8") { engagementVsExpected } n1: session(id: "N1") { engagementVsExpected } }',
      {},
      reader,
    );
    expect(own.data).toEqual({ n8: { engagementVsExpected: close(-0.122) }, n1: { engagementVsExpected: null } });
  });

  it('compares the kinds: period KPIs with the previous period, the spread, cost, and the fitted line', async () => {
    const names = Object.keys(KIND_EXPECTED.professional.metrics).join(' ');
    const result = await api.gql(
      `{ kindComparison(${period}) {
          kinds { kind commercers metrics { ${names} } previous { ${names} } spread { metric min median max commercers { commercer { id } value } }
                  costs { ${COST_FIELDS} } engagementVsExpected }
          fit { a b n } sessions { sessionId commercer { id } uniqueViewers engagementRate engagementVsExpected } } }`,
      {},
      reader,
    );
    expect(result.errors).toBeUndefined();
    const comparison = result.data?.kindComparison as {
      kinds: { kind: 'professional' | 'in_house'; spread: { metric: string; commercers: unknown[] }[] }[];
      fit: unknown;
      sessions: { sessionId: string; engagementVsExpected: number | null }[];
    };
    expect(comparison.fit).toEqual({ a: close(KIND_FIT.a), b: close(KIND_FIT.b), n: KIND_FIT.n });
    expect(comparison.kinds.map((k) => k.kind)).toEqual(['professional', 'in_house']);
    for (const row of comparison.kinds) {
      const kind = row.kind;
      expect(row).toMatchObject({
        commercers: 2,
        metrics: closeRow(KIND_EXPECTED[kind].metrics),
        previous: closeRow(KIND_EXPECTED[kind].previous),
        costs: closeRow(KIND_KIND_COSTS[kind]),
        engagementVsExpected: close(KIND_KIND_RESIDUALS[kind]),
      });
      const spread = Object.fromEntries(
        row.spread.map(({ metric, commercers, ...rest }) => {
          expect(commercers).toHaveLength(2);
          return [metric, rest];
        }),
      );
      expect(spread).toEqual(
        Object.fromEntries(Object.entries(KIND_SPREAD_EXPECTED[kind]).map(([m, s]) => [m, closeRow(s)])),
      );
    }
    // the scatter: the period's 10 sessions, Z1 without a rate or residual
    expect(Object.fromEntries(comparison.sessions.map((s) => [s.sessionId, s.engagementVsExpected]))).toEqual(
      Object.fromEntries(Object.entries(KIND_SESSION_RESIDUALS).map(([id, v]) => [id, close(v)])),
    );
  });

  it('has no line for October (4 sessions in its 90 days) and so no engagementVsExpected', async () => {
    const result = await api.gql(
      `{ kindComparison(period: { from: "${KIND_PERIOD_OCTOBER.from}", to: "${KIND_PERIOD_OCTOBER.to}" }) {
          fit { n } kinds { engagementVsExpected } } }`,
      {},
      reader,
    );
    expect(result.data?.kindComparison).toEqual({
      fit: null,
      kinds: [{ engagementVsExpected: null }, { engagementVsExpected: null }],
    });
  });

  it('sorts the leaderboard by ROAS and by engagement vs expected, nulls last; the profile has the same figures', async () => {
    const board = async (sortBy: string) => {
      const result = await api.gql(
        `{ leaderboard(${period}, sortBy: ${sortBy}) { commercer { id } costs { ${COST_FIELDS} } engagementVsExpected } }`,
        {},
        reader,
      );
      expect(result.errors).toBeUndefined();
      return result.data?.leaderboard as { commercer: { id: string }; costs: object; engagementVsExpected: number }[];
    };
    const byRoas = await board('roas');
    // ha 0.5 > pa 0.1935; pb and hb have no JPY cost
    expect(byRoas.map((r) => r.commercer.id).slice(0, 2)).toEqual(['ha', 'pa']);
    for (const row of byRoas)
      expect([row.commercer.id, row.costs]).toEqual([
        row.commercer.id,
        closeRow(KIND_COMMERCER_COSTS[row.commercer.id]),
      ]);
    const byEve = await board('engagementVsExpected');
    expect(byEve.map((r) => r.commercer.id)).toEqual(['ha', 'pb', 'hb', 'pa']);
    for (const row of byEve)
      expect(row.engagementVsExpected).toBeCloseTo(KIND_COMMERCER_RESIDUALS[row.commercer.id as 'pa'], 6);

    const profile = await api.gql(
      `{ commercer(id: "pa", ${period}) { costs { ${COST_FIELDS} } engagementVsExpected } }`,
      {},
      reader,
    );
    expect(profile.data?.commercer).toEqual({
      costs: closeRow(KIND_COMMERCER_COSTS.pa),
      engagementVsExpected: close(KIND_COMMERCER_RESIDUALS.pa),
    });
  });

  it('refuses bad input naming the argument', async () => {
    const set = (s: string, a: number, c: string, token = reader) =>
      api.gql(
        'mutation($s: ID!, $a: Float!, $c: String!) { setSessionCost(sessionId: $s, amount: $a, currency: $c) { amount } }',
        { s, a, c },
        token,
      );
    const fee = (c: string, m: string, a: number, cur: string) =>
      api.gql(
        'mutation($c: ID!, $m: String!, $a: Float!, $cur: String!) { setCommercerFee(commercerId: $c, month: $m, amount: $a, currency: $cur) { amount } }',
        { c, m, a, cur },
        reader,
      );
    expect(errorOf(await set('N1', -1, 'JPY'))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(errorOf(await set('N1', 100, 'yen'))).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(errorOf(await set('N1', 100, 'JPYX'))).toEqual({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(errorOf(await set('nope', 100, 'JPY'))).toEqual({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(errorOf(await fee('pa', '2026-13', 100, 'JPY'))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(errorOf(await fee('pa', '11/2026', 100, 'JPY'))).toEqual({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(errorOf(await fee('pa', '2026-11', -5, 'JPY'))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(errorOf(await fee('nobody', '2026-11', 5, 'JPY'))).toEqual({ code: 'NOT_FOUND', field: 'commercerId' });
    expect((await set('N1', -1, 'JPY')).errors?.[0]?.message).toMatch(/amount must not be negative/);
  });

  it("refuses another brand's token, an ingest key and no token; the admin may write", async () => {
    const mutation = 'mutation { setSessionCost(sessionId: "N4", amount: 100, currency: "JPY") { sessionId } }';
    expect(errorOf(await api.gql(mutation, {}, api.tokens.b1))).toEqual({ code: 'NOT_FOUND', field: 'sessionId' });
    expect(errorOf(await api.gql(mutation))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const ingest = (await new ApiKeyRepository(api.engine.gateway).create('INGEST', ['k1'], 'k1 ingest')).secret;
    expect(errorOf(await api.gql(mutation, {}, ingest))).toMatchObject({ code: 'FORBIDDEN' });
    // another brand's token sees none of k1's costs
    expect((await api.gql('{ sessionCosts { sessionId } }', {}, api.tokens.b1)).data).toEqual({ sessionCosts: [] });

    expect((await api.gql(mutation, {}, ADMIN)).data).toEqual({ setSessionCost: { sessionId: 'N4' } });
    const cleared = await api.gql('mutation { clearSessionCost(sessionId: "N4") }', {}, reader);
    expect(cleared.data).toEqual({ clearSessionCost: true });
    const after = await api.gql('{ session(id: "N4") { costs { hostCost source } } }', {}, reader);
    expect(after.data).toEqual({ session: { costs: { hostCost: null, source: null } } });
    expect((await api.gql('mutation { clearSessionCost(sessionId: "N4") }', {}, reader)).data).toEqual({
      clearSessionCost: false,
    });
  });
});
