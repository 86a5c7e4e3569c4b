import { toCsv } from '../export/csv';
import { cohortsCsv, newVsReturningCsv, regularsCsv, stampsCsv } from './community-csv';

describe('community tables as CSV', () => {
  it('regulars: every row the API sent, and only the header when there are none', () => {
    expect(toCsv(regularsCsv([]))).toBe('viewerId,sessions\r\n');
    const many = Array.from({ length: 25 }, (_, i) => ({ viewerId: `v${i}`, sessions: 3 }));
    expect(regularsCsv(many).rows).toHaveLength(25);
  });

  it('cohorts: a column per later week, shares as plain decimals, empty where a cohort has no such week', () => {
    const csv = toCsv(
      cohortsCsv([
        { week: '2026-11-09', size: 3, returning: [1 / 3, 0] },
        { week: '2026-11-16', size: 5, returning: [0.2] },
      ]),
    );
    expect(csv).toBe('week,size,week1,week2\r\n2026-11-09,3,0.3333333333333333,0\r\n2026-11-16,5,0.2,\r\n');
    expect(toCsv(cohortsCsv([{ week: '2026-11-16', size: 5, returning: [] }]))).toBe('week,size\r\n2026-11-16,5\r\n');
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
