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
  /**
   * The same definitions for the Japanese dashboard, one per scope of `scopes`: plain Japanese for a
   * marketer, where METRICS.md's sentence names fields and events.
   */
  readonly scopesJa: { readonly [S in KpiScope]?: string };
}

export type KpiDeclaration = KpiDeclarationBase &
  (
    | { readonly status: 'implemented' }
    /**
     * Served, but not among `SessionMetrics` / `PeriodMetrics`: on the GraphQL type named per scope
     * (issue 14's costs, which are never added across currencies, sit in their own `HostCostFigures`).
     */
    | { readonly status: 'implementedApart'; readonly servedOn: { readonly [S in KpiScope]?: string } }
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
    scopesJa: {
      session: '配信中に何らかの操作・視聴イベントがあった視聴者の数(重複なし)',
      period: '期間中の全配信を通した視聴者の数(重複なし)',
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
    scopesJa: {
      session: '配信中の各分の視聴者数のうち最も多かった値',
      period: '各配信の最大同時視聴者数のうち最大の値',
    },
  },
  avgConcurrentViewers: {
    status: 'implemented',
    unit: 'decimal',
    label: { en: 'Avg concurrent viewers', ja: '平均同時視聴者数' },
    scopes: { session: "Mean over the session's minutes of the viewers watching" },
    scopesJa: { session: '配信中の各分の視聴者数の平均' },
  },
  totalWatchSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Total watch time', ja: '総視聴時間' },
    scopes: {
      session: "Σ dwell.seconds, each viewer's sum capped at the session duration",
      period: 'Σ totalWatchSeconds of each session',
    },
    scopesJa: { session: '各視聴者の視聴秒数の合計(1人あたり配信時間が上限)', period: '各配信の総視聴時間の合計' },
  },
  avgWatchSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Avg watch time', ja: '平均視聴時間' },
    scopes: { session: 'totalWatchSeconds / uniqueViewers', period: 'Σ totalWatchSeconds / views' },
    scopesJa: { session: '総視聴時間 ÷ ユニーク視聴者', period: '総視聴時間の合計 ÷ 視聴数' },
  },
  comments: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Comments', ja: 'コメント数' },
    scopes: { session: 'Viewer-authored comments', period: 'Σ comments of each session' },
    scopesJa: {
      session: '視聴者が投稿したコメントの数(配信者のコメントは含まない)',
      period: '各配信のコメント数の合計',
    },
  },
  commenters: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Commenters', ja: 'コメントした視聴者' },
    scopes: { session: 'Distinct viewers who commented', period: 'Σ commenters of each session' },
    scopesJa: { session: 'コメントした視聴者の数(重複なし)', period: '各配信のコメントした視聴者数の合計' },
  },
  chatRate: {
    status: 'implemented',
    unit: 'perMinute',
    label: { en: 'Chat rate', ja: 'コメント頻度' },
    scopes: { session: 'Comments per minute of session duration', period: 'Σ comments / Σ session minutes' },
    scopesJa: { session: '配信時間1分あたりのコメント数', period: 'コメント数の合計 ÷ 配信時間(分)の合計' },
  },
  likes: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Likes', ja: 'いいね数' },
    scopes: { session: 'Σ like.count', period: 'Σ likes of each session' },
    scopesJa: { session: 'いいねのタップ数の合計', period: '各配信のいいね数の合計' },
  },
  likers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Likers', ja: 'いいねした視聴者' },
    scopes: { session: 'Distinct viewers who liked', period: 'Σ likers of each session' },
    scopesJa: { session: 'いいねした視聴者の数(重複なし)', period: '各配信のいいねした視聴者数の合計' },
  },
  engagedViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Engaged viewers', ja: 'エンゲージした視聴者' },
    scopes: {
      session: 'Distinct viewers with ≥ 1 comment, like, cart add or purchase',
      period: 'Σ engagedViewers of each session',
    },
    scopesJa: {
      session: 'コメント・いいね・カート追加・購入のいずれかを1回以上した視聴者の数',
      period: '各配信のエンゲージした視聴者数の合計',
    },
  },
  engagementRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Engagement rate', ja: 'エンゲージメント率' },
    scopes: { session: 'engagedViewers / uniqueViewers', period: 'Σ engagedViewers / views' },
    scopesJa: { session: 'エンゲージした視聴者 ÷ ユニーク視聴者', period: 'エンゲージした視聴者の合計 ÷ 視聴数' },
  },
  cartAdds: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Cart adds', ja: 'カート追加数' },
    scopes: { session: 'cart_add events', period: 'Σ cartAdds of each session' },
    scopesJa: { session: 'カートに追加された回数', period: '各配信のカート追加数の合計' },
  },
  cartAdders: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Cart adders', ja: 'カート追加した視聴者' },
    scopes: { session: 'Distinct viewers who added to cart', period: 'Σ cartAdders of each session' },
    scopesJa: { session: 'カートに追加した視聴者の数(重複なし)', period: '各配信のカート追加した視聴者数の合計' },
  },
  orders: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Orders', ja: '注文数' },
    scopes: { session: 'Distinct orderId', period: 'Σ orders of each session' },
    scopesJa: { session: '注文の数(同じ注文IDは1件)', period: '各配信の注文数の合計' },
  },
  buyers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Buyers', ja: '購入者' },
    scopes: { session: 'Distinct viewers who purchased', period: 'Σ buyers of each session' },
    scopesJa: { session: '購入した視聴者の数(重複なし)', period: '各配信の購入者数の合計' },
  },
  revenue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Revenue', ja: '売上' },
    scopes: {
      session: 'Σ over purchase items of quantity × unitPrice (GMV, session currency)',
      period: 'Σ revenue of each session; null when currencies are mixed (see revenueByCurrency)',
    },
    scopesJa: {
      session: '購入された商品の数量 × 単価の合計(GMV、配信の通貨)',
      period: '各配信の売上の合計(通貨が混在するときは空欄、通貨別の内訳を参照)',
    },
  },
  conversionRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Conversion rate', ja: 'コンバージョン率' },
    scopes: { session: 'buyers / uniqueViewers', period: 'Σ buyers / views' },
    scopesJa: { session: '購入者 ÷ ユニーク視聴者', period: '購入者の合計 ÷ 視聴数' },
  },
  cartConversionRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Cart conversion rate', ja: 'カート購入率' },
    scopes: {
      session: 'Viewers who both added and bought / cartAdders',
      period: 'Σ viewers who both added and bought / Σ cartAdders',
    },
    scopesJa: {
      session: 'カート追加と購入の両方をした視聴者 ÷ カート追加した視聴者',
      period: 'カート追加と購入の両方をした視聴者の合計 ÷ カート追加した視聴者の合計',
    },
  },
  averageOrderValue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Average order value', ja: '平均注文額' },
    scopes: { session: 'revenue / orders', period: 'revenue / orders' },
    scopesJa: { session: '売上 ÷ 注文数', period: '売上 ÷ 注文数' },
  },
  revenuePerViewer: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Revenue per viewer', ja: '視聴者あたり売上' },
    scopes: { session: 'revenue / uniqueViewers', period: 'revenue / views' },
    scopesJa: { session: '売上 ÷ ユニーク視聴者', period: '売上 ÷ 視聴数' },
  },
  gpm: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'GPM', ja: 'GPM' },
    scopes: { session: 'revenue / uniqueViewers × 1000', period: 'revenue / views × 1000' },
    scopesJa: { session: '売上 ÷ ユニーク視聴者 × 1000(視聴者1,000人あたりの売上)', period: '売上 ÷ 視聴数 × 1000' },
  },
  returningViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Returning viewers', ja: 'リピート視聴者' },
    scopes: {
      session: 'Viewers of this session seen in an earlier session (by start) of the same brand',
      period: 'Σ returningViewers of each session',
    },
    scopesJa: {
      session: '同じブランドのそれ以前の配信(開始順)でも視聴していた視聴者',
      period: '各配信のリピート視聴者数の合計',
    },
  },
  newViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'New viewers', ja: '新規視聴者' },
    scopes: { session: 'uniqueViewers − returningViewers', period: 'views − returningViewers' },
    scopesJa: { session: 'ユニーク視聴者 − リピート視聴者', period: '視聴数 − リピート視聴者' },
  },
  lateJoiners: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Late joiners', ja: '途中参加者' },
    scopes: {
      session: 'Viewers whose first event is > 10 min after session start',
      period: 'Σ lateJoiners of each session',
    },
    scopesJa: { session: '最初のイベントが配信開始から10分より後だった視聴者', period: '各配信の途中参加者数の合計' },
  },
  commentResponseRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Comment response rate', ja: 'コメント返信率' },
    scopes: {
      session: 'Viewer comments answered by a host comment whose replyTo names them within 120 s / comments',
      period: 'Σ answered comments / Σ comments',
    },
    scopesJa: {
      session: '配信者が120秒以内に返信した視聴者コメント ÷ コメント数',
      period: '返信されたコメントの合計 ÷ コメント数の合計',
    },
  },
  medianResponseSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Median response time', ja: '返信時間の中央値' },
    scopes: { session: 'Median delay of the host answers counted by commentResponseRate' },
    scopesJa: { session: 'コメント返信率で数えた返信について、コメントから返信までの時間の中央値' },
  },
  follows: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Follows', ja: 'フォロー数' },
    scopes: { session: 'Distinct viewers with a follow', period: 'Σ follows of each session' },
    scopesJa: { session: 'フォローした視聴者の数(重複なし)', period: '各配信のフォロー数の合計' },
  },
  followRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Follow rate', ja: 'フォロー率' },
    scopes: { session: 'follows / uniqueViewers', period: 'Σ follows / Σ uniqueViewers' },
    scopesJa: { session: 'フォロー数 ÷ ユニーク視聴者', period: 'フォロー数の合計 ÷ ユニーク視聴者の合計' },
  },
  shares: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Shares', ja: 'シェア数' },
    scopes: { session: 'share events', period: 'Σ shares of each session' },
    scopesJa: { session: 'シェアされた回数', period: '各配信のシェア数の合計' },
  },
  sharers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Sharers', ja: 'シェアした視聴者' },
    scopes: { session: 'Distinct viewers who shared' },
    scopesJa: { session: 'シェアした視聴者の数(重複なし)' },
  },
  productClickers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Product clickers', ja: '商品をクリックした視聴者' },
    scopes: { session: 'Distinct viewers with a product_click' },
    scopesJa: { session: '商品カードを開いた視聴者の数(重複なし)' },
  },
  productClickRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Product click rate', ja: '商品クリック率' },
    scopes: { session: 'productClickers / uniqueViewers' },
    scopesJa: { session: '商品をクリックした視聴者 ÷ ユニーク視聴者' },
  },
  refunds: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Refunds', ja: '返金額' },
    scopes: {
      session:
        "Σ refund.amount, each order's refunds capped at that order's amount; refunds whose order is unknown in the session are not counted",
      period: 'Σ refunds of each session',
    },
    scopesJa: {
      session: '返金額の合計(注文ごとにその注文額が上限、配信内に該当注文がない返金は含めない)',
      period: '各配信の返金額の合計',
    },
  },
  unmatchedRefunds: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Unmatched refunds', ja: '照合できない返金' },
    scopes: { session: 'Refunds whose order is unknown in the session' },
    scopesJa: { session: '配信内に該当する注文が見つからない返金の件数' },
  },
  netRevenue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Net revenue', ja: '純売上' },
    scopes: { session: 'revenue − refunds', period: 'Σ revenue − Σ refunds' },
    scopesJa: { session: '売上 − 返金額', period: '売上の合計 − 返金額の合計' },
  },
  refundRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Refund rate', ja: '返金率' },
    scopes: { session: 'refunds / revenue', period: 'Σ refunds / Σ revenue' },
    scopesJa: { session: '返金額 ÷ 売上', period: '返金額の合計 ÷ 売上の合計' },
  },
  regularViewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Regular viewers', ja: '常連視聴者' },
    scopes: {
      session:
        "Viewers of this session who watched ≥ 3 of the brand's sessions that started in the 28 days before this one",
    },
    scopesJa: { session: 'この配信の前28日間に始まった同じブランドの配信を3回以上視聴していた視聴者' },
  },
  regularShare: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Regular share', ja: '常連視聴者の割合' },
    scopes: { session: 'regularViewers / uniqueViewers' },
    scopesJa: { session: '常連視聴者 ÷ ユニーク視聴者' },
  },
  recaps: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Recaps', ja: 'おさらい回数' },
    scopes: { session: 'recap events', period: 'Σ recaps of each session' },
    scopesJa: { session: '配信者が途中参加者向けにおさらいをした回数', period: '各配信のおさらい回数の合計' },
  },
  recapCoverage: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Recap coverage', ja: 'おさらい到達率' },
    scopes: {
      session: 'Share of lateJoiners who saw a recap within 300 s after their first event, still watching',
      period: 'Σ covered late joiners / Σ lateJoiners',
    },
    scopesJa: {
      session: '最初のイベントから300秒以内に、視聴を続けたままおさらいを見られた途中参加者の割合',
      period: 'おさらいを見られた途中参加者の合計 ÷ 途中参加者の合計',
    },
  },
  recapLift: {
    status: 'implemented',
    unit: 'multiple',
    label: { en: 'Recap lift', ja: 'おさらい効果' },
    scopes: {
      session:
        'Avg watch seconds of covered late joiners / avg watch seconds of uncovered late joiners (null when either group is empty)',
      period: 'The same over all late joiners of the sessions: ratio of the two groups’ summed averages',
    },
    scopesJa: {
      session: 'おさらいを見た途中参加者の平均視聴時間 ÷ 見なかった途中参加者の平均視聴時間(どちらかが0人のときは空欄)',
      period: '全配信の途中参加者について、おさらいを見た人と見なかった人の平均視聴時間の比',
    },
  },

  // ## Series and breakdowns: the columns of products, pin segments and traffic sources that are not session KPIs
  pins: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Pins', ja: 'ピン留め回数' },
    scopes: { product: 'product_pin events of the product' },
    scopesJa: { product: 'その商品がピン留め(紹介)された回数' },
  },
  pinnedSeconds: {
    status: 'implemented',
    unit: 'seconds',
    label: { en: 'Pinned time', ja: 'ピン留め時間' },
    scopes: { product: 'Seconds the product stayed pinned' },
    scopesJa: { product: 'その商品がピン留めされていた秒数' },
  },
  impressed: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Impressed viewers', ja: '商品を表示した視聴者' },
    scopes: { product: 'Distinct viewers with an impression of the product' },
    scopesJa: { product: 'その商品カードが表示された視聴者の数(重複なし)' },
  },
  clickers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Clickers', ja: 'クリックした視聴者' },
    scopes: { product: 'Distinct viewers who clicked the product' },
    scopesJa: { product: 'その商品をクリックした視聴者の数(重複なし)' },
  },
  clickRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Click rate', ja: 'クリック率' },
    scopes: { product: 'clickers / impressed' },
    scopesJa: { product: 'クリックした視聴者 ÷ 商品が表示された視聴者' },
  },
  units: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Units', ja: '販売点数' },
    scopes: {
      product: "Σ quantity of the product's purchase items",
      pinSegment: 'Σ quantity of the pinned product bought in [start, end + 120 s)',
    },
    scopesJa: {
      product: 'その商品の購入数量の合計',
      pinSegment: '区間の開始から終了の120秒後までに購入されたピン留め商品の数量の合計',
    },
  },
  orderRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Order rate', ja: '購入率' },
    scopes: { product: 'buyers / clickers' },
    scopesJa: { product: '購入者 ÷ クリックした視聴者' },
  },
  watchingAtStart: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Watching at start', ja: '開始時の視聴者' },
    scopes: { pinSegment: 'Viewers watching in the minute holding the segment start' },
    scopesJa: { pinSegment: '区間の開始時刻を含む1分間の視聴者数' },
  },
  watchingAtEnd: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Watching at end', ja: '終了時の視聴者' },
    scopes: { pinSegment: 'Viewers watching at the last instant before the segment end' },
    scopesJa: { pinSegment: '区間が終わる直前の視聴者数' },
  },
  commentsPerMinute: {
    status: 'implemented',
    unit: 'perMinute',
    label: { en: 'Comments per minute', ja: '1分あたりコメント' },
    scopes: { pinSegment: 'Viewer comments per minute in [start, end)' },
    scopesJa: { pinSegment: '区間中の1分あたりの視聴者コメント数' },
  },
  clicks: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Clicks', ja: 'クリック数' },
    scopes: { pinSegment: 'Clicks of the pinned product in [start, end)' },
    scopesJa: { pinSegment: '区間中にピン留め商品がクリックされた回数' },
  },
  segmentGpm: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Segment GPM', ja: '区間GPM' },
    scopes: { pinSegment: 'revenue / viewers with any non-leave event in [start, end) × 1000' },
    scopesJa: { pinSegment: '売上 ÷ 区間中にイベントがあった視聴者 × 1000' },
  },
  viewers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Viewers', ja: '視聴者' },
    scopes: {
      trafficSource: "Viewers whose first join in the session came from this source ('unknown' without a join)",
    },
    scopesJa: { trafficSource: '配信内で最初の参加がこの流入元からだった視聴者(参加イベントがなければ「不明」)' },
  },

  // ## Over several sessions (commercer, brand, period)
  sessions: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Sessions', ja: '配信数' },
    scopes: { period: 'Sessions that started in the period' },
    scopesJa: { period: '期間中に開始した配信の数' },
  },
  views: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Views', ja: '視聴数' },
    scopes: { period: "Σ of each session's uniqueViewers" },
    scopesJa: { period: '各配信のユニーク視聴者数の合計' },
  },
  returningRate: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Returning rate', ja: 'リピート率' },
    scopes: { period: 'Σ returningViewers / Σ uniqueViewers' },
    scopesJa: { period: 'リピート視聴者の合計 ÷ ユニーク視聴者の合計' },
  },
  regulars: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Regulars', ja: '常連' },
    scopes: { community: "Viewers who watched ≥ 3 of the scope's sessions in the period" },
    scopesJa: { community: '期間中に対象の配信を3回以上視聴した視聴者' },
  },

  // ## Professional vs in-house, cost and audience size
  hostCost: {
    status: 'implementedApart',
    servedOn: { session: 'HostCostFigures', period: 'HostCostFigures' },
    unit: 'currency',
    label: { en: 'Host cost', ja: '配信者コスト' },
    scopes: {
      session: "The session's cost, else its share (by duration) of the commercer's fee for the month",
      period: 'Σ hostCost of each session',
    },
    scopesJa: {
      session: '配信ごとのコスト、未設定ならその月のコマーサー報酬を配信時間で按分した額',
      period: '各配信の配信者コストの合計',
    },
  },
  roas: {
    status: 'implementedApart',
    servedOn: { session: 'HostCostFigures', period: 'HostCostFigures' },
    unit: 'multiple',
    label: { en: 'ROAS', ja: 'ROAS' },
    scopes: { session: 'revenue / hostCost', period: 'Σ revenue / Σ hostCost' },
    scopesJa: { session: '売上 ÷ 配信者コスト', period: '売上の合計 ÷ 配信者コストの合計' },
  },
  costPerEngagedViewer: {
    status: 'implementedApart',
    servedOn: { session: 'HostCostFigures', period: 'HostCostFigures' },
    unit: 'currency',
    label: { en: 'Cost per engaged viewer', ja: 'エンゲージ視聴者あたりコスト' },
    scopes: { session: 'hostCost / engagedViewers', period: 'Σ hostCost / Σ engagedViewers' },
    scopesJa: {
      session: '配信者コスト ÷ エンゲージした視聴者',
      period: '配信者コストの合計 ÷ エンゲージした視聴者の合計',
    },
  },
  costPerOrder: {
    status: 'implementedApart',
    servedOn: { session: 'HostCostFigures', period: 'HostCostFigures' },
    unit: 'currency',
    label: { en: 'Cost per order', ja: '注文あたりコスト' },
    scopes: { session: 'hostCost / orders', period: 'Σ hostCost / Σ orders' },
    scopesJa: { session: '配信者コスト ÷ 注文数', period: '配信者コストの合計 ÷ 注文数の合計' },
  },
  engagementVsExpected: {
    status: 'implementedApart',
    // a session's, and a commercer's over a period (kinds have theirs too: KindRow)
    servedOn: { session: 'Session', period: 'CommercerRow' },
    unit: 'ratio',
    label: { en: 'Engagement vs expected', ja: '規模補正エンゲージメント' },
    scopes: {
      session:
        "engagementRate minus the value at this session's size of the line a + b · ln(uniqueViewers) fitted to the brand's last 90 days",
      period: "Mean over the commercer's sessions in the period (null with fewer than 10 sessions in the fit)",
    },
    scopesJa: {
      session:
        'エンゲージメント率と、ブランドの直近90日の配信から求めた直線 a + b · ln(ユニーク視聴者) のこの規模での値との差',
      period: 'コマーサーの期間中の配信の平均(当てはめに使える配信が10本未満なら空欄)',
    },
  },

  // ## Does engagement pay later?
  engagedNonBuyers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Engaged non-buyers', ja: '購入しなかったエンゲージ視聴者' },
    scopes: {
      session: 'Viewers who did not buy in the session but were engaged in it',
      period: 'Σ engagedNonBuyers of each session',
    },
    scopesJa: {
      session: '配信中に購入しなかったが、エンゲージはした視聴者',
      period: '各配信の購入しなかったエンゲージ視聴者数の合計',
    },
  },
  passiveNonBuyers: {
    status: 'implemented',
    unit: 'count',
    label: { en: 'Passive non-buyers', ja: '購入しなかった非エンゲージ視聴者' },
    scopes: {
      session: 'Viewers who did not buy in the session and were not engaged in it',
      period: 'Σ passiveNonBuyers of each session',
    },
    scopesJa: {
      session: '配信中に購入せず、エンゲージもしなかった視聴者',
      period: '各配信の購入しなかった非エンゲージ視聴者数の合計',
    },
  },
  laterConversionEngaged: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Later conversion (engaged)', ja: '後日購入率(エンゲージ)' },
    scopes: {
      session:
        'Engaged non-buyers who bought in a later session of the brand that started within 28 days / engagedNonBuyers',
      period: 'Σ later buyers among engaged non-buyers / Σ engagedNonBuyers',
    },
    scopesJa: {
      session: '購入しなかったエンゲージ視聴者のうち、28日以内に始まった同じブランドの後の配信で購入した人の割合',
      period: '後日購入したエンゲージ視聴者の合計 ÷ 購入しなかったエンゲージ視聴者の合計',
    },
  },
  laterConversionPassive: {
    status: 'implemented',
    unit: 'ratio',
    label: { en: 'Later conversion (passive)', ja: '後日購入率(非エンゲージ)' },
    scopes: {
      session:
        'Passive non-buyers who bought in a later session of the brand that started within 28 days / passiveNonBuyers',
      period: 'Σ later buyers among passive non-buyers / Σ passiveNonBuyers',
    },
    scopesJa: {
      session: '購入しなかった非エンゲージ視聴者のうち、28日以内に始まった同じブランドの後の配信で購入した人の割合',
      period: '後日購入した非エンゲージ視聴者の合計 ÷ 購入しなかった非エンゲージ視聴者の合計',
    },
  },
  engagementLift: {
    status: 'implemented',
    unit: 'multiple',
    label: { en: 'Engagement lift', ja: 'エンゲージメントの後日効果' },
    scopes: {
      session: 'laterConversionEngaged / laterConversionPassive',
      period: 'laterConversionEngaged / laterConversionPassive of the period',
    },
    scopesJa: {
      session: '後日購入率(エンゲージ) ÷ 後日購入率(非エンゲージ)',
      period: '期間全体の後日購入率(エンゲージ) ÷ 後日購入率(非エンゲージ)',
    },
  },
  laterRevenue: {
    status: 'implemented',
    unit: 'currency',
    label: { en: 'Later revenue', ja: '後日売上' },
    scopes: {
      session: "Revenue of the non-buyers' purchases in later sessions of the brand that started within 28 days",
      period: 'Σ laterRevenue of each session',
    },
    scopesJa: {
      session: '購入しなかった視聴者が、28日以内に始まった同じブランドの後の配信で購入した売上',
      period: '各配信の後日売上の合計',
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
