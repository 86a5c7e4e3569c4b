/** @jest-environment jsdom */
import { jest } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLang } from '../../../lib/i18n';
import { nyBrand, tokyoBrand } from '../../sessions/sessions.fixtures';
import { ScopeProvider, useScope, type Brand } from '../scope';
import { FilterBar } from './FilterBar';

/**
 * The filter bar against the app's own router: the URL (window.history, as in the browser) is the only
 * state, so each test starts from a URL, acts like a user and reads the URL and the scope back.
 *
 * Now is 2026-11-19 16:00 UTC: already Nov 20 (01:00) in Tokyo, still Nov 19 in UTC (16:00) and in
 * New York (11:00, EST since Nov 1).
 */
const NOW = new Date('2026-11-19T16:00:00Z');

/** What the pages read from the scope, printed so the test sees the state the filter bar produced. */
function ScopeProbe() {
  const { brand, filters, zone, period } = useScope();
  const state = { brand: brand.id, preset: filters.preset, compare: filters.compare, zone, period };
  return <pre data-testid="scope">{JSON.stringify(state)}</pre>;
}

interface ProbedScope {
  brand: string;
  preset: string;
  compare: boolean;
  zone: string;
  period: { from: string; to: string; timeZone: string };
}

const scope = (): ProbedScope => JSON.parse(screen.getByTestId('scope').textContent ?? '{}') as ProbedScope;
const currentUrl = (): string => window.location.pathname + window.location.search;

function renderAt(url: string, brands: readonly Brand[] = [tokyoBrand, nyBrand]) {
  window.history.replaceState(null, '', url);
  const user = userEvent.setup();
  render(
    <ScopeProvider brands={brands}>
      <FilterBar />
      <ScopeProbe />
    </ScopeProvider>,
  );
  return user;
}

const periodSelect = () => screen.getByLabelText<HTMLSelectElement>('Period');
const fromInput = () => screen.getByLabelText<HTMLInputElement>('From');
const toInput = () => screen.getByLabelText<HTMLInputElement>('To');
const zoneSelect = () => screen.getByLabelText<HTMLSelectElement>('Time zone');
const brandSelect = () => screen.getByLabelText<HTMLSelectElement>('Brand');
const compareBox = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'Compare with previous period' });
const selectedLabel = (select: HTMLSelectElement): string => select.selectedOptions[0]?.textContent ?? '';

beforeEach(() => {
  // The clock starts at NOW (presets count from it); fake timers advance with real time, so React and
  // user-event run as usual.
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
  setLang('en');
});

afterEach(() => {
  jest.useRealTimers();
});

describe('FilterBar defaults', () => {
  it('opens on the last 28 days of the brand zone, compare on, with nothing to report', () => {
    renderAt('/');
    expect(selectedLabel(brandSelect())).toBe('Sakura Cosmetics');
    expect(selectedLabel(periodSelect())).toBe('Last 28 days');
    // Today in Tokyo is Nov 20; 28 days back including today: Nov 20 − 27 = Oct 24.
    expect(fromInput().value).toBe('2026-10-24');
    expect(toInput().value).toBe('2026-11-20');
    expect(selectedLabel(zoneSelect())).toBe('Asia/Tokyo (brand)');
    expect(compareBox().checked).toBe(true);
    // Tokyo is UTC+9 all year: Oct 24 00:00 JST = Oct 23 15:00Z; the day after Nov 20 starts Nov 20 15:00Z.
    expect(scope()).toEqual({
      brand: 'b-jp',
      preset: '28d',
      compare: true,
      zone: 'Asia/Tokyo',
      period: { from: '2026-10-23T15:00:00.000Z', to: '2026-11-20T15:00:00.000Z', timeZone: 'Asia/Tokyo' },
    });
    expect(screen.queryByTestId('filter-notice')).toBeNull();
  });

  it('has no brand switcher for a single-brand token and keeps the brand out of its links', async () => {
    const user = renderAt('/', [tokyoBrand]);
    expect(screen.queryByLabelText('Brand')).toBeNull();
    await user.selectOptions(periodSelect(), 'Last 90 days');
    expect(currentUrl()).toBe('/?period=90d');
    // Nov 20 − 89 days = Aug 23.
    expect(fromInput().value).toBe('2026-08-23');
  });
});

