import { useI18n } from '../../../lib/i18n';
import { ariaSort, type TableSort } from '../../../lib/table-sort';

interface Props<K extends string> {
  readonly column: K;
  readonly label: string;
  readonly sort: TableSort<K>;
  readonly numeric?: boolean;
  /** Test id of the button: `<prefix>-sort-<column>`. */
  readonly testIdPrefix: string;
  /** Said on hover, e.g. what a short label such as "Δ viewers" means. */
  readonly hint?: string;
  readonly onSort: (column: K) => void;
}

/** A column header that sorts the table on click; aria-sort tells a screen reader the order. */
export function SortableHeader<K extends string>({
  column,
  label,
  sort,
  numeric,
  testIdPrefix,
  hint,
  onSort,
}: Props<K>) {
  const { t } = useI18n();
  const state = ariaSort(sort, column);
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={state}>
      <button
        type="button"
        className="sort-button"
        data-testid={`${testIdPrefix}-sort-${column}`}
        title={hint ?? t('sortBy', { name: label })}
        onClick={() => onSort(column)}
      >
        {label}
        <span aria-hidden="true">{state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}
