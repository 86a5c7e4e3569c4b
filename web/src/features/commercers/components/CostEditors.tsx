import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { formatCurrency, formatMultiple } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { parseAmount } from '../host-cost';
import { useCostEditor, type CostEditor } from '../hooks/useCostEditor';
import {
  CLEAR_COMMERCER_FEE_MUTATION,
  CLEAR_SESSION_COST_MUTATION,
  COMMERCER_FEES_QUERY,
  SESSION_COST_QUERY,
  SET_COMMERCER_FEE_MUTATION,
  SET_SESSION_COST_MUTATION,
} from '../kind-comparison.queries';
import { otherCurrencyNote } from './KindComparisonPanel';

function Field({
  label,
  testId,
  value,
  onChange,
  error,
  inputMode,
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  inputMode?: 'decimal' | 'text';
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input cost-form__input"
        data-testid={testId}
        inputMode={inputMode ?? 'text'}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${testId}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span className="cost-form__error" id={`${testId}-error`} data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

/**
 * A cost editor's form: any field of the editor's own (the fee's month), the amount and its currency,
 * Save, and Clear when there is something to clear. Test ids are `${name}-form`, `${name}-amount` …
 */
function CostForm({
  name,
  editor,
  amount,
  onAmount,
  currency,
  onCurrency,
  onSubmit,
  busy,
  onClear,
  children,
}: {
  name: string;
  editor: CostEditor;
  amount: string;
  onAmount: (value: string) => void;
  currency: string;
  onCurrency: (value: string) => void;
  onSubmit: () => Promise<void>;
  busy: boolean;
  onClear?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const testId = `${name}-form`;
  const { errors, problem, saved } = editor;
  return (
    <form
      className="cost-form no-print"
      data-testid={testId}
      noValidate
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <div className="cost-form__row">
        {children}
        <Field
          label={t('costAmount')}
          testId={`${name}-amount`}
          inputMode="decimal"
          value={amount}
          onChange={onAmount}
          error={errors.amount ? t(errors.amount) : undefined}
        />
        <Field
          label={t('costCurrency')}
          testId={`${name}-currency`}
          value={currency}
          onChange={onCurrency}
          error={errors.currency ? t(errors.currency) : undefined}
        />
      </div>
      <div className="cost-form__footer">
        <button type="submit" className="button button--primary" data-testid={`${testId}-save`} disabled={busy}>
          {t('costSave')}
        </button>
        {onClear ? (
          <button type="button" className="button" data-testid={`${testId}-clear`} disabled={busy} onClick={onClear}>
            {t('costClear')}
          </button>
        ) : null}
        {saved ? (
          <span className="muted small" role="status" data-testid={`${testId}-saved`}>
            {t('costSaved')}
          </span>
        ) : null}
      </div>
      {problem ? (
        <p className="cost-form__error" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** The session page's host cost: what it costs now (own cost or fee share) and an editor for its own cost. */
export function SessionCostCard({
  sessionId,
  brandId,
  currency,
}: {
  sessionId: string;
  brandId: string;
  currency: string;
}) {
  const { t, lang } = useI18n();
  // Kept out of the cache: written there, the session entity it shares with the session page's polled
  // query would disturb that query's polling of a live session.
  const { data, refetch } = useQuery(SESSION_COST_QUERY, {
    variables: { id: sessionId, brandId },
    fetchPolicy: 'no-cache',
  });
  const [setCost, setting] = useMutation(SET_SESSION_COST_MUTATION);
  const [clearCost, clearing] = useMutation(CLEAR_SESSION_COST_MUTATION);
  const own = data?.sessionCosts[0] ?? null;
  const [amount, setAmount] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const editor = useCostEditor();
  const amountText = amount ?? (own ? String(own.amount) : '');
  const codeText = code ?? own?.currency ?? currency;
  const costs = data?.session?.costs ?? null;

  const submit = async () => {
    await editor.submit({ amount: amountText, currency: codeText }, async () => {
      await setCost({
        variables: { sessionId, brandId, amount: parseAmount(amountText) ?? 0, currency: codeText.trim() },
      });
      await refetch();
    });
  };
  const clear = async () => {
    editor.setSaved(false);
    try {
      await clearCost({ variables: { sessionId, brandId } });
      setAmount('');
      await refetch();
    } catch (error) {
      editor.failed(error);
    }
  };
  const note = costs ? otherCurrencyNote(costs, t, lang) : null;
  return (
    <Card title={t('costEditorTitle')} hint={t('costEditorHint')} testId="session-cost">
      {costs ? (
        <dl className="facts" data-testid="session-cost-figures">
          <dt>{t('kpi_hostCost')}</dt>
          <dd data-testid="session-cost-hostCost">
            {formatCurrency(costs.hostCost, costs.currency, lang)}
            {costs.source ? <span className="muted small"> · {t(`costSource_${costs.source}`)}</span> : null}
          </dd>
          <dt>{t('kpi_roas')}</dt>
          <dd data-testid="session-cost-roas">{formatMultiple(costs.roas, lang)}</dd>
          <dt>{t('kpi_costPerOrder')}</dt>
          <dd data-testid="session-cost-costPerOrder">{formatCurrency(costs.costPerOrder, costs.currency, lang)}</dd>
          <dt>{t('kpi_costPerEngagedViewer')}</dt>
          <dd>{formatCurrency(costs.costPerEngagedViewer, costs.currency, lang)}</dd>
        </dl>
      ) : null}
      {note ? (
        <p className="note note--warning small" data-testid="session-cost-note">
          {note}
        </p>
      ) : null}
      <CostForm
        name="session-cost"
        editor={editor}
        amount={amountText}
        onAmount={setAmount}
        currency={codeText}
        onCurrency={setCode}
        onSubmit={submit}
        busy={setting.loading || clearing.loading}
        onClear={own ? () => void clear() : undefined}
      />
    </Card>
  );
}

/** The commercer profile's monthly fees: the list and an editor per month (month in the brand's zone). */
export function CommercerFeeCard({
  commercerId,
  brandId,
  currency,
  defaultMonth,
  onSaved,
}: {
  commercerId: string;
  brandId: string;
  currency: string;
  defaultMonth: string;
  onSaved?: () => void;
}) {
  const { t, lang } = useI18n();
  const { data, refetch } = useQuery(COMMERCER_FEES_QUERY, { variables: { brandId, commercerId } });
  const [setFee, setting] = useMutation(SET_COMMERCER_FEE_MUTATION);
  const [clearFee, clearing] = useMutation(CLEAR_COMMERCER_FEE_MUTATION);
  const [month, setMonth] = useState(defaultMonth);
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState(currency);
  const editor = useCostEditor();
  const fees = data?.commercerFees ?? [];

  const submit = async () => {
    const done = await editor.submit({ amount, currency: code, month }, async () => {
      await setFee({
        variables: {
          brandId,
          commercerId,
          month: month.trim(),
          amount: parseAmount(amount) ?? 0,
          currency: code.trim(),
        },
      });
      await refetch();
    });
    if (done) onSaved?.();
  };
  return (
    <Card title={t('feeEditorTitle')} hint={t('feeEditorHint')} testId="commercer-fees">
      {fees.length === 0 ? (
        <p className="muted small" data-testid="fee-none">
          {t('feeNone')}
        </p>
      ) : (
        <ul className="fee-list" data-testid="fee-list">
          {fees.map((f) => (
            <li key={f.month} data-testid={`fee-${f.month}`}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setMonth(f.month);
                  setAmount(String(f.amount));
                  setCode(f.currency);
                }}
              >
                {f.month}
              </button>{' '}
              {formatCurrency(f.amount, f.currency, lang)}{' '}
              <button
                type="button"
                className="button button--small"
                disabled={clearing.loading}
                aria-label={`${t('costClear')} ${f.month}`}
                onClick={() =>
                  void clearFee({ variables: { brandId, commercerId, month: f.month } }).then(async () => {
                    await refetch();
                    onSaved?.();
                  })
                }
              >
                {t('costClear')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <CostForm
        name="fee"
        editor={editor}
        amount={amount}
        onAmount={setAmount}
        currency={code}
        onCurrency={setCode}
        onSubmit={submit}
        busy={setting.loading}
      >
        <Field
          label={t('costMonth')}
          testId="fee-month"
          value={month}
          onChange={setMonth}
          error={editor.errors.month ? t(editor.errors.month) : undefined}
        />
      </CostForm>
    </Card>
  );
}
