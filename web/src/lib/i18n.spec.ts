import { translator } from './i18n';

describe('translator', () => {
  it('fills placeholders in either language', () => {
    expect(translator('en')('previous', { value: '¥0' })).toBe('prev. ¥0');
    expect(translator('ja')('previous', { value: '¥0' })).toBe('前期間 ¥0');
    expect(translator('ja')('navOverview')).toBe('概要');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translator('en')('weekN')).toBe('Week +{n}');
  });
});
