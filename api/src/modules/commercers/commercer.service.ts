import { Injectable } from '@nestjs/common';
import { toClickHouseTime, type Brand } from '@lc/clickhouse';
import { previousPeriod, type Period } from '../../common/period.input.js';
import { periodMetricsOf, sumsOf, type PeriodMetricValues } from '../../metrics/period-metric.definitions.js';
import type { PeriodTotalsRow } from '../../repositories/period.repository.js';
import type { Principal } from '../auth/principal.js';
import { CommunityService } from '../community/community.service.js';
import { PeriodService, scopeOf } from '../periods/period.service.js';
import type { PeriodMetricsDto } from '../periods/dtos/period-metrics.dto.js';
import { CommercerKind, type CommercerDto } from '../sessions/dtos/session.dto.js';
import { SortDirection } from '../sessions/dtos/session-list.dto.js';
import { SessionService } from '../sessions/session.service.js';
import { fitRowsOfPoints, fitWindowStart, HostCostService } from '../host-costs/host-cost.service.js';
import type { CommercerProfileDto, CommercerRowDto } from './dtos/commercer-row.dto.js';

function commercerOf(row: PeriodTotalsRow): CommercerDto {
  return {
    id: row.g,
    name: row.commercer_name,
    kind: row.commercer_kind === 'in_house' ? CommercerKind.in_house : CommercerKind.professional,
  };
}

/** Sorts with nulls last whatever the direction: a missing rate is never "best". */
export function sortRows<T>(rows: T[], value: (row: T) => number | null, direction: SortDirection): T[] {
  const sign = direction === SortDirection.ASC ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y);
  });
}

@Injectable()
export class CommercerService {
  constructor(
    private readonly periods: PeriodService,
    private readonly sessions: SessionService,
    private readonly community: CommunityService,
    private readonly hostCosts: HostCostService,
  ) {}

  async rows(
    brand: Brand,
    period: Period,
    options: {
      kind: CommercerKind | null;
      sortBy: string;
      direction: SortDirection;
      first: number;
      compare: boolean;
      /** false when no later-purchase field is asked for: their figures are then left at 0 (S13-2). */
      later?: boolean;
    },
  ): Promise<CommercerRowDto[]> {
    const scope = scopeOf(brand, period, { kind: options.kind });
    const later = options.later ?? true;
    // the scope spans the previous period and this one when comparing, divided at this one's start
    const spanFrom = options.compare ? previousPeriod(period).from : period.from;
    const totals = options.compare
      ? this.periods.repository.commercerTotalsWithPrevious(
          { ...scope, from: toClickHouseTime(spanFrom) },
          scope.from,
          later,
        )
      : this.periods.repository.totals(scope, 'commercer', later).then((rows) => ({ current: rows, previous: [] }));
    // Every session of the brand in the span is in some commercer's row (no kind narrows them): when the span
    // holds the cost fit's window, its points are the fit's, and no statement reads them again
    const fitFrom = fitWindowStart(period.to);
    const fitRows =
      options.kind === null && spanFrom.getTime() <= fitFrom.getTime()
        ? totals.then(({ current, previous }) =>
            fitRowsOfPoints(
              [...current, ...previous].flatMap((row) => row.session_points),
              fitFrom,
            ),
          )
        : undefined;
    const [{ current, previous: before }, costs] = await Promise.all([
      totals,
      this.hostCosts.leaderboardCosts(brand, period, options.kind === null, fitRows),
    ]);
    const previousById = new Map(before.map((row) => [row.g, periodMetricsOf(sumsOf(row))]));
    const rows = current.map((row) => ({
      commercer: commercerOf(row),
      brandId: brand.id,
      metrics: periodMetricsOf(sumsOf(row)),
      previous: options.compare ? (previousById.get(row.g) ?? periodMetricsOf(sumsOf(undefined))) : null,
      ...(costs.costs === null
        ? this.hostCosts.figuresOfPoints(costs, row.session_points)
        : this.hostCosts.figuresOf(costs, (s) => s.commercerId === row.g)),
    }));
    const sortValue = (r: (typeof rows)[number]): number | null => {
      switch (options.sortBy) {
        case 'engagementVsExpected':
          return r.engagementVsExpected;
        case 'hostCost':
        case 'roas':
        case 'costPerEngagedViewer':
        case 'costPerOrder':
          return r.costs[options.sortBy];
        default:
          return r.metrics[options.sortBy] as number | null;
      }
    };
    return sortRows(rows, sortValue, options.direction)
      .slice(0, options.first)
      .map((r) => ({ ...r, metrics: r.metrics as PeriodMetricsDto, previous: r.previous as PeriodMetricsDto | null }));
  }

  async profile(
    principal: Principal,
    brand: Brand,
    period: Period,
    commercerId: string,
    /** Where the page's sessions are read ahead once the answer is ready (SessionService.list). */
    later?: (work: () => void) => void,
  ): Promise<CommercerProfileDto | null> {
    const scope = scopeOf(brand, period, { commercerId });
    const [totals, sessions, community, costs] = await Promise.all([
      this.periods.repository.totals(scope, 'commercer'),
      this.sessions.list(
        principal,
        {
          filter: {
            brandId: brand.id,
            commercerId,
            period: { from: period.from, to: period.to, timeZone: period.timeZone },
          },
          first: 200,
          sortBy: 'startedAt',
          direction: SortDirection.DESC,
        },
        { later },
      ),
      this.community.community(scope, period),
      this.hostCosts.periodCosts(brand, period),
    ]);
    const row = totals[0];
    if (!row) return null;
    const metrics: PeriodMetricValues = periodMetricsOf(sumsOf(row));
    return {
      commercer: commercerOf(row),
      brandId: brand.id,
      metrics: metrics as PeriodMetricsDto,
      ...this.hostCosts.figuresOf(costs, (s) => s.commercerId === commercerId),
      daily: community.daily,
      sessions: sessions.nodes,
      stamps: community.stamps[0]?.stamps ?? [],
      community,
      merchandise: { scope, brandCurrency: brand.currency },
    };
  }
}
