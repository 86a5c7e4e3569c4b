import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useBearerToken } from '../../auth/credential';
import { saveFile } from '../../export/csv-export';
import { useScope } from '../../scope/scope';
import { reportPdfPath } from '../report-schedule-form';

/**
 * "Download PDF": the report printed by the server (GET /export/report.pdf), fetched with the Bearer
 * token (on a share page, the link's) and handed to the browser as a file. The API's own sentence is shown on failure (e.g. which
 * Debian packages the server lacks).
 */
export function PdfDownload() {
  const { t, lang } = useI18n();
  const { brand, period, filters } = useScope();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // the signed-in read token, or on a share page its link's token (the API allows it this report's PDF)
  const bearer = useBearerToken();

  const download = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const token = bearer();
      const response = await fetch(reportPdfPath(brand.id, period, lang), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const type = response.headers.get('content-type') ?? '';
      if (response.ok && type.includes('application/pdf')) {
        saveFile(await response.blob(), `${brand.id}-report-${filters.from}_${filters.to}.pdf`);
        return;
      }
      let reason = `HTTP ${response.status}`;
      if (type.includes('application/json')) {
        const body = (await response.json()) as { error?: { message?: string } };
        if (body.error?.message) reason = body.error.message;
      }
      setProblem(t('pdfFailed', { reason }));
    } catch (error) {
      setProblem(t('pdfFailed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="csv no-print">
      <button
        type="button"
        className="button button--small"
        data-testid="pdf-download"
        disabled={busy}
        onClick={() => void download()}
      >
        {busy ? t('pdfRendering') : t('downloadPdf')}
      </button>
      {problem ? (
        <span className="csv__error" role="alert" data-testid="pdf-error">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
