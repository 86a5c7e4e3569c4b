import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClickHouseGateway, ROLLUP_STATS_TAG } from '@lc/clickhouse';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
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

interface Watched {
  version: number;
  listeners: Set<(session: SessionDto) => void>;
}

/**
 * Tells subscribers when a session's rollups change. It reads the versions that session_stats
 * holds (written last by every rebuild, so a new version means complete new rows), which works
 * the same whichever process — this one or an ingest replica — rebuilt the session.
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
  private readonly stopObserving: () => void;

  constructor(
    private readonly repository: SessionRepository,
    private readonly sessions: SessionService,
    private readonly states: RollupStateRepository,
    gateway: ClickHouseGateway,
  ) {
    this.stopObserving = gateway.onQuery((call) => {
      if (call.tag === ROLLUP_STATS_TAG && call.kind === 'command' && !call.error && this.watched.size > 0)
        void this.poll();
    });
  }

  /**
   * Calls `onChange` with the session each time its version moves past `version` (the session is
   * read once per new version, whatever the number of subscribers); returns the way to stop.
   */
  watch(sessionId: string, version: number, onChange: (session: SessionDto) => void): () => void {
    let entry = this.watched.get(sessionId);
    if (!entry) {
      this.watched.set(sessionId, (entry = { version, listeners: new Set() }));
      this.added++; // its version was read before any token: check it at the next tick
    }
    entry.listeners.add(onChange);
    this.timer ??= setInterval(() => void this.poll(), WATCH_INTERVAL_MS);
    return () => {
      entry.listeners.delete(onChange);
      if (entry.listeners.size === 0) this.watched.delete(sessionId);
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
      const rows = await this.repository.versions(BrandScope.of(ALL_BRANDS), [...this.watched.keys()]);
      const moved = rows.filter((row) => {
        const entry = this.watched.get(row.session_id);
        return entry !== undefined && Number(row.version) !== entry.version;
      });
      await Promise.all(
        moved.map(async (row) => {
          const session = await this.sessions.byId(ALL_BRANDS, row.session_id);
          const entry = this.watched.get(row.session_id);
          if (!session || !entry) return;
          entry.version = session.version;
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
