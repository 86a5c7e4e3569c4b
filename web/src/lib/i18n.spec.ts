import { translator } from './i18n';

describe('translator', () => {
  it('fills placeholders in either language', () => {
    expect(translator('en')('previous', { value: '¥0' })).toBe('prev. ¥0');
    expect(translator('ja')('previous', { value: '¥0' })).toBe('前期間 ¥0');
    expect(translator('ja')('navOverview')).toBe('概要');
  });

  it('labels KPIs from the KPI catalogue, in both languages', () => {
    expect(translator('en')('kpi_uniqueViewers')).toBe('Unique viewers');
    expect(translator('ja')('kpi_uniqueViewers')).toBe('ユニーク視聴者');
    expect(translator('ja')('kpi_regulars')).toBe('常連');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translator('en')('weekN')).toBe('Week +{n}');
  });
});
