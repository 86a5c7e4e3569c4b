import { graphql } from '../../gql';

export const COMMERCERS_QUERY = graphql(`
  query Commercers(
    $brandId: ID
    $period: PeriodInput!
    $kind: CommercerKind
    $sortBy: CommercerSortField
    $direction: SortDirection
    $compare: Boolean
  ) {
    commercers(
      brandId: $brandId
      period: $period
      kind: $kind
      sortBy: $sortBy
      direction: $direction
      compare: $compare
      first: 200
    ) {
      commercer {
        id
        name
        kind
      }
      # recapCoverage is a leaderboard column of its own (commercer-table.ts), not an overview KPI.
      metrics {
        ...PeriodKpis
        recapCoverage
        engagementLift
      }
      previous {
        ...PeriodKpis
        recapCoverage
        engagementLift
      }
      # issue 14: host cost and size-adjusted engagement (kind-comparison.queries.ts)
      costs {
        ...HostCostFields
      }
      engagementVsExpected
    }
  }
`);

export const COMMERCER_PROFILE_QUERY = graphql(`
  query CommercerProfile($id: ID!, $brandId: ID, $period: PeriodInput!) {
    commercer(id: $id, brandId: $brandId, period: $period) {
      commercer {
        id
        name
        kind
      }
      costs {
        ...HostCostFields
      }
      engagementVsExpected
      metrics {
        ...PeriodKpis
        # The host-craft card (host-craft.ts)
        recaps
        recapCoverage
        recapLift
        ...LaterPurchases
      }
      daily {
        ...DailyFields
      }
      sessions {
        ...SessionCard
      }
      stamps {
        stamp
        likes
      }
      community {
        uniqueViewers
        returningViewers
        returningRate
        regularsCount
        regulars {
          viewerId
          sessions
        }
      }
    }
  }
`);
