import { simulatedHostCosts } from './host-costs.js';
import { simulate } from './simulator.js';

describe('demo host costs', () => {
  const simulation = simulate({ seed: 5, targetEvents: 20_000, days: 56, endDate: '2026-11-01T00:00:00Z' });
  const { fees, sessionCosts } = simulatedHostCosts(simulation.sessions);
  const plans = new Map(simulation.sessions.map((p) => [p.sessionId, p]));

  it('pays every professional a monthly fee per month streamed, in the brand currency, and never an in-house host', () => {
    const professionalMonths = new Set(
      simulation.sessions
        .filter((p) => p.commercer.kind === 'professional')
        .map((p) => {
          const parts = new Intl.DateTimeFormat('en-CA', {
            timeZone: p.brand.timeZone,
            year: 'numeric',
            month: '2-digit',
          }).formatToParts(p.startMs);
          return `${p.brand.brandId}|${p.commercer.commercerId}|${parts[0].value}-${parts[2].value}`;
        }),
    );
    expect(new Set(fees.map((f) => `${f.brandId}|${f.commercerId}|${f.month}`))).toEqual(professionalMonths);
    const brandOf = new Map(simulation.brands.map((b) => [b.brandId, b]));
    for (const fee of fees) {
      expect(fee.currency).toBe(brandOf.get(fee.brandId)?.currency);
      expect(fee.amount).toBeGreaterThan(0);
      expect(fee.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
    }
  });

  it('costs every third stream of each in-house host (the first, fourth …), by the hour, in the brand currency', () => {
    const inHouse = simulation.sessions.filter((p) => p.commercer.kind === 'in_house');
    expect(sessionCosts.length).toBeGreaterThan(0);
    expect(sessionCosts.length).toBeLessThan(inHouse.length);
    for (const cost of sessionCosts) {
      const plan = plans.get(cost.sessionId);
      expect(plan?.commercer.kind).toBe('in_house');
      expect(cost.currency).toBe(plan?.brand.currency);
      // JPY 6,000 an hour (rounded to ¥1,000), USD 45 (to $10)
      const hours = (plan?.durationMs ?? 0) / 3_600_000;
      const expected = cost.currency === 'JPY' ? hours * 6_000 : hours * 45;
      expect(Math.abs(cost.amount - expected)).toBeLessThanOrEqual(cost.currency === 'JPY' ? 500 : 5);
    }
  });

  it("costs ⌈n / 3⌉ of a host's n in-house streams", () => {
    const streams = new Map<string, number>();
    for (const p of simulation.sessions.filter((x) => x.commercer.kind === 'in_house'))
      streams.set(p.commercer.commercerId, (streams.get(p.commercer.commercerId) ?? 0) + 1);
    const costed = new Map<string, number>();
    for (const c of sessionCosts) {
      const host = plans.get(c.sessionId)?.commercer.commercerId ?? '';
      costed.set(host, (costed.get(host) ?? 0) + 1);
    }
    expect(costed).toEqual(new Map([...streams].map(([host, n]) => [host, Math.ceil(n / 3)])));
  });

  it('is the same for the same run', () => {
    expect(simulatedHostCosts(simulation.sessions)).toEqual({ fees, sessionCosts });
  });
});
