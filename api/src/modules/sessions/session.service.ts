import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, roundStartOfVersion, toClickHouseTime } from '@lc/clickhouse';
import { ratio } from '@lc/contract';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { resolvePeriod } from '../../common/period.input.js';
import {
  SessionRepository,
  groupBySession,
  isSortableSessionField,
  sessionKey,
  type MinuteRow,
  type PinSegmentRow,
  type ProductRow,
  type SessionOfRow,
  type SessionRef,
  type TrafficSourceRow,
  type SessionRow,
  type ViewerGroupRow,
  type WatchGroupRow,
} from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { CommercerKind, type SessionDto } from './dtos/session.dto.js';
import type { SessionMetricsDto } from './dtos/session-metrics.dto.js';
import type { PinSegmentDto, ProductDto, TrafficSourceDto } from './dtos/merchandise.dto.js';
import { MAX_PAGE_SIZE, type SessionConnectionDto, type SessionsArgs } from './dtos/session-list.dto.js';
import type {
  JoinerComparisonDto,
  JoinerGroupDto,
  MinutePointDto,
  MomentDto,
  RetentionPointDto,
  StampCountDto,
} from './dtos/session-series.dto.js';

/** When the round that wrote a rollup version started: everything acknowledged before is counted (null: an older kind of version). */
function countedUntil(version: number): Date | null {
  const startMs = roundStartOfVersion(version);
  return startMs === null ? null : new Date(startMs);
}

export function toSessionDto(row: SessionRow, brandCurrencies: Map<string, string>): SessionDto {
  return {
    id: row.session_id,
    brandId: row.brand_id,
    title: row.title,
    platform: row.platform,
    startedAt: fromClickHouseTime(row.started_at),
    endedAt: row.ended_at === null ? null : fromClickHouseTime(row.ended_at),
    isLive: row.ended_at === null,
    commercer: {
      id: row.commercer_id,
      name: row.commercer_name,
      kind: row.commercer_kind === 'in_house' ? CommercerKind.in_house : CommercerKind.professional,
    },
    // a session without sales has no currency of its own: show the brand's
    currency: row.currency === '' ? (brandCurrencies.get(row.brand_id) ?? '') : row.currency,
    metrics: Object.assign(row.metrics, {
      [SESSION_OF]: {
        id: row.session_id,
        version: row.version,
        viewersVersion: row.viewers_version,
        brandId: row.brand_id,
        rollupState: row.rollup_state,
        notesState: row.notes_state,
      } satisfies SessionRef,
    }) as SessionMetricsDto,
    countedUntil: countedUntil(row.version),
    minutes: row.minutes,
    version: row.version,
    viewersVersion: row.viewers_version,
    lastEventAt: fromClickHouseTime(row.last_event_at),
  };
}

/** Where a metrics object keeps its session, for the KPIs resolved on demand. */
export const SESSION_OF = Symbol('session');
export function sessionOf(metrics: SessionMetricsDto): SessionRef {
  return (metrics as unknown as Record<symbol, SessionRef>)[SESSION_OF];
}

/** Cursors are opaque to clients: base64url of [sort value, session id]. */
export function encodeCursor(value: number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}
export function decodeCursor(cursor: string): { value: number; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'number' && typeof id === 'string') return { value, id };
  } catch {
    // fall through to the error below
  }
  throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'after is not a cursor returned by this API', 'after');
}

function stampsOf(map: Record<string, number>): StampCountDto[] {
  return Object.entries(map)
    .map(([stamp, likes]) => ({ stamp, likes: Number(likes) }))
    .sort((a, b) => b.likes - a.likes || a.stamp.localeCompare(b.stamp));
}

/** A minute of a session as the API gives it, from its row (none: nothing happened in it). */
export function toMinutePoint(
  startedAt: Date,
  minute: number,
  row: Omit<MinuteRow, keyof SessionOfRow> | undefined,
): MinutePointDto {
  return {
    minute,
    at: new Date(startedAt.getTime() + minute * 60_000),
    watching: Number(row?.watching ?? 0),
    comments: Number(row?.comments ?? 0),
    likes: Number(row?.likes ?? 0),
    likesByStamp: row ? stampsOf(row.likes_by_stamp) : [],
    cartAdds: Number(row?.cart_adds ?? 0),
    orders: Number(row?.orders ?? 0),
    revenue: Number(row?.revenue ?? 0),
  };
}

