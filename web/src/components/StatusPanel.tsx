import type { ReactNode } from 'react';
import { describeApiError } from '../lib/api-error';
import { useI18n } from '../lib/i18n';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="status status--loading" data-testid="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}

/** Grey blocks in the shape of what is coming, so the page does not jump when it arrives. */
export function Skeleton({ kind, count = 1 }: { kind: 'cards' | 'chart' | 'table'; count?: number }) {
  const { t } = useI18n();
  return (
    <div className={`skeleton skeleton--${kind}`} data-testid="skeleton" role="status" aria-label={t('loading')}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="skeleton__block" />
      ))}
    </div>
  );
}

export function EmptyState({ testId, title, children }: { testId: string; title: string; children?: ReactNode }) {
  return (
    <div className="status status--empty" data-testid={testId}>
      <p className="status__title">{title}</p>
      {children}
    </div>
  );
}

/** Says what failed and what to do next; a retry button when retrying can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  const problem = describeApiError(error, lang);
  const retryable = problem.kind !== 'unauthenticated' && problem.kind !== 'unsupported';
  return (
    <div className="status status--error" data-testid="error-state" data-kind={problem.kind} role="alert">
      <p className="status__title">{problem.title}</p>
      <p>{problem.hint}</p>
      {problem.detail && problem.detail !== problem.title ? <p className="status__detail">{problem.detail}</p> : null}
      {onRetry && retryable ? (
        <button type="button" className="button" data-testid="error-retry" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
