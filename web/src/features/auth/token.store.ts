/**
 * The read token lives in sessionStorage: it survives a reload but not the tab, so a token pasted
 * on a shared machine is gone once the tab closes. Components subscribe through useAuth.
 */

// Exported for browser tests that start signed in.
export const STORAGE_KEY = 'lc.readToken';

export type RejectionReason = 'unauthenticated';

export interface AuthState {
  readonly token: string | null;
  /** Set when the API refused the token we held, so the sign-in form can say why it is back. */
  readonly rejection: RejectionReason | null;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Some privacy modes throw on access; the app still works for the lifetime of the page.
    return null;
  }
}

let state: AuthState = { token: storage()?.getItem(STORAGE_KEY) ?? null, rejection: null };
const listeners = new Set<() => void>();

function publish(next: AuthState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getAuthState(): AuthState {
  return state;
}

export function getReadToken(): string | null {
  return state.token;
}

export function subscribeAuth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signIn(token: string): void {
  const trimmed = token.trim();
  if (!trimmed) return;
  storage()?.setItem(STORAGE_KEY, trimmed);
  publish({ token: trimmed, rejection: null });
}

export function signOut(): void {
  storage()?.removeItem(STORAGE_KEY);
  publish({ token: null, rejection: null });
}

/** The API answered UNAUTHENTICATED: drop the token so no further request carries it. */
export function rejectToken(reason: RejectionReason): void {
  // Several queries in flight fail together; only the first one should change state.
  if (state.token === null && state.rejection === reason) return;
  storage()?.removeItem(STORAGE_KEY);
  publish({ token: null, rejection: reason });
}
