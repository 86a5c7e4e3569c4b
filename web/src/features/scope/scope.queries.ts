import { graphql } from '../../gql';

// Brands carry the zone and currency every page needs, so the shell loads them once for all pages.
export const BRANDS_QUERY = graphql(`
  query Brands {
    brands {
      id
      name
      timeZone
      currency
    }
  }
`);
