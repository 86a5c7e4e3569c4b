import { Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseGateway, engagedViewer } from '@lc/clickhouse';
import { LRUCache } from 'lru-cache';
import pino, { type Logger } from 'pino';
import { ApiSettings } from '../api.env.js';
import { RollupStateRepository } from './rollup-state.repository.js';
import { FORMULA_COLUMNS_SQL, FORMULA_METRICS } from '../metrics/session-metric.definitions.js';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export interface SessionRow {
  brand_id: string;
  session_id: string;
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  title: string;
  platform: string;
  currency: string;
  started_at: string;
  ended_at: string | null;
  last_event_at: string;
  minutes: number;
  version: number;
  /** The round whose viewer rows the stats point at (= version unless that round left them for later). */
  viewers_version: number;
  sort_key: number;
  metrics: Record<string, number | null>;
  /**
   * The rollup state of the session's brand when the row was read (`findByIds` only; see
   * rollup-state.repository.ts): what a read that depends on the brand's other sessions is kept under.
   */
  rollup_state?: string;
  /** The state of the brand's notes when the row was read (`findByIds` only): what its notes are kept under. */
  notes_state?: string;
}

export type SortDirection = 'ASC' | 'DESC';

export interface SessionQuery {
  commercerId?: string | null;
  kind?: string | null;
  platform?: string | null;
  /** started_at in [from, to), as DateTime64 parameter strings. */
  from?: string | null;
  to?: string | null;
  /** `startedAt` or a sortable session KPI name. */
  sortBy: string;
  direction: SortDirection;
  limit: number;
  /** Keyset cursor: the sort value and id of the last row of the previous page. */
  after?: { value: number; id: string } | null;
}

/**
 * Sort expressions by name (the start, or a sortable session KPI): a whitelist, so no client text ever
 * reaches the SQL. The overview ranks its best and worst sessions by the same (period.repository.ts).
 */
export const SORT_EXPRESSIONS: Readonly<Record<string, string>> = {
  startedAt: 'toFloat64(toUnixTimestamp64Milli(s.started_at))',
  ...Object.fromEntries(
    FORMULA_METRICS.map((m) => [
      m.name,
      // A null ratio sorts as the smallest value.
      `coalesce(toFloat64(${m.formula.sql}), -1e308)`,
    ]),
  ),
};

/**
 * `f.first_started_at`: each viewer's first session start in the brand, for the viewers of the
 * sessions `{ids}` (joined to `session_viewers AS v`): returning viewers are those with an earlier one.
 */
const FIRST_SESSIONS_JOIN = `LEFT JOIN (
         SELECT brand_id, viewer_id, min(first_started_at) AS first_started_at
         FROM viewer_first_session
         WHERE ${scopeFilter('brand_id')}
           AND viewer_id IN (SELECT viewer_id FROM session_viewers WHERE ${scopeFilter('brand_id')} AND session_id IN {ids:Array(String)})
         GROUP BY brand_id, viewer_id
       ) AS f ON f.brand_id = v.brand_id AND f.viewer_id = v.viewer_id`;

export function isSortableSessionField(name: string): boolean {
  return Object.hasOwn(SORT_EXPRESSIONS, name);
}

/** Fixed filter fragments; an absent filter passes its NULL parameter and matches everything. */
const FILTERS = `
  ${scopeFilter('s.brand_id')}
  AND ({commercerId:Nullable(String)} IS NULL OR s.commercer_id = {commercerId:Nullable(String)})
  AND ({kind:Nullable(String)} IS NULL OR s.commercer_kind = {kind:Nullable(String)})
  AND ({platform:Nullable(String)} IS NULL OR s.platform = {platform:Nullable(String)})
  AND ({from:Nullable(DateTime64(3, 'UTC'))} IS NULL OR s.started_at >= {from:Nullable(DateTime64(3, 'UTC'))})
  AND ({to:Nullable(DateTime64(3, 'UTC'))} IS NULL OR s.started_at < {to:Nullable(DateTime64(3, 'UTC'))})`;

/**
 * One page of sessions with their KPIs from the session_stats rollup: a single
 * SELECT (no joins), since a session page waits for it before its other parts.
 */
function sessionsSql(where: string, sortExpression: string, direction: SortDirection): string {
  const cursor =
    direction === 'DESC'
      ? `({hasCursor:Bool} = false OR sort_key < {cursorValue:Float64} OR (sort_key = {cursorValue:Float64} AND s.session_id < {cursorId:String}))`
      : `({hasCursor:Bool} = false OR sort_key > {cursorValue:Float64} OR (sort_key = {cursorValue:Float64} AND s.session_id > {cursorId:String}))`;
  return `
SELECT
  s.brand_id AS brand_id, s.session_id AS session_id, s.commercer_id AS commercer_id, s.commercer_name AS commercer_name,
  s.commercer_kind AS commercer_kind, s.title AS title, s.platform AS platform, s.currency AS currency,
  s.started_at AS started_at, s.ended_at AS ended_at, s.last_event_at AS last_event_at,
  s.minutes AS minutes, s.version AS version, s.viewers_version AS viewers_version, ${sortExpression} AS sort_key,
  ${FORMULA_COLUMNS_SQL}
FROM session_stats AS s FINAL
WHERE ${FILTERS} AND ${where} AND ${cursor}
ORDER BY sort_key ${direction}, s.session_id ${direction}
LIMIT {limit:UInt32}`;
}

