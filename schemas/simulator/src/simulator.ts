import type { LiveEvent, LiveEventInput } from '@lc/contract';
import { buildBrands, type SimBrand } from './catalogue.js';
import { hashSeed } from './random.js';
import { brandCalendar, selectSessions, totalEstimatedEvents, type Period, type SessionPlan } from './schedule.js';
import { generateSession } from './session.generator.js';
import { ViewerPool } from './viewer-pool.js';
import { DAY_MS, isoWithOffset, offsetMinutes } from './zoned-time.js';

export interface SimulationOptions {
  /** Same seed and options → the same events, byte for byte. */
  seed: number | string;
  /**
   * Roughly how many events to make: 50 k for a demo, 100 M for a benchmark.
   * Whole sessions are kept, so the count lands within about one session
   * (a few thousand events) of the target. Default 50 000.
   */
  targetEvents?: number;
  /** Length of the simulated period in days. Default 28. */
  days?: number;
  /**
   * End of the period (exclusive): every session has ended by then. Default:
   * now, so that the ingest route, which refuses events from the future, takes
   * them all. Pass a fixed value to reproduce a data set on another day.
   */
  endDate?: Date | string | number;
  /**
   * How many brands. Default: 3 (two JPY brands in Asia/Tokyo, one USD brand
   * in America/Los_Angeles), or as many more as `targetEvents` needs for each
   * brand to keep a realistic schedule (a few streams a day at most).
   */
  brands?: number;
  /** Generate only these brands' sessions (the plan — and so the data — is that of the full run). */
  onlyBrands?: readonly string[];
}

export interface SimulatedSession {
  brand: SimBrand;
  plan: SessionPlan;
  /**
   * The session's events in time order, session_start first and session_end
   * last. `occurredAt` is epoch ms and amounts are decimal strings, so each
   * event is at once a valid wire event (`LiveEventInput`) and what
   * `validateEvent` would return for it (`LiveEvent`).
   */
  events: LiveEvent[];
}

export interface Simulation extends Iterable<SimulatedSession> {
  readonly seed: number | string;
  readonly period: Period;
  /** Every brand of the run (including ones left out by `onlyBrands`: they exist, with no data here). */
  readonly brands: readonly SimBrand[];
  /** Planned sessions of the generated brands, per brand in start order. */
  readonly sessions: readonly SessionPlan[];
  readonly estimatedEvents: number;
}

export const DEFAULT_TARGET_EVENTS = 50_000;
export const DEFAULT_DAYS = 28;
const DEFAULT_BRANDS = 3;
/** A guard against a loop that could never reach the target (e.g. `days: 0.01`). */
const MAX_BRANDS = 100_000;

function toEpochMs(value: Date | string | number, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a date: ${String(value)}`);
  return ms;
}

/** Plans a run: brands, period and the sessions that reach the target. Makes no events yet. */
export function simulate(options: SimulationOptions): Simulation {
  const targetEvents = options.targetEvents ?? DEFAULT_TARGET_EVENTS;
  const days = options.days ?? DEFAULT_DAYS;
  if (!(Number.isFinite(targetEvents) && targetEvents > 0))
    throw new RangeError(`targetEvents must be a positive number (got ${targetEvents})`);
  if (!(Number.isFinite(days) && days > 0)) throw new RangeError(`days must be a positive number (got ${days})`);
  if (options.brands !== undefined && !(Number.isInteger(options.brands) && options.brands > 0)) {
    throw new RangeError(`brands must be a positive whole number (got ${options.brands})`);
  }
  const endMs = toEpochMs(options.endDate ?? new Date(), 'endDate');
  const period: Period = { startMs: endMs - days * DAY_MS, endMs };
  const seed = options.seed;

  let brands = buildBrands(seed, options.brands ?? DEFAULT_BRANDS);
  let calendars = brands.map((brand) => brandCalendar(brand, period, seed));
  let capacity = totalEstimatedEvents(calendars);
  if (capacity < targetEvents && options.brands === undefined) {
    // More tenants rather than more streams per host: a benchmark should look like a busy SaaS, not one frantic brand.
    let count = brands.length;
    while (capacity < targetEvents && count < MAX_BRANDS) {
      count = Math.min(
        MAX_BRANDS,
        Math.max(count + 1, Math.ceil(count * Math.min(4, (targetEvents / Math.max(capacity, 1)) * 1.02))),
      );
      const more = buildBrands(seed, count).slice(brands.length);
      brands = [...brands, ...more];
      calendars = [...calendars, ...more.map((brand) => brandCalendar(brand, period, seed))];
      capacity = totalEstimatedEvents(calendars);
    }
  }
  if (capacity < targetEvents * 0.9) {
    throw new RangeError(
      `${Math.round(targetEvents)} events need more streams than ${brands.length} brand(s) hold in ${days} day(s) ` +
        `(about ${Math.round(capacity)} events); use more days${options.brands === undefined ? '' : ', more brands, or leave brands unset'}`,
    );
  }

  const selected = selectSessions(calendars, targetEvents, seed);
  const only = options.onlyBrands === undefined ? undefined : new Set(options.onlyBrands);
  if (only) {
    const unknown = [...only].filter((id) => !brands.some((brand) => brand.brandId === id));
    if (unknown.length > 0)
      throw new RangeError(
        `unknown brand(s) ${unknown.join(', ')}; this run has ${brands.map((b) => b.brandId).join(', ')}`,
      );
  }
  const generated = selected.filter((_, i) => !only || only.has(brands[i].brandId));
  const sessions = generated.flat();

  return {
    seed,
    period,
    brands,
    sessions,
    estimatedEvents: totalEstimatedEvents(generated),
    *[Symbol.iterator](): Iterator<SimulatedSession> {
      for (const plans of generated) {
        if (plans.length === 0) continue;
        const brand = plans[0].brand;
        // One pool per brand, alive only while that brand is generated: memory stays flat at any scale.
        const pool = new ViewerPool(hashSeed(seed, 'viewers', brand.brandId), brand.code);
        for (const plan of plans) yield { brand, plan, events: generateSession(plan, pool, seed) };
      }
    },
  };
}

/**
 * The event as a client in the brand's zone would send it: `occurredAt` as
 * ISO-8601 with the local offset. `offset` is the zone's offset in minutes at
 * the session (streams never span a DST change: they run in the day).
 */
export function toWireEvent(event: LiveEvent, offset: number): LiveEventInput {
  return { ...event, occurredAt: isoWithOffset(event.occurredAt, offset) };
}

/** The brand zone's offset during a session, for toWireEvent. */
export function sessionOffset(session: SimulatedSession): number {
  return offsetMinutes(session.plan.startMs, session.brand.timeZone);
}
