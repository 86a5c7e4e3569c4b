import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveEventInput } from '@lc/contract';
import { loadEvents } from '@lc/clickhouse/testing';
import { createApiApp } from '../src/api.app.js';
import { AlertDispatcher } from '../src/modules/alerts/alert.dispatcher.js';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

/** What the receiver got: one entry per request, with what it answered. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  answered: number;
}

/**
 * A real webhook receiver on a local port. `/a` fails its first request (500) and accepts the rest,
 * `/b` accepts everything, `/down` answers 503 to everything.
 */
async function startReceiver(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const earlier = received.filter((r) => r.path === path).length;
      const answered = path === '/down' ? 503 : path === '/a' && earlier === 0 ? 500 : 200;
      received.push({ path, headers: req.headers, body: JSON.parse(raw) as Record<string, unknown>, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/**
 * One live session, from `start`: 20 viewers watch minutes 0–2, only 10 of them minute 3 — watching
 * falls from 20 (minute 1) to 10 (minute 3), ≥ 30 % from ≥ 20: `viewer_drop` at minute 3, and no
 * other alert (no comments, no viewer arriving after minute 10).
 */
function viewerDropSession(sessionId: string, title: string, start: number): LiveEventInput[] {
  const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
  const events: LiveEventInput[] = [
    {
      eventId: `${sessionId}-start`,
      type: 'session_start',
      occurredAt: at(0),
      sessionId,
      commercerId: 'c-alert',
      commercerName: 'Mio',
      commercerKind: 'in_house',
      title,
      platform: 'web',
    },
  ];
  for (let v = 0; v < 20; v++) {
    const viewerId = `${sessionId}-v${v}`;
    events.push({ eventId: `${viewerId}-join`, type: 'join', occurredAt: at(5), sessionId, viewerId });
    for (let minute = 0; minute < (v < 10 ? 4 : 3); minute++)
      events.push({
        eventId: `${viewerId}-dwell-${minute}`,
        type: 'dwell',
        occurredAt: at(minute * 60 + 10),
        sessionId,
        viewerId,
        seconds: 10,
      });
  }
  return events;
}

describe('alerts outward: webhooks on the real engine over real HTTP', () => {
  let api: ApiHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let start: number;
  let now: number;
  const hooks: Record<'a' | 'b' | 'down', string> = { a: '', b: '', down: '' };
  const admin = (query: string, variables: Record<string, unknown> = {}) => api.gql(query, variables, ADMIN);
  const deliveries = async (brandId: string) => {
    const result = await admin(
      `query($brandId: ID!) { alertDeliveries(brandId: $brandId, first: 10) {
         webhookId webhook { id url } alert { sessionId kind minute at text } state attempts lastStatus lastError
         idempotencyKey createdAt deliveredAt nextAttemptAt } }`,
      { brandId },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.alertDeliveries as Record<string, unknown>[];
  };
  const requests = (path: string) => receiver.received.filter((r) => r.path === path);

  beforeAll(async () => {
    [api, receiver] = await Promise.all([startApi(), startReceiver()]);
    for (const [id, name] of [
      ['alert-a', 'Brand A'],
      ['alert-b', 'Brand B'],
    ])
      expect(
        (
          await admin('mutation($input: CreateBrandInput!) { createBrand(input: $input) { id } }', {
            input: { id, name, timeZone: 'UTC', currency: 'USD' },
          })
        ).errors,
      ).toBeUndefined();
    const created: number[] = [];
    for (const [key, brandId, path, kinds] of [
      ['a', 'alert-a', '/a', ['viewer_drop']],
      ['down', 'alert-a', '/down', ['viewer_drop', 'chat_spike']],
      ['b', 'alert-b', '/b', ['viewer_drop', 'chat_spike', 'question_waiting', 'recap_due']],
    ] as const) {
      const result = await admin(
        'mutation($brandId: ID!, $url: String!, $kinds: [LiveAlertKind!]!) { createAlertWebhook(brandId: $brandId, url: $url, kinds: $kinds) { id brandId url kinds createdAt } }',
        { brandId, url: `${receiver.base}${path}`, kinds },
      );
      expect(result.errors).toBeUndefined();
      const hook = result.data?.createAlertWebhook as { id: string; createdAt: string; kinds: string[] };
      expect(hook).toMatchObject({ brandId, url: `${receiver.base}${path}`, kinds });
      hooks[key] = hook.id;
      created.push(Date.parse(hook.createdAt));
    }
    // The sessions start 3 whole minutes before the minute the webhooks were created in, so the
    // alert's minute (3) ends after they exist (registering does not replay earlier alerts).
    start = Math.floor(Math.max(...created) / 60_000) * 60_000 - 3 * 60_000;
    await loadEvents(api.engine.gateway, 'alert-a', viewerDropSession('A1', 'Spring looks', start));
    await loadEvents(api.engine.gateway, 'alert-b', viewerDropSession('B1', 'Rain gear', start));
    // minute 3 complete, minute 4 in progress
    now = start + 4 * 60_000 + 30_000;
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('sees the viewer drop in the live state the dispatcher reads', async () => {
    const result = await api.gql(
      'query($at: DateTime) { session(id: "A1") { isLive live(at: $at) { alerts { kind minute } } } }',
      { at: new Date(now).toISOString() },
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.session).toEqual({ isLive: true, live: { alerts: [{ kind: 'viewer_drop', minute: 3 }] } });
  });

  it('records each alert × webhook, delivers it, and retries a failed attempt with the same idempotency key', async () => {
    const dispatcher = api.app.get(AlertDispatcher);
    // Round 1: three deliveries recorded (A's two webhooks, B's one); /a answers 500, /down 503, /b 200.
    expect(await dispatcher.runOnce(new Date(now))).toEqual({
      enqueued: 3,
      delivered: 1,
      retrying: 2,
      failed: 0,
      cancelled: 0,
    });
    expect(requests('/a').map((r) => r.answered)).toEqual([500]);
    const [pending] = await deliveries('alert-a').then((rows) => rows.filter((d) => d.webhookId === hooks.a));
    expect(pending).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
      deliveredAt: null,
      // the first retry waits 1 s
      nextAttemptAt: new Date(now + 1_000).toISOString(),
      alert: {
        sessionId: 'A1',
        kind: 'viewer_drop',
        minute: 3,
        at: new Date(start + 3 * 60_000).toISOString(),
        text: '[Brand A] Viewer drop at minute 3 in "Spring looks": watching 20 → 10 (−50 %)',
      },
    });

    // Round 2, 1 s later: nothing new to record; /a's retry is accepted, /down fails again.
    expect(await dispatcher.runOnce(new Date(now + 1_000))).toEqual({
      enqueued: 0,
      delivered: 1,
      retrying: 1,
      failed: 0,
      cancelled: 0,
    });
    const [first, second] = requests('/a');
    expect([first.answered, second.answered]).toEqual([500, 200]);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.body).toEqual(first.body);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.body).toEqual({
      text: '[Brand A] Viewer drop at minute 3 in "Spring looks": watching 20 → 10 (−50 %)',
      brandId: 'alert-a',
      sessionId: 'A1',
      kind: 'viewer_drop',
      minute: 3,
      at: new Date(start + 3 * 60_000).toISOString(),
      idempotencyKey: first.headers['idempotency-key'],
    });

    const [delivered] = await deliveries('alert-a').then((rows) => rows.filter((d) => d.webhookId === hooks.a));
    expect(delivered).toMatchObject({
      webhook: { id: hooks.a, url: `${receiver.base}/a` },
      state: 'DELIVERED',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
      idempotencyKey: first.headers['idempotency-key'],
      deliveredAt: new Date(now + 1_000).toISOString(),
      nextAttemptAt: null,
    });

    // Later rounds: the alert is still there, but recorded; nothing is sent to /a or /b again.
    await dispatcher.runOnce(new Date(now + 30_000));
    expect(requests('/a')).toHaveLength(2);
    expect(requests('/b')).toHaveLength(1);
  });

  it('sends nothing again after a restart: a new dispatcher on the same engine finds every alert recorded', async () => {
    const before = receiver.received.length;
    const restarted = await createApiApp({
      gateway: api.engine.gateway,
      logger: false,
      settings: { adminToken: ADMIN, logLevel: 'warn' },
    });
    await restarted.init();
    try {
      const round = await restarted.get(AlertDispatcher).runOnce(new Date(now + 60_000));
      expect(round).toMatchObject({ enqueued: 0, delivered: 0 });
    } finally {
      await restarted.close();
    }
    // only the webhook that keeps failing was tried again, as scheduled
    expect(receiver.received.slice(before).map((r) => r.path)).toEqual(['/down']);
    expect(requests('/a')).toHaveLength(2);
    expect(requests('/b')).toHaveLength(1);
    expect((await deliveries('alert-a')).filter((d) => d.webhookId === hooks.a)).toHaveLength(1);
  });

  it("never sends a brand's alerts to another brand's webhook", async () => {
    for (const r of [...requests('/a'), ...requests('/down')])
      expect(r.body).toMatchObject({ brandId: 'alert-a', sessionId: 'A1' });
    expect(requests('/b').map((r) => r.body)).toEqual([
      expect.objectContaining({
        brandId: 'alert-b',
        sessionId: 'B1',
        text: '[Brand B] Viewer drop at minute 3 in "Rain gear": watching 20 → 10 (−50 %)',
      }),
    ]);
    expect((await deliveries('alert-b')).map((d) => [d.webhookId, d.state])).toEqual([[hooks.b, 'DELIVERED']]);
  });

  it('cancels the pending deliveries of a deleted webhook and posts nothing more to it', async () => {
    const tried = requests('/down').length;
    expect(tried).toBeGreaterThanOrEqual(2);
    const deleted = await admin('mutation($id: ID!) { deleteAlertWebhook(id: $id) }', { id: hooks.down });
    expect(deleted).toEqual({ data: { deleteAlertWebhook: true } });
    const round = await api.app.get(AlertDispatcher).runOnce(new Date(now + 10 * 60_000));
    expect(round).toMatchObject({ cancelled: 1, enqueued: 0 });
    expect(requests('/down')).toHaveLength(tried);
    const [cancelled] = (await deliveries('alert-a')).filter((d) => d.webhookId === hooks.down);
    expect(cancelled).toMatchObject({
      webhook: null,
      state: 'CANCELLED',
      attempts: tried,
      lastError: 'webhook deleted',
      nextAttemptAt: null,
    });
    const listed = await admin('{ alertWebhooks(brandId: "alert-a") { id } }');
    expect(listed.data?.alertWebhooks).toEqual([{ id: hooks.a }]);
  });

  it('refuses bad input naming the field, and anyone but the admin', async () => {
    const create = (variables: Record<string, unknown>, token = ADMIN) =>
      api.gql(
        'mutation($brandId: ID!, $url: String!, $kinds: [LiveAlertKind!]!) { createAlertWebhook(brandId: $brandId, url: $url, kinds: $kinds) { id } }',
        { brandId: 'alert-a', url: 'https://hooks.example.com/x', kinds: ['viewer_drop'], ...variables },
        token,
      );
    const refusal = async (result: Promise<{ errors?: { message: string; extensions?: unknown }[] }>) => {
      const { errors } = await result;
      expect(errors).toHaveLength(1);
      return { message: errors?.[0].message, ...(errors?.[0].extensions as object) };
    };
    expect(await refusal(create({ url: 'ftp://hooks.example.com/x' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'url',
      message: 'url must start with http:// or https://, not ftp://',
    });
    expect(await refusal(create({ url: 'hooks.example.com/x' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'url',
    });
    expect(await refusal(create({ url: 'javascript:alert(1)' }))).toMatchObject({ field: 'url' });
    expect(await refusal(create({ kinds: [] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'kinds',
      message: 'kinds must name at least one alert',
    });
    expect(await refusal(create({ brandId: 'no-such-brand' }))).toMatchObject({ code: 'NOT_FOUND', field: 'brandId' });
    expect(await refusal(create({}, api.tokens.b1))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(api.gql('{ alertDeliveries(brandId: "alert-a", first: 0) { attempts } }', {}, ADMIN))).toEqual(
      {
        code: 'BAD_USER_INPUT',
        field: 'first',
        message: 'first must be between 1 and 500',
      },
    );
    expect(await refusal(api.gql('{ alertWebhooks(brandId: "alert-a") { id } }', {}, api.tokens.b1))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(admin('mutation { deleteAlertWebhook(id: "nope") }'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
  });
});
