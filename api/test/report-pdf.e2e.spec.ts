import type { INestApplication } from '@nestjs/common';
import { extractText, getDocumentProxy } from 'unpdf';
import { createApiApp } from '../src/api.app.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../src/api.env.js';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

/**
 * GET /export/report.pdf: the report page printed by the real Chromium (/usr/bin/chromium) from the
 * dashboard build (web/dist: `npm run build` first), on the hand fixture (docs/FIXTURE.md).
 *
 * The week 2026-11-16 … 2026-11-22 in Tokyo = [2026-11-15T15:00Z, 2026-11-22T15:00Z) holds b1's S0
 * (11-19) and S1 (11-20): revenue 0 + 4400 = 4400 JPY, shown as ¥4,400.
 */
const WEEK = 'from=2026-11-15T15:00:00Z&to=2026-11-22T15:00:00Z&timeZone=Asia/Tokyo';

async function pdfText(bytes: ArrayBuffer): Promise<{ pages: number; text: string; size: number[] }> {
  // pdf.js takes the buffer over (detaches it): give it a copy
  const pdf = await getDocumentProxy(new Uint8Array(bytes.slice(0)));
  const viewport = (await pdf.getPage(1)).getViewport({ scale: 1 });
  const size = [Math.round(viewport.width), Math.round(viewport.height)];
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  // The font's en dash comes back as U+2012 (figure dash) from text extraction: compare dashes as one.
  return { pages: totalPages, text: text.replace(/\u2012/g, '–'), size };
}

