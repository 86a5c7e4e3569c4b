import { graphql } from '../../gql';

export const SHARE_LINKS_QUERY = graphql(`
  query ShareLinks($brandId: ID!) {
    shareLinks(brandId: $brandId) {
      id
      label
      state
      opens
      lastOpenedAt
      expiresAt
      period {
        from
        to
        timeZone
      }
    }
  }
`);

export const CREATE_SHARE_LINK = graphql(`
  mutation CreateShareLink($brandId: ID!, $period: PeriodInput!, $expiresAt: DateTime!, $label: String!) {
    createShareLink(brandId: $brandId, period: $period, expiresAt: $expiresAt, label: $label) {
      url
      link {
        id
      }
    }
  }
`);

export const REVOKE_SHARE_LINK = graphql(`
  mutation RevokeShareLink($id: ID!) {
    revokeShareLink(id: $id) {
      id
      state
    }
  }
`);
