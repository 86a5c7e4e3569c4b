/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { useQuery } from '@apollo/client/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { useState } from 'react';
import { createCache } from '../../../app/apollo';
import { setLang } from '../../../lib/i18n';
import {
  CREATE_ANNOTATION_MUTATION,
  DELETE_ANNOTATION_MUTATION,
  SESSION_ANNOTATIONS_QUERY,
} from '../queries/sessions.query';
import { SessionNotes } from './SessionNotes';

/**
 * Adding and deleting notes on a session of 20 minutes (minutes 0–19) that started 2026-11-20 11:00 UTC,
 * against Apollo's MockedProvider: what the form refuses before sending, the API's refusal shown next to
 * the form, and the list following each change without another request.
 */

const SESSION = { id: 'S1', brandId: 'b1', startedAt: '2026-11-20T11:00:00.000Z' };
const COUPON = {
  __typename: 'Annotation',
  id: 'n1',
  at: '2026-11-20T11:01:00.000Z',
  kind: 'PROMOTION',
  text: 'Coupon',
};

const notesAnswer: MockLink.MockedResponse = {
  request: { query: SESSION_ANNOTATIONS_QUERY, variables: { id: 'S1', brandId: 'b1' } },
  result: { data: { session: { __typename: 'Session', id: 'S1', brandId: 'b1', annotations: [COUPON] } } },
};

function Page() {
  const [minute, setMinute] = useState('0');
  const { data } = useQuery(SESSION_ANNOTATIONS_QUERY, { variables: { id: 'S1', brandId: 'b1' } });
  if (!data?.session) return null;
  return (
    <SessionNotes
      session={SESSION}
      notes={data.session.annotations}
      zone="UTC"
      lastMinute={19}
      minute={minute}
      onMinuteChange={setMinute}
    />
  );
}

async function renderNotes(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={[notesAnswer, ...mocks]} cache={createCache()}>
      <Page />
    </MockedProvider>,
  );
  await screen.findByTestId('annotation-form');
  return userEvent.setup();
}

const texts = (): string[] => screen.queryAllByTestId('annotation-text-value').map((el) => el.textContent ?? '');

beforeEach(() => setLang('en'));

