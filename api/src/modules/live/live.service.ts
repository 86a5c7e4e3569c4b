import { Injectable } from '@nestjs/common';
import { LiveRepository, type LiveScope } from '../../repositories/live.repository.js';
import type { Principal } from '../auth/principal.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionService } from '../sessions/session.service.js';
import type { SessionLiveDto } from './dtos/live.dto.js';
import { alerts, minuteOf, nowVsBefore, unansweredComments, type LiveMinute, type ViewerComment } from './live.rules.js';

/** The live console's state of a session at an instant (METRICS.md "Live"). */
@Injectable()
export class LiveService {
  constructor(
    private readonly live: LiveRepository,
    private readonly sessions: SessionService,
  ) {}

  async state(principal: Principal, session: SessionDto, at: Date): Promise<SessionLiveDto> {
    const startMs = session.startedAt.getTime();
    const nowMs = at.getTime();
    const current = minuteOf(startMs, nowMs);
    const scope: LiveScope = { brandId: session.brandId, sessionId: session.id, startMs, nowMs };
    const [[series], comments, recapsMs, [segments]] = await Promise.all([
      this.sessions.minuteSeries(principal, [session]),
      this.live.comments(scope),
      this.live.recaps(scope),
      this.sessions.pinSegments(principal, [session]),
    ]);
    const [waitingRows, waitingNow] = await Promise.all([
      this.live.waitingByMinute(scope, recapsMs, current),
      this.live.waitingNow(scope, recapsMs),
    ]);
    const minutes = new Map<number, LiveMinute>(series.map((m) => [m.minute, m]));
    const viewerComments: ViewerComment[] = comments.map((c) => ({
      eventId: c.event_id,
      viewerId: c.viewer_id,
      text: c.text,
      atMs: Number(c.at_ms),
      answeredAtMs: c.answered_at_ms === null ? null : Number(c.answered_at_ms),
    }));
    const lastRecap = recapsMs.length > 0 ? recapsMs[recapsMs.length - 1] : null;
    const open = segments.at(-1);
    // the last segment still runs while it ends at the session's latest event (not at an unpin or a pin)
    const stillPinned = open !== undefined && startMs + open.end * 1000 >= session.lastEventAt.getTime();
    return {
      at,
      minute: current,
      nowVsBefore: nowVsBefore(minutes, current),
      unansweredComments: unansweredComments(viewerComments, nowMs).map((c) => ({ ...c, at: new Date(c.atMs) })),
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
      }).map((a) => ({ ...a, at: new Date(startMs + a.minute * 60_000) })),
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
