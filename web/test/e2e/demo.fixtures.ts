/**
 * A small, internally consistent data set for browser tests driven by graphql-mock: every ratio is
 * computed from its counts exactly as METRICS.md defines it, and undefined ratios are null.
 */
import { ratio } from '@lc/contract/kpi';

interface Counts {
  uniqueViewers: number;
  peakConcurrentViewers: number;
  avgConcurrentViewers: number;
  totalWatchSeconds: number;
  durationMinutes: number;
  comments: number;
  commenters: number;
  likes: number;
  likers: number;
  engagedViewers: number;
  cartAdds: number;
  cartAdders: number;
  addedAndBought: number;
  orders: number;
  buyers: number;
  revenue: number;
  lateJoiners: number;
  answeredComments: number;
  medianResponseSeconds: number | null;
}

export function metricsFrom(c: Counts) {
  const revenuePerViewer = ratio(c.revenue, c.uniqueViewers);
  return {
    __typename: 'SessionMetrics',
    uniqueViewers: c.uniqueViewers,
    peakConcurrentViewers: c.peakConcurrentViewers,
    avgConcurrentViewers: c.avgConcurrentViewers,
    totalWatchSeconds: c.totalWatchSeconds,
    avgWatchSeconds: ratio(c.totalWatchSeconds, c.uniqueViewers),
    comments: c.comments,
    commenters: c.commenters,
    chatRate: ratio(c.comments, c.durationMinutes),
    likes: c.likes,
    likers: c.likers,
    engagedViewers: c.engagedViewers,
    engagementRate: ratio(c.engagedViewers, c.uniqueViewers),
    cartAdds: c.cartAdds,
    cartAdders: c.cartAdders,
    orders: c.orders,
    buyers: c.buyers,
    revenue: c.revenue,
    conversionRate: ratio(c.buyers, c.uniqueViewers),
    cartConversionRate: ratio(c.addedAndBought, c.cartAdders),
    averageOrderValue: ratio(c.revenue, c.orders),
    revenuePerViewer,
    gpm: revenuePerViewer === null ? null : revenuePerViewer * 1000,
    lateJoiners: c.lateJoiners,
    commentResponseRate: ratio(c.answeredComments, c.comments),
    medianResponseSeconds: c.medianResponseSeconds,
    // The demo sessions had no follows, shares or refunds.
    follows: 0,
    followRate: c.uniqueViewers > 0 ? 0 : null,
    shares: 0,
    netRevenue: c.revenue,
    refunds: 0,
    refundRate: c.revenue > 0 ? 0 : null,
  };
}

export const demoBrand = {
  __typename: 'Brand',
  id: 'brand-sakura',
  name: 'Sakura Cosmetics',
  timeZone: 'Asia/Tokyo',
  currency: 'JPY',
};

const aiko = { __typename: 'Commercer', id: 'c-aiko', name: 'Aiko Tanaka', kind: 'professional' };
const ren = { __typename: 'Commercer', id: 'c-ren', name: 'Ren Sato', kind: 'in_house' };
const mika = { __typename: 'Commercer', id: 'c-mika', name: 'Mika Ito', kind: 'professional' };

interface SessionSeed {
  id: string;
  title: string;
  platform: string;
  startedAt: string;
  minutes: number | null;
  commercer: typeof aiko;
  counts: Omit<Counts, 'durationMinutes'>;
}

function session(seed: SessionSeed) {
  const started = new Date(seed.startedAt);
  const endedAt = seed.minutes === null ? null : new Date(started.getTime() + seed.minutes * 60_000).toISOString();
  return {
    __typename: 'Session',
    id: seed.id,
    brandId: demoBrand.id,
    title: seed.title,
    platform: seed.platform,
    startedAt: seed.startedAt,
    endedAt,
    isLive: seed.minutes === null,
    // the mock's rollup round: 2 s before the 30 minutes a live session pretends to have run, 5 s after an end
    countedUntil: new Date(
      started.getTime() + (seed.minutes ?? 30) * 60_000 + (seed.minutes === null ? -2_000 : 5_000),
    ).toISOString(),
    currency: 'JPY',
    commercer: seed.commercer,
    // A live session's duration so far: the mock pretends 30 minutes have passed.
    metrics: metricsFrom({ ...seed.counts, durationMinutes: seed.minutes ?? 30 }),
  };
}

