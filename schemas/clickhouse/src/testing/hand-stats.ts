import { S0_EXPECTED, S1_EXPECTED } from '@lc/contract/testing';

/**
 * The session_stats columns of the hand fixture's sessions S0 and S1, taken from the KPIs worked
 * out by hand (`S0_EXPECTED`, `S1_EXPECTED` of @lc/contract/testing; docs/FIXTURE.md), for tests
 * that build the rollups some other way (several ingest replicas, rebuilds racing each other).
 */
export const HAND_SESSION_STATS = {
  S0: {
    unique_viewers: S0_EXPECTED.uniqueViewers,
    peak_concurrent: S0_EXPECTED.peakConcurrentViewers,
    avg_concurrent: S0_EXPECTED.avgConcurrentViewers,
    total_watch_seconds: S0_EXPECTED.totalWatchSeconds,
    comments: S0_EXPECTED.comments,
    engaged_viewers: S0_EXPECTED.engagementRate * S0_EXPECTED.uniqueViewers,
    buyers: S0_EXPECTED.conversionRate * S0_EXPECTED.uniqueViewers,
    median_response_s: S0_EXPECTED.medianResponseSeconds,
  },
  S1: {
    unique_viewers: S1_EXPECTED.uniqueViewers,
    peak_concurrent: S1_EXPECTED.peakConcurrentViewers,
    avg_concurrent: S1_EXPECTED.avgConcurrentViewers,
    total_watch_seconds: S1_EXPECTED.totalWatchSeconds,
    comments: S1_EXPECTED.comments,
    commenters: S1_EXPECTED.commenters,
    likes: S1_EXPECTED.likes,
    likers: S1_EXPECTED.likers,
    engaged_viewers: S1_EXPECTED.engagedViewers,
    cart_adds: S1_EXPECTED.cartAdds,
    cart_adders: S1_EXPECTED.cartAdders,
    orders: S1_EXPECTED.orders,
    buyers: S1_EXPECTED.buyers,
    revenue: S1_EXPECTED.revenue,
    late_joiners: S1_EXPECTED.lateJoiners,
    answered_comments: Math.round(S1_EXPECTED.commentResponseRate * S1_EXPECTED.comments),
    median_response_s: S1_EXPECTED.medianResponseSeconds,
  },
} as const;
