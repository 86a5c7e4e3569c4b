import { renderToStaticMarkup } from 'react-dom/server';
import { KpiCard } from './KpiCard';

/** The text inside the element carrying data-testid, nested tags included. */
function part(html: string, testId: string): string | undefined {
  const open = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  if (!open) return undefined;
  const tag = open[1];
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  tags.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index + open[0].length, m.index).replace(/<[^>]+>/g, '');
  }
  return undefined;
}

describe('KpiCard', () => {
  it('shows the value, the previous value and the signed change', () => {
    // (6 − 4) / 4 = +50%
    const html = renderToStaticMarkup(<KpiCard name="views" value={6} previous={4} currency="JPY" />);
    expect(part(html, 'kpi-views')).toBe('6');
    expect(part(html, 'kpi-views-previous')).toBe('prev. 4');
    expect(part(html, 'kpi-views-change')).toBe('▲ +50.0%');
    expect(html).toContain('kpi__change--up');
  });

  it('shows a dash, not ∞ or 0, when the previous period had nothing', () => {
    const html = renderToStaticMarkup(<KpiCard name="revenue" value={4400} previous={0} currency="JPY" />);
    expect(part(html, 'kpi-revenue')).toBe('¥4,400');
    expect(part(html, 'kpi-revenue-previous')).toBe('prev. ¥0');
    expect(part(html, 'kpi-revenue-change')).toBe('—');
  });

  it('hides the comparison when compare is off', () => {
    const html = renderToStaticMarkup(<KpiCard name="views" value={6} currency="JPY" />);
    expect(html).not.toContain('kpi-views-previous');
  });

  it('flags a KPI below the brand 4-week median, and says which median', () => {
    const html = renderToStaticMarkup(
      <KpiCard name="conversionRate" value={0.03} previous={0.04} currency="JPY" belowMedian={0.035} />,
    );
    expect(html).toContain('kpi--flagged');
    expect(part(html, 'kpi-conversionRate-flag')).toBe('⚑ Below the 4-week median (3.5%)');
    expect(part(html, 'kpi-conversionRate-change')).toBe('▼ -25.0%');
  });
});
