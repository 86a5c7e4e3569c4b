import type { ReactNode } from 'react';
import { describeApiError } from '../lib/api-error';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="status status--loading" data-testid="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
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
  const problem = describeApiError(error);
  return (
    <div className="status status--error" data-testid="error-state" data-kind={problem.kind} role="alert">
      <p className="status__title">{problem.title}</p>
      <p>{problem.hint}</p>
      {problem.detail && problem.detail !== problem.title ? <p className="status__detail">{problem.detail}</p> : null}
      {onRetry && problem.kind !== 'unauthenticated' ? (
        <button type="button" className="button" data-testid="error-retry" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
