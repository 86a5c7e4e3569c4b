import { formatDecimal, formatPercent, type Lang } from '../../lib/format';
import type { Translate } from '../../lib/i18n';

/** METRICS.md "Does engagement pay later?": the window, in days, after a session's start. */
export const LATER_WINDOW_DAYS = 28;

/** The later-purchase fields of a session, a commercer or a brand period, as the API serves them. */
export interface LaterFigures {
  readonly engagedNonBuyers: number;
  readonly passiveNonBuyers: number;
  readonly laterConversionEngaged?: number | null;
  readonly laterConversionPassive?: number | null;
  readonly engagementLift?: number | null;
  readonly laterRevenue?: number | null;
  readonly windowOpen: boolean;
}

/** The lift as the answer says it: one decimal, "3.1×" / "3.1倍". */
export function formatLift(value: number, lang: Lang): string {
  return lang === 'ja' ? `${formatDecimal(value, 1, lang)}倍` : `${formatDecimal(value, 1, lang)}×`;
}

/**
 * The one-sentence answer. A lift needs both rates and a passive rate above 0; where it is null the
 * sentence says why (no passive non-buyers, no engaged ones, no passive later buyer, nobody at all).
 */
export function laterAnswer(f: LaterFigures, t: Translate, lang: Lang): string {
  const days = LATER_WINDOW_DAYS;
  const engaged = f.laterConversionEngaged ?? null;
  const passive = f.laterConversionPassive ?? null;
  if (f.engagementLift !== null && f.engagementLift !== undefined)
    return t('laterAnswer', { lift: formatLift(f.engagementLift, lang), days });
  if (f.engagedNonBuyers === 0 && f.passiveNonBuyers === 0) return t('laterNoNonBuyers', { days });
  if (f.passiveNonBuyers === 0) return t('laterNoPassive', { days });
  if (f.engagedNonBuyers === 0) return t('laterNoEngaged', { passive: formatPercent(passive, lang), days });
  if (engaged !== null && engaged > 0)
    return t('laterNoPassiveBuyers', { engaged: formatPercent(engaged, lang), days });
  return t('laterNobodyLater', { days });
}
