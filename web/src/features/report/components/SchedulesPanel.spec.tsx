/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { createCache } from '../../../app/apollo';
import { setLang } from '../../../lib/i18n';
import { CREATE_REPORT_SCHEDULE, REPORT_SCHEDULES_QUERY } from '../report-schedules.queries';
import { SchedulesPanel } from './SchedulesPanel';

/**
 * The email schedules panel of brand b1 (Asia/Tokyo) against Apollo's MockedProvider: the list with each
 * schedule's state, what the form refuses before sending, the API's refusal shown next to the form, and
 * the labels in Japanese.
 */

const FAILED = {
  __typename: 'ReportSchedule',
  id: 's1',
  cadence: 'WEEKLY',
  weekday: 1,
  day: null,
  hour: 9,
  timeZone: 'Asia/Tokyo',
  recipients: ['client@example.com'],
  language: 'ja',
  paused: false,
  nextRunAt: '2026-11-30T00:00:00.000Z',
  attempts: 1,
  lastError: 'Message failed: 451 mailbox busy, try later',
  lastRun: {
    __typename: 'ReportRun',
    state: 'FAILED',
    attempts: 1,
    sentAt: null,
    // 09:01 in Tokyo
    nextAttemptAt: '2026-11-23T00:01:00.000Z',
    periodFrom: '2026-11-15T15:00:00.000Z',
    periodTo: '2026-11-22T15:00:00.000Z',
    manual: false,
  },
};

const listAnswer = (schedules: unknown[]): MockLink.MockedResponse => ({
  request: { query: REPORT_SCHEDULES_QUERY, variables: { brandId: 'b1' } },
  result: { data: { reportSchedules: schedules } },
});

async function renderPanel(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <SchedulesPanel brandId="b1" brandZone="Asia/Tokyo" />
    </MockedProvider>,
  );
  await screen.findByTestId('schedule-form');
  return userEvent.setup();
}

beforeEach(() => setLang('en'));

describe('email schedules panel', () => {
  it("lists each schedule with its cadence, next email and the last run's failure and retry", async () => {
    await renderPanel([listAnswer([FAILED])]);
    const row = await screen.findByTestId('schedule-row');
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('Every Monday at 9:00 (Asia/Tokyo) 日本語');
    expect(cells[1]).toBe('client@example.com');
    expect(within(row).getByTestId('schedule-state').textContent).toBe(
      'Failed (attempt 1); retrying Nov 23, 2026 09:01 GMT+9 — Message failed: 451 mailbox busy, try later',
    );
  });

  it('refuses a bad form without asking the API, naming each field', async () => {
    // only the list is mocked: a create request would fail with "No more mocked responses"
    const user = await renderPanel([listAnswer([])]);
    expect((await screen.findByTestId('schedules-empty')).textContent).toBe('No email schedule yet.');
    await user.clear(screen.getByTestId('schedule-hour'));
    await user.type(screen.getByTestId('schedule-hour'), '25');
    await user.clear(screen.getByTestId('schedule-zone'));
    await user.type(screen.getByTestId('schedule-zone'), 'Tokyo');
    await user.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error-hour').textContent).toBe('Enter a whole hour from 0 to 23.');
    expect(screen.getByTestId('schedule-error-timeZone').textContent).toBe(
      'Enter an IANA time zone such as Asia/Tokyo.',
    );
    expect(screen.getByTestId('schedule-error-recipients').textContent).toBe('Enter at least one email address.');

    await user.selectOptions(screen.getByTestId('schedule-cadence'), 'MONTHLY');
    await user.clear(screen.getByTestId('schedule-day'));
    await user.type(screen.getByTestId('schedule-day'), '31');
    await user.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error-day').textContent).toBe(
      'Enter a day from 1 to 28 (29–31 are missing from some months).',
    );
  });

  it("creates a schedule, and shows the API's refusal next to the form", async () => {
    const input = {
      brandId: 'b1',
      cadence: 'WEEKLY',
      weekday: 5,
      day: null,
      hour: 9,
      timeZone: 'Asia/Tokyo',
      recipients: ['a@example.com', 'b@example.com'],
      language: 'en',
    };
    const user = await renderPanel([
      listAnswer([]),
      {
        request: { query: CREATE_REPORT_SCHEDULE, variables: { input } },
        result: {
          errors: [
            new GraphQLError('no brand "b1" for this token', { extensions: { code: 'NOT_FOUND', field: 'brandId' } }),
          ],
        },
      },
      {
        request: { query: CREATE_REPORT_SCHEDULE, variables: { input } },
        result: {
          data: {
            createReportSchedule: {
              ...FAILED,
              id: 's2',
              weekday: 5,
              language: 'en',
              lastRun: null,
              attempts: 0,
              lastError: null,
            },
          },
        },
      },
      listAnswer([{ ...FAILED, id: 's2', weekday: 5, language: 'en', lastRun: null, attempts: 0, lastError: null }]),
    ]);
    await user.selectOptions(screen.getByTestId('schedule-weekday'), '5');
    await user.type(screen.getByTestId('schedule-recipients'), 'a@example.com, b@example.com');
    await user.click(screen.getByTestId('schedule-submit'));
    expect((await screen.findByTestId('schedule-server-error')).textContent).toBe('no brand "b1" for this token');

    await user.click(screen.getByTestId('schedule-submit'));
    expect((await screen.findByTestId('schedule-notice')).textContent).toBe('Schedule created.');
    const row = await screen.findByTestId('schedule-row');
    expect(within(row).getAllByRole('cell')[0].textContent).toBe('Every Friday at 9:00 (Asia/Tokyo) English');
    expect(within(row).getByTestId('schedule-state').textContent).toBe('Not sent yet');
  });

  it('in Japanese too', async () => {
    const user = await renderPanel([listAnswer([FAILED])]);
    act(() => setLang('ja'));
    const row = await screen.findByTestId('schedule-row');
    expect(within(row).getAllByRole('cell')[0].textContent).toBe('毎週月曜日 9:00（Asia/Tokyo） 日本語');
    expect(within(row).getByTestId('schedule-send-now').textContent).toBe('今すぐ送信');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('メール配信スケジュール');
    await user.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error-recipients').textContent).toBe(
      'メールアドレスを1件以上入力してください。',
    );
  });
});
