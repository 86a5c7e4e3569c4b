import { graphql } from '../../gql';

export const REPORT_QUERY = graphql(`
  query Report($brandId: ID, $period: PeriodInput!, $compare: Boolean) {
    brandOverview(brandId: $brandId, period: $period, compare: $compare, rankBy: revenue) {
      metrics {
        ...PeriodKpis
      }
      previous {
        ...PeriodKpis
      }
      daily {
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
      best {
        ...SessionCard
      }
      worst {
        ...SessionCard
      }
    }
    leaderboard(brandId: $brandId, period: $period, first: 5) {
      commercer {
        id
        name
        kind
      }
      metrics {
        ...PeriodKpis
      }
    }
  }
`);
