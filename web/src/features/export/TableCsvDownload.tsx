import { useI18n } from '../../lib/i18n';
import { useScope } from '../scope/scope';
import { CSV_BOM, toCsv, type CsvTable } from './csv';
import { csvFileName, saveFile } from './csv-export';

interface Props {
  /** Names the file (`<brand>-<table>-<from>_<to>.csv`) and the button's test id (`csv-<table>`). */
  readonly table: string;
  /** The table's rows as on screen, but as raw values: built on click only. */
  readonly build: () => CsvTable;
  /** Replaces the period-named file name, for a table that is not about the period in view (one session's). */
  readonly fileName?: string;
}

/**
 * A CSV of a table the server has no export for, written in the browser from the data the page
 * already holds: no request, so nothing can fail on the way.
 */
export function TableCsvDownload({ table, build, fileName }: Props) {
  const { t } = useI18n();
  const { brand, filters } = useScope();
  const download = (): void => {
    // The BOM makes Excel read the file as UTF-8 (Japanese names), as the server's exports do.
    const blob = new Blob([CSV_BOM, toCsv(build())], { type: 'text/csv;charset=utf-8' });
    saveFile(blob, fileName ?? csvFileName(table, brand.id, filters.from, filters.to));
  };
  return (
    <span className="csv no-print">
      <button type="button" className="button button--small" data-testid={`csv-${table}`} onClick={download}>
        {t('downloadCsv')}
      </button>
    </span>
  );
}
