import { signOut } from '../token.store';

export function SignOutButton() {
  return (
    <button type="button" className="button button--ghost" data-testid="signout" onClick={signOut}>
      Sign out
    </button>
  );
}
