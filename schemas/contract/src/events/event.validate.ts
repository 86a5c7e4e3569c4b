import type { z } from 'zod';
import { EVENT_TYPES, SCHEMA_BY_TYPE, type EventType, type LiveEvent } from './event.schema.js';
import { fastParseEvent } from './event.fast-parse.js';

export interface FieldError {
  /** Path inside the event, e.g. `count` or `items[1].unitPrice`. */
  field: string;
  message: string;
}

export type ValidationResult =
  { ok: true; event: LiveEvent } | { ok: false; eventId: string | null; errors: FieldError[] };

export interface TimeBounds {
  /** Reference "now" in epoch ms. */
  now: number;
  /** How far in the future an event may be (clock skew). */
  maxFutureMs: number;
  /** How old an event may be. */
  maxAgeMs: number;
}

export const DEFAULT_TIME_BOUNDS = { maxFutureMs: 5 * 60_000, maxAgeMs: 400 * 24 * 3_600_000 } as const;

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/** Formats a zod issue path as `items[1].unitPrice`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(event)' : out;
}

/** The value at a path of the raw input (zod does not report inputs by default). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function issueToError(issue: z.core.$ZodIssue, input: unknown): FieldError {
  if (issue.code === 'unrecognized_keys') {
    return { field: fieldPath([...issue.path, issue.keys[0]]), message: 'is not a field of this event type' };
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return { field: fieldPath(issue.path), message: 'is required' };
  }
  return { field: fieldPath(issue.path), message: issue.message };
}

/**
 * Validates one event of a batch. Never throws, whatever the input: the ingest
 * answers each invalid event with its errors and keeps the valid ones beside it.
 */
export function validateEvent(input: unknown, bounds?: TimeBounds): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, eventId: null, errors: [{ field: '(event)', message: 'must be a JSON object' }] };
  }
  const record = input as Record<string, unknown>;
  const eventId = typeof record.eventId === 'string' ? record.eventId : null;
  const type = record.type;
  if (typeof type !== 'string' || !TYPE_SET.has(type)) {
    const message =
      type === undefined ? 'is required' : `must be one of ${EVENT_TYPES.join(', ')} (got ${JSON.stringify(type)})`;
    return { ok: false, eventId, errors: [{ field: 'type', message }] };
  }
  let event = fastParseEvent(type as EventType, record);
  if (event === undefined) {
    const parsed = SCHEMA_BY_TYPE[type as EventType].safeParse(input);
    if (!parsed.success) {
      return { ok: false, eventId, errors: parsed.error.issues.map((issue) => issueToError(issue, input)) };
    }
    event = parsed.data as LiveEvent;
  }
  if (bounds) {
    if (event.occurredAt > bounds.now + bounds.maxFutureMs) {
      return {
        ok: false,
        eventId,
        errors: [{ field: 'occurredAt', message: `is more than ${bounds.maxFutureMs / 1000} s in the future` }],
      };
    }
    if (event.occurredAt < bounds.now - bounds.maxAgeMs) {
      return {
        ok: false,
        eventId,
        errors: [{ field: 'occurredAt', message: `is more than ${Math.round(bounds.maxAgeMs / 86_400_000)} days old` }],
      };
    }
  }
  return { ok: true, event };
}
