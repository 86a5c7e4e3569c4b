import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KPI_CATALOGUE, KPI_NAMES, SESSION_KPI_NAMES, implementedKpis, kpi, type KpiName } from './kpi.catalogue.js';
import { backtickedNames, namesInMetricsMd } from './metrics-md.js';

// The spec lives beside the repository (../shared/METRICS.md from its root), read-only, in CI as here.
const METRICS_MD = fileURLToPath(new URL('../../../../../shared/METRICS.md', import.meta.url));

let spec: ReturnType<typeof namesInMetricsMd> | undefined;
function metricsMd(): ReturnType<typeof namesInMetricsMd> {
  if (!existsSync(METRICS_MD)) {
    throw new Error(
      `METRICS.md not found at ${METRICS_MD}: the KPI catalogue is checked against it, so it must sit at ../shared/METRICS.md beside the repository root`,
    );
  }
  spec ??= namesInMetricsMd(readFileSync(METRICS_MD, 'utf8'));
  return spec;
}

/** Backticked names in METRICS.md's KPI sections that are not KPIs (entity keys, event types and fields aside). */
const NOT_KPIS: Record<string, string> = {
  null: 'the value of an undefined ratio',
  m: 'a minute of the session, in a formula',
  start: 'a pin segment bound (seconds from the session start)',
  end: 'a pin segment bound (seconds from the session start)',
  unknown: 'the traffic source of a viewer without a join',
  windowOpen: 'a flag on the later-conversion figures (they can still grow), not a KPI',
};

/** Catalogue KPIs that METRICS.md defines without naming them in backticks. */
const UNNAMED_IN_SPEC: Record<string, string> = {
  sessions: "a period's session count: METRICS.md counts it ('Counts add up over sessions') but never names it",
};

describe('namesInMetricsMd', () => {
  it('takes the leading name of each backticked span, leaving out snake_case words and operations', () => {
    expect(
      backtickedNames('`followRate = Σ follows / Σ uniqueViewers`, `cart_add` events, `setSessionCost(id)`'),
    ).toEqual(['followRate']);
  });

  it('sorts names into the session table, the period bullets, the KPI sections and the vocabulary', () => {
    const markdown = [
      '# Title with `ignored`',
      '## Events (the ingest contract)',
      '| `like` | `count` (1–1000) |',
      '## Session KPIs',
      '| name | definition |',
      '|---|---|',
      '| `likes` / `likers` | Σ `like.count` / distinct viewers who liked |',
      '## Over several sessions (commercer, brand, period)',
      "`views` is Σ of each session's count.",
      '- `regulars`: viewers who',
      '  watched `often`.',
      '- **Cohorts**: none',
      '',
      '## Public interfaces',
      '`session(id: ID!)` and `apiOnly`',
    ].join('\n');
    const names = namesInMetricsMd(markdown);
    expect(names.sessionTable).toEqual(['likes', 'likers']);
    expect(names.periodBullets).toEqual(['regulars', 'often']);
    expect([...names.vocabulary]).toEqual(['like', 'count']);
    expect([...names.kpiSections.keys()]).toEqual(['likes', 'likers', 'like', 'views', 'regulars', 'often']);
  });
});

describe('the KPI catalogue against METRICS.md', () => {
  it('declares every KPI that METRICS.md names, implemented or planned with its issue', () => {
    const { kpiSections, vocabulary } = metricsMd();
    const missing = [...kpiSections]
      .filter(([name]) => !vocabulary.has(name) && !(name in NOT_KPIS) && !(name in KPI_CATALOGUE))
      .map(([name, section]) => `${name} (${section})`);
    expect(missing).toEqual([]);
  });

  it('gives each KPI of the session table a session scope, and each name of the period bullets a period or community scope', () => {
    const { sessionTable, periodBullets } = metricsMd();
    // every session KPI the API serves has its row, but unmatchedRefunds, which the refunds row defines, and the
    // later-purchase KPIs, which "Does engagement pay later?" defines per session
    expect(SESSION_KPI_NAMES.filter((name) => !sessionTable.includes(name))).toEqual([
      'unmatchedRefunds',
      'engagedNonBuyers',
      'passiveNonBuyers',
      'laterConversionEngaged',
      'laterConversionPassive',
      'engagementLift',
      'laterRevenue',
    ]);
    const notSession = sessionTable.filter((name) => !(name in KPI_CATALOGUE) || !kpi(name as KpiName).scopes.session);
    expect(notSession).toEqual([]);
    expect(periodBullets).toEqual(expect.arrayContaining(['regulars', 'returningRate', 'follows', 'refundRate']));
    const notPeriod = periodBullets.filter((name) => {
      const scopes = name in KPI_CATALOGUE ? kpi(name as KpiName).scopes : {};
      return !scopes.period && !scopes.community;
    });
    expect(notPeriod).toEqual([]);
  });

  it('declares nothing that METRICS.md does not name (the spec changes first)', () => {
    const { kpiSections } = metricsMd();
    const unnamed = KPI_NAMES.filter((name) => !kpiSections.has(name) && !(name in UNNAMED_IN_SPEC));
    expect(unnamed).toEqual([]);
  });
});

