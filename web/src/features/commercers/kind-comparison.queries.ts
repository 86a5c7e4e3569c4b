import { graphql } from '../../gql';

export const HOST_COST_FIELDS = graphql(`
  fragment HostCostFields on HostCostFigures {
    currency
    hostCost
    roas
    costPerEngagedViewer
    costPerOrder
    costedSessions
    costsInOtherCurrencies {
      currency
      amount
    }
  }
`);

export const KIND_COMPARISON_QUERY = graphql(`
  query KindComparison($brandId: ID, $period: PeriodInput!) {
    kindComparison(brandId: $brandId, period: $period) {
      kinds {
        kind
        commercers
        metrics {
          sessions
          uniqueViewers
          engagementRate
          conversionRate
          gpm
          commentResponseRate
          revenue
        }
        previous {
          sessions
          uniqueViewers
          engagementRate
          conversionRate
          gpm
          commentResponseRate
          revenue
        }
        spread {
          metric
          min
          median
          max
          commercers {
            commercer {
              id
              name
            }
            value
          }
        }
        costs {
          ...HostCostFields
        }
        engagementVsExpected
      }
      fit {
        a
        b
        n
      }
      sessions {
        sessionId
        commercer {
          id
          name
        }
        uniqueViewers
        engagementRate
        engagementVsExpected
      }
    }
  }
`);

export const SET_SESSION_COST_MUTATION = graphql(`
  mutation SetSessionCost($sessionId: ID!, $brandId: ID, $amount: Float!, $currency: String!) {
    setSessionCost(sessionId: $sessionId, brandId: $brandId, amount: $amount, currency: $currency) {
      sessionId
      amount
      currency
    }
  }
`);

export const CLEAR_SESSION_COST_MUTATION = graphql(`
  mutation ClearSessionCost($sessionId: ID!, $brandId: ID) {
    clearSessionCost(sessionId: $sessionId, brandId: $brandId)
  }
`);

export const SESSION_COST_QUERY = graphql(`
  query SessionCost($id: ID!, $brandId: ID) {
    sessionCosts(brandId: $brandId, sessionIds: [$id]) {
      sessionId
      amount
      currency
    }
    session(id: $id, brandId: $brandId) {
      id
      brandId
      costs {
        ...HostCostFields
        source
      }
    }
  }
`);

export const COMMERCER_FEES_QUERY = graphql(`
  query CommercerFees($brandId: ID, $commercerId: ID!) {
    commercerFees(brandId: $brandId, commercerId: $commercerId) {
      commercerId
      month
      amount
      currency
    }
  }
`);

export const SET_COMMERCER_FEE_MUTATION = graphql(`
  mutation SetCommercerFee($brandId: ID, $commercerId: ID!, $month: String!, $amount: Float!, $currency: String!) {
    setCommercerFee(brandId: $brandId, commercerId: $commercerId, month: $month, amount: $amount, currency: $currency) {
      commercerId
      month
      amount
      currency
    }
  }
`);

export const CLEAR_COMMERCER_FEE_MUTATION = graphql(`
  mutation ClearCommercerFee($brandId: ID, $commercerId: ID!, $month: String!) {
    clearCommercerFee(brandId: $brandId, commercerId: $commercerId, month: $month)
  }
`);
