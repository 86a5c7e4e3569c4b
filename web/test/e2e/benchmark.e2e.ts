import { BENCHMARK_BRANDS, benchmarkFixture } from '@lc/contract/testing';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * The peer benchmark (METRICS.md "Streams of the same size") on the session page, on real parts: the
 * pb1–pb3 fixture posted to the real ingest route, rolled up in the embedded engine, read by the
 * built dashboard in Debian Chromium. The numbers are worked out by hand in
 * schemas/contract/src/testing/benchmark-fixture.ts: T2 (pb2) has 30 peers of 3 brands in the band
 * 50–199; T1 (pb1) only 29, so it shows none.
 */
describe('peer benchmark on the session page (pb1–pb3 fixture)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;

  const text = async (testId: string): Promise<string> =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    server = await startServer();
    const fixture = benchmarkFixture();
    for (const id of BENCHMARK_BRANDS) {
      const { ingestKey: ingest } = await server.createBrand({
        id,
        name: `Brand ${id}`,
        timeZone: 'UTC',
        currency: 'JPY',
      });
      const events = fixture.byBrand[id];
      for (let i = 0; i < events.length; i += 500) {
        const batch = events.slice(i, i + 500);
        expect(await server.postEvents(ingest, batch)).toMatchObject({ accepted: batch.length, rejected: [] });
      }
    }
    const readToken = await server.createApiKey('READ', BENCHMARK_BRANDS);
    // Rollups follow within the scheduler interval: wait until T2's comments benchmark counts all 30 peers.
    type Ready = { session: { metrics: { benchmark: { peers: number } | null } } | null };
    await server.readUntil<Ready>(
      '{ session(id: "T2") { metrics { benchmark(kpi: comments) { peers } } } }',
      readToken,
      (data) => data.session?.metrics.benchmark?.peers === 30,
      300,
    );
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    await presetReadToken(browser.context, readToken);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the benchmark beside each KPI card that has one, in English and Japanese', async () => {
    await page.goto('/sessions/T2');
    await page.getByTestId('kpi-comments-benchmark').waitFor();
    // comments: 100 × (10 + 2/2) / 30 = 36.67 → 37
    expect(await text('kpi-comments-benchmark')).toBe(
      'beats 37 % of streams with 50–199 viewers (last 90 days, 30 streams)',
    );
    // uniqueViewers: 100 × (27 + 2/2) / 30 = 93.33 → 93
    expect(await text('kpi-uniqueViewers-benchmark')).toBe(
      'beats 93 % of streams with 50–199 viewers (last 90 days, 30 streams)',
    );
    // no order, so no average order value and no benchmark of it
    expect(await page.getByTestId('kpi-averageOrderValue-benchmark').count()).toBe(0);
    await screenshot(page, 'session-benchmark');
    await expectNoAxeViolations(page, 'session with benchmarks');

    await page.getByTestId('language').selectOption('ja');
    await page.getByText('視聴者50〜199人の配信の37%を上回る(過去90日・30配信)').first().waitFor();
    expect(await text('kpi-comments-benchmark')).toBe('視聴者50〜199人の配信の37%を上回る(過去90日・30配信)');
    await screenshot(page, 'session-benchmark-ja');
    await page.getByTestId('language').selectOption('en');
  });

  it('shows no benchmark when the band is too small (T1: 29 peers)', async () => {
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('SessionBenchmarks'),
    );
    await page.goto('/sessions/T1');
    // the page has its answer: every KPI's benchmark null
    const body = (await (await answered).json()) as {
      data: { session: { metrics: { benchmarks: { benchmark: unknown }[] } } };
    };
    expect(body.data.session.metrics.benchmarks.filter((b) => b.benchmark !== null)).toEqual([]);
    await page.getByTestId('kpi-comments').waitFor();
    expect(await text('kpi-comments')).toBe('30');
    expect(await page.locator('.kpi__benchmark').count()).toBe(0);
  });
});
