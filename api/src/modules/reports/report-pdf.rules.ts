/**
 * What a report PDF says around the page it prints: the header and footer templates (brand, period,
 * page numbers) in the report's language, and the white-label branding they take. Pure functions.
 */

export type ReportLanguage = 'en' | 'ja';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['en', 'ja'];

/**
 * White-label of a brand (issue 10, set by the admin or the agency): the name clients see, the agency's
 * name, an accent colour and an optional logo. Without it, the brand's own name and no agency line.
 */
export interface Branding {
  displayName: string;
  agencyName: string;
  /** `#rrggbb`. */
  accentColor: string;
  logo?: { mime: string; bytes: Buffer };
}

const ACCENT_DEFAULT = '#1f2937';
const COLOR = /^#[0-9a-fA-F]{6}$/;
const LOGO_MIMES = new Set(['image/png', 'image/svg+xml']);

/** `2026-11-02 – 2026-11-08 (Asia/Tokyo)`: the period's days, both included, and its zone. */
export function periodText(firstDay: string, lastDay: string, timeZone: string, language: ReportLanguage): string {
  return language === 'ja' ? `${firstDay} 〜 ${lastDay}（${timeZone}）` : `${firstDay} – ${lastDay} (${timeZone})`;
}

/** Text for HTML: the names come from users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface TemplateInput {
  brandName: string;
  firstDay: string;
  lastDay: string;
  period: { timeZone: string };
  language: ReportLanguage;
  branding?: Branding;
}

const shownName = (input: TemplateInput): string => input.branding?.displayName || input.brandName;
const accent = (input: TemplateInput): string =>
  input.branding && COLOR.test(input.branding.accentColor) ? input.branding.accentColor : ACCENT_DEFAULT;

/** Chromium's header: brand (and logo) left, period right, a rule in the accent colour. Font size must be set. */
export function headerTemplate(input: TemplateInput): string {
  const logo = input.branding?.logo;
  const image =
    logo && LOGO_MIMES.has(logo.mime)
      ? `<img src="data:${logo.mime};base64,${logo.bytes.toString('base64')}" style="height:18px;margin-right:6px;vertical-align:middle">`
      : '';
  return `<div style="font-family:'Noto Sans CJK JP','Noto Sans',sans-serif;font-size:9px;width:100%;margin:0 12mm;padding-bottom:3px;display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid ${accent(input)};color:#111">
<span>${image}<strong>${escapeHtml(shownName(input))}</strong></span>
<span>${escapeHtml(periodText(input.firstDay, input.lastDay, input.period.timeZone, input.language))}</span>
</div>`;
}

/** Chromium's footer: the agency (when white-labelled) left, "Page n of N" right. */
export function footerTemplate(input: TemplateInput): string {
  const pages =
    input.language === 'ja'
      ? '<span class="pageNumber"></span> / <span class="totalPages"></span> ページ'
      : 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>';
  return `<div style="font-family:'Noto Sans CJK JP','Noto Sans',sans-serif;font-size:8px;width:100%;margin:0 12mm;display:flex;justify-content:space-between;color:#555">
<span>${escapeHtml(input.branding?.agencyName ?? '')}</span>
<span>${pages}</span>
</div>`;
}
