import type { SimBrand, SimCommercer } from './catalogue.js';
import { hashSeed, Random, unitFromHash } from './random.js';
import { compactDate, DAY_MS, localDay, MINUTE_MS, zonedInstant } from './zoned-time.js';

/**
 * Which streams happen: every host's regular slots over the period (the
 * brand's full calendar), then an evenly spaced subset sized to the requested
 * number of events. Plans carry the viewer count and length, so the event
 * volume is known before a single event is made.
 */

export interface Period {
  /** Inclusive start, epoch ms. */
  startMs: number;
  /** Exclusive end, epoch ms: every simulated session has ended by then. */
  endMs: number;
}

export interface SessionPlan {
  sessionId: string;
  brand: SimBrand;
  commercer: SimCommercer;
  startMs: number;
  durationMs: number;
  /** Unique viewers the session will have (50–500). */
  viewers: number;
  estimatedEvents: number;
}

export const MIN_VIEWERS = 50;
export const MAX_VIEWERS = 500;
/** Hosts of a daily show still take days off. */
const DAILY_SKIP_CHANCE = 0.08;

/**
 * Expected events of a session, fitted on generated sessions (see
 * simulator.spec.ts, which keeps the fit honest): per viewer a join and a
 * leave, a dwell every 30–60 s while watching, a product card shown for each
 * pin watched, and chat, likes, clicks and orders that grow with session
 * length because people stay longer in longer streams.
 */
export function estimateSessionEvents(viewers: number, durationMs: number): number {
  const minutes = durationMs / MINUTE_MS;
  return viewers * (EVENTS_PER_VIEWER_BASE + EVENTS_PER_VIEWER_MINUTE * minutes);
}
const EVENTS_PER_VIEWER_BASE = 21.2;
const EVENTS_PER_VIEWER_MINUTE = 0.217;

function viewersFor(brand: SimBrand, commercer: SimCommercer, weekday: number, progress: number, rng: Random): number {
  const weekend = weekday === 0 || weekday === 6 ? 1.15 : 1;
  const lunch = commercer.minuteOfDay < 15 * 60 ? 0.6 : 1;
  const special = commercer.cadence === 'weekly' ? 1.3 : 1;
  // Audiences grow a little over the period, as a brand that streams regularly does.
  const trend = 0.9 + 0.2 * progress;
  const raw = brand.audience * commercer.draw * weekend * lunch * special * trend * rng.logNormal(1, 0.3);
  return Math.max(MIN_VIEWERS, Math.min(MAX_VIEWERS, Math.round(raw)));
}

/** Every session the brand's hosts would stream in the period, by start time. */
export function brandCalendar(brand: SimBrand, period: Period, seed: number | string): SessionPlan[] {
  const plans: SessionPlan[] = [];
  const lastDay = localDay(period.endMs, brand.timeZone);
  for (let day = localDay(period.startMs, brand.timeZone); day <= lastDay; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    for (const commercer of brand.commercers) {
      if (!commercer.weekdays.includes(weekday)) continue;
      // A host streams at most once a day, so host + local date names the session.
      const sessionId = `${commercer.commercerId}-${compactDate(day)}`;
      const rng = new Random(hashSeed(seed, 'plan', sessionId));
      if (commercer.cadence === 'daily' && rng.chance(DAILY_SKIP_CHANCE)) continue;
      // Streams go live a little after the announced time.
      const startMs = zonedInstant(day, commercer.minuteOfDay, brand.timeZone) + rng.int(0, 180_999);
      const [minMinutes, maxMinutes] = commercer.durationMinutes;
      const durationMs = rng.int(minMinutes * 60, maxMinutes * 60) * 1000;
      if (startMs < period.startMs || startMs + durationMs >= period.endMs) continue;
      const progress = (startMs - period.startMs) / (period.endMs - period.startMs);
      const viewers = viewersFor(brand, commercer, weekday, progress, rng);
      plans.push({
        sessionId,
        brand,
        commercer,
        startMs,
        durationMs,
        viewers,
        estimatedEvents: estimateSessionEvents(viewers, durationMs),
      });
    }
  }
  return plans.sort((a, b) => a.startMs - b.startMs || (a.sessionId < b.sessionId ? -1 : 1));
}

/**
 * Keeps a spread-out share of the calendars whose estimated events add up to
 * `targetEvents`. A session is kept when the kept total falls behind the
 * running target by more than a random part of its own size: the total never
 * drifts by more than one session, and the random part stops a fixed stride
 * from always landing on the same host of a weekly timetable.
 */
export function selectSessions(
  calendars: readonly SessionPlan[][],
  targetEvents: number,
  seed: number | string,
): SessionPlan[][] {
  let capacity = 0;
  for (const calendar of calendars) for (const plan of calendar) capacity += plan.estimatedEvents;
  const fraction = capacity === 0 ? 0 : Math.min(1, targetEvents / capacity);
  let offered = 0;
  let kept = 0;
  return calendars.map((calendar) =>
    calendar.filter((plan) => {
      offered += plan.estimatedEvents * fraction;
      const threshold = plan.estimatedEvents * unitFromHash(hashSeed(seed, 'keep', plan.sessionId));
      if (kept + threshold > offered) return false;
      kept += plan.estimatedEvents;
      return true;
    }),
  );
}

export function totalEstimatedEvents(calendars: readonly SessionPlan[][]): number {
  let total = 0;
  for (const calendar of calendars) for (const plan of calendar) total += plan.estimatedEvents;
  return total;
}
