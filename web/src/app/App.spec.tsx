/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  brandsAnswer,
  EMPTY_PERIOD,
  noSessionsAnswer,
  overviewAnswer,
  scriptedApi,
  unauthenticated,
  type ApiAnswer,
  type ApiCall,
} from '../../test/mock-api';
import { signIn, signOut, STORAGE_KEY } from '../features/auth/token.store';
import { tokyoBrand } from '../features/sessions/sessions.fixtures';
import { setLang } from '../lib/i18n';
import { createApolloClient } from './apollo';
import { App } from './App';

/**
 * The whole app after sign-in, with the app's own Apollo client (auth and error links included) over
 * a scripted transport instead of HTTP: what a reader sees when the API refuses the token, cannot be
 * reached, or has nothing for the period.
 */

function renderApp(url: string, answer: (call: ApiCall, nth: number) => ApiAnswer) {
  window.history.replaceState(null, '', url);
  const api = scriptedApi(answer);
  const user = userEvent.setup();
  render(<App client={createApolloClient(api.link)} />);
  return { api, user };
}

const callsOf = (calls: readonly ApiCall[], operationName: string): ApiCall[] =>
  calls.filter((c) => c.operationName === operationName);

beforeEach(() => {
  setLang('en');
  signIn('rt_test_token');
});

afterEach(() => {
  signOut();
});

describe('a refused read token (UNAUTHENTICATED)', () => {
  it('goes back to sign-in, says why and what to do, and forgets the token', async () => {
    const { api } = renderApp('/', () => unauthenticated());

    const alert = await screen.findByTestId('auth-error');
    expect(within(alert).getByText('The API rejected that read token (UNAUTHENTICATED).')).toBeTruthy();
    expect(
      within(alert).getByText(
        'Check that you pasted the whole token and that it has not been revoked. An admin creates one with createApiKey(scope: READ).',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Read token').value).toBe('');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(true);
    // The refused token was sent once, as a Bearer token, and is not kept for the next request.
    expect(api.calls).toEqual([{ operationName: 'Brands', variables: {}, authorization: 'Bearer rt_test_token' }]);
    expect(window.sessionStorage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('signing in again with another token loads the dashboard with it', async () => {
    const { api, user } = renderApp('/nowhere', (call) =>
      call.authorization === 'Bearer rt_good' ? brandsAnswer([tokyoBrand]) : unauthenticated(),
    );
    await screen.findByTestId('auth-error');
    await user.type(screen.getByLabelText('Read token'), '  rt_good ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByTestId('filter-bar')).toBeTruthy();
    expect(screen.getByTestId('not-found').textContent).toContain('Page not found');
    expect(screen.queryByTestId('auth-error')).toBeNull();
    expect(api.calls.map((c) => c.authorization)).toEqual(['Bearer rt_test_token', 'Bearer rt_good']);
  });
});

describe('an unreachable API', () => {
  it('says so with what to do, and Retry asks again and shows the dashboard once it answers', async () => {
    // First try: fetch rejects as it does when nothing listens on the port. Second: the brands.
    const { api, user } = renderApp('/nowhere', (_call, nth) =>
      nth === 1 ? new TypeError('Failed to fetch') : brandsAnswer([tokyoBrand]),
    );

    const error = await screen.findByRole('alert');
    expect(error.getAttribute('data-kind')).toBe('network');
    expect(within(error).getByText('Could not reach the API at /graphql.')).toBeTruthy();
    expect(within(error).getByText('Check that the server is running (npm start), then retry.')).toBeTruthy();
    expect(within(error).getByText('Failed to fetch')).toBeTruthy();
    expect(callsOf(api.calls, 'Brands')).toHaveLength(1);

    await user.click(within(error).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByTestId('filter-bar')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(callsOf(api.calls, 'Brands')).toHaveLength(2);
  });

  it('keeps the error and the Retry button when the retry fails too', async () => {
    const { api, user } = renderApp('/nowhere', (_call, nth) => new TypeError(`Failed to fetch (try ${nth})`));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    // The error shown is the second one: the retry did go out, and failed.
    const error = await screen.findByText('Failed to fetch (try 2)');
    expect(error.closest('[role="alert"]')?.getAttribute('data-kind')).toBe('network');
    expect(callsOf(api.calls, 'Brands')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByTestId('filter-bar')).toBeNull();
  });
});

describe('empty states say why they are empty and what to do', () => {
  it('a token without brands', async () => {
    renderApp('/', () => brandsAnswer([]));
    const empty = await screen.findByTestId('no-brands');
    expect(within(empty).getByText('Choose a brand first.')).toBeTruthy();
    expect(
      within(empty).getByText('No sessions yet — post events to /v1/events or run npm start to load demo data'),
    ).toBeTruthy();
  });

  it('a period without sessions: zero counts, dashes for ratios, and a hint to widen the period', async () => {
    const answers: Record<string, ApiAnswer> = {
      Brands: brandsAnswer([tokyoBrand]),
      BrandOverview: { data: overviewAnswer(EMPTY_PERIOD, EMPTY_PERIOD) },
      PeriodSessions: { data: noSessionsAnswer() },
    };
    const { api } = renderApp(
      '/?period=custom&from=2026-11-19&to=2026-11-20',
      (call) => answers[call.operationName ?? ''] ?? 'pending',
    );

    const empty = await screen.findByTestId('sessions-empty');
    expect(empty.textContent).toBe('No sessions in this period — widen the period or pick another brand.');
    expect(screen.getByTestId('kpi-views').textContent).toBe('0');
    expect(screen.getByTestId('kpi-conversionRate').textContent).toBe('—');
    expect(screen.getByTestId('kpi-revenue').textContent).toBe('¥0');
    // No base to compare with: a dash, not +∞ or 0%.
    expect(screen.getByTestId('kpi-revenue-change').textContent).toBe('—');
    // Nov 19–20 in Tokyo (UTC+9): [Nov 18 15:00Z, Nov 20 15:00Z).
    const period = { from: '2026-11-18T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z', timeZone: 'Asia/Tokyo' };
    expect(callsOf(api.calls, 'PeriodSessions')[0]?.variables).toEqual({
      filter: { brandId: 'b-jp', period },
      first: 50,
      sortBy: 'startedAt',
      direction: 'DESC',
    });
  });

  it('a session this token cannot see', async () => {
    renderApp('/sessions/S404', (call) => {
      if (call.operationName === 'Brands') return brandsAnswer([tokyoBrand]);
      if (call.operationName === 'SessionDetail') return { data: { session: null } };
      return 'pending';
    });
    const empty = await screen.findByTestId('session-not-found');
    expect(within(empty).getByText('Session not found')).toBeTruthy();
    expect(
      within(empty).getByText('The id may be wrong, or the session belongs to a brand this read token cannot see.'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: '← Overview' }).getAttribute('href')).toBe('/');
  });
});
