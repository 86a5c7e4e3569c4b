import { toCsv } from '../export/csv';
import { sessionCsvFileName } from '../export/csv-export';
import { formatClock, formatSignedInteger } from '../../lib/format';
import { M1_SEGMENTS } from './merchandise.fixtures';
import {
  bandLabel,
  RUN_SHEET_DEFAULT_SORT,
  runSheetBands,
  runSheetCsv,
  sortRunSheet,
  type RunSheetKey,
} from './run-sheet';

/** The segment numbers in the order a sort gives. */
const order = (key: RunSheetKey, direction: 'ASC' | 'DESC'): number[] =>
  sortRunSheet(M1_SEGMENTS, { key, direction }).map((s) => s.segment);

describe('run-sheet sorting (M1: G0 p1 60–300 s, G1 p1 300–540 s, G2 p2 840–1200 s)', () => {
  it('reads in pin order by default, whatever order the rows arrive in', () => {
    const shuffled = [M1_SEGMENTS[2], M1_SEGMENTS[0], M1_SEGMENTS[1]];
    expect(sortRunSheet(shuffled, RUN_SHEET_DEFAULT_SORT).map((s) => s.segment)).toEqual([0, 1, 2]);
    expect(order('time', 'DESC')).toEqual([2, 1, 0]);
  });

  it('sorts by revenue: G1 16,000 > G0 8,000 > G2 6,000', () => {
    expect(order('revenue', 'DESC')).toEqual([1, 0, 2]);
    expect(order('revenue', 'ASC')).toEqual([2, 0, 1]);
  });

  it('sorts by the signed change of viewers; equal changes keep pin order', () => {
    // G0 3 → 2 = -1; G1 4 → 2 = -2; G2 4 → 2 = -2
    expect(order('watchingChange', 'DESC')).toEqual([0, 1, 2]);
    expect(order('watchingChange', 'ASC')).toEqual([1, 2, 0]);
  });

  it('sorts by comments per minute, clicks, carts, orders and segment GPM', () => {
    // 2 / 4 min = 0.5 for G0 and G1, 2 / 6 min = 0.33 for G2
    expect(order('commentsPerMinute', 'DESC')).toEqual([0, 1, 2]);
    expect(order('commentsPerMinute', 'ASC')).toEqual([2, 0, 1]);
    // clicks 3, 1, 2
    expect(order('clicks', 'DESC')).toEqual([0, 2, 1]);
    // cart adds 1, 1, 2
    expect(order('cartAdds', 'DESC')).toEqual([2, 0, 1]);
    // orders 1, 2, 1
    expect(order('orders', 'DESC')).toEqual([1, 0, 2]);
    // 8,000 / 4 × 1000 = 2,000,000; 16,000 / 5 × 1000 = 3,200,000; 6,000 / 4 × 1000 = 1,500,000
    expect(order('segmentGpm', 'DESC')).toEqual([1, 0, 2]);
  });

  it('sorts by product name A to Z', () => {
    // "Cashmere scarf" (G0) < "Cashmere scarf (navy)" (G1) < "Leather gloves" (G2)
    expect(order('product', 'ASC')).toEqual([0, 1, 2]);
    expect(order('product', 'DESC')).toEqual([2, 1, 0]);
  });

  it('puts a segment without a rate last in either direction', () => {
    // A pin and its end at the same instant: no minutes, so no comments per minute, and nobody there.
    const instant = { ...M1_SEGMENTS[0], segment: 3, start: 600, end: 600, commentsPerMinute: null, segmentGpm: null };
    const rows = [instant, ...M1_SEGMENTS];
    expect(sortRunSheet(rows, { key: 'segmentGpm', direction: 'DESC' }).map((s) => s.segment)).toEqual([1, 0, 2, 3]);
    expect(sortRunSheet(rows, { key: 'segmentGpm', direction: 'ASC' }).map((s) => s.segment)).toEqual([2, 0, 1, 3]);
  });
});

describe('run-sheet CSV', () => {
  it('writes the rows in the order on screen, raw values with the API field names', () => {
    const csv = toCsv(runSheetCsv(sortRunSheet(M1_SEGMENTS, { key: 'revenue', direction: 'DESC' }), 'JPY'));
    expect(csv.split('\r\n')).toEqual([
      'segment,productId,productName,start,end,watchingAtStart,watchingAtEnd,watchingChange,comments,commentsPerMinute,clicks,cartAdds,orders,units,revenue,viewers,segmentGpm,currency',
      // The name holds no comma or quote: written as is. 2 comments / 4 minutes = 0.5.
      '1,p1,Cashmere scarf (navy),300,540,4,2,-2,2,0.5,1,1,2,2,16000,5,3200000,JPY',
      '0,p1,Cashmere scarf,60,300,3,2,-1,2,0.5,3,1,1,1,8000,4,2000000,JPY',
      // 2 comments / 6 minutes, unrounded
      '2,p2,Leather gloves,840,1200,4,2,-2,2,0.3333333333333333,2,2,1,2,6000,4,1500000,JPY',
      '',
    ]);
  });

  it('leaves an undefined rate empty and quotes a name with a comma', () => {
    const odd = { ...M1_SEGMENTS[2], productName: 'Gloves, "lined"', commentsPerMinute: null, segmentGpm: null };
    const [, line] = toCsv(runSheetCsv([odd], 'JPY')).split('\r\n');
    expect(line).toBe('2,p2,"Gloves, ""lined""",840,1200,4,2,-2,2,,2,2,1,2,6000,4,,JPY');
  });

  it('names the file by brand and session', () => {
    expect(sessionCsvFileName('run-sheet', 'b5', 'M1')).toBe('b5-M1-run-sheet.csv');
    expect(sessionCsvFileName('products', 'a/b', 'S 1')).toBe('a_b-S_1-products.csv');
  });
});

describe('run-sheet on the timeline', () => {
  it('draws each segment as a band in minutes: 60–300 s is minutes 1–5', () => {
    expect(runSheetBands([M1_SEGMENTS[2], M1_SEGMENTS[0], M1_SEGMENTS[1]])).toEqual([
      { key: 'segment-0', from: 1, to: 5, label: 'Cashmere scarf', title: 'Cashmere scarf' },
      { key: 'segment-1', from: 5, to: 9, label: 'Cashmere scarf (navy)', title: 'Cashmere scarf (navy)' },
      { key: 'segment-2', from: 14, to: 20, label: 'Leather gloves', title: 'Leather gloves' },
    ]);
  });

  it('shortens a long name over its band, by characters (not UTF-16 units)', () => {
    expect(bandLabel('Cashmere scarf (navy)', 10)).toBe('Cashmere …');
    expect(bandLabel('カシミヤのマフラー(ネイビー)', 8)).toBe('カシミヤのマフ…');
    expect(bandLabel('short', 10)).toBe('short');
  });

  it('writes start and end as mm:ss and the change of viewers with its sign', () => {
    expect([60, 300, 540, 840, 1200].map((s) => formatClock(s))).toEqual(['01:00', '05:00', '09:00', '14:00', '20:00']);
    // An hour and 2 min 5 s: the minutes run on, as on a stopwatch.
    expect(formatClock(3725)).toBe('62:05');
    expect(formatClock(59.6)).toBe('01:00');
    expect(formatClock(null)).toBe('—');
    expect([2, -1, 0].map((n) => formatSignedInteger(n))).toEqual(['+2', '-1', '0']);
    expect(formatSignedInteger(-1234, 'ja')).toBe('-1,234');
  });
});
