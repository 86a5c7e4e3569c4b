import { Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { Card } from './Card';

interface Props {
  readonly title: string;
  readonly hint?: string;
  /** Names the chart for tests and for the first-chart timing (data-chart). */
  readonly name: string;
  readonly chart: ReactNode;
  /** The same numbers as a table: for screen readers, for copying, and for readers who prefer digits. */
  readonly table: ReactNode;
  readonly actions?: ReactNode;
  readonly className?: string;
}

export function ChartFrame({ title, hint, name, chart, table, actions, className }: Props) {
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  return (
    <Card
      title={title}
      hint={hint}
      className={className}
      testId={`frame-${name}`}
      actions={
        <>
          {actions}
          <button
            type="button"
            className="button button--small"
            aria-pressed={asTable}
            data-testid={`toggle-table-${name}`}
            onClick={() => setAsTable((v) => !v)}
          >
            {asTable ? t('showChart') : t('showTable')}
          </button>
        </>
      }
    >
      {asTable ? (
        <div className="table-scroll" data-testid={`table-${name}`}>
          {table}
        </div>
      ) : (
        <div className="chart" data-chart={name} data-testid={`chart-${name}`} role="img" aria-label={title}>
          <Suspense fallback={<div className="chart__placeholder" data-testid="chart-loading" />}>{chart}</Suspense>
        </div>
      )}
    </Card>
  );
}
