/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EMPTY_PERIOD, noSessionsAnswer, overviewAnswer, type PeriodKpiValues } from '../../../../test/mock-api';
import { createCache } from '../../../app/apollo';
import { setLang } from '../../../lib/i18n';
import { ScopeProvider } from '../../scope/scope';
import { PERIOD_TRAFFIC_SOURCES_QUERY } from '../../merchandise/merchandise.queries';
import { PERIOD_SESSIONS_QUERY } from '../../sessions/queries/sessions.query';
import { buildSession, toRow, tokyoBrand } from '../../sessions/sessions.fixtures';
import { BRAND_OVERVIEW_QUERY } from '../overview.queries';
import { OverviewPage } from './OverviewPage';

/**
 * The overview's KPI cards as rendered from a brandOverview answer (Apollo's MockedProvider), in
 * English and Japanese. Brand b-jp: Tokyo, JPY. Period Nov 19–20, 2026 in Tokyo.
 */

const PERIOD = { from: '2026-11-18T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z', timeZone: 'Asia/Tokyo' };

const CURRENT: PeriodKpiValues = {
  ...EMPTY_PERIOD,
  sessions: 2,
  views: 12_500,
  uniqueViewers: 9_876,
  avgWatchSeconds: 245,
  engagementRate: 0.4,
  conversionRate: null,
  revenue: 1_234_567.5,
  gpm: 98_765.4,
};

const PREVIOUS: PeriodKpiValues = {
  ...EMPTY_PERIOD,
  sessions: 1,
  views: 10_000,
  uniqueViewers: 9_876,
  avgWatchSeconds: null,
  engagementRate: 0.5,
  conversionRate: 0.02,
  revenue: 1_000_000,
  gpm: 0,
};

function mocks(compare: boolean, history?: readonly PeriodKpiValues[]): MockLink.MockedResponse[] {
  return [
    {
      // Exact variables: the page must ask for the period of the URL, in the brand's zone.
      request: { query: BRAND_OVERVIEW_QUERY, variables: { brandId: 'b-jp', period: PERIOD, compare } },
      result: { data: overviewAnswer(CURRENT, compare ? PREVIOUS : null, history) },
    },
    { request: { query: PERIOD_SESSIONS_QUERY, variables: () => true }, result: { data: noSessionsAnswer() } },
    // The traffic sources panel: no viewers in either period.
    {
      request: { query: PERIOD_TRAFFIC_SOURCES_QUERY, variables: () => true },
      result: {
        data: {
          current: { __typename: 'BrandOverview', trafficSources: [] },
          previous: { __typename: 'BrandOverview', trafficSources: [] },
        },
      },
    },
  ];
}

async function renderOverview(query: string, compare = true, history?: readonly PeriodKpiValues[]) {
  window.history.replaceState(null, '', `/?${query}`);
  render(
    <MockedProvider mocks={mocks(compare, history)} cache={createCache()}>
      <ScopeProvider brands={[tokyoBrand]}>
        <OverviewPage />
      </ScopeProvider>
    </MockedProvider>,
  );
  await screen.findByTestId('overview-kpis');
}

/** value, change and previous of one card, as the reader sees them. */
function card(name: string): { label: string; value: string; change?: string; previous?: string } {
  const el = screen.getByTestId(`kpi-card-${name}`);
  const text = (id: string): string | undefined => within(el).queryByTestId(id)?.textContent ?? undefined;
  return {
    label: el.querySelector('.kpi__label')?.textContent ?? '',
    value: text(`kpi-${name}`) ?? '',
    ...(text(`kpi-${name}-change`) !== undefined ? { change: text(`kpi-${name}-change`) } : {}),
    ...(text(`kpi-${name}-previous`) !== undefined ? { previous: text(`kpi-${name}-previous`) } : {}),
  };
}

beforeEach(() => setLang('en'));

