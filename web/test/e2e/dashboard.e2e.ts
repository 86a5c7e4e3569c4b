import { handFixture } from '@lc/schemas/testing';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * The whole path on real parts: fixture events posted to the real ingest route
 * of the all-in-one server, rolled up in the embedded ClickHouse, read over
 * GraphQL by the built dashboard in Debian Chromium. Expected values are the
 * hand-computed ones of docs/FIXTURE.md, as the dashboard formats them.
 */
describe('dashboard on the real all-in-one server (hand fixture)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let readToken: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = server.adminToken;
    const createBrand = 'mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }';
    await server.graphql(createBrand, admin, {
      i: { id: 'b1', name: 'Sakura Coats', timeZone: 'Asia/Tokyo', currency: 'JPY' },
    });
    await server.graphql(createBrand, admin, {
      i: { id: 'b2', name: 'Other Brand', timeZone: 'UTC', currency: 'USD' },
    });
    const key = async (scope: string, brandIds: string[]) =>
      (
        await server.graphql<{ createApiKey: { secret: string } }>(
          'mutation($s: ApiKeyScope!, $b: [ID!]!) { createApiKey(scope: $s, brandIds: $b) { secret } }',
          admin,
          { s: scope, b: brandIds },
        )
      ).createApiKey.secret;
    readToken = await key('READ', ['b1']);
    const fixture = handFixture();
    expect(await server.postEvents(await key('INGEST', ['b1']), fixture.byBrand.b1)).toMatchObject({
      accepted: 28,
      rejected: [],
    });
    expect(await server.postEvents(await key('INGEST', ['b2']), fixture.byBrand.b2)).toMatchObject({ accepted: 3 });
    // Rollups follow within the scheduler interval; wait until S1 is complete.
    for (let i = 0; i < 100; i++) {
      const data = await server.graphql<{ session: { metrics: { uniqueViewers: number; orders: number } } | null }>(
        '{ session(id: "S1") { metrics { uniqueViewers orders } } }',
        readToken,
      );
      if (data.session?.metrics.uniqueViewers === 4 && data.session.metrics.orders === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchBrowser({ baseURL: server.baseURL });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in with the read token and lists only the brand's sessions with their numbers", async () => {
    const { page } = browser;
    await page.goto('/');
    await page.getByTestId('signin-token').fill(readToken);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('session-row-S1').waitFor();
    expect(await page.getByTestId('session-row-S2').count()).toBe(0);
    const s1 = page.getByTestId('session-row-S1');
    expect(await s1.getByTestId('cell-title').textContent()).toBe('Winter coats');
    expect(await s1.getByTestId('cell-uniqueViewers').textContent()).toBe('4');
    expect(await s1.getByTestId('cell-comments').textContent()).toBe('3');
    expect(await s1.getByTestId('cell-likes').textContent()).toBe('15');
    expect(await s1.getByTestId('cell-orders').textContent()).toBe('2');
    expect(await s1.getByTestId('cell-revenue').textContent()).toBe('¥4,400');
    expect(await s1.getByTestId('cell-start').textContent()).toContain('Nov 20, 2026 20:00');
    expect(await page.getByTestId('session-row-S0').getByTestId('cell-uniqueViewers').textContent()).toBe('2');
    await screenshot(page, 'real-overview');
  });

  it('shows the session page with the hand-computed KPIs', async () => {
    const { page } = browser;
    await page.getByTestId('session-row-S1').getByTestId('cell-title').click();
    await page.getByTestId('kpi-uniqueViewers').waitFor();
    const kpi = async (name: string) => (await page.getByTestId(`kpi-${name}`).textContent())?.trim();
    expect(await page.getByTestId('session-title').textContent()).toBe('Winter coats');
    expect(await kpi('uniqueViewers')).toBe('4');
    expect(await kpi('peakConcurrentViewers')).toBe('2');
    expect(await kpi('totalWatchSeconds')).toBe('12m 30s'); // 750 s
    expect(await kpi('avgWatchSeconds')).toBe('3m 08s'); // 187.5 s, rounded
    expect(await kpi('engagementRate')).toBe('100.0%');
    expect(await kpi('conversionRate')).toBe('50.0%');
    expect(await kpi('cartConversionRate')).toBe('50.0%');
    expect(await kpi('revenue')).toBe('¥4,400');
    expect(await kpi('averageOrderValue')).toBe('¥2,200');
    expect(await kpi('gpm')).toBe('¥1,100,000');
    expect(await kpi('lateJoiners')).toBe('2');
    expect(await kpi('commentResponseRate')).toBe('66.7%');
    expect(await kpi('medianResponseSeconds')).toBe('35s');
    await screenshot(page, 'real-session');
  });

  it('shows — for a ratio with a zero denominator (S0 has no orders)', async () => {
    const { page } = browser;
    await page.goto('/sessions/S0');
    await page.getByTestId('kpi-averageOrderValue').waitFor();
    expect((await page.getByTestId('kpi-averageOrderValue').textContent())?.trim()).toBe('—');
    expect((await page.getByTestId('kpi-conversionRate').textContent())?.trim()).toBe('0.0%');
  });

  it("does not show another brand's session, even by URL", async () => {
    const { page } = browser;
    await page.goto('/sessions/S2');
    await page.getByTestId('session-not-found').waitFor();
  });

  it('refuses a wrong token with a message and keeps the sign-in form', async () => {
    const other = await launchBrowser({ baseURL: server.baseURL });
    try {
      await presetReadToken(other.context, 'lcr_wrong');
      await other.page.goto('/');
      await other.page.getByTestId('auth-error').waitFor();
      expect(await other.page.getByTestId('auth-error').textContent()).toContain(
        'The API rejected that read token (UNAUTHENTICATED)',
      );
    } finally {
      await other.close();
    }
  });

  it('loads the page without console errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
