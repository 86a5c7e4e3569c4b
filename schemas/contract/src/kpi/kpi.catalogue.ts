/**
 * Every KPI of ../shared/METRICS.md, declared once: its name, unit, labels and, per scope it is
 * defined at, one sentence of METRICS.md. The API's GraphQL fields (type and description), the
 * dashboard's cards (format, definition, label) and the i18n `kpi_*` keys are derived from here;
 * the API adds only how it computes each implemented KPI.
 */

/** How a KPI's value reads, which decides its GraphQL type and its format on the dashboard. */
export type KpiUnit =
  /** A whole number of things or people. */
  | 'count'
  /** A mean of counts, such as viewers watching per minute. */
  | 'decimal'
  /** A fraction 0–1 (shown as a percentage), or a difference of such fractions. */
  | 'ratio'
  /** One amount over another of the same kind, such as 1.8 (shown as ×). */
  | 'multiple'
  | 'seconds'
  /** An amount in the currency's major unit; never summed across currencies. */
  | 'currency'
  | 'perMinute';

/**
 * Where a KPI is defined: one session, several sessions (a brand, a commercer or a day over a
 * period), the community view of a period, or a row of a session's products, pin segments or
 * traffic sources.
 */
export type KpiScope = 'session' | 'period' | 'community' | 'product' | 'pinSegment' | 'trafficSource';

export interface KpiLabel {
  readonly en: string;
  readonly ja: string;
}

/**
 * The issue that will implement a planned KPI: 8 merchandise (follows, shares, refunds, products,
 * regulars, traffic sources), 9 live console (recaps), 13 "does engagement pay later?",
 * 14 professional vs in-house.
 */
export type KpiIssue = 8 | 9 | 13 | 14;

interface KpiDeclarationBase {
  readonly unit: KpiUnit;
  readonly label: KpiLabel;
  /** The scopes the KPI is defined at, each with one sentence of METRICS.md. */
  readonly scopes: { readonly [S in KpiScope]?: string };
}

export type KpiDeclaration = KpiDeclarationBase &
  (
    | { readonly status: 'implemented' }
    /** Named by METRICS.md ahead of its implementation; the API must not serve it yet. */
    | { readonly status: 'planned'; readonly issue: KpiIssue }
  );

/**
 * In METRICS.md's order. The views that METRICS.md describes without naming a KPI of their own
 * (minute series, retention, funnel, moments, cohorts, the peer benchmark, the live console's
 * panels and alerts) are built from these and are not declared here.
 */
