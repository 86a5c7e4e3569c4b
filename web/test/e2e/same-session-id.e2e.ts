import { handFixture } from '@lc/contract/testing';
import type { Page } from 'playwright-core';
import { launchBrowser, presetReadToken, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * A session id names a session within its brand (S11R6-1 in docs/METRICS-DECISIONS.md): two brands of an
 * agency's token both have an "S0". On the real all-in-one server, in Debian Chromium: b1 is the hand
 * fixture (docs/FIXTURE.md: S0 "Daily picks", 2026-11-19 11:00 UTC, v1 and v9 → 2 viewers); b2 has a
 * finished S0 of its own, "Another S0", earlier the same day (02:00 UTC) with three viewers. Without the
 * brand, `session(id: "S0")` answers the newest — b1's — so b2's page showed b1's session before.
 */
const at = (s: number) => new Date(Date.UTC(2026, 10, 19, 2, 0, s)).toISOString();
const B2_S0 = [
  {
    eventId: 'b2-s0-start',
    sessionId: 'S0',
    type: 'session_start',
    occurredAt: at(0),
    commercerId: 'c20',
    commercerName: 'Rin',
    commercerKind: 'in_house',
    title: 'Another S0',
    platform: 'app',
  },
  ...['z1', 'z2', 'z3'].map((viewerId, i) => ({
    eventId: `b2-s0-join-${viewerId}`,
    sessionId: 'S0',
    type: 'join',
    occurredAt: at(5 + i),
    viewerId,
  })),
  { eventId: 'b2-s0-end', sessionId: 'S0', type: 'session_end', occurredAt: at(120) },
];
const PERIOD = 'period=custom&from=2026-11-19&to=2026-11-20';

describe('two brands of one token with a session of the same id (real server, Chromium)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;

  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    server = await startServer();
    const b1 = await server.createBrand({ id: 'b1', name: 'Sakura Coats', timeZone: 'Asia/Tokyo', currency: 'JPY' });
    const b2 = await server.createBrand({ id: 'b2', name: 'Other Brand', timeZone: 'UTC', currency: 'USD' });
    const agencyToken = await server.createApiKey('READ', ['b1', 'b2']);
    expect(await server.postEvents(b1.ingestKey, handFixture().byBrand.b1)).toMatchObject({ rejected: [] });
    expect(await server.postEvents(b2.ingestKey, B2_S0)).toMatchObject({ accepted: 5, rejected: [] });
    for (const [brand, viewers] of [
      ['b1', 2],
      ['b2', 3],
    ] as const)
      expect(
        await server.readUntil<{ session: { metrics: { uniqueViewers: number } } | null }>(
          `{ session(id: "S0", brandId: "${brand}") { metrics { uniqueViewers } } }`,
          agencyToken,
          (data) => data.session?.metrics.uniqueViewers === viewers,
          100,
        ),
      ).toBe(true);
    browser = await launchBrowser({ baseURL: server.baseURL });
    await presetReadToken(browser.context, agencyToken);
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens b2's S0 from b2's sessions list, with b2's numbers", async () => {
    await page.goto(`/?brand=b2&${PERIOD}`);
    await page.getByTestId('session-row-S0').getByTestId('cell-title').click();
    await page.waitForURL(/\/sessions\/S0\?.*brand=b2/);
    await page.getByTestId('session-title').waitFor();
    expect(await text('session-title')).toBe('Another S0');
    // z1, z2, z3 joined
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-uniqueViewers"]')?.textContent === '3');
  });

  it("opens b1's S0 by a link naming b1, and the newest — b1's — by a link naming no brand", async () => {
    for (const url of [`/sessions/S0?brand=b1&${PERIOD}`, '/sessions/S0']) {
      await page.goto(url);
      await page.getByTestId('session-title').waitFor();
      expect(await text('session-title')).toBe('Daily picks');
      // v1 and v9 (FIXTURE.md)
      await page.waitForFunction(
        () => document.querySelector('[data-testid="kpi-uniqueViewers"]')?.textContent === '2',
      );
    }
  });
});
