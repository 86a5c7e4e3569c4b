/** How a table held in the browser is sorted: one column, one direction. */
export type SortOrder = 'ASC' | 'DESC';

export interface TableSort<K extends string> {
  readonly key: K;
  readonly direction: SortOrder;
}

/** A cell's value for sorting: a number, a text, or null for "no value" (a ratio without a denominator). */
export type SortValue = number | string | null | undefined;

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * The rows in a new array, sorted by one value. Rows without a value go last in either direction (a
 * dash is not "the lowest rate"); rows with equal values keep the order they came in, so a table's own
 * order (pin order, most revenue first) decides ties.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortOrder): T[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const aMissing = a.v === null || a.v === undefined || (typeof a.v === 'number' && Number.isNaN(a.v));
      const bMissing = b.v === null || b.v === undefined || (typeof b.v === 'number' && Number.isNaN(b.v));
      if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      return sign * compareValues(a.v as number | string, b.v as number | string) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/**
 * A click on a column header: the sorted column flips; another column starts in its own first
 * direction (high to low for numbers, as a ranking reads; A to Z or earliest first for names and times).
 */
export function nextTableSort<K extends string>(
  current: TableSort<K>,
  key: K,
  firstDirection: SortOrder,
): TableSort<K> {
  if (current.key === key) return { key, direction: current.direction === 'DESC' ? 'ASC' : 'DESC' };
  return { key, direction: firstDirection };
}

/** The aria-sort of a column header. */
export function ariaSort<K extends string>(current: TableSort<K>, key: K): 'ascending' | 'descending' | 'none' {
  if (current.key !== key) return 'none';
  return current.direction === 'ASC' ? 'ascending' : 'descending';
}
