import { localDay } from '@lc/contract';
import {
  KIND_COMMERCER_COSTS,
  KIND_COMMERCER_RESIDUALS,
  KIND_COSTS,
  KIND_FIT,
  KIND_SESSIONS,
  KIND_SESSION_COSTS,
  KIND_SESSION_RESIDUALS,
} from '@lc/contract/testing';
import { costFigures, fitLine, meanOf, residual, sessionCosts, spreadOf, type CostSession } from './host-cost.rules.js';

/** The fixture's sessions as the cost arithmetic sees them (the table in kind-cost-fixture.ts). */
const sessions: CostSession[] = KIND_SESSIONS.map((s) => ({
  sessionId: s.id,
  commercerId: s.commercer,
  month: localDay(new Date(s.start), 'Asia/Tokyo').slice(0, 7),
  durationSeconds: s.duration,
  currency: 'JPY',
  revenue: s.b * s.price,
  orders: s.b,
  engaged: s.c + s.l,
}));
const november = sessions.filter((s) => s.month === '2026-11');
const costs = sessionCosts(sessions, KIND_COSTS.sessionCosts, KIND_COSTS.fees);

describe('host cost (hand-worked k1 fixture)', () => {
  it("spreads pa's November fee by duration, months in Tokyo, and lets N2's own cost replace its share", () => {
    expect(costs.get('N1')).toEqual({ amount: 45000, currency: 'JPY', source: 'COMMERCER_FEE' });
    expect(costs.get('N9')).toEqual({ amount: 22500, currency: 'JPY', source: 'COMMERCER_FEE' });
    expect(costs.get('N2')).toEqual({ amount: 10000, currency: 'JPY', source: 'SESSION_COST' });
    // October's O1 is pa's too, but the fee is November's
    expect(costs.has('O1')).toBe(false);
    expect(costs.has('N3')).toBe(false);
  });

  it('gives each session the figures worked out by hand, currencies apart', () => {
    for (const [id, expected] of Object.entries(KIND_SESSION_COSTS)) {
      const s = sessions.filter((x) => x.sessionId === id);
      expect([id, costFigures('JPY', s, costs)]).toEqual([
        id,
        { ...expected, roas: expected.roas === null ? null : expect.closeTo(expected.roas, 12) },
      ]);
    }
  });

  it('adds up a commercer over the sessions with a cost in the revenue currency only', () => {
    for (const [id, expected] of Object.entries(KIND_COMMERCER_COSTS)) {
      const figures = costFigures(
        'JPY',
        november.filter((s) => s.commercerId === id),
        costs,
      );
      expect([id, figures]).toEqual([
        id,
        {
          ...expected,
          roas: expected.roas === null ? null : expect.closeTo(expected.roas, 12),
          costPerOrder: expected.costPerOrder === null ? null : expect.closeTo(expected.costPerOrder, 9),
        },
      ]);
    }
  });

  it('splits a fee equally when every session of the month lasted 0 s', () => {
    const zero = [
      { ...sessions[0], durationSeconds: 0 },
      { ...sessions[1], durationSeconds: 0 },
    ];
    const spread = sessionCosts(zero, [], [{ commercerId: 'pa', month: '2026-11', amount: 100, currency: 'JPY' }]);
    expect([spread.get('N1')?.amount, spread.get('N2')?.amount]).toEqual([50, 50]);
  });
});

describe('size-adjusted engagement (hand-worked k1 fixture)', () => {
  const points = KIND_SESSIONS.map((s) => ({
    uniqueViewers: s.uv,
    engagementRate: s.uv === 0 ? 0 : (s.c + s.l) / s.uv,
  }));

  it('fits a = 0.968, b = −0.173 / ln 2 over the 13 sessions with viewers (Z1 left out)', () => {
    const line = fitLine(points);
    expect(line).toEqual({ a: expect.closeTo(KIND_FIT.a, 12), b: expect.closeTo(KIND_FIT.b, 12), n: KIND_FIT.n });
  });

  it('gives each session its residual and each commercer the mean of theirs', () => {
    const line = fitLine(points);
    const bySession = new Map(KIND_SESSIONS.map((s) => [s.id, residual(line, s.uv, s.c + s.l)]));
    for (const [id, expected] of Object.entries(KIND_SESSION_RESIDUALS))
      expect([id, bySession.get(id)]).toEqual([id, expected === null ? null : expect.closeTo(expected, 12)]);
    for (const [commercer, expected] of Object.entries(KIND_COMMERCER_RESIDUALS)) {
      const mine = KIND_SESSIONS.filter((s) => s.commercer === commercer && !s.id.startsWith('O'));
      expect(meanOf(mine.map((s) => bySession.get(s.id) ?? null))).toBeCloseTo(expected, 12);
    }
  });

  it('has no line with fewer than 10 sessions, nor when every audience is the same size', () => {
    expect(fitLine(points.slice(0, 9))).toBeNull();
    expect(
      fitLine(
        points
          .filter((p) => p.uniqueViewers > 0)
          .slice(0, 9)
          .concat([{ uniqueViewers: 0, engagementRate: 0 }]),
      ),
    ).toBeNull();
    expect(fitLine(Array.from({ length: 12 }, (_, i) => ({ uniqueViewers: 8, engagementRate: i / 12 })))).toBeNull();
    expect(residual(null, 8, 4)).toBeNull();
    expect(residual({ a: 0.5, b: 0, n: 10 }, 0, 0)).toBeNull();
  });

  it('takes min, median (mean of the two middle values) and max, skipping nulls', () => {
    expect(spreadOf([0.3, null, 0.1])).toEqual({ min: 0.1, median: expect.closeTo(0.2, 12), max: 0.3 });
    expect(spreadOf([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([null])).toBeNull();
  });
});
