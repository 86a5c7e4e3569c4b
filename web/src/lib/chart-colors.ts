/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale
 * print. They are for marks (bars, lines, dots: 3:1 against white is enough); as text several are
 * too light for WCAG AA's 4.5:1, so words on a chart use LABEL_COLORS.
 */
export const COLORS = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
  grey: '#6b7280',
} as const;

export const SERIES = [COLORS.blue, COLORS.orange, COLORS.green, COLORS.vermillion, COLORS.purple, COLORS.sky];

/** Darker tones of the series colours for text drawn on a chart, each 4.5:1 or more on white. */
export const LABEL_COLORS = {
  vermillion: '#B34E00',
} as const;

export const AXIS_TICK = { fontSize: 12, fill: '#4b5263' } as const;
export const GRID_STROKE = '#e6e8ee';
