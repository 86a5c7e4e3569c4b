import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseGateway, ROLLUP_STATS_TAG } from '@lc/clickhouse';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import { SessionRepository, sessionKey } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
import { LiveSumsAhead, RECENT_MIN_GAP_MS } from '../sessions/live-ahead.js';
import { SessionService } from '../sessions/session.service.js';

/** The watch reads for every subscriber; each subscription checks its own token and brands. */
const ALL_BRANDS: Principal = { kind: 'admin' };

/**
 * How often the watched sessions' rollup versions are read. One query per tick serves every
 * subscriber of every session. When the rebuilds run in this process (the all-in-one server), the
 * end of each rebuild also starts a read at once, so the push follows the rebuild without this wait;
 * the poll is what an API process apart from the ingest relies on.
 */
export const WATCH_INTERVAL_MS = 250;

/** The inserts of events (the ingest's, its replay after a restart, a recorded recap): the newest minutes may have moved. */
const EVENT_INSERT_TAGS = new Set(['ingest.events', 'ingest.replay', 'live.recordRecap']);

interface Watched {
  brandId: string;
  sessionId: string;
  version: number;
  listeners: Set<(session: SessionDto) => void>;
  /** The session as last read at \`version\` (null until the watch has read it). */
  base: SessionDto | null;
  /** What the last push showed of the newest minutes ('' none). */
  recentKey: string;
}

/**
 * Tells subscribers when a live session's numbers change. Two kinds of change:
 * - a new rollup version: session_stats' versions are read (written last by every rebuild, so a new version
 *   means complete new rows), which works the same whichever process — this one or an ingest replica —
 *   rebuilt the session;
 * - between rounds, events that arrived: the session's newest minutes are read from its events
 *   (LiveSumsAhead's readings, shared with the session pages read over HTTP and paced there), after each
 *   insert of events in this process, or at every poll when the events arrive through another process. So
 *   the console's minute curve, its now-vs-before and the counters that are sums over minutes move within
 *   one read of the insert, not one round.
 * docs/ARCHITECTURE.md, "The push between rounds".
 */
@Injectable()
export class SessionWatch implements OnModuleDestroy {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  /** A rebuild ended while a read was under way: read again as soon as it is done. */
  private pollAgain = false;
  /**
   * The API's rollup change token when the watched versions were last read (null: read them at the
   * next tick): while it stays the same no session's version can have moved, and a tick costs no
   * versions read (in embedded mode, no statement at all: RollupStateRepository).
   */
  private seenToken: string | null = null;
  /** Sessions added to the watch so far: a read that began before one was added must not mark it seen. */
  private added = 0;
  private seenAdded = -1;
  /** Whether events are inserted in this process (else the newest minutes are read at every poll). */
  private insertsHere = false;
  private freshening = false;
  private freshenAgain = false;
  private nextFreshenMs = 0;
  private readonly stopObserving: () => void;

  constructor(
    private readonly repository: SessionRepository,
    private readonly sessions: SessionService,
    private readonly states: RollupStateRepository,
    private readonly ahead: LiveSumsAhead,
    gateway: ClickHouseGateway,
  ) {
    this.stopObserving = gateway.onQuery((call) => {
      if (call.error || this.watched.size === 0) return;
      if (call.tag === ROLLUP_STATS_TAG && call.kind === 'command') void this.poll();
      else if (call.kind === 'insert' && EVENT_INSERT_TAGS.has(call.tag)) {
        this.insertsHere = true;
        void this.freshen();
      }
    });
  }

  /**
   * Calls `onChange` with the session each time its version moves past `version` (the session is
   * read once per new version, whatever the number of subscribers), and between versions when its
   * newest minutes change (\`base\`: the session as the caller read it at \`version\`); returns the way to stop.
   */
  watch(
    { brandId, id: sessionId }: { brandId: string; id: string },
    version: number,
    onChange: (session: SessionDto) => void,
    base: SessionDto | null = null,
  ): () => void {
    const key = sessionKey(brandId, sessionId);
    let entry = this.watched.get(key);
    if (!entry) {
      this.watched.set(key, (entry = { brandId, sessionId, version, listeners: new Set(), base, recentKey: '' }));
      this.added++; // its version was read before any token: check it at the next tick
    }
    entry.listeners.add(onChange);
    this.timer ??= setInterval(() => {
      void this.poll();
      if (!this.insertsHere) void this.freshen();
    }, WATCH_INTERVAL_MS);
    return () => {
      entry.listeners.delete(onChange);
      if (entry.listeners.size === 0) this.watched.delete(key);
      if (this.watched.size === 0) this.stop();
    };
  }

  private async poll(): Promise<void> {
    if (this.watched.size === 0) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    this.pollAgain = false;
    try {
      const added = this.added;
      const token = await this.states.changeToken();
      if (token === this.seenToken && added === this.seenAdded) return;
      // every session a subscriber may watch was checked against its brands when it subscribed
      const rows = await this.repository.versions(
        BrandScope.of(ALL_BRANDS),
        [...this.watched.values()].map((entry) => ({ brandId: entry.brandId, id: entry.sessionId })),
      );
      const moved = rows.filter((row) => {
        const entry = this.watched.get(sessionKey(row.brand_id, row.session_id));
        return entry !== undefined && Number(row.version) !== entry.version;
      });
      await Promise.all(
        moved.map(async (row) => {
          const base = await this.sessions.byId(ALL_BRANDS, row.session_id, row.brand_id);
          const entry = this.watched.get(sessionKey(row.brand_id, row.session_id));
          if (!base || !entry) return;
          // the newest minutes read after the rollup: a push never shows less than the one before it
          const session = (await this.recentOf(base).catch(() => null)) ?? base;
          entry.version = base.version;
          entry.base = base;
          entry.recentKey = session.recent?.key ?? '';
          for (const listener of [...entry.listeners]) listener(session);
        }),
      );
      this.seenToken = token;
      this.seenAdded = added;
    } catch {
      // a failed read is retried on the next tick; subscribers keep their last push meanwhile
    } finally {
      this.polling = false;
      if (this.pollAgain) void this.poll();
    }
  }

  /** Reads the newest minutes of every watched live session, and pushes those that changed. */
  private async freshen(): Promise<void> {
    if (this.freshening) {
      this.freshenAgain = true;
      return;
    }
    this.freshening = true;
    this.freshenAgain = false;
    try {
      const wait = this.nextFreshenMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // each session's readings are paced by LiveSumsAhead; this only gathers the inserts of a burst
      this.nextFreshenMs = performance.now() + RECENT_MIN_GAP_MS;
      await Promise.all(
        [...this.watched.values()].map(async (entry) => {
          const base = entry.base;
          if (!base?.isLive) return;
          const session = await this.recentOf(base);
          // a new version pushed meanwhile carries newer minutes than these
          if (!session?.recent || entry.base !== base || session.recent.key === entry.recentKey) return;
          entry.recentKey = session.recent.key;
          for (const listener of [...entry.listeners]) listener(session);
        }),
      );
    } catch {
      // read again at the next insert or poll; subscribers keep their last push meanwhile
    } finally {
      this.freshening = false;
      if (this.freshenAgain && this.watched.size > 0) void this.freshen();
    }
  }

  /** The session with its newest minutes read after this call (null: nothing to show ahead of the round). */
  private recentOf(base: SessionDto): Promise<SessionDto | null> {
    return this.ahead.reading(ALL_BRANDS, base, 'minutes');
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onModuleDestroy(): void {
    this.stopObserving();
    this.watched.clear();
    this.stop();
  }
}
