import { fitEnds, hasAnyCost, logTicks, monthOf, parseAmount, validateCost } from './host-cost';

const noCost = {
  currency: 'JPY',
  hostCost: null,
  roas: null,
  costPerEngagedViewer: null,
  costPerOrder: null,
  costedSessions: 0,
  costsInOtherCurrencies: [],
};

describe('cost editor checks', () => {
  it('accepts an amount ≥ 0 (thousands separators allowed), a three-letter code and a YYYY-MM month', () => {
    expect(validateCost({ amount: '90,000', currency: 'JPY', month: '2026-11' })).toEqual({});
    expect(parseAmount('90,000')).toBe(90000);
    expect(parseAmount('12.50')).toBe(12.5);
    expect(parseAmount('0')).toBe(0);
  });

  it('names each wrong field with its reason', () => {
    expect(validateCost({ amount: '-5', currency: 'yen', month: '2026-13' })).toEqual({
      amount: 'costErrorAmountNegative',
      currency: 'costErrorCurrency',
      month: 'costErrorMonth',
    });
    expect(validateCost({ amount: '', currency: 'JPYX' })).toEqual({
      amount: 'costErrorAmountMissing',
      currency: 'costErrorCurrency',
    });
    expect(validateCost({ amount: '1e3', currency: 'USD' })).toEqual({ amount: 'costErrorAmountNumber' });
  });
});

describe('kind panel helpers', () => {
  it('shows cost figures only when some cost exists, in the revenue currency or apart', () => {
    expect(hasAnyCost([noCost, noCost])).toBe(false);
    expect(hasAnyCost([noCost, { ...noCost, costsInOtherCurrencies: [{ currency: 'USD', amount: 50 }] }])).toBe(true);
    expect(hasAnyCost([{ ...noCost, hostCost: 6000 }])).toBe(true);
  });

  it("draws the line's ends at a + b · ln(x): a = 0.968, b_k = −0.173 per doubling (the k1 fixture)", () => {
    const b = -0.173 / Math.LN2;
    const [left, right] = fitEnds({ a: 0.968, b }, 2, 32);
    // x = 2: 0.968 − 0.173 × 1 = 0.795; x = 32: 0.968 − 0.173 × 5 = 0.103
    expect(left).toEqual({ x: 2, y: expect.closeTo(0.795, 12) });
    expect(right).toEqual({ x: 32, y: expect.closeTo(0.103, 12) });
    // clamped to a share: x = 1 with a = 1.2 would be 120 %
    expect(fitEnds({ a: 1.2, b: 0 }, 1, 4)[0].y).toBe(1);
  });

  it("takes the month in the brand's zone: 31 October 16:30 UTC is November in Tokyo", () => {
    expect(monthOf('2026-10-31T16:30:00Z', 'Asia/Tokyo')).toBe('2026-11');
    expect(monthOf('2026-10-31T16:30:00Z', 'UTC')).toBe('2026-10');
  });
});

describe('log axis ticks', () => {
  it('marks 1-2-5 steps between the ends, and the ends', () => {
    expect(logTicks(2, 32)).toEqual([2, 5, 10, 20, 32]);
    expect(logTicks(1, 1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });
});
