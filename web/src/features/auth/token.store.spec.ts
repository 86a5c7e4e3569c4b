import { getAuthState, rejectToken, signIn, signOut, subscribeAuth } from './token.store';

describe('token store', () => {
  afterEach(() => signOut());

  it('holds a trimmed token and ignores a blank one', () => {
    signIn('  abc123 \n');
    expect(getAuthState()).toEqual({ token: 'abc123', rejection: null });
    signIn('   ');
    expect(getAuthState().token).toBe('abc123');
  });

  it('forgets the token on sign-out', () => {
    signIn('abc123');
    signOut();
    expect(getAuthState()).toEqual({ token: null, rejection: null });
  });

  it('records why a token was dropped and notifies once for a burst of failures', () => {
    signIn('abc123');
    const seen: unknown[] = [];
    const unsubscribe = subscribeAuth(() => seen.push(getAuthState()));
    rejectToken('unauthenticated');
    rejectToken('unauthenticated');
    unsubscribe();
    expect(seen).toEqual([{ token: null, rejection: 'unauthenticated' }]);
  });

  it('clears the rejection once a new token is given', () => {
    rejectToken('unauthenticated');
    signIn('fresh');
    expect(getAuthState()).toEqual({ token: 'fresh', rejection: null });
  });
});
