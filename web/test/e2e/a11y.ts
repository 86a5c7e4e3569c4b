import axe from 'axe-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * The automated part of a WCAG 2.1 A/AA check: axe-core run inside the page as it stands. It finds
 * what a machine can decide (contrast, names, roles, landmarks, ARIA use), not whether the page
 * makes sense to a person, so it complements a manual review rather than replacing it.
 */

/** The rule sets the dashboard must pass: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/** The rule violations axe finds on the page now; axe's source is injected once per document. */
export async function axeViolations(page: Page, tags: readonly string[] = WCAG_TAGS): Promise<Result[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.addScriptTag({ content: axe.source });
  const results: AxeResults = await page.evaluate(
    (values) =>
      window.axe!.run(document, {
        runOnly: { type: 'tag', values },
        // Only violations travel back: passes and inapplicable rules would only make the answer large.
        resultTypes: ['violations'],
      }),
    [...tags],
  );
  return results.violations;
}

const IMPACT_ORDER: readonly ImpactValue[] = ['critical', 'serious', 'moderate', 'minor'];

/**
 * One block per violated rule, worst first: its id, impact and help, then each offending element's
 * selector with axe's own finding (for contrast: the two colours, the ratio and the ratio needed).
 */
export function describeViolations(violations: readonly Result[]): string {
  const byImpact = [...violations].sort(
    (a, b) => IMPACT_ORDER.indexOf(a.impact ?? null) - IMPACT_ORDER.indexOf(b.impact ?? null),
  );
  return byImpact
    .map((v) => {
      const nodes = v.nodes.map((node) => {
        const finding = [...node.any, ...node.all, ...node.none].map((check) => check.message).find(Boolean);
        return `    ${node.target.join(' >> ')}${finding ? `\n      ${finding}` : ''}`;
      });
      const rule = `  ${v.id} (${v.impact ?? 'no impact'}, ${v.nodes.length} elements): ${v.help} — ${v.helpUrl}`;
      return [rule, ...nodes].join('\n');
    })
    .join('\n');
}

/** Placeholders shown while data or a chart's code loads: no page is judged while one is on screen. */
const LOADING = '[data-testid="skeleton"], [data-testid="loading"], [data-testid="chart-loading"]';

/**
 * Fails with every violation listed when axe finds any. Call it once the page shows its data; it
 * also waits for any skeleton to go, since a skeleton passes trivially and says nothing of the page.
 */
export async function expectNoAxeViolations(page: Page, pageName: string): Promise<void> {
  await page.waitForFunction((selector) => document.querySelector(selector) === null, LOADING);
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const elements = violations.reduce((n, v) => n + v.nodes.length, 0);
  throw new Error(
    `axe found ${violations.length} WCAG 2.1 A/AA rule violations (${elements} elements) on ${pageName} ` +
      `(${page.url()}):\n${describeViolations(violations)}`,
  );
}
