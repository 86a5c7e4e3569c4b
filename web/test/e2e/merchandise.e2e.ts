import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { merchFixture } from '@lc/contract/testing';
import type { Locator, Page } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, presetReadToken, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * Issue 8's dashboard on real parts: brand b5's merchandise fixture (docs/FIXTURE.md "Brand b5 —
 * merchandise") posted to the real ingest route, rolled up in the embedded engine, read by the built
 * dashboard in Debian Chromium. Every expected value is worked out by hand from that fixture.
 *
 * M1 "Scarves & gloves" by Yui Mori (c5) starts 2026-11-20 21:00 Tokyo and runs 1,200 s, with three pins:
 * G0 p1 "Cashmere scarf" 60–300 s, G1 p1 re-pinned as "Cashmere scarf (navy)" 300–540 s, G2 p2 "Leather
 * gloves" 840–1200 s. A segment is named by its own pin (D-2: the re-pin renamed p1), so G0 reads
 * "Cashmere scarf" and G1 "Cashmere scarf (navy)"; the Products table shows the latest name. R1–R3 are earlier sessions of the brand (Nov 11, 15, 18,
 * 21:00 Tokyo).
 */

/** M1's day alone (Tokyo). */
const M1_DAY = 'period=custom&from=2026-11-20&to=2026-11-20';
/** R1, R2, R3 and M1 (Tokyo); the previous 10 days hold no session of b5 (R0 is Oct 11). */
const TEN_DAYS = 'period=custom&from=2026-11-11&to=2026-11-20';

/** A downloaded CSV's lines: it must start with a UTF-8 BOM, so Excel reads Japanese names right. */
function readCsv(path: string | null): string[] {
  const text = readFileSync(path ?? '', 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
}

describe('merchandise on the real all-in-one server (b5 fixture)', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;

  const text = async (testId: string, scope: Page | Locator = page): Promise<string> =>
    ((await scope.getByTestId(testId).first().textContent()) ?? '').trim();
  const cells = async (row: Locator): Promise<string[]> =>
    (await row.locator('td').allTextContents()).map((s) => s.trim());
  const rowIds = async (table: string): Promise<(string | null)[]> =>
    page
      .getByTestId(table)
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

  /** Screenshot into web/test-artifacts, and into $SHOTS_DIR when set (for a look by eye). */
  const capture = async (name: string): Promise<void> => {
    const path = await screenshot(page, name);
    const dir = process.env.SHOTS_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    copyFileSync(path, join(dir, `${name}.png`));
  };

  beforeAll(async () => {
    server = await startServer();
    const { readToken, ingestKey } = await server.createBrand({
      id: 'b5',
      name: 'Mori Knits',
      timeZone: 'Asia/Tokyo',
      currency: 'JPY',
    });
    const events = merchFixture().byBrand.b5;
    expect(await server.postEvents(ingestKey, events)).toMatchObject({
      accepted: events.length,
      rejected: [],
    });
    // Rollups follow within the scheduler interval: wait for M1's last refund (after its end) and the period.
    const ready = `{
      session(id: "M1") { metrics { orders netRevenue } pinSegments { segment } }
      brandOverview(brandId: "b5", period: { from: "2026-11-10T15:00:00Z", to: "2026-11-20T15:00:00Z", timeZone: "Asia/Tokyo" }, compare: false) {
        metrics { sessions follows netRevenue }
      }
    }`;
    type Ready = {
      session: { metrics: { orders: number; netRevenue: number }; pinSegments: unknown[] } | null;
      brandOverview: { metrics: { sessions: number; follows: number; netRevenue: number } };
    };
    await server.readUntil<Ready>(
      ready,
      readToken,
      ({ session, brandOverview: { metrics: m } }) =>
        session?.metrics.netRevenue === 35000 &&
        session.pinSegments.length === 3 &&
        m.sessions === 4 &&
        m.follows === 4 &&
        m.netRevenue === 35000,
      150,
    );
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
    await presetReadToken(browser.context, readToken);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the session page draws the run-sheet on the timeline and lists it, sortable and downloadable', async () => {
    await page.goto(`/sessions/M1?${M1_DAY}`);
    await page.getByTestId('session-title').waitFor();
    await page.getByTestId('run-sheet-table').waitFor();
    const bands = page.locator('[data-chart="timeline"] .recharts-reference-area');
    await bands.first().waitFor();
    // One shaded band per pin, labelled with the pin's product name.
    expect(await bands.count()).toBe(3);
    const labels = page.locator('[data-chart="timeline"] .timeline-band-label');
    const names = ['Cashmere scarf', 'Cashmere scarf (navy)', 'Leather gloves'];
    expect(await labels.locator('text').allTextContents()).toEqual(names);
    expect(await labels.locator('title').allTextContents()).toEqual(names); // the whole name on hover
    // The bands sit over minutes 1–5, 5–9 and 14–20 (19 = the last minute, where the chart ends): in
    // pixels, the first two are equally wide and the third is wider than either.
    const widths = await bands.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
    expect(Math.abs(widths[0] - widths[1])).toBeLessThanOrEqual(1);
    expect(widths[2]).toBeGreaterThan(widths[0]);
    // each name is drawn in a box as wide as its band, which cuts it there: it never runs over the next band
    const boxWidths = await labels.evaluateAll((els) => els.map((el) => Number(el.getAttribute('width'))));
    boxWidths.forEach((w, i) => expect(Math.abs(w - widths[i])).toBeLessThanOrEqual(1));
    // Every scale is drawn inside the chart: the watching scale on the left of the plot, the likes' on the
    // right (two hidden axes once pushed the watching scale off the chart's left edge: SessionCharts)
    const chart = (await page.locator('[data-chart="timeline"] .recharts-wrapper').boundingBox())!;
    const plot = (await bands.first().boundingBox())!;
    const yTicks = await page
      .locator('[data-chart="timeline"] .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .evaluateAll((els) =>
        els.map((el) => ({ left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right })),
      );
    const leftOfPlot = yTicks.filter((t) => t.right <= plot.x);
    expect(leftOfPlot.length).toBeGreaterThanOrEqual(2);
    expect(yTicks.length - leftOfPlot.length).toBeGreaterThanOrEqual(2);
    for (const t of yTicks) {
      expect(t.left).toBeGreaterThanOrEqual(chart.x);
      expect(t.right).toBeLessThanOrEqual(chart.x + chart.width);
    }

    // In pin order: product, start–end, Δ viewers, comments/min, clicks, carts, orders, revenue, segment GPM.
    expect(await rowIds('run-sheet-table')).toEqual(['segment-row-0', 'segment-row-1', 'segment-row-2']);
    // G0: watching 3 → 2; 2 comments in 4 min; w1, w2, w3 clicked p1 (3); w1's cart add; o1 8,000; 4 viewers.
    expect(await cells(page.getByTestId('segment-row-0'))).toEqual([
      'Cashmere scarf',
      '01:00 – 05:00',
      '-1',
      '0.5 / min',
      '3',
      '1',
      '1',
      '¥8,000',
      '¥2,000,000',
    ]);
    // G1: 4 → 2; o2 and o3 (60 s after the end) 16,000 over 5 viewers
    expect(await cells(page.getByTestId('segment-row-1'))).toEqual([
      'Cashmere scarf (navy)',
      '05:00 – 09:00',
      '-2',
      '0.5 / min',
      '1',
      '1',
      '2',
      '¥16,000',
      '¥3,200,000',
    ]);
    // G2: 4 → 2; 2 comments in 6 min = 0.33; o4's gloves 2 × 3,000 over 4 viewers
    expect(await cells(page.getByTestId('segment-row-2'))).toEqual([
      'Leather gloves',
      '14:00 – 20:00',
      '-2',
      '0.3 / min',
      '2',
      '2',
      '1',
      '¥6,000',
      '¥1,500,000',
    ]);

    // Revenue, high first: G1 16,000, G0 8,000, G2 6,000 — then low first.
    await page.getByTestId('run-sheet-sort-revenue').click();
    expect(await rowIds('run-sheet-table')).toEqual(['segment-row-1', 'segment-row-0', 'segment-row-2']);
    expect(await page.getByTestId('run-sheet-sort-revenue').locator('xpath=..').getAttribute('aria-sort')).toBe(
      'descending',
    );
    await page.getByTestId('run-sheet-sort-revenue').click();
    expect(await rowIds('run-sheet-table')).toEqual(['segment-row-2', 'segment-row-0', 'segment-row-1']);

    // The CSV holds the rows as sorted on screen, raw values, named by brand and session.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-run-sheet').click()]);
    expect(download.suggestedFilename()).toBe('b5-M1-run-sheet.csv');
    // Built in the browser: RFC 4180 records, each ended by CRLF.
    expect(readFileSync((await download.path()) ?? '', 'utf8').endsWith('\r\n')).toBe(true);
    const lines = readCsv(await download.path());
    expect(lines[0]).toBe(
      'segment,productId,productName,start,end,watchingAtStart,watchingAtEnd,watchingChange,comments,commentsPerMinute,clicks,cartAdds,orders,units,revenue,viewers,segmentGpm,currency',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 8).join(','))).toEqual([
      '2,p2,Leather gloves,840,1200,4,2,-2',
      '0,p1,Cashmere scarf,60,300,3,2,-1',
      '1,p1,Cashmere scarf (navy),300,540,4,2,-2',
    ]);
    expect(lines[1].split(',').slice(-3)).toEqual(['4', '1500000', 'JPY']);

    // Products, most revenue first: p1 32,000 (o1–o4), p2 6,000, p3 2,500 (never pinned).
    expect(await rowIds('session-products-table')).toEqual(['product-row-p1', 'product-row-p2', 'product-row-p3']);
    const p1 = page.getByTestId('product-row-p1');
    // The latest pin's name; 2 pins, 240 + 240 s; 6 impressed, 4 clickers → 66.7%; 4 buyers / 4 clickers.
    expect(await text('cell-product', p1)).toBe('Cashmere scarf (navy)');
    expect(await text('cell-pins', p1)).toBe('2');
    expect(await text('cell-pinnedSeconds', p1)).toBe('8m 00s');
    expect(await text('cell-clickRate', p1)).toBe('66.7%');
    expect(await text('cell-orderRate', p1)).toBe('100.0%');
    expect(await text('cell-revenue', p1)).toBe('¥32,000');
    // p2: 1 buyer of 2 clickers
    expect(await text('cell-orderRate', page.getByTestId('product-row-p2'))).toBe('50.0%');
    expect(await text('cell-product', page.getByTestId('product-row-p3'))).toBe('p3');

    // Traffic sources: ad (w2, w6), follower (w1, w7), unknown (w4's first join had no source, w5 never
    // joined), share (w3). Equal counts by name.
    const sources = page.getByTestId('session-sources-bars');
    expect(
      await sources.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-testid'))),
    ).toEqual([
      'session-sources-bar-ad',
      'session-sources-bar-follower',
      'session-sources-bar-unknown',
      'session-sources-bar-share',
    ]);
    const unknown = page.getByTestId('session-sources-bar-unknown');
    expect(await text('bar-value', unknown)).toBe('2');
    // w4 (o4 14,000) and w5 (o5 2,500) both bought: 2 / 2
    expect(await text('bar-note', unknown)).toBe('100.0% conversion · ¥16,500');
    expect(await cells(page.getByTestId('source-row-share'))).toEqual(['1', '1', '1', '100.0%', '¥8,000', '18m 00s']);

    // The new KPI cards: 3 followers of 7 viewers, 2 shares; refunds 3,000 (o1) + 2,500 (o5, capped) → net 35,000.
    expect(await text('kpi-follows')).toBe('3');
    expect(await text('kpi-followRate')).toBe('42.9%');
    expect(await text('kpi-shares')).toBe('2');
    expect(await text('kpi-refunds')).toBe('¥5,500');
    expect(await text('kpi-netRevenue')).toBe('¥35,000');

    await page.getByTestId('run-sheet-sort-time').click();
    await page.locator('[data-chart="retention"] svg.recharts-surface path.recharts-line-curve').waitFor();
    await capture('merch-session-en');
    await expectNoAxeViolations(page, 'the session page with its run-sheet');
  });

  it('the products page ranks the period’s products by revenue, click rate and order rate', async () => {
    await page.goto(`/?${M1_DAY}`);
    await page.getByTestId('nav-products').click();
    await page.waitForURL(/\/products\?/);
    await page.getByTestId('products-table').waitFor();
    expect(await page.getByTestId('nav-products').getAttribute('aria-current')).toBe('page');
    // Revenue: p1 32,000, p2 6,000, p3 2,500.
    expect(await rowIds('products-table')).toEqual(['product-row-p1', 'product-row-p2', 'product-row-p3']);
    const p1 = page.getByTestId('product-row-p1');
    expect(await text('cell-rank', p1)).toBe('1');
    expect(await text('cell-units', p1)).toBe('4');
    expect(await text('sessions-count', p1)).toBe('1');
    expect(await text('cell-bestCommercer', p1)).toBe('Yui Mori');
    expect(await p1.getByTestId('cell-bestCommercer').locator('a').getAttribute('href')).toBe(
      `/commercers/c5?${M1_DAY}`,
    );
    // The sessions it sold in: the period's session list.
    expect(await p1.getByTestId('cell-sessions').locator('a').getAttribute('href')).toBe(`/?${M1_DAY}`);

    // Click rate: p2 2/2 and p3 1/1 tie at 100% (p2 sold more), then p1 4/6.
    await page.getByTestId('product-ranking').selectOption('clickRate');
    await page.waitForURL(/sort=clickRate/);
    expect(await rowIds('products-table')).toEqual(['product-row-p2', 'product-row-p3', 'product-row-p1']);
    expect(await text('cell-rank', page.getByTestId('product-row-p1'))).toBe('3');
    // Order rate: p1 4/4 and p3 1/1 at 100% (p1 sold more), then p2 1/2.
    await page.getByTestId('product-ranking').selectOption('orderRate');
    await page.waitForURL(/sort=orderRate/);
    expect(await rowIds('products-table')).toEqual(['product-row-p1', 'product-row-p3', 'product-row-p2']);
    // A header sorts too, and the select follows: units 4, 2, 1, low first after a second click.
    await page.getByTestId('products-table-sort-units').click();
    await page.waitForURL(/sort=units&dir=DESC/);
    await page.getByTestId('products-table-sort-units').click();
    await page.waitForURL(/sort=units&dir=ASC/);
    expect(await rowIds('products-table')).toEqual(['product-row-p3', 'product-row-p2', 'product-row-p1']);
    expect(await page.getByTestId('product-ranking').inputValue()).toBe('units');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-products').click()]);
    expect(download.suggestedFilename()).toBe('b5-products-2026-11-20_2026-11-20.csv');
    const lines = readCsv(await download.path());
    expect(lines[0].split(',').slice(-4)).toEqual(['currency', 'sessions', 'bestCommercerId', 'bestCommercerName']);
    expect(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[11], l.split(',').at(-1)])).toEqual([
      ['p1', '32000', 'Yui Mori'],
      ['p2', '6000', 'Yui Mori'],
      ['p3', '2500', 'Yui Mori'],
    ]);

    await page.getByTestId('product-ranking').selectOption('revenue');
    await page.waitForURL(/sort=revenue/);
    await capture('merch-products-en');
    await expectNoAxeViolations(page, 'the products page');

    // Over R1–M1 p2 also sold in R2 (o6, 3,000): 2 sessions, 9,000.
    await page.goto(`/products?${TEN_DAYS}`);
    await page.getByTestId('products-table').waitFor();
    const p2 = page.getByTestId('product-row-p2');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="product-row-p2"] [data-testid="sessions-count"]')?.textContent === '2',
    );
    expect(await text('cell-revenue', p2)).toBe('¥9,000');
  });

  it('the overview shows follows, follow rate, net revenue and the traffic sources of the period', async () => {
    await page.goto(`/?${TEN_DAYS}`);
    await page.getByTestId('kpi-follows').waitFor();
    // R3: w1 follows; M1: w1, w4, w7 → 4 of 2 + 3 + 2 + 7 = 14 views
    expect(await text('kpi-follows')).toBe('4');
    expect(await text('kpi-followRate')).toBe('28.6%');
    // 43,500 − (3,000 R2 + 5,500 M1)
    expect(await text('kpi-netRevenue')).toBe('¥35,000');
    // Nov 1–10 holds no b5 session.
    expect(await text('kpi-follows-previous')).toBe('prev. 0');
    const bars = page.getByTestId('period-sources-bars');
    await bars.waitFor();
    // unknown: R2 3 (no source) + R3 2 + M1 2 = 7; ad R1 1 + M1 2 = 3; follower R1 1 + M1 2 = 3; share 1
    expect(await bars.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-testid')))).toEqual([
      'period-sources-bar-unknown',
      'period-sources-bar-ad',
      'period-sources-bar-follower',
      'period-sources-bar-share',
    ]);
    const unknown = page.getByTestId('period-sources-bar-unknown');
    expect(await text('bar-value', unknown)).toBe('7');
    // w2 bought o6 in R2 (no source there), w4 and w5 in M1: 3 of 7
    expect(await text('bar-note', unknown)).toBe('42.9% conversion · ¥19,500');
    // The previous period beside it: nobody.
    expect(await text('bar-previous', unknown)).toBe('prev. 0');
    await capture('merch-overview-en');
    await expectNoAxeViolations(page, 'the overview with traffic sources');
  });

  it('speaks Japanese on the session and products pages, new panels included', async () => {
    await page.goto(`/sessions/M1?${M1_DAY}`);
    await page.getByTestId('run-sheet-table').waitFor();
    await page.getByTestId('language').selectOption('ja');
    await page.getByText('進行表').first().waitFor();
    await page.locator('[data-chart="timeline"] .recharts-reference-area').first().waitFor();
    await page.locator('[data-chart="retention"] svg.recharts-surface path.recharts-line-curve').waitFor();
    expect(await text('cell-commentsPerMinute', page.getByTestId('segment-row-0'))).toBe('0.5 件/分');
    expect(await text('cell-revenue', page.getByTestId('segment-row-1'))).toBe('￥16,000');
    expect(await page.getByTestId('session-sources-bars').locator('.barlist__label').allTextContents()).toEqual([
      '広告',
      'フォロワー',
      '不明',
      'シェア',
    ]);
    expect(await text('bar-note', page.getByTestId('session-sources-bar-ad'))).toBe('購入率 50.0% · ￥8,000');
    // No English word or raw identifier left in the new panels: what remains after the data (product
    // names as the brand wrote them) and the acronyms Japanese marketers use as is (GPM, CSV) is Japanese.
    const data = ['Cashmere scarf (navy)', 'Cashmere scarf', 'Leather gloves', 'p3', 'GPM', 'CSV'];
    for (const panel of ['run-sheet', 'session-products', 'session-sources']) {
      let words = (await page.getByTestId(panel).innerText()).replace(/\s+/g, ' ');
      for (const d of data) words = words.split(d).join('');
      expect([panel, words.match(/[A-Za-z_]{2,}/g)]).toEqual([panel, null]);
    }
    for (const name of ['follows', 'shares', 'netRevenue', 'refunds']) {
      const label = await page.getByTestId(`kpi-card-${name}`).locator('.kpi__label').textContent();
      expect(label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    await capture('merch-session-ja');
    await expectNoAxeViolations(page, 'the session page in Japanese');

    await page.goto(`/products?${M1_DAY}`);
    await page.getByTestId('products-table').waitFor();
    expect(await text('nav-products')).toBe('商品');
    let words = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const d of [...data, 'Mori Knits', 'Yui Mori', 'Asia/Tokyo']) words = words.split(d).join('');
    expect(words.match(/[A-Za-z_]{2,}/g)).toBeNull();
    await capture('merch-products-ja');
    await expectNoAxeViolations(page, 'the products page in Japanese');
    await page.getByTestId('language').selectOption('en');
  });

  it('loads every page without console errors', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
