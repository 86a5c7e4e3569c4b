import { lazy, Suspense } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/StatusPanel';
import { useLocation } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useSessions } from '../hooks/useSessions';
import type { Brand } from '../queries/session.types';
import { BrandFilter } from './BrandFilter';
import { SessionsTable } from './SessionsTable';

// recharts is most of the page's weight: the table shows while the chart's code is still arriving.
const ViewersChart = lazy(() => import('./ViewersChart').then((m) => ({ default: m.ViewersChart })));

export const EMPTY_SESSIONS_MESSAGE = 'No sessions yet — post events to /v1/events or run npm start to load demo data';

function zoneNote(brands: readonly Brand[], brandId: string | null): string {
  const shown = brandId ? brands.filter((b) => b.id === brandId) : brands;
  if (shown.length === 1) return `${shown[0].name} · times in ${shown[0].timeZone}`;
  return "Times in each brand's own time zone";
}

export function OverviewPage() {
  useDocumentTitle('Sessions');
  const { search } = useLocation();
  const brandId = search.get('brand');
  const { data, error, refetch } = useSessions(brandId);
  // A failed refetch already surfaces through `error`; the rejected promise carries nothing more.
  const retry = (): void => void refetch().catch(() => undefined);

  if (!data) {
    return error ? <ErrorState error={error} onRetry={retry} /> : <LoadingState label="Loading sessions…" />;
  }

  const { brands, sessions } = data;
  return (
    <>
      <header className="page-header">
        <div>
          <h1 className="page-title">Sessions</h1>
          <p className="muted">{zoneNote(brands, brandId)}</p>
        </div>
        {brands.length > 1 ? <BrandFilter brands={brands} selected={brandId} /> : null}
      </header>
      {/* Refetch failed but earlier data is still useful: show both. */}
      {error ? <ErrorState error={error} onRetry={retry} /> : null}
      {sessions.length === 0 ? (
        <EmptyState testId="sessions-empty" title={EMPTY_SESSIONS_MESSAGE} />
      ) : (
        <>
          <section className="card">
            <h2 className="card__title">Unique viewers per session</h2>
            <Suspense fallback={<div className="chart chart--placeholder" />}>
              <ViewersChart sessions={sessions} />
            </Suspense>
          </section>
          <section className="card card--flush">
            <SessionsTable sessions={sessions} brands={brands} />
          </section>
        </>
      )}
    </>
  );
}
