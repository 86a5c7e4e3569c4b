import type { SessionPlan } from './schedule.js';

/**
 * Demo host costs (issue 14), so the professional vs in-house comparison has something to discuss:
 * each professional is paid a monthly fee (in the brand's zone and currency) that grows with the
 * streams booked that month and the audience the host draws; every third stream of each in-house host
 * (the first, fourth …, in start order) carries a cost for the staff's hours, the rest none (nobody
 * entered it). Professionals bring bigger audiences
 * at a higher price, in-house hosts cost little where a cost is known: their ROAS differ.
 */
export interface SimFee {
  brandId: string;
  commercerId: string;
  /** YYYY-MM in the brand's time zone. */
  month: string;
  amount: number;
  currency: string;
}

export interface SimSessionCost {
  brandId: string;
  sessionId: string;
  amount: number;
  currency: string;
}

/** Per professional stream booked, before the host's draw (JPY or USD; other currencies like USD). */
const FEE_PER_STREAM: Readonly<Record<string, number>> = { JPY: 40_000 };
const FEE_PER_STREAM_DEFAULT = 300;
/** Staff cost per hour of an in-house stream. */
const STAFF_HOUR: Readonly<Record<string, number>> = { JPY: 6_000 };
const STAFF_HOUR_DEFAULT = 45;

function monthIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(ms);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/** Rounds to a readable price: thousands of yen, tens of dollars. */
function price(amount: number, currency: string): number {
  const step = currency === 'JPY' ? 1_000 : 10;
  return Math.max(step, Math.round(amount / step) * step);
}

export function simulatedHostCosts(sessions: readonly SessionPlan[]): {
  fees: SimFee[];
  sessionCosts: SimSessionCost[];
} {
  const booked = new Map<string, { plan: SessionPlan; month: string; streams: number }>();
  const sessionCosts: SimSessionCost[] = [];
  const inHouseStreams = new Map<string, number>();
  const ordered = [...sessions].sort((a, b) => a.startMs - b.startMs || a.sessionId.localeCompare(b.sessionId));
  for (const plan of ordered) {
    const { brand, commercer } = plan;
    if (commercer.kind === 'professional') {
      const month = monthIn(plan.startMs, brand.timeZone);
      const key = `${brand.brandId}\u0000${commercer.commercerId}\u0000${month}`;
      const entry = booked.get(key) ?? { plan, month, streams: 0 };
      entry.streams++;
      booked.set(key, entry);
      continue;
    }
    const hostKey = `${brand.brandId}\u0000${commercer.commercerId}`;
    const nth = inHouseStreams.get(hostKey) ?? 0;
    inHouseStreams.set(hostKey, nth + 1);
    if (nth % 3 === 0) {
      const hours = plan.durationMs / 3_600_000;
      sessionCosts.push({
        brandId: brand.brandId,
        sessionId: plan.sessionId,
        amount: price(hours * (STAFF_HOUR[brand.currency] ?? STAFF_HOUR_DEFAULT), brand.currency),
        currency: brand.currency,
      });
    }
  }
  const fees = [...booked.values()].map(({ plan, month, streams }) => ({
    brandId: plan.brand.brandId,
    commercerId: plan.commercer.commercerId,
    month,
    amount: price(
      streams * plan.commercer.draw * (FEE_PER_STREAM[plan.brand.currency] ?? FEE_PER_STREAM_DEFAULT),
      plan.brand.currency,
    ),
    currency: plan.brand.currency,
  }));
  return { fees, sessionCosts };
}