export const KPI_CATALOGUE = {
  // ## Session KPIs
  uniqueViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Unique viewers', ja: 'ユニーク視聴者' },
    scopes: {
      session: 'Distinct viewerId with any event in the session',
      period: 'Distinct viewers across all the sessions',
    },
  },
  peakConcurrentViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Peak concurrent viewers', ja: '最大同時視聴者数' },
    scopes: {
      session: "Max over the session's minutes of the viewers watching",
      period: "Max of the sessions' peaks",
    },
  },
  avgConcurrentViewers: {
    status: 'implemented',
    unit: 'decimal',
    label: { en: 'Avg concurrent viewers', ja: '平均同時視聴者数' },
    scopes: { session: "Mean over the session's minutes of the viewers watching" },
  },
  totalWatchSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Total watch time', ja: '総視聴時間' },
    scopes: {
      session: "Σ dwell.seconds, each viewer's sum capped at the session duration",
      period: 'Σ totalWatchSeconds of each session',
    },
  },
  avgWatchSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Avg watch time', ja: '平均視聴時間' },
    scopes: { session: 'totalWatchSeconds / uniqueViewers', period: 'Σ totalWatchSeconds / views' },
  },
  comments: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Comments', ja: 'コメント' },
    scopes: { session: 'Viewer-authored comments', period: 'Σ comments of each session' },
  },
  commenters: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Commenters', ja: 'コメントした視聴者' },
    scopes: { session: 'Distinct viewers who commented', period: 'Σ commenters of each session' },
  },
  chatRate: {
    status: 'implemented',
    unit: 'perMinute',
    label: { en: 'Chat rate', ja: 'コメント率' },
    scopes: { session: 'Comments per minute of session duration', period: 'Σ comments / Σ session minutes' },
  },
  likes: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Likes', ja: 'いいね' },
    scopes: { session: 'Σ like.count', period: 'Σ likes of each session' },
  },
  likers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Likers', ja: 'いいねした視聴者' },
    scopes: { session: 'Distinct viewers who liked', period: 'Σ likers of each session' },
  },
  engagedViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Engaged viewers', ja: 'エンゲージした視聴者' },
    scopes: {
      session: 'Distinct viewers with ≥ 1 comment, like, cart add or purchase',
      period: 'Σ engagedViewers of each session',
    },
  },
  engagementRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Engagement rate', ja: 'エンゲージメント率' },
    scopes: { session: 'engagedViewers / uniqueViewers', period: 'Σ engagedViewers / views' },
  },
  cartAdds: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Cart adds', ja: 'カート追加' },
    scopes: { session: 'cart_add events', period: 'Σ cartAdds of each session' },
  },
  cartAdders: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Cart adders', ja: 'カート追加した視聴者' },
    scopes: { session: 'Distinct viewers who added to cart', period: 'Σ cartAdders of each session' },
  },
  orders: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Orders', ja: '注文数' },
    scopes: { session: 'Distinct orderId', period: 'Σ orders of each session' },
  },
  buyers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Buyers', ja: '購入者' },
    scopes: { session: 'Distinct viewers who purchased', period: 'Σ buyers of each session' },
  },
  revenue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Revenue', ja: '売上' },
    scopes: {
      session: 'Σ over purchase items of quantity × unitPrice (GMV, session currency)',
      period: 'Σ revenue of each session; null when currencies are mixed (see revenueByCurrency)',
    },
  },
  conversionRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Conversion rate', ja: 'コンバージョン率' },
    scopes: { session: 'buyers / uniqueViewers', period: 'Σ buyers / views' },
  },
  cartConversionRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Cart conversion rate', ja: 'カート購入率' },
    scopes: {
      session: 'Viewers who both added and bought / cartAdders',
      period: 'Σ viewers who both added and bought / Σ cartAdders',
    },
  },
  averageOrderValue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Average order value', ja: '平均注文額' },
    scopes: { session: 'revenue / orders', period: 'revenue / orders' },
  },
  revenuePerViewer: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Revenue per viewer', ja: '視聴者あたり売上' },
    scopes: { session: 'revenue / uniqueViewers', period: 'revenue / views' },
  },
  gpm: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'GPM', ja: 'GPM' },
    scopes: { session: 'revenue / uniqueViewers × 1000', period: 'revenue / views × 1000' },
  },
  returningViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Returning viewers', ja: 'リピート視聴者' },
    scopes: {
      session: 'Viewers of this session seen in an earlier session (by start) of the same brand',
      period: 'Σ returningViewers of each session',
    },
  },
  newViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'New viewers', ja: '新規視聴者' },
    scopes: { session: 'uniqueViewers − returningViewers', period: 'views − returningViewers' },
  },
  lateJoiners: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Late joiners', ja: '途中参加者' },
    scopes: {
      session: 'Viewers whose first event is > 10 min after session start',
      period: 'Σ lateJoiners of each session',
    },
  },
  commentResponseRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Comment response rate', ja: 'コメント返信率' },
    scopes: {
      session: 'Viewer comments answered by a host comment whose replyTo names them within 120 s / comments',
      period: 'Σ answered comments / Σ comments',
    },
  },
  medianResponseSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Median response time', ja: '返信時間の中央値' },
    scopes: { session: 'Median delay of the host answers counted by commentResponseRate' },
  },
  follows: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Follows', ja: 'フォロー数' },
    scopes: { session: 'Distinct viewers with a follow', period: 'Σ follows of each session' },
  },
  followRate: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Follow rate', ja: 'フォロー率' },
    scopes: { session: 'follows / uniqueViewers', period: 'Σ follows / Σ uniqueViewers' },
  },
  shares: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Shares', ja: 'シェア数' },
    scopes: { session: 'share events', period: 'Σ shares of each session' },
  },
  sharers: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Sharers', ja: 'シェアした視聴者' },
    scopes: { session: 'Distinct viewers who shared' },
  },
  productClickers: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Product clickers', ja: '商品をクリックした視聴者' },
    scopes: { session: 'Distinct viewers with a product_click' },
  },
  productClickRate: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Product click rate', ja: '商品クリック率' },
    scopes: { session: 'productClickers / uniqueViewers' },
  },
  refunds: {
    status: 'planned',
    issue: 8,
    unit: 'currency',
    label: { en: 'Refunds', ja: '返金額' },
    scopes: {
      session:
        "Σ refund.amount, each order's refunds capped at that order's amount; refunds whose order is unknown in the session are not counted",
      period: 'Σ refunds of each session',
    },
  },
  unmatchedRefunds: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Unmatched refunds', ja: '照合できない返金' },
    scopes: { session: 'Refunds whose order is unknown in the session' },
  },
  netRevenue: {
    status: 'planned',
    issue: 8,
    unit: 'currency',
    label: { en: 'Net revenue', ja: '純売上' },
    scopes: { session: 'revenue − refunds', period: 'Σ revenue − Σ refunds' },
  },
  refundRate: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Refund rate', ja: '返金率' },
    scopes: { session: 'refunds / revenue', period: 'Σ refunds / Σ revenue' },
  },
  regularViewers: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Regular viewers', ja: '常連視聴者' },
    scopes: {
      session:
        "Viewers of this session who watched ≥ 3 of the brand's sessions that started in the 28 days before this one",
    },
  },
  regularShare: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Regular share', ja: '常連視聴者の割合' },
    scopes: { session: 'regularViewers / uniqueViewers' },
  },
  recaps: {
    status: 'planned',
    issue: 9,
    unit: 'count',
    label: { en: 'Recaps', ja: 'おさらい回数' },
    scopes: { session: 'recap events' },
  },
  recapCoverage: {
    status: 'planned',
    issue: 9,
    unit: 'ratio',
    label: { en: 'Recap coverage', ja: 'おさらい到達率' },
    scopes: { session: 'Share of lateJoiners who saw a recap within 300 s after their first event, still watching' },
  },
  recapLift: {
    status: 'planned',
    issue: 9,
    unit: 'multiple',
    label: { en: 'Recap lift', ja: 'おさらい効果' },
    scopes: {
      session:
        'Avg watch seconds of covered late joiners / avg watch seconds of uncovered late joiners (null when either group is empty)',
    },
  },

  // ## Series and breakdowns: the columns of products, pin segments and traffic sources that are not session KPIs
  pins: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Pins', ja: 'ピン留め回数' },
    scopes: { product: 'product_pin events of the product' },
  },
  pinnedSeconds: {
    status: 'planned',
    issue: 8,
    unit: 'seconds',
    label: { en: 'Pinned time', ja: 'ピン留め時間' },
    scopes: { product: 'Seconds the product stayed pinned' },
  },
  impressed: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Impressed viewers', ja: '商品を表示した視聴者' },
    scopes: { product: 'Distinct viewers with an impression of the product' },
  },
  clickers: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Clickers', ja: 'クリックした視聴者' },
    scopes: { product: 'Distinct viewers who clicked the product' },
  },
  clickRate: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Click rate', ja: 'クリック率' },
    scopes: { product: 'clickers / impressed' },
  },
  units: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Units', ja: '販売点数' },
    scopes: {
      product: "Σ quantity of the product's purchase items",
      pinSegment: 'Σ quantity of the pinned product bought in [start, end + 120 s)',
    },
  },
  orderRate: {
    status: 'planned',
    issue: 8,
    unit: 'ratio',
    label: { en: 'Order rate', ja: '購入率' },
    scopes: { product: 'buyers / clickers' },
  },
  watchingAtStart: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Watching at start', ja: '開始時の視聴者' },
    scopes: { pinSegment: 'Viewers watching in the minute holding the segment start' },
  },
  watchingAtEnd: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Watching at end', ja: '終了時の視聴者' },
    scopes: { pinSegment: 'Viewers watching at the last instant before the segment end' },
  },
  commentsPerMinute: {
    status: 'planned',
    issue: 8,
    unit: 'perMinute',
    label: { en: 'Comments per minute', ja: '1分あたりコメント' },
    scopes: { pinSegment: 'Viewer comments per minute in [start, end)' },
  },
  clicks: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Clicks', ja: 'クリック数' },
    scopes: { pinSegment: 'Clicks of the pinned product in [start, end)' },
  },
  segmentGpm: {
    status: 'planned',
    issue: 8,
    unit: 'currency',
    label: { en: 'Segment GPM', ja: '区間GPM' },
    scopes: { pinSegment: 'revenue / viewers with any non-leave event in [start, end) × 1000' },
  },
  viewers: {
    status: 'planned',
    issue: 8,
    unit: 'count',
    label: { en: 'Viewers', ja: '視聴者' },
    scopes: {
      trafficSource: "Viewers whose first join in the session came from this source ('unknown' without a join)",
    },
  },

  // ## Over several sessions (commercer, brand, period)
  sessions: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Sessions', ja: '配信数' },
    scopes: { period: 'Sessions that started in the period' },
  },
  views: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Views', ja: '視聴数' },
    scopes: { period: "Σ of each session's uniqueViewers" },
  },
  returningRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Returning rate', ja: 'リピート率' },
    scopes: { period: 'Σ returningViewers / Σ uniqueViewers' },
  },
  regulars: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Regulars', ja: '常連' },
    scopes: { community: "Viewers who watched ≥ 3 of the scope's sessions in the period" },
  },

  // ## Professional vs in-house, cost and audience size
  hostCost: {
    status: 'planned',
    issue: 14,
    unit: 'currency',
    label: { en: 'Host cost', ja: '配信者コスト' },
    scopes: {
      session: "The session's cost, else its share (by duration) of the commercer's fee for the month",
      period: 'Σ hostCost of each session',
    },
  },
  roas: {
    status: 'planned',
    issue: 14,
    unit: 'multiple',
    label: { en: 'ROAS', ja: 'ROAS' },
    scopes: { session: 'revenue / hostCost', period: 'Σ revenue / Σ hostCost' },
  },
  costPerEngagedViewer: {
    status: 'planned',
    issue: 14,
    unit: 'currency',
    label: { en: 'Cost per engaged viewer', ja: 'エンゲージ視聴者あたりコスト' },
    scopes: { session: 'hostCost / engagedViewers', period: 'Σ hostCost / Σ engagedViewers' },
  },
  costPerOrder: {
    status: 'planned',
    issue: 14,
    unit: 'currency',
    label: { en: 'Cost per order', ja: '注文あたりコスト' },
    scopes: { session: 'hostCost / orders', period: 'Σ hostCost / Σ orders' },
  },
  engagementVsExpected: {
    status: 'planned',
    issue: 14,
    unit: 'ratio',
    label: { en: 'Engagement vs expected', ja: '規模補正エンゲージメント' },
    scopes: {
      session:
        "engagementRate minus the value at this session's size of the line a + b · ln(uniqueViewers) fitted to the brand's last 90 days",
      period: "Mean over the commercer's sessions in the period (null with fewer than 10 sessions in the fit)",
    },
  },

  // ## Does engagement pay later?
  engagedNonBuyers: {
    status: 'planned',
    issue: 13,
    unit: 'count',
    label: { en: 'Engaged non-buyers', ja: '購入しなかったエンゲージ視聴者' },
    scopes: {
      session: 'Viewers who did not buy in the session but were engaged in it',
      period: 'Σ engagedNonBuyers of each session',
    },
  },
  passiveNonBuyers: {
    status: 'planned',
    issue: 13,
    unit: 'count',
    label: { en: 'Passive non-buyers', ja: '購入しなかった非エンゲージ視聴者' },
    scopes: {
      session: 'Viewers who did not buy in the session and were not engaged in it',
      period: 'Σ passiveNonBuyers of each session',
    },
  },
  laterConversionEngaged: {
    status: 'planned',
    issue: 13,
    unit: 'ratio',
    label: { en: 'Later conversion (engaged)', ja: '後日購入率(エンゲージ)' },
    scopes: {
      session:
        'Engaged non-buyers who bought in a later session of the brand that started within 28 days / engagedNonBuyers',
      period: 'Σ later buyers among engaged non-buyers / Σ engagedNonBuyers',
    },
  },
  laterConversionPassive: {
    status: 'planned',
    issue: 13,
    unit: 'ratio',
    label: { en: 'Later conversion (passive)', ja: '後日購入率(非エンゲージ)' },
    scopes: {
      session:
        'Passive non-buyers who bought in a later session of the brand that started within 28 days / passiveNonBuyers',
      period: 'Σ later buyers among passive non-buyers / Σ passiveNonBuyers',
    },
  },
  engagementLift: {
    status: 'planned',
    issue: 13,
    unit: 'multiple',
    label: { en: 'Engagement lift', ja: 'エンゲージメントの後日効果' },
    scopes: {
      session: 'laterConversionEngaged / laterConversionPassive',
      period: 'laterConversionEngaged / laterConversionPassive of the period',
    },
  },
  laterRevenue: {
    status: 'planned',
    issue: 13,
    unit: 'currency',
    label: { en: 'Later revenue', ja: '後日売上' },
    scopes: {
      session: "Revenue of the non-buyers' purchases in later sessions of the brand that started within 28 days",
      period: 'Σ laterRevenue of each session',
    },
  },
} as const satisfies Record<string, KpiDeclaration>;

