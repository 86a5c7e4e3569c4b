import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, MINUTE_AGGREGATES, toClickHouseTime } from '@lc/clickhouse';
import type { MinuteRow } from './session.repository.js';

/** One live session at an instant: what the live console reads besides the rollups. */
export interface LiveScope {
  brandId: string;
  sessionId: string;
  startMs: number;
  nowMs: number;
}

export interface LiveCommentRow {
  event_id: string;
  viewer_id: string;
  text: string;
  at_ms: number;
  /** The earliest host reply naming the comment at or before now; null when none. */
  answered_at_ms: number | null;
}

/** What the console reads of the comments (LiveRepository.comments). */
export interface LiveComments {
  /** Every question up to now and the oldest unanswered other comments of the last 15 minutes, oldest first. */
  rows: LiveCommentRow[];
  /** How many other comments of the last 15 minutes are unanswered (rows may hold only the first). */
  othersUnanswered: number;
}

export interface WaitingRow {
  minute: number;
  waiting: number;
}

/** Waiting for a recap from `ref` on: first event in (ref, T], still watching at T (decisions L-6). */
const REF_AT = (t: string) =>
  `if(empty(arrayFilter(r -> r <= ${t}, {recapsMs:Array(Int64)})), {startMs:Int64} + 600000,
      arrayMax(arrayFilter(r -> r <= ${t}, {recapsMs:Array(Int64)})))`;

/** The session's viewer events up to now, with each one's minute counted as (start + 60 m, start + 60 (m + 1)]. */
const VIEWER_EVENTS = `
ev AS (
  SELECT viewer_id, toUnixTimestamp64Milli(occurred_at) AS t, type = 'leave' AS is_leave,
         toInt64(ceil((t - {startMs:Int64}) / 60000)) - 1 AS bucket
  FROM events FINAL
  WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND viewer_id != ''
    AND occurred_at <= {now:DateTime64(3, 'UTC')}
)`;

const params = (scope: LiveScope) => ({
  brandId: scope.brandId,
  sessionId: scope.sessionId,
  startMs: scope.startMs,
  nowMs: scope.nowMs,
  now: toClickHouseTime(new Date(scope.nowMs)),
});

/** A live session's newest minutes read from its events (LiveRepository.recentMinutes). */
export interface RecentMinutes {
  rows: MinuteRow[];
  /** Its latest event now, and its minutes counted from that (as a round counts them). */
  lastMs: number;
  minuteCount: number;
  /** A session_end is among them: the session is ending, and only a round may say how. */
  ends: boolean;
}

/**
 * The minutes from \`fromMs\` on, each computed as a round computes it (the same MINUTE_AGGREGATES over
 * \`events FINAL\`, the same minute of the last instant), with the session's latest event.
 */
const RECENT_MINUTES_SQL = `
WITH
  (SELECT max(toUnixTimestamp64Milli(occurred_at)) FROM events
   WHERE brand_id = {brandId:String} AND session_id = {sessionId:String}
     AND occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')) AS recent_last_ms,
  greatest({lastMs:Int64}, recent_last_ms) AS newest_ms,
  greatest(1, intDiv(greatest(0, newest_ms - {startMs:Int64}) + 59999, 60000)) AS minutes_now
SELECT
  {sessionId:String} AS session_id,
  -- an event at the very last instant belongs to the minute before (as in a round)
  toUInt32(least(intDiv(toUnixTimestamp64Milli(e.occurred_at) - {startMs:Int64}, 60000), minutes_now - 1)) AS minute,
  ${MINUTE_AGGREGATES},
  any(newest_ms) AS last_ms,
  any(minutes_now) AS minute_count,
  countIf(e.type = 'session_end') AS ends
FROM events AS e FINAL
WHERE e.brand_id = {brandId:String} AND e.session_id = {sessionId:String}
  AND e.occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
GROUP BY minute
ORDER BY minute`;

/**
 * The raw-event reads of the live console (METRICS.md "Live"). They read one session's events up to
 * now — the comments, the recaps and each viewer's presence — which the rollups do not keep at the
 * needed grain. Cost grows with the session's events (fine for the streams of a live console;
 * issue 11's incremental live path is where it would become per-minute).
 */
