import { demoBrand, demoSessions } from './demo.fixtures';

/**
 * Mocked brandOverview answers for UI-state tests. The numbers are chosen so the comparisons and the
 * flags against the 4 previous periods come out round by hand (see the test that uses them).
 */

export interface PeriodKpis {
  sessions: number;
  views: number;
  uniqueViewers: number;
  avgWatchSeconds: number | null;
  engagementRate: number | null;
  conversionRate: number | null;
  revenue: number | null;
  gpm: number | null;
  chatRate: number | null;
  returningRate: number | null;
  commentResponseRate: number | null;
  orders: number;
  follows: number;
  followRate: number | null;
  netRevenue: number | null;
}

const EMPTY: PeriodKpis = {
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

export function periodMetrics(overrides: Partial<PeriodKpis> = {}) {
  return { __typename: 'PeriodMetrics', revenueByCurrency: [], ...EMPTY, ...overrides };
}

function card(session: (typeof demoSessions)[number]) {
  return { ...session, metrics: { ...session.metrics } };
}

export function demoOverview(overrides: { metrics?: Partial<PeriodKpis>; previous?: Partial<PeriodKpis> } = {}) {
  return {
    brandOverview: {
      __typename: 'BrandOverview',
      metrics: periodMetrics({
        sessions: 4,
        views: 1000,
        uniqueViewers: 700,
        avgWatchSeconds: 245,
        engagementRate: 0.4,
        conversionRate: 0.03,
        revenue: 1_200_000,
        gpm: 1_200_000,
        orders: 30,
        ...overrides.metrics,
      }),
      previous: periodMetrics({
        sessions: 3,
        views: 800,
        uniqueViewers: 600,
        avgWatchSeconds: 245,
        engagementRate: 0.4,
        conversionRate: 0.04,
        revenue: 1_000_000,
        gpm: 1_250_000,
        orders: 32,
        ...overrides.previous,
      }),
      history: demoHistory(),
      daily: ['2025-01-14', '2025-01-15', '2025-01-16'].map((date, i) => ({
        __typename: 'DailyPoint',
        date,
        sessions: 1,
        views: 300 + i * 50,
        uniqueViewers: 250,
        comments: 100,
        likes: 900,
        orders: 10,
        revenue: 400_000,
        engagementRate: 0.4,
        conversionRate: 0.03,
        newViewers: 150,
        returningViewers: 100,
      })),
      best: demoSessions.slice(1, 4).map(card),
      worst: demoSessions.slice(3, 6).map(card),
    },
  };
}

/**
 * The four 28-day periods before the period, newest first: conversion 4%, 6%, 6%, 8% (median 6%);
 * views 800, 1,100, 1,200, 1,300 (median (1,100 + 1,200) / 2 = 1,150).
 */
export function demoHistory() {
  const before = (views: number, conversionRate: number) => ({
    __typename: 'HistoryPeriod',
    metrics: periodMetrics({ views, conversionRate }),
  });
  return [before(800, 0.04), before(1100, 0.06), before(1200, 0.06), before(1300, 0.08)];
}

export const demoBrands = { brands: [demoBrand] };

export function demoPeriodSessions(nodes = demoSessions) {
  return {
    sessions: {
      __typename: 'SessionConnection',
      totalCount: nodes.length,
      pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
      nodes,
    },
  };
}