export function toProductDto(row: Omit<ProductRow, 'session_id'>, currency: string, sessions = 1): ProductDto {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    productId: row.product_id,
    productName: row.product_name,
    pins: n(row.pins),
    pinnedSeconds: n(row.pinned_seconds),
    impressed: n(row.impressed),
    clickers: n(row.clickers),
    clickRate: ratio(n(row.clickers), n(row.impressed)),
    cartAdds: n(row.cart_adds),
    cartAdders: n(row.cart_adders),
    orders: n(row.orders),
    units: n(row.units),
    revenue: n(row.revenue),
    buyers: n(row.buyers),
    orderRate: ratio(n(row.buyers), n(row.clickers)),
    currency,
    sessions,
    bestCommercer: null,
  };
}

function toPinSegmentDto(row: PinSegmentRow): PinSegmentDto {
  const start = Number(row.start_s);
  const end = Number(row.end_s);
  const revenue = Number(row.revenue);
  const perViewer = ratio(revenue, Number(row.viewers));
  return {
    segment: Number(row.segment),
    productId: row.product_id,
    productName: row.product_name,
    start,
    end,
    watchingAtStart: Number(row.watching_at_start),
    watchingAtEnd: Number(row.watching_at_end),
    watchingChange: Number(row.watching_at_end) - Number(row.watching_at_start),
    comments: Number(row.comments),
    commentsPerMinute: ratio(Number(row.comments), (end - start) / 60),
    clicks: Number(row.clicks),
    cartAdds: Number(row.cart_adds),
    orders: Number(row.orders),
    units: Number(row.units),
    revenue,
    viewers: Number(row.viewers),
    segmentGpm: perViewer === null ? null : perViewer * 1000,
  };
}

export function toTrafficSourceDto(row: Omit<TrafficSourceRow, 'session_id'>, currency: string): TrafficSourceDto {
  const viewers = Number(row.viewers);
  return {
    currency,
    source: row.source,
    viewers,
    engagedViewers: Number(row.engaged_viewers),
    buyers: Number(row.buyers),
    revenue: Number(row.revenue),
    conversionRate: ratio(Number(row.buyers), viewers),
    avgWatchSeconds: ratio(Number(row.watch_seconds), viewers),
  };
}

