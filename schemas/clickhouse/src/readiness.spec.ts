import type { ClickHouseGateway } from './clickhouse.gateway.js';
import { readiness } from './readiness.js';

const engine = (up: boolean) => ({ ping: async () => up }) as unknown as ClickHouseGateway;
const intake = (logHasRoom: boolean) => ({ bufferedEvents: 120, walBytes: 4096, logHasRoom });

describe('the one readiness rule', () => {
  it('an API alone is ready exactly when the engine answers', async () => {
    expect(await readiness(engine(true))).toEqual({ ready: true, status: 200, body: { engine: 'up' } });
    expect(await readiness(engine(false))).toEqual({ ready: false, status: 503, body: { engine: 'down' } });
  });

  it('a process that takes events also needs room in its write-ahead log, and says what it holds', async () => {
    expect(await readiness(engine(true), intake(true))).toEqual({
      ready: true,
      status: 200,
      body: { engine: 'up', bufferedEvents: 120, walBytes: 4096, logHasRoom: true },
    });
    expect((await readiness(engine(true), intake(false))).status).toBe(503);
    expect((await readiness(engine(false), intake(true))).status).toBe(503);
  });
});
