import { KIND_COSTS, KIND_PERIOD, kindCostFixture } from '@lc/contract/testing';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * Issue 14's dashboard on real parts: brand k1 of kind-cost-fixture.ts posted to the real ingest
 * route, rolled up in the embedded engine, with the fixture's costs set through GraphQL, read by the
 * built dashboard in Debian Chromium at 1280 × 800. Expected values are worked out by hand there.
 */
const NOVEMBER = 'period=custom&from=2026-11-01&to=2026-11-30';

describe('professional vs in-house and host cost on the real all-in-one server (k1 fixture)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;
  let readToken: string;

  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    server = await startServer();
    const keys = await server.createBrand({ id: 'k1', name: 'Kudo Crafts', timeZone: 'Asia/Tokyo', currency: 'JPY' });
    readToken = keys.readToken;
    const events = kindCostFixture().byBrand.k1;
    expect(await server.postEvents(keys.ingestKey, events)).toMatchObject({
      accepted: events.length,
      rejected: [],
    });
    // wait for the rollups: the 10 sessions of November and their 74 + 18 viewers
    const ready = `{ kindComparison(brandId: "k1", period: { from: "${KIND_PERIOD.from}", to: "${KIND_PERIOD.to}" }) {
      kinds { metrics { sessions uniqueViewers } } } }`;
    type Ready = { kindComparison: { kinds: { metrics: { sessions: number; uniqueViewers: number } }[] } };
    await server.readUntil<Ready>(
      ready,
      readToken,
      (data) => {
        const k = data.kindComparison.kinds.map((x) => x.metrics);
        return k[0].sessions === 5 && k[0].uniqueViewers === 74 && k[1].sessions === 5 && k[1].uniqueViewers === 18;
      },
      300,
    );
    for (const f of KIND_COSTS.fees)
      await server.graphql(
        'mutation($c: ID!, $m: String!, $a: Float!, $cur: String!) { setCommercerFee(commercerId: $c, month: $m, amount: $a, currency: $cur) { month } }',
        readToken,
        { c: f.commercerId, m: f.month, a: f.amount, cur: f.currency },
      );
    for (const c of KIND_COSTS.sessionCosts)
      await server.graphql(
        'mutation($s: ID!, $a: Float!, $c: String!) { setSessionCost(sessionId: $s, amount: $a, currency: $c) { sessionId } }',
        readToken,
        { s: c.sessionId, a: c.amount, c: c.currency },
      );
    browser = await launchBrowser({ baseURL: server.baseURL, viewport: { width: 1280, height: 800 } });
    page = browser.page;
    await presetReadToken(browser.context, readToken);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the leaderboard fits 1280 px: it scrolls inside its card, its last column reachable, the name fixed', async () => {
    await page.goto(`/commercers?${NOVEMBER}`);
    // measure the table once it holds its rows and their cost cells (widths change as data arrives)
    await page.getByTestId('commercer-row-ha').getByTestId('cell-roas').filter({ hasText: '×' }).waitFor();
    const box = await page.getByTestId('leaderboard').evaluate((table) => {
      const scroller = table.parentElement as HTMLElement;
      const card = scroller.parentElement as HTMLElement;
      const cardRect = card.getBoundingClientRect();
      return {
        cardRight: cardRect.right,
        pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
        scrollerWidth: scroller.clientWidth,
        tableWidth: table.scrollWidth,
      };
    });
    // the card stays inside the window, the page never scrolls sideways
    expect(box.cardRight).toBeLessThanOrEqual(1280);
    expect(box.pageScrolls).toBe(false);
    // scroll the table to its end inside the card: the last column (and GPM) then lies inside the card
    await page.getByTestId('leaderboard').evaluate((table) => {
      const scroller = table.parentElement as HTMLElement;
      scroller.scrollLeft = scroller.scrollWidth;
    });
    const edges = await page.getByTestId('leaderboard').evaluate((table) => {
      const scroller = table.parentElement as HTMLElement;
      const right = scroller.getBoundingClientRect().right;
      const headers = [...table.querySelectorAll('thead th')];
      const last = headers[headers.length - 1].getBoundingClientRect();
      const gpm = (table.querySelector('[data-testid="sort-gpm"]') as HTMLElement).getBoundingClientRect();
      const name = headers[1].getBoundingClientRect();
      return {
        right,
        lastRight: last.right,
        gpmRight: gpm.right,
        nameLeft: name.left,
        scrollerLeft: scroller.getBoundingClientRect().left,
      };
    });
    expect(edges.lastRight).toBeLessThanOrEqual(edges.right + 1);
    expect(edges.lastRight).toBeLessThanOrEqual(1280);
    expect(edges.gpmRight).toBeLessThanOrEqual(1280);
    // the commercer column stays where it was (sticky), 76 px after the tick boxes
    expect(Math.round(edges.nameLeft - edges.scrollerLeft)).toBe(76);
    await screenshot(page, 'kind-leaderboard-1280');
  });

  it('sorts the leaderboard by ROAS and by engagement vs expected', async () => {
    await page.goto(`/commercers?${NOVEMBER}`);
    await page.getByTestId('sort-roas').click();
    await page.waitForURL(/sort=roas/);
    await page.getByTestId('commercer-row-ha').waitFor();
    const ids = () =>
      page
        .getByTestId('leaderboard')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    // ha 3000/6000 = 0.50×, pa 15000/77500 = 0.19×, then pb and hb without a JPY cost
    expect((await ids()).slice(0, 2)).toEqual(['commercer-row-ha', 'commercer-row-pa']);
    expect(await page.getByTestId('commercer-row-ha').getByTestId('cell-roas').textContent()).toBe('0.50×');
    await page.getByTestId('sort-engagementVsExpected').click();
    await page.waitForURL(/sort=engagementVsExpected/);
    // ha +16.7 pt (0.1665), pb +6.1 (0.0605), hb +2.7, pa −0.7
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="leaderboard"] tbody tr')?.getAttribute('data-testid') ===
        'commercer-row-ha',
    );
    expect(await ids()).toEqual(['commercer-row-ha', 'commercer-row-pb', 'commercer-row-hb', 'commercer-row-pa']);
    expect(await page.getByTestId('commercer-row-pa').getByTestId('cell-engagementVsExpected').textContent()).toBe(
      '−0.7 pt',
    );
  });

  it('shows professional vs in-house: KPI pairs with the previous period, the spread, cost and the scatter', async () => {
    await page.goto(`/commercers?${NOVEMBER}`);
    await page.getByTestId('kind-table').waitFor();
    // engagementRate 20/74 = 27.0 % (prev. 4/12 = 33.3 %); in-house 12/18 = 66.7 % (prev. 4/6 = 66.7 %)
    expect(await text('kind-professional-engagementRate')).toBe('27.0%prev. 33.3%');
    expect(await text('kind-in_house-engagementRate')).toBe('66.7%prev. 66.7%');
    // commentResponseRate 5/11 = 45.5 %, 6/7 = 85.7 %
    expect(await text('kind-professional-commentResponseRate')).toMatch(/^45\.5%/);
    expect(await text('kind-in_house-commentResponseRate')).toMatch(/^85\.7%/);
    // cost: professional ¥77,500 over 3 sessions, ROAS 0.19×; in-house ¥6,000, 0.50×, and 50 USD apart
    expect(await text('kind-professional-hostCost')).toBe('¥77,500sessions with a cost: 3');
    expect(await text('kind-professional-roas')).toBe('0.19×');
    expect(await text('kind-in_house-roas')).toBe('0.50×');
    expect(await text('kind-professional-costPerOrder')).toBe('¥25,833');
    expect(await text('kind-note-in_house')).toContain('$50.00');
    // spread of engagementRate: professional min 12/48 = 25.0 %, median (25.0 + 30.8)/2 = 27.9 %, max 8/26 = 30.8 %
    expect(await text('spread-engagementRate-professional')).toBe('Professional: min 25.0% · median 27.9% · max 30.8%');
    // one dot per commercer on each strip: 2 + 2
    await page.locator('[data-testid="spread-engagementRate"] .recharts-scatter-symbol').first().waitFor();
    expect(await page.locator('[data-testid="spread-engagementRate"] .recharts-scatter-symbol').count()).toBe(4);
    // the scatter: 9 sessions with viewers (Z1 has none) and the brand's line over 13 sessions
    const scatter = page.getByTestId('engagement-scatter');
    await scatter.locator('.recharts-scatter-symbol').first().waitFor();
    expect(await scatter.locator('.recharts-scatter-symbol').count()).toBe(9);
    expect(await scatter.locator('.recharts-reference-line').count()).toBe(1);
    expect(await scatter.textContent()).toContain('13 finished sessions');
    await screenshot(page, 'kind-panel');
  });

  it("the session page's cost editor checks its fields, then saves and shows ROAS", async () => {
    await page.goto(`/sessions/N1?${NOVEMBER}`);
    // N1: its share of pa's fee, 90000 × 3600/7200 = ¥45,000; ROAS 10000/45000 = 0.22×
    await page.getByTestId('session-cost-hostCost').waitFor();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="session-cost-hostCost"]')?.textContent?.includes('45,000'),
    );
    expect(await text('session-cost-hostCost')).toBe("¥45,000 · share of the commercer's monthly fee");
    expect(await text('session-cost-roas')).toBe('0.22×');

    await page.goto(`/sessions/N6?${NOVEMBER}`);
    await page.getByTestId('session-cost-form').waitFor();
    await page.getByTestId('session-cost-amount').fill('-5');
    await page.getByTestId('session-cost-currency').fill('yen');
    await page.getByTestId('session-cost-form-save').click();
    expect(await text('session-cost-amount-error')).toBe('The amount must not be negative.');
    expect(await text('session-cost-currency-error')).toBe('Use a three-letter ISO 4217 code in capitals, e.g. JPY.');
    expect(await page.getByTestId('session-cost-amount').getAttribute('aria-invalid')).toBe('true');
    // valid: 4,000 JPY → ROAS 3000/4000 = 0.75×, cost per order 4000/1
    await page.getByTestId('session-cost-amount').fill('4,000');
    await page.getByTestId('session-cost-currency').fill('JPY');
    await page.getByTestId('session-cost-form-save').click();
    await page.getByTestId('session-cost-form-saved').waitFor();
    expect(await page.getByTestId('session-cost-amount-error').count()).toBe(0);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="session-cost-roas"]')?.textContent === '0.75×',
    );
    expect(await text('session-cost-hostCost')).toBe('¥4,000 · set on this session');
    expect(await text('session-cost-costPerOrder')).toBe('¥4,000');
  });

  it("the commercer profile's fee editor refuses a bad month and shows the fees set", async () => {
    await page.goto(`/commercers/pa?${NOVEMBER}`);
    await page.getByTestId('fee-2026-11').waitFor();
    expect(await text('fee-2026-11')).toContain('¥90,000');
    // pa's November: ¥77,500 over 3 sessions, ROAS 0.19×
    expect(await text('profile-roas')).toBe('0.19×');
    await page.getByTestId('fee-month').fill('2026-13');
    await page.getByTestId('fee-amount').fill('1000');
    await page.getByTestId('fee-form-save').click();
    expect(await text('fee-month-error')).toBe('Use a calendar month as YYYY-MM, e.g. 2026-11.');
    // a fee the client lets through but the API refuses (over 10^12): the API's sentence naming the argument is shown
    await page.getByTestId('fee-month').fill('2026-11');
    await page.getByTestId('fee-amount').fill('10000000000000');
    await page.getByTestId('fee-form-save').click();
    await page.getByTestId('fee-form-problem').waitFor();
    expect(await text('fee-form-problem')).toBe('Not saved: amount must be at most 1000000000000');
    expect(await text('fee-2026-11')).toContain('¥90,000');
  });

  it('speaks Japanese in the panel and the cost editor, and passes axe', async () => {
    await page.goto(`/commercers?${NOVEMBER}`);
    await page.getByTestId('kind-table').waitFor();
    await expectNoAxeViolations(page, 'the commercers page with the kind panel');
    await page.getByTestId('language').selectOption('ja');
    await page.getByText('プロ vs 社内コマーサー').first().waitFor();
    expect(await text('kind-professional-roas')).toBe('0.19倍');
    expect(await text('spread-engagementRate-in_house')).toContain('中央値');
    await page.goto(`/sessions/N5?${NOVEMBER}`);
    await page.getByTestId('session-cost-form').waitFor();
    await page.getByTestId('session-cost-amount').fill('abc');
    await page.getByTestId('session-cost-form-save').click();
    expect(await text('session-cost-amount-error')).toBe('金額は数値で入力してください（例: 90000、12.50）。');
    await expectNoAxeViolations(page, 'a session page with its cost editor (Japanese)');
  });
});
