import { useEffect } from 'react';
import { useI18n } from './i18n';

/** "<page> · <app name>" in the reader's language. */
export function useDocumentTitle(title: string | null): void {
  const { t } = useI18n();
  const appName = t('appName');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
