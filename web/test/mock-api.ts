import { ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';
import type { BrandOverviewQuery, BrandsQuery } from '../src/gql/graphql';

/**
 * Stand-ins for the API in component tests. `scriptedApi` is the transport of the app's own client
 * (createApolloClient(link)), so token handling and error links run as in the browser; the builders
 * give answers as the server sends them, __typename included, so the cache keeps every field.
 */

export interface ApiCall {
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  /** The Authorization header the client's auth link set. */
  readonly authorization: string | undefined;
}

/** A GraphQL answer; an Error to fail like the transport (fetch's TypeError when nothing listens); or no answer yet. */
export type ApiAnswer = ApolloLink.Result | Error | 'pending';

/** `answer` gets each call and how many calls of that operation there were so far, this one included. */
export function scriptedApi(answer: (call: ApiCall, nth: number) => ApiAnswer): {
  link: ApolloLink;
  calls: ApiCall[];
} {
  const calls: ApiCall[] = [];
  const link = new ApolloLink((operation) => {
    const headers = operation.getContext().headers as Record<string, string> | undefined;
    const call: ApiCall = {
      operationName: operation.operationName,
      variables: operation.variables,
      authorization: headers?.authorization,
    };
    calls.push(call);
    const nth = calls.filter((c) => c.operationName === call.operationName).length;
    const reply = answer(call, nth);
    return new Observable<ApolloLink.Result>((observer) => {
      if (reply === 'pending') return undefined;
      // On a later task, as a server's answer would come.
      const timer = setTimeout(() => {
        if (reply instanceof Error) {
          observer.error(reply);
        } else {
          observer.next(reply);
          observer.complete();
        }
      }, 0);
      return () => clearTimeout(timer);
    });
  });
  return { link, calls };
}

/** How the API refuses a read token (NestJS / Apollo Server style). */
export function unauthenticated(): ApolloLink.Result {
  return {
    data: null,
    errors: [{ message: 'Invalid or missing read token', extensions: { code: 'UNAUTHENTICATED' } }],
  };
}

type BrandRow = BrandsQuery['brands'][number];

export function brandsAnswer(brands: readonly BrandRow[]): ApolloLink.Result {
  return { data: { brands: brands.map((b) => ({ __typename: 'Brand', ...b })) } };
}

type Overview = BrandOverviewQuery['brandOverview'];
export type PeriodKpiValues = NonNullable<Overview['previous']>;

/** A period without any session: counts 0, ratios null (no denominator), revenue 0. */
export const EMPTY_PERIOD: PeriodKpiValues = {
  sessions: 0,
  views: 0,
  uniqueViewers: 0,
  avgWatchSeconds: null,
  engagementRate: null,
  conversionRate: null,
  revenue: 0,
  gpm: null,
  chatRate: null,
  returningRate: null,
  commentResponseRate: null,
  orders: 0,
  follows: 0,
  followRate: null,
  netRevenue: 0,
};

const periodMetrics = (values: PeriodKpiValues) => ({ __typename: 'PeriodMetrics', ...values });

/**
 * A brandOverview answer with no days, best or worst sessions: what the KPI cards read. `history` is
 * the four previous periods of equal length, newest first; by default all without sessions, so no
 * median and no flag.
 */
export function overviewAnswer(
  metrics: PeriodKpiValues,
  previous: PeriodKpiValues | null,
  history: readonly PeriodKpiValues[] = [EMPTY_PERIOD, EMPTY_PERIOD, EMPTY_PERIOD, EMPTY_PERIOD],
): { brandOverview: unknown } {
  return {
    brandOverview: {
      __typename: 'BrandOverview',
      metrics: { ...periodMetrics(metrics), revenueByCurrency: [] },
      previous: previous && periodMetrics(previous),
      history: history.map((values) => ({ __typename: 'HistoryPeriod', metrics: periodMetrics(values) })),
      daily: [],
      best: [],
      worst: [],
    },
  };
}

export function noSessionsAnswer(): { sessions: unknown } {
  return {
    sessions: {
      __typename: 'SessionConnection',
      totalCount: 0,
      pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
      nodes: [],
    },
  };
}
