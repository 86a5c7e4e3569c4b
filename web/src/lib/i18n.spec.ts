import { MESSAGES, pluralKey, translator, type MessageKey } from './i18n';

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

  it('labels the report PDF and the email schedules in both languages', () => {
    expect(translator('en')('downloadPdf')).toBe('Download PDF');
    expect(translator('ja')('downloadPdf')).toBe('PDFをダウンロード');
    expect(translator('en')('scheduleWeekly', { weekday: 'Monday', hour: 9, zone: 'Asia/Tokyo' })).toBe(
      'Every Monday at 9:00 (Asia/Tokyo)',
    );
    expect(translator('ja')('scheduleMonthly', { day: 1, hour: 8, zone: 'UTC' })).toBe('毎月1日 8:00（UTC）');
  });

  it('leaves an unknown placeholder visible rather than printing "undefined"', () => {
    expect(translator('en')('weekN')).toBe('Week +{n}');
  });
});

describe('the Japanese dictionary', () => {
  const keys = Object.keys(MESSAGES.en) as MessageKey[];
  // Kana or kanji: a Japanese string, not an English one copied over.
  const japanese = (text: string): boolean => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text);
  // Acronyms Japanese marketers use as they are: GPM, CVR, ROAS.
  const acronym = (text: string): boolean => /^[A-Z]{2,5}$/.test(text);
  /** Strings of placeholders and signs only, the same in both languages. */
  const NO_WORDS: ReadonlySet<MessageKey> = new Set<MessageKey>([
    'periodLabel', // {from} – {to} · {zone}
    'reportFor', // {brand} · {period}
    'noteCount', // {count} / {max}
  ]);
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has every key in Japanese words, never an English string copied over', () => {
    const faults = keys.filter((key) => {
      const ja = MESSAGES.ja[key];
      if (!ja?.trim()) return true;
      return NO_WORDS.has(key) ? ja !== MESSAGES.en[key] : !japanese(ja) && !acronym(ja);
    });
    expect(faults).toEqual([]);
  });

  it('fills the same placeholders as the English string', () => {
    const faults = keys
      .filter((key) => placeholders(MESSAGES.ja[key]).join() !== placeholders(MESSAGES.en[key]).join())
      .map(
        (key) =>
          `${key}: en {${placeholders(MESSAGES.en[key]).join(', ')}} ja {${placeholders(MESSAGES.ja[key]).join(', ')}}`,
      );
    expect(faults).toEqual([]);
  });
});

describe('share links and white-label labels (issue 10)', () => {
  it('read in both languages, with their placeholders filled', () => {
    expect(translator('en')('preparedBy', { agency: 'Hoshi Agency' })).toBe('Prepared by Hoshi Agency');
    expect(translator('ja')('preparedBy', { agency: 'Hoshi Agency' })).toBe('作成：Hoshi Agency');
    expect(translator('en')('shareDays', { n: 7 })).toBe('7 days');
    expect(translator('ja')('shareDays', { n: 7 })).toBe('7日');
    expect(translator('ja')('shareGoneTitle')).toBe('この共有リンクは無効になりました');
    expect(translator('en')('shareStateRevoked')).toBe('Revoked');
  });
});

describe('plural forms', () => {
  it('picks the English singular for exactly one and the plural otherwise, and the one Japanese form always', () => {
    expect([0, 1, 2, 21].map((n) => pluralKey('en', 'recapWaiting', n))).toEqual([
      'recapWaiting_other',
      'recapWaiting_one',
      'recapWaiting_other',
      'recapWaiting_other',
    ]);
    expect([1, 2].map((n) => pluralKey('ja', 'alertsBannerMore', n))).toEqual([
      'alertsBannerMore_other',
      'alertsBannerMore_other',
    ]);
    expect(translator('en')(pluralKey('en', 'alertsBannerMore', 3), { count: 3 })).toBe(
      '3 earlier new alerts: in the list below',
    );
  });
});
