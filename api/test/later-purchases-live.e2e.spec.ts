import type { LiveEventInput } from '@lc/contract';
import { loadEvents } from '@lc/clickhouse/testing';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * A later purchase made in a session that is still live counts once in the earlier session's figures,
 * however many rollup rounds the live session has had. The purchase timeline is read FINAL, without a
 * pointer, so it must hold one row per viewer and session at any time (docs/ARCHITECTURE.md, "Two slots
 * per rollup key": with the timeline written in two slots, the revenue below read 1 400).
 */
describe('later purchases from a session still live (brand b20)', () => {
  let api: ApiHarness;
  const A = Date.UTC(2025, 9, 1, 10, 0, 0); // LA: 1 October 10:00, ended 10:30
  const B = Date.UTC(2025, 9, 3, 10, 0, 0); // LB: 3 October 10:00, live
  const iso = (ms: number) => new Date(ms).toISOString();
  const start = (sessionId: string, at: number, title: string) =>
    ({
      eventId: `${sessionId}-start`,
      sessionId,
      type: 'session_start',
      occurredAt: iso(at),
      commercerId: 'c20',
      commercerName: 'Ren',
      commercerKind: 'in_house',
      title,
      platform: 'app',
    }) as LiveEventInput;
  const earlier: LiveEventInput[] = [
    start('LA', A, 'Knitwear'),
    // y1 only joins: a passive non-buyer of LA
    { eventId: 'LA-j1', sessionId: 'LA', type: 'join', occurredAt: iso(A + 60_000), viewerId: 'y1' },
    { eventId: 'LA-end', sessionId: 'LA', type: 'session_end', occurredAt: iso(A + 30 * 60_000) },
  ] as LiveEventInput[];
  // LB's first round: y1 comes back two days later and buys for 700
  const liveRound1: LiveEventInput[] = [
    start('LB', B, 'Scarves'),
    { eventId: 'LB-j1', sessionId: 'LB', type: 'join', occurredAt: iso(B + 60_000), viewerId: 'y1' },
    {
      eventId: 'LB-o1',
      sessionId: 'LB',
      type: 'purchase',
      occurredAt: iso(B + 120_000),
      viewerId: 'y1',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'scarf', quantity: 1, unitPrice: '700' }],
    },
  ] as LiveEventInput[];
  // LB's next rounds: another viewer joins, then comments; y1's purchase is unchanged
  const liveRound2: LiveEventInput[] = [
    { eventId: 'LB-j2', sessionId: 'LB', type: 'join', occurredAt: iso(B + 180_000), viewerId: 'y2' },
  ] as LiveEventInput[];
  const liveRound3: LiveEventInput[] = [
    {
      eventId: 'LB-c1',
      sessionId: 'LB',
      type: 'comment',
      occurredAt: iso(B + 240_000),
      viewerId: 'y2',
      author: 'viewer',
      text: 'nice',
    },
  ] as LiveEventInput[];

  const figures = async () => {
    const result = await api.gql(
      `query($p: PeriodInput!) {
         session(id: "LA") { metrics { passiveNonBuyers laterConversionPassive laterRevenue } }
         brandOverview(period: $p) { metrics { passiveNonBuyers laterConversionPassive laterRevenue } }
       }`,
      { p: { from: '2025-10-01T00:00:00Z', to: '2025-10-02T00:00:00Z', timeZone: 'UTC' } },
      api.tokens.b20,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<'session' | 'brandOverview', { metrics: object }>;
    return { session: data.session.metrics, period: data.brandOverview.metrics };
  };
  // LA: y1 passive (1), bought later in LB within 28 days: 1/1, 700 yen
  const expected = { passiveNonBuyers: 1, laterConversionPassive: 1, laterRevenue: 700 };

  beforeAll(async () => {
    api = await startApi({ b20: { timeZone: 'UTC', currency: 'JPY', events: [...earlier, ...liveRound1] } });
  }, 60_000);
  afterAll(() => api.close());

  it('counts the live session’s purchase once after its first round', async () => {
    expect(await figures()).toEqual({ session: expected, period: expected });
  }, 30_000);

  it('still once after two more rounds of the live session, merged or not', async () => {
    await loadEvents(api.engine.gateway, 'b20', liveRound2);
    expect(await figures()).toEqual({ session: expected, period: expected });
    await loadEvents(api.engine.gateway, 'b20', liveRound3);
    expect(await figures()).toEqual({ session: expected, period: expected });
    await api.engine.gateway.command('OPTIMIZE TABLE viewer_purchases FINAL', {}, { tag: 'test.merge' });
    expect(await figures()).toEqual({ session: expected, period: expected });
  }, 30_000);
});