describe('session notes', () => {
  it('refuses an empty or too long note and a minute outside the session, without asking the API', async () => {
    // No mutation is mocked: a request would fail with "No more mocked responses", not with these messages.
    const user = await renderNotes([]);
    expect(screen.getByTestId('annotation-count').textContent).toBe('0 / 1000');

    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Write the note first (1–1000 characters).');

    // Blanks alone are no note: the API trims, and so does the counter.
    await user.type(screen.getByTestId('annotation-text'), '   ');
    expect(screen.getByTestId('annotation-count').textContent).toBe('0 / 1000');
    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Write the note first (1–1000 characters).');

    await user.clear(screen.getByTestId('annotation-text'));
    await user.click(screen.getByTestId('annotation-text'));
    await user.paste('x'.repeat(1001));
    expect(screen.getByTestId('annotation-count').textContent).toBe('1001 / 1000');
    expect(screen.getByTestId('annotation-text').getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('The note has 1001 characters: shorten it to 1000 or fewer.');

    await user.clear(screen.getByTestId('annotation-text'));
    await user.type(screen.getByTestId('annotation-text'), 'Coats on the rack');
    expect(screen.getByTestId('annotation-count').textContent).toBe('17 / 1000');
    // 20 minutes: the last one is 19.
    await user.clear(screen.getByTestId('annotation-minute'));
    await user.type(screen.getByTestId('annotation-minute'), '20');
    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Choose a whole minute from 0 to 19.');
    await user.clear(screen.getByTestId('annotation-minute'));
    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('Choose a whole minute from 0 to 19.');
    expect(texts()).toEqual(['Coupon']);
  });

  it("shows the API's BAD_USER_INPUT message next to the form and keeps the text", async () => {
    const user = await renderNotes([
      {
        request: { query: CREATE_ANNOTATION_MUTATION, variables: () => true },
        result: {
          errors: [
            new GraphQLError('text must be 1–1000 characters', {
              extensions: { code: 'BAD_USER_INPUT', field: 'input.text' },
            }),
          ],
        },
      },
    ]);
    await user.type(screen.getByTestId('annotation-text'), 'Looks fine here');
    await user.click(screen.getByTestId('annotation-submit'));
    const alert = await screen.findByTestId('annotation-error');
    expect(alert.textContent).toBe('The note was not saved: text must be 1–1000 characters');
    expect(within(screen.getByTestId('annotation-form')).getByRole('alert')).toBe(alert);
    expect((screen.getByTestId('annotation-text') as HTMLTextAreaElement).value).toBe('Looks fine here');
    expect(texts()).toEqual(['Coupon']);
  });

  it('in Japanese too', async () => {
    const user = await renderNotes([]);
    act(() => setLang('ja'));
    await user.click(screen.getByTestId('annotation-submit'));
    expect(screen.getByRole('alert').textContent).toBe('メモを入力してください(1〜1000文字)。');
    expect(screen.getByTestId('annotation-submit').textContent).toBe('メモを追加');
  });

  it('adds a note at the chosen minute in time order, and deletes one after confirmation', async () => {
    const created = {
      __typename: 'Annotation',
      id: 'n0',
      at: '2026-11-20T11:00:00.000Z',
      kind: 'PREPARATION',
      text: 'Coats on the rack',
    };
    const user = await renderNotes([
      {
        // Minute 0 of a session that started 11:00 UTC: at = 11:00 exactly; the text is sent trimmed.
        request: {
          query: CREATE_ANNOTATION_MUTATION,
          variables: {
            input: {
              brandId: 'b1',
              sessionId: 'S1',
              kind: 'PREPARATION',
              at: '2026-11-20T11:00:00.000Z',
              text: 'Coats on the rack',
            },
          },
        },
        result: { data: { createAnnotation: created } },
      },
      {
        request: { query: DELETE_ANNOTATION_MUTATION, variables: { id: 'n1' } },
        result: { data: { deleteAnnotation: true } },
      },
    ]);
    await user.selectOptions(screen.getByTestId('annotation-kind'), 'PREPARATION');
    await user.type(screen.getByTestId('annotation-text'), '  Coats on the rack ');
    await user.click(screen.getByTestId('annotation-submit'));
    // Before the 1-minute coupon: the list is oldest first, like the API's.
    await waitFor(() => expect(texts()).toEqual(['Coats on the rack', 'Coupon']));
    expect(screen.getAllByTestId('annotation-item')[0].textContent).toContain('Preparation 0′ · 11:00');
    expect((screen.getByTestId('annotation-text') as HTMLTextAreaElement).value).toBe('');
    expect(screen.queryByTestId('annotation-error')).toBeNull();

    const coupon = screen.getAllByTestId('annotation-item')[1];
    await user.click(within(coupon).getByTestId('annotation-delete'));
    // Nothing is deleted until confirmed; Cancel backs out.
    await user.click(within(coupon).getByTestId('annotation-cancel-delete'));
    expect(texts()).toEqual(['Coats on the rack', 'Coupon']);
    await user.click(within(coupon).getByTestId('annotation-delete'));
    expect(within(coupon).getByText('Delete this note?')).toBeTruthy();
    await user.click(within(coupon).getByTestId('annotation-confirm-delete'));
    await waitFor(() => expect(texts()).toEqual(['Coats on the rack']));
  });

  it('puts a note back, with the reason, when the API refuses to delete it', async () => {
    const user = await renderNotes([
      {
        request: { query: DELETE_ANNOTATION_MUTATION, variables: { id: 'n1' } },
        result: { errors: [new GraphQLError('no annotation "n1"', { extensions: { code: 'NOT_FOUND' } })] },
      },
    ]);
    await user.click(screen.getByTestId('annotation-delete'));
    await user.click(screen.getByTestId('annotation-confirm-delete'));
    const alert = await screen.findByTestId('annotation-delete-error');
    expect(alert.textContent).toBe('The note was not deleted: no annotation "n1"');
    expect(texts()).toEqual(['Coupon']);
  });
});
