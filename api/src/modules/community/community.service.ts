import { Injectable } from '@nestjs/common';
import { addDays, isPartialWeek, localDay, mondayOf } from '@lc/contract';
import { LRUCache } from 'lru-cache';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import type { Period } from '../../common/period.input.js';
import type { PeriodScope } from '../../repositories/period.repository.js';
import { PeriodService } from '../periods/period.service.js';
import { CommercerKind } from '../sessions/dtos/session.dto.js';
import type { CohortDto, CommercerStampsDto, CommunityDto } from './dtos/community.dto.js';

const WEEK_MS = 7 * 86_400_000;

/** Community pages kept per (brand, period, filters, brand rollup state): each a few KB. */
export const COMMUNITY_CACHE_SIZE = 200;

@Injectable()
export class CommunityService {
  /**
   * Pages already computed. Everything on the page comes from the brand's rollups, so its rollup
   * state (RollupStateRepository) names the answer: one small statement instead of the page's four
   * period scans while no session of the brand changed.
   */
  private readonly pages = new LRUCache<string, CommunityDto>({ max: COMMUNITY_CACHE_SIZE });

  constructor(
    private readonly periods: PeriodService,
    private readonly rollups: RollupStateRepository,
  ) {}

  async community(scope: PeriodScope, period: Period): Promise<CommunityDto> {
    const state = await this.rollups.brandState(scope.brandId);
    const key = JSON.stringify([
      scope.brandId,
      scope.from,
      scope.to,
      scope.timeZone,
      scope.commercerId ?? null,
      scope.kind ?? null,
      period.from.getTime(),
      period.to.getTime(),
      period.timeZone,
      state,
    ]);
    let page = this.pages.get(key);
    if (!page) this.pages.set(key, (page = await this.compute(scope, period)));
    // a copy: the answer is serialised by GraphQL, and the kept one serves other requests
    return structuredClone(page);
  }

  private async compute(scope: PeriodScope, period: Period): Promise<CommunityDto> {
    const [{ metrics, daily }, regulars, cohortRows, stampRows] = await Promise.all([
      this.periods.overview(scope, period, null),
      this.periods.repository.regulars(scope, 100),
      this.periods.repository.cohortWeeks(scope),
      this.periods.repository.stampsByCommercer(scope),
    ]);
    const lastWeek = mondayOf(localDay(new Date(period.to.getTime() - 1), period.timeZone));
    const cohorts = new Map<string, { viewers: string[][] }>();
    for (const row of cohortRows) {
      let cohort = cohorts.get(row.first_week);
      if (!cohort) cohorts.set(row.first_week, (cohort = { viewers: [] }));
      cohort.viewers.push(row.weeks);
    }
    const cohortList: CohortDto[] = [...cohorts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, { viewers }]) => {
        const following = Array.from(
          { length: Math.max(0, Math.round((Date.parse(lastWeek) - Date.parse(week)) / WEEK_MS)) },
          (_, i) => addDays(week, 7 * (i + 1)),
        );
        return {
          week,
          size: viewers.length,
          partial: isPartialWeek(week, period),
          returning: following.map(
            (target) => viewers.filter((weeks) => weeks.includes(target)).length / viewers.length,
          ),
          returningPartial: following.map((target) => isPartialWeek(target, period)),
        };
      });
    const stamps: CommercerStampsDto[] = stampRows
      .filter((row) => row.stamps.length > 0)
      .map((row) => ({
        commercer: {
          id: row.commercer_id,
          name: row.commercer_name,
          kind: row.commercer_kind === 'in_house' ? CommercerKind.in_house : CommercerKind.professional,
        },
        stamps: row.stamps
          .map((stamp, i) => ({ stamp, likes: Number(row.likes[i]) }))
          .sort((a, b) => b.likes - a.likes || a.stamp.localeCompare(b.stamp)),
      }));
    return {
      uniqueViewers: Number(metrics.uniqueViewers),
      returningViewers: Number(metrics.returningViewers),
      returningRate: metrics.returningRate,
      regularsCount: regulars.count,
      regulars: regulars.rows.map((r) => ({ viewerId: r.viewer_id, sessions: r.sessions })),
      cohorts: cohortList,
      stamps,
      daily,
    };
  }
}