/**
 * Sessions by id: the same columns as `sessionsSql`, without the list's
 * optional filters, cursor and sort — which the engine analyses on every call (a third of the
 * point read's time at 10 M events; BENCHMARKS.md, "Issue 11, reads-11").
 */
const BY_IDS_SQL = `
SELECT
  s.brand_id AS brand_id, s.session_id AS session_id, s.commercer_id AS commercer_id, s.commercer_name AS commercer_name,
  s.commercer_kind AS commercer_kind, s.title AS title, s.platform AS platform, s.currency AS currency,
  s.started_at AS started_at, s.ended_at AS ended_at, s.last_event_at AS last_event_at,
  s.minutes AS minutes, s.version AS version, s.viewers_version AS viewers_version, ${SORT_EXPRESSIONS.startedAt} AS sort_key,
  ${FORMULA_COLUMNS_SQL}
FROM session_stats AS s FINAL
WHERE ${scopeFilter('s.brand_id')} AND s.session_id IN {ids:Array(String)}
ORDER BY sort_key DESC, s.session_id DESC`;

const COUNT_SQL = `SELECT count() AS n FROM session_stats AS s FINAL WHERE ${FILTERS}`;

type RawRow = Omit<SessionRow, 'metrics'> & Record<`c_${string}`, number | null>;

function toSessionRow(raw: RawRow): SessionRow {
  const metrics: Record<string, number | null> = {};
  for (const m of FORMULA_METRICS) metrics[m.name] = m.formula.value(raw);
  return {
    brand_id: raw.brand_id,
    session_id: raw.session_id,
    commercer_id: raw.commercer_id,
    commercer_name: raw.commercer_name,
    commercer_kind: raw.commercer_kind,
    title: raw.title,
    platform: raw.platform,
    currency: raw.currency,
    started_at: raw.started_at,
    ended_at: raw.ended_at,
    last_event_at: raw.last_event_at,
    minutes: Number(raw.minutes),
    version: Number(raw.version),
    viewers_version: Number(raw.viewers_version),
    sort_key: Number(raw.sort_key),
    metrics,
  };
}

export interface MinuteRow {
  brand_id: string;
  session_id: string;
  minute: number;
  watching: number;
  comments: number;
  likes: number;
  likes_by_stamp: Record<string, number>;
  cart_adds: number;
  orders: number;
  revenue: number;
}

export interface ReturningRow {
  brand_id: string;
  session_id: string;
  returning: number;
}

/**
 * A session's viewers counted by (whole minutes watched, late joiner): enough
 * for its retention curve and the late-vs-early comparison, in a few dozen rows
 * instead of one per viewer.
 */
export interface WatchGroupRow {
  brand_id: string;
  session_id: string;
  /** floor(watch seconds / 60): a viewer watched ≥ k minutes iff this is ≥ k. */
  watch_minutes: number;
  late: number;
  viewers: number;
  watch_seconds: number;
  engaged: number;
  buyers: number;
}

/** Watch groups with their returning viewers too (which depend on the brand's other sessions). */
export interface ViewerGroupRow extends WatchGroupRow {
  /** Viewers whose first session of the brand started before this one. */
  returning: number;
}

export interface RegularsRow {
  brand_id: string;
  session_id: string;
  regular: number;
}

export interface ProductRow {
  brand_id: string;
  session_id: string;
  product_id: string;
  product_name: string;
  pins: number;
  pinned_seconds: number;
  impressed: number;
  clickers: number;
  cart_adds: number;
  cart_adders: number;
  orders: number;
  units: number;
  revenue: number;
  buyers: number;
}

export interface PinSegmentRow {
  brand_id: string;
  session_id: string;
  segment: number;
  product_id: string;
  product_name: string;
  start_s: number;
  end_s: number;
  watching_at_start: number;
  watching_at_end: number;
  comments: number;
  clicks: number;
  cart_adds: number;
  orders: number;
  units: number;
  revenue: number;
  /** Viewers with a non-leave event in the segment: segmentGpm's denominator. */
  viewers: number;
}

export interface TrafficSourceRow {
  brand_id: string;
  session_id: string;
  source: string;
  viewers: number;
  engaged_viewers: number;
  buyers: number;
  revenue: number;
  watch_seconds: number;
}

type MerchandiseKind = 'product' | 'segment' | 'source';

