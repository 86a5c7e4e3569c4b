import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ClickHouseGateway, RollupRefresher, toEventRow } from '@lc/clickhouse';
import { validateEvent } from '@lc/contract';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import {
  LiveRepository,
  type LiveComments,
  type LiveScope,
  type WaitingRow,
} from '../../repositories/live.repository.js';
import type { PinSegmentDto } from '../sessions/dtos/merchandise.dto.js';
import type { Principal } from '../auth/principal.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionService } from '../sessions/session.service.js';
import type { LiveAlertDto, RecapResultDto, SessionLiveDto } from './dtos/live.dto.js';
import {
  alerts,
  type Alert,
  minuteOf,
  nowVsBefore,
  unansweredComments,
  type LiveMinute,
  type ViewerComment,
} from './live.rules.js';

/**
 * How long the state "now" of one rollup version of a session is shared: every console subscribed to
 * the session is pushed each new version at once, and the first to ask computes it for all of them.
 */
export const LIVE_STATE_SHARED_MS = 1_000;

/**
 * The viewers waiting for a recap are the console's dearest read (each viewer's first event of the whole
 * session, and every minute's state on a first reading: ~1.2 s at 1 M events, ~0.15 s for the last
 * minutes; BENCHMARKS.md, twenty-third session). For the state "now" they are read again only once the last
 * reading is older than its own duration / WAITING_SHARE (or a recap was recorded), so they take at most
 * that share of the engine however often versions come (BENCHMARKS.md, twenty-first session). A new
 * reading after a slow one reads the per-minute counts of the last two minutes it had and the newer
 * ones only, keeping the older (until a recap changes them all). Readings quicker than
 * WAITING_KEPT_FROM_MS are never kept, so small sessions are exact at every version.
 */
export const WAITING_SHARE = 0.25;
/** A waiting reading quicker than this is not kept or shared: small sessions read it fresh every version. */
export const WAITING_KEPT_FROM_MS = 100;
/**
 * Unanswered comments that are not questions, kept in the state beyond the questions: the oldest this
 * many (a console shows a few; unansweredCount counts them all). docs/METRICS-DECISIONS.md P-3.
 */
export const UNANSWERED_OTHERS_KEPT = 500;
/** The clock the waiting readings are timed by (a test sets their duration without waiting for it). */
export const waitingClock = { now: (): number => performance.now() };

interface WaitingReading {
  recapsKey: string;
  /** Whether this session's readings take WAITING_KEPT_FROM_MS or more (the last one's, while under way). */
  slow: boolean;
  /** When it may be read again (Infinity while under way). */
  nextMs: number;
  value: Promise<WaitingRead>;
  /** The value once read (until then, the last reading's when it stands in): its per-minute counts seed the next reading. */
  settled?: WaitingRead;
}

interface WaitingRead {
  waitingRows: WaitingRow[];
  waitingNow: number;
  /** The minute in progress when read: waitingRows stop before it. */
  through: number;
}

/** An alert as the schema has it: its minute's start, and null in the fields of the other kinds. */
export function toAlertDto(alert: Alert, startMs: number): LiveAlertDto {
  return {
    kind: alert.kind,
    minute: alert.minute,
    at: new Date(startMs + alert.minute * 60_000),
    watching: alert.kind === 'viewer_drop' ? alert.watching : null,
    watchingBefore: alert.kind === 'viewer_drop' ? alert.watchingBefore : null,
    comments: alert.kind === 'chat_spike' ? alert.comments : null,
    usualComments: alert.kind === 'chat_spike' ? alert.usualComments : null,
    waiting: alert.kind === 'recap_due' ? alert.waiting : null,
    minutesSinceRecap: alert.kind === 'recap_due' ? alert.minutesSinceRecap : null,
    question:
      alert.kind === 'question_waiting'
        ? {
            eventId: alert.question.eventId,
            viewerId: alert.question.viewerId,
            text: alert.question.text,
            at: new Date(alert.question.atMs),
          }
        : null,
  };
}

/** What a live state reads of the raw events and the pin segments (all but the minutes). */
interface LiveReads {
  at: Date;
  comments: LiveComments;
  recapsMs: number[];
  segments: PinSegmentDto[];
  waitingRows: WaitingRow[];
  waitingNow: number;
}

/** The live console's state of a session at an instant (METRICS.md "Live"). */
@Injectable()
export class LiveService {
  private readonly refresher: RollupRefresher;
  /**
   * The state now, per session and rollup version, while it is under LIVE_STATE_SHARED_MS old (the
   * promise, so concurrent askers share one computation). Every caller was checked against the
   * session's brand before it got the session; the state holds only that session's data.
   */
  private readonly shared = new LRUCache<string, Promise<SessionLiveDto>>({ max: 500, ttl: LIVE_STATE_SHARED_MS });
  private readonly sharedReads = new LRUCache<string, Promise<LiveReads>>({ max: 500, ttl: LIVE_STATE_SHARED_MS });
  /** The last waiting-for-recap reading of each session, for the state now (WAITING_SHARE). */
  private readonly waiting = new LRUCache<string, WaitingReading>({ max: 500 });
  /** Recaps being recorded, by event id: a second click while the first is in flight waits for it. */
  private readonly recording = new Map<string, Promise<RecapResultDto>>();

