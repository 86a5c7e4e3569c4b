import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { SelectField } from '../../../components/SelectField';
import type { ReportScheduleFieldsFragment } from '../../../gql/graphql';
import { inputErrorMessages } from '../../../lib/api-error';
import { formatDateTime } from '../../../lib/format';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import {
  checkScheduleForm,
  emptyScheduleForm,
  type ReportLanguage,
  type ScheduleField,
  type ScheduleForm,
} from '../report-schedule-form';
import {
  CREATE_REPORT_SCHEDULE,
  DELETE_REPORT_SCHEDULE,
  PAUSE_REPORT_SCHEDULE,
  REPORT_SCHEDULES_QUERY,
  RESUME_REPORT_SCHEDULE,
  SEND_REPORT_NOW,
} from '../report-schedules.queries';

const WEEKDAYS: readonly MessageKey[] = [
  'weekday1',
  'weekday2',
  'weekday3',
  'weekday4',
  'weekday5',
  'weekday6',
  'weekday7',
];

/** A one-line input of the schedule form under its label, with the field's problem below it. */
function TextField({
  label,
  testId,
  value,
  onChange,
  error,
  numeric,
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  error: ReactNode;
  numeric?: boolean;
}) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input"
        inputMode={numeric ? 'numeric' : undefined}
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {error}
    </label>
  );
}

/** What a schedule's latest run came to, as one line. */
function runState(
  schedule: ReportScheduleFieldsFragment,
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  zone: string,
  lang: 'en' | 'ja',
): string {
  const run = schedule.lastRun;
  if (!run) return t('scheduleNoRunYet');
  const at = (iso: string | null | undefined) => formatDateTime(iso ?? null, zone, lang);
  switch (run.state) {
    case 'SENT':
      return t('scheduleSent', { at: at(run.sentAt) });
    case 'FAILED':
      return run.nextAttemptAt
        ? t('scheduleRetrying', { attempts: run.attempts, at: at(run.nextAttemptAt) })
        : t('scheduleGaveUp', { attempts: run.attempts });
    case 'INTERRUPTED':
      return t('scheduleInterrupted');
    case 'CLAIMED':
    case 'SENDING':
      return t('scheduleSending');
  }
}

/**
 * The brand's email report schedules (docs/API.md, "Agency reports"): a form to add one (checked here
 * and again by the API, whose refusal is shown next to the form) and the list with each schedule's
 * state, pause/resume, delete and "send now". Not printed.
 */
