import { ratio } from '@lc/contract';

/**
 * The arithmetic of METRICS.md "Professional vs in-house, cost and audience size", kept free of I/O so
 * the hand-worked fixture (kind-cost-fixture.ts) checks it directly. Decisions K-1 … K-9 are in
 * docs/METRICS-DECISIONS.md.
 */

export interface Money {
  currency: string;
  amount: number;
}

/** What the cost arithmetic needs of one session (from session_stats). */
export interface CostSession {
  sessionId: string;
  commercerId: string;
  /** 'YYYY-MM' of the start in the brand's zone. */
  month: string;
  durationSeconds: number;
  /** The revenue's currency: the session's, or the brand's for a session without sales. */
  currency: string;
  revenue: number;
  orders: number;
  engaged: number;
}

export interface SessionCostEntry {
  sessionId: string;
  amount: number;
  currency: string;
}

export interface FeeEntry {
  commercerId: string;
  month: string;
  amount: number;
  currency: string;
}

export type CostSource = 'SESSION_COST' | 'COMMERCER_FEE';

export interface SessionCost extends Money {
  source: CostSource;
}

/**
 * Each session's host cost: its own cost when set, else its share of its commercer's fee for its
 * month, in proportion to its duration among all that month's sessions of the commercer (K-3: a
 * session with its own cost keeps its place in the denominator, so its share is replaced, never handed
 * to the others; when every session of the month lasted 0 s the fee is split equally).
 * `monthSessions` must hold every session of the commercers and months concerned, not only the wanted ones.
 */
export function sessionCosts(
  monthSessions: readonly CostSession[],
  costs: readonly SessionCostEntry[],
  fees: readonly FeeEntry[],
): Map<string, SessionCost> {
  const own = new Map(costs.map((c) => [c.sessionId, c]));
  const feeOf = new Map(fees.map((f) => [`${f.commercerId}\u0000${f.month}`, f]));
  const groups = new Map<string, CostSession[]>();
  for (const s of monthSessions) {
    const key = `${s.commercerId}\u0000${s.month}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const result = new Map<string, SessionCost>();
  for (const [key, sessions] of groups) {
    const fee = feeOf.get(key);
    const total = sessions.reduce((sum, s) => sum + Math.max(s.durationSeconds, 0), 0);
    for (const s of sessions) {
      const set = own.get(s.sessionId);
      if (set) result.set(s.sessionId, { amount: set.amount, currency: set.currency, source: 'SESSION_COST' });
      else if (fee) {
        const share = total > 0 ? Math.max(s.durationSeconds, 0) / total : 1 / sessions.length;
        result.set(s.sessionId, { amount: fee.amount * share, currency: fee.currency, source: 'COMMERCER_FEE' });
      }
    }
  }
  // a session cost whose session is not among monthSessions still counts for itself
  for (const c of costs)
    if (!result.has(c.sessionId))
      result.set(c.sessionId, { amount: c.amount, currency: c.currency, source: 'SESSION_COST' });
  return result;
}

export interface CostFigures {
  /** The currency of the figures: the scope's revenue currency. */
  currency: string;
  hostCost: number | null;
  roas: number | null;
  costPerEngagedViewer: number | null;
  costPerOrder: number | null;
  /** Sessions whose cost is in `currency` (the ones hostCost, roas and the costs per … are computed over). */
  costedSessions: number;
  /** Costs in other currencies than the revenue, per currency: never added to hostCost nor converted. */
  costsInOtherCurrencies: Money[];
}

/**
 * A scope's cost figures (a session, a commercer, a kind): over the sessions whose cost is in the
 * revenue's currency, hostCost = Σ cost, roas = Σ their revenue / hostCost, costPerEngagedViewer =
 * hostCost / Σ their engaged viewers, costPerOrder = hostCost / Σ their orders (K-5: sessions without a
 * cost count in neither side). `currency` is the scope's revenue currency (K-4).
 */
export function costFigures(
  currency: string,
  sessions: readonly CostSession[],
  costs: ReadonlyMap<string, Money>,
): CostFigures {
  let hostCost = 0;
  let revenue = 0;
  let engaged = 0;
  let orders = 0;
  let costed = 0;
  const others = new Map<string, number>();
  for (const s of sessions) {
    const cost = costs.get(s.sessionId);
    if (!cost) continue;
    if (cost.currency === currency && s.currency === currency) {
      costed++;
      hostCost += cost.amount;
      revenue += s.revenue;
      engaged += s.engaged;
      orders += s.orders;
    } else others.set(cost.currency, (others.get(cost.currency) ?? 0) + cost.amount);
  }
  const has = costed > 0;
  return {
    currency,
    hostCost: has ? hostCost : null,
    roas: has ? ratio(revenue, hostCost) : null,
    costPerEngagedViewer: has ? ratio(hostCost, engaged) : null,
    costPerOrder: has ? ratio(hostCost, orders) : null,
    costedSessions: costed,
    costsInOtherCurrencies: [...others]
      .map(([c, amount]) => ({ currency: c, amount }))
      .sort((x, y) => x.currency.localeCompare(y.currency)),
  };
}

/**
 * The scope's revenue currency: the one currency its sessions sold in, or the brand's when they sold
 * nothing. With several (never summed), the brand's: sessions selling in another currency then count
 * their costs apart.
 */
export function scopeCurrency(sessions: readonly CostSession[], brandCurrency: string): string {
  const currencies = new Set(sessions.filter((s) => s.revenue > 0).map((s) => s.currency));
  return currencies.size === 1 ? [...currencies][0] : brandCurrency;
}

export interface FitPoint {
  uniqueViewers: number;
  engagementRate: number;
}

export interface FittedLine {
  a: number;
  b: number;
  n: number;
}

/** Fewer sessions than this in the window: no line (METRICS.md). */
export const MIN_FIT_SESSIONS = 10;

/**
 * Least squares of engagementRate = a + b · ln(uniqueViewers). Sessions without viewers have neither a
 * rate nor a logarithm and are left out before counting (K-7); null with fewer than 10 sessions, or
 * when every session had the same audience (no slope can be fitted).
 */
export function fitLine(points: readonly FitPoint[]): FittedLine | null {
  const usable = points.filter((p) => p.uniqueViewers > 0);
  const n = usable.length;
  if (n < MIN_FIT_SESSIONS) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of usable) {
    const x = Math.log(p.uniqueViewers);
    sx += x;
    sy += p.engagementRate;
    sxx += x * x;
    sxy += x * p.engagementRate;
  }
  const denominator = n * sxx - sx * sx;
  if (Math.abs(denominator) < 1e-12) return null;
  const b = (n * sxy - sx * sy) / denominator;
  return { a: (sy - b * sx) / n, b, n };
}

/** A session's engagementRate minus the line's value at its audience; null without a line or viewers. */
export function residual(line: FittedLine | null, uniqueViewers: number, engaged: number): number | null {
  if (!line || uniqueViewers <= 0) return null;
  return engaged / uniqueViewers - (line.a + line.b * Math.log(uniqueViewers));
}

/** The mean of the values that exist; null when none does. */
export function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((s, v) => s + v, 0) / present.length;
}

/** Min, median (mean of the two middle values for an even count, K-2) and max; null without values. */
export function spreadOf(values: readonly (number | null)[]): { min: number; median: number; max: number } | null {
  const sorted = values.filter((v): v is number => v !== null).sort((x, y) => x - y);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** ISO-4217 code: three capital letters. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;
/** A calendar month 'YYYY-MM' (years 2000–2099 keep typos out). */
export const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;
