import { toCsv } from '../export/csv';
import { cohortsCsv, newVsReturningCsv, regularsCsv, stampsCsv } from './community-csv';

describe('community tables as CSV', () => {
  it('regulars: every row the API sent, and only the header when there are none', () => {
    expect(toCsv(regularsCsv([]))).toBe('viewerId,sessions\r\n');
    const many = Array.from({ length: 25 }, (_, i) => ({ viewerId: `v${i}`, sessions: 3 }));
    expect(regularsCsv(many).rows).toHaveLength(25);
  });

  it('cohorts: a column per later week, shares as plain decimals, then the partial-week flags', () => {
    // Period Mon 9 Nov … Wed 25 Nov: the weeks of the 9th and 16th are whole, the week of the 23rd partial.
    const csv = toCsv(
      cohortsCsv([
        { week: '2026-11-09', size: 3, partial: false, returning: [1 / 3, 0], returningPartial: [false, true] },
        { week: '2026-11-16', size: 5, partial: false, returning: [0.2], returningPartial: [true] },
      ]),
    );
    expect(csv).toBe(
      'week,size,partial,week1,week2,week1Partial,week2Partial\r\n' +
        '2026-11-09,3,false,0.3333333333333333,0,false,true\r\n' +
        // Empty where a cohort has no such later week.
        '2026-11-16,5,false,0.2,,true,\r\n',
    );
    // A cohort of the period's last, partial week has no later week.
    expect(
      toCsv(cohortsCsv([{ week: '2026-11-23', size: 5, partial: true, returning: [], returningPartial: [] }])),
    ).toBe('week,size,partial\r\n2026-11-23,5,true\r\n');
  });

  it('stamps by commercer: a column per stamp, 0 for one a commercer did not get, names quoted when needed', () => {
    const rows = [
      {
        commercer: { id: 'c1', name: 'Tanaka, Aki' },
        stamps: [
          { stamp: 'heart', likes: 10 },
          { stamp: 'like', likes: 5 },
        ],
      },
      { commercer: { id: 'c2', name: 'Mei Sato' }, stamps: [{ stamp: 'like', likes: 1234 }] },
    ];
    expect(toCsv(stampsCsv(rows, ['like', 'heart']))).toBe(
      'commercerId,commercerName,like,heart\r\nc1,"Tanaka, Aki",5,10\r\nc2,Mei Sato,1234,0\r\n',
    );
  });

  it('new vs returning per day', () => {
    expect(toCsv(newVsReturningCsv([{ date: '2026-11-20', newViewers: 3, returningViewers: 1 }]))).toBe(
      'date,newViewers,returningViewers\r\n2026-11-20,3,1\r\n',
    );
  });
});
