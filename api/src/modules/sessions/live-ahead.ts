import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseGateway } from '@lc/clickhouse';
import { LRUCache } from 'lru-cache';
import {
  LiveRepository,
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
 * next round are events that arrived late for an older minute. Null when the session is ending (a round
 * says how).
 */
export function withRecentCounts(
  base: SessionDto,
  stored: readonly MinutePointDto[],
  recent: RecentCounts,
): SessionDto | null {
  if (recent.ends) return null;
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
 * stored ones in its minute series) and its counters brought up to them (withRecentCounts). Null when
 * the session is ending.
 */
export function withRecentMinutes(
  base: SessionDto,
  stored: readonly MinutePointDto[],
  recent: RecentMinutes,
): SessionDto | null {
  const counted = withRecentCounts(base, stored, recent);
  if (!counted) return null;
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

/** The tag of the session page's readings (LiveSumsAhead), apart from the console's push. */
export const AHEAD_MINUTES_TAG = 'sessions.recentMinutes';

/** The session fields a reading of the newest minutes' counts brings ahead of the round (withRecentCounts). */
export const AHEAD_COUNTS: ReadonlySet<string> = new Set(['likes', 'comments', 'cartAdds']);
/** And those that need the newest minutes whole (withRecentMinutes): the series and what is drawn from it. */
export const AHEAD_SERIES: ReadonlySet<string> = new Set(['minuteSeries', 'moments', 'stamps']);

/** A reading of the counters alone, or of the minutes whole (which brings the counters too). */
export type AheadKind = 'counts' | 'minutes';

interface Reading {
  /** The rollup version the reading was made against (its minutes before the newest are that version's). */
  version: number;
  /** When the next reading of the session may start (RECENT_MIN_GAP_MS, RECENT_SHARE); Infinity while this one waits or runs. */
  nextAt: number;
  session: Promise<SessionDto | null>;
}

/**
 * A live session read over HTTP between rounds (S11R6-2 in docs/METRICS-DECISIONS.md): its newest
 * minutes read from its events, as the live console's push reads them, so the session page's likes,
 * comments and cart adds (`counts`: those three sums alone) and its minute series (`minutes`: every
 * column) follow the inserts instead of the round, however long the stream — a reading reads the
 * newest minute or two, not the session. A request gets a reading that starts when it comes — or, within
 * the last reading's pace, as soon as the pace allows — shared with every request that comes before it
 * ends (one reading per session and kind at a time). A failed reading leaves the round's numbers.
 */
@Injectable()
export class LiveSumsAhead implements OnModuleDestroy {
  private readonly readings = new LRUCache<string, Reading>({ max: 1_000 });
  /** The engine's time spent by this reader's readings so far (their statements, waits excluded). */
  private engineMs = 0;
  private readonly stopObserving: () => void;

  constructor(
    private readonly live: LiveRepository,
    private readonly sessions: SessionService,
    gateway: ClickHouseGateway,
  ) {
    this.stopObserving = gateway.onQuery((call) => {
      if (call.tag === AHEAD_MINUTES_TAG) this.engineMs += call.ms - (call.waitMs ?? 0) - (call.turnWaitMs ?? 0);
    });
  }

  /** The session with its newest minutes (`kind`) read now, when it is live; else the session as read. */
  async of(principal: Principal, session: SessionDto, kind: AheadKind): Promise<SessionDto> {
    if (!session.isLive) return session;
    const key = `${sessionKey(session.brandId, session.id)}\u0000${kind}`;
    let reading = this.readings.get(key);
    const same = reading?.version === session.version;
    if (!reading || !same || reading.nextAt !== Infinity) {
      // none runs or waits to run: the next starts now, or once the last one's pace allows
      const wait = reading && same ? Math.max(0, reading.nextAt - performance.now()) : 0;
      const next: Reading = {
        version: session.version,
        nextAt: Infinity,
        session: Promise.resolve(null),
      };
      next.session = this.paced(next, wait, () => this.read(principal, session, kind));
      this.readings.set(key, (reading = next));
    }
    return (await reading.session.catch(() => null)) ?? session;
  }

  /** Runs \`read\` for \`reading\` after \`wait\` ms, then sets when the next may start from its engine time. */
  private async paced(
    reading: Reading,
    wait: number,
    read: () => Promise<SessionDto | null>,
  ): Promise<SessionDto | null> {
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const startedAt = performance.now();
    const engineBefore = this.engineMs;
    try {
      return await read();
    } finally {
      reading.nextAt = startedAt + Math.max(RECENT_MIN_GAP_MS, (this.engineMs - engineBefore) / RECENT_SHARE);
    }
  }

  private async read(principal: Principal, base: SessionDto, kind: AheadKind): Promise<SessionDto | null> {
    const [ref, fromMinute] = [recentRefOf(base), recentFromMinute(base)];
    // the stored minutes and the reading side by side, as the push reads them
    const stored = this.sessions.minuteSeries(principal, [base]).then(([series]) => series);
    if (kind === 'minutes') {
      const [series, recent] = await Promise.all([stored, this.live.recentMinutes(ref, fromMinute, AHEAD_MINUTES_TAG)]);
      return withRecentMinutes(base, series, recent);
    }
    const [series, recent] = await Promise.all([stored, this.live.recentCounts(ref, fromMinute, AHEAD_MINUTES_TAG)]);
    return withRecentCounts(base, series, recent);
  }

  onModuleDestroy(): void {
    this.stopObserving();
  }
}
