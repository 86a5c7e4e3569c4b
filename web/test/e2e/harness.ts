import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { STORAGE_KEY } from '../../src/features/auth/token.store';

/**
 * Headless Chromium for browser tests. Playwright's own browser download is blocked here, so this
 * drives the distro's Chromium; the flags keep it from phoning home or needing a GPU/sandbox in a
 * container, and a throwaway profile keeps runs independent.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** git-ignored; CI can upload it when a browser test fails. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far: a clean page leaves this empty. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Prefixed to relative page.goto() URLs, e.g. the all-in-one server's http://127.0.0.1:<port>. */
  baseURL?: string;
  viewport?: { width: number; height: number };
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const profileDir = mkdtempSync(join(tmpdir(), 'lc-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: options.baseURL,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    // Fixed so date/number rendering does not depend on the machine running the test.
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  // A persistent context opens with one blank tab; reuse it rather than leaving it behind.
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Saves a PNG into web/test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safeName = name.replace(/[^a-zA-Z0-9._-]+/g, '-');
  const path = join(ARTIFACTS_DIR, `${safeName}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}

/**
 * Puts a read token in sessionStorage before the app boots, to skip the sign-in form. It applies to
 * every later navigation of the context too, so a test of signing out should not use it.
 */
export async function presetReadToken(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript(([key, value]) => window.sessionStorage.setItem(key, value), [
    STORAGE_KEY,
    token,
  ] as const);
}

/**
 * The texts the page's charts draw (ticks, labels) that stick out of their chart's box, as
 * `chart: "text" left–right outside left–right`; none is cut off at a chart's edge when this is empty.
 */
export async function chartTextOutside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const outside: string[] = [];
    for (const chart of document.querySelectorAll('.recharts-wrapper')) {
      const box = chart.getBoundingClientRect();
      const name = chart.closest('[data-chart]')?.getAttribute('data-chart') ?? 'chart';
      for (const text of chart.querySelectorAll('text')) {
        const r = text.getBoundingClientRect();
        if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5))
          outside.push(
            `${name}: "${text.textContent}" ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`,
          );
      }
    }
    return outside;
  });
}
