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

// One request for the four weeks before the period: the brand's own baseline for the median flags.
export const BASELINE_QUERY = graphql(`
  query BrandBaseline($brandId: ID, $w1: PeriodInput!, $w2: PeriodInput!, $w3: PeriodInput!, $w4: PeriodInput!) {
    w1: brandOverview(brandId: $brandId, period: $w1, compare: false) {
      metrics {
        ...PeriodKpis
      }
    }
    w2: brandOverview(brandId: $brandId, period: $w2, compare: false) {
      metrics {
        ...PeriodKpis
      }
    }
    w3: brandOverview(brandId: $brandId, period: $w3, compare: false) {
      metrics {
        ...PeriodKpis
      }
    }
    w4: brandOverview(brandId: $brandId, period: $w4, compare: false) {
      metrics {
        ...PeriodKpis
      }
    }
  }
`);
