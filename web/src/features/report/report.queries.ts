import { graphql } from '../../gql';

export const REPORT_QUERY = graphql(`
  query Report($brandId: ID, $period: PeriodInput!, $compare: Boolean) {
    brandOverview(brandId: $brandId, period: $period, compare: $compare, rankBy: revenue) {
      metrics {
        ...PeriodKpis
        ...LaterPurchases
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
    leaderboard(brandId: $brandId, period: $period, first: 5) {
      commercer {
        id
        name
        kind
      }
      metrics {
        ...PeriodKpis
        engagementLift
      }
    }
  }
`);
