import { ratio } from '@lc/contract';
import type { Money } from './period-metric.definitions.js';

/**
 * METRICS.md "Does engagement pay later?": the window after a session's start in which a purchase in
 * a later session of the brand makes a non-buyer a later buyer (decision E-1).
 */
export const LATER_WINDOW_DAYS = 28;
const WINDOW_MS = LATER_WINDOW_DAYS * 86_400_000;

/** What the later-purchase KPIs of a session or a period are computed from (sums over sessions). */
export interface LaterCounts {
  engagedNonBuyers: number;
  passiveNonBuyers: number;
  /** Later buyers among the engaged / passive non-buyers (a viewer once per session they did not buy in). */
  laterEngaged: number;
  laterPassive: number;
  /** Revenue of the later purchases, per currency: each purchase once per session it follows. */
  laterMoney: readonly Money[];
}

export interface LaterFigures {
  laterConversionEngaged: number | null;
  laterConversionPassive: number | null;
  engagementLift: number | null;
  laterRevenue: number | null;
}

/** The period KPI fields computed from the later-purchase part of the totals (S13-2). */
export const LATER_PURCHASE_FIELDS: ReadonlySet<string> = new Set([
  'laterConversionEngaged',
  'laterConversionPassive',
  'engagementLift',
  'laterRevenue',
]);

/**
 * The ratios of sums, null where a denominator is 0 (METRICS.md). `laterRevenue` is 0 without later
 * purchases and null when they were made in several currencies (never summed across them, E-4).
 */
export function laterFigures(c: LaterCounts): LaterFigures {
  const engaged = ratio(c.laterEngaged, c.engagedNonBuyers);
  const passive = ratio(c.laterPassive, c.passiveNonBuyers);
  return {
    laterConversionEngaged: engaged,
    laterConversionPassive: passive,
    engagementLift: passive === null ? null : ratio(engaged, passive),
    laterRevenue: c.laterMoney.length === 0 ? 0 : c.laterMoney.length === 1 ? c.laterMoney[0].amount : null,
  };
}

/** True while a session that started at `lastStart` can still gain later buyers (E-5): its 28 days have not passed. */
export function windowOpen(lastStart: Date | null, now: number): boolean {
  return lastStart !== null && lastStart.getTime() + WINDOW_MS > now;
}
