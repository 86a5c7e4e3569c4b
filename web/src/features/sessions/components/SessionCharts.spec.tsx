/** @jest-environment jsdom */
import { render } from '@testing-library/react';
import { BandLabel } from './SessionCharts';

describe('BandLabel (a pinned product on the minute timeline)', () => {
  const draw = (width: number) =>
    render(
      <svg>
        <BandLabel text="ハンドクリーム 3本セット" viewBox={{ x: 40, y: 20, width, height: 200 }} />
      </svg>,
    ).container;

  it("is cut at its band's right edge: a box as wide as the band, the whole name as its tooltip", () => {
    const box = draw(57).querySelector('svg.timeline-band-label');
    expect(box?.getAttribute('x')).toBe('40');
    expect(box?.getAttribute('y')).toBe('20');
    expect(box?.getAttribute('width')).toBe('57');
    expect(box?.querySelector('title')?.textContent).toBe('ハンドクリーム 3本セット');
    expect(box?.querySelector('text')?.textContent).toBe('ハンドクリーム 3本セット');
  });

  it('shows nothing in a band narrower than a letter (12 px)', () => {
    expect(draw(11).querySelector('svg.timeline-band-label')).toBeNull();
    expect(draw(12).querySelector('svg.timeline-band-label')).not.toBeNull();
  });
});
