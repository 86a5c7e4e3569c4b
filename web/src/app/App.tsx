import { Suspense, useEffect, type ReactNode } from 'react';
import type { ApolloClient } from '@apollo/client';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { EmptyState, ErrorState, LoadingState, Skeleton } from '../components/StatusPanel';
import { SignInForm } from '../features/auth/components/SignInForm';
import { SignOutButton } from '../features/auth/components/SignOutButton';
import { useAuth } from '../features/auth/hooks/useAuth';
import { FilterBar } from '../features/scope/components/FilterBar';
import { BRANDS_QUERY } from '../features/scope/scope.queries';
import { ScopeProvider, useScope } from '../features/scope/scope';
import type { Lang } from '../lib/format';
import { setLang, useI18n, type MessageKey } from '../lib/i18n';
import { lazyComponent } from '../lib/lazy';
import { Link, matchRoute, useLocation, type Route } from '../lib/router';
import { preloadSessionCharts } from '../features/sessions/components/charts.lazy';
import { shareTokenOf } from '../features/share/share-grant';
import { apolloClient } from './apollo';

// One chunk per page: the sign-in screen and the shell load without recharts or any page's code.
const page = lazyComponent;
const OverviewPage = page(() => import('../features/overview/components/OverviewPage').then((m) => m.OverviewPage));
const SessionPage = page(() => import('../features/sessions/components/SessionPage').then((m) => m.SessionPage));
const LiveConsolePage = page(() =>
  import('../features/live/components/LiveConsolePage').then((m) => m.LiveConsolePage),
);
const CommercersPage = page(() =>
  import('../features/commercers/components/CommercersPage').then((m) => m.CommercersPage),
);
const CommercerPage = page(() =>
  import('../features/commercers/components/CommercerPage').then((m) => m.CommercerPage),
);
const ProductsPage = page(() => import('../features/merchandise/components/ProductsPage').then((m) => m.ProductsPage));
const EngagementPage = page(() =>
  import('../features/engagement/components/EngagementPage').then((m) => m.EngagementPage),
);
const CommunityPage = page(() => import('../features/community/components/CommunityPage').then((m) => m.CommunityPage));
const ReportPage = page(() => import('../features/report/components/ReportPage').then((m) => m.ReportPage));
const SharePage = page(() => import('../features/share/components/SharePage').then((m) => m.SharePage));

const PAGE_OF: Partial<Record<Route['name'], { preload(): Promise<unknown> }>> = {
  overview: OverviewPage,
  session: SessionPage,
  sessionLive: LiveConsolePage,
  commercers: CommercersPage,
  commercer: CommercerPage,
  products: ProductsPage,
  engagement: EngagementPage,
  community: CommunityPage,
  report: ReportPage,
};

/**
 * Pages whose links open a session (rankings, session lists, the engagement scatter): the session
 * page's code and its charts' load once such a page is idle, so a click shows the session without
 * first fetching two waves of chunks (~480 ms on this machine: BENCHMARKS.md, "Where a click on a
 * session goes in the browser").
 */
const OPENS_SESSIONS: ReadonlySet<Route['name']> = new Set(['overview', 'commercer', 'engagement']);

function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(work, 200);
  return () => window.clearTimeout(handle);
}

function RouteView({ route }: { route: Route }) {
  const { t } = useI18n();
  const { link } = useScope();
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'session':
      // Keyed so moving between sessions starts from a clean page state.
      return <SessionPage key={route.id} id={route.id} />;
    case 'sessionLive':
      return <LiveConsolePage key={route.id} id={route.id} />;
    case 'commercers':
      return <CommercersPage />;
    case 'commercer':
      return <CommercerPage key={route.id} id={route.id} />;
    case 'products':
      return <ProductsPage />;
    case 'engagement':
      return <EngagementPage />;
    case 'community':
      return <CommunityPage />;
    case 'report':
      return <ReportPage />;
    case 'notFound':
      return (
        <EmptyState testId="not-found" title={t('notFound')}>
          <p>
            <Link to={link('/')}>{t('goOverview')}</Link>
          </p>
        </EmptyState>
      );
  }
}

const NAV: readonly { path: string; label: MessageKey; routes: readonly Route['name'][] }[] = [
  { path: '/', label: 'navOverview', routes: ['overview', 'session', 'sessionLive'] },
  { path: '/commercers', label: 'navCommercers', routes: ['commercers', 'commercer'] },
  { path: '/products', label: 'navProducts', routes: ['products'] },
  { path: '/engagement', label: 'navEngagement', routes: ['engagement'] },
  { path: '/community', label: 'navCommunity', routes: ['community'] },
  { path: '/report', label: 'navReport', routes: ['report'] },
];

