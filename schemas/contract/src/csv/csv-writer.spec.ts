import { csvField, neutraliseFormula, toCsv } from './csv-writer.js';

describe('the shared CSV writer', () => {
  it('writes numbers locale-neutral: "." decimals, no thousands separators, no -0; negatives stay numbers', () => {
    expect(csvField(1234567.5)).toBe('1234567.5');
    expect(csvField(0.16666666666666666)).toBe('0.16666666666666666');
    expect(csvField(4400)).toBe('4400');
    expect(csvField(-0)).toBe('0');
    // A number is never a formula: -5 stays -5, so sums and charts over the column still work.
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-12.25)).toBe('-12.25');
  });

  it('leaves null, undefined, non-finite numbers and invalid dates empty; dates as ISO-8601', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvField(new Date('x'))).toBe('');
    expect(csvField(new Date(Date.UTC(2026, 10, 19, 1, 2, 3)))).toBe('2026-11-19T01:02:03.000Z');
  });

  it('quotes a field with a comma, quote or line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('Tanaka, Aki')).toBe('"Tanaka, Aki"');
    expect(csvField('the "navy" coat')).toBe('"the ""navy"" coat"');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('"')).toBe('""""');
    expect(csvField(' 田中 ')).toBe(' 田中 ');
    expect(csvField('')).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it.each([
    ['=HYPERLINK("http://example.invalid","x")', `"'=HYPERLINK(""http://example.invalid"",""x"")"`],
    ['+81 90 1234', `"'+81 90 1234"`],
    ['-5', `"'-5"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=1+1,"x"', `"'=1+1,""x"""`],
  ])('neutralises a cell starting with a formula character: %j', (hostile, written) => {
    expect(csvField(hostile)).toBe(written);
  });

  it('leaves text whose formula character is not first alone', () => {
    expect(neutraliseFormula('Aki =1+1')).toBe('Aki =1+1');
    expect(neutraliseFormula(' =1+1')).toBe(' =1+1');
    expect(csvField('a-b@c')).toBe('a-b@c');
    expect(csvField("'quoted")).toBe("'quoted");
  });

  it('writes the header row and every record ended by CRLF, the header neutralised too', () => {
    expect(
      toCsv({
        header: ['viewerId', 'name', 'sessions', 'share'],
        rows: [
          ['v1', 'Aki, "A"', 3, 0.5],
          ['v2', null, 4, undefined],
          ['v3', '=cmd|" /C calc"!A0', -2, -0.25],
        ],
      }),
    ).toBe(
      'viewerId,name,sessions,share\r\n' +
        'v1,"Aki, ""A""",3,0.5\r\n' +
        'v2,,4,\r\n' +
        `v3,"'=cmd|"" /C calc""!A0",-2,-0.25\r\n`,
    );
    expect(toCsv({ header: ['=x'], rows: [] })).toBe(`"'=x"\r\n`);
  });
});
