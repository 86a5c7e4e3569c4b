import { useState, type FormEvent } from 'react';
import { signIn, type RejectionReason } from '../token.store';

function rejectionMessage(reason: RejectionReason): { title: string; hint: string } {
  switch (reason) {
    case 'unauthenticated':
      return {
        title: 'The API rejected that read token (UNAUTHENTICATED).',
        hint: 'Check that you pasted the whole token and that it has not been revoked. An admin creates one with createApiKey(scope: READ).',
      };
  }
}

export function SignInForm({ rejection }: { rejection: RejectionReason | null }) {
  const [token, setToken] = useState('');
  const problem = rejection ? rejectionMessage(rejection) : null;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    signIn(token);
  };

  return (
    <main className="signin">
      <form className="card signin__card" onSubmit={submit} data-testid="signin-form">
        <div className="brandmark">
          <span className="brandmark__dot" aria-hidden="true" />
          Live Commerce Analytics
        </div>
        <h1 className="signin__title">Sign in</h1>
        <p className="muted">
          Paste a read token. It stays in this browser tab only and is sent to the API as a Bearer token.
        </p>
        {problem ? (
          <div className="alert alert--error" role="alert" data-testid="auth-error">
            <strong>{problem.title}</strong>
            <span>{problem.hint}</span>
          </div>
        ) : null}
        <label className="field">
          <span className="field__label">Read token</span>
          <input
            className="input"
            data-testid="signin-token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            autoFocus
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="signin-submit" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
