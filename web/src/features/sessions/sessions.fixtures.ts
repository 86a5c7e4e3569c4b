import type { Brand } from '../scope/scope';
import type { SessionMetrics } from './kpi.catalog';
import type { SessionDetail } from './components/SessionHeader';
import type { SessionRow } from './components/SessionsTable';

/** Small builders for component tests; override only what a test is about. */

export const tokyoBrand: Brand = { id: 'b-jp', name: 'Sakura Cosmetics', timeZone: 'Asia/Tokyo', currency: 'JPY' };
export const nyBrand: Brand = { id: 'b-us', name: 'Hudson Outfitters', timeZone: 'America/New_York', currency: 'USD' };

export function buildMetrics(overrides: Partial<SessionMetrics> = {}): SessionMetrics {
  return {
    uniqueViewers: 0,
    peakConcurrentViewers: 0,
    avgConcurrentViewers: 0,
    totalWatchSeconds: 0,
    avgWatchSeconds: null,
    comments: 0,
    commenters: 0,
    chatRate: null,
    likes: 0,
    likers: 0,
    engagedViewers: 0,
    engagementRate: null,
    cartAdds: 0,
    cartAdders: 0,
    orders: 0,
    buyers: 0,
    revenue: 0,
    conversionRate: null,
    cartConversionRate: null,
    averageOrderValue: null,
    revenuePerViewer: null,
    gpm: null,
    lateJoiners: 0,
    commentResponseRate: null,
    medianResponseSeconds: null,
    follows: 0,
    followRate: null,
    shares: 0,
    netRevenue: 0,
    refunds: 0,
    refundRate: null,
    ...overrides,
  };
}

export function buildSession(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: 's-1',
    brandId: tokyoBrand.id,
    title: 'Spring skincare launch',
    platform: 'instagram',
    startedAt: '2025-01-14T10:30:00Z',
    endedAt: '2025-01-14T11:32:05Z',
    isLive: false,
    currency: 'JPY',
    commercer: { id: 'c-1', name: 'Aiko Tanaka', kind: 'professional' },
    countedUntil: '2025-01-14T11:32:10Z',
    metrics: buildMetrics(),
    ...overrides,
  };
}

export function toRow(session: SessionDetail): SessionRow {
  const { uniqueViewers, comments, likes, orders, revenue } = session.metrics;
  return { ...session, metrics: { uniqueViewers, comments, likes, orders, revenue } };
}
