import type { LiveEvent } from '@lc/contract';
import { simulate, type SimulatedSession } from './simulator.js';

/**
 * Issue 13: in the demo data, engaged viewers who leave without buying come back and buy within 28
 * days more often than passive ones, and more so for some hosts. Measured here by METRICS.md's rule
 * ("Does engagement pay later?") straight on the generated events, per brand and host.
 */
const DAY = 86_400_000;
const sessions: SimulatedSession[] = [
  ...simulate({ seed: 42, targetEvents: 600_000, days: 56, endDate: '2026-11-01T00:00:00Z' }),
];

interface Visit {
  start: number;
  engaged: boolean;
  bought: boolean;
}

/** Per (brand, viewer): each session they were in, its start, and whether they engaged and bought there. */
function visits(): Map<string, Map<string, Visit>> {
  const byViewer = new Map<string, Map<string, Visit>>();
  for (const { brand, plan, events } of sessions)
    for (const e of events as LiveEvent[]) {
      if (!('viewerId' in e) || !e.viewerId) continue;
      const key = `${brand.brandId}\u0000${e.viewerId}`;
      const own = byViewer.get(key) ?? new Map<string, Visit>();
      byViewer.set(key, own);
      const visit = own.get(plan.sessionId) ?? { start: plan.startMs, engaged: false, bought: false };
      own.set(plan.sessionId, visit);
      const engaging = e.type === 'like' || e.type === 'cart_add' || e.type === 'purchase';
      if (engaging || (e.type === 'comment' && e.author === 'viewer')) visit.engaged = true;
      if (e.type === 'purchase') visit.bought = true;
    }
  return byViewer;
}

describe('simulate: does engagement pay later?', () => {
  const byViewer = visits();
  const hostOf = new Map(sessions.map((s) => [s.plan.sessionId, s.plan.commercer.commercerId]));
  /** Per host: [engaged non-buyers, later among them, passive non-buyers, later among them]. */
  const tally = new Map<string, [number, number, number, number]>();
  for (const own of byViewer.values())
    for (const [sessionId, visit] of own) {
      if (visit.bought) continue;
      const later = [...own.values()].some(
        (v) => v.bought && v.start > visit.start && v.start < visit.start + 28 * DAY,
      );
      const t = tally.get(hostOf.get(sessionId) ?? '') ?? [0, 0, 0, 0];
      tally.set(hostOf.get(sessionId) ?? '', t);
      if (visit.engaged) {
        t[0]++;
        if (later) t[1]++;
      } else {
        t[2]++;
        if (later) t[3]++;
      }
    }
  const lift = ([en, el, pn, pl]: [number, number, number, number]) => el / en / (pl / pn);
  const sum = [...tally.values()].reduce((a, t) => a.map((x, i) => x + t[i]) as typeof t, [0, 0, 0, 0]);

  it('has engaged non-buyers buy later far more often than passive ones overall', () => {
    expect(sum[0]).toBeGreaterThan(1000);
    expect(sum[2]).toBeGreaterThan(1000);
    // Fans both chat and spend more, so even without hosts winning viewers over this data set gives a lift
    // of ~3.1 (measured with WARM_SPEND_BOOST = 1); the won-over viewers take it to ~5.4.
    expect(lift(sum)).toBeGreaterThan(4.5);
  });

  it("makes the hosts of a demo differ: the best host's engaged non-buyers buy later at over twice the worst's rate", () => {
    const rates = [...tally.values()].filter((t) => t[0] >= 300).map(([en, el]) => el / en);
    expect(rates.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...rates) / Math.min(...rates)).toBeGreaterThan(2);
  });
});
