import { ratio } from './ratio.js';

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(30, 200)).toBe(0.15);
    expect(ratio(0, 4)).toBe(0);
  });

  it('is null, never 0, NaN or Infinity, when the denominator is 0', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
  });

  it('is null when the numerator is unknown', () => {
    expect(ratio(null, 3)).toBeNull();
  });
});
