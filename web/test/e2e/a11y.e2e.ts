import { expectNoAxeViolations } from './a11y';
import { launchBrowser, type BrowserSession } from './harness';

/**
 * The scan helper itself, on pages made here: it must find a known fault and name it readably, and
 * pass a clean page. Without this, a helper that silently ran no rules would let every page pass.
 */

let browser: BrowserSession;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><title>a11y check</title></head><body><main>${body}</main></body></html>`;

describe('expectNoAxeViolations', () => {
  it('lists each violation with its id, impact, element selector and finding', async () => {
    // #8a90a0 on white: relative luminances 0.279 and 1 → (1 + 0.05) / (0.279 + 0.05) = 3.19, under 4.5.
    await browser.page.setContent(
      page(
        '<p id="faint" style="color:#8a90a0;background:#fff;font-size:12px">Faint hint</p>' +
          '<img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      ),
    );
    const failure = await expectNoAxeViolations(browser.page, 'a test page').then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toContain('axe found 2 WCAG 2.1 A/AA rule violations (2 elements) on a test page');
    // Worst first: a missing alt text is critical, the contrast serious.
    expect(failure).toMatch(/ {2}image-alt \(critical, 1 elements\): [^\n]+ — https:\/\/\S+\n {4}#chart\n/);
    expect(failure).toMatch(/ {2}color-contrast \(serious, 1 elements\): [^\n]+ — https:\/\/\S+\n {4}#faint\n/);
    expect(failure).toContain('insufficient color contrast of 3.19 (foreground color: #8a90a0');
    expect(failure!.indexOf('image-alt')).toBeLessThan(failure!.indexOf('color-contrast'));
  });

  it('passes a page without faults', async () => {
    await browser.page.setContent(page('<h1>Readable</h1><p style="color:#6a7083">A hint at 4.9:1 on white.</p>'));
    await expect(expectNoAxeViolations(browser.page, 'a clean page')).resolves.toBeUndefined();
  });
});
