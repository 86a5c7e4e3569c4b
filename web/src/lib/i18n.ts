import { useSyncExternalStore } from 'react';
import { KPI_CATALOGUE, KPI_NAMES, type KpiName } from '@lc/contract/kpi';
import type { Lang } from './format';

/** The KPI labels, `kpi_<name>`, generated from the one KPI catalogue so no label is written twice. */
function kpiLabels(lang: Lang): Record<`kpi_${KpiName}`, string> {
  return Object.fromEntries(KPI_NAMES.map((name) => [`kpi_${name}`, KPI_CATALOGUE[name].label[lang]])) as Record<
    `kpi_${KpiName}`,
    string
  >;
}

/**
 * The UI's words in English and Japanese. English is the reference: the type makes a key missing in
 * Japanese a compile error. `{name}` placeholders are filled by t().
 */
const en = {
  appName: 'Live Commerce Analytics',
  skipToContent: 'Skip to content',
  signOut: 'Sign out',
  signInTitle: 'Sign in',
  signInIntro: 'Paste a read token. It stays in this browser tab only and is sent to the API as a Bearer token.',
  readToken: 'Read token',
  signIn: 'Sign in',
  rejectedTitle: 'The API rejected that read token (UNAUTHENTICATED).',
  rejectedHint:
    'Check that you pasted the whole token and that it has not been revoked. An admin creates one with createApiKey(scope: READ).',
  language: 'Language',
  navOverview: 'Overview',
  navCommercers: 'Commercers',
  navEngagement: 'Engagement vs sales',
  navCommunity: 'Community',
  navReport: 'Report',
  filterBrand: 'Brand',
  filterPeriod: 'Period',
  filterFrom: 'From',
  filterTo: 'To',
  filterZone: 'Time zone',
  filterCompare: 'Compare with previous period',
  preset7d: 'Last 7 days',
  preset28d: 'Last 28 days',
  preset90d: 'Last 90 days',
  presetCustom: 'Custom',
  zoneBrand: '{zone} (brand)',
  zoneBrowser: '{zone} (this browser)',
  ignoredBrand: 'This read token cannot see a brand “{value}”: showing {brand}.',
  ignoredZone: 'The link’s time zone “{value}” is unknown: showing {zone}.',
  ignoredPeriod: 'The link’s period “{value}” is not valid: showing {period}.',
  periodLabel: '{from} – {to} · {zone}',
  previousLabel: 'Previous: {from} – {to}',
  loading: 'Loading…',
  showTable: 'Show as table',
  showChart: 'Show as chart',
  downloadCsv: 'Download CSV',
  downloading: 'Downloading…',
  csvFailed: 'The CSV download failed: {reason}. Check that the server is running and offers {path}, then retry.',
  csvMissing: 'This server does not offer {path} yet (HTTP 404). Update the server to a version with CSV export.',
  retry: 'Retry',
  notFound: 'Page not found',
  goOverview: 'Go to the overview',
  previous: 'prev. {value}',
  vsPrevious: 'vs previous period',
  belowMedian: 'Below the 4-week median ({value})',
  belowMedianShort: 'Below 4-week median',
  medianNote: "Flagged: below the brand's own median of the 4 weeks before this period (weekly values).",
  // KPI labels: kpi_<name>, from the KPI catalogue of @lc/contract
  ...kpiLabels('en'),
  // Overview
  overviewTitle: 'Overview',
  dailyTrend: 'Daily trend',
  dailyTrendHint: 'Views (bars) and revenue (line) per day in {zone}',
  bestSessions: 'Best sessions',
  worstSessions: 'Weakest sessions',
  rankedBy: 'by revenue',
  recentSessions: 'Recent sessions',
  showingOf: 'Showing {shown} of {total}',
  loadMore: 'Load more',
  loadingMore: 'Loading…',
  loadMoreFailed: 'Could not load more sessions: {reason}',
  viewersPerSession: 'Unique viewers per session',
  noSessionsInPeriod: 'No sessions in this period — widen the period or pick another brand.',
  noSessionsYet: 'No sessions yet — post events to /v1/events or run npm start to load demo data',
  colSession: 'Session',
  colBrand: 'Brand',
  colCommercer: 'Commercer',
  colKind: 'Kind',
  colStart: 'Start',
  colDate: 'Date',
  // Session
  allSessions: '← Overview',
  live: 'Live',
  autoRefresh: 'Updating every 2 s',
  started: 'Started {at}',
  ended: 'Ended {at}',
  stillRunning: 'still running',
  sessionNotFound: 'Session not found',
  sessionNotFoundHint: 'The id may be wrong, or the session belongs to a brand this read token cannot see.',
  timeline: 'Minute timeline',
  timelineHint: 'Viewers watching per minute, with comments, likes and orders; ★ marks the top moments',
  watching: 'Watching',
  minute: 'Minute',
  moment: 'Moment',
  annotations: 'Annotations',
  noAnnotations: 'No annotations for this session.',
  annotationKind_NOTE: 'Note',
  annotationKind_PREPARATION: 'Preparation',
  annotationKind_FEATURED_PRODUCT: 'Featured product',
  annotationKind_PROMOTION: 'Promotion',
  addNote: 'Add note',
  noteKind: 'Kind',
  noteMinute: 'Minute from the start',
  noteText: 'Note',
  noteCount: '{count} / {max}',
  notePickHint: 'Tip: click a minute on the timeline to pick it.',
  noteSave: 'Add note',
  noteSaving: 'Saving…',
  noteTextRequired: 'Write the note first (1–{max} characters).',
  noteTextTooLong: 'The note has {count} characters: shorten it to {max} or fewer.',
  noteMinuteRange: 'Choose a whole minute from 0 to {max}.',
  noteMinuteInvalid: 'Choose a whole minute, 0 or more.',
  noteSaveFailed: 'The note was not saved: {reason}',
  noteDelete: 'Delete',
  noteDeleteConfirm: 'Delete this note?',
  noteDeleteYes: 'Yes, delete',
  noteDeleting: 'Deleting…',
  noteDeleteFailed: 'The note was not deleted: {reason}',
  cancel: 'Cancel',
  retention: 'Retention curve',
  retentionHint: 'Share of viewers who watched at least k minutes',
  share: 'Share',
  funnel: 'Funnel',
  funnelViewers: 'Viewers',
  funnelEngaged: 'Engaged',
  funnelCart: 'Added to cart',
  funnelBuyers: 'Buyers',
  ofViewers: '{value} of viewers',
  lateVsEarly: 'Late vs early joiners',
  lateVsEarlyHint: 'Late = first event more than 10 minutes after the start',
  early: 'Early',
  late: 'Late',
  viewers: 'Viewers',
  stamps: 'Stamps',
  stamp: 'Stamp',
  noStamps: 'No likes in this scope, so no stamps to show.',
  commentResponse: 'Comment response',
  responseRate: 'Answered within 120 s',
  noComments: 'No viewer comments, so no response rate.',
  kpiDetails: 'All session KPIs',
  // Commercers
  commercersTitle: 'Commercers',
  kindAll: 'All kinds',
  professional: 'Professional',
  in_house: 'In-house',
  compare: 'Compare',
  compareSelected: 'Side by side ({count})',
  compareHint: 'Tick two or more commercers to compare them side by side.',
  clearSelection: 'Clear',
  noCommercers: 'No commercer hosted a session in this period — widen the period or change the kind filter.',
  sortBy: 'Sort by {name}',
  profileTitle: 'Commercer',
  sessionHistory: 'Session history',
  kpiTrends: 'KPI trends',
  community: 'Community',
  regularsHint: 'Viewers who watched 3 or more sessions in the period',
  viewerId: 'Viewer',
  sessionsWatched: 'Sessions watched',
  noRegulars: 'No viewer watched 3 or more sessions in this period.',
  commercerNotFound: 'This commercer has no sessions for this brand, or this token cannot read it.',
  // Engagement vs sales
  engagementTitle: 'Engagement vs sales',
  engagementQuestion: 'Does chat turn into sales? Each point is a {group}; size is revenue.',
  groupSession: 'session',
  groupCommercer: 'commercer',
  groupBy: 'Points',
  axis: 'Horizontal axis',
  correlation: 'Correlation r = {value}',
  correlationNone: 'Correlation needs 3 or more points.',
  trendLine: 'Trend line',
  openHint: 'Click a point (or a table row) to open it.',
  noPoints: 'No sessions with viewers in this period, so nothing to plot — widen the period.',
  // Community
  communityTitle: 'Community',
  newVsReturning: 'New vs returning viewers',
  cohorts: 'Weekly cohorts',
  cohortsHint: 'Viewers grouped by the week of their first session; share watching again in each later week',
  cohortWeek: 'First week',
  cohortSize: 'Viewers',
  weekN: 'Week +{n}',
  partialWeek: 'partial week: the period covers only part of it',
  stampsByCommercer: 'Stamp usage by commercer',
  noCohorts: 'No viewers in this period, so no cohorts.',
  // Report
  reportTitle: 'Client report',
  reportFor: '{brand} · {period}',
  print: 'Print / save as PDF',
  kpiSummary: 'KPI summary',
  topSessions: 'Top sessions',
  topCommercers: 'Top commercers',
  generated: 'Generated {at}',
  // Errors
  missingApi: 'This server does not provide this view yet.',
  missingApiHint: 'It lacks the API field {field} (see api/schema.graphql). Update the server, then reload.',
  needBrand: 'Choose a brand first.',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  appName: 'ライブコマース分析',
  skipToContent: '本文へ移動',
  signOut: 'サインアウト',
  signInTitle: 'サインイン',
  signInIntro:
    '読み取りトークンを貼り付けてください。このタブの中だけに保存され、Bearerトークンとして API に送られます。',
  readToken: '読み取りトークン',
  signIn: 'サインイン',
  rejectedTitle: 'API がその読み取りトークンを拒否しました(UNAUTHENTICATED)。',
  rejectedHint:
    'トークン全体を貼り付けたか、失効していないか確認してください。管理者が createApiKey(scope: READ) で発行できます。',
  language: '言語',
  navOverview: '概要',
  navCommercers: 'コマーサー',
  navEngagement: 'エンゲージメントと売上',
  navCommunity: 'コミュニティ',
  navReport: 'レポート',
  filterBrand: 'ブランド',
  filterPeriod: '期間',
  filterFrom: '開始日',
  filterTo: '終了日',
  filterZone: 'タイムゾーン',
  filterCompare: '前の期間と比較',
  preset7d: '過去7日間',
  preset28d: '過去28日間',
  preset90d: '過去90日間',
  presetCustom: 'カスタム',
  zoneBrand: '{zone}(ブランド)',
  zoneBrowser: '{zone}(このブラウザ)',
  ignoredBrand: 'この読み取りトークンではブランド「{value}」を表示できないため、{brand} を表示しています。',
  ignoredZone: 'リンクのタイムゾーン「{value}」は不明なため、{zone} で表示しています。',
  ignoredPeriod: 'リンクの期間「{value}」は無効なため、{period}を表示しています。',
  periodLabel: '{from} – {to} · {zone}',
  previousLabel: '前期間: {from} – {to}',
  loading: '読み込み中…',
  showTable: '表で表示',
  showChart: 'グラフで表示',
  downloadCsv: 'CSVをダウンロード',
  downloading: 'ダウンロード中…',
  csvFailed:
    'CSVのダウンロードに失敗しました: {reason}。サーバーが起動していて {path} を提供しているか確認し、再試行してください。',
  csvMissing: 'このサーバーはまだ {path} を提供していません(HTTP 404)。CSV出力に対応したバージョンに更新してください。',
  retry: '再試行',
  notFound: 'ページが見つかりません',
  goOverview: '概要へ戻る',
  previous: '前期間 {value}',
  vsPrevious: '前期間比',
  belowMedian: '過去4週間の中央値({value})を下回っています',
  belowMedianShort: '4週中央値を下回る',
  medianNote: '印: この期間の前4週間(週ごとの値)のブランド自身の中央値を下回ったKPI。',
  ...kpiLabels('ja'),
  overviewTitle: '概要',
  dailyTrend: '日別推移',
  dailyTrendHint: '{zone} の日ごとの視聴数(棒)と売上(線)',
  bestSessions: '好調な配信',
  worstSessions: '不調な配信',
  rankedBy: '売上順',
  recentSessions: '最近の配信',
  showingOf: '{total}件中 {shown}件を表示',
  loadMore: 'さらに読み込む',
  loadingMore: '読み込み中…',
  loadMoreFailed: '続きの配信を読み込めませんでした:{reason}',
  viewersPerSession: '配信ごとのユニーク視聴者',
  noSessionsInPeriod: 'この期間に配信はありません。期間を広げるか、別のブランドを選んでください。',
  noSessionsYet: '配信はまだありません。/v1/events にイベントを送るか、npm start でデモデータを読み込んでください',
  colSession: '配信',
  colBrand: 'ブランド',
  colCommercer: 'コマーサー',
  colKind: '種別',
  colStart: '開始',
  colDate: '日付',
  allSessions: '← 概要',
  live: 'ライブ中',
  autoRefresh: '2秒ごとに更新中',
  started: '開始 {at}',
  ended: '終了 {at}',
  stillRunning: '配信中',
  sessionNotFound: '配信が見つかりません',
  sessionNotFoundHint: 'IDが誤っているか、この読み取りトークンでは見られないブランドの配信です。',
  timeline: '分単位のタイムライン',
  timelineHint: '分ごとの視聴者数とコメント・いいね・注文。★は盛り上がった瞬間',
  watching: '視聴中',
  minute: '分',
  moment: '盛り上がり',
  annotations: 'メモ',
  noAnnotations: 'この配信のメモはありません。',
  annotationKind_NOTE: 'メモ',
  annotationKind_PREPARATION: '準備',
  annotationKind_FEATURED_PRODUCT: '紹介商品',
  annotationKind_PROMOTION: 'プロモーション',
  addNote: 'メモを追加',
  noteKind: '種類',
  noteMinute: '開始からの分',
  noteText: 'メモ',
  noteCount: '{count} / {max}',
  notePickHint: 'タイムライン上の分をクリックしても選べます。',
  noteSave: 'メモを追加',
  noteSaving: '保存中…',
  noteTextRequired: 'メモを入力してください(1〜{max}文字)。',
  noteTextTooLong: 'メモが{count}文字あります。{max}文字以内にしてください。',
  noteMinuteRange: '0〜{max}の整数の分を指定してください。',
  noteMinuteInvalid: '0以上の整数の分を指定してください。',
  noteSaveFailed: 'メモを保存できませんでした:{reason}',
  noteDelete: '削除',
  noteDeleteConfirm: 'このメモを削除しますか?',
  noteDeleteYes: '削除する',
  noteDeleting: '削除中…',
  noteDeleteFailed: 'メモを削除できませんでした:{reason}',
  cancel: 'キャンセル',
  retention: '視聴維持率',
  retentionHint: 'k分以上視聴した視聴者の割合',
  share: '割合',
  funnel: 'ファネル',
  funnelViewers: '視聴者',
  funnelEngaged: 'エンゲージ',
  funnelCart: 'カート追加',
  funnelBuyers: '購入者',
  ofViewers: '視聴者の{value}',
  lateVsEarly: '途中参加と序盤参加',
  lateVsEarlyHint: '途中参加 = 開始から10分より後に最初のイベント',
  early: '序盤参加',
  late: '途中参加',
  viewers: '視聴者',
  stamps: 'スタンプ',
  stamp: 'スタンプ',
  noStamps: 'いいねが無いため、スタンプはありません。',
  commentResponse: 'コメントへの返信',
  responseRate: '120秒以内に返信',
  noComments: '視聴者のコメントが無いため、返信率はありません。',
  kpiDetails: '配信の全KPI',
  commercersTitle: 'コマーサー',
  kindAll: 'すべての種別',
  professional: 'プロ',
  in_house: '社内',
  compare: '比較',
  compareSelected: '並べて比較({count})',
  compareHint: '2人以上にチェックを入れると並べて比較できます。',
  clearSelection: 'クリア',
  noCommercers: 'この期間に配信したコマーサーはいません。期間を広げるか種別を変えてください。',
  sortBy: '{name}で並べ替え',
  profileTitle: 'コマーサー',
  sessionHistory: '配信履歴',
  kpiTrends: 'KPIの推移',
  community: 'コミュニティ',
  regularsHint: '期間中に3回以上視聴した視聴者',
  viewerId: '視聴者',
  sessionsWatched: '視聴した配信数',
  noRegulars: 'この期間に3回以上視聴した視聴者はいません。',
  commercerNotFound: 'このコマーサーにはこのブランドの配信が無いか、このトークンでは読めません。',
  engagementTitle: 'エンゲージメントと売上',
  engagementQuestion: 'コメントは売上につながるか? 各点は{group}、大きさは売上です。',
  groupSession: '配信',
  groupCommercer: 'コマーサー',
  groupBy: '点の単位',
  axis: '横軸',
  correlation: '相関係数 r = {value}',
  correlationNone: '相関には3点以上が必要です。',
  trendLine: '傾向線',
  openHint: '点(または表の行)をクリックすると開きます。',
  noPoints: 'この期間に視聴者のいる配信が無いため、表示できません。期間を広げてください。',
  communityTitle: 'コミュニティ',
  newVsReturning: '新規とリピートの視聴者',
  cohorts: '週別コホート',
  cohortsHint: '初回視聴の週でまとめた視聴者が、その後の各週に再び視聴した割合',
  cohortWeek: '初回の週',
  cohortSize: '視聴者',
  weekN: '{n}週後',
  partialWeek: '部分週:期間がこの週の一部しか含みません',
  stampsByCommercer: 'コマーサー別スタンプ',
  noCohorts: 'この期間に視聴者がいないため、コホートはありません。',
  reportTitle: 'クライアントレポート',
  reportFor: '{brand} · {period}',
  print: '印刷 / PDFで保存',
  kpiSummary: 'KPIサマリー',
  topSessions: '上位の配信',
  topCommercers: '上位のコマーサー',
  generated: '作成 {at}',
  missingApi: 'このサーバーはまだこの画面に対応していません。',
  missingApiHint:
    'APIフィールド {field} がありません(api/schema.graphql 参照)。サーバーを更新して再読み込みしてください。',
  needBrand: '先にブランドを選んでください。',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, params) => {
    const text = dict[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
}

// The language is the reader's preference, not part of the view, so it lives in localStorage and not the URL.
const STORAGE_KEY = 'lc.lang';
const listeners = new Set<() => void>();

function readStored(): Lang {
  try {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'ja') return stored;
  } catch {
    // Storage can be blocked; fall through to the browser's language.
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let current: Lang | null = null;

export function getLang(): Lang {
  current ??= readStored();
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // The choice then lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useI18n(): { lang: Lang; t: Translate } {
  const lang = useSyncExternalStore(subscribe, getLang, () => 'en' as Lang);
  return { lang, t: translator(lang) };
}
