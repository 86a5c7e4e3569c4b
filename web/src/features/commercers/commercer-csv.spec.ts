import { toCsv } from '../export/csv';
import { commercerDailyCsv, commercerSessionsCsv } from './commercer-csv';

describe('commercer profile tables as CSV', () => {
  it('days with the columns of the server daily.csv; a ratio without a denominator is empty', () => {
    const csv = toCsv(
      commercerDailyCsv([
        {
          date: '2026-11-20',
          sessions: 1,
          views: 4,
          uniqueViewers: 4,
          comments: 3,
          likes: 15,
          orders: 2,
          revenue: 4400,
          engagementRate: 1,
          conversionRate: 0.5,
          newViewers: 3,
          returningViewers: 1,
        },
        {
          date: '2026-11-21',
          sessions: 0,
          views: 0,
          uniqueViewers: 0,
          comments: 0,
          likes: 0,
          orders: 0,
          revenue: 0,
          engagementRate: null,
          conversionRate: null,
          newViewers: 0,
          returningViewers: 0,
        },
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      'date,sessions,views,uniqueViewers,comments,likes,orders,revenue,engagementRate,conversionRate,newViewers,returningViewers',
      '2026-11-20,1,4,4,3,15,2,4400,1,0.5,3,1',
      '2026-11-21,0,0,0,0,0,0,0,,,0,0',
      '',
    ]);
  });

  it('session history with raw numbers, not the formatted ¥1,234,568', () => {
    const csv = toCsv(
      commercerSessionsCsv([
        {
          id: 'S1',
          brandId: 'b1',
          title: 'Winter coats, "navy"',
          startedAt: '2026-11-20T11:00:00.000Z',
          isLive: false,
          currency: 'JPY',
          commercer: { id: 'c1', name: 'Aki Tanaka', kind: 'professional' },
          metrics: { uniqueViewers: 4, engagementRate: 1, conversionRate: 0.5, revenue: 1234567.5 },
        },
      ]),
    );
    expect(csv).toBe(
      'sessionId,title,startedAt,uniqueViewers,engagementRate,conversionRate,revenue,currency\r\n' +
        'S1,"Winter coats, ""navy""",2026-11-20T11:00:00.000Z,4,1,0.5,1234567.5,JPY\r\n',
    );
  });
});
