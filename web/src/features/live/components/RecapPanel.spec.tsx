/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createCache } from '../../../app/apollo';
import { setLang } from '../../../lib/i18n';
import { useRecordRecap } from '../hooks/useRecordRecap';
import type { LiveState } from '../live-console';
import { RECORD_RECAP_MUTATION } from '../live.queries';
import { RecapPanel } from './ConsolePanels';

/**
 * The recap button against Apollo's MockedProvider: one request per press however fast the second
 * click comes, and a retry after a failure sent with the failed attempt's clientId, so the API
 * (which records once per clientId) cannot record the recap twice if the first request did arrive.
 */

const LIVE: LiveState = {
  at: '2026-11-22T11:32:30.000Z',
  minute: 32,
  nowVsBefore: { last: null, before: null },
  unansweredCount: 0,
  unansweredComments: [],
  waitingForRecap: { viewers: 8, minutesSinceRecap: 7, lastRecapAt: '2026-11-22T11:25:00.000Z' },
  alerts: [],
  pinned: null,
};

function Harness() {
  const recap = useRecordRecap('L1', null, () => undefined);
  return (
    <RecapPanel live={LIVE} recaps={1} attempt={recap.attempt} busy={recap.busy} onRecord={() => void recap.record()} />
  );
}

/** A RecordRecap answer for any clientId, noting each clientId sent. */
function answer(sent: string[], outcome: 'ok' | 'network'): MockLink.MockedResponse {
  return {
    request: { query: RECORD_RECAP_MUTATION, variables: (variables) => variables.sessionId === 'L1' },
    ...(outcome === 'ok'
      ? {
          result: {
            data: {
              recordRecap: {
                __typename: 'RecapResult',
                eventId: 'recap-1',
                at: '2026-11-22T11:32:31.000Z',
                recorded: true,
              },
            },
          },
        }
      : { error: new Error('connection reset') }),
    // Called once per answered request: where the clientId sent is noted.
    delay: (operation) => {
      sent.push(String(operation.variables.clientId));
      return 50;
    },
  };
}

beforeEach(() => setLang('en'));

describe('the recap button', () => {
  it('shows who is waiting, and sends one request for a double click', async () => {
    const sent: string[] = [];
    render(
      <MockedProvider mocks={[answer(sent, 'ok')]} cache={createCache()}>
        <Harness />
      </MockedProvider>,
    );
    expect(screen.getByTestId('recap-waiting').textContent).toBe('8');
    expect(screen.getByTestId('recap-since').textContent).toBe('7 min since the last one');
    const button = screen.getByTestId('record-recap');
    await userEvent.setup().dblClick(button);
    await waitFor(() => expect(button.textContent).toBe('✓ Recap recorded'));
    expect(button).toHaveProperty('disabled', true);
    // A second request would have found no mocked answer and shown a failure instead.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(screen.getByTestId('recap-status').textContent).toBe('');
  });

  it('retries a failed recap with the same clientId', async () => {
    const sent: string[] = [];
    render(
      <MockedProvider mocks={[answer(sent, 'network'), answer(sent, 'ok')]} cache={createCache()}>
        <Harness />
      </MockedProvider>,
    );
    const user = userEvent.setup();
    const button = screen.getByTestId('record-recap');
    await user.click(button);
    await waitFor(() => expect(button.textContent).toBe('Retry recording the recap'));
    expect(screen.getByTestId('recap-status').textContent).toMatch(/^The recap was not recorded: /);
    await user.click(button);
    await waitFor(() => expect(button.textContent).toBe('✓ Recap recorded'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
  });
});
