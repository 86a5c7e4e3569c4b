import type { LiveEventInput } from '@lc/contract';
import { startApi, type ApiHarness } from './api.harness.js';
import { csvObjects, readCsv } from './support/csv-read.js';

/**
 * Brand bx (UTC, JPY): one session H1 whose every free-text value is hostile (OWASP "CSV injection").
 * The exports must write each as inert text (a leading apostrophe), and keep numbers as numbers.
 *
 *   H1 2026-11-20 10:00Z–10:10Z, commercer "=HYPERLINK(…)", title "+SUM(1,2)"
 *   v1 joins from source "@evil", comments "-2+3", likes ×3 with stamp "=1+1",
 *   p1 "=cmd|…" pinned, v1 buys o1: 2 × 500 JPY = 1000 JPY.
 */
const HOSTILE_NAME = '=HYPERLINK("http://example.invalid","x")';
const HOSTILE_TITLE = '+SUM(1,2)';
const HOSTILE_PRODUCT = '=cmd|"/C calc"!A0';
const HOSTILE_SOURCE = '@evil';
const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

const events: LiveEventInput[] = [
  {
    eventId: 'h1',
    sessionId: 'H1',
    occurredAt: at(0),
    type: 'session_start',
    commercerId: 'hx',
    commercerName: HOSTILE_NAME,
    commercerKind: 'professional',
    title: HOSTILE_TITLE,
    platform: 'tiktok',
  },
  { eventId: 'h2', sessionId: 'H1', occurredAt: at(10), type: 'join', viewerId: 'v1', source: HOSTILE_SOURCE },
  {
    eventId: 'h3',
    sessionId: 'H1',
    occurredAt: at(20),
    type: 'comment',
    viewerId: 'v1',
    author: 'viewer',
    text: '-2+3',
  },
  { eventId: 'h4', sessionId: 'H1', occurredAt: at(30), type: 'like', viewerId: 'v1', count: 3, stamp: '=1+1' },
  {
    eventId: 'h5',
    sessionId: 'H1',
    occurredAt: at(40),
    type: 'product_pin',
    productId: 'p1',
    productName: HOSTILE_PRODUCT,
  },
  {
    eventId: 'h6',
    sessionId: 'H1',
    occurredAt: at(100),
    type: 'purchase',
    viewerId: 'v1',
    orderId: 'o1',
    currency: 'JPY',
    items: [{ productId: 'p1', quantity: 2, unitPrice: '500' }],
  },
  { eventId: 'h7', sessionId: 'H1', occurredAt: at(600), type: 'session_end' },
] as LiveEventInput[];

describe('CSV exports are safe to open in a spreadsheet', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ bx: { timeZone: 'UTC', currency: 'JPY', events } });
  }, 120_000);
  afterAll(async () => api?.close());

  const period = 'brandId=bx&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&timeZone=UTC';
  const csv = async (table: string): Promise<string> => {
    const res = await fetch(`${api.url.replace('/graphql', '')}/export/${table}.csv?${period}`, {
      headers: { authorization: `Bearer ${api.tokens.bx}` },
    });
    expect(res.status).toBe(200);
    return res.text();
  };
  /** No cell of the file may start with a formula character. */
  const expectInert = (text: string) => {
    for (const record of readCsv(text.replace(/^\ufeff/, '')))
      for (const cell of record) if (!/^-?\d/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  };

  it('sessions.csv: the hostile title and commercer name are text, the numbers numbers', async () => {
    const text = await csv('sessions');
    expectInert(text);
    // the raw line shows the RFC 4180 quoting of the neutralised cells
    expect(text).toContain(`H1,"'+SUM(1,2)",hx,"'=HYPERLINK(""http://example.invalid"",""x"")",professional,tiktok,`);
    const [h1] = csvObjects(text);
    expect(h1).toMatchObject({
      title: `'${HOSTILE_TITLE}`,
      commercerName: `'${HOSTILE_NAME}`,
      uniqueViewers: '1',
      revenue: '1000', // 2 × 500
      likes: '3',
      comments: '1',
    });
  });

  it('commercers.csv, products.csv and sources.csv neutralise names and sources', async () => {
    const commercers = await csv('commercers');
    expectInert(commercers);
    expect(csvObjects(commercers)[0]).toMatchObject({ commercerName: `'${HOSTILE_NAME}`, revenue: '1000' });

    const products = await csv('products');
    expectInert(products);
    expect(csvObjects(products)[0]).toMatchObject({
      productId: 'p1',
      productName: `'${HOSTILE_PRODUCT}`,
      units: '2',
      revenue: '1000',
      bestCommercerName: `'${HOSTILE_NAME}`,
    });

    const sources = await csv('sources');
    expectInert(sources);
    expect(csvObjects(sources)).toContainEqual(
      expect.objectContaining({ source: `'${HOSTILE_SOURCE}`, viewers: '1', buyers: '1', revenue: '1000' }),
    );
  });
});