export type KpiName = keyof typeof KPI_CATALOGUE;

type Catalogue = typeof KPI_CATALOGUE;

/** The KPIs the API serves at a scope. */
export type ImplementedKpiName<S extends KpiScope> = {
  [K in KpiName]: Catalogue[K] extends {
    readonly status: 'implemented';
    readonly scopes: { readonly [P in S]: string };
  }
    ? K
    : never;
}[KpiName];

/** The fields of the API's `SessionMetrics`. */
export type SessionKpiName = ImplementedKpiName<'session'>;
/** The fields of the API's `PeriodMetrics`. */
export type PeriodKpiName = ImplementedKpiName<'period'>;

export const KPI_NAMES = Object.keys(KPI_CATALOGUE) as readonly KpiName[];

export function kpi(name: KpiName): KpiDeclaration {
  return KPI_CATALOGUE[name];
}

/** The implemented KPIs of a scope, in catalogue order (METRICS.md's). */
export function implementedKpis<S extends KpiScope>(scope: S): readonly ImplementedKpiName<S>[] {
  return KPI_NAMES.filter((name) => {
    const declaration = kpi(name);
    return declaration.status === 'implemented' && declaration.scopes[scope] !== undefined;
  }) as ImplementedKpiName<S>[];
}

/** The session KPI names of METRICS.md, in its order: exactly the fields of the API's `SessionMetrics`. */
export const SESSION_KPI_NAMES: readonly SessionKpiName[] = implementedKpis('session');