describe('the KPI catalogue', () => {
  it('keeps the session KPIs of the API in METRICS.md order', () => {
    expect(SESSION_KPI_NAMES).toEqual([
      'uniqueViewers',
      'peakConcurrentViewers',
      'avgConcurrentViewers',
      'totalWatchSeconds',
      'avgWatchSeconds',
      'comments',
      'commenters',
      'chatRate',
      'likes',
      'likers',
      'engagedViewers',
      'engagementRate',
      'cartAdds',
      'cartAdders',
      'orders',
      'buyers',
      'revenue',
      'conversionRate',
      'cartConversionRate',
      'averageOrderValue',
      'revenuePerViewer',
      'gpm',
      'returningViewers',
      'newViewers',
      'lateJoiners',
      'commentResponseRate',
      'medianResponseSeconds',
      'follows',
      'followRate',
      'shares',
      'sharers',
      'productClickers',
      'productClickRate',
      'refunds',
      'unmatchedRefunds',
      'netRevenue',
      'refundRate',
      'regularViewers',
      'regularShare',
      'recaps',
      'recapCoverage',
      'recapLift',
      'engagedNonBuyers',
      'passiveNonBuyers',
      'laterConversionEngaged',
      'laterConversionPassive',
      'engagementLift',
      'laterRevenue',
    ]);
    expect(implementedKpis('community')).toEqual(['regulars']);
  });

  it('has a scope, one sentence per scope and both labels for every KPI', () => {
    const faults = KPI_NAMES.flatMap((name) => {
      const { scopes, label } = kpi(name);
      const sentences = Object.values(scopes);
      return [
        ...(sentences.length === 0 ? [`${name}: no scope`] : []),
        ...sentences.filter((s) => /\.(\s|$)/.test(s)).map((s) => `${name}: more than one sentence: ${s}`),
        ...(label.en.trim() && label.ja.trim() ? [] : [`${name}: a label is empty`]),
      ];
    });
    expect(faults).toEqual([]);
  });

  it('names and defines every KPI, implemented or planned, in Japanese: a label and one sentence per scope', () => {
    // Kana or kanji: a Japanese string is not an English one copied over. Acronyms (GPM, ROAS) read the same in both.
    const japanese = (text: string): boolean => /[\u3040-\u30ff\u4e00-\u9fff]/.test(text);
    const acronym = (text: string): boolean => /^[A-Z]{2,5}$/.test(text);
    const faults = KPI_NAMES.flatMap((name) => {
      const { label, scopes, scopesJa } = kpi(name);
      const definitions = Object.entries(scopesJa);
      return [
        ...(japanese(label.ja) || (acronym(label.ja) && label.ja === label.en)
          ? []
          : [`${name}: label.ja is not Japanese: "${label.ja}"`]),
        ...(Object.keys(scopesJa).sort().join() === Object.keys(scopes).sort().join()
          ? []
          : [
              `${name}: scopesJa has ${Object.keys(scopesJa).join(', ')}, scopes has ${Object.keys(scopes).join(', ')}`,
            ]),
        ...definitions
          .filter(([, text]) => !japanese(text ?? '') || /。./.test(text ?? ''))
          .map(([scope, text]) => `${name}.${scope}: not one Japanese sentence: "${text}"`),
      ];
    });
    expect(faults).toEqual([]);
  });

  it('ties every planned KPI to the issue that implements it', () => {
    const planned = Object.fromEntries(
      KPI_NAMES.flatMap((name) => {
        const declaration = kpi(name);
        return declaration.status === 'planned' ? [[name, declaration.issue]] : [];
      }),
    );
    // issues 8 (merchandise), 9 (recaps), 13 (later purchases) and 14 (host cost) are implemented:
    // no KPI is planned any more (a new one named by METRICS.md ahead of its issue would be listed here)
    expect(planned).toEqual({});
  });

  it("serves issue 14's cost KPIs and engagementVsExpected apart from the metrics objects, on their own types", () => {
    const apart = Object.fromEntries(
      KPI_NAMES.flatMap((name) => {
        const declaration = kpi(name);
        return declaration.status === 'implementedApart' ? [[name, declaration.servedOn]] : [];
      }),
    );
    const costs = { session: 'HostCostFigures', period: 'HostCostFigures' };
    expect(apart).toEqual({
      hostCost: costs,
      roas: costs,
      costPerEngagedViewer: costs,
      costPerOrder: costs,
      engagementVsExpected: { session: 'Session', period: 'CommercerRow' },
    });
  });
});
