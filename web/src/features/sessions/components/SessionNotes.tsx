import { useState } from 'react';
import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/StatusPanel';
import { describeApiError, inputErrorMessages } from '../../../lib/api-error';
import { formatTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useSessionNotes, type SessionNote } from '../hooks/useSessionNotes';
import { AnnotationForm } from './AnnotationForm';

export function minutesFromStart(startedAt: string, at: string): number {
  return Math.floor((Date.parse(at) - Date.parse(startedAt)) / 60_000);
}

interface Props {
  readonly session: { readonly id: string; readonly brandId: string; readonly startedAt: string };
  readonly notes: readonly SessionNote[];
  readonly error?: unknown;
  readonly zone: string;
  readonly lastMinute: number | null;
  readonly minute: string;
  readonly onMinuteChange: (minute: string) => void;
}

interface ItemProps {
  readonly note: SessionNote;
  readonly startedAt: string;
  readonly zone: string;
  readonly removing: boolean;
  /** Why deleting this note failed, if it did. */
  readonly problem: string | null;
  readonly onDelete: () => Promise<void>;
}

function NoteItem({ note, startedAt, zone, removing, problem, onDelete }: ItemProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const minute = minutesFromStart(startedAt, note.at);
  const confirm = async (): Promise<void> => {
    await onDelete();
    setConfirming(false);
  };

  return (
    <li className="notes__item" data-testid="annotation-item" data-minute={minute}>
      <span className="notes__text">
        <span className="badge">{t(`annotationKind_${note.kind}`)}</span> {minute}′ · {formatTime(note.at, zone)} —{' '}
        <span data-testid="annotation-text-value">{note.text}</span>
      </span>
      <span className="notes__actions no-print">
        {confirming ? (
          <>
            <span className="small">{t('noteDeleteConfirm')}</span>
            <button
              type="button"
              className="button button--small"
              data-testid="annotation-confirm-delete"
              disabled={removing}
              onClick={() => void confirm()}
            >
              {removing ? t('noteDeleting') : t('noteDeleteYes')}
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              data-testid="annotation-cancel-delete"
              onClick={() => setConfirming(false)}
            >
              {t('cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--small button--ghost"
            data-testid="annotation-delete"
            aria-label={`${t('noteDelete')}: ${note.text}`}
            onClick={() => setConfirming(true)}
          >
            {t('noteDelete')}
          </button>
        )}
      </span>
      {problem ? (
        <span className="notes__error" role="alert" data-testid="annotation-delete-error">
          {problem}
        </span>
      ) : null}
    </li>
  );
}

/** The session's notes, oldest first, each with a delete; and the form to add one. */
export function SessionNotes({ session, notes, error, zone, lastMinute, minute, onMinuteChange }: Props) {
  const { t, lang } = useI18n();
  const { remove, removing } = useSessionNotes(session.id, session.brandId);
  // Kept here, not in the item: the deletion is optimistic, so the item unmounts at once and only
  // comes back (and needs to say why) if the API refuses.
  const [deleteProblem, setDeleteProblem] = useState<{ id: string; message: string } | null>(null);
  const onDelete = async (id: string): Promise<void> => {
    setDeleteProblem(null);
    try {
      await remove(id);
    } catch (failure) {
      const messages = inputErrorMessages(failure);
      const reason = messages.length > 0 ? messages.join('; ') : describeApiError(failure, lang).title;
      setDeleteProblem({ id, message: t('noteDeleteFailed', { reason }) });
    }
  };
  return (
    <Card title={t('annotations')} testId="annotations">
      {error ? (
        <ErrorState error={error} />
      ) : notes.length === 0 ? (
        <p className="muted">{t('noAnnotations')}</p>
      ) : (
        <ul className="notes">
          {notes.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              startedAt={session.startedAt}
              zone={zone}
              removing={removing}
              problem={deleteProblem?.id === note.id ? deleteProblem.message : null}
              onDelete={() => onDelete(note.id)}
            />
          ))}
        </ul>
      )}
      <AnnotationForm
        sessionId={session.id}
        brandId={session.brandId}
        startedAt={session.startedAt}
        lastMinute={lastMinute}
        minute={minute}
        onMinuteChange={onMinuteChange}
      />
    </Card>
  );
}