/** The texts and numbers each branch of `SessionRepository.merchandise` selects, in order. */
const MERCHANDISE_COLUMNS = {
  product: {
    texts: ['product_id', 'product_name'],
    numbers: [
      'pins',
      'pinned_seconds',
      'impressed',
      'clickers',
      'cart_adds',
      'cart_adders',
      'orders',
      'units',
      'revenue',
      'buyers',
    ],
  },
  segment: {
    texts: ['product_id', 'product_name'],
    numbers: [
      'segment',
      'start_s',
      'end_s',
      'watching_at_start',
      'watching_at_end',
      'comments',
      'clicks',
      'cart_adds',
      'orders',
      'units',
      'revenue',
      'viewers',
    ],
  },
  source: { texts: ['source'], numbers: ['viewers', 'engaged_viewers', 'buyers', 'revenue', 'watch_seconds'] },
} as const;

/** A row of the merchandise statement: one product, segment or source of a session, as texts and numbers. */
type MerchandiseRow = {
  kind: MerchandiseKind;
  brand_id: string;
  session_id: string;
  texts: string[];
  numbers: number[];
};

export interface MerchandiseRows {
  products: ProductRow[];
  segments: PinSegmentRow[];
  sources: TrafficSourceRow[];
}

/** Rows of the one-statement read back into their own shapes, in each panel's order. */
export function merchandiseRows(rows: readonly MerchandiseRow[]): MerchandiseRows {
  const byKind: Record<MerchandiseKind, Record<string, string | number>[]> = { product: [], segment: [], source: [] };
  for (const row of rows) {
    const columns = MERCHANDISE_COLUMNS[row.kind];
    const record: Record<string, string | number> = { brand_id: row.brand_id, session_id: row.session_id };
    columns.texts.forEach((name, i) => (record[name] = row.texts[i]));
    columns.numbers.forEach((name, i) => (record[name] = Number(row.numbers[i])));
    byKind[row.kind].push(record);
  }
  const products = byKind.product as unknown as ProductRow[];
  const segments = byKind.segment as unknown as PinSegmentRow[];
  const sources = byKind.source as unknown as TrafficSourceRow[];
  const bySession = (a: SessionOfRow, b: SessionOfRow) =>
    a.brand_id.localeCompare(b.brand_id) || a.session_id.localeCompare(b.session_id);
  products.sort((a, b) => bySession(a, b) || b.revenue - a.revenue || a.product_id.localeCompare(b.product_id));
  segments.sort((a, b) => bySession(a, b) || a.segment - b.segment);
  sources.sort((a, b) => bySession(a, b) || b.viewers - a.viewers || a.source.localeCompare(b.source));
  return { products, segments, sources };
}

/**
 * Point reads of a few sessions' rollup rows: one thread each, so the reads
 * of a page run side by side on the cores instead of each one fanning out
 * over both and trading places.
 */
const POINT_READ = { max_threads: 1 };

/** A session — its brand and id — and the rollup version its session_stats row points at. */
export interface SessionRef {
  /** A session id names a session within its brand only: two brands of one scope may both have an "S0" (S11R6-1). */
  brandId: string;
  id: string;
  version: number;
  /** The round whose viewer rows (session_viewers, session_sources) the stats point at (migration 0021). */
  viewersVersion: number;
  /** Known when the session was read by `findByIds`: the brand's rollup and notes states then. */
  rollupState?: string;
  notesState?: string;
}

/** What a row of one session carries to tell it apart: its brand and session id. */
export interface SessionOfRow {
  brand_id: string;
  session_id: string;
}

/** One session's key — brand and id — for rows and refs grouped by session (S11R6-1). */
export const sessionKey = (brandId: string, sessionId: string) => `${brandId}\u0000${sessionId}`;

/** Rows grouped by their session (brand and id); look one up with `sessionKey(ref.brandId, ref.id)`. */
export function groupBySession<R extends SessionOfRow>(rows: readonly R[]): Map<string, R[]> {
  const bySession = new Map<string, R[]>();
  for (const row of rows) {
    const key = sessionKey(row.brand_id, row.session_id);
    let list = bySession.get(key);
    if (!list) bySession.set(key, (list = []));
    list.push(row);
  }
  return bySession;
}

/**
 * How many sessions' rows, minute series and viewer groups the process keeps (each a few KB;
 * a minute series of a two-hour session is 120 rows).
 */
export const SESSION_CACHE_SIZE = { rows: 2_000, minutes: 500, viewerGroups: 2_000, merchandise: 500 } as const;

/**
 * How much of a list is read ahead for its session pages (`openAhead`): its finished sessions in list
 * order while their viewers add up to no more than this — the watch groups' read grows with the
 * viewers (a page of 50 sessions of ~150 viewers: ~30 ms of engine time; one session's open ~20).
 */
export const OPEN_AHEAD_VIEWERS = 100_000;
/** And at most this many sessions: the dashboard's list page (its minute rows: up to 120 a session). */
export const OPEN_AHEAD_SESSIONS = 50;

