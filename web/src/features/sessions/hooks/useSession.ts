import { useQuery } from '@apollo/client/react';
import { SESSION_QUERY } from '../queries/sessions.query';

export function useSession(id: string) {
  return useQuery(SESSION_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
}
