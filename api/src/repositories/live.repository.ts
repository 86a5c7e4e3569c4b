import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, MINUTE_AGGREGATES, MINUTE_COUNTS, toClickHouseTime } from '@lc/clickhouse';
import { groupBySession, sessionKey, type MinuteRow } from './session.repository.js';

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

/** Viewers waiting for a recap: per complete minute read (LiveRepository.waiting), and now. */
export interface WaitingCounts {
  byMinute: WaitingRow[];
  now: number;
}

/** Waiting for a recap from `ref` on: first event in (ref, T], still watching at T (decisions L-6). */
const REF_AT = (t: string) =>
  `if(empty(arrayFilter(r -> r <= ${t}, {recapsMs:Array(Int64)})), {startMs:Int64} + 600000,
      arrayMax(arrayFilter(r -> r <= ${t}, {recapsMs:Array(Int64)})))`;

const params = (scope: LiveScope) => ({
  brandId: scope.brandId,
  sessionId: scope.sessionId,
  startMs: scope.startMs,
  nowMs: scope.nowMs,
  now: toClickHouseTime(new Date(scope.nowMs)),
});

/** The tag of the readings of a live session's newest minutes (LiveSumsAhead paces them by their engine time). */
export const RECENT_MINUTES_TAG = 'live.recentMinutes';

/** A live session's newest minutes' counts read from its events (LiveRepository.recentCountsOf). */
export interface RecentCounts {
  rows: Pick<MinuteRow, 'minute' | 'comments' | 'likes' | 'cart_adds'>[];
  /** Its latest event now, and its minutes counted from that (as a round counts them). */
  lastMs: number;
  minuteCount: number;
  /** A session_end is among them: the session is ending, and only a round may say how. */
  ends: boolean;
}

/** A live session's newest minutes read from its events, every column (LiveRepository.recentMinutesOf). */
export interface RecentMinutes extends RecentCounts {
  rows: MinuteRow[];
}

/**
 * The minutes from \`fromMs\` on, each computed as a round computes it (the same MINUTE_AGGREGATES over
 * \`events FINAL\`, the same minute of the last instant), with the session's latest event.
 */
const recentMinutesSql = (aggregates: string) => `
WITH
  (SELECT max(toUnixTimestamp64Milli(occurred_at)) FROM events
   WHERE brand_id = {brandId:String} AND session_id = {sessionId:String}
     AND occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')) AS recent_last_ms,
  greatest({lastMs:Int64}, recent_last_ms) AS newest_ms,
  greatest(1, intDiv(greatest(0, newest_ms - {startMs:Int64}) + 59999, 60000)) AS minutes_now
SELECT
  {brandId:String} AS brand_id,
  {sessionId:String} AS session_id,
  -- an event at the very last instant belongs to the minute before (as in a round)
  toUInt32(least(intDiv(toUnixTimestamp64Milli(e.occurred_at) - {startMs:Int64}, 60000), minutes_now - 1)) AS minute,
  ${aggregates},
  any(newest_ms) AS last_ms,
  any(minutes_now) AS minute_count,
  countIf(e.type = 'session_end') AS ends
FROM events AS e FINAL
WHERE e.brand_id = {brandId:String} AND e.session_id = {sessionId:String}
  AND e.occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
GROUP BY minute
ORDER BY minute`;
const RECENT_MINUTES_SQL = recentMinutesSql(MINUTE_AGGREGATES);
const RECENT_COUNTS_SQL = recentMinutesSql(MINUTE_COUNTS);

/** The live session a reading of its newest minutes reads: its start and its latest event as last read. */
export interface RecentRef {
  brandId: string;
  sessionId: string;
  startMs: number;
  lastMs: number;
}

/** A reading of one session's minutes from \`fromMinute\` on (LiveRepository.recentMinutesOf, recentCountsOf). */
export interface RecentAsk {
  ref: RecentRef;
  fromMinute: number;
}

