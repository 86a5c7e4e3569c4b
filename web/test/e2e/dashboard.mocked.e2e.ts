import type { Page } from 'playwright-core';
import { demoBrand, demoSessions } from './demo.fixtures';
import { mockGraphql, unauthenticatedBody, type GraphqlResponder } from './graphql-mock';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startPreview, type Preview } from './preview';

/**
 * The built dashboard in real Chromium against a mocked /graphql: checks wiring, formatting and
 * every UI state. Expected strings are computed by hand from demo.fixtures.
 */

const TOKEN = 'read-token-e2e';

const demoApi: GraphqlResponder = (call) => {
  if (call.operationName === 'Overview') {
    return { body: { data: { brands: [demoBrand], sessions: demoSessions } } };
  }
  if (call.operationName === 'SessionDetail') {
    const session = demoSessions.find((s) => s.id === call.variables.id) ?? null;
    return { body: { data: { brands: [demoBrand], session } } };
  }
  return { status: 400, body: { errors: [{ message: `unmocked operation ${call.operationName}` }] } };
};

let preview: Preview;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  preview = await startPreview();
});

afterAll(async () => {
  await preview?.stop();
});

beforeEach(async () => {
  browser = await launchBrowser({ baseURL: preview.url });
  page = browser.page;
});

afterEach(async () => {
  await browser?.close();
});

test('sign in, see the overview, open a session', async () => {
  const calls = await mockGraphql(page, demoApi);
  await page.goto('/');

  await page.getByTestId('signin-token').fill(TOKEN);
  await screenshot(page, 'signin');
  await page.getByTestId('signin-submit').click();

  const row = page.getByTestId('session-row-s-107');
  await row.waitFor();
  expect(await row.getByTestId('cell-uniqueViewers').textContent()).toBe('12,345');
  // ¥2,934,800 — JPY has no decimals
  expect(await row.getByTestId('cell-revenue').textContent()).toBe('¥2,934,800');
  // 10:00Z + 9 h in Tokyo
  expect(await row.getByTestId('cell-start').textContent()).toBe('Jan 17, 2025 19:00 GMT+9');
  expect(await row.getByTestId('cell-kind').textContent()).toBe('In-house');
  expect(await page.getByTestId('session-row-s-108').getByTestId('live-badge').count()).toBe(1);
  // One bar per session (the zero-viewer rehearsal draws a zero-height bar, which recharts skips).
  await page.locator('[data-testid="viewers-chart"] .recharts-bar-rectangle').first().waitFor();
  expect(await page.locator('[data-testid="viewers-chart"] .recharts-bar-rectangle path').count()).toBe(5);
  await screenshot(page, 'overview');

  expect(calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);

  await row.getByTestId('cell-title').click();
  await page.getByTestId('session-title').waitFor();
  expect(page.url()).toBe(`${preview.url}/sessions/s-107`);
  expect(await page.getByTestId('session-title').textContent()).toBe('Spring skincare preview');
  expect(await page.getByTestId('live-badge').count()).toBe(0);
  expect(await page.getByTestId('kpi-uniqueViewers').textContent()).toBe('12,345');
  // 431 / 12,345 = 0.03491… → 3.5%
  expect(await page.getByTestId('kpi-conversionRate').textContent()).toBe('3.5%');
  // 2,934,800 / 466 = 6,297.85… → ¥6,298
  expect(await page.getByTestId('kpi-averageOrderValue').textContent()).toBe('¥6,298');
  // 10,360,000 / 12,345 = 839.2 s → 839 s = 13 m 59 s
  expect(await page.getByTestId('kpi-avgWatchSeconds').textContent()).toBe('13m 59s');
  // 9,876 comments / 75 min = 131.68 → 131.7
  expect(await page.getByTestId('kpi-chatRate').textContent()).toBe('131.7 / min');
  await screenshot(page, 'session');

  await page.goBack();
  await page.getByTestId('sessions-table').waitFor();
  expect(browser.pageErrors).toEqual([]);
});

test('a reload on a session URL works and shows dashes for undefined ratios', async () => {
  await presetReadToken(browser.context, TOKEN);
  await mockGraphql(page, demoApi);
  await page.goto('/sessions/s-104');
  await page.getByTestId('kpi-uniqueViewers').waitFor();
  expect(await page.getByTestId('kpi-uniqueViewers').textContent()).toBe('0');
  expect(await page.getByTestId('kpi-conversionRate').textContent()).toBe('—');
  expect(await page.getByTestId('kpi-gpm').textContent()).toBe('—');
  expect(await page.getByTestId('kpi-revenue').textContent()).toBe('¥0');
  await screenshot(page, 'session-zero');
  expect(browser.pageErrors).toEqual([]);
});

