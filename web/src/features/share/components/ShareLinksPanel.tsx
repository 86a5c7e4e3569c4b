import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { inputErrorMessages } from '../../../lib/api-error';
import { formatDateTime, formatDay } from '../../../lib/format';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { useScope } from '../../scope/scope';
import { CREATE_SHARE_LINK, REVOKE_SHARE_LINK, SHARE_LINKS_QUERY } from '../share.queries';

const EXPIRY_DAYS = [7, 30, 90] as const;
const STATE_LABEL: Record<string, MessageKey> = {
  ACTIVE: 'shareStateActive',
  EXPIRED: 'shareStateExpired',
  REVOKED: 'shareStateRevoked',
};

/**
 * Share links of the brand (admin or a read token of the brand): create one for the period in view,
 * see each link's opens, last open and expiry, revoke. The new link's URL is shown once.
 */
export function ShareLinksPanel() {
  const { t, lang } = useI18n();
  const { brand, period, filters, zone } = useScope();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState<number>(EXPIRY_DAYS[0]);
  const [createdUrl, setCreatedUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useQuery(SHARE_LINKS_QUERY, { variables: { brandId: brand.id } });
  const [create, creating] = useMutation(CREATE_SHARE_LINK);
  const [revoke] = useMutation(REVOKE_SHARE_LINK);

  const fail = (error: unknown) => {
    const reason = inputErrorMessages(error)[0] ?? (error instanceof Error ? error.message : String(error));
    setProblem(t('shareError', { reason }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
      const { data } = await create({ variables: { brandId: brand.id, period, expiresAt, label } });
      if (data) setCreatedUrl(`${window.location.origin}${data.createShareLink.url}`);
      setLabel('');
      await list.refetch();
    } catch (error) {
      fail(error);
    }
  };
  const revokeLink = async (id: string) => {
    setProblem(null);
    try {
      await revoke({ variables: { id } });
      await list.refetch();
    } catch (error) {
      fail(error);
    }
  };

  const links = list.data?.shareLinks ?? [];
  return (
    <section className="report__section share-links no-print" data-testid="share-links" aria-labelledby="share-title">
      <h2 className="section-title" id="share-title">
        {t('shareLinksTitle')}
      </h2>
      <p className="muted small">
        {t('shareLinksIntro', {
          period: t('periodLabel', { from: formatDay(filters.from, lang), to: formatDay(filters.to, lang), zone }),
        })}
      </p>
      <form className="share-links__form" onSubmit={(e) => void submit(e)}>
        <label className="inline-field">
          <span>{t('shareLabel')}</span>
          <input
            className="input"
            data-testid="share-label"
            value={label}
            required
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <label className="inline-field">
          <span>{t('shareExpiresIn')}</span>
          <select
            className="select"
            data-testid="share-days"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
          >
            {EXPIRY_DAYS.map((n) => (
              <option key={n} value={n}>
                {t('shareDays', { n })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="share-create" disabled={creating.loading}>
          {t('shareCreate')}
        </button>
      </form>
      {createdUrl ? (
        <div className="share-links__created" role="status">
          <label className="inline-field">
            <span>{t('shareCreated')}</span>
            <input
              className="input"
              readOnly
              value={createdUrl}
              data-testid="share-url"
              onFocus={(e) => e.target.select()}
            />
          </label>
        </div>
      ) : null}
      {problem ? (
        <p className="csv__error" role="alert" data-testid="share-error">
          {problem}
        </p>
      ) : null}
      {list.error ? (
        <p className="csv__error" role="alert">
          {t('shareError', { reason: list.error.message })}
        </p>
      ) : links.length === 0 ? (
        <p className="muted" data-testid="share-none">
          {t('shareNone')}
        </p>
      ) : (
        <table className="table" data-testid="share-table">
          <thead>
            <tr>
              <th scope="col">{t('shareLabel')}</th>
              <th scope="col">{t('filterPeriod')}</th>
              <th scope="col">{t('shareColState')}</th>
              <th scope="col" className="num">
                {t('shareColOpens')}
              </th>
              <th scope="col">{t('shareColLastOpen')}</th>
              <th scope="col">{t('shareColExpires')}</th>
              <th scope="col">
                <span className="sr-only">{t('shareRevoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.id} data-testid={`share-row-${l.id}`}>
                <td>{l.label}</td>
                <td>
                  {formatDateTime(l.period.from, l.period.timeZone, lang)} –{' '}
                  {formatDateTime(l.period.to, l.period.timeZone, lang)}
                </td>
                <td>{t(STATE_LABEL[l.state] ?? 'shareStateActive')}</td>
                <td className="num">{l.opens}</td>
                <td>{l.lastOpenedAt ? formatDateTime(l.lastOpenedAt, zone, lang) : t('shareNever')}</td>
                <td>{formatDateTime(l.expiresAt, zone, lang)}</td>
                <td>
                  {l.state === 'ACTIVE' ? (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid={`share-revoke-${l.id}`}
                      onClick={() => void revokeLink(l.id)}
                    >
                      {t('shareRevoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
