import { Injectable } from '@nestjs/common';
import { fromClickHouseTime } from '@lc/clickhouse';
import { laterFigures, windowOpen, type LaterFigures } from '../../metrics/later-purchases.js';
import { LaterPurchaseRepository } from '../../repositories/later-purchase.repository.js';
import { sessionKey, type SessionRef } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';

/** A session's later-purchase figures (METRICS.md "Does engagement pay later?"). */
export interface SessionLater extends LaterFigures {
  windowOpen: boolean;
}

/** The non-buyer counts a session's figures divide by: its engagedNonBuyers and passiveNonBuyers. */
export interface NonBuyers {
  engagedNonBuyers: number;
  passiveNonBuyers: number;
}

@Injectable()
export class LaterPurchaseService {
  constructor(private readonly repository: LaterPurchaseRepository) {}

  /** For each session (with its non-buyer counts), in order: the later figures as of `now`. */
  async bySession(
    principal: Principal,
    sessions: readonly (SessionRef & NonBuyers)[],
    now = Date.now(),
  ): Promise<SessionLater[]> {
    if (sessions.length === 0) return [];
    const rows = await this.repository.bySession(BrandScope.of(principal), sessions);
    const bySession = new Map(rows.map((row) => [sessionKey(row.brand_id, row.session_id), row]));
    return sessions.map((session) => {
      const row = bySession.get(sessionKey(session.brandId, session.id));
      return {
        ...laterFigures({
          engagedNonBuyers: session.engagedNonBuyers,
          passiveNonBuyers: session.passiveNonBuyers,
          laterEngaged: Number(row?.later_engaged ?? 0),
          laterPassive: Number(row?.later_passive ?? 0),
          laterMoney: (row?.currencies ?? []).map((currency, i) => ({ currency, amount: Number(row?.amounts[i]) })),
        }),
        windowOpen: windowOpen(row ? fromClickHouseTime(row.started_at) : null, now),
      };
    });
  }
}
