import { useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { useBearerToken } from '../auth/credential';
import { useScope } from '../scope/scope';
import { csvFileName, csvPath, saveFile, type CsvKind } from './csv-export';

/**
 * A plain link cannot carry the Bearer token, so the file is fetched and handed to the browser as a
 * blob; the error stays next to the button and says what to do.
 */
export function CsvDownload({ kind }: { kind: CsvKind }) {
  const { t } = useI18n();
  const { brand, period, filters } = useScope();
  const bearerToken = useBearerToken();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const path = csvPath(kind, brand.id, period);

  const download = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const token = bearerToken();
      const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const type = response.headers.get('content-type') ?? '';
      // The dashboard's own index.html answers unknown GETs with 200: only a CSV counts as success.
      if (response.status === 404 || (response.ok && type.includes('text/html'))) {
        setProblem(t('csvMissing', { path: `/export/${kind}.csv` }));
        return;
      }
      if (!response.ok) {
        setProblem(t('csvFailed', { reason: `HTTP ${response.status}`, path: `/export/${kind}.csv` }));
        return;
      }
      saveFile(await response.blob(), csvFileName(kind, brand.id, filters.from, filters.to));
    } catch (error) {
      setProblem(t('csvFailed', { reason: error instanceof Error ? error.message : String(error), path }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="csv no-print">
      <button
        type="button"
        className="button button--small"
        data-testid={`csv-${kind}`}
        disabled={busy}
        onClick={() => void download()}
      >
        {busy ? t('downloading') : t('downloadCsv')}
      </button>
      {problem ? (
        <span className="csv__error" role="alert" data-testid={`csv-${kind}-error`}>
          {problem}
        </span>
      ) : null}
    </span>
  );
}
