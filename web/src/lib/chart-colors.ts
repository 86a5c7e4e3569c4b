/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale
 * print, and each readable on white.
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

export const AXIS_TICK = { fontSize: 12, fill: '#4b5263' } as const;
export const GRID_STROKE = '#e6e8ee';
