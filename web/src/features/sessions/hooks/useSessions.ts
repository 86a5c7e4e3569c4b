import { useQuery } from '@apollo/client/react';
import { OVERVIEW_QUERY, OVERVIEW_SESSION_COUNT } from '../queries/sessions.query';

export function useSessions(brandId: string | null) {
  return useQuery(OVERVIEW_QUERY, {
    variables: { brandId, first: OVERVIEW_SESSION_COUNT },
    // A live session's numbers move; show the cache at once but always ask again on arrival.
    fetchPolicy: 'cache-and-network',
  });
}
