import { csvField, toCsv } from './csv';

describe('CSV builder', () => {
  it('writes numbers locale-neutral: "." decimals, no thousands separators, no -0', () => {
    expect(csvField(1234567.5)).toBe('1234567.5');
    expect(csvField(0.16666666666666666)).toBe('0.16666666666666666');
    expect(csvField(4400)).toBe('4400');
    expect(csvField(-0)).toBe('0');
    expect(csvField(-12.25)).toBe('-12.25');
  });

  it('leaves null, undefined and non-finite numbers empty', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('quotes a field with a comma, quote or line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('Tanaka, Aki')).toBe('"Tanaka, Aki"');
    expect(csvField('the "navy" coat')).toBe('"the ""navy"" coat"');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('"')).toBe('""""');
    // Nothing to escape: as is, spaces and non-ASCII included.
    expect(csvField(' 田中 ')).toBe(' 田中 ');
    expect(csvField('')).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('writes the header row and every record ended by CRLF', () => {
    expect(
      toCsv({
        header: ['viewerId', 'name', 'sessions', 'share'],
        rows: [
          ['v1', 'Aki, "A"', 3, 0.5],
          ['v2', null, 4, undefined],
        ],
      }),
    ).toBe('viewerId,name,sessions,share\r\nv1,"Aki, ""A""",3,0.5\r\nv2,,4,\r\n');
  });

  it('is only the header row when there are no rows', () => {
    expect(toCsv({ header: ['viewerId', 'sessions'], rows: [] })).toBe('viewerId,sessions\r\n');
  });
});
