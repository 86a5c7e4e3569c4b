import { useEffect, useMemo, useState } from 'react';
import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ApolloProvider } from '@apollo/client/react';
import { createCache } from '../../../app/apollo';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { EmptyState, LoadingState } from '../../../components/StatusPanel';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { CredentialContext } from '../../auth/credential';
import { ReportPage } from '../../report/components/ReportPage';
import { FixedScopeProvider } from '../../scope/scope';
import { fetchShareGrant, type ShareGrantResult } from '../share-grant';

/** GraphQL as the share link: its token is the Bearer credential, limited by the API to this report. */
function shareClient(token: string): ApolloClient {
  const auth = new SetContextLink((prev) => ({
    headers: { ...(prev.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
  }));
  return new ApolloClient({ link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]), cache: createCache() });
}

/**
 * /share/<token>: the brand's report over the link's period, read-only and without sign-in; a clear
 * page when the link has expired, was revoked (the server answers 410) or does not exist.
 */
export function SharePage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<ShareGrantResult | null>(null);
  const client = useMemo(() => shareClient(token), [token]);
  useEffect(() => {
    let current = true;
    void fetchShareGrant(token).then((r) => current && setResult(r));
    return () => {
      current = false;
    };
  }, [token]);

  if (!result) return <LoadingState />;
  switch (result.kind) {
    case 'gone':
      return (
        <main className="content share-status" id="main">
          <EmptyState testId="share-gone" title={t('shareGoneTitle')}>
            <p>{t('shareGoneHint')}</p>
          </EmptyState>
        </main>
      );
    case 'missing':
      return (
        <main className="content share-status" id="main">
          <EmptyState testId="share-missing" title={t('shareMissingTitle')}>
            <p>{t('shareMissingHint')}</p>
          </EmptyState>
        </main>
      );
    case 'failed':
      return (
        <main className="content share-status" id="main">
          <EmptyState testId="share-failed" title={t('shareLoadFailed', { reason: result.reason })} />
        </main>
      );
    case 'ok': {
      const { grant } = result;
      return (
        <ApolloProvider client={client}>
          <CredentialContext.Provider value={token}>
            <FixedScopeProvider brand={grant.brand} period={grant.period} home={`/share/${token}`}>
              <main className="content content--share" id="main">
                <p className="share-note no-print" data-testid="share-note">
                  {t('sharedReportNote', { at: formatDateTime(grant.expiresAt, grant.period.timeZone, lang) })}
                </p>
                <ErrorBoundary>
                  <ReportPage shared />
                </ErrorBoundary>
              </main>
            </FixedScopeProvider>
          </CredentialContext.Provider>
        </ApolloProvider>
      );
    }
  }
}