/**
 * Where `findByIds` keeps a scope's rows, and the states they are valid under: those of the scope's
 * brands (a brand in scope that gains a session, with an asked id maybe, changes its state too).
 */
function scopeStateOf(scope: BrandScope, states: ReadonlyMap<string, string>) {
  const brands = (scope.all ? [...states.keys()] : [...scope.brandIds]).sort();
  return {
    scopeKey: scope.all ? '*' : JSON.stringify(brands),
    scopeState: JSON.stringify(brands.map((b) => [b, states.get(b) ?? ''])),
  };
}

/** `SORT_EXPRESSIONS.startedAt` of a row's start ('YYYY-MM-DD hh:mm:ss.sss', UTC): findByIds' sort key. */
const startedAtKey = (startedAt: string) => Date.parse(`${startedAt.replace(' ', 'T')}Z`);

/** A rollup version's rows never change: (brand, session, version) names them for good. */
const versionKey = (brandId: string, id: string, version: number) => `${sessionKey(brandId, id)}\u0000${version}`;

/**
 * SQL: the rows of each asked session at its current rollup version only (a rebuild may have left older
 * ones) — its brand, its id, at its version in `{<versions>:Array(UInt64)}`
 * (as `atVersions`, a set, with the brand in each tuple: two brands of a scope may share a session id,
 * S11R6-1). `session_id IN` first: the sorting key's second column narrows the read before the set.
 */
const atRefs = (alias: string, versions: 'versions' | 'viewersVersions') =>
  `${alias}.session_id IN {ids:Array(String)} AND (${alias}.brand_id, ${alias}.session_id, ${alias}.version) IN (SELECT arrayJoin(arrayZip({brands:Array(String)}, {ids:Array(String)}, {${versions}:Array(UInt64)})))`;
const CURRENT = (alias: string) => atRefs(alias, 'versions');
/**
 * Viewer rows (session_viewers, session_sources) of the sessions' current rollup: the round its stats
 * point at (migration 0021). Takes `viewerRefParams`; the later-purchase read shares it.
 */
export const CURRENT_VIEWERS = (alias: string) => atRefs(alias, 'viewersVersions');
/** The parameters of CURRENT_VIEWERS. */
export const viewerRefParams = (refs: readonly SessionRef[]) => ({
  brands: refs.map((r) => r.brandId),
  ids: refs.map((r) => r.id),
  viewersVersions: refs.map((r) => r.viewersVersion),
});
const refParams = (refs: readonly SessionRef[]) => ({
  ...viewerRefParams(refs),
  versions: refs.map((r) => r.version),
});

/**
 * Rows kept by key as the read that gets them, from its start: calls asking for a key while it is read
 * share that read (as KeptBrandReads keeps its answers); a failed read is dropped.
 */
type KeptRows<R> = LRUCache<string, Promise<R[]>>;
const keptRows = <R extends object>(max: number): KeptRows<R> => new LRUCache({ max });

/** Viewer groups of the sessions' current viewer round; with their returning viewers or without. */
const groupsSql = (returning: boolean) => `
  SELECT v.brand_id AS brand_id, v.session_id AS session_id, toUInt32(floor(v.watch_seconds / 60)) AS watch_minutes,
         toUInt8(v.first_seen_at > v.started_at + INTERVAL 600 SECOND) AS late,
         count() AS viewers, sum(v.watch_seconds) AS watch_seconds,
         countIf(${engagedViewer('v')}) AS engaged,
         countIf(v.orders > 0) AS buyers${returning ? ',\n         countIf(f.first_started_at < v.started_at) AS returning' : ''}
  FROM session_viewers AS v
  ${returning ? FIRST_SESSIONS_JOIN : ''}
  WHERE ${scopeFilter('v.brand_id')} AND ${CURRENT_VIEWERS('v')}
  GROUP BY brand_id, session_id, watch_minutes, late
  ORDER BY brand_id, session_id, watch_minutes, late`;

