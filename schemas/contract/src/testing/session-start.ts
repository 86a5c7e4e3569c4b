import type { LiveEventInput } from '../events/event.schema.js';

/** A session's `session_start` (event id `<sessionId>-start`) by an in-house host, for small test fixtures. */
export function sessionStartEvent(sessionId: string, occurredAt: string, title = 'Test session'): LiveEventInput {
  return {
    eventId: `${sessionId}-start`,
    type: 'session_start',
    occurredAt,
    sessionId,
    commercerId: 'c1',
    commercerName: 'Host',
    commercerKind: 'in_house',
    title,
    platform: 'app',
  };
}
