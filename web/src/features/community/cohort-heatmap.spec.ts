import { heatmapCell } from './cohort-heatmap';

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The cell's rgba() laid over the white table, as the browser paints it. */
function onWhite(background: string): number[] {
  const [r, g, b, alpha] = (/rgba\(([^)]+)\)/.exec(background)?.[1] ?? '').split(',').map(Number);
  return [r, g, b].map((c) => 255 - alpha * (255 - c));
}

// The text colours of .heatmap__cell and .heatmap__cell--dark in styles.css.
const DARK_TEXT = [0x0b, 0x22, 0x39];
const WHITE = [255, 255, 255];

describe('heatmapCell', () => {
  it('tints light blue with dark text below 60 % and deep blue with white text from 60 %', () => {
    expect(heatmapCell(0)).toEqual({ background: 'rgba(0, 114, 178, 0.080)', dark: false });
    // 0.08 + 0.5 × 0.85 = 0.505
    expect(heatmapCell(0.5)).toEqual({ background: 'rgba(0, 114, 178, 0.505)', dark: false });
    expect(heatmapCell(0.6)).toEqual({ background: 'rgba(0, 80, 127, 0.850)', dark: true });
    // 0.85 + 0.4 × 0.375 = 1
    expect(heatmapCell(1)).toEqual({ background: 'rgba(0, 80, 127, 1.000)', dark: true });
  });

  it('keeps every percentage readable at 4.5:1 (WCAG AA)', () => {
    for (let percent = 0; percent <= 100; percent++) {
      const { background, dark } = heatmapCell(percent / 100);
      const ratio = contrast(onWhite(background), dark ? WHITE : DARK_TEXT);
      expect({ percent, ok: ratio >= 4.5 }).toEqual({ percent, ok: true });
    }
  });
});
