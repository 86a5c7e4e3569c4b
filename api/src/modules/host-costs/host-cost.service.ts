import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime, type Brand } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { previousPeriod, type Period, type PeriodInput } from '../../common/period.input.js';
import { periodMetricsOf, sumsOf, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import {
  HostCostRepository,
  type CommercerFeeRow,
  type CostSessionRow,
  type FitRow,
  type SessionCostRow,
} from '../../repositories/host-cost.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { PeriodService, scopeOf } from '../periods/period.service.js';
import type { PeriodMetricsDto } from '../periods/dtos/period-metrics.dto.js';
import { CommercerKind, type CommercerDto, type SessionDto } from '../sessions/dtos/session.dto.js';
import {
  HostCostSource,
  type CommercerFeeDto,
  type EngagementFitDto,
  type HostCostFiguresDto,
  type KindComparisonDto,
  type KindRowDto,
  type SessionCostDto,
} from './dtos/host-cost.dto.js';
import {
  CURRENCY_CODE,
  MONTH,
  costFigures,
  fitLine,
  meanOf,
  residual,
  scopeCurrency,
  sessionCosts,
  spreadOf,
  type CostSession,
  type FittedLine,
  type SessionCost,
} from './host-cost.rules.js';

/** The fit looks this far back from the period's end (METRICS.md). */
const FIT_DAYS = 90;
const DAY_MS = 86_400_000;
/** An amount above this is a typo, not a fee. */
const MAX_AMOUNT = 1e12;
/** The KPIs whose spread across a kind's commercers is shown (METRICS.md). */
export const SPREAD_METRICS = ['engagementRate', 'conversionRate', 'gpm', 'commentResponseRate'] as const;

export function checkAmount(amount: number, field = 'amount'): number {
  if (!Number.isFinite(amount)) throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} must be a number`, field);
  if (amount < 0)
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} must not be negative (got ${amount})`, field);
  if (amount > MAX_AMOUNT)
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${field} must be at most ${MAX_AMOUNT}`, field);
  return Math.round(amount * 10_000) / 10_000;
}

export function checkCurrency(currency: string, field = 'currency'): string {
  if (!CURRENCY_CODE.test(currency))
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `${field} must be an ISO-4217 code of three capital letters, e.g. JPY (got "${currency}")`,
      field,
    );
  return currency;
}

export function checkMonth(month: string, field = 'month'): string {
  if (!MONTH.test(month))
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `${field} must be a calendar month YYYY-MM, e.g. 2026-11 (got "${month}")`,
      field,
    );
  return month;
}

function costSessionOf(row: CostSessionRow, brandCurrency: string): CostSession {
  return {
    sessionId: row.session_id,
    commercerId: row.commercer_id,
    month: row.month,
    durationSeconds: Number(row.duration_seconds),
    currency: row.currency === '' ? brandCurrency : row.currency,
    revenue: Number(row.revenue),
    orders: Number(row.orders),
    engaged: Number(row.engaged_viewers),
  };
}

function kindOf(value: string): CommercerKind {
  return value === 'in_house' ? CommercerKind.in_house : CommercerKind.professional;
}

function toSessionCostDto(row: SessionCostRow): SessionCostDto {
  return {
    brandId: row.brand_id,
    sessionId: row.session_id,
    amount: Number(row.amount),
    currency: row.currency,
    updatedAt: fromClickHouseTime(row.updated_at),
  };
}

function toFeeDto(row: CommercerFeeRow): CommercerFeeDto {
  return {
    brandId: row.brand_id,
    commercerId: row.commercer_id,
    month: row.month,
    amount: Number(row.amount),
    currency: row.currency,
    updatedAt: fromClickHouseTime(row.updated_at),
  };
}

/** A brand's costs and sessions over a period's months, ready to be summed per session, commercer or kind. */
export interface PeriodCosts {
  brand: Brand;
  /** The sessions that started in the period. */
  sessions: (CostSession & { kind: CommercerKind; commercer: CommercerDto; uniqueViewers: number })[];
  costs: Map<string, SessionCost>;
  line: FittedLine | null;
  fitWindow: { from: Date; to: Date };
}

/** A leaderboard's cost inputs when the brand has no host cost at all: only the fit line (S13-3). */
export interface LineOnly {
  brand: Brand;
  costs: null;
  line: FittedLine | null;
}

/** A group's sessions as the totals query lists them (PeriodTotalsRow.session_points). */
export type SessionPoint = [string, string, number, number, string, number, number];

/** The start of the fit window that ends at `end`: the 90 days before it. */
export const fitWindowStart = (end: Date): Date => new Date(end.getTime() - FIT_DAYS * DAY_MS);

/**
 * The fit points among session points of a totals read whose scope ends at the fit window's end and
 * starts at or before `from` (every session of the brand in it, none narrowed): those started from `from`
 * on that ended by the scope's end — what `fitPoints` reads for the same window.
 */
export function fitRowsOfPoints(points: readonly SessionPoint[], from: Date): FitRow[] {
  const since = toClickHouseTime(from);
  return points
    .filter((p) => p[0] >= since && Number(p[6]) === 1)
    .map((p) => ({ unique_viewers: p[2], engaged_viewers: p[3] }));
}

@Injectable()
export class HostCostService {
  constructor(
    private readonly repository: HostCostRepository,
    private readonly brands: BrandAccessService,
    private readonly sessionRows: SessionRepository,
    private readonly periods: PeriodService,
  ) {}

  /** The brand of the session: `brandId`'s when given, else the newest of the reader's sessions of the id (S11R6-1). */
  private async sessionBrand(principal: Principal, sessionId: string, brandId: string | null): Promise<Brand> {
    // another brand's session is reported exactly like an unknown one
    const rows = await this.sessionRows.findByIds(BrandScope.of(principal), [sessionId]);
    const session = rows.find((row) => brandId === null || row.brand_id === brandId);
    const brand = session ? await this.brands.byId(session.brand_id) : null;
    if (!brand) throw new ApiException(ApiErrorCode.NOT_FOUND, `no session "${sessionId}" for this token`, 'sessionId');
    return brand;
  }

  private async commercerBrand(principal: Principal, brandId: string | null, commercerId: string): Promise<Brand> {
    const brand = await this.brands.resolve(principal, brandId);
    if (!(await this.repository.commercerExists(brand.id, commercerId)))
      throw new ApiException(
        ApiErrorCode.NOT_FOUND,
        `no commercer "${commercerId}" in brand ${brand.id} (a commercer is known from its sessions)`,
        'commercerId',
      );
    return brand;
  }

  async setSessionCost(
    principal: Principal,
    sessionId: string,
    amount: number,
    currency: string,
    brandId: string | null = null,
  ): Promise<SessionCostDto> {
    const value = checkAmount(amount);
    const code = checkCurrency(currency);
    const brand = await this.sessionBrand(principal, sessionId, brandId);
    const updatedAt = toClickHouseTime(new Date());
    const row = { brand_id: brand.id, session_id: sessionId, amount: value, currency: code };
    await this.repository.setSessionCost(row, updatedAt);
    return toSessionCostDto({ ...row, updated_at: updatedAt });
  }

  async clearSessionCost(principal: Principal, sessionId: string, brandId: string | null = null): Promise<boolean> {
    const brand = await this.sessionBrand(principal, sessionId, brandId);
    const [existing] = await this.repository.sessionCosts(brand.id, [sessionId]);
    if (!existing) return false;
    await this.repository.setSessionCost(existing, toClickHouseTime(new Date()), true);
    return true;
  }

  async setCommercerFee(
    principal: Principal,
    brandId: string | null,
    commercerId: string,
    month: string,
    amount: number,
    currency: string,
  ): Promise<CommercerFeeDto> {
    const value = checkAmount(amount);
    const code = checkCurrency(currency);
    const m = checkMonth(month);
    const brand = await this.commercerBrand(principal, brandId, commercerId);
    const updatedAt = toClickHouseTime(new Date());
    const row = { brand_id: brand.id, commercer_id: commercerId, month: m, amount: value, currency: code };
    await this.repository.setCommercerFee(row, updatedAt);
    return toFeeDto({ ...row, updated_at: updatedAt });
  }

  async clearCommercerFee(
    principal: Principal,
    brandId: string | null,
    commercerId: string,
    month: string,
  ): Promise<boolean> {
    const m = checkMonth(month);
    const brand = await this.brands.resolve(principal, brandId);
    const [existing] = (
      await this.repository.commercerFees(brand.id, { commercerId, fromMonth: m, toMonth: m })
    ).filter((f) => f.commercer_id === commercerId);
    if (!existing) return false;
    await this.repository.setCommercerFee(existing, toClickHouseTime(new Date()), true);
    return true;
  }

  async listSessionCosts(
    principal: Principal,
    brandId: string | null,
    sessionIds: string[] | null,
  ): Promise<SessionCostDto[]> {
    const brand = await this.brands.resolve(principal, brandId);
    return (await this.repository.sessionCosts(brand.id, sessionIds)).map(toSessionCostDto);
  }

  async listCommercerFees(
    principal: Principal,
    brandId: string | null,
    commercerId: string | null,
  ): Promise<CommercerFeeDto[]> {
    const brand = await this.brands.resolve(principal, brandId);
    return (await this.repository.commercerFees(brand.id, { commercerId })).map(toFeeDto);
  }

  /** The least-squares line of the brand's finished sessions of the 90 days before `end`. */
  async line(brandId: string, end: Date): Promise<{ line: FittedLine | null; from: Date; to: Date }> {
    const from = fitWindowStart(end);
    const rows = await this.repository.fitPoints(brandId, toClickHouseTime(from), toClickHouseTime(end));
    return { line: HostCostService.fitOf(rows), from, to: end };
  }

  private static fitOf(rows: readonly FitRow[]): FittedLine | null {
    // in one order whatever read gave the rows (fitPoints, or the totals' points): the same sums to the last bit
    const sorted = [...rows].sort(
      (a, b) =>
        Number(a.unique_viewers) - Number(b.unique_viewers) || Number(a.engaged_viewers) - Number(b.engaged_viewers),
    );
    return fitLine(
      sorted.map((r) => ({
        uniqueViewers: Number(r.unique_viewers),
        engagementRate: Number(r.unique_viewers) > 0 ? Number(r.engaged_viewers) / Number(r.unique_viewers) : 0,
      })),
    );
  }

  /** Everything a period's cost and size-adjusted figures need, in three small reads (two when the line is known). */
  async periodCosts(
    brand: Brand,
    period: Period,
    known?: Promise<{ line: FittedLine | null; from: Date; to: Date }>,
  ): Promise<PeriodCosts> {
    const from = toClickHouseTime(period.from);
    const to = toClickHouseTime(period.to);
    const [rows, costs, fit] = await Promise.all([
      this.repository.periodSessions(brand.id, brand.timeZone, from, to),
      this.repository.sessionCostsAround(brand.id, from, to),
      known ?? this.line(brand.id, period.to),
    ]);
    const { all, spread } = await this.spreadCosts(brand, rows, costs);
    return {
      brand,
      costs: spread,
      line: fit.line,
      fitWindow: { from: fit.from, to: fit.to },
      sessions: rows
        .map((r, i) => ({ row: r, s: all[i] }))
        .filter(({ row }) => Number(row.in_period) === 1)
        .map(({ row, s }) => ({
          ...s,
          kind: kindOf(row.commercer_kind),
          commercer: { id: row.commercer_id, name: row.commercer_name, kind: kindOf(row.commercer_kind) },
          uniqueViewers: Number(row.unique_viewers),
        })),
    };
  }

  /**
   * A leaderboard's cost inputs (S13-3). The fit line always; the period's sessions, costs and fees only
   * when the brand has set a cost or fee at all. Without one, each commercer's figures come from its
   * totals row (`figuresOfPoints`), which lists the same sessions, so session_stats is read once.
   * `pointsMatch` is false when the totals are narrowed (by kind) and so may miss some of a commercer's
   * sessions: then the full read.
   */
  async leaderboardCosts(
    brand: Brand,
    period: Period,
    pointsMatch: boolean,
    /** The fit window's points from the leaderboard's own totals, when they cover the window (fitRowsOfPoints). */
    fitRows?: Promise<FitRow[]>,
  ): Promise<PeriodCosts | LineOnly> {
    if (!pointsMatch) return this.periodCosts(brand, period);
    // the line from the totals when they hold the fit window (no statement of its own), else its own read;
    // the cost reads, if the brand has any cost, start at once
    const from = fitWindowStart(period.to);
    const fit = fitRows
      ? fitRows.then((rows) => ({ line: HostCostService.fitOf(rows), from, to: period.to }))
      : this.line(brand.id, period.to);
    fit.catch(() => undefined); // awaited below: a failure is not "unhandled" while the cost state is read
    if (await this.repository.anyCost(brand.id)) return this.periodCosts(brand, period, fit);
    return { brand, costs: null, line: (await fit).line };
  }

  /**
   * figuresOf for a brand without any host cost, from a group's session points: the same sessions in the
   * same order, so the same cost currency and the same mean residual (every cost figure is empty).
   */
  figuresOfPoints(data: LineOnly, points: readonly SessionPoint[]) {
    const sessions = points.map(([, sessionId, uniqueViewers, engaged, currency, revenue]) => ({
      sessionId,
      commercerId: '',
      month: '',
      durationSeconds: 0,
      currency: currency === '' ? data.brand.currency : currency,
      revenue: Number(revenue),
      orders: 0,
      engaged: Number(engaged),
      uniqueViewers: Number(uniqueViewers),
    }));
    return HostCostService.groupFigures(data, sessions, new Map());
  }

  /** Cost figures and engagementVsExpected of a group of the period's sessions (a commercer, a kind). */
  figuresOf(data: PeriodCosts, keep: (s: PeriodCosts['sessions'][number]) => boolean) {
    const sessions = data.sessions.filter(keep);
    return HostCostService.groupFigures(data, sessions, data.costs);
  }

  /** A group's cost figures in its one currency (else the brand's), and its mean distance from the brand's line. */
  private static groupFigures(
    data: { brand: Brand; line: FittedLine | null },
    sessions: readonly (CostSession & { uniqueViewers: number })[],
    costs: ReadonlyMap<string, SessionCost>,
  ) {
    return {
      costs: costFigures(scopeCurrency(sessions, data.brand.currency), sessions, costs) as HostCostFiguresDto,
      engagementVsExpected: meanOf(sessions.map((s) => residual(data.line, s.uniqueViewers, s.engaged))),
    };
  }

  /**
   * Each session's host cost: its own cost, else its share of its commercer's fee for the month. `rows`
   * hold every session of the commercer-months they touch, as a fee is shared among all of them.
   */
  private async spreadCosts(
    brand: Brand,
    rows: readonly CostSessionRow[],
    costs: readonly SessionCostRow[],
  ): Promise<{ all: CostSession[]; spread: Map<string, SessionCost> }> {
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const fees = months.length
      ? await this.repository.commercerFees(brand.id, { fromMonth: months[0], toMonth: months[months.length - 1] })
      : [];
    const all = rows.map((r) => costSessionOf(r, brand.currency));
    const spread = sessionCosts(
      all,
      costs.map((c) => ({ sessionId: c.session_id, amount: Number(c.amount), currency: c.currency })),
      fees.map((f) => ({
        commercerId: f.commercer_id,
        month: f.month,
        amount: Number(f.amount),
        currency: f.currency,
      })),
    );
    return { all, spread };
  }

  /** Session.costs for several sessions (each with the other sessions of its commercer's month). */
  async forSessions(sessions: readonly SessionDto[]): Promise<HostCostFiguresDto[]> {
    const byBrand = new Map<string, SessionDto[]>();
    for (const s of sessions) byBrand.set(s.brandId, [...(byBrand.get(s.brandId) ?? []), s]);
    const result = new Map<string, HostCostFiguresDto>();
    for (const [brandId, list] of byBrand) {
      const brand = await this.brands.byId(brandId);
      if (!brand) continue;
      const ids = list.map((s) => s.id);
      const [rows, costs] = await Promise.all([
        this.repository.sessionsWithTheirMonths(brand.id, brand.timeZone, ids),
        this.repository.sessionCosts(brand.id, ids),
      ]);
      const { all, spread } = await this.spreadCosts(brand, rows, costs);
      for (const s of all.filter((x) => ids.includes(x.sessionId))) {
        const figures = costFigures(s.currency, [s], spread) as HostCostFiguresDto;
        const source = spread.get(s.sessionId)?.source;
        result.set(s.sessionId, { ...figures, source: source ? HostCostSource[source] : null });
      }
    }
    return sessions.map(
      (s) =>
        result.get(s.id) ?? {
          currency: s.currency,
          hostCost: null,
          roas: null,
          costPerEngagedViewer: null,
          costPerOrder: null,
          costedSessions: 0,
          costsInOtherCurrencies: [],
          source: null,
        },
    );
  }

  async kindComparison(principal: Principal, brandId: string | null, input: PeriodInput): Promise<KindComparisonDto> {
    const { brand, period } = await this.periods.resolve(principal, brandId, input);
    const scope = scopeOf(brand, period);
    const [current, previous, byCommercer, data] = await Promise.all([
      this.periods.repository.totals(scope, 'kind'),
      this.periods.repository.totals(scopeOf(brand, previousPeriod(period)), 'kind'),
      this.periods.repository.totals(scope, 'commercer'),
      this.periodCosts(brand, period),
    ]);
    const metricsOf = (rows: typeof current, kind: string): PeriodMetricValues =>
      periodMetricsOf(sumsOf(rows.find((r) => r.g === kind)));
    const kinds: KindRowDto[] = [CommercerKind.professional, CommercerKind.in_house].map((kind) => {
      const commercers = byCommercer
        .filter((r) => kindOf(r.commercer_kind) === kind)
        .map((r) => ({
          commercer: { id: r.g, name: r.commercer_name, kind },
          metrics: periodMetricsOf(sumsOf(r)),
        }));
      const figures = this.figuresOf(data, (s) => s.kind === kind);
      return {
        kind,
        commercers: commercers.length,
        metrics: metricsOf(current, kind) as PeriodMetricsDto,
        previous: metricsOf(previous, kind) as PeriodMetricsDto,
        spread: SPREAD_METRICS.map((metric) => {
          const points = commercers.map((c) => ({ commercer: c.commercer, value: c.metrics[metric] }));
          const s = spreadOf(points.map((p) => p.value));
          return { metric, min: s?.min ?? null, median: s?.median ?? null, max: s?.max ?? null, commercers: points };
        }),
        costs: figures.costs,
        engagementVsExpected: figures.engagementVsExpected,
      };
    });
    const fit: EngagementFitDto | null = data.line
      ? { ...data.line, from: data.fitWindow.from, to: data.fitWindow.to }
      : null;
    return {
      brandId: brand.id,
      period,
      kinds,
      fit,
      sessions: data.sessions.map((s) => ({
        sessionId: s.sessionId,
        commercer: s.commercer,
        uniqueViewers: s.uniqueViewers,
        engagementRate: s.uniqueViewers > 0 ? s.engaged / s.uniqueViewers : null,
        engagementVsExpected: residual(data.line, s.uniqueViewers, s.engaged),
      })),
    };
  }
}