describe('overview KPI cards', () => {
  it('formats each kind in English, with the change against the previous period', async () => {
    await renderOverview('period=custom&from=2026-11-19&to=2026-11-20');
    // (12,500 − 10,000) / 10,000 = +25%
    expect(card('views')).toEqual({ label: 'Views', value: '12,500', change: '▲ +25.0%', previous: 'prev. 10,000' });
    // Unchanged: no sign, no arrow.
    expect(card('uniqueViewers')).toEqual({
      label: 'Unique viewers',
      value: '9,876',
      change: '0.0%',
      previous: 'prev. 9,876',
    });
    // 245 s = 4 min 5 s; nothing to compare with.
    expect(card('avgWatchSeconds')).toEqual({
      label: 'Avg watch time',
      value: '4m 05s',
      change: '—',
      previous: 'prev. —',
    });
    // (0.4 − 0.5) / 0.5 = −20%
    expect(card('engagementRate')).toEqual({
      label: 'Engagement rate',
      value: '40.0%',
      change: '▼ -20.0%',
      previous: 'prev. 50.0%',
    });
    // null (no viewers to divide by) is a dash, not 0%.
    expect(card('conversionRate')).toEqual({
      label: 'Conversion rate',
      value: '—',
      change: '—',
      previous: 'prev. 2.0%',
    });
    // JPY has no minor unit: 1,234,567.5 → ¥1,234,568; (1,234,567.5 − 1,000,000) / 1,000,000 = +23.46% → +23.5%
    expect(card('revenue')).toEqual({
      label: 'Revenue',
      value: '¥1,234,568',
      change: '▲ +23.5%',
      previous: 'prev. ¥1,000,000',
    });
    // A previous value of 0 is no base for a change.
    expect(card('gpm')).toEqual({ label: 'GPM', value: '¥98,765', change: '—', previous: 'prev. ¥0' });
    // The four previous periods had no sessions: no median, so no flag.
    expect(screen.queryAllByText(/Below the median/)).toEqual([]);
    expect(screen.getByText(/over the 4 periods of 2 days just before this one/)).toBeTruthy();
  });

  it('flags a KPI below the median of the 4 previous periods of the same length, and says which median', async () => {
    // Four previous 2-day periods (newest first). Views 12,000, 13,000, 14,000, 15,000: median
    // (13,000 + 14,000) / 2 = 13,500, and the period's 12,500 is below it — totals against totals of
    // the same length. Engagement 30%, 50%, none (no sessions), 60%: median of three, 50%; 40% is below.
    // Revenue 0 four times: median ¥0, not above ¥1,234,568.
    const history: PeriodKpiValues[] = [
      { ...EMPTY_PERIOD, sessions: 1, views: 12_000, engagementRate: 0.3 },
      { ...EMPTY_PERIOD, sessions: 1, views: 13_000, engagementRate: 0.5 },
      { ...EMPTY_PERIOD, views: 14_000 },
      { ...EMPTY_PERIOD, sessions: 1, views: 15_000, engagementRate: 0.6 },
    ];
    await renderOverview('period=custom&from=2026-11-19&to=2026-11-20', true, history);
    const flag = (name: string) => screen.queryByTestId(`kpi-${name}-flag`)?.textContent;
    expect(flag('views')).toBe('⚑ Below the median of the 4 previous 2-day periods (13,500)');
    expect(flag('engagementRate')).toBe('⚑ Below the median of the 4 previous 2-day periods (50.0%)');
    expect(screen.getAllByTestId(/-flag$/)).toHaveLength(2);
    act(() => setLang('ja'));
    expect(flag('views')).toBe('⚑ 直前4期間(2日間ずつ)の中央値(13,500)を下回っています');
    expect(flag('engagementRate')).toBe('⚑ 直前4期間(2日間ずつ)の中央値(50.0%)を下回っています');
  });

  it('switches to Japanese digits, units and the full-width yen without a reload', async () => {
    await renderOverview('period=custom&from=2026-11-19&to=2026-11-20');
    act(() => setLang('ja'));
    expect(card('views')).toEqual({ label: '視聴数', value: '12,500', change: '▲ +25.0%', previous: '前期間 10,000' });
    expect(card('avgWatchSeconds')).toEqual({
      label: '平均視聴時間',
      value: '4分05秒',
      change: '—',
      previous: '前期間 —',
    });
    expect(card('engagementRate')).toMatchObject({ value: '40.0%', change: '▼ -20.0%', previous: '前期間 50.0%' });
    expect(card('conversionRate')).toMatchObject({ value: '—', previous: '前期間 2.0%' });
    // ja-JP writes the yen full-width (U+FFE5), still without decimals.
    expect(card('revenue')).toEqual({
      label: '売上',
      value: '￥1,234,568',
      change: '▲ +23.5%',
      previous: '前期間 ￥1,000,000',
    });
    expect(card('gpm')).toMatchObject({ value: '￥98,765', previous: '前期間 ￥0' });
    expect(screen.getByTestId('period-label').textContent).toBe(
      'Sakura Cosmetics · 2026/11/19 – 2026/11/20 · Asia/Tokyo',
    );
  });

  it('says the period has no sessions instead of drawing empty daily axes', async () => {
    await renderOverview('brand=b-jp&from=2026-11-19&to=2026-11-20');
    // overviewAnswer has no daily points with a session in them
    expect((await screen.findByTestId('daily-empty')).textContent).toContain(
      'No sessions in this period — widen the period or pick another brand.',
    );
  });

  it('shows no comparison at all when compare is off', async () => {
    await renderOverview('period=custom&from=2026-11-19&to=2026-11-20&compare=0', false);
    expect(card('revenue')).toEqual({ label: 'Revenue', value: '¥1,234,568' });
    expect(screen.queryByText(/prev\./)).toBeNull();
  });

  it('a failed answer says what to do, and Retry asks again and shows the cards', async () => {
    window.history.replaceState(null, '', '/?period=custom&from=2026-11-19&to=2026-11-20');
    const request = { query: BRAND_OVERVIEW_QUERY, variables: { brandId: 'b-jp', period: PERIOD, compare: true } };
    const user = userEvent.setup();
    render(
      <MockedProvider
        mocks={[{ request, error: new TypeError('Failed to fetch') }, ...mocks(true)]}
        cache={createCache()}
      >
        <ScopeProvider brands={[tokyoBrand]}>
          <OverviewPage />
        </ScopeProvider>
      </MockedProvider>,
    );

    const error = await screen.findByRole('alert');
    expect(within(error).getByText('Could not reach the API at /graphql.')).toBeTruthy();
    expect(within(error).getByText('Check that the server is running (npm start), then retry.')).toBeTruthy();
    expect(screen.queryByTestId('overview-kpis')).toBeNull();

    // The second mock answers the refetch; without one the retry would fail again.
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('kpi-revenue')).textContent).toBe('¥1,234,568');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('overview session list paging', () => {
  /** Session n of the period, newest first: s-1 starts last. As the server sends it, __typename included. */
  const node = (n: number) => {
    const row = toRow(
      buildSession({
        id: `s-${n}`,
        title: `Session ${n}`,
        startedAt: new Date(Date.parse('2026-11-20T14:00:00Z') - n * 600_000).toISOString(),
      }),
    );
    return {
      __typename: 'Session',
      ...row,
      commercer: { __typename: 'Commercer', ...row.commercer },
      metrics: { __typename: 'SessionMetrics', ...row.metrics },
    };
  };
  const page = (from: number, to: number, endCursor: string | null, hasNextPage: boolean) => ({
    sessions: {
      __typename: 'SessionConnection',
      totalCount: 73,
      pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage },
      nodes: Array.from({ length: to - from + 1 }, (_, i) => node(from + i)),
    },
  });
  const variables = {
    filter: { brandId: 'b-jp', period: PERIOD },
    first: 50,
    sortBy: 'startedAt',
    direction: 'DESC',
  };

  async function renderPaged(second: MockLink.MockedResponse) {
    window.history.replaceState(null, '', '/?period=custom&from=2026-11-19&to=2026-11-20');
    // The overview's answer and the traffic sources' (the generic session list is replaced by the pages below).
    const [overview, , trafficSources] = mocks(true);
    render(
      <MockedProvider
        mocks={[
          overview,
          trafficSources,
          // Exact variables: the first page has no cursor, the second continues after the first's end.
          { request: { query: PERIOD_SESSIONS_QUERY, variables }, result: { data: page(1, 50, 'cursor-50', true) } },
          second,
        ]}
        cache={createCache()}
      >
        <ScopeProvider brands={[tokyoBrand]}>
          <OverviewPage />
        </ScopeProvider>
      </MockedProvider>,
    );
    await screen.findByTestId('sessions-table');
    return userEvent.setup();
  }

  const rowIds = (): string[] =>
    Array.from(screen.getByTestId('sessions-table').querySelectorAll('tbody tr')).map(
      (tr) => tr.getAttribute('data-testid') ?? '',
    );

  it('shows the first 50 of 73, then appends the next page after the end cursor', async () => {
    const user = await renderPaged({
      request: { query: PERIOD_SESSIONS_QUERY, variables: { ...variables, after: 'cursor-50' } },
      result: { data: page(51, 73, 'cursor-73', false) },
    });
    expect(rowIds()).toHaveLength(50);
    expect(rowIds()[0]).toBe('session-row-s-1');
    expect(screen.getByTestId('sessions-shown').textContent).toBe('Showing 50 of 73');

    await user.click(screen.getByTestId('sessions-load-more'));
    await waitFor(() => expect(rowIds()).toHaveLength(73));
    // Appended in order, the first page kept: s-1 … s-50, then s-51 … s-73.
    expect(rowIds()).toEqual(Array.from({ length: 73 }, (_, i) => `session-row-s-${i + 1}`));
    expect(screen.getByTestId('sessions-shown').textContent).toBe('Showing 73 of 73');
    // The last page has no next: no button to press in vain.
    expect(screen.queryByTestId('sessions-load-more')).toBeNull();
    act(() => setLang('ja'));
    expect(screen.getByTestId('sessions-shown').textContent).toBe('73件中 73件を表示');
  });

  it('keeps the first page and says what failed when the next page cannot be loaded', async () => {
    const user = await renderPaged({
      request: { query: PERIOD_SESSIONS_QUERY, variables: { ...variables, after: 'cursor-50' } },
      error: new TypeError('Failed to fetch'),
    });
    await user.click(screen.getByTestId('sessions-load-more'));
    const alert = await screen.findByTestId('sessions-load-more-error');
    expect(alert.textContent).toBe(
      'Could not load more sessions: Could not reach the API at /graphql. Check that the server is running (npm start), then retry.',
    );
    expect(rowIds()).toHaveLength(50);
    expect(screen.getByTestId('sessions-load-more')).toBeTruthy();
  });
});
