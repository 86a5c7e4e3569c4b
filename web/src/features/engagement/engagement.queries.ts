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