  constructor(
    private readonly live: LiveRepository,
    private readonly sessions: SessionService,
    private readonly gateway: ClickHouseGateway,
  ) {
    this.refresher = new RollupRefresher(gateway);
  }

  /**
   * A `recap` event of a live session, recorded once per clientId: its event id is derived from the
   * brand, session and clientId, so a repeated call finds it (and the events table would collapse a
   * second row with that id anyway). The session's rollups are rebuilt before answering, so the
   * console's next read shows it.
   */
  async recordRecap(
    principal: Principal,
    sessionId: string,
    clientId: string,
    text: string | null,
    brandId: string | null = null,
  ): Promise<RecapResultDto> {
    if (clientId.trim() === '' || clientId.length > 128)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'clientId must be 1 to 128 characters', 'clientId');
    const session = await this.sessions.byId(principal, sessionId, brandId);
    if (!session)
      throw new ApiException(ApiErrorCode.NOT_FOUND, `no session "${sessionId}" among your brands`, 'sessionId');
    if (!session.isLive)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `session "${sessionId}" has ended`, 'sessionId');
    const eventId = `recap-${createHash('sha256').update(`${session.brandId}\u0000${sessionId}\u0000${clientId}`).digest('hex').slice(0, 40)}`;
    const inFlight = this.recording.get(eventId);
    if (inFlight) return { ...(await inFlight), recorded: false };
    const run = this.insertRecap(session, eventId, text);
    this.recording.set(eventId, run);
    try {
      return await run;
    } finally {
      this.recording.delete(eventId);
    }
  }

  private async insertRecap(session: SessionDto, eventId: string, text: string | null): Promise<RecapResultDto> {
    const existing = await this.live.eventTime(session.brandId, session.id, eventId);
    if (existing !== null) return { eventId, at: new Date(existing), recorded: false };
    const at = Date.now();
    const checked = validateEvent({
      eventId,
      type: 'recap',
      sessionId: session.id,
      occurredAt: at,
      ...(text ? { text } : {}),
    });
    if (!checked.ok) {
      const [error] = checked.errors;
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `${error.field} ${error.message}`, error.field);
    }
    await this.gateway.insert('events', [toEventRow(checked.event, session.brandId)], { tag: 'live.recordRecap' });
    await this.refresher.refreshSessions(session.brandId, [session.id]);
    return { eventId, at: new Date(at), recorded: true };
  }

  /**
   * The state now: computed once per session version (and reading of its newest minutes,
   * SessionDto.recent) and second however many consoles ask (at a push, every subscriber of the
   * session asks at once); its \`at\` says when it was computed. Its reads of the raw events (comments,
   * recaps, waiting viewers, pin segments) are shared per version for the same second: a push between
   * rounds changes the minutes only.
   */
  stateNow(principal: Principal, session: SessionDto): Promise<SessionLiveDto> {
    const versionKey = `${session.brandId}\u0000${session.id}\u0000${session.version}`;
    const key = `${versionKey}\u0000${session.recent?.key ?? ''}`;
    const cached = this.shared.get(key);
    if (cached) return cached;
    let reads = this.sharedReads.get(versionKey);
    if (!reads) {
      reads = this.reads(principal, session, new Date(), true);
      this.sharedReads.set(versionKey, reads);
      reads.catch(() => this.sharedReads.delete(versionKey));
    }
    const computed = reads.then((read) => this.compose(principal, session, read));
    this.shared.set(key, computed);
    computed.catch(() => this.shared.delete(key));
    return computed;
  }

  async state(principal: Principal, session: SessionDto, at: Date): Promise<SessionLiveDto> {
    return this.compose(principal, session, await this.reads(principal, session, at));
  }

  /** What the state reads besides the minutes, as of \`at\` (the waiting viewers maybe earlier: \`reuseWaiting\`). */
  private async reads(principal: Principal, session: SessionDto, at: Date, reuseWaiting = false): Promise<LiveReads> {
    const startMs = session.startedAt.getTime();
    const scope: LiveScope = { brandId: session.brandId, sessionId: session.id, startMs, nowMs: at.getTime() };
    const [comments, recapsMs, [segments]] = await Promise.all([
      this.live.comments(scope, UNANSWERED_OTHERS_KEPT),
      this.live.recaps(scope),
      this.sessions.pinSegments(principal, [session]),
    ]);
    const readWaiting = async (earlier: WaitingRead | null): Promise<WaitingRead> => {
      const current = minuteOf(startMs, scope.nowMs);
      // the minutes before the last reading's newest two are kept from it (P-2); the rest are read again
      const fromMinute = earlier ? Math.max(0, Math.min(earlier.through, current) - 2) : 0;
      const fresh = await this.live.waiting(scope, recapsMs, current, fromMinute);
      const kept = earlier ? earlier.waitingRows.filter((r) => Number(r.minute) < fromMinute) : [];
      return { waitingRows: [...kept, ...fresh.byMinute], waitingNow: fresh.now, through: current };
    };
    const { waitingRows, waitingNow } = await (reuseWaiting
      ? this.waitingShared(`${session.brandId}\u0000${session.id}`, recapsMs.join(','), readWaiting)
      : readWaiting(null));
    return { at, comments, recapsMs, segments, waitingRows, waitingNow };
  }

  /**
   * The session's last waiting-for-recap reading while it is young enough for WAITING_SHARE; else a new
   * one is started. When the session's readings are slow (the last took WAITING_KEPT_FROM_MS or more) and
   * the recaps are the same, the state never waits for it: it gets the last settled reading until the new
   * one settles (docs/METRICS-DECISIONS.md P-2), so a push is not held up by a reading of every viewer.
   * A small session's next version always reads after its insert, and a new recap always reads fresh.
   */
  private waitingShared(
    sessionKey: string,
    recapsKey: string,
    read: (earlier: WaitingRead | null) => WaitingReading['value'],
  ): WaitingReading['value'] {
    const last = this.waiting.get(sessionKey);
    const same = last !== undefined && last.recapsKey === recapsKey && last.slow;
    const lastSettled = same ? last.settled : undefined;
    if (same && waitingClock.now() < last.nextMs) return lastSettled ? Promise.resolve(lastSettled) : last.value;
    const startedMs = waitingClock.now();
    const reading: WaitingReading = {
      recapsKey,
      slow: last?.slow ?? false,
      nextMs: Infinity,
      value: read(lastSettled ?? null),
      // until the new reading settles, the last one stands in for it
      settled: lastSettled,
    };
    this.waiting.set(sessionKey, reading);
    reading.value.then(
      (settled) => {
        reading.settled = settled;
        const tookMs = waitingClock.now() - startedMs;
        reading.slow = tookMs >= WAITING_KEPT_FROM_MS;
        reading.nextMs = startedMs + tookMs / WAITING_SHARE;
      },
      () => this.waiting.get(sessionKey) === reading && this.waiting.delete(sessionKey),
    );
    return lastSettled ? Promise.resolve(lastSettled) : reading.value;
  }

  /** The state at the instant of \`read\` (the minutes may be newer: a push between rounds). */
  private async compose(principal: Principal, session: SessionDto, read: LiveReads): Promise<SessionLiveDto> {
    const { at, comments, recapsMs, segments, waitingRows, waitingNow } = read;
    const startMs = session.startedAt.getTime();
    const nowMs = at.getTime();
    const current = minuteOf(startMs, nowMs);
    const [series] = await this.sessions.minuteSeries(principal, [session]);
    const minutes = new Map<number, LiveMinute>(series.map((m) => [m.minute, m]));
    const viewerComments: ViewerComment[] = comments.rows.map((c) => ({
      eventId: c.event_id,
      viewerId: c.viewer_id,
      text: c.text,
      atMs: Number(c.at_ms),
      answeredAtMs: c.answered_at_ms === null ? null : Number(c.answered_at_ms),
    }));
    const lastRecap = recapsMs.length > 0 ? recapsMs[recapsMs.length - 1] : null;
    const queue = unansweredComments(viewerComments, nowMs).map((c) => ({ ...c, at: new Date(c.atMs) }));
    const open = segments.at(-1);
    // the last segment still runs while it ends at the session's latest event (not at an unpin or a pin)
    const stillPinned = open !== undefined && startMs + open.end * 1000 >= session.lastEventAt.getTime();
    return {
      at,
      minute: current,
      nowVsBefore: nowVsBefore(minutes, current),
      unansweredComments: queue,
      // the unanswered questions are all in the queue; of the other comments, the oldest (P-3)
      unansweredCount: queue.filter((c) => c.question).length + comments.othersUnanswered,
      waitingForRecap: {
        viewers: waitingNow,
        minutesSinceRecap: lastRecap === null ? null : Math.floor((nowMs - lastRecap) / 60_000),
        lastRecapAt: lastRecap === null ? null : new Date(lastRecap),
      },
      alerts: alerts({
        startMs,
        nowMs,
        series: minutes,
        comments: viewerComments,
        recapsMs,
        waitingAtMinuteEnd: new Map(waitingRows.map((r) => [Number(r.minute), Number(r.waiting)])),
      }).map((a) => toAlertDto(a, startMs)),
      pinned:
        stillPinned && open
          ? {
              productId: open.productId,
              productName: open.productName,
              since: open.start,
              clicks: open.clicks,
              cartAdds: open.cartAdds,
              orders: open.orders,
              revenue: open.revenue,
            }
          : null,
    };
  }
}
