/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLang } from '../../../lib/i18n';
import { ScopeProvider } from '../../scope/scope';
import { M1_SEGMENTS, M1_SESSION_PRODUCTS } from '../merchandise.fixtures';
import { SessionMerchandise } from './SessionMerchandise';

/**
 * The session page's merchandise section as the reader uses it: the run-sheet of M1 (three pins) sorted
 * by clicking headers and downloaded as shown, the products table, and the empty states in words.
 */

const B5 = { id: 'b5', name: 'Mori Knits', timeZone: 'Asia/Tokyo', currency: 'JPY' };

function answer(overrides: Partial<{ pinSegments: unknown[]; products: unknown[]; trafficSources: unknown[] }> = {}) {
  return {
    session: {
      id: 'M1',
      currency: 'JPY',
      pinSegments: M1_SEGMENTS,
      products: M1_SESSION_PRODUCTS,
      trafficSources: [
        {
          source: 'follower',
          viewers: 2,
          engagedViewers: 1,
          buyers: 1,
          revenue: 8000,
          conversionRate: 0.5,
          avgWatchSeconds: 340,
          currency: 'JPY',
        },
      ],
      ...overrides,
    },
  } as Parameters<typeof SessionMerchandise>[0]['data'];
}

function renderSection(data = answer()) {
  window.history.replaceState(null, '', '/sessions/M1');
  render(
    <ScopeProvider brands={[B5]}>
      <SessionMerchandise sessionId="M1" brandId="b5" data={data} error={undefined} onRetry={() => undefined} />
    </ScopeProvider>,
  );
}

/** Each run-sheet row as product | time | Δ viewers | comments/min | clicks | carts | orders | revenue | GPM. */
const runSheetRows = (): string[][] =>
  within(screen.getByTestId('run-sheet-table'))
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));

/** The blobs handed to the browser's downloads, with their file names. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

/** jsdom's Blob has no text(): read it as bytes (this file's rows are ASCII). */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

beforeEach(() => setLang('en'));
afterEach(() => jest.restoreAllMocks());

describe('run-sheet table', () => {
  it('lists the pins in pin order with mm:ss times, signed changes and money in yen', () => {
    renderSection();
    expect(runSheetRows()).toEqual([
      // G0: watching 3 → 2; 2 comments in 4 min; 8,000 / 4 viewers × 1000
      ['Cashmere scarf', '01:00 – 05:00', '-1', '0.5 / min', '3', '1', '1', '¥8,000', '¥2,000,000'],
      ['Cashmere scarf (navy)', '05:00 – 09:00', '-2', '0.5 / min', '1', '1', '2', '¥16,000', '¥3,200,000'],
      // 2 comments in 6 min = 0.33 → 0.3
      ['Leather gloves', '14:00 – 20:00', '-2', '0.3 / min', '2', '2', '1', '¥6,000', '¥1,500,000'],
    ]);
    const time = screen.getByTestId('run-sheet-sort-time').closest('th');
    expect(time?.getAttribute('aria-sort')).toBe('ascending');
  });

  it('sorts by a clicked header, high first, and flips on a second click', async () => {
    const user = userEvent.setup();
    renderSection();
    await user.click(screen.getByTestId('run-sheet-sort-revenue'));
    // 16,000 > 8,000 > 6,000
    expect(runSheetRows().map((r) => r[7])).toEqual(['¥16,000', '¥8,000', '¥6,000']);
    expect(screen.getByTestId('run-sheet-sort-revenue').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByTestId('run-sheet-sort-time').closest('th')?.getAttribute('aria-sort')).toBe('none');
    await user.click(screen.getByTestId('run-sheet-sort-revenue'));
    expect(runSheetRows().map((r) => r[7])).toEqual(['¥6,000', '¥8,000', '¥16,000']);
    // Clicks 3 (G0), 1 (G1), 2 (G2), high first
    await user.click(screen.getByTestId('run-sheet-sort-clicks'));
    expect(runSheetRows().map((r) => r[1])).toEqual(['01:00 – 05:00', '14:00 – 20:00', '05:00 – 09:00']);
  });

  it('downloads the rows as sorted on screen, named by brand and session', async () => {
    const user = userEvent.setup();
    renderSection();
    const downloads = captureDownloads();
    await user.click(screen.getByTestId('run-sheet-sort-segmentGpm'));
    await user.click(screen.getByTestId('csv-run-sheet'));
    expect(downloads.map((d) => d.name)).toEqual(['b5-M1-run-sheet.csv']);
    const bytes = await bytesOf(downloads[0].blob);
    // A UTF-8 BOM first (Excel), then CRLF records; GPM 3.2 M > 2 M > 1.5 M.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      String.fromCharCode(...bytes.slice(3))
        .split('\r\n')
        .slice(1, 4)
        .map((line) => line.split(',').slice(0, 5).join(',')),
    ).toEqual(['1,p1,Cashmere scarf (navy),300,540', '0,p1,Cashmere scarf,60,300', '2,p2,Leather gloves,840,1200']);
  });

  it('speaks Japanese in its headers and units', () => {
    renderSection();
    act(() => setLang('ja'));
    const headers = within(screen.getByTestId('run-sheet-table'))
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.replace(/[ ▲▼]+$/, ''));
    expect(headers).toEqual([
      '商品',
      '開始 – 終了',
      '視聴者の増減',
      '1分あたりコメント',
      'クリック数',
      'カート追加数',
      '注文数',
      '売上',
      '区間GPM',
    ]);
    expect(runSheetRows()[0].slice(2, 4)).toEqual(['-1', '0.5 件/分']);
    expect(screen.getByTestId('run-sheet').querySelector('h2')?.textContent).toBe('進行表');
  });

  it('says so in words when nothing was pinned or sold', () => {
    renderSection(answer({ pinSegments: [], products: [], trafficSources: [] }));
    expect(screen.getByTestId('run-sheet-empty').textContent).toBe(
      'No product was pinned in this session, so there is no run-sheet.',
    );
    expect(screen.getByTestId('session-products-empty').textContent).toBe(
      'No product activity in this session: nothing was pinned, shown, clicked, added to a cart or bought.',
    );
    expect(screen.getByTestId('session-sources-empty').textContent).toBe('No viewers, so no traffic sources.');
    expect(screen.queryByTestId('csv-run-sheet')).toBeNull();
  });
});

describe('session products table', () => {
  it('ranks by revenue first and by order rate on a header click', async () => {
    const user = userEvent.setup();
    renderSection();
    const ids = () =>
      [...screen.getByTestId('session-products-table').querySelectorAll('tbody tr')].map((tr) =>
        tr.getAttribute('data-testid'),
      );
    expect(ids()).toEqual(['product-row-p1', 'product-row-p2', 'product-row-p3']);
    const p1 = within(screen.getByTestId('product-row-p1'));
    // 4 clickers / 6 impressed; 480 s pinned
    expect(p1.getByTestId('cell-clickRate').textContent).toBe('66.7%');
    expect(p1.getByTestId('cell-pinnedSeconds').textContent).toBe('8m 00s');
    await user.click(screen.getByTestId('session-products-table-sort-orderRate'));
    // p1 1 and p3 1 (tie → more revenue first), p2 1 / 2
    expect(ids()).toEqual(['product-row-p1', 'product-row-p3', 'product-row-p2']);
  });
});
