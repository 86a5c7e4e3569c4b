import { handFixture } from '@lc/contract/testing';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './a11y';
import { launchBrowser, screenshot, type BrowserSession } from './harness';
import { startServer, type RunningServer } from './server';

/**
 * Share links and white-label on real parts (issue 10): the hand fixture's brand b1 (Asia/Tokyo, JPY;
 * docs/FIXTURE.md) on the all-in-one server, the built dashboard in Debian Chromium.
 *
 * The shared period is 2026-11-20 (Tokyo), which holds S1 alone: views = S1's 4 unique viewers, and
 * revenue 2900 + 1500 = ¥4,400. S0 (2026-11-19 Tokyo) is outside it.
 */
const DAY = 'period=custom&from=2026-11-20&to=2026-11-20';
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="80" height="40" onload="alert(1)">' +
  '<script>window.__pwned = true</script><rect width="40" height="20" fill="#c2185b"/></svg>';

describe('share links and white-label in the browser', () => {
  let server: RunningServer;
  let browser: BrowserSession;
  let page: Page;
  let readToken: string;
  let shareUrl: string;

  const text = async (testId: string, target: Page = page): Promise<string> =>
    ((await target.getByTestId(testId).first().textContent()) ?? '').trim();

  beforeAll(async () => {
    server = await startServer();
    const keys = await server.createBrand({ id: 'b1', name: 'Sakura Coats', timeZone: 'Asia/Tokyo', currency: 'JPY' });
    readToken = keys.readToken;
    expect(await server.postEvents(keys.ingestKey, handFixture().byBrand.b1)).toMatchObject({ rejected: [] });
    await server.readUntil<{ session: { metrics: { uniqueViewers: number; orders: number } } | null }>(
      '{ session(id: "S1") { metrics { uniqueViewers orders } } }',
      readToken,
      (data) => data.session?.metrics.uniqueViewers === 4 && data.session.metrics.orders === 2,
      100,
    );
    browser = await launchBrowser({ baseURL: server.baseURL });
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the report shows the brand’s white-label, and a share link is created from it', async () => {
    await page.goto(`/report?${DAY}`);
    await page.getByTestId('signin-token').fill(readToken);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('report-kpis').waitFor();
    expect(await text('report-brand')).toBe('Sakura Coats'); // not white-labelled yet

    // The agency (signed in with a read token of the brand) white-labels it: a GIF is refused by content…
    await page.getByTestId('branding-form').locator('summary').click();
    await page.getByTestId('branding-display-name').fill('Sakura Cosmetics');
    await page.getByTestId('branding-agency').fill('Hoshi Agency');
    await page.getByTestId('branding-accent').fill('#c2185b');
    await page
      .getByTestId('branding-logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a\u0001\u0000') });
    await page.getByTestId('branding-save').click();
    await page.getByTestId('branding-message').waitFor();
    expect(await text('branding-message')).toBe(
      'Not saved: logo must be a PNG or an SVG image (its content is neither)',
    );
    // …then the SVG is taken, sanitised
    await page
      .getByTestId('branding-logo')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) });
    await page.getByTestId('branding-save').click();
    await page.getByText('Saved: the report and its share links now show it.').waitFor();
    await page.getByTestId('report-logo').waitFor();
    expect(await text('report-brand')).toBe('Sakura Cosmetics');
    expect(await text('report-agency')).toBe('Prepared by Hoshi Agency');
    // The logo loaded (sanitised SVG, 80 × 40) and ran nothing.
    const logo = page.getByTestId('report-logo');
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="report-logo"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    expect(await logo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth])).toEqual([true, 80]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    const stripe = await page.locator('.report__cover').evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(stripe).toBe('rgb(194, 24, 91)'); // #c2185b
    expect(await text('kpi-views', page)).toBe('4');

    await page.getByTestId('share-label').fill('Weekly for Sakura');
    await page.getByTestId('share-create').click();
    await page.getByTestId('share-url').waitFor();
    shareUrl = await page.getByTestId('share-url').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${server.baseURL}/share/lcs_[\\w-]{32}$`));
    await page.getByTestId('share-table').waitFor();
    const row = page.locator('[data-testid^="share-row-"]').first();
    expect((await row.locator('td').allTextContents()).map((s) => s.trim())).toEqual([
      'Weekly for Sakura',
      expect.stringContaining('2026'),
      'Active',
      '0',
      'never',
      expect.stringContaining('2026'),
      'Revoke',
    ]);
    await screenshot(page, 'report-branded');
    await expectNoAxeViolations(page, 'the branded report with share links');
  });

  it('opens the shared report without sign-in, with the branding, and counts the open', async () => {
    // A new tab: its sessionStorage holds no read token.
    const anonymous = await browser.context.newPage();
    const response = await anonymous.goto(shareUrl);
    expect(response?.status()).toBe(200);
    await anonymous.getByTestId('report-kpis').waitFor();
    expect(await text('report-brand', anonymous)).toBe('Sakura Cosmetics');
    expect(await text('report-agency', anonymous)).toBe('Prepared by Hoshi Agency');
    expect(await text('kpi-views', anonymous)).toBe('4');
    expect(await text('kpi-revenue', anonymous)).toBe('¥4,400');
    expect(await anonymous.getByTestId('signin-token').count()).toBe(0);
    expect(await anonymous.getByTestId('share-links').count()).toBe(0); // no management on the share page
    expect(await text('share-note', anonymous)).toMatch(/^Shared read-only report · valid until /);
    await screenshot(anonymous, 'share-page');
    await expectNoAxeViolations(anonymous, 'the share page');
    await anonymous.close();

    await page.reload();
    await page.getByTestId('share-table').waitFor();
    const cells = await page.locator('[data-testid^="share-row-"]').first().locator('td').allTextContents();
    expect(cells[3].trim()).toBe('1');
    expect(cells[4].trim()).not.toBe('never');
  });

  it('answers 410 with a clear page once revoked, in English and Japanese; an unknown link is 404', async () => {
    await page.locator('[data-testid^="share-revoke-"]').first().click();
    await page.getByText('Revoked', { exact: true }).waitFor();

    const anonymous = await browser.context.newPage();
    const response = await anonymous.goto(shareUrl);
    expect(response?.status()).toBe(410);
    await anonymous.getByTestId('share-gone').waitFor();
    expect(await anonymous.getByTestId('share-gone').textContent()).toContain('This share link is no longer valid');
    await screenshot(anonymous, 'share-gone');
    await expectNoAxeViolations(anonymous, 'the 410 share page');
    await anonymous.getByTestId('language').selectOption('ja');
    expect(await anonymous.getByTestId('share-gone').textContent()).toContain('この共有リンクは無効になりました');
    await anonymous.getByTestId('language').selectOption('en');

    const missing = await anonymous.goto('/share/lcs_doesnotexistdoesnotexistdoesnot');
    expect(missing?.status()).toBe(404);
    await anonymous.getByTestId('share-missing').waitFor();
    await anonymous.close();
  });
});
