import { graphql } from '../../gql';

export const PRODUCT_FIELDS_FRAGMENT = graphql(`
  fragment ProductFields on Product {
    productId
    productName
    pins
    pinnedSeconds
    impressed
    clickers
    clickRate
    cartAdds
    cartAdders
    orders
    units
    revenue
    buyers
    orderRate
    currency
  }
`);

export const TRAFFIC_SOURCE_FIELDS_FRAGMENT = graphql(`
  fragment TrafficSourceFields on TrafficSource {
    source
    viewers
    engagedViewers
    buyers
    revenue
    conversionRate
    avgWatchSeconds
    currency
  }
`);

// Its own request, apart from the KPIs and the minute series: a server without these fields still
// shows the rest of the session page, and the timeline reads the pin segments from the same answer.
export const SESSION_MERCHANDISE_QUERY = graphql(`
  query SessionMerchandise($id: ID!, $brandId: ID) {
    session(id: $id, brandId: $brandId) {
      id
      brandId
      currency
      pinSegments {
        segment
        productId
        productName
        start
        end
        watchingAtStart
        watchingAtEnd
        watchingChange
        comments
        commentsPerMinute
        clicks
        cartAdds
        orders
        units
        revenue
        viewers
        segmentGpm
      }
      products {
        ...ProductFields
      }
      trafficSources {
        ...TrafficSourceFields
      }
    }
  }
`);

/** The API's cap on a period's products (brandOverview.products(first:)). */
export const MAX_PERIOD_PRODUCTS = 500;

export const PERIOD_PRODUCTS_QUERY = graphql(`
  query PeriodProducts($brandId: ID, $period: PeriodInput!, $first: Int!) {
    brandOverview(brandId: $brandId, period: $period, compare: false) {
      products(first: $first) {
        ...ProductFields
        sessions
        bestCommercer {
          id
          name
        }
      }
    }
  }
`);

// The previous period is asked for only when the filter bar compares: its bars go beside the current ones.
export const PERIOD_TRAFFIC_SOURCES_QUERY = graphql(`
  query PeriodTrafficSources(
    $brandId: ID
    $period: PeriodInput!
    $previousPeriod: PeriodInput!
    $withPrevious: Boolean!
  ) {
    current: brandOverview(brandId: $brandId, period: $period, compare: false) {
      trafficSources {
        ...TrafficSourceFields
      }
    }
    previous: brandOverview(brandId: $brandId, period: $previousPeriod, compare: false) @include(if: $withPrevious) {
      trafficSources {
        ...TrafficSourceFields
      }
    }
  }
`);