@Injectable()
export class SessionRepository implements OnModuleDestroy {
  /**
   * What this process already read (S11R-1, S11R-2 in docs/METRICS-DECISIONS.md): a dashboard polls
   * the same session, and each section of its page asks for it again. Session rows by (scope, id,
   * the rollup states of the scope's brands they were read under) — requests asking for a session at
   * once (the dashboard's session page sends three) share one statement (S11R4-2); minute rows
   * by (brand, session, rollup version), which names them for good; viewer groups (whose returning
   * viewers depend on the brand's other sessions) by version and the brand's rollup state, the same
   * groups without returning viewers (watch groups) by (brand, session, viewer round) alone;
   * merchandise rows (products and segments of the rollup version, sources of the viewer round) by both.
   * Each kept as the read that gets them (`cached`).
   */
  private readonly rows = keptRows<SessionRow>(SESSION_CACHE_SIZE.rows);
  private readonly minuteRows = keptRows<MinuteRow>(SESSION_CACHE_SIZE.minutes);
  private readonly groupRows = keptRows<ViewerGroupRow>(SESSION_CACHE_SIZE.viewerGroups);
  private readonly watchGroupRows = keptRows<WatchGroupRow>(SESSION_CACHE_SIZE.viewerGroups);
  private readonly merchandiseKept = keptRows<MerchandiseRow>(SESSION_CACHE_SIZE.merchandise);
  /** Read-ahead runs not finished yet (`openAhead`), and whether the app is closing. */
  private readonly ahead = new Set<Promise<void>>();
  private closing = false;
  private readonly log: Logger;
  constructor(
    private readonly gateway: ClickHouseGateway,
    /** The app's one change source (RollupStateModule); a repository made by hand gets its own. */
    private readonly rollups: RollupStateRepository = new RollupStateRepository(gateway),
    // the API's settings (its LOG_LEVEL); a repository made by hand (tests, benchmarks) logs nothing
    @Optional() settings?: ApiSettings,
  ) {
    this.log = pino({ name: 'sessions', level: settings?.logLevel ?? 'silent' });
  }

  /**
   * Reads ahead what the dashboard's session page reads first for the sessions of a list just
   * answered (S11R5-1 in docs/METRICS-DECISIONS.md): their minute rows and watch groups, in one
   * statement each for all of them, kept as a page's own reads keep them. A session page is opened
   * from a list, and a statement costs the embedded engine much the same for one session as for fifty
   * (BENCHMARKS.md, thirty-third session), so its first open then reads nothing the list did not. In
   * a scope of several brands the session rows are read ahead too (`readAhead`). Finished sessions
   * only (a live one's next round makes new rows); at most OPEN_AHEAD_SESSIONS sessions and
   * OPEN_AHEAD_VIEWERS viewers, in list order. Call it once the request's own statements have ended (afterResponse): it
   * starts at once, as reads, so a session page asked meanwhile waits for these rows rather than read
   * them again. A failure is logged; the page then reads its own rows.
   */
  openAhead(scope: BrandScope, rows: readonly SessionRow[]): void {
    if (this.closing) return;
    const refs: SessionRef[] = [];
    let viewers = 0;
    for (const row of rows) {
      if (row.ended_at === null) continue;
      viewers += row.metrics.uniqueViewers ?? 0;
      if (viewers > OPEN_AHEAD_VIEWERS || refs.length === OPEN_AHEAD_SESSIONS) break;
      refs.push({
        id: row.session_id,
        version: row.version,
        viewersVersion: row.viewers_version,
        brandId: row.brand_id,
      });
    }
    if (refs.length === 0) return;
    const run = this.readAhead(scope, refs)
      .catch((error: unknown) => this.log.warn({ err: error, sessions: refs.length }, 'reading a list ahead failed'))
      .finally(() => this.ahead.delete(run));
    this.ahead.add(run);
  }

  /**
   * `openAhead`'s reads. In a scope of several brands (an agency's token, the demo's) the list kept no
   * rows — one id may name sessions of several of its brands, and a page of the list may hold only some
   * of them — so the session rows are read by id first, as the page's own `findByIds` would read and
   * keep them. The minute rows and watch groups are read and kept by (brand, session), so an id two
   * brands share is read ahead for each of them (S11R6-1).
   */
  private async readAhead(scope: BrandScope, refs: readonly SessionRef[]): Promise<void> {
    const wide = scope.all || scope.brandIds.length !== 1;
    await Promise.all([
      wide ? this.findByIds(scope, [...new Set(refs.map((ref) => ref.id))]) : null,
      this.minutes(scope, refs),
      this.watchGroups(scope, refs),
    ]);
  }

  /** Resolves once every read-ahead asked so far has ended (tests, benches). */
  async openedAhead(): Promise<void> {
    await Promise.all([...this.ahead]);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.openedAhead();
  }

  /**
   * Sessions by id, newest first, each with its brand's rollup state. The states come from the
   * app's change source (rollup-state.repository.ts: no statement at all in embedded mode while no
   * rollup finished; else one without parameters, shared by concurrent requests); the rows are read
   * (one more statement, for all the missing ids) only when a brand of the scope changed since this
   * process last read them for this scope, and a row another request is reading under the same
   * states is waited for, not read again.
   */
  async findByIds(scope: BrandScope, ids: readonly string[]): Promise<SessionRow[]> {
    if (ids.length === 0) return [];
    const { rollups: states, notes } = await this.rollups.brandStates();
    const { scopeKey, scopeState } = scopeStateOf(scope, states);
    const found = await this.cached(
      this.rows,
      [...new Set(ids)].map((id) => ({ id })),
      ({ id }) => `${scopeKey}\u0000${id}\u0000${scopeState}`,
      (missing) =>
        this.gateway
          .query<RawRow>(
            BY_IDS_SQL,
            { ...scope.params, ids: missing.map(({ id }) => id) },
            { tag: 'sessions.byIds', settings: POINT_READ },
          )
          .then((raw) => raw.map(toSessionRow)),
    );
    // Copies: callers may decorate a row (toSessionDto does), and the kept one serves other requests.
    return found
      .map((row) => ({
        ...row,
        metrics: { ...row.metrics },
        rollup_state: states.get(row.brand_id),
        notes_state: notes.get(row.brand_id) ?? '',
      }))
      .sort((a, b) => b.sort_key - a.sort_key || (a.session_id < b.session_id ? 1 : -1));
  }