describe('GET /export/report.pdf', () => {
  let h: ApiHarness;
  let base: string;
  const get = (path: string, token: string | null = h.tokens.b1, origin = base) =>
    fetch(`${origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const errorOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

  beforeAll(async () => {
    // Rendering is given 2 minutes here: the machine running the tests is shared and slow at times.
    h = await startApi({}, { logLevel: 'error', reports: { ...DEFAULT_REPORT_SETTINGS, renderTimeoutMs: 120_000 } });
    base = h.url.replace(/\/graphql$/, '');
  }, 180_000);
  afterAll(() => h.close(), 60_000);

  it('prints the brand, the period, its KPIs and page numbers to an A4 PDF', async () => {
    const res = await get(`/export/report.pdf?brandId=b1&${WEEK}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="b1-report-2026-11-16_2026-11-22.pdf"');
    const bytes = await res.arrayBuffer();
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text, size } = await pdfText(bytes);
    // A4 portrait, 210 × 297 mm (Chromium rounds the page box up to whole points: 596 × 843)
    expect(size.map((points) => Math.round((points / 72) * 25.4))).toEqual([210, 297]);
    expect(text).toContain('Brand b1');
    expect(text).toContain('2026-11-16 – 2026-11-22 (Asia/Tokyo)');
    expect(text).toContain('Client report');
    // S0 2 views + S1 4 = 6; unique viewers v1, v9, v2, v3, v4 = 5 (v1 in both); revenue 0 + 4400
    expect(text).toMatch(/Views\s+6\s/);
    expect(text).toMatch(/Unique viewers\s+5\s/);
    expect(text).toContain('¥4,400');
    expect(text).toContain(`Page 1 of ${pages}`);
  }, 180_000);

  it('prints in Japanese with language=ja', async () => {
    const res = await get(`/export/report.pdf?brandId=b1&${WEEK}&language=ja`);
    expect(res.status).toBe(200);
    const { pages, text } = await pdfText(await res.arrayBuffer());
    expect(text).toContain('クライアントレポート');
    expect(text).toContain('2026-11-16 〜 2026-11-22（Asia/Tokyo）');
    expect(text).toContain(`1 / ${pages} ページ`);
  }, 180_000);

  it('is scoped like the CSV exports: another brand is not found, no token is 401', async () => {
    expect((await get(`/export/report.pdf?brandId=b2&${WEEK}`)).status).toBe(404);
    expect((await get(`/export/report.pdf?brandId=b1&${WEEK}`, null)).status).toBe(401);
    // the admin reads any brand
    expect(
      (await get(`/export/report.pdf?brandId=b2&from=2026-11-18T00:00:00Z&to=2026-11-19T00:00:00Z`, ADMIN)).status,
    ).toBe(200);
  }, 180_000);

  it("prints a share link's report with the brand's white-label, and no other period or brand", async () => {
    // b2 (not b1: other tests here read b1's plain name) gets a white-label and a share link for one day
    const DAY = 'from=2026-11-18T00:00:00Z&to=2026-11-19T00:00:00Z&timeZone=UTC';
    const branded = await h.gql(
      `mutation { setBrandBranding(brandId: "b2", input: { displayName: "Maison Nord", agencyName: "Agence Sud", accentColor: "#aa3300" }) { displayName } }`,
      {},
      ADMIN,
    );
    expect(branded.errors).toBeUndefined();
    const created = await h.gql(
      `mutation($expiresAt: DateTime!) { createShareLink(brandId: "b2", label: "client", expiresAt: $expiresAt,
         period: { from: "2026-11-18T00:00:00Z", to: "2026-11-19T00:00:00Z", timeZone: "UTC" }) { token } }`,
      { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const { token } = created.data?.createShareLink as { token: string };

    const res = await get(`/export/report.pdf?brandId=b2&${DAY}`, token);
    expect(res.status).toBe(200);
    const { text } = await pdfText(await res.arrayBuffer());
    expect(text).toContain('Maison Nord');
    expect(text).toContain('Agence Sud');
    expect(text).toContain('2026-11-18 – 2026-11-18 (UTC)');

    // the link opens its own report only: another period is refused, another brand is not found
    const otherDay = await get(
      `/export/report.pdf?brandId=b2&from=2026-11-17T00:00:00Z&to=2026-11-18T00:00:00Z&timeZone=UTC`,
      token,
    );
    expect(otherDay.status).toBe(403);
    expect((await errorOf(otherDay)).field).toBe('period');
    expect((await get(`/export/report.pdf?brandId=b1&${WEEK}`, token)).status).toBe(404);
  }, 180_000);

  it('refuses an invalid period with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['brandId=b1&to=2026-11-22T15:00:00Z', 'from'],
      ['brandId=b1&from=2026-11-15T15:00:00Z', 'to'],
      ['brandId=b1&from=yesterday&to=2026-11-22T15:00:00Z', 'from'],
      // 16:00Z is 01:00 in Tokyo: not the start of a day
      ['brandId=b1&from=2026-11-15T16:00:00Z&to=2026-11-22T15:00:00Z&timeZone=Asia/Tokyo', 'from'],
      ['brandId=b1&from=2026-11-15T15:00:00Z&to=2026-11-22T12:00:00Z&timeZone=Asia/Tokyo', 'to'],
      ['brandId=b1&from=2026-11-22T15:00:00Z&to=2026-11-15T15:00:00Z&timeZone=Asia/Tokyo', 'to'],
      ['brandId=b1&from=2026-11-15T15:00:00Z&to=2026-11-22T15:00:00Z&timeZone=Mars/Olympus', 'timeZone'],
      [`brandId=b1&${WEEK}&language=fr`, 'language'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/export/report.pdf?${query}`);
      expect({ query, status: res.status, field: (await errorOf(res)).field }).toEqual({ query, status: 400, field });
    }
  });

  describe('with other renderer settings on the same engine', () => {
    const apps: INestApplication[] = [];
    async function appWith(reports: Partial<ReportSettings>): Promise<string> {
      const app = await createApiApp({
        gateway: h.engine.gateway,
        logger: false,
        settings: { adminToken: ADMIN, logLevel: 'silent', reports: { ...DEFAULT_REPORT_SETTINGS, ...reports } },
      });
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    }
    afterAll(async () => {
      for (const app of apps) await app.close();
    }, 60_000);

    it('answers 503 naming what to install when Chromium is missing', async () => {
      const origin = await appWith({ chromiumPath: '/nonexistent/chromium' });
      const res = await get(`/export/report.pdf?brandId=b1&${WEEK}`, h.tokens.b1, origin);
      expect(res.status).toBe(503);
      expect((await errorOf(res)).message).toContain('apt-get install chromium fonts-noto-cjk');
    });

    it('answers 504 when rendering takes longer than REPORT_RENDER_TIMEOUT_MS', async () => {
      const origin = await appWith({ renderTimeoutMs: 1 });
      const res = await get(`/export/report.pdf?brandId=b1&${WEEK}`, h.tokens.b1, origin);
      expect(res.status).toBe(504);
      expect((await errorOf(res)).message).toContain('did not render within 1 ms');
    }, 180_000);
  });
});
