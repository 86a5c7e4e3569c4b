import type { HostCostFieldsFragment } from '../../gql/graphql';
import type { MessageKey } from '../../lib/i18n';

/** What the cost editors check before sending (the API checks the same and names the argument). */
export interface CostErrors {
  amount?: MessageKey;
  currency?: MessageKey;
  month?: MessageKey;
}

/** The amount typed in a cost editor, or null when it is not a number ≥ 0. */
export function parseAmount(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function validateCost(input: { amount: string; currency: string; month?: string }): CostErrors {
  const errors: CostErrors = {};
  const trimmed = input.amount.trim();
  if (trimmed === '') errors.amount = 'costErrorAmountMissing';
  else if (trimmed.startsWith('-')) errors.amount = 'costErrorAmountNegative';
  else if (parseAmount(trimmed) === null) errors.amount = 'costErrorAmountNumber';
  if (!/^[A-Z]{3}$/.test(input.currency.trim())) errors.currency = 'costErrorCurrency';
  if (input.month !== undefined && !/^20\d{2}-(0[1-9]|1[0-2])$/.test(input.month.trim()))
    errors.month = 'costErrorMonth';
  return errors;
}

/** Does any kind (or row) carry a cost to show? ROAS and cost per order stay hidden until one does. */
export function hasAnyCost(costs: readonly HostCostFieldsFragment[]): boolean {
  return costs.some((c) => c.hostCost !== null || c.costsInOtherCurrencies.length > 0);
}

/**
 * The brand's line drawn over the scatter: engagementRate = a + b · ln(uniqueViewers) is straight on a
 * log x axis, so its two ends are enough. Rates are clamped to [0, 1] as a share cannot leave them.
 */
export function fitEnds(
  fit: { a: number; b: number },
  minViewers: number,
  maxViewers: number,
): [{ x: number; y: number }, { x: number; y: number }] {
  const at = (x: number) => ({ x, y: Math.min(1, Math.max(0, fit.a + fit.b * Math.log(x))) });
  return [at(minViewers), at(maxViewers)];
}

/** The month a fee editor starts on: the period's last month in the brand's zone (YYYY-MM). */
export function monthOf(isoInstant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
    new Date(isoInstant),
  );
  const year = parts.find((p) => p.type === 'year')?.value ?? '2000';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

/** Ticks of a log axis from min to max: 1, 2, 5, 10, 20, 50 … that fall inside, with both ends. */
export function logTicks(min: number, max: number): number[] {
  const ticks = new Set<number>([min, max]);
  for (let decade = 1; decade <= max; decade *= 10)
    for (const step of [1, 2, 5]) {
      const tick = step * decade;
      if (tick > min && tick < max) ticks.add(tick);
    }
  return [...ticks].sort((a, b) => a - b);
}
