/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { setLang } from '../../../lib/i18n';
import { buildMetrics, buildSession, toRow } from '../sessions.fixtures';
import { SessionsTable } from './SessionsTable';

/** The text of the cell `id` in the row of session `rowId`. */
const cell = (rowId: string, id: string): string | null =>
  within(screen.getByTestId(`session-row-${rowId}`)).getByTestId(id).textContent;

describe('SessionsTable', () => {
  const jp = buildSession({
    id: 's-jp',
    isLive: true,
    metrics: buildMetrics({ uniqueViewers: 12345, comments: 678, likes: 9000, orders: 12, revenue: 123456.5 }),
  });
  const us = buildSession({
    id: 's-us',
    currency: 'USD',
    startedAt: '2025-07-01T16:00:00Z',
    commercer: { id: 'c-2', name: 'Dana Lee', kind: 'in_house' },
    metrics: buildMetrics({ uniqueViewers: 80, revenue: 1234.5 }),
  });
  const link = (path: string): string => `${path}?brand=b-jp`;

  beforeEach(() => {
    setLang('en');
    render(<SessionsTable sessions={[toRow(jp), toRow(us)]} zone="Asia/Tokyo" link={link} />);
  });

  it('formats counts with grouping and money in the session currency', () => {
    expect(cell('s-jp', 'cell-uniqueViewers')).toBe('12,345');
    expect(cell('s-jp', 'cell-likes')).toBe('9,000');
    // 123,456.5 JPY has no minor unit: rounds to 123,457
    expect(cell('s-jp', 'cell-revenue')).toBe('¥123,457');
    expect(cell('s-us', 'cell-revenue')).toBe('$1,234.50');
  });

  it('shows every start on the chosen wall clock', () => {
    // 10:30Z + 9 h
    expect(cell('s-jp', 'cell-start')).toBe('Jan 14, 2025 19:30 GMT+9');
    // 16:00Z + 9 h = 01:00 the next day in Tokyo
    expect(cell('s-us', 'cell-start')).toBe('Jul 2, 2025 01:00 GMT+9');
  });

  it('names the kind, links the title with the global filters and badges live sessions only', () => {
    expect(cell('s-jp', 'cell-kind')).toBe('Professional');
    expect(cell('s-us', 'cell-kind')).toBe('In-house');
    expect(within(screen.getByTestId('session-row-s-jp')).getByTestId('cell-title').getAttribute('href')).toBe(
      '/sessions/s-jp?brand=b-jp',
    );
    expect(screen.getAllByTestId('live-badge')).toHaveLength(1);
    expect(within(screen.getByTestId('session-row-s-jp')).getByTestId('live-badge')).toBeTruthy();
  });
});
