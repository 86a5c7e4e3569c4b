import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';
import { LRUCache } from 'lru-cache';
import {
  LiveRepository,
  RECENT_MINUTES_TAG,
  type RecentCounts,
  type RecentMinutes,
  type RecentRef,
} from '../../repositories/live.repository.js';
import { sessionKey } from '../../repositories/session.repository.js';
import type { Principal } from '../auth/principal.js';
import type { SessionDto } from './dtos/session.dto.js';
import type { MinutePointDto } from './dtos/session-series.dto.js';
import { SessionService, toMinutePoint } from './session.service.js';

/**
 * Between rounds, a live session's newest minutes are read again at most this often, however often
 * they are asked for, and never more than a RECENT_SHARE of the engine's time (the rounds need it too):
 * after a reading that kept the engine busy t ms, the next starts t / RECENT_SHARE ms after it began, or
 * later. t is the engine's own time: a reading that waited for its turn behind other statements did not
 * use the engine meanwhile (the gateway reports both waits: QueryObserver). The live console's push
 * (SessionWatch) and a session page read over HTTP (LiveSumsAhead) pace their readings alike.
 */
export const RECENT_MIN_GAP_MS = 100;
export const RECENT_SHARE = 0.25;

/** The first minute a reading reads: the rollup's last one (it may have grown since), and those after it. */
export const recentFromMinute = (base: SessionDto): number => Math.max(0, base.minutes - 1);

/** The live session a reading reads, from the session as last read. */
export const recentRefOf = (base: SessionDto): RecentRef => ({
  brandId: base.brandId,
  sessionId: base.id,
  startMs: base.startedAt.getTime(),
  lastMs: base.lastEventAt.getTime(),
});

/**
 * The session with the counters that are sums over minutes (likes, comments, cart adds) brought up to
 * its newest minutes as its events hold them now: each is the larger of the rollup's count and the
 * stored minutes before the newest plus the newest read now. Both count distinct events (FINAL) that are
 * in the session now, so the larger is never more than a round would count; what it may lack until the
 * next round are events that arrived late for an older minute. So too when the session is ending (its
 * session_end among the newest events): the counters count every event of the session, before its end
 * or after, as the KPIs do (S11R6-3).
 */
export function withRecentCounts(
  base: SessionDto,
  stored: readonly MinutePointDto[],
  recent: RecentCounts,
): SessionDto {
  const fromMinute = recentFromMinute(base);
  const before = stored.filter((m) => m.minute < fromMinute);
  const total = (storedOf: (m: MinutePointDto) => number, recentOf: (row: RecentCounts['rows'][number]) => number) =>
    before.reduce((sum, m) => sum + storedOf(m), 0) + recent.rows.reduce((sum, row) => sum + Number(recentOf(row)), 0);
  return {
    ...base,
    // (the object keeps its session for the KPIs read on demand: spreading copies the symbol key)
    metrics: {
      ...base.metrics,
      likes: Math.max(
        Number(base.metrics.likes ?? 0),
        total(
          (m) => m.likes,
          (r) => r.likes,
        ),
      ),
      comments: Math.max(
        Number(base.metrics.comments ?? 0),
        total(
          (m) => m.comments,
          (r) => r.comments,
        ),
      ),
      cartAdds: Math.max(
        Number(base.metrics.cartAdds ?? 0),
        total(
          (m) => m.cartAdds,
          (r) => r.cart_adds,
        ),
      ),
    },
  };
}

/**
 * The session with its newest minutes as its events hold them now (SessionDto.recent: they replace the
 * stored ones in its minute series) and its counters brought up to them (withRecentCounts). When the
 * session is ending, the counters alone: its last minutes, and whether an event falls after its end, are
 * the round's to say (docs/METRICS-DECISIONS.md 1).
 */
