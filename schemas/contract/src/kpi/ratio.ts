/**
 * `numerator / denominator`, or null when the denominator is 0 — METRICS.md: "a ratio whose
 * denominator is 0 is null, never 0 or NaN" — or when the numerator is unknown (such as a revenue
 * over mixed currencies). The one ratio of the API and the dashboard; SQL has its own (`nullIf`).
 */
export function ratio(numerator: number | null, denominator: number): number | null {
  return numerator === null || denominator === 0 ? null : numerator / denominator;
}
