import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { inputErrorMessages } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useScope } from '../../scope/scope';
import { BRAND_BRANDING_QUERY, SET_BRAND_BRANDING } from '../branding.queries';
import { useBranding } from '../useBranding';

const readDataUrl = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });

/**
 * The brand's white-label, set by the admin or a read token of the brand (decision A-5): the API
 * checks the logo's content, size and colour and names the field at fault.
 */
export function BrandingForm() {
  const { t } = useI18n();
  const { brand } = useScope();
  const current = useBranding(brand.id);
  const [draft, setDraft] = useState<{ displayName: string; agencyName: string; accentColor: string } | null>(null);
  const [logo, setLogo] = useState<File | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [save, saving] = useMutation(SET_BRAND_BRANDING, { refetchQueries: [BRAND_BRANDING_QUERY] });
  const values = draft ?? {
    displayName: current?.displayName ?? brand.name,
    agencyName: current?.agencyName ?? '',
    accentColor: current?.accentColor ?? '#3b5bdb',
  };
  const edit = (patch: Partial<typeof values>) => setDraft({ ...values, ...patch });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const input = { ...values, ...(logo ? { logo: await readDataUrl(logo) } : {}) };
      await save({ variables: { brandId: brand.id, input } });
      setDraft(null);
      setLogo(null);
      setMessage({ kind: 'ok', text: t('brandingSaved') });
    } catch (error) {
      const reason = inputErrorMessages(error)[0] ?? (error instanceof Error ? error.message : String(error));
      setMessage({ kind: 'error', text: t('brandingFailed', { reason }) });
    }
  };

  return (
    <details className="report__section branding-form no-print" data-testid="branding-form">
      <summary className="section-title">{t('brandingTitle')}</summary>
      <form className="share-links__form" onSubmit={(e) => void submit(e)}>
        <label className="inline-field">
          <span>{t('brandingDisplayName')}</span>
          <input
            className="input"
            data-testid="branding-display-name"
            required
            maxLength={80}
            value={values.displayName}
            onChange={(e) => edit({ displayName: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>{t('brandingAgency')}</span>
          <input
            className="input"
            data-testid="branding-agency"
            maxLength={80}
            value={values.agencyName}
            onChange={(e) => edit({ agencyName: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>{t('brandingAccent')}</span>
          <input
            type="color"
            data-testid="branding-accent"
            value={values.accentColor}
            onChange={(e) => edit({ accentColor: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span>{t('brandingLogo')}</span>
          <input
            type="file"
            data-testid="branding-logo"
            accept="image/png,image/svg+xml"
            onChange={(e) => setLogo(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="branding-save" disabled={saving.loading}>
          {t('brandingSave')}
        </button>
      </form>
      {message ? (
        <p
          className={message.kind === 'error' ? 'csv__error' : 'muted'}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="branding-message"
        >
          {message.text}
        </p>
      ) : null}
    </details>
  );
}
