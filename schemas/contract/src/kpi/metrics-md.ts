/**
 * Reads the names METRICS.md gives in backticks, so a test can hold the KPI catalogue to the
 * spec. KPI names are lowerCamelCase; snake_case names are event types or alert codes, and a
 * name followed by `(` is an operation (`setSessionCost(…)`), so neither is collected.
 */
export interface MetricsMdNames {
  /** Each name of a KPI section (every section but entities, events and public interfaces), with that section. */
  readonly kpiSections: ReadonlyMap<string, string>;
  /** The first-column names of the session KPI table, e.g. `comments` / `commenters`. */
  readonly sessionTable: readonly string[];
  /** The names in the bullets of the section on several sessions (the period and community KPIs). */
  readonly periodBullets: readonly string[];
  /** Names of the entity and event sections: keys, event types and event fields — never KPIs. */
  readonly vocabulary: ReadonlySet<string>;
}

const NAME = /^[a-z][A-Za-z0-9]*/;

/** The leading name of each backticked span: `followRate = Σ follows / Σ uniqueViewers` → followRate. */
export function backtickedNames(text: string): string[] {
  const names: string[] = [];
  for (const [, span] of text.matchAll(/`([^`]+)`/g)) {
    const name = NAME.exec(span)?.[0];
    const next = span.charAt(name?.length ?? 0);
    if (name && next !== '_' && next !== '(') names.push(name);
  }
  return names;
}

function sections(markdown: string): { title: string; body: string }[] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return { title: part.slice(0, newline).trim(), body: part.slice(newline + 1) };
    });
}

export function namesInMetricsMd(markdown: string): MetricsMdNames {
  const kpiSections = new Map<string, string>();
  const vocabulary = new Set<string>();
  const sessionTable: string[] = [];
  const periodBullets: string[] = [];
  for (const { title, body } of sections(markdown)) {
    if (/^(Entities|Events)\b/.test(title)) {
      for (const name of backtickedNames(body)) vocabulary.add(name);
      continue;
    }
    if (/^Public interfaces\b/.test(title)) continue;
    for (const name of backtickedNames(body)) if (!kpiSections.has(name)) kpiSections.set(name, title);
    if (/^Session KPIs\b/.test(title)) {
      for (const [, firstCell] of body.matchAll(/^\|([^|\n]+)\|/gm)) sessionTable.push(...backtickedNames(firstCell));
    }
    if (/^Over several sessions\b/.test(title)) {
      // A bullet runs from its `- ` to the next bullet or blank line.
      for (const [bullet] of body.matchAll(/^- .*(?:\n(?!- |\n).*)*/gm)) periodBullets.push(...backtickedNames(bullet));
    }
  }
  return { kpiSections, sessionTable, periodBullets, vocabulary };
}
