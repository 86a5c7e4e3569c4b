/**
 * A cohort cell's colours, darker for more returning, with its percentage readable at 4.5:1 (WCAG
 * AA) in the heatmap's text colours (styles.css: dark #0b2239, or white on a `dark` cell). A tint of
 * blue over white only carries white text once it is nearly the full blue, so the scale has two
 * bands: light tints with dark text below 60 %, deep blues with white text from 60 %.
 */
export function heatmapCell(share: number): { background: string; dark: boolean } {
  const clamped = Math.max(0, Math.min(1, share));
  return clamped < 0.6
    ? { background: `rgba(0, 114, 178, ${(0.08 + clamped * 0.85).toFixed(3)})`, dark: false }
    : { background: `rgba(0, 80, 127, ${(0.85 + (clamped - 0.6) * 0.375).toFixed(3)})`, dark: true };
}
