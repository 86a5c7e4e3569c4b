import { useState, type FormEvent } from 'react';
import { SelectField } from '../../../components/SelectField';
import type { AnnotationKind } from '../../../gql/graphql';
import { describeApiError, inputErrorMessages } from '../../../lib/api-error';
import type { Lang } from '../../../lib/format';
import { useI18n, type Translate } from '../../../lib/i18n';
import { ANNOTATION_KINDS, NOTE_MAX_LENGTH, useSessionNotes } from '../hooks/useSessionNotes';

interface Props {
  readonly sessionId: string;
  readonly brandId: string;
  readonly startedAt: string;
  /** The session's last minute; null while it is live (no end yet). */
  readonly lastMinute: number | null;
  /** Controlled, so a click on the timeline can pick the minute. */
  readonly minute: string;
  readonly onMinuteChange: (minute: string) => void;
}

/** What is wrong with the form, in the reader's words; null when it may be sent. */
export function noteProblem(text: string, minute: string, lastMinute: number | null, t: Translate): string | null {
  const length = text.trim().length;
  if (length === 0) return t('noteTextRequired', { max: NOTE_MAX_LENGTH });
  if (length > NOTE_MAX_LENGTH) return t('noteTextTooLong', { count: length, max: NOTE_MAX_LENGTH });
  const m = Number(minute);
  if (minute.trim() === '' || !Number.isInteger(m) || m < 0 || (lastMinute !== null && m > lastMinute)) {
    return lastMinute === null ? t('noteMinuteInvalid') : t('noteMinuteRange', { max: lastMinute });
  }
  return null;
}

/** The API's own words for input it refused (BAD_USER_INPUT); otherwise what failed and what to do. */
function saveFailure(error: unknown, lang: Lang): string {
  const messages = inputErrorMessages(error);
  if (messages.length > 0) return messages.join('; ');
  const problem = describeApiError(error, lang);
  return `${problem.title} ${problem.hint}`;
}

/** "Add note": kind, minute from the session's start, and 1–1000 characters of text. */
export function AnnotationForm({ sessionId, brandId, startedAt, lastMinute, minute, onMinuteChange }: Props) {
  const { t, lang } = useI18n();
  const { create, creating } = useSessionNotes(sessionId, brandId);
  const [kind, setKind] = useState<AnnotationKind>('NOTE');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const length = text.trim().length;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const invalid = noteProblem(text, minute, lastMinute, t);
    setProblem(invalid);
    if (invalid) return;
    const at = new Date(Date.parse(startedAt) + Number(minute) * 60_000).toISOString();
    try {
      await create({ brandId, kind, at, text: text.trim() });
      setText('');
    } catch (error) {
      setProblem(t('noteSaveFailed', { reason: saveFailure(error, lang) }));
    }
  };

  return (
    <form className="note-form no-print" data-testid="annotation-form" noValidate onSubmit={(e) => void submit(e)}>
      <h3 className="note-form__title">{t('addNote')}</h3>
      <div className="note-form__row">
        <SelectField
          stacked
          label={t('noteKind')}
          testId="annotation-kind"
          value={kind}
          options={ANNOTATION_KINDS.map((k) => ({ value: k, label: t(`annotationKind_${k}`) }))}
          onChange={(value) => setKind(value as AnnotationKind)}
        />
        <label className="field">
          <span className="field__label">{t('noteMinute')}</span>
          <input
            className="input note-form__minute"
            data-testid="annotation-minute"
            type="number"
            inputMode="numeric"
            min={0}
            max={lastMinute ?? undefined}
            step={1}
            value={minute}
            onChange={(e) => onMinuteChange(e.target.value)}
          />
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('noteText')}</span>
        <textarea
          className="input note-form__text"
          data-testid="annotation-text"
          rows={2}
          value={text}
          aria-invalid={length > NOTE_MAX_LENGTH}
          aria-describedby={`note-count-${sessionId}`}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="note-form__footer">
        <span
          id={`note-count-${sessionId}`}
          className={length > NOTE_MAX_LENGTH ? 'note-form__count note-form__count--over' : 'note-form__count muted'}
          data-testid="annotation-count"
        >
          {t('noteCount', { count: length, max: NOTE_MAX_LENGTH })}
        </span>
        <button type="submit" className="button button--primary" data-testid="annotation-submit" disabled={creating}>
          {creating ? t('noteSaving') : t('noteSave')}
        </button>
      </div>
      <p className="muted small">{t('notePickHint')}</p>
      {problem ? (
        <p className="note-form__error" role="alert" data-testid="annotation-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
