import { fitRowsOfPoints, fitWindowStart, type SessionPoint } from './host-cost.service.js';

/** A session point: (start, id, unique viewers, engaged viewers, currency, revenue, ended by the scope's end). */
const point = (start: string, id: string, viewers: number, engaged: number, ended: number): SessionPoint => [
  start,
  id,
  viewers,
  engaged,
  'JPY',
  0,
  ended,
];

describe('fitRowsOfPoints: the host-cost fit points among a totals read’s session points', () => {
  it('keeps the sessions started in the window that ended by its end, as fitPoints reads them', () => {
    const to = new Date('2026-12-01T00:00:00Z');
    const from = fitWindowStart(to);
    expect(from.toISOString()).toBe('2026-09-02T00:00:00.000Z'); // 90 days before
    const points = [
      point('2026-09-01 23:59:59.999', 'before', 10, 5, 1), // a millisecond before the window: out
      point('2026-09-02 00:00:00.000', 'first', 20, 10, 1), // its first instant: in
      point('2026-10-15 12:00:00.000', 'mid', 40, 10, 1),
      point('2026-11-30 23:00:00.000', 'live', 80, 40, 0), // not ended by the end: out
    ];
    expect(fitRowsOfPoints(points, from)).toEqual([
      { unique_viewers: 20, engaged_viewers: 10 },
      { unique_viewers: 40, engaged_viewers: 10 },
    ]);
    expect(fitRowsOfPoints([], from)).toEqual([]);
  });
});