/** A session asked by id, and by its brand when the caller names one. */
export interface SessionAsk {
  id: string;
  brandId: string | null;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly brands: BrandAccessService,
  ) {}

  async byId(principal: Principal, id: string, brandId: string | null = null): Promise<SessionDto | null> {
    const [found] = await this.byIds(principal, [{ id, brandId }]);
    return found;
  }

  /**
   * Sessions by id, in the order asked, each null if unknown or not the reader's: one read for all.
   * An id names a session within its brand (S11R6-1): with `brandId`, that brand's; without, the newest
   * of the reader's sessions of that id (a reader of one brand has at most one).
   */
  async byIds(principal: Principal, asks: readonly SessionAsk[]): Promise<(SessionDto | null)[]> {
    const [rows, currencies] = await Promise.all([
      this.sessions.findByIds(
        BrandScope.of(principal),
        asks.map((ask) => ask.id),
      ),
      this.brands.currencies(),
    ]);
    return asks.map(({ id, brandId }) => {
      const row = rows.find((r) => r.session_id === id && (brandId === null || r.brand_id === brandId));
      return row ? toSessionDto(row, currencies) : null;
    });
  }

  /**
   * A page of sessions. `later`: the dashboard's lists (the sessions list, a commercer's page), from
   * which session pages are opened — their first reads are made once the answer is ready
   * (SessionRepository.openAhead, S11R5-1); not for exports.
   */
  async list(
    principal: Principal,
    args: SessionsArgs,
    { later }: { later?: (work: () => void) => void } = {},
  ): Promise<SessionConnectionDto> {
    const first = args.first;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
    }
    if (!isSortableSessionField(args.sortBy))
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `cannot sort by ${args.sortBy}`, 'sortBy');
    const filter = args.filter ?? {};
    const period = filter.period ? resolvePeriod(filter.period, 'UTC', 'filter.period') : null;
    const scope = BrandScope.of(principal, filter.brandId ?? null);
    const query = {
      commercerId: filter.commercerId ?? null,
      kind: filter.kind ?? null,
      platform: filter.platform ?? null,
      from: period ? toClickHouseTime(period.from) : null,
      to: period ? toClickHouseTime(period.to) : null,
    };
    const currencies = this.brands.currencies();
    const rows = await this.sessions.list(scope, {
      ...query,
      sortBy: args.sortBy,
      direction: args.direction,
      limit: first + 1,
      after: args.after ? decodeCursor(args.after) : null,
    });
    const page = rows.slice(0, first);
    later?.(() => this.sessions.openAhead(scope, page));
    const brandCurrencies = await currencies;
    const last = page[page.length - 1];
    return {
      nodes: page.map((row) => toSessionDto(row, brandCurrencies)),
      // counted only when a client asks for totalCount (SessionConnectionResolver)
      count: () => this.sessions.count(scope, query),
      pageInfo: {
        endCursor: last ? encodeCursor(last.sort_key, last.session_id) : null,
        hasNextPage: rows.length > first,
      },
    };
  }

  /** Minute series of several sessions, every minute 0..n-1 present (zeros where nothing happened). */
  async minuteSeries(principal: Principal, sessions: readonly SessionDto[]): Promise<MinutePointDto[][]> {
    const bySession = groupBySession(await this.sessions.minutes(BrandScope.of(principal), sessions));
    return sessions.map((session) => {
      const rows = bySession.get(sessionKey(session.brandId, session.id)) ?? [];
      const stored = new Map(rows.map((row) => [Number(row.minute), row]));
      const recent = session.recent;
      // a live session's newest minutes as read after its rollup (SessionDto.recent) replace the stored ones
      const minutes: Map<number, Omit<MinuteRow, keyof SessionOfRow>> = recent
        ? new Map([
            ...[...stored].filter(([minute]) => minute < recent.fromMinute),
            ...recent.rows.map((row) => [Number(row.minute), row] as const),
          ])
        : stored;
      return Array.from({ length: session.minutes }, (_, minute) =>
        toMinutePoint(session.startedAt, minute, minutes.get(minute)),
      );
    });
  }

  /** Viewer groups of several sessions (retention, late vs early, returning viewers), by session. */
  async viewerGroups(principal: Principal, sessions: readonly SessionRef[]): Promise<ViewerGroupRow[][]> {
    const bySession = groupBySession(await this.sessions.viewerGroups(BrandScope.of(principal), sessions));
    return sessions.map((s) => bySession.get(sessionKey(s.brandId, s.id)) ?? []);
  }

  /** The same groups without returning viewers (retention, late vs early only): no read of the brand's first sessions. */
  async watchGroups(principal: Principal, sessions: readonly SessionRef[]): Promise<WatchGroupRow[][]> {
    const bySession = groupBySession(await this.sessions.watchGroups(BrandScope.of(principal), sessions));
    return sessions.map((s) => bySession.get(sessionKey(s.brandId, s.id)) ?? []);
  }

  /** Regular viewers of each session (METRICS.md `regularViewers`). */
  async regulars(principal: Principal, sessions: readonly SessionRef[]): Promise<number[]> {
    const rows = await this.sessions.regulars(BrandScope.of(principal), sessions);
    const bySession = new Map(rows.map((r) => [sessionKey(r.brand_id, r.session_id), Number(r.regular)]));
    return sessions.map((s) => bySession.get(sessionKey(s.brandId, s.id)) ?? 0);
  }

  /** The merchandise section of each session (products, run-sheet, traffic sources), read in one statement. */
  async merchandise(
    principal: Principal,
    sessions: readonly SessionDto[],
  ): Promise<{ products: ProductDto[]; pinSegments: PinSegmentDto[]; trafficSources: TrafficSourceDto[] }[]> {
    const { products, segments, sources } = await this.sessions.merchandise(BrandScope.of(principal), sessions);
    const [productsBy, segmentsBy, sourcesBy] = [
      groupBySession(products),
      groupBySession(segments),
      groupBySession(sources),
    ];
    return sessions.map((session) => {
      const key = sessionKey(session.brandId, session.id);
      return {
        products: (productsBy.get(key) ?? []).map((row) => toProductDto(row, session.currency)),
        pinSegments: (segmentsBy.get(key) ?? []).map(toPinSegmentDto),
        trafficSources: (sourcesBy.get(key) ?? []).map((row) => toTrafficSourceDto(row, session.currency)),
      };
    });
  }

  /** Pin segments of each session, in pin order, named after their products. */
  async pinSegments(principal: Principal, sessions: readonly SessionDto[]): Promise<PinSegmentDto[][]> {
    const rows = await this.sessions.pinSegments(BrandScope.of(principal), sessions);
    const bySession = groupBySession(rows);
    return sessions.map((session) =>
      (bySession.get(sessionKey(session.brandId, session.id)) ?? []).map(toPinSegmentDto),
    );
  }

  /** Viewers seen in an earlier session of the brand, from a session's viewer groups. */
  static returningOf(groups: readonly ViewerGroupRow[]): number {
    return groups.reduce((sum, g) => sum + Number(g.returning), 0);
  }

  /** Viewers of each session seen in an earlier session of the brand. */
  async returning(principal: Principal, sessions: readonly SessionRef[]): Promise<number[]> {
    const rows = await this.sessions.returning(BrandScope.of(principal), sessions);
    const bySession = new Map(rows.map((r) => [sessionKey(r.brand_id, r.session_id), Number(r.returning)]));
    return sessions.map((s) => bySession.get(sessionKey(s.brandId, s.id)) ?? 0);
  }

  /** For k = 0 … n minutes, the share of viewers whose own watch time is ≥ k minutes. */
  static retention(session: SessionDto, groups: readonly WatchGroupRow[]): RetentionPointDto[] {
    const total = groups.reduce((sum, g) => sum + Number(g.viewers), 0);
    if (total === 0) return [];
    // watched ≥ k minutes ⇔ floor(watch seconds / 60) ≥ k: count from the longest watch down
    const atLeast = new Array<number>(session.minutes + 2).fill(0);
    for (const g of groups) atLeast[Math.min(Number(g.watch_minutes), session.minutes + 1)] += Number(g.viewers);
    for (let k = session.minutes; k >= 0; k--) atLeast[k] += atLeast[k + 1];
    return Array.from({ length: session.minutes + 1 }, (_, minute) => ({ minute, share: atLeast[minute] / total }));
  }

  static joinerComparison(groups: readonly WatchGroupRow[]): JoinerComparisonDto {
    const group = (late: boolean): JoinerGroupDto => {
      const rows = groups.filter((g) => (Number(g.late) === 1) === late);
      const total = (key: 'viewers' | 'watch_seconds' | 'engaged' | 'buyers') =>
        rows.reduce((sum, g) => sum + Number(g[key]), 0);
      const count = total('viewers');
      return {
        viewers: count,
        avgWatchSeconds: ratio(total('watch_seconds'), count),
        engagementRate: ratio(total('engaged'), count),
        conversionRate: ratio(total('buyers'), count),
      };
    };
    return { early: group(false), late: group(true) };
  }

  /** The `top` minutes by comments + likes (ties: earlier first), with cart adds and orders of that and the next minute. */
  static moments(series: readonly MinutePointDto[], top: number): MomentDto[] {
    return series
      .filter((m) => m.comments + m.likes > 0)
      .sort((a, b) => b.comments + b.likes - (a.comments + a.likes) || a.minute - b.minute)
      .slice(0, Math.max(0, top))
      .map((m) => {
        const next = series[m.minute + 1];
        return {
          minute: m.minute,
          at: m.at,
          comments: m.comments,
          likes: m.likes,
          activity: m.comments + m.likes,
          cartAdds: m.cartAdds + (next?.cartAdds ?? 0),
          orders: m.orders + (next?.orders ?? 0),
        };
      });
  }

  /** Likes by stamp over the whole session. */
  static stamps(series: readonly MinutePointDto[]): StampCountDto[] {
    const totals: Record<string, number> = {};
    for (const minute of series)
      for (const s of minute.likesByStamp) totals[s.stamp] = (totals[s.stamp] ?? 0) + s.likes;
    return stampsOf(totals);
  }
}
