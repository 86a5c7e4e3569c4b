/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLang } from '../lib/i18n';
import { EmptyState, ErrorState, Skeleton } from './StatusPanel';

// jsdom has no fetch API; ServerError reads only the status of the response it is given.
const httpResponse = (status: number): Response => ({ status }) as Response;

beforeEach(() => setLang('en'));

describe('ErrorState', () => {
  it('says the API is unreachable and to start it, with a retry button that retries', async () => {
    const onRetry = jest.fn();
    render(<ErrorState error={new TypeError('Failed to fetch')} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-kind')).toBe('network');
    expect(within(alert).getByText('Check that the server is running (npm start), then retry.')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('names the missing API field when the server is older than the dashboard, and offers no useless retry', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'Cannot query field "community" on type "Query".' }],
    });
    render(<ErrorState error={error} onRetry={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-kind')).toBe('unsupported');
    expect(within(alert).getByText('This server does not provide this view yet.')).toBeTruthy();
    expect(alert.textContent).toContain('It lacks the API field Query.community');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('sends a refused token back to sign-in rather than retrying', () => {
    const error = new ServerError('Unauthorized', { response: httpResponse(401), bodyText: '{}' });
    render(<ErrorState error={error} onRetry={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-kind')).toBe('unauthenticated');
    expect(within(alert).getByText('The API rejected the read token (UNAUTHENTICATED).')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says what failed and what to do in Japanese on a Japanese page', () => {
    setLang('ja');
    render(<ErrorState error={new TypeError('Failed to fetch')} onRetry={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('/graphql の API に接続できません。')).toBeTruthy();
    expect(within(alert).getByText('サーバーが起動しているか(npm start)確認し、再試行してください。')).toBeTruthy();
    expect(within(alert).getByRole('button', { name: '再試行' })).toBeTruthy();
  });

  it('offers no retry when the caller has nothing to retry', () => {
    render(<ErrorState error={new TypeError('Failed to fetch')} />);
    expect(screen.getByRole('alert').getAttribute('data-kind')).toBe('network');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('EmptyState and Skeleton', () => {
  it('an empty state says why it is empty', () => {
    render(
      <EmptyState
        testId="sessions-empty"
        title="No sessions in this period — widen the period or pick another brand."
      />,
    );
    expect(screen.getByTestId('sessions-empty').textContent).toBe(
      'No sessions in this period — widen the period or pick another brand.',
    );
  });

  it('a skeleton announces loading to screen readers and draws one block per item', () => {
    render(<Skeleton kind="cards" count={3} />);
    const skeleton = screen.getByRole('status', { name: 'Loading…' });
    expect(skeleton.querySelectorAll('.skeleton__block')).toHaveLength(3);
  });
});
