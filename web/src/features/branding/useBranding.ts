import { useQuery } from '@apollo/client/react';
import type { BrandBrandingQuery } from '../../gql/graphql';
import { BRAND_BRANDING_QUERY } from './branding.queries';

export type Branding = NonNullable<BrandBrandingQuery['brands'][number]['branding']>;

/** The brand's white-label, or null (none set, or still loading: the report shows the brand as is). */
export function useBranding(brandId: string): Branding | null {
  const { data } = useQuery(BRAND_BRANDING_QUERY);
  return data?.brands.find((b) => b.id === brandId)?.branding ?? null;
}
