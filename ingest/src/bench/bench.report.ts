/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export const thousands = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MiB`;
export const ms = (value: number): string => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);

/** A two-column table with a rule under the header, aligned for a terminal or a Markdown code block. */
export function table(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

export interface Goal {
  label: string;
  met: boolean;
  detail: string;
}

export function goalLines(goals: readonly Goal[]): string {
  return goals.map((g) => `  ${g.met ? 'PASS' : 'MISS'}  ${g.label.padEnd(28)} ${g.detail}`).join('\n');
}
