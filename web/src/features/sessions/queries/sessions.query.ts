import { graphql } from '../../../gql';

/** The overview lists this many of the period's sessions per page ("Load more" adds the next page); the chart and table share them. */
export const OVERVIEW_SESSION_COUNT = 50;

/** What names a session wherever one is listed or opened: the overview's table and the session page's header. */
export const SESSION_HEADER_FIELDS = graphql(`
  fragment SessionHeaderFields on Session {
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
  }
`);

export const JOINER_GROUP_FIELDS = graphql(`
  fragment JoinerGroupFields on JoinerGroup {
    viewers
    avgWatchSeconds
    engagementRate
    conversionRate
  }
`);

/** A note on the timeline: what the list reads, and what a new note comes back with. */
export const ANNOTATION_FIELDS = graphql(`
  fragment AnnotationFields on Annotation {
    id
    at
    kind
    text
  }
`);

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
        ...SessionHeaderFields
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
  query SessionDetail($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      ...SessionHeaderFields
      countedUntil
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
  query SessionSeries($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      id
      brandId
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
          ...JoinerGroupFields
        }
        late {
          ...JoinerGroupFields
        }
      }
    }
  }
`);

export const SESSION_ANNOTATIONS_QUERY = graphql(`
  query SessionAnnotations($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      id
      brandId
      annotations {
        ...AnnotationFields
      }
    }
  }
`);

// The new note comes back with the fields the timeline reads, so it goes into the cache without a refetch.
export const CREATE_ANNOTATION_MUTATION = graphql(`
  mutation CreateAnnotation($input: CreateAnnotationInput!) {
    createAnnotation(input: $input) {
      ...AnnotationFields
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
  query SessionBenchmarks($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      id
      brandId
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