describe('FilterBar writes every choice to the URL', () => {
  it('a preset: period=7d, keeping the page params; the default preset leaves the URL', async () => {
    const user = renderAt('/commercers?sort=revenue');
    await user.selectOptions(periodSelect(), 'Last 7 days');
    expect(currentUrl()).toBe('/commercers?sort=revenue&brand=b-jp&period=7d');
    // Nov 20 − 6 = Nov 14.
    expect([fromInput().value, toInput().value]).toEqual(['2026-11-14', '2026-11-20']);
    expect(scope().period).toEqual({
      from: '2026-11-13T15:00:00.000Z',
      to: '2026-11-20T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
    });

    await user.selectOptions(periodSelect(), 'Last 28 days');
    expect(currentUrl()).toBe('/commercers?sort=revenue&brand=b-jp');
    expect(scope().preset).toBe('28d');
  });

  it('the URL is the state: Back restores the previous choice', async () => {
    const user = renderAt('/');
    await user.selectOptions(periodSelect(), 'Last 7 days');
    expect(scope().preset).toBe('7d');
    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      window.history.back();
      await popped;
    });
    expect(currentUrl()).toBe('/');
    expect(selectedLabel(periodSelect())).toBe('Last 28 days');
    expect(scope().preset).toBe('28d');
  });

  it("a zone other than the brand's goes to tz=, and the days follow that zone's calendar", async () => {
    const user = renderAt('/');
    await user.selectOptions(zoneSelect(), 'UTC');
    expect(currentUrl()).toBe('/?brand=b-jp&tz=UTC');
    // Still Nov 19 in UTC: Nov 19 − 27 = Oct 23.
    expect([fromInput().value, toInput().value]).toEqual(['2026-10-23', '2026-11-19']);
    expect(scope().period).toEqual({
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
      timeZone: 'UTC',
    });

    // Back to the brand's own zone: nothing to write, the API uses it by default.
    await user.selectOptions(zoneSelect(), 'Asia/Tokyo');
    expect(currentUrl()).toBe('/?brand=b-jp');
    expect(scope().zone).toBe('Asia/Tokyo');
  });

  it('compare off is compare=0; on again drops it', async () => {
    const user = renderAt('/');
    await user.click(compareBox());
    expect(currentUrl()).toBe('/?brand=b-jp&compare=0');
    expect(compareBox().checked).toBe(false);
    expect(scope().compare).toBe(false);

    await user.click(compareBox());
    expect(currentUrl()).toBe('/?brand=b-jp');
    expect(scope().compare).toBe(true);
  });

  it('another brand: brand= changes, its own zone replaces the chosen one, the preset stays', async () => {
    const user = renderAt('/?brand=b-jp&period=7d&tz=UTC');
    await user.selectOptions(brandSelect(), 'Hudson Outfitters');
    expect(currentUrl()).toBe('/?brand=b-us&period=7d');
    expect(selectedLabel(zoneSelect())).toBe('America/New_York (brand)');
    // Nov 19 in New York: Nov 13–19. EST is UTC−5: Nov 13 00:00 = 05:00Z; Nov 20 00:00 = Nov 20 05:00Z.
    expect([fromInput().value, toInput().value]).toEqual(['2026-11-13', '2026-11-19']);
    expect(scope()).toEqual({
      brand: 'b-us',
      preset: '7d',
      compare: true,
      zone: 'America/New_York',
      period: { from: '2026-11-13T05:00:00.000Z', to: '2026-11-20T05:00:00.000Z', timeZone: 'America/New_York' },
    });
  });

  it('a picked date makes a custom period; a From after To moves To along instead of emptying the period', () => {
    // jsdom has no date picker: a pick reaches React as the input's change event, as in a browser.
    renderAt('/');
    fireEvent.change(fromInput(), { target: { value: '2026-11-01' } });
    expect(currentUrl()).toBe('/?brand=b-jp&period=custom&from=2026-11-01&to=2026-11-20');
    expect(selectedLabel(periodSelect())).toBe('Custom');
    expect(scope().period).toEqual({
      from: '2026-10-31T15:00:00.000Z',
      to: '2026-11-20T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
    });

    // Typed past the input's max: a one-day period on Nov 25, not a silent jump back to 28 days.
    fireEvent.change(fromInput(), { target: { value: '2026-11-25' } });
    expect(currentUrl()).toBe('/?brand=b-jp&period=custom&from=2026-11-25&to=2026-11-25');
    expect([fromInput().value, toInput().value]).toEqual(['2026-11-25', '2026-11-25']);

    // And a To before From moves From back.
    fireEvent.change(toInput(), { target: { value: '2026-11-10' } });
    expect(currentUrl()).toBe('/?brand=b-jp&period=custom&from=2026-11-10&to=2026-11-10');
    expect(scope().preset).toBe('custom');
  });
});

describe('FilterBar on a link with bad params', () => {
  it('shows the defaults and says which params it ignored; the next choice writes a clean URL', async () => {
    const user = renderAt('/?brand=b-gone&tz=Mars/Olympus&period=custom&from=2026-11-20&to=2026-11-01');
    expect(selectedLabel(brandSelect())).toBe('Sakura Cosmetics');
    expect(selectedLabel(zoneSelect())).toBe('Asia/Tokyo (brand)');
    expect(selectedLabel(periodSelect())).toBe('Last 28 days');
    expect([fromInput().value, toInput().value]).toEqual(['2026-10-24', '2026-11-20']);
    expect(scope().period.timeZone).toBe('Asia/Tokyo');

    const notice = screen.getByRole('status');
    expect([...notice.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'This read token cannot see a brand “b-gone”: showing Sakura Cosmetics.',
      'The link’s time zone “Mars/Olympus” is unknown: showing Asia/Tokyo.',
      'The link’s period “2026-11-20 – 2026-11-01” is not valid: showing Last 28 days.',
    ]);

    await user.selectOptions(periodSelect(), 'Last 7 days');
    expect(currentUrl()).toBe('/?brand=b-jp&period=7d');
    expect(screen.queryByTestId('filter-notice')).toBeNull();
  });

  it('names an unknown preset, in the chosen language', () => {
    setLang('ja');
    renderAt('/?period=1y');
    expect(screen.getByTestId('filter-notice').textContent).toBe(
      'リンクの期間「1y」は無効なため、過去28日間を表示しています。',
    );
    expect(screen.getByTestId('period-from')).toHaveProperty('value', '2026-10-24');
  });
});
