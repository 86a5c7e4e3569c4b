import { commercerSessionsCsv } from '../commercers/commercer-csv';
import { stampsCsv } from '../community/community-csv';
import { toCsv } from './csv';

// The writer's own cases are in @lc/contract (csv-writer.spec.ts); here: the dashboard's downloads go through it.
describe('browser CSV downloads', () => {
  it('neutralise a hostile session title and keep negative numbers as numbers', () => {
    const csv = toCsv(
      commercerSessionsCsv([
        {
          id: 'S1',
          title: '=HYPERLINK("http://example.invalid","x")',
          startedAt: '2026-11-19T10:00:00.000Z',
          currency: 'JPY',
          metrics: { uniqueViewers: 4, engagementRate: 0.5, conversionRate: null, revenue: -300 },
        },
        {
          id: 'S2',
          title: '@Sale -50%',
          startedAt: '2026-11-20T10:00:00.000Z',
          currency: 'JPY',
          metrics: { uniqueViewers: 0, engagementRate: null, conversionRate: null, revenue: 0 },
        },
      ] as Parameters<typeof commercerSessionsCsv>[0]),
    );
    expect(csv.split('\r\n')).toEqual([
      'sessionId,title,startedAt,uniqueViewers,engagementRate,conversionRate,revenue,currency',
      `S1,"'=HYPERLINK(""http://example.invalid"",""x"")",2026-11-19T10:00:00.000Z,4,0.5,,-300,JPY`,
      `S2,"'@Sale -50%",2026-11-20T10:00:00.000Z,0,,,0,JPY`,
      '',
    ]);
  });

  it('neutralise hostile stamp names in the header and commercer names in the rows', () => {
    const csv = toCsv(
      stampsCsv(
        [
          {
            commercer: { id: 'c1', name: '-Aki' },
            stamps: [{ stamp: '=1+1', likes: 3 }],
          },
        ] as Parameters<typeof stampsCsv>[0],
        ['=1+1', 'heart'],
      ),
    );
    // c1 used "=1+1" 3 times and "heart" never (0)
    expect(csv).toBe(`commercerId,commercerName,"'=1+1",heart\r\nc1,"'-Aki",3,0\r\n`);
  });
});
