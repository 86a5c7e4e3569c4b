import { graphql } from '../../gql';

export const PERIOD_KPIS_FRAGMENT = graphql(`
  fragment PeriodKpis on PeriodMetrics {
    sessions
    views
    uniqueViewers
    avgWatchSeconds
    engagementRate
    conversionRate
    revenue
    gpm
    chatRate
    returningRate
    commentResponseRate
    orders
    follows
    followRate
    netRevenue
  }
`);

// Every column of a daily point: the trend charts and the daily CSV read them all.
export const DAILY_FIELDS_FRAGMENT = graphql(`
  fragment DailyFields on DailyPoint {
    date
    sessions
    views
    uniqueViewers
    comments
    likes
    orders
    revenue
    engagementRate
    conversionRate
    newViewers
    returningViewers
  }
`);

export const SESSION_CARD_FRAGMENT = graphql(`
  fragment SessionCard on Session {
    id
    brandId
    title
    startedAt
    isLive
    currency
    commercer {
      id
      name
      kind
    }
    metrics {
      uniqueViewers
      engagementRate
      conversionRate
      revenue
    }
  }
`);

export const BRAND_OVERVIEW_QUERY = graphql(`
  query BrandOverview($brandId: ID, $period: PeriodInput!, $compare: Boolean) {
    brandOverview(brandId: $brandId, period: $period, compare: $compare, rankBy: revenue) {
      metrics {
        ...PeriodKpis
        revenueByCurrency {
          currency
          amount
        }
      }
      previous {
        ...PeriodKpis
      }
      # The four periods of equal length before this one (one SQL pass on the server): the brand's own
      # history, whose median flags a KPI (METRICS.md).
      history {
        metrics {
          ...PeriodKpis
        }
      }
      daily {
        ...DailyFields
      }
      best {
        ...SessionCard
      }
      worst {
        ...SessionCard
      }
    }
  }
`);