@Injectable()
export class LiveRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  /**
   * Every viewer question up to now, and the \`othersKept\` oldest viewer comments of the last 15 minutes
   * that are not questions and have no host reply yet, each with its first host reply; \`othersUnanswered\`
   * counts all of the latter. A busy stream holds hundreds of thousands of comments in 15 minutes: the
   * engine ranks them and sends the head of the queue, not every row (docs/METRICS-DECISIONS.md P-3).
   * \`othersKept\` is 1 or more: the count comes with the rows kept.
   */
  async comments(scope: LiveScope, othersKept: number): Promise<LiveComments> {
    if (!(Number.isInteger(othersKept) && othersKept >= 1)) throw new RangeError(`othersKept ${othersKept}: 1 or more`);
    const rows = await this.gateway.query<LiveCommentRow & { question: number; others: number | string }>(
      `SELECT event_id, viewer_id, text, at_ms, answered_at_ms, question, others
       FROM (
         SELECT c.event_id AS event_id, c.viewer_id AS viewer_id, c.text AS text,
                toUnixTimestamp64Milli(c.occurred_at) AS at_ms,
                if(h.reply_to = '', NULL, h.first_answer_ms) AS answered_at_ms, c.question AS question,
                row_number() OVER (PARTITION BY c.question ORDER BY at_ms, event_id) AS rank,
                count() OVER (PARTITION BY c.question) AS others
         FROM (
           SELECT event_id, viewer_id, text, occurred_at, position(text, '?') > 0 OR position(text, '？') > 0 AS question
           FROM events FINAL
           WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND type = 'comment' AND author = 'viewer'
             AND occurred_at <= {now:DateTime64(3, 'UTC')}
             AND (occurred_at > {now:DateTime64(3, 'UTC')} - INTERVAL 15 MINUTE OR question)
         ) AS c
         LEFT JOIN (
           -- rare_events (migration 0019) holds exactly the host comments that reply to one, sorted by
           -- type: a few rows, not the session's; no FINAL, as a repeat changes no earliest answer
           SELECT reply_to, min(toUnixTimestamp64Milli(occurred_at)) AS first_answer_ms
           FROM rare_events
           WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND type = 'comment' AND author = 'host'
             AND reply_to != '' AND occurred_at <= {now:DateTime64(3, 'UTC')}
           GROUP BY reply_to
         ) AS h ON h.reply_to = c.event_id
         WHERE c.question OR h.reply_to = ''
       )
       WHERE question OR rank <= {othersKept:UInt32}
       ORDER BY at_ms, event_id`,
      { ...params(scope), othersKept },
      { tag: 'live.comments' },
    );
    const other = rows.find((r) => !Number(r.question));
    return {
      rows: rows.map(({ event_id, viewer_id, text, at_ms, answered_at_ms }) => ({
        event_id,
        viewer_id,
        text,
        at_ms,
        answered_at_ms,
      })),
      othersUnanswered: other ? Number(other.others) : 0,
    };
  }

  /**
   * A live session's minutes from \`fromMinute\` on, from its events as they are now (the push between
   * rounds, SessionWatch): only those minutes' granules are read (events are sorted by minute).
   */
  async recentMinutes(
    ref: { brandId: string; sessionId: string; startMs: number; lastMs: number },
    fromMinute: number,
  ): Promise<RecentMinutes> {
    const rows = await this.gateway.query<
      MinuteRow & { last_ms: number | string; minute_count: number | string; ends: number | string }
    >(
      RECENT_MINUTES_SQL,
      {
        brandId: ref.brandId,
        sessionId: ref.sessionId,
        startMs: ref.startMs,
        lastMs: ref.lastMs,
        fromMs: ref.startMs + fromMinute * 60_000,
      },
      { tag: 'live.recentMinutes', settings: { max_threads: 1 } },
    );
    const [first] = rows;
    return {
      rows: rows.map(({ last_ms: _last, minute_count: _count, ends: _ends, ...row }) => row),
      lastMs: first ? Number(first.last_ms) : ref.lastMs,
      minuteCount: first
        ? Number(first.minute_count)
        : Math.max(1, Math.ceil(Math.max(0, ref.lastMs - ref.startMs) / 60_000)),
      ends: rows.some((row) => Number(row.ends) > 0),
    };
  }

  /** When an event of the session was recorded (its occurredAt), or null when there is none with this id. */
  async eventTime(brandId: string, sessionId: string, eventId: string): Promise<number | null> {
    const [row] = await this.gateway.query<{ at_ms: number }>(
      `SELECT toUnixTimestamp64Milli(occurred_at) AS at_ms
       FROM events FINAL
       WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND event_id = {eventId:String}`,
      { brandId, sessionId, eventId },
      { tag: 'live.eventTime' },
    );
    return row ? Number(row.at_ms) : null;
  }

  /** The session's recap instants up to now, oldest first. */
  async recaps(scope: LiveScope): Promise<number[]> {
    const rows = await this.gateway.query<{ at_ms: number }>(
      // rare_events holds every recap, sorted by type: only the session's recaps are read
      `SELECT toUnixTimestamp64Milli(occurred_at) AS at_ms
       FROM rare_events FINAL
       WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND type = 'recap'
         AND occurred_at <= {now:DateTime64(3, 'UTC')}
       ORDER BY at_ms`,
      params(scope),
      { tag: 'live.recaps' },
    );
    return rows.map((r) => Number(r.at_ms));
  }

  /**
   * Viewers waiting for a recap at the end of each complete minute m (instant T = start + 60 (m + 1)):
   * first event in (last recap ≤ T (else start + 600 s), T], an event other than a leave in
   * (T − 300 s, T], and their last event up to T not a leave. With minutes counted as the
   * right-closed (start + 60 m, start + 60 (m + 1)], "(T − 300 s, T]" is exactly minutes m − 4 … m.
   * Only the minutes from \`fromMinute\` on: a viewer's state at m needs their minutes m − 4 … m only (an
   * active one among them, and the last up to m), so the rest are not joined; first events are read whole.
   */
  async waitingByMinute(
    scope: LiveScope,
    recapsMs: readonly number[],
    currentMinute: number,
    fromMinute = 0,
  ): Promise<WaitingRow[]> {
    return this.gateway.query<WaitingRow>(
      `WITH ${VIEWER_EVENTS},
       by_minute AS (
         SELECT viewer_id, bucket, max(NOT is_leave) AS active, argMax(is_leave, (t, is_leave)) AS ends_leaving
         FROM ev WHERE bucket >= {fromMinute:Int64} - 4 GROUP BY viewer_id, bucket
       ),
       firsts AS (SELECT viewer_id, min(t) AS first FROM ev GROUP BY viewer_id),
       candidates AS (
         SELECT DISTINCT viewer_id, bucket + arrayJoin([0, 1, 2, 3, 4]) AS m FROM by_minute WHERE active
       ),
       states AS (
         SELECT c.viewer_id AS viewer_id, c.m AS m, s.ends_leaving AS ends_leaving
         FROM candidates AS c
         ASOF INNER JOIN by_minute AS s ON c.viewer_id = s.viewer_id AND c.m >= s.bucket
       )
       SELECT st.m AS minute,
              countIf(NOT st.ends_leaving AND f.first <= {startMs:Int64} + (st.m + 1) * 60000
                      AND f.first > ${REF_AT('{startMs:Int64} + (st.m + 1) * 60000')}) AS waiting
       FROM states AS st
       INNER JOIN firsts AS f ON f.viewer_id = st.viewer_id
       WHERE st.m >= greatest(0, {fromMinute:Int64}) AND st.m < {current:Int64}
       GROUP BY minute
       ORDER BY minute`,
      { ...params(scope), recapsMs: [...recapsMs], current: currentMinute, fromMinute },
      { tag: 'live.waitingByMinute' },
    );
  }

  /** Viewers waiting for a recap now (same rule at the instant now). */
  async waitingNow(scope: LiveScope, recapsMs: readonly number[]): Promise<number> {
    const [row] = await this.gateway.query<{ waiting: number }>(
      `WITH ${VIEWER_EVENTS}
       SELECT countIf(first > ${REF_AT('{nowMs:Int64}')} AND active_last > {nowMs:Int64} - 300000 AND NOT ends_leaving) AS waiting
       FROM (
         SELECT viewer_id, min(t) AS first, maxIf(t, NOT is_leave) AS active_last, argMax(is_leave, (t, is_leave)) AS ends_leaving
         FROM ev GROUP BY viewer_id
       )`,
      { ...params(scope), recapsMs: [...recapsMs] },
      { tag: 'live.waitingNow' },
    );
    return Number(row?.waiting ?? 0);
  }
}
