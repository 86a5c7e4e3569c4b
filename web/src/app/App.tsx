import { lazy, Suspense } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { EmptyState, LoadingState } from '../components/StatusPanel';
import { SignInForm } from '../features/auth/components/SignInForm';
import { SignOutButton } from '../features/auth/components/SignOutButton';
import { useAuth } from '../features/auth/hooks/useAuth';
import { Link, matchRoute, useLocation, type Route } from '../lib/router';
import { apolloClient } from './apollo';

// One chunk per page: the sign-in screen and the shell load without recharts or the KPI catalogue.
const OverviewPage = lazy(() =>
  import('../features/sessions/components/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const SessionPage = lazy(() =>
  import('../features/sessions/components/SessionPage').then((m) => ({ default: m.SessionPage })),
);

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'session':
      // Keyed so moving between sessions starts from a clean page state.
      return <SessionPage key={route.id} id={route.id} />;
    case 'notFound':
      return (
        <EmptyState testId="not-found" title="Page not found">
          <p>
            <Link to="/">Go to the sessions overview</Link>
          </p>
        </EmptyState>
      );
  }
}

export function App() {
  const { token, rejection } = useAuth();
  const { pathname } = useLocation();

  if (!token) return <SignInForm rejection={rejection} />;

  return (
    <ApolloProvider client={apolloClient}>
      <div className="shell">
        <header className="topbar">
          <div className="topbar__inner">
            <Link to="/" className="brandmark" data-testid="home-link">
              <span className="brandmark__dot" aria-hidden="true" />
              Live Commerce Analytics
            </Link>
            <SignOutButton />
          </div>
        </header>
        <main className="content">
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<LoadingState />}>
              <RouteView route={matchRoute(pathname)} />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </ApolloProvider>
  );
}