export function SchedulesPanel({ brandId, brandZone }: { brandId: string; brandZone: string }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<ScheduleForm>(() => emptyScheduleForm(brandZone, lang));
  const [problems, setProblems] = useState<Partial<Record<ScheduleField, MessageKey>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const variables = { brandId };
  const { data, error } = useQuery(REPORT_SCHEDULES_QUERY, { variables });
  const refetchQueries = [{ query: REPORT_SCHEDULES_QUERY, variables }];
  const [create, created] = useMutation(CREATE_REPORT_SCHEDULE, { refetchQueries, awaitRefetchQueries: true });
  const [pause] = useMutation(PAUSE_REPORT_SCHEDULE);
  const [resume] = useMutation(RESUME_REPORT_SCHEDULE);
  const [remove] = useMutation(DELETE_REPORT_SCHEDULE, { refetchQueries, awaitRefetchQueries: true });
  const [sendNow, sending] = useMutation(SEND_REPORT_NOW, { refetchQueries, awaitRefetchQueries: true });

  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const apiMessage = (e: unknown): string => inputErrorMessages(e)[0] ?? (e instanceof Error ? e.message : String(e));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setServerError(null);
    setNotice(null);
    const checked = checkScheduleForm(form, brandId);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    try {
      await create({ variables: { input: checked.input } });
      setForm(emptyScheduleForm(brandZone, lang));
      setNotice(t('scheduleCreated'));
    } catch (e) {
      setServerError(apiMessage(e));
    }
  };
  const act = async (job: () => Promise<unknown>, done?: string): Promise<void> => {
    setServerError(null);
    setNotice(null);
    try {
      await job();
      if (done) setNotice(done);
    } catch (e) {
      setServerError(apiMessage(e));
    }
  };
  const fieldError = (field: ScheduleField) =>
    problems[field] ? (
      <span className="note-form__error" role="alert" data-testid={`schedule-error-${field}`}>
        {t(problems[field])}
      </span>
    ) : null;

  const schedules = data?.reportSchedules ?? [];
  return (
    <section className="report__section no-print" data-testid="schedules">
      <h2 className="section-title">{t('schedulesTitle')}</h2>
      <p className="muted small">{t('schedulesHint')}</p>
      {error ? (
        <p className="note-form__error" role="alert" data-testid="schedules-load-error">
          {apiMessage(error)}
        </p>
      ) : null}
      {schedules.length === 0 ? (
        <p className="muted" data-testid="schedules-empty">
          {t('schedulesEmpty')}
        </p>
      ) : (
        <table className="table" data-testid="schedules-table">
          <thead>
            <tr>
              <th scope="col">{t('scheduleWhen')}</th>
              <th scope="col">{t('scheduleRecipients')}</th>
              <th scope="col">{t('scheduleNextRun')}</th>
              <th scope="col">{t('scheduleState')}</th>
              <th scope="col">
                <span className="sr-only">{t('scheduleActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-testid="schedule-row">
                <td>
                  {s.cadence === 'WEEKLY'
                    ? t('scheduleWeekly', {
                        weekday: t(WEEKDAYS[(s.weekday ?? 1) - 1]),
                        hour: s.hour,
                        zone: s.timeZone,
                      })
                    : t('scheduleMonthly', { day: s.day ?? 1, hour: s.hour, zone: s.timeZone })}{' '}
                  <span className="badge">{s.language === 'ja' ? '日本語' : 'English'}</span>
                </td>
                <td>{s.recipients.join(', ')}</td>
                <td>{s.paused ? t('schedulePaused') : formatDateTime(s.nextRunAt ?? null, s.timeZone, lang)}</td>
                <td data-testid="schedule-state">
                  {runState(s, t, s.timeZone, lang)}
                  {s.lastError ? (
                    <span className="muted small" data-testid="schedule-last-error">
                      {' '}
                      — {s.lastError}
                    </span>
                  ) : null}
                </td>
                <td className="notes__actions">
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="schedule-send-now"
                    disabled={sending.loading}
                    onClick={() => void act(() => sendNow({ variables: { id: s.id } }), t('scheduleSentNow'))}
                  >
                    {t('scheduleSendNow')}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    data-testid={s.paused ? 'schedule-resume' : 'schedule-pause'}
                    onClick={() => void act(() => (s.paused ? resume : pause)({ variables: { id: s.id } }))}
                  >
                    {s.paused ? t('scheduleResume') : t('schedulePause')}
                  </button>
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    data-testid="schedule-delete"
                    onClick={() => void act(() => remove({ variables: { id: s.id } }))}
                  >
                    {t('scheduleDelete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="note-form" data-testid="schedule-form" noValidate onSubmit={(e) => void submit(e)}>
        <h3 className="note-form__title">{t('scheduleAdd')}</h3>
        <div className="note-form__row">
          <SelectField
            stacked
            label={t('scheduleCadence')}
            testId="schedule-cadence"
            value={form.cadence}
            options={[
              { value: 'WEEKLY', label: t('cadenceWeekly') },
              { value: 'MONTHLY', label: t('cadenceMonthly') },
            ]}
            onChange={(value) => set('cadence', value as ScheduleForm['cadence'])}
          />
          {form.cadence === 'WEEKLY' ? (
            <SelectField
              stacked
              label={t('scheduleWeekday')}
              testId="schedule-weekday"
              value={form.weekday}
              options={WEEKDAYS.map((key, i) => ({ value: String(i + 1), label: t(key) }))}
              onChange={(value) => set('weekday', value)}
              error={fieldError('weekday')}
            />
          ) : (
            <TextField
              numeric
              label={t('scheduleDay')}
              testId="schedule-day"
              value={form.day}
              onChange={(value) => set('day', value)}
              error={fieldError('day')}
            />
          )}
          <TextField
            numeric
            label={t('scheduleHour')}
            testId="schedule-hour"
            value={form.hour}
            onChange={(value) => set('hour', value)}
            error={fieldError('hour')}
          />
          <TextField
            label={t('scheduleTimeZone')}
            testId="schedule-zone"
            value={form.timeZone}
            onChange={(value) => set('timeZone', value)}
            error={fieldError('timeZone')}
          />
          <SelectField
            stacked
            label={t('scheduleLanguage')}
            testId="schedule-language"
            value={form.language}
            options={[
              { value: 'en', label: 'English' },
              { value: 'ja', label: '日本語' },
            ]}
            onChange={(value) => set('language', value as ReportLanguage)}
          />
        </div>
        <label className="field">
          <span className="field__label">{t('scheduleRecipients')}</span>
          <textarea
            className="input"
            rows={2}
            data-testid="schedule-recipients"
            placeholder="client@example.com, planner@agency.example"
            value={form.recipients}
            onChange={(e) => set('recipients', e.target.value)}
          />
          {fieldError('recipients')}
        </label>
        <div className="note-form__footer">
          <button
            type="submit"
            className="button button--primary"
            data-testid="schedule-submit"
            disabled={created.loading}
          >
            {t('scheduleCreate')}
          </button>
        </div>
        {serverError ? (
          <p className="note-form__error" role="alert" data-testid="schedule-server-error">
            {serverError}
          </p>
        ) : null}
        {notice ? (
          <p className="muted" role="status" data-testid="schedule-notice">
            {notice}
          </p>
        ) : null}
      </form>
    </section>
  );
}
