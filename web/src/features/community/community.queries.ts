import { graphql } from '../../gql';

export const COMMUNITY_QUERY = graphql(`
  query Community($brandId: ID, $period: PeriodInput!) {
    community(brandId: $brandId, period: $period) {
      uniqueViewers
      returningViewers
      returningRate
      regularsCount
      regulars {
        viewerId
        sessions
      }
      cohorts {
        week
        size
        partial
        returning
        returningPartial
      }
      stamps {
        commercer {
          id
          name
        }
        stamps {
          stamp
          likes
        }
      }
      daily {
        date
        newViewers
        returningViewers
      }
    }
  }
`);
