/**
 * Hand-written mirror of the API's GraphQL types, kept to exactly what the queries select.
 * Replace with GraphQL codegen output (web/src/gql) once api/ emits schema.graphql.
 */

/** ISO-8601 instant with offset, as the DateTime scalar serialises it. */
export type DateTimeString = string;

export type CommercerKind = 'professional' | 'in_house';

export interface Brand {
  id: string;
  name: string;
  /** IANA zone; session times are shown on this wall clock. */
  timeZone: string;
  currency: string;
}

export interface Commercer {
  id: string;
  name: string;
  kind: CommercerKind;
}

/** Nullable numbers are ratios whose denominator was 0: shown as "—", never as 0. */
export interface SessionMetrics {
  uniqueViewers: number;
  peakConcurrentViewers: number;
  avgConcurrentViewers: number;
  totalWatchSeconds: number;
  avgWatchSeconds: number | null;
  comments: number;
  commenters: number;
  chatRate: number | null;
  likes: number;
  likers: number;
  engagedViewers: number;
  engagementRate: number | null;
  cartAdds: number;
  cartAdders: number;
  orders: number;
  buyers: number;
  revenue: number;
  conversionRate: number | null;
  cartConversionRate: number | null;
  averageOrderValue: number | null;
  revenuePerViewer: number | null;
  gpm: number | null;
  lateJoiners: number;
  commentResponseRate: number | null;
  medianResponseSeconds: number | null;
}

export type KpiName = keyof SessionMetrics;

interface SessionBase {
  id: string;
  brandId: string;
  title: string;
  platform: string;
  startedAt: DateTimeString;
  endedAt: DateTimeString | null;
  isLive: boolean;
  currency: string;
  commercer: Commercer;
}

export type SummaryMetrics = Pick<SessionMetrics, 'uniqueViewers' | 'comments' | 'likes' | 'orders' | 'revenue'>;

export interface SessionSummary extends SessionBase {
  metrics: SummaryMetrics;
}

export interface SessionDetail extends SessionBase {
  metrics: SessionMetrics;
}