  /**
   * A page of sessions. With a scope of one brand, each row is also kept for `findByIds` under the
   * states read before the statement — what a session page opened from this list asks first — with
   * the sort key `findByIds` gives (the start); in a wider scope one id may name sessions of several
   * brands, and a page may hold only some of them, so nothing is kept.
   */
  async list(scope: BrandScope, query: SessionQuery): Promise<SessionRow[]> {
    // Own keys only: 'constructor' or 'toString' must not reach the SQL as a "sort expression".
    if (!Object.hasOwn(SORT_EXPRESSIONS, query.sortBy)) throw new Error(`unsortable field ${query.sortBy}`);
    const sort = SORT_EXPRESSIONS[query.sortBy];
    const oneBrand = !scope.all && scope.brandIds.length === 1;
    const states = oneBrand ? (await this.rollups.brandStates()).rollups : null;
    const raw = await this.gateway.query<RawRow>(
      sessionsSql('1', sort, query.direction === 'ASC' ? 'ASC' : 'DESC'),
      {
        ...scope.params,
        commercerId: query.commercerId ?? null,
        kind: query.kind ?? null,
        platform: query.platform ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
        limit: query.limit,
        hasCursor: Boolean(query.after),
        cursorValue: query.after?.value ?? 0,
        cursorId: query.after?.id ?? '',
      },
      { tag: `sessions.list.${query.sortBy}` },
    );
    const rows = raw.map(toSessionRow);
    if (states) {
      const { scopeKey, scopeState } = scopeStateOf(scope, states);
      for (const row of rows)
        this.rows.set(
          `${scopeKey}\u0000${row.session_id}\u0000${scopeState}`,
          Promise.resolve([{ ...row, metrics: { ...row.metrics }, sort_key: startedAtKey(row.started_at) }]),
        );
    }
    return rows;
  }

  async count(
    scope: BrandScope,
    query: Omit<SessionQuery, 'sortBy' | 'direction' | 'limit' | 'after'>,
  ): Promise<number> {
    const [row] = await this.gateway.query<{ n: number }>(
      COUNT_SQL,
      {
        ...scope.params,
        commercerId: query.commercerId ?? null,
        kind: query.kind ?? null,
        platform: query.platform ?? null,
        from: query.from ?? null,
        to: query.to ?? null,
      },
      { tag: 'sessions.count' },
    );
    return Number(row?.n ?? 0);
  }

  /** Minute rows (only minutes with events) of several sessions. */
  async minutes(scope: BrandScope, refs: readonly SessionRef[]): Promise<MinuteRow[]> {
    return this.cached(
      this.minuteRows,
      refs,
      (ref) => versionKey(ref.brandId, ref.id, ref.version),
      (missing) =>
        this.gateway.query<MinuteRow>(
          `SELECT m.brand_id AS brand_id, m.session_id AS session_id, m.minute AS minute, m.watching AS watching, m.comments AS comments, m.likes AS likes,
                m.likes_by_stamp AS likes_by_stamp, m.cart_adds AS cart_adds, m.orders AS orders, toFloat64(m.revenue) AS revenue
         FROM session_minutes AS m
         WHERE ${scopeFilter('m.brand_id')} AND ${CURRENT('m')}
         ORDER BY m.brand_id, m.session_id, m.minute`,
          { ...scope.params, ...refParams(missing) },
          { tag: 'sessions.minutes', settings: POINT_READ },
        ),
    );
  }