export function withRecentMinutes(
  base: SessionDto,
  stored: readonly MinutePointDto[],
  recent: RecentMinutes,
): SessionDto {
  const counted = withRecentCounts(base, stored, recent);
  if (recent.ends) return counted;
  const fromMinute = recentFromMinute(base);
  return {
    ...counted,
    minutes: Math.max(base.minutes, recent.minuteCount),
    recent: { fromMinute, rows: recent.rows, key: addsToStored(base, stored, fromMinute, recent) },
  };
}

/**
 * What tells this reading apart from others: '' when it shows nothing the rollup's minutes do not
 * (the push of the version showed it already), else the reading itself.
 */
function addsToStored(base: SessionDto, stored: readonly MinutePointDto[], fromMinute: number, recent: RecentMinutes) {
  const rows = new Map(recent.rows.map((row) => [Number(row.minute), row]));
  const same =
    recent.minuteCount === base.minutes &&
    stored.length === base.minutes &&
    stored
      .filter((m) => m.minute >= fromMinute)
      .every((m) => JSON.stringify(toMinutePoint(base.startedAt, m.minute, rows.get(m.minute))) === JSON.stringify(m));
  return same ? '' : JSON.stringify([recent.lastMs, recent.rows]);
}

/** The session fields a reading of the newest minutes' counts brings ahead of the round (withRecentCounts). */
export const AHEAD_COUNTS: ReadonlySet<string> = new Set(['likes', 'comments', 'cartAdds']);
/** And those that need the newest minutes whole (withRecentMinutes): the series and what is drawn from it. */
export const AHEAD_SERIES: ReadonlySet<string> = new Set(['minuteSeries', 'moments', 'stamps']);

/** A reading of the counters alone, or of the minutes whole (which brings the counters too). */
export type AheadKind = 'counts' | 'minutes';

/** A reading waiting for the statement of its turn's batch. */
interface BatchItem {
  base: SessionDto;
  done: (session: SessionDto | null) => void;
  fail: (error: unknown) => void;
}

interface Reading {
  /** The rollup version the reading was made against (its minutes before the newest are that version's). */
  version: number;
  /** It has begun: a request that comes now may miss what was inserted just before it, so it takes the next. */
  started: boolean;
  /** When the next reading of the session may start (RECENT_MIN_GAP_MS, RECENT_SHARE); Infinity until this one ends. */
  nextAt: number;
  session: Promise<SessionDto | null>;
}

/**
 * A live session read over HTTP between rounds (S11R6-2 in docs/METRICS-DECISIONS.md): its newest
 * minutes read from its events, so the session page's likes, comments and cart adds (`counts`: those
 * three sums alone) and its minute series (`minutes`: every column) follow the inserts instead of the
 * round, however long the stream — a reading reads the newest minute or two, not the session. The live
 * console's push (SessionWatch) takes its readings here too, so a console and pages open on one session
 * share them.
 *
 * A request gets a reading that begins after it comes: the one waiting to begin if there is one (those
 * of one request's aliases, or of requests that come together, begin on the next turn of the event loop
 * and are one), else a new one — at once, or as soon as the last one ended and its pace allows. One
 * reading per session and kind at a time. A failed reading leaves the round's numbers.
 */
@Injectable()
export class LiveSumsAhead implements OnModuleDestroy {
  /** The last reading of each (session, kind): enough for thousands of live sessions read at once (a few hundred bytes each). */
  private readonly readings = new LRUCache<string, Reading>({ max: 10_000 });
  /** The readings beginning on this turn, by caller and kind (read). */
  private readonly batches = new Map<Principal, Map<AheadKind, BatchItem[]>>();
  /** The engine's time spent by this reader's readings so far (their statements, waits excluded). */
  private engineMs = 0;
  private readonly stopObserving: () => void;

  constructor(
    private readonly live: LiveRepository,
    private readonly sessions: SessionService,
    gateway: ClickHouseGateway,
  ) {
    this.stopObserving = gateway.onQuery((call) => {
      if (call.tag === RECENT_MINUTES_TAG) this.engineMs += call.ms - (call.waitMs ?? 0) - (call.turnWaitMs ?? 0);
    });
  }

