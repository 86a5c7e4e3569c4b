import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jest } from '@jest/globals';
import * as engineAccess from '@lc/clickhouse';
import { ApiKeyRepository, BrandRepository, RollupRefresher, type ApiKeyScope, type EventRow } from '@lc/clickhouse';
import { openTestEngine } from '@lc/clickhouse/testing';
import { AnnotationRepository, type AnnotationRow } from '../src/repositories/annotation.repository.js';
import { PeriodRepository, type PeriodGrouping, type PeriodScope } from '../src/repositories/period.repository.js';
import { SessionRepository, type SessionRow, type SortDirection } from '../src/repositories/session.repository.js';
import { LiveRepository, type LiveScope } from '../src/repositories/live.repository.js';
import { AlertWebhookRepository, type AlertWebhookRow } from '../src/repositories/alert-webhook.repository.js';
import { AlertDeliveryRepository, type AlertDeliveryRow } from '../src/repositories/alert-delivery.repository.js';
import { BenchmarkRepository } from '../src/repositories/benchmark.repository.js';
import { HostCostRepository } from '../src/repositories/host-cost.repository.js';
import { LaterPurchaseRepository } from '../src/repositories/later-purchase.repository.js';
import { RollupStateRepository } from '../src/repositories/rollup-state.repository.js';
import {
  ReportScheduleRepository,
  type ReportRunRow,
  type ReportScheduleRow,
} from '../src/repositories/report-schedule.repository.js';
import { BrandScope } from '../src/modules/auth/principal.js';
import { ShareLinkRepository, type ShareLinkRow } from '../src/repositories/share-link.repository.js';
import { BrandingRepository } from '../src/repositories/branding.repository.js';

/**
 * Every public method of every repository, called with hostile values in its
 * arguments, on the real embedded engine: the SQL text the gateway hands to
 * @clickhouse/client (or to chdb's raw insert) must never contain an argument
 * value — values travel as query parameters or as inserted rows only.
 */

/** Each carries a marker: the SQL must not contain it, whole, escaped or cut. */
const HOSTILE = [
  "HOSTILE_1'); DROP TABLE events; --",
  "HOSTILE_2' OR '1'='1",
  'HOSTILE_3 {x:String} {brandId:String} {scopeAll:Bool}',
  'HOSTILE_4 \\ \\\' \\" C:\\path\\',
  `HOSTILE_5 ${'x'.repeat(10 * 1024)}`,
  'HOSTILE_6 ユニコード 🎥 \u202e ñ \u0000\u0001',
  'HOSTILE_7 `tick`; SELECT 1 FORMAT JSON /* --',
];
const MARKER = 'HOSTILE_';
/** Numbers chosen so that one concatenated into SQL would show. */
const LIMIT = 987_651;
const CURSOR_VALUE = 13_579.25;
const VERSION = 24_680_135_791;

const FROM = '2026-11-01 00:00:00.000';
const TO = '2026-12-01 00:00:00.000';
const SPLIT = '2026-11-15 00:00:00.000';

/** What the gateway handed to the client for one call. */
interface Sent {
  kind: 'query' | 'command' | 'exec' | 'insert' | 'rawInsert';
  /** SQL text, or for inserts the table name (the client builds `INSERT INTO <table>` from it). */
  sql: string;
  /** Query parameters, or the rows of an insert. */
  values: string;
}

type Method = (...args: never[]) => Promise<unknown>;
type Client = Record<'query' | 'command' | 'exec' | 'insert', Method>;
interface GatewayInternals {
  readers: Client[];
  writer: Client;
  maintenance: Client;
  writerConnection?: { chdb: { rawInsert: Method } };
  /** Embedded: the maintenance connection, whose statements take their values from a params row (table-fed-params.ts). */
  maintenanceConnection?: { chdb: { rawInsert: Method } };
}

/**
 * One call per case. `typed` passes well-formed dates, zones and enum values
 * and hostile text everywhere else: it must succeed. `loose` (optional) passes
 * hostile text in every string argument, typed or not: it may fail, but never
 * with a SQL syntax error.
 */
interface Case {
  typed: (h: string) => Promise<unknown>;
  loose?: (h: string) => Promise<unknown>;
  /** The argument reaches the engine only transformed (a hash) or there is none. */
  opaque?: boolean;
}
type Repository = { prototype: object; name: string };

