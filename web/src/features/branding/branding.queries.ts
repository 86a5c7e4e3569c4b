import { graphql } from '../../gql';

// Kept apart from the shell's Brands query: only the report and the share page need the white-label.
export const BRAND_BRANDING_QUERY = graphql(`
  query BrandBranding {
    brands {
      id
      branding {
        displayName
        agencyName
        accentColor
        logoUrl
      }
    }
  }
`);
