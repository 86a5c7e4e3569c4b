/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { act, render, screen } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { memo } from 'react';
import { Observable } from 'rxjs';
import { createCache } from '../../../app/apollo';
import { setLang } from '../../../lib/i18n';
import { ScopeProvider } from '../../scope/scope';
import { buildSession, tokyoBrand } from '../sessions.fixtures';

/** What the page hands the timeline each time it is drawn. */
const drawn: {
  points: unknown;
  bands: readonly { from: number; to: number; label: string }[];
  annotations: unknown;
}[] = [];
// The charts stand in for recharts (jsdom lays nothing out), memoised as the real ones are: each call
// here is a drawing the real timeline would do.
jest.unstable_mockModule('./charts.lazy', () => ({
  LazyTimelineChart: memo((props: (typeof drawn)[number]) => {
    drawn.push(props);
    return null;
  }),
  LazyRetentionChart: () => null,
  preloadSessionCharts: () => Promise.resolve(),
}));
const { SessionPage } = await import('./SessionPage');

/**
 * The session page asks for its sections in six requests, answered one by one. The timeline is drawn
 * when its series arrive and again only when what it shows changes (the pins): answers to the costs,
 * the benchmarks or an empty list of notes do not draw it again — each drawing costs recharts ~110 ms
 * on a 2-core machine (BENCHMARKS.md, "Thirty-fourth session").
 */
describe('the session page draws its timeline only when its data change', () => {
  const session = buildSession({
    id: 's-1',
    startedAt: '2026-11-20T11:00:00.000Z',
    endedAt: '2026-11-20T11:05:00.000Z',
  });
  const minute = (m: number) => ({
    __typename: 'MinutePoint',
    minute: m,
    at: new Date(Date.parse(session.startedAt) + m * 60_000).toISOString(),
    watching: 10 - m,
    comments: m,
    likes: 2 * m,
    cartAdds: 0,
    orders: 0,
    revenue: 0,
  });
  const group = {
    __typename: 'JoinerGroup',
    viewers: 0,
    avgWatchSeconds: null,
    engagementRate: null,
    conversionRate: null,
  };
  const pin = (segment: number, productId: string, start: number, end: number) => ({
    __typename: 'PinSegment',
    segment,
    productId,
    productName: `Product ${productId}`,
    start,
    end,
    watchingAtStart: 0,
    watchingAtEnd: 0,
    watchingChange: 0,
    comments: 0,
    commentsPerMinute: null,
    clicks: 0,
    cartAdds: 0,
    orders: 0,
    units: 0,
    revenue: 0,
    viewers: 0,
    segmentGpm: null,
  });
  const ANSWERS: Record<string, ApolloLink.Result> = {
    SessionDetail: {
      data: {
        session: {
          __typename: 'Session',
          ...session,
          commercer: { __typename: 'Commercer', ...session.commercer },
          metrics: { __typename: 'SessionMetrics', ...session.metrics },
        },
      },
    },
    SessionSeries: {
      data: {
        session: {
          __typename: 'Session',
          id: 's-1',
          brandId: session.brandId,
          minuteSeries: [0, 1, 2, 3, 4].map(minute),
          retention: [{ __typename: 'RetentionPoint', minute: 0, share: 1 }],
          funnel: { __typename: 'Funnel', viewers: 10, engaged: 0, cartAdders: 0, buyers: 0 },
          moments: [],
          stamps: [],
          joinerComparison: { __typename: 'JoinerComparison', early: group, late: group },
        },
      },
    },
    SessionAnnotations: {
      data: { session: { __typename: 'Session', id: 's-1', brandId: session.brandId, annotations: [] } },
    },
    SessionMerchandise: {
      data: {
        session: {
          __typename: 'Session',
          id: 's-1',
          brandId: session.brandId,
          currency: 'JPY',
          // pinned at 60–150 s and 150–240 s of the stream
          pinSegments: [pin(2, 'p2', 150, 240), pin(1, 'p1', 60, 150)],
          products: [],
          trafficSources: [],
        },
      },
    },
    SessionBenchmarks: { errors: [new GraphQLError('benchmarks unavailable')] },
    SessionCost: { errors: [new GraphQLError('costs unavailable')] },
  };
  /** Requests asked and not answered yet, by operation. */
  const waiting = new Map<string, () => void>();
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        waiting.set(operation.operationName ?? '', () => {
          observer.next(ANSWERS[operation.operationName ?? ''] ?? { errors: [new GraphQLError('unexpected')] });
          observer.complete();
        });
      }),
  );
  const answer = async (operationName: string) => {
    const reply = waiting.get(operationName);
    if (!reply) throw new Error(`${operationName} was not asked (asked: ${[...waiting.keys()].join(', ')})`);
    waiting.delete(operationName);
    await act(async () => reply());
  };

  beforeEach(() => setLang('en'));

  it('draws it when the series arrive, not for the costs, the benchmarks or an empty list of notes, and again for the pins', async () => {
    window.history.replaceState(null, '', '/sessions/s-1');
    render(
      <ApolloProvider client={new ApolloClient({ link, cache: createCache() })}>
        <ScopeProvider brands={[tokyoBrand]}>
          <SessionPage id="s-1" />
        </ScopeProvider>
      </ApolloProvider>,
    );
    await answer('SessionDetail');
    await screen.findByTestId('kpi-details');
    await answer('SessionSeries');
    expect(drawn).toHaveLength(1);
    expect((drawn[0].points as { watching: number }[]).map((p) => p.watching)).toEqual([10, 9, 8, 7, 6]);
    expect(drawn[0].bands).toEqual([]);

    for (const other of ['SessionAnnotations', 'SessionBenchmarks', 'SessionCost']) await answer(other);
    expect(drawn).toHaveLength(1);

    await answer('SessionMerchandise');
    expect(drawn).toHaveLength(2);
    // in segment order: 60 s → minute 1 to 150 s → 2.5, then 2.5 to 240 s → 4
    expect(drawn[1].bands.map(({ from, to }) => [from, to])).toEqual([
      [1, 2.5],
      [2.5, 4],
    ]);
    expect(drawn[1].points).toBe(drawn[0].points);
  });
});
