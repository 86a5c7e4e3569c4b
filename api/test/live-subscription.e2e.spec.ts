import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadEvents } from '@lc/clickhouse/testing';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

/**
 * `sessionLive` over a real graphql-ws client and real WebSockets, on the hand fixture: S2 (brand b2)
 * is live (no session_end), S1 (brand b1) has ended.
 */
describe('sessionLive subscription and recordRecap (graphql-ws, real HTTP)', () => {
  let api: ApiHarness;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await api.close();
  });

  const client = (token: string) => {
    const c = createClient({
      url: api.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(c);
    return c;
  };

  type Push = {
    data?: { sessionLive?: { id: string; isLive: boolean; metrics: { likes: number } } };
    errors?: unknown[];
  };
  /** Subscribes and collects pushes; `next(n)` waits until n have arrived. */
  function subscribe(token: string, id: string) {
    const pushes: Push[] = [];
    const waiting: { n: number; resolve: () => void }[] = [];
    let error: unknown = null;
    let done = false;
    const settle = () => {
      for (const w of [...waiting]) if (pushes.length >= w.n || error || done) w.resolve();
    };
    const stop = client(token).subscribe<Push['data']>(
      { query: `subscription($id: ID!) { sessionLive(id: $id) { id isLive metrics { likes } } }`, variables: { id } },
      {
        next: (value) => {
          pushes.push(value as Push);
          settle();
        },
        error: (e) => {
          error = e;
          settle();
        },
        complete: () => {
          done = true;
          settle();
        },
      },
    );
    return {
      pushes,
      stop,
      get error() {
        return error;
      },
      next: (n: number) =>
        new Promise<void>((resolve) => {
          waiting.push({ n, resolve });
          settle();
        }),
    };
  }

  const like = (eventId: string, count: number) => ({
    eventId,
    type: 'like' as const,
    occurredAt: '2026-11-18T09:00:20Z',
    sessionId: 'S2',
    viewerId: 'v1',
    count,
  });

  it('pushes the live session at once, then again when its numbers change', async () => {
    const live = subscribe(api.tokens.b2, 'S2');
    await live.next(1);
    // S2 in the hand fixture: v1 likes 7 (docs/FIXTURE.md)
    expect(live.pushes[0].data?.sessionLive).toEqual({ id: 'S2', isLive: true, metrics: { likes: 7 } });
    await loadEvents(api.engine.gateway, 'b2', [like('sub-like-1', 5)]);
    await live.next(2);
    expect(live.pushes[1].data?.sessionLive?.metrics.likes).toBe(7 + 5);
    live.stop();
  });

  it("never gives one brand's session to another brand's token, and refuses unknown or ended sessions", async () => {
    for (const [token, id] of [
      [api.tokens.b1, 'S2'], // b2's session
      [api.tokens.b2, 'nope'],
      [api.tokens.b1, 'S1'], // ended
    ]) {
      const attempt = subscribe(token, id);
      await attempt.next(1);
      // one answer: an error naming the argument, no data
      expect(attempt.pushes).toEqual([
        {
          errors: [
            expect.objectContaining({
              message: id === 'S1' ? expect.stringMatching(/has ended/) : expect.stringMatching(/no session/),
              extensions: { code: id === 'S1' ? 'BAD_USER_INPUT' : 'NOT_FOUND', field: 'id' },
            }),
          ],
        },
      ]);
    }
  });

  it('ends a subscription with an error once its token is revoked', async () => {
    const created = await api.gql(
      `mutation { createApiKey(scope: READ, brandIds: ["b2"], label: "soon revoked") { keyId secret } }`,
      {},
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const { keyId, secret } = created.data?.createApiKey as { keyId: string; secret: string };
    const live = subscribe(secret, 'S2');
    await live.next(1);
    expect(
      (await api.gql(`mutation($k: ID!) { revokeApiKey(keyId: $k) }`, { k: keyId }, ADMIN)).errors,
    ).toBeUndefined();
    await loadEvents(api.engine.gateway, 'b2', [like('sub-like-2', 1)]);
    await live.next(2);
    expect(live.pushes).toHaveLength(1);
    expect(JSON.stringify(live.error)).toMatch(/revoked|token/);
  });

  it('records a recap once per clientId, even when the button is pressed twice at once', async () => {
    const record = () =>
      api.gql(
        `mutation { recordRecap(sessionId: "S2", clientId: "click-1", text: "So far: coats and scarves") { eventId recorded } }`,
        {},
        api.tokens.b2,
      );
    const [first, second] = await Promise.all([record(), record()]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const results = [first, second].map((r) => r.data?.recordRecap as { eventId: string; recorded: boolean });
    expect(results[0].eventId).toBe(results[1].eventId);
    expect(results.map((r) => r.recorded).sort()).toEqual([false, true]);
    const again = await record();
    expect(again.data?.recordRecap).toEqual({ eventId: results[0].eventId, recorded: false });
    const metrics = await api.gql('{ session(id: "S2") { metrics { recaps } } }', {}, api.tokens.b2);
    expect(metrics.data?.session).toEqual({ metrics: { recaps: 1 } });
    // another brand's token cannot record into S2
    const refused = await api.gql(
      `mutation { recordRecap(sessionId: "S2", clientId: "x") { eventId } }`,
      {},
      api.tokens.b1,
    );
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
