import type { Page, Route, WebSocketRoute } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * The live console (issue 9) on real parts: a session that started 12 minutes ago, fed through the
 * real ingest route, read by the built dashboard in Chromium, kept current by the sessionLive
 * subscription over graphql-ws — and by 2-s polling while that socket is down. Every expected value
 * is worked out by hand from the events below (arithmetic in the comments).
 *
 * Brand b7 (Asia/Tokyo, JPY), session LC1 started at S = now − 12 min 8 s, so minute 12 is in
 * progress when the page first loads and the minute-bound values hold for the next ~50 s.
 *
 *   A  v01–v12  join 0:05, dwell at m:05 for m = 1 … 12                 watching minutes 0–12
 *   B  v13–v24  join 0:05, dwell m = 1 … 8, leave 9:05                   watching minutes 0–8
 *   L  v25–v32  join 6:05, dwell m = 7 … 12 (after the recap at 5:00)    watching minutes 6–12
 *
 *   watching per minute: 0–5 → 24, 6–8 → 32, 9–12 → 20
 *   comments (viewer): 0:20, 0:40, 1:20, 1:40 (each answered 10 s later), 5:30 "Love this colour"
 *     (answered 5:50), 10:40 "Is it washable?" (unanswered), 11:30 "Great fabric" (unanswered)
 *   likes 10 at 0:50, 15 at 11:15; recap 5:00
 *   product_pin p1 "Cable-knit cardigan" 8:00, click 8:20, cart_add 8:40, purchase 9:30 (¥2,000)
 */

const BRAND = 'b7';
const SESSION = 'LC1';
const ZONE = 'Asia/Tokyo';
const SHOTS = process.env.LIVE_SHOTS_DIR;

type Event = Record<string, unknown>;

