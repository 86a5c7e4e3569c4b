import type { ClickHouseGateway } from './clickhouse.gateway.js';

/** What a process that takes events adds to its readiness: the state of its write path. */
export interface IntakeState {
  bufferedEvents: number;
  walBytes: number;
  /** False when the engine is down and the write-ahead log is full: new events would get 503. */
  logHasRoom: boolean;
}

export interface Readiness {
  ready: boolean;
  status: 200 | 503;
  body: { engine: 'up' | 'down' } & Partial<IntakeState>;
}

/**
 * The one readiness rule, for every entry (ingest alone, API alone, all-in-one): ready when the engine
 * answers a ping and, in a process that takes events, its write-ahead log has room for them. An
 * ingest whose engine is down but whose log has room is NOT ready either: it would accept events, but
 * a load balancer should prefer a replica that commits them.
 */
export async function readiness(gateway: ClickHouseGateway, intake?: IntakeState): Promise<Readiness> {
  const up = await gateway.ping();
  const ready = up && (intake?.logHasRoom ?? true);
  return { ready, status: ready ? 200 : 503, body: { engine: up ? 'up' : 'down', ...intake } };
}