// Newest first, as the API lists them.
export const demoSessions = [
  session({
    id: 's-108',
    title: 'Winter gift sets — live',
    platform: 'instagram',
    startedAt: '2025-01-20T11:00:00Z',
    minutes: null,
    commercer: aiko,
    counts: {
      uniqueViewers: 1840,
      peakConcurrentViewers: 912,
      avgConcurrentViewers: 640.4,
      totalWatchSeconds: 1_012_300,
      comments: 2210,
      commenters: 388,
      likes: 15320,
      likers: 702,
      engagedViewers: 811,
      cartAdds: 264,
      cartAdders: 190,
      addedAndBought: 71,
      orders: 84,
      buyers: 79,
      revenue: 512_400,
      lateJoiners: 430,
      answeredComments: 301,
      medianResponseSeconds: 41,
    },
  }),
  session({
    id: 's-107',
    title: 'Spring skincare preview',
    platform: 'tiktok',
    startedAt: '2025-01-17T10:00:00Z',
    minutes: 75,
    commercer: ren,
    counts: {
      uniqueViewers: 12_345,
      peakConcurrentViewers: 4210,
      avgConcurrentViewers: 2877.6,
      totalWatchSeconds: 10_360_000,
      comments: 9876,
      commenters: 2140,
      likes: 88_120,
      likers: 4920,
      engagedViewers: 5610,
      cartAdds: 1520,
      cartAdders: 1108,
      addedAndBought: 402,
      orders: 466,
      buyers: 431,
      revenue: 2_934_800,
      lateJoiners: 3950,
      answeredComments: 1210,
      medianResponseSeconds: 36,
    },
  }),
  session({
    id: 's-106',
    title: 'Cushion foundation deep dive',
    platform: 'youtube',
    startedAt: '2025-01-14T10:30:00Z',
    minutes: 62,
    commercer: mika,
    counts: {
      uniqueViewers: 6420,
      peakConcurrentViewers: 2011,
      avgConcurrentViewers: 1402.2,
      totalWatchSeconds: 4_902_000,
      comments: 3120,
      commenters: 905,
      likes: 30_450,
      likers: 2210,
      engagedViewers: 2604,
      cartAdds: 640,
      cartAdders: 498,
      addedAndBought: 166,
      orders: 190,
      buyers: 181,
      revenue: 1_201_300,
      lateJoiners: 1880,
      answeredComments: 420,
      medianResponseSeconds: 52,
    },
  }),
  session({
    id: 's-105',
    title: 'Lip tint colour lab',
    platform: 'instagram',
    startedAt: '2025-01-10T11:00:00Z',
    minutes: 48,
    commercer: aiko,
    counts: {
      uniqueViewers: 3975,
      peakConcurrentViewers: 1530,
      avgConcurrentViewers: 980.1,
      totalWatchSeconds: 2_870_000,
      comments: 2230,
      commenters: 610,
      likes: 19_020,
      likers: 1402,
      engagedViewers: 1720,
      cartAdds: 455,
      cartAdders: 350,
      addedAndBought: 120,
      orders: 142,
      buyers: 133,
      revenue: 468_900,
      lateJoiners: 1020,
      answeredComments: 260,
      medianResponseSeconds: 44,
    },
  }),
  session({
    id: 's-104',
    title: 'Rehearsal (internal)',
    platform: 'instagram',
    startedAt: '2025-01-08T02:00:00Z',
    minutes: 5,
    commercer: ren,
    counts: {
      uniqueViewers: 0,
      peakConcurrentViewers: 0,
      avgConcurrentViewers: 0,
      totalWatchSeconds: 0,
      comments: 0,
      commenters: 0,
      likes: 0,
      likers: 0,
      engagedViewers: 0,
      cartAdds: 0,
      cartAdders: 0,
      addedAndBought: 0,
      orders: 0,
      buyers: 0,
      revenue: 0,
      lateJoiners: 0,
      answeredComments: 0,
      medianResponseSeconds: null,
    },
  }),
  session({
    id: 's-103',
    title: 'New year lucky bags',
    platform: 'tiktok',
    startedAt: '2025-01-02T12:00:00Z',
    minutes: 90,
    commercer: mika,
    counts: {
      uniqueViewers: 9210,
      peakConcurrentViewers: 3380,
      avgConcurrentViewers: 2290.5,
      totalWatchSeconds: 8_150_000,
      comments: 7012,
      commenters: 1733,
      likes: 64_800,
      likers: 3605,
      engagedViewers: 4380,
      cartAdds: 2210,
      cartAdders: 1650,
      addedAndBought: 690,
      orders: 812,
      buyers: 760,
      revenue: 4_872_000,
      lateJoiners: 2760,
      answeredComments: 880,
      medianResponseSeconds: 58,
    },
  }),
];

export type DemoSession = (typeof demoSessions)[number];