describe('the live console on the real all-in-one server', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;
  let readToken: string;
  let ingestKey: string;
  /** The session's start, ms. */
  let S: number;
  let n = 0;

  const at = (seconds: number): string => new Date(S + seconds * 1000).toISOString();
  const ev = (seconds: number, body: Event): Event => ({
    eventId: `${SESSION}-${++n}`,
    sessionId: SESSION,
    occurredAt: at(seconds),
    ...body,
  });
  /** Clock time in Tokyo of second `seconds` of the session, as the console prints it ("20:05"). */
  const clock = (seconds: number): string =>
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(S + seconds * 1000),
    );
  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
  const queueTexts = (): Promise<string[]> => page.getByTestId('queue-text').allTextContents();
  const recaps = async (): Promise<number> =>
    (
      await server.graphql<{ session: { metrics: { recaps: number } } }>(
        `{ session(id: "${SESSION}") { metrics { recaps } } }`,
        readToken,
      )
    ).session.metrics.recaps;
  const capture = async (name: string): Promise<void> => {
    // What a 1080p screen shows, and the whole page.
    const path = await screenshot(page, name, { fullPage: false });
    const full = await screenshot(page, `${name}-full`, { fullPage: true });
    if (SHOTS) {
      const { copyFileSync, mkdirSync } = await import('node:fs');
      mkdirSync(SHOTS, { recursive: true });
      copyFileSync(path, `${SHOTS}/${name}.png`);
      copyFileSync(full, `${SHOTS}/${name}-full.png`);
    }
  };

  /** The WebSocket between page and server, routed so the test can cut it; `refuse` turns new ones away. */
  const socket = { current: null as WebSocketRoute | null, refuse: false, opened: 0 };

  beforeAll(async () => {
    server = await startServer();
    const admin = server.adminToken;
    await server.graphql('mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }', admin, {
      i: { id: BRAND, name: 'Knit Studio', timeZone: ZONE, currency: 'JPY' },
    });
    const key = async (scope: string) =>
      (
        await server.graphql<{ createApiKey: { secret: string } }>(
          'mutation($s: ApiKeyScope!, $b: [ID!]!) { createApiKey(scope: $s, brandIds: $b) { secret } }',
          admin,
          { s: scope, b: [BRAND] },
        )
      ).createApiKey.secret;
    readToken = await key('READ');
    ingestKey = await key('INGEST');

    S = Date.now() - (12 * 60 + 8) * 1000;
    const events: Event[] = [
      ev(0, {
        type: 'session_start',
        commercerId: 'c7',
        commercerName: 'Yui Mori',
        commercerKind: 'in_house',
        title: 'Autumn knits live',
        platform: 'instagram',
      }),
    ];
    const ids = (from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, i) => `v${String(from + i).padStart(2, '0')}`);
    const watch = (viewers: string[], from: number, to: number, leaves: boolean): void => {
      for (const viewerId of viewers) {
        events.push(ev(60 * from + 5, { type: 'join', viewerId, source: 'follower' }));
        for (let m = from + 1; m <= to; m++) events.push(ev(60 * m + 5, { type: 'dwell', viewerId, seconds: 60 }));
        if (leaves) events.push(ev(60 * (to + 1) + 5, { type: 'leave', viewerId }));
      }
    };
    watch(ids(1, 12), 0, 12, false);
    watch(ids(13, 24), 0, 8, true);
    watch(ids(25, 32), 6, 12, false);
    const comment = (seconds: number, viewerId: string, body: string, eventId: string): Event => ({
      ...ev(seconds, { type: 'comment', viewerId, author: 'viewer', text: body }),
      eventId,
    });
    const answer = (seconds: number, replyTo: string): Event =>
      ev(seconds, { type: 'comment', author: 'host', text: 'Thanks!', replyTo });
    events.push(
      comment(20, 'v02', 'Hello', 'c-020'),
      answer(30, 'c-020'),
      comment(40, 'v03', 'Hi there', 'c-040'),
      answer(50, 'c-040'),
      comment(80, 'v04', 'Nice colours', 'c-080'),
      answer(90, 'c-080'),
      comment(100, 'v05', 'Good evening', 'c-100'),
      answer(110, 'c-100'),
      comment(330, 'v06', 'Love this colour', 'c-330'),
      answer(350, 'c-330'),
      comment(640, 'v01', 'Is it washable?', 'q-640'),
      comment(690, 'v07', 'Great fabric', 'c-690'),
      ev(50, { type: 'like', viewerId: 'v05', count: 10 }),
      ev(675, { type: 'like', viewerId: 'v06', count: 15 }),
      ev(300, { type: 'recap', text: 'So far: the cardigan' }),
      ev(480, { type: 'product_pin', productId: 'p1', productName: 'Cable-knit cardigan' }),
      ev(500, { type: 'product_click', viewerId: 'v01', productId: 'p1' }),
      ev(520, { type: 'cart_add', viewerId: 'v01', productId: 'p1', quantity: 1, unitPrice: '2000', currency: 'JPY' }),
      ev(570, {
        type: 'purchase',
        viewerId: 'v01',
        orderId: 'o1',
        currency: 'JPY',
        items: [{ productId: 'p1', quantity: 1, unitPrice: '2000' }],
      }),
    );
    expect(await server.postEvents(ingestKey, events)).toMatchObject({ accepted: events.length, rejected: [] });
    // The rollups follow within the scheduler interval: wait for the order.
    for (let i = 0; i < 100; i++) {
      const data = await server.graphql<{ session: { metrics: { orders: number; comments: number } } | null }>(
        `{ session(id: "${SESSION}") { metrics { orders comments } } }`,
        readToken,
      );
      if (data.session?.metrics.orders === 1 && data.session.metrics.comments === 7) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    browser = await launchBrowser({ baseURL: server.baseURL, viewport: { width: 1920, height: 1080 } });
    page = browser.page;
    await presetReadToken(browser.context, readToken);
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (socket.refuse) {
        // 1013 "try again later": not one of graphql-ws's fatal codes, so the client retries.
        void ws.close({ code: 1013, reason: 'test: refused' });
        return;
      }
      socket.opened += 1;
      socket.current = ws;
      ws.connectToServer();
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is linked from the sessions list, and shows the live session on a big screen', async () => {
    await page.goto('/');
    const row = page.getByTestId(`session-row-${SESSION}`);
    await row.getByTestId('live-badge').waitFor();
    await row.getByTestId('cell-console').click();
    await page.waitForURL(`**/sessions/${SESSION}/live`);
    await page.getByTestId('live-console').waitFor();

    expect(await text('console-title')).toBe('Autumn knits live');
    expect(await text('console-minute')).toBe('Minute 12');
    // the start of the rollup round that counted the events posted above (its exact value: api/test/live.e2e.spec.ts)
    expect(await text('console-counted')).toMatch(/^Counted to \d\d:\d\d:\d\d$/);
    // watching in minute 11, the last complete one: A 12 + L 8
    expect(await text('watching-now')).toBe('20');

    // last = minutes 2–11, before = minutes 0–1 (the only ones there are)
    // watching: (4 × 24 + 3 × 32 + 3 × 20) / 10 = 252 / 10 = 25.2 vs 24 → +5.0 %
    expect(await text('value-watching')).toBe('25');
    expect(await text('change-watching')).toBe('▲ 5.0%up 5.0%');
    // comments: 5:30, 10:40, 11:30 → 3 (0.3 / min) vs 4 in 2 minutes (2 / min) → (0.3 − 2) / 2 = −85 %
    expect(await text('value-comments')).toBe('3');
    expect(await text('change-comments')).toBe('▼ 85.0%down 85.0%');
    // likes: 15 (1.5 / min) vs 10 in 2 minutes (5 / min) → −70 %
    expect(await text('value-likes')).toBe('15');
    expect(await text('change-likes')).toBe('▼ 70.0%down 70.0%');
    // one cart add, one order of ¥2,000; none before, so no change to show
    expect(await text('value-cartAdds')).toBe('1');
    expect(await text('value-orders')).toBe('1');
    expect(await text('value-revenue')).toBe('¥2,000');
    expect(await page.getByTestId('change-revenue').getAttribute('data-direction')).toBe('none');

    // Unanswered in the last 15 minutes: the question first, then the other; the four early ones were answered.
    expect(await queueTexts()).toEqual(['Is it washable?', 'Great fabric']);
    // 10:40 and 11:30, read at 12:08–12:58: 88–138 s → "2 minutes", 38–88 s → "1 minute"
    expect(await page.getByTestId('queue-age').allTextContents()).toEqual(['2 minutes ago', '1 minute ago']);

    // L joined after the recap at 5:00 and is still watching: 8; 12:08 − 5:00 → 7 whole minutes
    expect(await text('recap-waiting')).toBe('8');
    expect(await text('recap-since')).toBe('7 min since the last one');
    expect(await page.getByTestId('console-recap').textContent()).toContain('8viewers waiting for a recap');
    expect(await text('recap-count')).toBe('Recaps so far: 1');

    // p1 pinned at 8:00, 4 whole minutes ago, with its click, cart add and order since
    expect(await text('pinned-name')).toBe('Cable-knit cardigan');
    expect(await text('pinned-clicks')).toBe('1');
    expect(await text('pinned-cartAdds')).toBe('1');
    expect(await text('pinned-orders')).toBe('1');
    expect(await page.getByTestId('console-pinned').textContent()).toContain(`Since ${clock(480)} · 4 min`);

    // Alerts: viewer_drop at 9 (20 ≤ 0.7 × 32 at 7), question_waiting at 11 (10:40 + 60 s = 11:40).
    const alerts = page.getByTestId('alert-item');
    expect(await alerts.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
      'question_waiting',
      'viewer_drop',
    ]);
    // each with what raised it: the question, and watching 32 at minute 7 → 20 at 9: −12 / 32 = −37.5 %
    expect(await alerts.first().textContent()).toBe(
      `Question waiting${`Minute 11 · ${clock(660)}`}“Is it washable?” — v01`,
    );
    expect(await alerts.nth(1).getByTestId('alert-detail').textContent()).toBe('Watching 32 → 20 (-37.5%)');
    // A first look banners only the last two minutes' alerts: the question, not the drop at 9.
    const banner = page.getByTestId('alert-banner').locator('li');
    expect(await banner.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
      'question_waiting',
    ]);

    // Pushed over the WebSocket once the subscription answers.
    await page.locator('[data-testid="live-transport"][data-transport="push"]').waitFor();
    expect(await text('live-transport')).toBe('Live: updates as events arrive');
    expect(socket.opened).toBe(1);
    await page.getByTestId('chart-loading').waitFor({ state: 'detached' });
    await capture('live-en');
    await expectNoAxeViolations(page, 'the live console');
  });

  it('updates without a reload when events arrive, with a banner for each new alert', async () => {
    // A mark on the window: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    // The console's HTTP query is held back meanwhile: what changes on screen came over the WebSocket.
    const held: Route[] = [];
    await page.route('**/graphql', (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === 'LiveConsole') held.push(route);
      else void route.continue();
    });
    const now = Math.floor((Date.now() - S) / 1000);
    expect(
      await server.postEvents(ingestKey, [
        { ...ev(now - 1, { type: 'comment', viewerId: 'v03', author: 'viewer', text: 'Do you ship abroad?' }) },
        // a late-arriving question from 6:30: unanswered past 7:30, so question_waiting at minute 7
        { ...ev(390, { type: 'comment', viewerId: 'v04', author: 'viewer', text: 'Any discount?' }) },
        // not the session's latest event: a live segment runs to the latest event, excluded ([start, end))
        ev(now - 2, { type: 'product_click', viewerId: 'v02', productId: 'p1' }),
      ]),
    ).toMatchObject({ accepted: 3 });

    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 4);
    // questions first, oldest first: 6:30, 10:40, now; then the comment
    expect(await queueTexts()).toEqual(['Any discount?', 'Is it washable?', 'Do you ship abroad?', 'Great fabric']);
    await page.waitForFunction(() => document.querySelector('[data-testid="pinned-clicks"]')?.textContent === '2');
    // comments of minutes 2–11 now 4: 0.4 / min vs 2 → −80 %
    expect(await text('value-comments')).toBe('4');
    expect(await text('change-comments')).toBe('▼ 80.0%down 80.0%');
    // The new alert is bannered, although its minute is long past.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-item"]').length === 3);
    const late = page.getByTestId('alert-banner').locator('li', { hasText: `Minute 7 · ${clock(420)}` });
    expect(await late.getAttribute('data-kind')).toBe('question_waiting');
    expect(await late.textContent()).toContain(`Minute 7 · ${clock(420)} — “Any discount?” — v04`);
    expect(await late.locator('[title]').getAttribute('title')).toBe('A question has waited more than 60 s');
    // Each once: dismissed, it does not come back with the next pushes and polls.
    await late.getByTestId('alert-dismiss').click();
    await page.waitForTimeout(2500);
    expect(await late.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await text('live-transport')).toBe('Live: updates as events arrive');
    await page.unroute('**/graphql');
    for (const route of held) await route.continue();
  });

  it('says so when the live connection drops, refreshes every 2 s meanwhile, and reconnects by itself', async () => {
    socket.refuse = true;
    await socket.current!.close({ code: 1012, reason: 'test: server restart' });
    await page.locator('[data-testid="live-transport"][data-transport="lost"]').waitFor();
    expect(await text('live-transport')).toBe('Live connection lost — refreshing every 2 s');

    // Still current, by polling: a new question shows up within a few seconds.
    const now = Math.floor((Date.now() - S) / 1000);
    await server.postEvents(ingestKey, [
      ev(now - 1, { type: 'comment', viewerId: 'v08', author: 'viewer', text: 'Is there an XL?' }),
    ]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 5, undefined, {
      timeout: 20_000,
    });
    expect(await text('live-transport')).toBe('Live connection lost — refreshing every 2 s');
    await capture('live-connection-lost');

    // The server takes sockets again: graphql-ws retries on its own, the subscription comes back.
    socket.refuse = false;
    await page.locator('[data-testid="live-transport"][data-transport="push"]').waitFor({ timeout: 30_000 });
    expect(socket.opened).toBe(2);

    // A sixth unanswered comment, pushed: the queue lists the first five and counts the rest.
    await server.postEvents(ingestKey, [
      ev(Math.floor((Date.now() - S) / 1000) - 1, {
        type: 'comment',
        viewerId: 'v09',
        author: 'viewer',
        text: 'Love the colour',
      }),
    ]);
    await page.waitForFunction(() => document.querySelector('.console-more')?.textContent === '+ 1 more', undefined, {
      timeout: 20_000,
    });
    expect(await page.getByTestId('queue-item').count()).toBe(5);
    expect(await page.getByTestId('console-queue').textContent()).toContain('Unanswered comments (6)');
  });

  it('records a recap once per click, even a double click', async () => {
    const button = page.getByTestId('record-recap');
    expect(await button.textContent()).toBe('Record a recap now');
    await button.dblclick();
    await page.waitForFunction(() => document.querySelector('[data-testid="recap-waiting"]')?.textContent === '0');
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe('✓ Recap recorded');
    // the recap just recorded: nobody has joined since, and 0 minutes have passed
    expect(await text('recap-since')).toBe('0 min since the last one');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="recap-count"]')?.textContent === 'Recaps so far: 2',
    );
    // 5:00 and the one click: a second request, had there been one, would have made 3
    await page.waitForTimeout(1500);
    expect(await recaps()).toBe(2);
    // rested, the button records a new recap again
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="record-recap"]') as HTMLButtonElement).disabled,
    );
    expect(await button.textContent()).toBe('Record a recap now');
  });

  it('reads in Japanese', async () => {
    await page.getByTestId('language').selectOption('ja');
    await page.getByText('現在の視聴者').waitFor();
    expect(await text('console-minute')).toMatch(/^\d+分目$/);
    expect(await text('recap-count')).toBe('これまでのまとめ: 2回');
    // date-fns in Japanese: "…分前"
    expect(await page.getByTestId('queue-age').first().textContent()).toMatch(/分前$/);
    expect(await text('live-transport')).toBe('ライブ:イベントが届くたびに更新');
    await capture('live-ja');
    await expectNoAxeViolations(page, 'the live console in Japanese');
    await page.getByTestId('language').selectOption('en');
  });

  it('says the session has ended, with a link to its page, once session_end arrives', async () => {
    const now = Math.floor((Date.now() - S) / 1000);
    await server.postEvents(ingestKey, [ev(now, { type: 'session_end' })]);
    await page.getByTestId('console-ended').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('console-ended').textContent()).toContain('This session has ended.');
    await capture('live-ended');
    await expectNoAxeViolations(page, 'the live console of an ended session');
    await page.getByTestId('console-ended-link').click();
    await page.waitForURL(`**/sessions/${SESSION}`);
    await page.getByTestId('session-title').waitFor();
    // an ended session offers no console
    expect(await page.getByTestId('open-console').count()).toBe(0);
  });

  it('waits for a session opened before its first events arrive, and shows its console once they do', async () => {
    // A producer opens the console as the stream starts: at first the server knows no such session.
    const late = `${SESSION}-late`;
    await page.goto(`/sessions/${late}/live`);
    await page.getByTestId('session-not-found').waitFor();
    expect(await text('console-waiting')).toBe(
      'Looking again every 5 s: a stream that has just started appears here a few seconds after its first events.',
    );
    const now = Date.now();
    const events = [
      {
        eventId: `${late}-1`,
        sessionId: late,
        type: 'session_start',
        occurredAt: new Date(now - 60_000).toISOString(),
        commercerId: 'c-late',
        commercerName: 'Mio',
        commercerKind: 'in_house',
        title: 'Late starter',
        platform: 'app',
      },
      { eventId: `${late}-2`, sessionId: late, type: 'join', occurredAt: new Date(now).toISOString(), viewerId: 'v99' },
    ];
    expect(await server.postEvents(ingestKey, events)).toMatchObject({ accepted: 2, rejected: [] });
    // no reload: the next look (every 5 s) finds it, and the console takes over
    await page.getByTestId('live-console').waitFor({ timeout: 20_000 });
    expect(await text('console-title')).toBe('Late starter');
    expect(await page.getByTestId('session-not-found').count()).toBe(0);
  });

  it('logs no console errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
