import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Brand, SessionDetail, SessionSummary } from './session.types';

/** The overview lists this many sessions; the chart and table share them. */
export const OVERVIEW_SESSION_COUNT = 50;

export interface OverviewData {
  brands: Brand[];
  sessions: SessionSummary[];
}

export interface OverviewVars {
  brandId?: string | null;
  first?: number;
}

// Brands come with the sessions because a start time means nothing without the brand's time zone.
export const OVERVIEW_QUERY: TypedDocumentNode<OverviewData, OverviewVars> = gql`
  query Overview($brandId: ID, $first: Int) {
    brands {
      id
      name
      timeZone
      currency
    }
    sessions(brandId: $brandId, first: $first) {
      id
      brandId
      title
      platform
      startedAt
      endedAt
      isLive
      currency
      commercer {
        id
        name
        kind
      }
      metrics {
        uniqueViewers
        comments
        likes
        orders
        revenue
      }
    }
  }
`;

export interface SessionPageData {
  session: SessionDetail | null;
  brands: Brand[];
}

export interface SessionPageVars {
  id: string;
}

export const SESSION_QUERY: TypedDocumentNode<SessionPageData, SessionPageVars> = gql`
  query SessionDetail($id: ID!) {
    session(id: $id) {
      id
      brandId
      title
      platform
      startedAt
      endedAt
      isLive
      currency
      commercer {
        id
        name
        kind
      }
      metrics {
        uniqueViewers
        peakConcurrentViewers
        avgConcurrentViewers
        totalWatchSeconds
        avgWatchSeconds
        comments
        commenters
        chatRate
        likes
        likers
        engagedViewers
        engagementRate
        cartAdds
        cartAdders
        orders
        buyers
        revenue
        conversionRate
        cartConversionRate
        averageOrderValue
        revenuePerViewer
        gpm
        lateJoiners
        commentResponseRate
        medianResponseSeconds
      }
    }
    brands {
      id
      name
      timeZone
      currency
    }
  }
`;