  /**
   * Rows of `refs` from `store` where `keyOf` names a key there; rows another call is reading under
   * the same key are waited for, not read again (a session page opened while its list's sessions are
   * read ahead, or two requests at once); the rest are read by `read` in one call and kept when they
   * have a key (a failed read is not). A ref with a brand owns the rows of its brand and id; one
   * without (`findByIds`: an id) the rows of its id in every brand read. In `read`'s order by
   * session, sessions in `refs` order.
   */
  private async cached<T extends { id: string; brandId?: string }, R extends SessionOfRow>(
    store: KeptRows<R>,
    refs: readonly T[],
    keyOf: (ref: T) => string | false | undefined,
    read: (missing: readonly T[]) => Promise<R[]>,
  ): Promise<R[]> {
    const ownerOf = (ref: T) => (ref.brandId === undefined ? ref.id : sessionKey(ref.brandId, ref.id));
    const owns = (ref: T, row: R) =>
      row.session_id === ref.id && (ref.brandId === undefined || row.brand_id === ref.brandId);
    const bySession = new Map<string, R[]>();
    const waits: Promise<void>[] = [];
    const missing: T[] = [];
    for (const ref of refs) {
      const key = keyOf(ref);
      const kept = key ? store.get(key) : undefined;
      if (kept) waits.push(kept.then((rows) => void bySession.set(ownerOf(ref), rows)));
      else missing.push(ref);
    }
    if (missing.length > 0) {
      const all = read(missing);
      for (const ref of missing) {
        const own = all.then((rows) => rows.filter((row) => owns(ref, row)));
        const key = keyOf(ref);
        if (key) {
          store.set(key, own);
          own.catch(() => {
            if (store.peek(key) === own) store.delete(key);
          });
        }
        waits.push(own.then((rows) => void bySession.set(ownerOf(ref), rows)));
      }
    }
    await Promise.all(waits);
    return [...new Set(refs.map(ownerOf))].flatMap((owner) => bySession.get(owner) ?? []);
  }

  /**
   * Each session's viewers grouped by whole minutes watched and late joining,
   * with how many of them are returning viewers: one query for the retention
   * curve, late vs early and returning viewers (which were a row per viewer
   * plus a second query). Returning viewers depend on the brand's other
   * sessions, so these rows are kept under the brand's rollup state.
   */
  async viewerGroups(scope: BrandScope, refs: readonly SessionRef[]): Promise<ViewerGroupRow[]> {
    return this.cached(
      this.groupRows,
      refs,
      (ref) => ref.rollupState && `${versionKey(ref.brandId, ref.id, ref.viewersVersion)}\u0000${ref.rollupState}`,
      (missing) =>
        this.gateway.query<ViewerGroupRow>(
          groupsSql(true),
          { ...scope.params, ...refParams(missing) },
          {
            tag: 'sessions.viewerGroups',
            settings: POINT_READ,
          },
        ),
    );
  }

  /**
   * The same groups without their returning viewers (S11R4-1 in docs/METRICS-DECISIONS.md): what a
   * session page's retention and late-vs-early panels need. No read of the brand's first sessions,
   * and the rows depend on the session's viewer round alone, so they are kept by (brand, session,
   * viewer round) — for good, as minute rows are — whatever else of the brand changes.
   */
  async watchGroups(scope: BrandScope, refs: readonly SessionRef[]): Promise<WatchGroupRow[]> {
    return this.cached(
      this.watchGroupRows,
      refs,
      (ref) => versionKey(ref.brandId, ref.id, ref.viewersVersion),
      (missing) =>
        this.gateway.query<WatchGroupRow>(
          groupsSql(false),
          { ...scope.params, ...refParams(missing) },
          {
            tag: 'sessions.watchGroups',
            settings: POINT_READ,
          },
        ),
    );
  }

  /**
   * Each session's regular viewers (METRICS.md `regularViewers`): its viewers who watched ≥ 3 of the
   * brand's sessions that started in the 28 days before it. Old rollup rows of those sessions only
   * repeat a (session, viewer) pair, which uniqExact counts once.
   */
  async regulars(scope: BrandScope, refs: readonly SessionRef[]): Promise<RegularsRow[]> {
    return this.gateway.query<RegularsRow>(
      `WITH targets AS (
         SELECT v.session_id AS session_id, v.brand_id AS brand_id, v.viewer_id AS viewer_id, v.started_at AS started_at
         FROM session_viewers AS v
         WHERE ${scopeFilter('v.brand_id')} AND ${CURRENT_VIEWERS('v')}
       ),
       earlier AS (
         SELECT t.brand_id AS brand_id, t.session_id AS session_id, t.viewer_id AS viewer_id, uniqExact(h.session_id) AS sessions
         FROM session_viewers AS h
         INNER JOIN targets AS t ON h.brand_id = t.brand_id AND h.viewer_id = t.viewer_id
         WHERE h.brand_id IN (SELECT brand_id FROM targets) AND h.viewer_id IN (SELECT viewer_id FROM targets)
           AND h.started_at >= t.started_at - INTERVAL 28 DAY AND h.started_at < t.started_at
         GROUP BY t.brand_id, t.session_id, t.viewer_id
       )
       SELECT brand_id, session_id, countIf(sessions >= 3) AS regular
       FROM earlier
       GROUP BY brand_id, session_id`,
      { ...scope.params, ...refParams(refs) },
      { tag: 'sessions.regulars', settings: POINT_READ },
    );
  }