describe('no argument value ever reaches SQL text: every repository method, hostile values', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  const sent: Sent[] = [];

  let keys: ApiKeyRepository;
  let brands: BrandRepository;
  let refresher: RollupRefresher;
  /** Sessions the removeSuperseded case ended so far (each call ends a new one). */
  let endedSessions = 0;
  let annotations: AnnotationRepository;
  let periods: PeriodRepository;
  let sessions: SessionRepository;
  let live: LiveRepository;
  let webhooks: AlertWebhookRepository;
  let deliveries: AlertDeliveryRepository;
  let benchmarks: BenchmarkRepository;
  let hostCosts: HostCostRepository;
  let shareLinks: ShareLinkRepository;
  let branding: BrandingRepository;
  const AT = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
  const shareLink = (h: string, loose = false): ShareLinkRow => ({
    brand_id: h,
    link_id: h,
    token_hash: h,
    label: h,
    period_from: loose ? h : FROM,
    period_to: loose ? h : TO,
    time_zone: h,
    expires_at: loose ? h : TO,
    created_at: loose ? h : FROM,
    revoked_at: loose ? h : null,
  });
  let later: LaterPurchaseRepository;
  let rollupStates: () => RollupStateRepository;
  let reports: ReportScheduleRepository;
  /** The hostile sessions start at 2026-11-20 11:00:00 UTC (hostileSession below). */
  const LIVE_START = Date.UTC(2026, 10, 20, 11, 0, 0);
  const liveScope = (h: string): LiveScope => ({
    brandId: h,
    sessionId: h,
    startMs: LIVE_START,
    nowMs: LIVE_START + 200_000,
  });
  /** Two hostile live sessions of one batch of readings (their parameters are numbered in one statement). */
  const recentAsks = (h: string) =>
    [h, `${h}'2`].map((id) => ({
      ref: { brandId: h, sessionId: id, startMs: LIVE_START, lastMs: LIVE_START + 200_000 },
      fromMinute: 2,
    }));

  const scope = (h: string) => BrandScope.of({ kind: 'admin' }, h);
  const periodScope = (h: string, loose = false): PeriodScope => ({
    brandId: h,
    from: loose ? h : FROM,
    to: loose ? h : TO,
    timeZone: loose ? h : 'UTC',
    commercerId: h,
    kind: h,
  });
  const annotation = (h: string, loose = false): AnnotationRow => ({
    brand_id: h,
    annotation_id: h,
    session_id: h,
    at: loose ? h : '2026-11-20 11:05:00.000',
    kind: h,
    text: h,
    created_at: loose ? h : '2026-11-20 12:00:00.000',
  });

  const webhook = (h: string, loose = false): AlertWebhookRow => ({
    brand_id: h,
    webhook_id: h,
    url: h,
    kinds: [h],
    created_at: loose ? h : '2026-11-20 11:00:00.000',
  });
  const reportSchedule = (h: string, loose = false): ReportScheduleRow => ({
    brand_id: h,
    schedule_id: h,
    cadence: (loose ? h : 'WEEKLY') as ReportScheduleRow['cadence'],
    weekday: 1,
    day: 0,
    hour: 9,
    time_zone: h,
    recipients: [h],
    language: (loose ? h : 'en') as ReportScheduleRow['language'],
    paused: 0,
    deleted: 0,
    created_at: loose ? h : '2026-11-20 11:00:00.000',
  });
  const reportRun = (h: string, loose = false): ReportRunRow => ({
    brand_id: h,
    schedule_id: h,
    run_key: h,
    scheduled_for: loose ? h : '2026-11-23 00:00:00.000',
    period_from: loose ? h : '2026-11-15 15:00:00.000',
    period_to: loose ? h : '2026-11-22 15:00:00.000',
    state: (loose ? h : 'failed') as ReportRunRow['state'],
    attempts: 1,
    last_error: h,
    claimed_by: h,
    claimed_at: loose ? h : '2026-11-23 00:00:00.000',
    sent_at: null,
    next_attempt_at: loose ? h : '2026-11-23 00:01:00.000',
  });
  const delivery = (h: string, loose = false): AlertDeliveryRow => ({
    brand_id: h,
    webhook_id: h,
    alert_key: h,
    session_id: h,
    kind: h,
    minute: 3,
    alert_at: loose ? h : '2026-11-20 11:03:00.000',
    text: h,
    state: loose ? (h as AlertDeliveryRow['state']) : 'pending',
    attempts: 1,
    last_status: 500,
    last_error: h,
    created_at: loose ? h : '2026-11-20 11:04:00.000',
    delivered_at: loose ? h : null,
    next_attempt_at: loose ? h : '2026-11-20 11:04:01.000',
  });

  const CASES: Record<string, { repository: Repository; private?: string[]; cases: Record<string, Case> }> = {
    ApiKeyRepository: {
      repository: ApiKeyRepository,
      private: ['lookup'], // runs inside verify
      cases: {
        create: {
          typed: (h) => keys.create('READ', [h], h, h),
          loose: (h) => keys.create(h as ApiKeyScope, [h], h, h),
        },
        revoke: { typed: (h) => keys.revoke(h) },
        verify: { typed: (h) => keys.verify(h), opaque: true },
        count: { typed: () => keys.count(), opaque: true },
      },
    },
    BrandRepository: {
      repository: BrandRepository,
      cases: {
        upsert: {
          typed: (h) => brands.upsert({ id: h, name: h, timeZone: 'UTC', currency: 'JPY' }),
          loose: (h) => brands.upsert({ id: h, name: h, timeZone: h, currency: h }),
        },
        list: { typed: (h) => brands.list([h, 'b1']) },
      },
    },
    RollupRefresher: {
      repository: RollupRefresher,
      // run inside refreshSessions: the whole rebuild (ended sessions) and the live path (live ones)
      private: [
        'rebuild',
        'rebuildWhole',
        'carryMinutes', // no SQL: which minutes a whole rebuild carries over
        'planLive', // no SQL: which minutes a live round rebuilds
        'rebuildLive',
        'boundsParams',
        'marginParams', // no SQL: the look-back's numbers (parameters of the opening statement)
        'writeFromViewers',
        'rebuildMerchandise',
        'viewerPrefixesOf', // the viewer prefixes a whole rebuild reads or takes (session ids as parameters)
        'productPrefixesOf', // the product prefixes a live round reads or takes (session ids as parameters)
        'livePrefixesOf', // the viewer totals snapshots a live round reads or takes (session ids as parameters)
        'takeProductPrefixes', // the product rows and listing of the snapshots either path takes (ids as parameters)
        'planPrefixes', // no SQL: which prefixes a round reads and takes
        'deferredSessions', // no SQL: the sessions the rounds left viewer rows behind for
        'openStatement', // run inside refreshSessions: the opening statement (ids as parameters), both forms below
        'rememberStoredRows', // no SQL: what the opening statement counted, for the next one
        'removeEarlierRounds', // run inside removeSuperseded (ids as parameters), below
        'supersededDueInMs', // no SQL: when the ended sessions' earlier rounds may go
      ],
      cases: {
        // twice: the first round counts the two sessions grouped, the second each alone (every session
        // counted before is large for this refresher: storedRowsOneByOneFrom 0)
        // a session of brand h rolled up live, then ended: its earlier round goes (a delete per table)
        removeSuperseded: {
          typed: async (h) => {
            const id = `${h}-ended-${++endedSessions}`;
            const rows = hostileSession(h).map((row) => ({ ...row, session_id: id, event_id: `${id}${row.event_id}` }));
            await engine.gateway.insert('events', rows, { tag: 'test.seed' });
            await refresher.refreshSessions(h, [id]);
            const end = {
              ...rows[0],
              event_id: `${id}-end`,
              type: 'session_end',
              occurred_at: '2026-11-20 11:00:09.000',
            };
            await engine.gateway.insert('events', [end], { tag: 'test.seed' });
            await refresher.refreshSessions(h, [id]);
            sent.length = 0; // what is checked: the removal's statements
            await refresher.removeSuperseded(Infinity);
          },
        },
        refreshSessions: {
          typed: async (h) => {
            await refresher.refreshSessions(h, [h, `${h}-2`]);
            await refresher.refreshSessions(h, [h, `${h}-2`]);
          },
        },
      },
    },
    AnnotationRepository: {
      repository: AnnotationRepository,
      cases: {
        create: {
          typed: (h) => {
            const { annotation_id: _id, created_at: _at, ...row } = annotation(h);
            return annotations.create(row, '2026-11-20 12:00:00.000');
          },
          loose: (h) => {
            const { annotation_id: _id, created_at: _at, ...row } = annotation(h, true);
            return annotations.create(row, h);
          },
        },
        find: { typed: (h) => annotations.find(scope(h), h) },
        delete: {
          typed: (h) => annotations.delete(annotation(h)),
          loose: (h) => annotations.delete(annotation(h, true)),
        },
        list: {
          typed: (h) => annotations.list(scope(h), { sessionIds: [h], from: FROM, to: TO }),
          loose: (h) => annotations.list(scope(h), { sessionIds: [h], from: h, to: h }),
        },
      },
    },
    HostCostRepository: {
      repository: HostCostRepository,
      private: ['keptRead'], // runs inside the kept reads (KeptBrandReads)
      cases: {
        setSessionCost: {
          typed: (h) =>
            hostCosts.setSessionCost({ brand_id: h, session_id: h, amount: 1, currency: h }, '2026-11-20 12:00:00.000'),
          loose: (h) => hostCosts.setSessionCost({ brand_id: h, session_id: h, amount: 1, currency: h }, h, true),
        },
        setCommercerFee: {
          typed: (h) =>
            hostCosts.setCommercerFee(
              { brand_id: h, commercer_id: h, month: h, amount: 1, currency: h },
              '2026-11-20 12:00:00.000',
            ),
          loose: (h) =>
            hostCosts.setCommercerFee({ brand_id: h, commercer_id: h, month: h, amount: 1, currency: h }, h, true),
        },
        sessionCosts: { typed: (h) => hostCosts.sessionCosts(h, [h, `${h}-2`]) },
        commercerFees: { typed: (h) => hostCosts.commercerFees(h, { commercerId: h, fromMonth: h, toMonth: h }) },
        commercerExists: { typed: (h) => hostCosts.commercerExists(h, h) },
        sessionCostsAround: {
          typed: (h) => hostCosts.sessionCostsAround(h, FROM, TO),
          loose: (h) => hostCosts.sessionCostsAround(h, h, h),
        },
        periodSessions: {
          typed: (h) => hostCosts.periodSessions(h, 'UTC', FROM, TO),
          loose: (h) => hostCosts.periodSessions(h, h, h, h),
        },
        sessionsWithTheirMonths: {
          typed: (h) => hostCosts.sessionsWithTheirMonths(h, 'UTC', [h]),
          loose: (h) => hostCosts.sessionsWithTheirMonths(h, h, [h]),
        },
        fitPoints: {
          typed: (h) => hostCosts.fitPoints(h, FROM, TO),
          loose: (h) => hostCosts.fitPoints(h, h, h),
        },
        // the brand's cost state (RollupStateRepository.costState): a parameterless read, the brand never in SQL
        anyCost: { typed: (h) => new HostCostRepository(engine.gateway).anyCost(h), opaque: true },
      },
    },
    PeriodRepository: {
      repository: PeriodRepository,
      private: ['keptRead'], // runs inside the kept reads (KeptBrandReads)
      cases: {
        totals: {
          typed: async (h) => {
            for (const grouping of ['commercer', 'day', 'session', 'kind'] as const)
              await periods.totals(periodScope(h), grouping);
          },
          loose: (h) =>
            periods.totals(
              periodScope(h, true),
              h as Exclude<PeriodGrouping, 'overview' | 'history' | 'overviewHistory' | 'commercerCompare'>,
            ),
        },
        rankedSessions: {
          typed: (h) => periods.rankedSessions(periodScope(h), 'revenue', LIMIT),
          loose: (h) => periods.rankedSessions(periodScope(h, true), 'revenue', LIMIT),
        },
        overviewTotals: {
          typed: (h) => periods.overviewTotals(periodScope(h), SPLIT),
          loose: (h) => periods.overviewTotals(periodScope(h, true), h),
        },
        commercerTotalsWithPrevious: {
          typed: (h) => periods.commercerTotalsWithPrevious(periodScope(h), SPLIT),
          loose: (h) => periods.commercerTotalsWithPrevious(periodScope(h, true), h),
        },
        historyTotals: {
          typed: (h) => periods.historyTotals(periodScope(h), [SPLIT, FROM, FROM]),
          loose: (h) => periods.historyTotals(periodScope(h, true), [h, h, h]),
        },
        overviewWithHistoryTotals: {
          typed: (h) => periods.overviewWithHistoryTotals(periodScope(h), SPLIT, [SPLIT, FROM, FROM]),
          loose: (h) => periods.overviewWithHistoryTotals(periodScope(h, true), h, [h, h, h]),
        },
        regulars: {
          typed: (h) => periods.regulars(periodScope(h), LIMIT),
          loose: (h) => periods.regulars(periodScope(h, true), LIMIT),
        },
        cohortWeeks: {
          typed: (h) => periods.cohortWeeks(periodScope(h)),
          loose: (h) => periods.cohortWeeks(periodScope(h, true)),
        },
        stampsByCommercer: {
          typed: (h) => periods.stampsByCommercer(periodScope(h)),
          loose: (h) => periods.stampsByCommercer(periodScope(h, true)),
        },
        products: {
          typed: (h) => periods.products(periodScope(h), h, LIMIT),
          loose: (h) => periods.products(periodScope(h, true), h, LIMIT),
        },
        trafficSources: {
          typed: (h) => periods.trafficSources(periodScope(h), h),
          loose: (h) => periods.trafficSources(periodScope(h, true), h),
        },
      },
    },
    LiveRepository: {
      repository: LiveRepository,
      private: ['recent'], // runs inside recentMinutes and recentCounts
      cases: {
        comments: { typed: (h) => live.comments(liveScope(h), 500) },
        recaps: { typed: (h) => live.recaps(liveScope(h)) },
        eventTime: { typed: (h) => live.eventTime(h, h, h) },
        waiting: { typed: (h) => live.waiting(liveScope(h), [LIVE_START + 60_000], 3, 1) },
        recentMinutesOf: { typed: (h) => live.recentMinutesOf(recentAsks(h)) },
        recentCountsOf: { typed: (h) => live.recentCountsOf(recentAsks(h)) },
      },
    },
    BenchmarkRepository: {
      repository: BenchmarkRepository,
      // storeAnswers runs through refreshPeerValues (its inputs come from the engine); scheduleAnswers,
      // answersStored and onModuleDestroy send no SQL of their own
      private: ['read', 'storeAnswers', 'scheduleAnswers', 'answersStored', 'onModuleDestroy'],
      cases: {
        percentiles: { typed: (h) => benchmarks.percentiles(scope(h), h) },
        percentilesFromStats: { typed: (h) => benchmarks.percentilesFromStats(scope(h), h) },
        // no input: brings the stored KPI values up to session_stats, and their answers (S13C-2)
        refreshPeerValues: {
          typed: async () => {
            await benchmarks.refreshPeerValues();
            await benchmarks.answersStored();
          },
          opaque: true,
        },
      },
    },
    AlertWebhookRepository: {
      repository: AlertWebhookRepository,
      cases: {
        create: { typed: (h) => webhooks.create(webhook(h)), loose: (h) => webhooks.create(webhook(h, true)) },
        find: { typed: (h) => webhooks.find(scope(h), h) },
        delete: { typed: (h) => webhooks.delete(webhook(h)), loose: (h) => webhooks.delete(webhook(h, true)) },
        list: { typed: (h) => webhooks.list(scope(h)) },
      },
    },
    ShareLinkRepository: {
      repository: ShareLinkRepository,
      cases: {
        create: { typed: (h) => shareLinks.create(shareLink(h)), loose: (h) => shareLinks.create(shareLink(h, true)) },
        byHash: { typed: (h) => shareLinks.byHash(h) },
        byId: { typed: (h) => shareLinks.byId(h) },
        revoke: {
          typed: (h) => shareLinks.revoke(shareLink(h), AT),
          loose: (h) => shareLinks.revoke(shareLink(h, true), AT),
        },
        recordOpen: { typed: (h) => shareLinks.recordOpen(shareLink(h), AT) },
        list: { typed: (h) => shareLinks.list(h) },
      },
    },
    BrandingRepository: {
      repository: BrandingRepository,
      cases: {
        get: { typed: (h) => branding.get(h) },
        set: {
          typed: (h) =>
            branding.set(h, {
              displayName: h,
              agencyName: h,
              accentColor: h,
              logo: { mime: 'image/svg+xml', bytes: Buffer.from(h) },
            }),
        },
      },
    },
    AlertDeliveryRepository: {
      repository: AlertDeliveryRepository,
      cases: {
        liveSessions: {
          typed: (h) => deliveries.liveSessions([h, 'b1'], FROM, TO),
          loose: (h) => deliveries.liveSessions([h], h, h),
        },
        recorded: { typed: (h) => deliveries.recorded(h, [h], [h, `${h}-2`]) },
        enqueue: {
          typed: (h) => deliveries.enqueue([delivery(h)]),
          loose: (h) => deliveries.enqueue([delivery(h, true)]),
        },
        // a time and a number only: nothing hostile to carry
        due: { typed: () => deliveries.due(TO, LIMIT), loose: (h) => deliveries.due(h, LIMIT), opaque: true },
        update: { typed: (h) => deliveries.update(delivery(h)), loose: (h) => deliveries.update(delivery(h, true)) },
        list: { typed: (h) => deliveries.list(scope(h), LIMIT) },
      },
    },
    ReportScheduleRepository: {
      repository: ReportScheduleRepository,
      cases: {
        saveSchedule: {
          typed: (h) => reports.saveSchedule(reportSchedule(h)),
          loose: (h) => reports.saveSchedule(reportSchedule(h, true)),
        },
        schedules: { typed: (h) => reports.schedules(scope(h)) },
        schedule: { typed: (h) => reports.schedule(scope(h), h) },
        run: { typed: (h) => reports.run(h, `${h}-s`, `${h}-k`) },
        writeRun: { typed: (h) => reports.writeRun(reportRun(h)), loose: (h) => reports.writeRun(reportRun(h, true)) },
        runs: { typed: (h) => reports.runs(scope(h), [h, `${h}-2`], LIMIT) },
        // times and a number only: nothing hostile to carry
        unfinished: {
          typed: () => reports.unfinished(TO, FROM, LIMIT),
          loose: (h) => reports.unfinished(h, h, LIMIT),
          opaque: true,
        },
      },
    },
    SessionRepository: {
      repository: SessionRepository,
      // cached runs inside findByIds, minutes, viewerGroups, watchGroups, readAhead inside openAhead;
      // openedAhead and onModuleDestroy send no SQL
      private: ['cached', 'readAhead', 'openedAhead', 'onModuleDestroy'],
      cases: {
        openAhead: {
          // a listed session of brand h named after h: its minute rows and watch groups read ahead
          // and in a scope of two brands (h's and another reader's), whose rows are read by id too (an id
          // of its own: the rows read ahead are kept, and the minutes and watchGroups cases must read)
          typed: async (h) => {
            const listed = {
              brand_id: h,
              session_id: `${h}-ahead`,
              ended_at: FROM,
              version: VERSION,
              viewers_version: VERSION,
              metrics: { uniqueViewers: 1 },
            } as unknown as SessionRow;
            sessions.openAhead(scope(h), [listed]);
            sessions.openAhead(BrandScope.of({ kind: 'reader', keyId: h, brandIds: [h, `${h}-2`] }), [listed]);
            await sessions.openedAhead();
          },
        },
        findByIds: { typed: (h) => sessions.findByIds(scope(h), [h, `${h}-2`]) },
        list: {
          typed: async (h) => {
            for (const direction of ['ASC', 'DESC'] as const)
              await sessions.list(scope(h), {
                commercerId: h,
                kind: h,
                platform: h,
                from: FROM,
                to: TO,
                sortBy: 'revenue',
                direction,
                limit: LIMIT,
                after: { value: CURSOR_VALUE, id: h },
              });
          },
          loose: (h) =>
            sessions.list(scope(h), {
              commercerId: h,
              kind: h,
              platform: h,
              from: h,
              to: h,
              sortBy: h,
              direction: h as SortDirection,
              limit: LIMIT,
              after: { value: CURSOR_VALUE, id: h },
            }),
        },
        count: {
          typed: (h) => sessions.count(scope(h), { commercerId: h, kind: h, platform: h, from: FROM, to: TO }),
          loose: (h) => sessions.count(scope(h), { commercerId: h, kind: h, platform: h, from: h, to: h }),
        },
        minutes: {
          typed: (h) => sessions.minutes(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        viewerGroups: {
          typed: (h) =>
            sessions.viewerGroups(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        watchGroups: {
          typed: (h) =>
            sessions.watchGroups(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        returning: {
          typed: (h) =>
            sessions.returning(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        regulars: {
          typed: (h) => sessions.regulars(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        versions: {
          typed: (h) =>
            sessions.versions(scope(h), [
              { brandId: h, id: h },
              { brandId: h, id: `${h}-2` },
            ]),
        },
        merchandise: {
          typed: (h) =>
            sessions.merchandise(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
        pinSegments: {
          typed: (h) =>
            sessions.pinSegments(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
      },
    },
    RollupStateRepository: {
      repository: RollupStateRepository,
      private: ['read'], // runs inside brandStates
      cases: {
        // no parameters at all: every brand's state is read, the brand is picked in code; a new
        // repository each time, since one keeps its states until a rollup is written (S11R2-1)
        brandStates: { typed: () => rollupStates().brandStates(), opaque: true },
        brandState: { typed: (h) => rollupStates().brandState(h), opaque: true },
        changeToken: { typed: () => rollupStates().changeToken(), opaque: true },
        costState: { typed: (h) => rollupStates().costState(h), opaque: true },
      },
    },
    LaterPurchaseRepository: {
      repository: LaterPurchaseRepository,
      cases: {
        bySession: {
          typed: (h) => later.bySession(scope(h), [{ brandId: h, id: h, version: VERSION, viewersVersion: VERSION }]),
        },
      },
    },
  };

  /** One live session whose every text column holds `h`, so the queries find rows and the rollups run. */
  function hostileSession(h: string): EventRow[] {
    const at = (second: number) => `2026-11-20 11:00:${String(second).padStart(2, '0')}.000`;
    const base = { brand_id: h, session_id: h, viewer_id: '' };
    return [
      {
        ...base,
        event_id: `${h}-1`,
        type: 'session_start',
        occurred_at: at(0),
        commercer_id: h,
        commercer_name: h,
        commercer_kind: h,
        title: h,
        platform: h,
      },
      { ...base, event_id: `${h}-2`, type: 'join', occurred_at: at(1), viewer_id: h, source: h },
      { ...base, event_id: `${h}-3`, type: 'comment', occurred_at: at(2), viewer_id: h, author: 'viewer', text: h },
      { ...base, event_id: `${h}-4`, type: 'like', occurred_at: at(3), viewer_id: h, like_count: 2, stamp: h },
      {
        ...base,
        event_id: `${h}-5`,
        type: 'purchase',
        occurred_at: at(4),
        viewer_id: h,
        order_id: h,
        currency: h,
        items: [{ product_id: h, quantity: 1, unit_price: '10' }],
        amount: '10',
      },
      // the run-sheet and product rollups take pins, names and refunds through parameters too
      { ...base, event_id: `${h}-6`, type: 'product_pin', occurred_at: at(0), product_id: h, product_name: h },
      { ...base, event_id: `${h}-7`, type: 'product_click', occurred_at: at(2), viewer_id: h, product_id: h },
      { ...base, event_id: `${h}-8`, type: 'refund', occurred_at: at(5), order_id: h, currency: h, amount: '5' },
      { ...base, event_id: `${h}-9`, type: 'share', occurred_at: at(5), viewer_id: h, channel: h },
      // the live console reads recaps and host replies
      { ...base, event_id: `${h}-10`, type: 'recap', occurred_at: at(6), text: h },
      {
        ...base,
        event_id: `${h}-11`,
        type: 'comment',
        occurred_at: at(7),
        author: 'host',
        text: h,
        reply_to: `${h}-3`,
      },
    ];
  }

  beforeAll(async () => {
    engine = await openTestEngine();
    const gateway = engine.gateway;
    keys = new ApiKeyRepository(gateway, 0);
    brands = new BrandRepository(gateway);
    refresher = new RollupRefresher(gateway, { storedRowsOneByOneFrom: 0 });
    annotations = new AnnotationRepository(gateway);
    periods = new PeriodRepository(gateway);
    sessions = new SessionRepository(gateway);
    live = new LiveRepository(gateway);
    webhooks = new AlertWebhookRepository(gateway);
    deliveries = new AlertDeliveryRepository(gateway);
    benchmarks = new BenchmarkRepository(gateway);
    hostCosts = new HostCostRepository(gateway);
    shareLinks = new ShareLinkRepository(gateway);
    branding = new BrandingRepository(gateway);
    later = new LaterPurchaseRepository(gateway);
    rollupStates = () => new RollupStateRepository(gateway);
    reports = new ReportScheduleRepository(gateway);

    for (const h of HOSTILE) {
      await gateway.insert('events', hostileSession(h), { tag: 'test.seed' });
      await refresher.refreshSessions(h, [h]);
    }

    // Watch every client call of the gateway, letting each through to the engine.
    const internals = gateway as unknown as GatewayInternals;
    const watch = <T extends object>(target: T, method: keyof T & string, record: (params: never) => Sent) => {
      const original = (target[method] as Method).bind(target);
      jest.spyOn(target, method as never).mockImplementation(((...args: never[]) => {
        sent.push(record(args[0]));
        return original(...args);
      }) as never);
    };
    const sql = (kind: Sent['kind']) => (p: { query: string; query_params?: unknown }) => ({
      kind,
      sql: p.query,
      values: JSON.stringify(p.query_params ?? {}),
    });
    for (const client of new Set([...internals.readers, internals.writer, internals.maintenance])) {
      watch(client, 'query', sql('query'));
      watch(client, 'command', sql('command'));
      watch(client, 'exec', sql('exec'));
      watch(client, 'insert', (p: { table: string; values: unknown }) => ({
        kind: 'insert',
        sql: p.table,
        values: JSON.stringify(p.values),
      }));
    }
    for (const chdb of [internals.writerConnection?.chdb, internals.maintenanceConnection?.chdb])
      if (chdb)
        watch(chdb, 'rawInsert', (p: { table: string; values: Buffer }) => ({
          kind: 'rawInsert',
          sql: p.table,
          values: p.values.toString('utf8'),
        }));
  }, 60_000); // seven hostile live sessions, each rolled up (the live path)
  afterAll(async () => {
    jest.restoreAllMocks();
    await engine.dispose();
  });
  beforeEach(() => {
    sent.length = 0;
  });

  it('has a case for every method of every repository class, so a new one cannot go untested', async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'repositories');
    const found = new Map<string, Repository>();
    const modules: Record<string, unknown>[] = [engineAccess];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.repository.ts')))
      modules.push((await import(join(dir, file))) as Record<string, unknown>);
    for (const exported of modules)
      for (const [name, value] of Object.entries(exported))
        if (typeof value === 'function' && /(Repository|Refresher)$/.test(name)) found.set(name, value as Repository);
    expect([...found.keys()].sort()).toEqual(Object.keys(CASES).sort());

    for (const [name, { repository, private: hidden = [], cases }] of Object.entries(CASES)) {
      expect(found.get(name)).toBe(repository);
      const methods = Object.getOwnPropertyNames(repository.prototype).filter(
        (m) => m !== 'constructor' && !hidden.includes(m),
      );
      expect({ [name]: methods.sort() }).toEqual({ [name]: Object.keys(cases).sort() });
    }
  });

  const all = Object.entries(CASES).flatMap(([name, { cases }]) =>
    Object.entries(cases).map(([method, c]) => ({ name: `${name}.${method}`, ...c })),
  );

  function expectClean(label: string): void {
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) {
      expect({ label, kind: s.kind, markerInSql: s.sql.includes(MARKER) }).toEqual({
        label,
        kind: s.kind,
        markerInSql: false,
      });
      for (const n of [LIMIT, CURSOR_VALUE, VERSION]) expect(s.sql).not.toContain(String(n));
      // a table of the product's, or the gateway's params table (lc_gateway.statement_params)
      if (s.kind === 'insert' || s.kind === 'rawInsert') expect(s.sql).toMatch(/^([a-z_]+\.)?[a-z_]+$/);
    }
  }

  it.each(all)(
    '$name: with well-formed types it runs, and each value travels as a parameter',
    async (c) => {
      for (const h of HOSTILE) {
        sent.length = 0;
        await c.typed(h);
        expectClean(`${c.name} ${h.slice(0, 10)}`);
        // The whole value, as JSON writes it (parameters and rows are sent JSON-encoded).
        if (!c.opaque) expect(sent.some((s) => s.values.includes(JSON.stringify(h).slice(1, -1)))).toBe(true);
      }
      // seven engine queries per case, and a rollup round is a dozen statements: the cross-brand benchmark
      // query alone can pass 5 s on a loaded machine, a round with its statements 30 s
    },
    120_000,
  );

  it.each(all.filter((c) => c.loose))(
    '$name: with hostile text in every argument, typed or not, it fails at most on a value, never on SQL',
    async (c) => {
      for (const h of HOSTILE) {
        sent.length = 0;
        const error = await c.loose!(h).then(
          () => undefined,
          (e: unknown) => e as { engineCode?: string; message: string },
        );
        // 62 is SYNTAX_ERROR: the SQL text itself was broken.
        expect(error?.engineCode).not.toBe('62');
        for (const s of sent) expect(s.sql).not.toContain(MARKER);
      }
    },
  );

  it('reads back hostile values exactly as they were written', async () => {
    for (const h of HOSTILE) {
      const [session] = await sessions.findByIds(scope(h), [h]);
      expect(session).toMatchObject({ brand_id: h, session_id: h, title: h, commercer_name: h, platform: h });
      expect(session.metrics.revenue).toBe(10);
    }
    const h = HOSTILE[0];
    const stored = await annotations.create(
      { brand_id: h, session_id: h, at: '2026-11-20 11:05:00.000', kind: 'NOTE', text: h },
      '2026-11-20 12:00:00.000',
    );
    expect(await annotations.find(scope(h), stored.annotation_id)).toEqual(stored);
  });

  it('left every table in place', async () => {
    const tables = await engine.gateway.query<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name',
      {},
      { tag: 'test' },
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'alert_deliveries',
        'alert_webhooks',
        'annotations',
        'api_keys',
        'brands',
        'events',
        'session_stats',
        'session_viewers',
      ]),
    );
  });
});