function Nav({ route }: { route: Route }) {
  const { t } = useI18n();
  const { link } = useScope();
  return (
    <nav className="nav no-print" aria-label={t('navLabel')}>
      {NAV.map((item) => {
        const current = item.routes.includes(route.name);
        return (
          <Link
            key={item.path}
            to={link(item.path)}
            className={current ? 'nav__link nav__link--current' : 'nav__link'}
            aria-current={current ? 'page' : undefined}
            data-testid={`nav-${item.path === '/' ? 'overview' : item.path.slice(1)}`}
          >
            {t(item.label)}
          </Link>
        );
      })}
    </nav>
  );
}

function LanguageSwitch() {
  const { t, lang } = useI18n();
  return (
    <label className="inline-field inline-field--row">
      <span className="sr-only">{t('language')}</span>
      <select
        className="select select--small"
        data-testid="language"
        value={lang}
        onChange={(e) => setLang(e.target.value as Lang)}
      >
        <option value="en">English</option>
        <option value="ja">日本語</option>
      </select>
    </label>
  );
}

function Topbar({ children, share = false }: { children?: ReactNode; share?: boolean }) {
  const { t } = useI18n();
  return (
    <header className="topbar no-print">
      <div className="topbar__inner">
        {share ? (
          <span className="brandmark">
            <span className="brandmark__dot" aria-hidden="true" />
            {t('appName')}
          </span>
        ) : (
          <Link to="/" className="brandmark" data-testid="home-link">
            <span className="brandmark__dot" aria-hidden="true" />
            {t('appName')}
          </Link>
        )}
        {children}
        <div className="topbar__tools">
          <LanguageSwitch />
          {share ? null : <SignOutButton />}
        </div>
      </div>
    </header>
  );
}

/** Everything after sign-in: brands first (every page needs the brand's zone and currency), then the page. */
function Dashboard() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const { data, error, refetch } = useQuery(BRANDS_QUERY);
  // The page's code downloads while the brands query is in flight, not after it.
  useEffect(() => void PAGE_OF[route.name]?.preload(), [route.name]);
  useEffect(() => {
    if (!OPENS_SESSIONS.has(route.name)) return;
    return whenIdle(() => void Promise.all([SessionPage.preload(), preloadSessionCharts()]));
  }, [route.name]);

  if (!data) {
    return (
      <>
        <Topbar />
        <main className="content" id="main">
          {error ? (
            <ErrorState error={error} onRetry={() => void refetch().catch(() => undefined)} />
          ) : (
            <LoadingState />
          )}
        </main>
      </>
    );
  }
  if (data.brands.length === 0) {
    return (
      <>
        <Topbar />
        <main className="content" id="main">
          <EmptyState testId="no-brands" title={t('needBrand')}>
            <p>{t('noSessionsYet')}</p>
          </EmptyState>
        </main>
      </>
    );
  }
  return (
    <ScopeProvider brands={data.brands}>
      <Topbar>
        <Nav route={route} />
      </Topbar>
      {/* The live console is about now: a period filter would only take room from the big screen. */}
      {route.name === 'sessionLive' ? null : (
        <div className="filters no-print">
          <FilterBar />
        </div>
      )}
      <main className="content" id="main" tabIndex={-1}>
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Skeleton kind="cards" count={4} />}>
            <RouteView route={route} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </ScopeProvider>
  );
}

/** `client` is the app's own unless a test brings one with a mocked transport (createApolloClient). */
export function App({ client = apolloClient }: { client?: ApolloClient }) {
  const { token, rejection } = useAuth();
  const { t } = useI18n();
  const { pathname } = useLocation();
  // A share link opens its report without sign-in, with its own credential (features/share).
  const shareToken = shareTokenOf(pathname);
  if (shareToken)
    return (
      <div className="shell">
        <Topbar share />
        <Suspense fallback={<LoadingState />}>
          <SharePage token={shareToken} />
        </Suspense>
      </div>
    );
  if (!token) return <SignInForm rejection={rejection} />;
  return (
    <ApolloProvider client={client}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <div className="shell">
        <Dashboard />
      </div>
    </ApolloProvider>
  );
}
