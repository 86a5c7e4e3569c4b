import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { OperationTypeNode } from 'graphql';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { isUnauthenticated } from '../lib/api-error';
import { getReadToken, rejectToken, subscribeAuth } from '../features/auth/token.store';
import { subscriptionLink } from './live-link';

// Read at request time, not at client creation, so signing in never needs a new client.
const authLink = new SetContextLink((prevContext) => {
  const token = getReadToken();
  if (!token) return {};
  return {
    headers: { ...(prevContext.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` },
  };
});

// One place reacts to a refused token, whichever query noticed first.
const unauthenticatedLink = new ErrorLink(({ error }) => {
  if (isUnauthenticated(error)) rejectToken('unauthenticated');
});

interface SessionPage {
  readonly nodes?: readonly unknown[];
  readonly [field: string]: unknown;
}

/**
 * A page asked for with `after` is appended to the pages before it; a first page (no `after`)
 * replaces them, so a refetch starts the list over rather than duplicating it.
 */
export function mergeSessionPages(
  existing: SessionPage | undefined,
  incoming: SessionPage,
  { args }: { args: Record<string, unknown> | null },
): SessionPage {
  if (!existing || !args?.after) return incoming;
  return { ...incoming, nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])] };
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // SessionMetrics has no id: the overview asks for a few fields and the session page for all,
      // so the two selections must merge into the one Session instead of replacing each other.
      // `live` is a snapshot of one instant: each push replaces the last one whole.
      // A session id names a session within its brand: two brands of one token may both have an "S0".
      Session: { keyFields: ['brandId', 'id'], fields: { metrics: { merge: true }, live: { merge: false } } },
      // A brandOverview has no id: the overview, the products page and the traffic sources each ask
      // the same period for different fields, which belong to one object rather than replacing it.
      BrandOverview: { merge: true },
      Query: {
        fields: {
          sessions: {
            // One list per filter, order and page size; `after` pages extend it ("Load more").
            keyArgs: ['filter', 'sortBy', 'direction', 'first'],
            merge: mergeSessionPages,
          },
        },
      },
    },
  });
}

/** Subscriptions over graphql-ws (the live console), everything else over HTTP; both at /graphql. */
const serverTransport = (): ApolloLink =>
  ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    subscriptionLink,
    new HttpLink({ uri: '/graphql' }),
  );

/**
 * The app's client: token handling in front of `transport`, which is /graphql (HTTP, and a
 * WebSocket for subscriptions) — or, in component tests, a link that answers in place of the server.
 */
export function createApolloClient(transport: ApolloLink = serverTransport()): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([unauthenticatedLink, authLink, transport]),
    cache: createCache(),
  });
}

export const apolloClient = createApolloClient();

// Data read with one token must never be shown to the next one (tokens are per brand).
subscribeAuth(() => {
  if (!getReadToken()) void apolloClient.clearStore();
});
