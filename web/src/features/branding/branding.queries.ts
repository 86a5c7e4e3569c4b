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

export const SET_BRAND_BRANDING = graphql(`
  mutation SetBrandBranding($brandId: ID!, $input: BrandBrandingInput!) {
    setBrandBranding(brandId: $brandId, input: $input) {
      displayName
      agencyName
      accentColor
      logoUrl
    }
  }
`);
