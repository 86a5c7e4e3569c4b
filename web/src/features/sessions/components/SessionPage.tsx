import { EmptyState, ErrorState, LoadingState } from '../../../components/StatusPanel';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useSession } from '../hooks/useSession';
import { KpiGrid } from './KpiGrid';
import { SessionHeader } from './SessionHeader';

export function SessionPage({ id }: { id: string }) {
  const { data, error, refetch } = useSession(id);
  useDocumentTitle(data?.session?.title ?? 'Session');
  // A failed refetch already surfaces through `error`; the rejected promise carries nothing more.
  const retry = (): void => void refetch().catch(() => undefined);

  const back = (
    <Link to="/" className="backlink" data-testid="back-to-overview">
      ← All sessions
    </Link>
  );

  if (!data) {
    return (
      <>
        {back}
        {error ? <ErrorState error={error} onRetry={retry} /> : <LoadingState label="Loading session…" />}
      </>
    );
  }

  const { session, brands } = data;
  if (!session) {
    return (
      <>
        {back}
        <EmptyState testId="session-not-found" title="Session not found">
          <p>The id may be wrong, or the session belongs to a brand this read token cannot see.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {back}
      <SessionHeader session={session} brand={brands.find((b) => b.id === session.brandId)} />
      {error ? <ErrorState error={error} onRetry={retry} /> : null}
      <KpiGrid metrics={session.metrics} currency={session.currency} />
    </>
  );
}