/**
 * The raw-event reads of the live console (METRICS.md "Live"). They read one session's events up to
 * now — the comments, the recaps and each viewer's presence — which the rollups do not keep at the
 * needed grain. Most read the recent minutes only (found by the sorting key) or rare_events; what still
 * reads the whole session is each viewer's first event (two columns, no FINAL) and the questions.
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
   * Live sessions' minutes from each one's \`fromMinute\` on, from their events as they are now
   * (LiveSumsAhead: the console's push and a session page read between rounds), in one statement, in the
   * order asked: only those minutes' granules are read (events are sorted by minute).
   */
  recentMinutesOf(asks: readonly RecentAsk[]): Promise<RecentMinutes[]> {
    return this.recent<MinuteRow>(RECENT_MINUTES_SQL, asks);
  }

  /**
   * The same minutes' comments, likes and cart adds only (MINUTE_COUNTS): no per-viewer or per-order
   * set, so a fraction of the engine's time at a fast stream's rate (LiveSumsAhead, for a request that
   * asks for the counters and not the series).
   */
  recentCountsOf(asks: readonly RecentAsk[]): Promise<RecentCounts[]> {
    return this.recent<RecentCounts['rows'][number]>(RECENT_COUNTS_SQL, asks);
  }

  /**
   * One statement for the asked sessions: the one-session statement once per session, its parameters
   * numbered (\`{brandId_0:String}\`, …), as a UNION ALL. A session asked twice is read once.
   */
  private async recent<R>(
    sql: string,
    asks: readonly RecentAsk[],
  ): Promise<{ rows: R[]; lastMs: number; minuteCount: number; ends: boolean }[]> {
    const keyOf = (ref: RecentRef) => sessionKey(ref.brandId, ref.sessionId);
    const unique = [...new Map(asks.map((ask) => [keyOf(ask.ref), ask])).values()];
    if (unique.length === 0) return [];
    const params: Record<string, string | number> = {};
    const parts = unique.map(({ ref, fromMinute }, i) => {
      Object.assign(params, {
        [`brandId_${i}`]: ref.brandId,
        [`sessionId_${i}`]: ref.sessionId,
        [`startMs_${i}`]: ref.startMs,
        [`lastMs_${i}`]: ref.lastMs,
        [`fromMs_${i}`]: ref.startMs + fromMinute * 60_000,
      });
      return sql.replace(/\{(brandId|sessionId|startMs|lastMs|fromMs):/g, `{$1_${i}:`);
    });
    const rows = await this.gateway.query<
      R & {
        brand_id: string;
        session_id: string;
        minute: number | string;
        last_ms: number | string;
        minute_count: number | string;
        ends: number | string;
      }
    >(parts.length === 1 ? parts[0] : parts.map((part) => `SELECT * FROM (${part})`).join('\nUNION ALL\n'), params, {
      tag: RECENT_MINUTES_TAG,
      settings: { max_threads: 1 },
    });
    const bySession = groupBySession(rows);
    return asks.map(({ ref }) => {
      // by minute: a UNION ALL need not keep each part's order
      const own = (bySession.get(keyOf(ref)) ?? []).sort((a, b) => Number(a.minute) - Number(b.minute));
      const [first] = own;
      return {
        rows: own.map(
          ({ last_ms: _last, minute_count: _count, ends: _ends, brand_id: _b, session_id: _s, ...row }) =>
            row as unknown as R,
        ),
        lastMs: first ? Number(first.last_ms) : ref.lastMs,
        minuteCount: first
          ? Number(first.minute_count)
          : Math.max(1, Math.ceil(Math.max(0, ref.lastMs - ref.startMs) / 60_000)),
        ends: own.some((row) => Number(row.ends) > 0),
      };
    });
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
   * Viewers waiting for a recap (decisions L-6), in one statement: \`byMinute\` at the end of each
   * complete minute m from \`fromMinute\` on (instant T = start + 60 (m + 1)), and \`now\` at the instant now.
   * A viewer waits at T when their first event is in (last recap ≤ T (else start + 600 s), T], they have
   * an event other than a leave in (T − 300 s, T], and their last event up to T is not a leave.
   *
   * Only two things are read of the whole session: each viewer's first event. The rest comes from the
   * events after \`lowMs\`, found by the sorting key (events are sorted by minute): with minutes counted
   * as the right-closed (start + 60 m, start + 60 (m + 1)], "(T − 300 s, T]" is exactly minutes m − 4 … m,
   * and a viewer active in them has their last event up to T there too. No FINAL: a repeated event changes
   * no minimum, maximum or latest value (decisions L-1: a retry repeats the whole event).
   */
  async waiting(
    scope: LiveScope,
    recapsMs: readonly number[],
    currentMinute: number,
    fromMinute = 0,
  ): Promise<WaitingCounts> {
    const lowMs = Math.min(scope.startMs + (fromMinute - 4) * 60_000, scope.nowMs - 300_000);
    const rows = await this.gateway.query<WaitingRow & { is_now: number }>(
      `WITH
       recent AS (
         SELECT viewer_id, toUnixTimestamp64Milli(occurred_at) AS t, type = 'leave' AS is_leave,
                toInt64(ceil((t - {startMs:Int64}) / 60000)) - 1 AS bucket
         FROM events
         WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND viewer_id != ''
           AND occurred_at > fromUnixTimestamp64Milli({lowMs:Int64}, 'UTC') AND occurred_at <= {now:DateTime64(3, 'UTC')}
       ),
       firsts AS (
         SELECT viewer_id, min(toUnixTimestamp64Milli(occurred_at)) AS first
         FROM events
         WHERE brand_id = {brandId:String} AND session_id = {sessionId:String} AND viewer_id != ''
           AND occurred_at <= {now:DateTime64(3, 'UTC')}
         GROUP BY viewer_id
       ),
       by_minute AS (
         SELECT viewer_id, bucket, max(NOT is_leave) AS active, argMax(is_leave, (t, is_leave)) AS ends_leaving
         FROM recent WHERE bucket >= {fromMinute:Int64} - 4 GROUP BY viewer_id, bucket
       ),
       -- each viewer's minutes in order, and their state at each minute m read: active in m − 4 … m,
       -- and whether the last of their minutes up to m ends with a leave
       viewer_minutes AS (
         SELECT viewer_id, arraySort(groupArray((bucket, active, ends_leaving))) AS minutes
         FROM by_minute GROUP BY viewer_id
       ),
       states AS (
         SELECT viewer_id, m, arrayLast(x -> x.1 <= m, minutes).3 AS ends_leaving, {startMs:Int64} + (m + 1) * 60000 AS at
         FROM viewer_minutes
         ARRAY JOIN arrayMap(i -> toInt64(i), range(toUInt64(greatest(0, {fromMinute:Int64})), toUInt64(greatest(0, {current:Int64})))) AS m
         WHERE arrayExists(x -> x.1 >= m - 4 AND x.1 <= m AND x.2, minutes)
       ),
       now_state AS (
         SELECT viewer_id, -1 AS m, argMax(is_leave, (t, is_leave)) AS ends_leaving, {nowMs:Int64} AS at
         FROM recent GROUP BY viewer_id
         HAVING maxIf(t, NOT is_leave) > {nowMs:Int64} - 300000
       )
       SELECT st.m AS minute, st.m = -1 AS is_now,
              countIf(NOT st.ends_leaving AND f.first <= st.at AND f.first > ${REF_AT('st.at')}) AS waiting
       FROM (SELECT * FROM states UNION ALL SELECT * FROM now_state) AS st
       INNER JOIN firsts AS f ON f.viewer_id = st.viewer_id
       GROUP BY minute
       ORDER BY minute`,
      { ...params(scope), recapsMs: [...recapsMs], current: currentMinute, fromMinute, lowMs },
      { tag: 'live.waiting' },
    );
    return {
      byMinute: rows.filter((r) => !Number(r.is_now)).map(({ minute, waiting }) => ({ minute, waiting })),
      now: Number(rows.find((r) => Number(r.is_now))?.waiting ?? 0),
    };
  }
}
