import { LATER_PERIOD_EXPECTED, laterFixture, laterLatePurchase } from '@lc/contract/testing';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * Issue 13's answer on real parts: brand b13's later-purchase fixture
 * (schemas/contract/src/testing/later-fixture.ts, docs/FIXTURE.md "Brand b13") posted to the real
 * ingest route — duplicates included —, then the purchase that arrives late, rolled up in the
 * embedded engine and read by the built dashboard in Debian Chromium.
 *
 * The period September 2025 (UTC) holds LP1, LP2 (Hana Ito, c13a) and LP3 (Ren Sato, c13b). After the late
 * purchase: 3 of 4 engaged non-buyers bought later (75.0%), 3 of 5 passive ones (60.0%): lift
 * 0.75 / 0.6 = 1.25, said as "1.3×"; later revenue 4,000 + 4,800 + 300 = ¥9,100. All windows closed (2025).
 */
const SEPTEMBER = 'period=custom&from=2025-09-01&to=2025-09-30';

describe('does engagement pay later? on the real all-in-one server (b13 fixture)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;

  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    server = await startServer();
    const { readToken, ingestKey: ingest } = await server.createBrand({
      id: 'b13',
      name: 'Ito Knitwear',
      timeZone: 'UTC',
      currency: 'JPY',
    });
    expect(await server.postEvents(ingest, laterFixture().byBrand.b13)).toMatchObject({ rejected: [] });
    // The rollups follow within the scheduler interval: wait for the period's figures before the late purchase …
    const period = `{ brandOverview(brandId: "b13", period: { from: "2025-09-01T00:00:00Z", to: "2025-10-01T00:00:00Z", timeZone: "UTC" }, compare: false) {
      metrics { sessions laterRevenue } } }`;
    type Ready = { brandOverview: { metrics: { sessions: number; laterRevenue: number } } };
    const waitFor = async (revenue: number) => {
      const reached = await server.readUntil<Ready>(
        period,
        readToken,
        ({ brandOverview: { metrics: m } }) => m.sessions === 3 && m.laterRevenue === revenue,
        150,
      );
      if (!reached) throw new Error(`the period's later revenue never reached ${revenue}`);
    };
    await waitFor(LATER_PERIOD_EXPECTED.before.laterRevenue);
    // … then the purchase that arrives days after its session, which changes LP1's figures
    expect(await server.postEvents(ingest, laterLatePurchase())).toMatchObject({ rejected: [] });
    await waitFor(LATER_PERIOD_EXPECTED.after.laterRevenue);
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    await presetReadToken(browser.context, readToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers on the engagement page in English, with both rates, the lift and the later revenue', async () => {
    await page.goto(`/engagement?${SEPTEMBER}`);
    await page.getByTestId('later-answer').waitFor();
    expect(await text('later-answer')).toBe(
      'Engaged viewers who did not buy bought later at 1.3× the rate of passive ones (28 days).',
    );
    expect(await text('kpi-laterConversionEngaged')).toBe('75.0%');
    expect(await text('kpi-laterConversionPassive')).toBe('60.0%');
    expect(await text('kpi-engagementLift')).toBe('1.25×');
    expect(await text('kpi-laterRevenue')).toBe('¥9,100');
    expect(await text('kpi-engagedNonBuyers')).toBe('4');
    expect(await text('kpi-passiveNonBuyers')).toBe('5');
    // every window of 2025 has closed: nothing marked open
    expect(await page.getByTestId('later-window-open').count()).toBe(0);
    await screenshot(page, 'later-engagement-en');
    await expectNoAxeViolations(page, 'the engagement page with the later-purchase answer');
  });

  it('answers in Japanese', async () => {
    await page.goto(`/engagement?${SEPTEMBER}`);
    await page.getByTestId('later-answer').waitFor();
    await page.getByTestId('language').selectOption('ja');
    await page.getByText('後日購入しました').waitFor();
    expect(await text('later-answer')).toBe(
      '購入しなかったエンゲージ視聴者は、非エンゲージ視聴者の1.3倍の割合で後日購入しました(28日間)。',
    );
    expect(await text('kpi-engagementLift')).toBe('1.25倍');
    expect(await text('kpi-laterRevenue')).toBe('￥9,100');
    await screenshot(page, 'later-engagement-ja');
    await page.getByTestId('language').selectOption('en');
  });

  it('sorts the leaderboard by lift, and says on a profile why there is no lift', async () => {
    await page.goto(`/commercers?${SEPTEMBER}&sort=engagementLift&dir=DESC`);
    await page.getByTestId('leaderboard').waitFor();
    // c13a: (3/4) / (2/4) = 1.50×; c13b has no engaged non-buyer: no lift, listed last
    const rows = page.getByTestId('leaderboard').locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).toEqual([
      'commercer-row-c13a',
      'commercer-row-c13b',
    ]);
    expect(await page.getByTestId('commercer-row-c13a').getByTestId('cell-engagementLift').textContent()).toBe('1.50×');
    expect(await page.getByTestId('commercer-row-c13b').getByTestId('cell-engagementLift').textContent()).toBe('—');

    await page.goto(`/commercers/c13b?${SEPTEMBER}`);
    await page.getByTestId('later-answer').waitFor();
    // LP3: no engaged non-buyer; its one passive non-buyer x8 bought in LP4 → 1 / 1 = 100.0%
    expect(await text('later-answer')).toBe(
      'No engaged viewer left without buying: passive ones bought later at 100.0% (28 days).',
    );
  });

  it('prints the answer in the report, with the lift per commercer', async () => {
    await page.goto(`/report?${SEPTEMBER}`);
    await page.getByTestId('report-commercers').waitFor();
    expect(await text('later-answer')).toBe(
      'Engaged viewers who did not buy bought later at 1.3× the rate of passive ones (28 days).',
    );
    expect(await text('report-lift-c13a')).toBe('1.50×');
  });

  it('loads every page without console errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
