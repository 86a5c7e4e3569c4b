import { existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';
import pino, { type Logger } from 'pino';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { ApiSettings, DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../api.env.js';
import { RenderTokenService } from '../auth/render-token.service.js';
import { footerTemplate, headerTemplate, type Branding, type ReportLanguage } from './report-pdf.rules.js';

/** What to print: a brand's report page for one period (whole days in its zone). */
export interface RenderRequest {
  brandId: string;
  brandName: string;
  period: { from: Date; to: Date; timeZone: string };
  /** The period's first and last days, both included, in `period.timeZone` (the page's `from`/`to`). */
  firstDay: string;
  lastDay: string;
  language: ReportLanguage;
  /** White-label (issue 10); absent: the brand's own name. */
  branding?: Branding;
}

/** The page's own origin: served entirely by the route handler below, never by a network. */
const PAGE_ORIGIN = 'http://report-render.localhost';
/** The repository's dashboard build (api/{src,dist}/modules/reports → web/dist). */
const REPO_WEB_DIR = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
export const CHROMIUM_INSTALL_HINT = 'apt-get install chromium fonts-noto-cjk';

/**
 * Prints the dashboard's report page to an A4 PDF in headless Chromium (docs/API.md, "Agency reports").
 * One browser per process, launched on the first render and again if it dies; each render gets its own
 * context (no cookies or storage shared between brands), at most `renders` at once, and the whole of a
 * render — waiting for a turn included — has `renderTimeoutMs`.
 *
 * The page and its data: the renderer serves the dashboard build itself (`context.route`) on a private
 * origin and forwards the page's /graphql requests over loopback to this process with a render token
 * (render-token.service.ts) for exactly this brand and period, refusing any request naming another brand
 * or period. Every other URL is aborted, so the page reaches nothing outside this process.
 */
@Injectable()
export class ReportRendererService implements OnModuleDestroy {
  private readonly settings: ReportSettings;
  private readonly log: Logger;
  private browser: Promise<Browser> | null = null;
  private closing = false;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    apiSettings: ApiSettings,
    private readonly tokens: RenderTokenService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.settings = apiSettings.reports ?? DEFAULT_REPORT_SETTINGS;
    this.log = pino({ name: 'report-renderer', level: apiSettings.logLevel });
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const browser = this.browser;
    this.browser = null;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  get webDir(): string {
    return this.settings.webDir ?? REPO_WEB_DIR;
  }

  /** The PDF's bytes. Throws UNAVAILABLE (503) without Chromium or the dashboard build, TIMEOUT (504) when too slow. */
  async render(request: RenderRequest): Promise<Buffer> {
    this.checkInstalled();
    const timeoutMs = this.settings.renderTimeoutMs;
    const deadline = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        deadline.abort();
        reject(
          new ApiException(
            ApiErrorCode.TIMEOUT,
            `the report PDF did not render within ${timeoutMs} ms (REPORT_RENDER_TIMEOUT_MS); retry, or narrow the period`,
          ),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.inTurn(() => this.print(request, deadline.signal)), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private checkInstalled(): void {
    const path = this.settings.chromiumPath;
    if (!existsSync(path))
      throw new ApiException(
        ApiErrorCode.UNAVAILABLE,
        `PDF rendering needs Chromium at ${path} (CHROMIUM_PATH): install it with \`${CHROMIUM_INSTALL_HINT}\``,
      );
    if (!existsSync(resolve(this.webDir, 'index.html')))
      throw new ApiException(
        ApiErrorCode.UNAVAILABLE,
        `PDF rendering prints the dashboard build, which is missing at ${this.webDir} (REPORT_WEB_DIR): run \`npm run build\``,
      );
  }

  /** Runs `job` when fewer than `renders` others run. */
  private async inTurn<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.settings.renders) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // the turn passes straight to the next waiter, so `running` stays counted
      if (next) next();
      else this.running--;
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = chromium
        .launch({ executablePath: this.settings.chromiumPath, args: CHROMIUM_ARGS, headless: true })
        .then((browser) => {
          browser.on('disconnected', () => {
            // the next render launches a new one
            if (this.browser === launching) this.browser = null;
            if (!this.closing) this.log.warn('the PDF browser exited; the next render starts a new one');
          });
          return browser;
        });
      this.browser = launching;
      // a failed launch is not kept: the next render tries again
      launching.catch(() => {
        if (this.browser === launching) this.browser = null;
      });
    }
    return this.browser;
  }

  private async print(request: RenderRequest, signal: AbortSignal): Promise<Buffer> {
    let browser: Browser;
    try {
      browser = await this.launch();
    } catch (error) {
      this.log.error({ err: error }, 'Chromium did not start');
      throw new ApiException(
        ApiErrorCode.UNAVAILABLE,
        `Chromium at ${this.settings.chromiumPath} did not start (${firstLine(error)}); install it with \`${CHROMIUM_INSTALL_HINT}\``,
      );
    }
    if (signal.aborted) throw new Error('aborted');
    const context = await browser.newContext({
      locale: request.language === 'ja' ? 'ja-JP' : 'en-US',
      timezoneId: request.period.timeZone,
    });
    const closeOnAbort = () => void context.close().catch(() => undefined);
    signal.addEventListener('abort', closeOnAbort, { once: true });
    try {
      await this.serve(context, request);
      // The dashboard reads its token and language from storage: a placeholder token (the real one is
      // added by the forwarder) and the report's language.
      await context.addInitScript({
        content: `sessionStorage.setItem('lc.readToken', 'report-renderer'); localStorage.setItem('lc.lang', ${JSON.stringify(request.language)});`,
      });
      const page = await context.newPage();
      const search = new URLSearchParams({
        brand: request.brandId,
        period: 'custom',
        from: request.firstDay,
        to: request.lastDay,
        tz: request.period.timeZone,
      });
      await page.goto(`${PAGE_ORIGIN}/report?${search.toString()}`, { waitUntil: 'load' });
      await page.waitForSelector('[data-testid="report-kpis"], [data-testid="error-state"]', { timeout: 0 });
      const failure = await page.$('[data-testid="error-state"]');
      if (failure)
        throw new ApiException(
          ApiErrorCode.INTERNAL,
          `the report page could not load its data: ${((await failure.textContent()) ?? '').trim()}`,
        );
      // the lazy chart chunk and the fonts (Japanese glyphs) before printing
      await page.waitForLoadState('networkidle', { timeout: 0 });
      await page.evaluate('document.fonts.ready.then(() => true)');
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(request),
        footerTemplate: footerTemplate(request),
        margin: { top: '22mm', bottom: '18mm', left: '12mm', right: '12mm' },
      });
    } catch (error) {
      if (signal.aborted) throw new Error('render aborted after its time limit', { cause: error });
      throw error;
    } finally {
      signal.removeEventListener('abort', closeOnAbort);
      await context.close().catch(() => undefined);
    }
  }

  /** Answers every request of the context: the dashboard build, /graphql forwarded with a render token, nothing else. */
  private async serve(context: BrowserContext, request: RenderRequest): Promise<void> {
    const grant = {
      brandId: request.brandId,
      from: request.period.from.toISOString(),
      to: request.period.to.toISOString(),
      timeZone: request.period.timeZone,
      expiresAt: Date.now() + this.settings.renderTimeoutMs + 5_000,
    };
    const token = this.tokens.issue(grant);
    const apiOrigin = this.apiOrigin();
    const root = resolve(this.webDir);
    await context.route('**/*', async (route: Route) => {
      const url = new URL(route.request().url());
      if (url.origin !== PAGE_ORIGIN) return route.abort('blockedbyclient');
      if (url.pathname === '/graphql') {
        const body = route.request().postData() ?? '';
        const refusal = outsideGrant(body, grant);
        if (refusal)
          return route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ errors: [{ message: refusal, extensions: { code: 'FORBIDDEN' } }] }),
          });
        const response = await fetch(`${apiOrigin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        return route.fulfill({
          status: response.status,
          contentType: response.headers.get('content-type') ?? 'application/json',
          body: Buffer.from(await response.arrayBuffer()),
        });
      }
      const file = resolve(root, `.${decodeURIComponent(url.pathname)}`);
      const inside = file.startsWith(root + sep);
      if (inside && existsSync(file) && statSync(file).isFile()) return route.fulfill({ path: file });
      // the dashboard routes in the browser: every other page is its index.html
      return route.fulfill({ path: resolve(root, 'index.html') });
    });
  }

  /** This process's own HTTP address, for the forwarder (the server listens before any render is asked for). */
  private apiOrigin(): string {
    const server = this.adapterHost.httpAdapter.getHttpServer() as { address(): AddressInfo | string | null };
    const address = server.address();
    if (!address || typeof address === 'string')
      throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the API is not listening yet; retry shortly');
    const unspecified = address.address === '0.0.0.0' || address.address === '::';
    const host = unspecified ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }
}

/**
 * Why a /graphql request of the page goes beyond its grant (another brand, another period), or null.
 * The report page names its brand and period in `brandId` and `period`; a query without them (the
 * brands list) is scoped to the grant's brand by the token itself.
 */
export function outsideGrant(body: string, grant: { brandId: string; from: string; to: string }): string | null {
  let request: { query?: unknown; variables?: Record<string, unknown> | null };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return 'the report renderer forwards JSON GraphQL requests only';
  }
  // the page only reads; a render never changes anything
  if (typeof request.query !== 'string' || /^\s*mutation\b/.test(request.query))
    return 'the report renderer forwards queries only';
  const variables = request.variables ?? {};
  if (variables.brandId !== undefined && variables.brandId !== null && variables.brandId !== grant.brandId)
    return 'this render may read its own brand only';
  const period = variables.period as { from?: string; to?: string } | undefined;
  if (
    period &&
    (new Date(period.from ?? '').getTime() !== Date.parse(grant.from) ||
      new Date(period.to ?? '').getTime() !== Date.parse(grant.to))
  )
    return 'this render may read its own period only';
  return null;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
