import { buildScope, type Brand } from './scope';

const BRANDS: Brand[] = [
  { id: 'b1', name: 'Sakura Coats', timeZone: 'Asia/Tokyo', currency: 'JPY' },
  { id: 'b2', name: 'Other Brand', timeZone: 'UTC', currency: 'USD' },
];
const NOW = new Date('2026-11-20T12:00:00Z');
const scopeOf = (query: string) => buildScope(BRANDS, new URLSearchParams(query), NOW);

describe('the brand a page names (S11R6-1: a session id names a session within its brand)', () => {
  it('is the URL’s brand when the token has it', () => {
    const scope = scopeOf('brand=b2');
    expect(scope.brand.id).toBe('b2');
    expect(scope.namedBrandId).toBe('b2');
    expect(scope.issues).toEqual([]);
  });

  it('is none when the URL names no brand, though the page shows the first', () => {
    const scope = scopeOf('');
    expect(scope.brand.id).toBe('b1');
    expect(scope.namedBrandId).toBeNull();
  });

  it('is none for a brand the token does not have, which is reported', () => {
    const scope = scopeOf('brand=b9');
    expect(scope.brand.id).toBe('b1');
    expect(scope.namedBrandId).toBeNull();
    expect(scope.issues).toEqual([{ kind: 'brand', value: 'b9' }]);
  });
});
