import { csvFileName, csvPath } from './csv-export';

describe('CSV export', () => {
  it('asks for the same brand, period and zone as the page', () => {
    const period = { from: '2026-11-18T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z', timeZone: 'Asia/Tokyo' };
    expect(csvPath('sessions', 'b1', period)).toBe(
      '/export/sessions.csv?brandId=b1&from=2026-11-18T15%3A00%3A00.000Z&to=2026-11-20T15%3A00%3A00.000Z&timeZone=Asia%2FTokyo',
    );
  });

  it('names the file by brand, table and days', () => {
    expect(csvFileName('daily', 'b1', '2026-11-19', '2026-11-20')).toBe('b1-daily-2026-11-19_2026-11-20.csv');
    expect(csvFileName('commercers', 'a/b c', '2026-11-19', '2026-11-20')).toBe(
      'a_b_c-commercers-2026-11-19_2026-11-20.csv',
    );
  });
});
