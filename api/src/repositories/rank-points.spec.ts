import { rankableFromPoints, rankPoints, type PeriodTotalsRow } from './period.repository.js';

type Point = PeriodTotalsRow['session_points'][number];
/** A session point as the totals give it: (start, id, unique viewers, engaged viewers, currency, revenue, ended). */
const point = (id: string, viewers: number, revenue: number): Point => [
  '2026-06-01 10:00:00.000',
  id,
  viewers,
  0,
  'JPY',
  revenue,
  1,
];

describe('rankPoints: the overview’s best and worst sessions from the totals’ session points', () => {
  const points = [
    point('s1', 120, 5000),
    point('s2', 80, 0),
    point('s3', 200, 5000),
    point('s4', 80, 1200.5),
    point('s5', 30, 0),
    // 'é' is 0xC3 0xA9 in UTF-8: after every ASCII id, as the engine orders strings
    point('é1', 80, 0),
  ];

  it('ranks by revenue, ties by id (descending for the best, ascending for the worst)', () => {
    // by hand: 5 000 (s3, s1: s3 first descending), 1 200.5 (s4), 0 (é1, s5, s2 descending; s2, s5, é1 ascending)
    expect(rankPoints(points, 'revenue', 3)).toEqual({ best: ['s3', 's1', 's4'], worst: ['s2', 's5', 'é1'] });
  });

  it('ranks by unique viewers', () => {
    // 200 s3, 120 s1, 80 (é1, s4, s2 descending), 30 s5
    expect(rankPoints(points, 'uniqueViewers', 4)).toEqual({
      best: ['s3', 's1', 'é1', 's4'],
      worst: ['s5', 's2', 's4', 'é1'],
    });
  });

  it('lists every session when there are fewer than asked, and none for none', () => {
    expect(rankPoints(points.slice(0, 2), 'revenue', 3)).toEqual({ best: ['s1', 's2'], worst: ['s2', 's1'] });
    expect(rankPoints([], 'revenue', 3)).toEqual({ best: [], worst: [] });
  });

  it('knows which fields the points carry', () => {
    expect(['revenue', 'uniqueViewers', 'comments', 'constructor'].map(rankableFromPoints)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(() => rankPoints(points, 'comments', 3)).toThrow('no point value for comments');
  });
});
