import { ariaSort, nextTableSort, sortRows } from './table-sort';

describe('sortRows', () => {
  const rows = [
    { id: 'a', n: 2 },
    { id: 'b', n: null },
    { id: 'c', n: 5 },
    { id: 'd', n: 2 },
  ];
  const ids = (direction: 'ASC' | 'DESC') => sortRows(rows, (r) => r.n, direction).map((r) => r.id);

  it('sorts numbers either way, keeping equal values in their given order', () => {
    expect(ids('DESC')).toEqual(['c', 'a', 'd', 'b']);
    expect(ids('ASC')).toEqual(['a', 'd', 'c', 'b']);
  });

  it('leaves the input as it was', () => {
    sortRows(rows, (r) => r.n, 'DESC');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sorts texts by the locale rules', () => {
    const names = [{ s: 'Leather gloves' }, { s: 'Cashmere scarf (navy)' }, { s: 'Cashmere scarf' }];
    expect(sortRows(names, (r) => r.s, 'ASC').map((r) => r.s)).toEqual([
      'Cashmere scarf',
      'Cashmere scarf (navy)',
      'Leather gloves',
    ]);
  });
});

describe('header clicks', () => {
  it('flips the sorted column and starts another in its own first direction', () => {
    expect(nextTableSort({ key: 'revenue', direction: 'DESC' }, 'revenue', 'DESC')).toEqual({
      key: 'revenue',
      direction: 'ASC',
    });
    expect(nextTableSort({ key: 'revenue', direction: 'ASC' }, 'revenue', 'DESC')).toEqual({
      key: 'revenue',
      direction: 'DESC',
    });
    expect(nextTableSort({ key: 'revenue', direction: 'DESC' }, 'product', 'ASC')).toEqual({
      key: 'product',
      direction: 'ASC',
    });
  });

  it('says the order to a screen reader only on the sorted column', () => {
    expect(ariaSort({ key: 'revenue', direction: 'DESC' }, 'revenue')).toBe('descending');
    expect(ariaSort({ key: 'revenue', direction: 'ASC' }, 'revenue')).toBe('ascending');
    expect(ariaSort({ key: 'revenue', direction: 'ASC' }, 'clicks')).toBe('none');
  });
});
