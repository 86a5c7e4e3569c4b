import { useMutation } from '@apollo/client/react';
import type { AnnotationKind, SessionAnnotationsQuery } from '../../../gql/graphql';
import {
  CREATE_ANNOTATION_MUTATION,
  DELETE_ANNOTATION_MUTATION,
  SESSION_ANNOTATIONS_QUERY,
} from '../queries/sessions.query';

export type SessionNote = NonNullable<SessionAnnotationsQuery['session']>['annotations'][number];

export const ANNOTATION_KINDS: readonly AnnotationKind[] = ['NOTE', 'PREPARATION', 'FEATURED_PRODUCT', 'PROMOTION'];

/** The API's limit on a note's text, counted after trimming as the server does. */
export const NOTE_MAX_LENGTH = 1000;

/** As the API lists them: oldest first, then by id. */
export function sortNotes(notes: readonly SessionNote[]): SessionNote[] {
  return [...notes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
}

export interface NewNote {
  readonly brandId: string;
  readonly kind: AnnotationKind;
  /** ISO date-time inside the session. */
  readonly at: string;
  readonly text: string;
}

/**
 * Adds and deletes the notes of one session. The session's note list in the cache is updated from the
 * mutation's answer (the deletion optimistically, rolled back if the server refuses), so the list
 * and the timeline marker change without another request.
 */
export function useSessionNotes(sessionId: string, brandId: string) {
  const variables = { id: sessionId, brandId };
  const [createMutation, created] = useMutation(CREATE_ANNOTATION_MUTATION, {
    update(cache, { data }) {
      const note = data?.createAnnotation;
      if (!note) return;
      cache.updateQuery({ query: SESSION_ANNOTATIONS_QUERY, variables }, (previous) =>
        previous?.session
          ? {
              session: {
                ...previous.session,
                annotations: sortNotes([...previous.session.annotations.filter((a) => a.id !== note.id), note]),
              },
            }
          : previous,
      );
    },
  });
  const [deleteMutation, deleted] = useMutation(DELETE_ANNOTATION_MUTATION, {
    update(cache, { data }, { variables: vars }) {
      const id = vars?.id;
      if (!data?.deleteAnnotation || !id) return;
      cache.updateQuery({ query: SESSION_ANNOTATIONS_QUERY, variables }, (previous) =>
        previous?.session
          ? { session: { ...previous.session, annotations: previous.session.annotations.filter((a) => a.id !== id) } }
          : previous,
      );
    },
  });

  return {
    create: async (note: NewNote): Promise<void> => {
      await createMutation({ variables: { input: { ...note, sessionId } } });
    },
    creating: created.loading,
    remove: async (id: string): Promise<void> => {
      await deleteMutation({ variables: { id }, optimisticResponse: { deleteAnnotation: true } });
    },
    removing: deleted.loading,
  };
}