test('a live session shows its badge', async () => {
  await presetReadToken(browser.context, TOKEN);
  await mockGraphql(page, demoApi);
  await page.goto('/sessions/s-108');
  await page.getByTestId('session-title').waitFor();
  expect(await page.getByTestId('live-badge').textContent()).toBe('Live');
  expect(await page.getByTestId('session-times').textContent()).toBe(
    'Started Jan 20, 2025 20:00 GMT+9 · still running',
  );
});

test('an unknown session says so', async () => {
  await presetReadToken(browser.context, TOKEN);
  await mockGraphql(page, demoApi);
  await page.goto('/sessions/nope');
  await page.getByTestId('session-not-found').waitFor();
});

test('no sessions yet: the empty state says how to get data', async () => {
  await presetReadToken(browser.context, TOKEN);
  await mockGraphql(page, () => ({ body: { data: { brands: [demoBrand], sessions: [] } } }));
  await page.goto('/');
  const empty = page.getByTestId('sessions-empty');
  await empty.waitFor();
  expect(await empty.textContent()).toBe(
    'No sessions yet — post events to /v1/events or run npm start to load demo data',
  );
  await screenshot(page, 'overview-empty');
});

test('a refused token returns to sign-in with a clear error', async () => {
  await mockGraphql(page, () => ({ body: unauthenticatedBody() }));
  await page.goto('/');
  await page.getByTestId('signin-token').fill('wrong-token');
  await page.getByTestId('signin-submit').click();
  const error = page.getByTestId('auth-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('UNAUTHENTICATED');
  expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  await screenshot(page, 'signin-rejected');
});

test('an HTTP 401 is treated as a refused token too', async () => {
  await presetReadToken(browser.context, TOKEN);
  await mockGraphql(page, () => ({ status: 401, body: unauthenticatedBody() }));
  await page.goto('/');
  await page.getByTestId('auth-error').waitFor();
});

test('an unreachable API says to start the server, and retry recovers', async () => {
  await presetReadToken(browser.context, TOKEN);
  let up = false;
  await mockGraphql(page, (call) => (up ? demoApi(call) : 'network-down'));
  await page.goto('/');
  const error = page.getByTestId('error-state');
  await error.waitFor();
  expect(await error.getAttribute('data-kind')).toBe('network');
  expect(await error.textContent()).toContain('npm start');
  await screenshot(page, 'overview-network-error');

  up = true;
  await page.getByTestId('error-retry').click();
  await page.getByTestId('sessions-table').waitFor();
});

test('sign out forgets the token', async () => {
  await mockGraphql(page, demoApi);
  await page.goto('/');
  await page.getByTestId('signin-token').fill(TOKEN);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('sessions-table').waitFor();
  await page.getByTestId('signout').click();
  await page.getByTestId('signin-form').waitFor();
  expect(await page.evaluate(() => window.sessionStorage.length)).toBe(0);
  expect(await page.getByTestId('auth-error').count()).toBe(0);
});

test('with several brands, the brand filter narrows the list through the URL', async () => {
  await presetReadToken(browser.context, TOKEN);
  const otherBrand = { ...demoBrand, id: 'brand-hudson', name: 'Hudson Outfitters', timeZone: 'America/New_York' };
  const calls = await mockGraphql(page, (call) => {
    const sessions = call.variables.brandId === otherBrand.id ? [] : demoSessions;
    return { body: { data: { brands: [demoBrand, otherBrand], sessions } } };
  });
  await page.goto('/');
  await page.getByTestId('sessions-table').waitFor();
  expect(await page.getByTestId('session-row-s-107').getByTestId('cell-brand').textContent()).toBe('Sakura Cosmetics');

  await page.getByTestId('brand-filter').selectOption(otherBrand.id);
  await page.getByTestId('sessions-empty').waitFor();
  expect(page.url()).toBe(`${preview.url}/?brand=brand-hudson`);
  expect(calls.at(-1)?.variables).toEqual({ brandId: 'brand-hudson', first: 50 });
  expect(await page.locator('.page-header .muted').textContent()).toBe('Hudson Outfitters · times in America/New_York');
});
