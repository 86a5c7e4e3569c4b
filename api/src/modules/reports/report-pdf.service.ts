import { Injectable } from '@nestjs/common';
import { localDay, wholeDays } from '@lc/contract';
import { isTimeZone } from '@lc/contract/common';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { Period } from '../../common/period.input.js';
import type { Principal } from '../auth/principal.js';
import { BrandingRepository } from '../../repositories/branding.repository.js';
import { PeriodService } from '../periods/period.service.js';
import { REPORT_LANGUAGES, type Branding, type ReportLanguage } from './report-pdf.rules.js';
import { ReportRendererService } from './report-renderer.service.js';

/** A rendered report: its bytes and what it covers. */
export interface ReportPdf {
  pdf: Buffer;
  brand: { id: string; name: string };
  period: Period;
  firstDay: string;
  lastDay: string;
  /** The white-label it was printed with (the brand's own, unless the caller gave one); null: none set. */
  branding: Branding | null;
}

/** The `language` argument: en or ja; unset: en. */
export function reportLanguage(value: string | undefined | null, field = 'language'): ReportLanguage {
  if (value === undefined || value === null || value === '') return 'en';
  if ((REPORT_LANGUAGES as readonly string[]).includes(value)) return value as ReportLanguage;
  throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} must be en or ja, not "${value}"`, field);
}

/**
 * The report page prints whole days (its `from`/`to` are days): a period must start and end at the
 * start of a day in its zone. Returns its first and last days, both included.
 */
export function reportDays(period: Period): { firstDay: string; lastDay: string } {
  const { first, last } = wholeDays(period);
  if (first !== localDay(period.from, period.timeZone))
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `from must be the start of a day in ${period.timeZone}: the report shows whole days`,
      'from',
    );
  if (last !== localDay(new Date(period.to.getTime() - 1), period.timeZone))
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `to must be the start of a day in ${period.timeZone} (the day after the last one shown): the report shows whole days`,
      'to',
    );
  return { firstDay: first, lastDay: last };
}

/**
 * A brand's report as a PDF for a caller: the brand and period checked exactly as the CSV exports
 * check them (PeriodService.resolve: a READ token reaches its own brands only), then printed.
 * The scheduler and the share link's PDF call this too.
 */
@Injectable()
export class ReportPdfService {
  constructor(
    private readonly periods: PeriodService,
    private readonly renderer: ReportRendererService,
    private readonly brandings: BrandingRepository,
  ) {}

  async render(
    principal: Principal,
    brandId: string | undefined,
    input: { from?: string | Date; to?: string | Date; timeZone?: string },
    language: ReportLanguage,
    branding?: Branding,
  ): Promise<ReportPdf> {
    if (!input.from) throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'from is required (ISO-8601)', 'from');
    if (!input.to) throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'to is required (ISO-8601)', 'to');
    const from = new Date(input.from);
    const to = new Date(input.to);
    for (const [field, date] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (Number.isNaN(date.getTime()))
        throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} must be an ISO-8601 date-time`, field);
    if (from.getTime() >= to.getTime())
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'to must be after from', 'to');
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone))
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        `timeZone "${input.timeZone}" is not an IANA time zone (e.g. Asia/Tokyo)`,
        'timeZone',
      );
    const { brand, period } = await this.periods.resolve(principal, brandId, { from, to, timeZone: input.timeZone });
    const days = reportDays(period);
    // the brand's white-label (issue 10) on the PDF's header and footer, as on the report page
    const shown = branding ?? (await this.brandings.get(brand.id)) ?? undefined;
    const pdf = await this.renderer.render({
      brandId: brand.id,
      brandName: brand.name,
      period,
      ...days,
      language,
      branding: shown,
    });
    return { pdf, brand: { id: brand.id, name: brand.name }, period, ...days, branding: shown ?? null };
  }
}
