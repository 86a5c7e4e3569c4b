import { graphql } from '../../../gql';

/** The overview lists this many of the period's sessions per page ("Load more" adds the next page); the chart and table share them. */
export const OVERVIEW_SESSION_COUNT = 50;

export const PERIOD_SESSIONS_QUERY = graphql(`
  query PeriodSessions(
    $filter: SessionFilter!
    $first: Int!
    $after: String
    $sortBy: SessionSortField!
    $direction: SortDirection!
  ) {
    sessions(filter: $filter, first: $first, after: $after, sortBy: $sortBy, direction: $direction) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
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
  }
`);

export const SESSION_QUERY = graphql(`
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
        follows
        followRate
        shares
        netRevenue
        refunds
        refundRate
      }
    }
  }
`);

// Separate from SESSION_QUERY so the KPIs show even while a server lacks the series fields, and so
// a failure of one section leaves the other on screen.
export const SESSION_SERIES_QUERY = graphql(`
  query SessionSeries($id: ID!) {
    session(id: $id) {
      id
      minuteSeries {
        minute
        at
        watching
        comments
        likes
        cartAdds
        orders
        revenue
      }
      retention {
        minute
        share
      }
      funnel {
        viewers
        engaged
        cartAdders
        buyers
      }
      moments(top: 3) {
        minute
        at
        comments
        likes
        activity
        cartAdds
        orders
      }
      stamps {
        stamp
        likes
      }
      joinerComparison {
        early {
          viewers
          avgWatchSeconds
          engagementRate
          conversionRate
        }
        late {
          viewers
          avgWatchSeconds
          engagementRate
          conversionRate
        }
      }
    }
  }
`);

export const SESSION_ANNOTATIONS_QUERY = graphql(`
  query SessionAnnotations($id: ID!) {
    session(id: $id) {
      id
      annotations {
        id
        at
        kind
        text
      }
    }
  }
`);

// The new note comes back with the fields the timeline reads, so it goes into the cache without a refetch.
export const CREATE_ANNOTATION_MUTATION = graphql(`
  mutation CreateAnnotation($input: CreateAnnotationInput!) {
    createAnnotation(input: $input) {
      id
      at
      kind
      text
    }
  }
`);

export const DELETE_ANNOTATION_MUTATION = graphql(`
  mutation DeleteAnnotation($id: ID!) {
    deleteAnnotation(id: $id)
  }
`);

// METRICS.md "Streams of the same size": its own request, so the KPI cards show even when the
// benchmark fails or is slow; each card shows its KPI's benchmark when it has one.
export const SESSION_BENCHMARKS_QUERY = graphql(`
  query SessionBenchmarks($id: ID!) {
    session(id: $id) {
      id
      metrics {
        benchmarks {
          kpi
          benchmark {
            band
            bandMin
            bandMax
            percentile
            peers
          }
        }
      }
    }
  }
`);
