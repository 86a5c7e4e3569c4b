import { graphql } from '../../gql';

export const ENGAGEMENT_QUERY = graphql(`
  query EngagementVsSales($brandId: ID, $period: PeriodInput!, $groupBy: ScatterGroup, $axis: EngagementAxis) {
    engagementVsSales(brandId: $brandId, period: $period, groupBy: $groupBy, axis: $axis) {
      axis
      correlation
      slope
      intercept
      points {
        id
        label
        engagementRate
        chatRate
        conversionRate
        revenue
        viewers
      }
    }
  }
`);

// METRICS.md "Does engagement pay later?": the engagement page, the commercer profile, the leaderboard and the report read it.
export const LATER_PURCHASES_FRAGMENT = graphql(`
  fragment LaterPurchases on PeriodMetrics {
    engagedNonBuyers
    passiveNonBuyers
    laterConversionEngaged
    laterConversionPassive
    engagementLift
    laterRevenue
    windowOpen
  }
`);

export const LATER_PURCHASES_QUERY = graphql(`
  query LaterPurchases($brandId: ID, $period: PeriodInput!) {
    brandOverview(brandId: $brandId, period: $period, compare: false) {
      metrics {
        ...LaterPurchases
      }
    }
  }
`);