  /**
   * A session page's merchandise section in one statement: the products, run-sheet and traffic
   * source rows of the sessions (each point read alone costs the embedded engine's fixed ~4 ms and
   * three side by side trade the two cores). Each branch puts its texts and numbers into two arrays
   * in the order MERCHANDISE_COLUMNS names; `merchandiseRows` turns them back into rows.
   */
  async merchandise(scope: BrandScope, refs: readonly SessionRef[]): Promise<MerchandiseRows> {
    const rows = await this.cached(
      this.merchandiseKept,
      refs,
      (ref) => `${versionKey(ref.brandId, ref.id, ref.version)}\u0000${ref.viewersVersion}`,
      (missing) =>
        this.gateway.query<MerchandiseRow>(
          `SELECT 'product' AS kind, p.brand_id AS brand_id, p.session_id AS session_id, [p.product_id, p.product_name] AS texts,
              [toFloat64(p.pins), p.pinned_seconds, toFloat64(p.impressed), toFloat64(p.clickers), toFloat64(p.cart_adds),
               toFloat64(p.cart_adders), toFloat64(p.orders), toFloat64(p.units), toFloat64(p.revenue), toFloat64(p.buyers)] AS numbers
       FROM session_products AS p
       WHERE ${scopeFilter('p.brand_id')} AND ${CURRENT('p')}
       UNION ALL
       SELECT 'segment', g.brand_id, g.session_id, [g.product_id, if(g.product_name = '', g.product_id, g.product_name)],
              [toFloat64(g.segment), g.start_s, g.end_s, toFloat64(g.watching_at_start), toFloat64(g.watching_at_end),
               toFloat64(g.comments), toFloat64(g.clicks), toFloat64(g.cart_adds), toFloat64(g.orders), toFloat64(g.units),
               toFloat64(g.revenue), toFloat64(g.viewers)]
       FROM session_pin_segments AS g
       WHERE ${scopeFilter('g.brand_id')} AND ${CURRENT('g')}
       UNION ALL
       SELECT 'source', t.brand_id, t.session_id, [toString(t.source)],
              [toFloat64(t.viewers), toFloat64(t.engaged_viewers), toFloat64(t.buyers), toFloat64(t.revenue), t.watch_seconds]
       FROM session_sources AS t
       WHERE ${scopeFilter('t.brand_id')} AND ${CURRENT_VIEWERS('t')}`,
          { ...scope.params, ...refParams(missing) },
          { tag: 'sessions.merchandise', settings: POINT_READ },
        ),
    );
    return merchandiseRows(rows);
  }

  /** METRICS.md "Pin segments" of each session, in pin order. */
  async pinSegments(scope: BrandScope, refs: readonly SessionRef[]): Promise<PinSegmentRow[]> {
    return this.gateway.query<PinSegmentRow>(
      `SELECT g.brand_id AS brand_id, g.session_id AS session_id, g.segment AS segment, g.product_id AS product_id,
              if(g.product_name = '', g.product_id, g.product_name) AS product_name, g.start_s AS start_s, g.end_s AS end_s,
              g.watching_at_start AS watching_at_start, g.watching_at_end AS watching_at_end, g.comments AS comments,
              g.clicks AS clicks, g.cart_adds AS cart_adds, g.orders AS orders, g.units AS units,
              toFloat64(g.revenue) AS revenue, g.viewers AS viewers
       FROM session_pin_segments AS g
       WHERE ${scopeFilter('g.brand_id')} AND ${CURRENT('g')}
       ORDER BY g.brand_id, g.session_id, g.segment`,
      { ...scope.params, ...refParams(refs) },
      { tag: 'sessions.pinSegments', settings: POINT_READ },
    );
  }

  /** The rollup version each session's stats row has now (the newest written): a change means new numbers. */
  async versions(
    scope: BrandScope,
    sessions: readonly { brandId: string; id: string }[],
  ): Promise<(SessionOfRow & { version: number })[]> {
    return this.gateway.query<SessionOfRow & { version: number }>(
      `SELECT s.brand_id AS brand_id, s.session_id AS session_id, max(s.version) AS version
       FROM session_stats AS s
       WHERE ${scopeFilter('s.brand_id')} AND s.session_id IN {ids:Array(String)}
         AND (s.brand_id, s.session_id) IN (SELECT arrayJoin(arrayZip({brands:Array(String)}, {ids:Array(String)})))
       GROUP BY s.brand_id, s.session_id`,
      { ...scope.params, brands: sessions.map((s) => s.brandId), ids: sessions.map((s) => s.id) },
      { tag: 'sessions.versions', settings: POINT_READ },
    );
  }

  /** Viewers of each session whose first session of the brand started earlier. */
  async returning(scope: BrandScope, refs: readonly SessionRef[]): Promise<ReturningRow[]> {
    return this.gateway.query<ReturningRow>(
      `SELECT v.brand_id AS brand_id, v.session_id AS session_id, countIf(f.first_started_at < v.started_at) AS returning
       FROM session_viewers AS v
       ${FIRST_SESSIONS_JOIN}
       WHERE ${scopeFilter('v.brand_id')} AND ${CURRENT_VIEWERS('v')}
       GROUP BY v.brand_id, v.session_id`,
      { ...scope.params, ...refParams(refs) },
      { tag: 'sessions.returning' },
    );
  }
}