  /** The session with its newest minutes (`kind`) read now, when it is live; else the session as read. */
  async of(principal: Principal, session: SessionDto, kind: AheadKind): Promise<SessionDto> {
    return (await this.reading(principal, session, kind)) ?? session;
  }

  /**
   * A reading of the live session's newest minutes that begins after this call, joined to the session
   * (withRecentCounts, withRecentMinutes); null when there is none to show (not live, or failed).
   * \`principal\` has read \`session\` through its own scope; a reading is the session's, shared by all.
   */
  async reading(principal: Principal, session: SessionDto, kind: AheadKind): Promise<SessionDto | null> {
    if (!session.isLive) return null;
    const key = `${sessionKey(session.brandId, session.id)}\u0000${kind}`;
    let reading = this.readings.get(key);
    if (!reading || reading.version !== session.version || reading.started) {
      // a new version starts at once; the same version's next reading follows the last one and its pace
      const after = reading?.version === session.version ? reading : null;
      reading = this.begin(after, session.version, () => this.read(principal, session, kind));
      this.readings.set(key, reading);
    }
    return reading.session.catch(() => null);
  }

  /** A reading that begins on the turn after `after` has ended and its pace allows (or the next turn), then sets its own pace. */
  private begin(after: Reading | null, version: number, read: () => Promise<SessionDto | null>): Reading {
    const reading: Reading = { version, started: false, nextAt: Infinity, session: Promise.resolve(null) };
    reading.session = (async () => {
      if (after) {
        await after.session.catch(() => null);
        const wait = after.nextAt - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      // the requests of this turn of the event loop (one request's aliases, a push and a page) join it
      await new Promise((resolve) => setImmediate(resolve));
      reading.started = true;
      const startedAt = performance.now();
      const engineBefore = this.engineMs;
      try {
        return await read();
      } finally {
        reading.nextAt = startedAt + Math.max(RECENT_MIN_GAP_MS, (this.engineMs - engineBefore) / RECENT_SHARE);
      }
    })();
    return reading;
  }

  /**
   * The readings that begin on one turn of the event loop, for one caller and kind, are read together: one
   * statement for their sessions' newest minutes and one for their stored minutes, whatever their number
   * (one request's aliases of several live sessions).
   */
  private read(principal: Principal, base: SessionDto, kind: AheadKind): Promise<SessionDto | null> {
    let byKind = this.batches.get(principal);
    if (!byKind) this.batches.set(principal, (byKind = new Map()));
    let batch = byKind.get(kind);
    if (!batch) {
      const items: BatchItem[] = [];
      const ofCaller = byKind;
      byKind.set(kind, (batch = items));
      setImmediate(() => {
        ofCaller.delete(kind);
        if (ofCaller.size === 0) this.batches.delete(principal);
        void this.readTogether(principal, kind, items);
      });
    }
    const items = batch;
    return new Promise((done, fail) => items.push({ base, done, fail }));
  }

  private async readTogether(principal: Principal, kind: AheadKind, items: readonly BatchItem[]): Promise<void> {
    try {
      const bases = items.map((item) => item.base);
      const asks = bases.map((base) => ({ ref: recentRefOf(base), fromMinute: recentFromMinute(base) }));
      // the stored minutes and the reading side by side, as the push reads them
      const stored = this.sessions.minuteSeries(principal, bases);
      if (kind === 'minutes') {
        const [series, recent] = await Promise.all([stored, this.live.recentMinutesOf(asks)]);
        items.forEach((item, i) => item.done(withRecentMinutes(item.base, series[i], recent[i])));
      } else {
        const [series, recent] = await Promise.all([stored, this.live.recentCountsOf(asks)]);
        items.forEach((item, i) => item.done(withRecentCounts(item.base, series[i], recent[i])));
      }
    } catch (error) {
      for (const item of items) item.fail(error);
    }
  }

  onModuleDestroy(): void {
    this.stopObserving();
  }
}
