import { createContext, useContext } from 'react';
import { getReadToken } from './token.store';

/**
 * A credential other than the signed-in read token, for a subtree: the share page provides its
 * share token, so the report's CSV downloads authenticate as the link (and see only its report).
 */
export const CredentialContext = createContext<string | null>(null);

/** The Bearer token to send, read at call time: the subtree's credential, else the read token. */
export function useBearerToken(): () => string | null {
  const credential = useContext(CredentialContext);
  return () => credential ?? getReadToken();
}
