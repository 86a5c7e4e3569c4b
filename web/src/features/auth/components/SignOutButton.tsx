import { useI18n } from '../../../lib/i18n';
import { signOut } from '../token.store';

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="button button--ghost" data-testid="signout" onClick={signOut}>
      {t('signOut')}
    </button>
  );
}
