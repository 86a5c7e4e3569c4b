import { useState, type FormEvent } from 'react';
import { useI18n, type Translate } from '../../../lib/i18n';
import { signIn, type RejectionReason } from '../token.store';

function rejectionMessage(reason: RejectionReason, t: Translate): { title: string; hint: string } {
  switch (reason) {
    case 'unauthenticated':
      return { title: t('rejectedTitle'), hint: t('rejectedHint') };
  }
}

export function SignInForm({ rejection }: { rejection: RejectionReason | null }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const problem = rejection ? rejectionMessage(rejection, t) : null;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    signIn(token);
  };

  return (
    <main className="signin">
      <form className="card signin__card" onSubmit={submit} data-testid="signin-form">
        <div className="brandmark">
          <span className="brandmark__dot" aria-hidden="true" />
          {t('appName')}
        </div>
        <h1 className="signin__title">{t('signInTitle')}</h1>
        <p className="muted">{t('signInIntro')}</p>
        {problem ? (
          <div className="alert alert--error" role="alert" data-testid="auth-error">
            <strong>{problem.title}</strong>
            <span>{problem.hint}</span>
          </div>
        ) : null}
        <label className="field">
          <span className="field__label">{t('readToken')}</span>
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
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}
