import type { CommercerKind, CommercersQuery, CommercerSortField, SortDirection } from '../../gql/graphql';

/** A leaderboard column: a KPI the API sorts commercers by and the leaderboard query fetches. */
export type LeaderboardColumn = keyof CommercersQuery['commercers'][number]['metrics'] & CommercerSortField;

/** Leaderboard columns, in reading order: host craft (answering, recapping) last. */
export const LEADERBOARD_COLUMNS: readonly LeaderboardColumn[] = [
  'sessions',
  'views',
  'uniqueViewers',
  'avgWatchSeconds',
  'chatRate',
  'engagementRate',
  'followRate',
  'conversionRate',
  'revenue',
  'netRevenue',
  'gpm',
  'returningRate',
  'commentResponseRate',
  'recapCoverage',
  'engagementLift',
];

/** Issue 14's sortable figures that are not period KPIs: ROAS of the host cost, and engagement vs expected. */
export const FIGURE_COLUMNS = ['roas', 'engagementVsExpected'] as const satisfies readonly CommercerSortField[];
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

export interface LeaderboardParams {
  readonly kind: CommercerKind | null;
  readonly sortBy: CommercerSortField;
  readonly direction: SortDirection;
  /** Commercers ticked for the side-by-side comparison, in the order ticked. */
  readonly compareIds: readonly string[];
}

/** The leaderboard's own URL params (?kind=&sort=&dir=&cmp=a,b); malformed values fall back to defaults. */
export function parseLeaderboardParams(search: URLSearchParams): LeaderboardParams {
  const kind = search.get('kind');
  const sort = search.get('sort');
  const dir = search.get('dir');
  return {
    kind: kind === 'professional' || kind === 'in_house' ? kind : null,
    sortBy: [...LEADERBOARD_COLUMNS, ...FIGURE_COLUMNS].find((c) => c === sort) ?? 'revenue',
    direction: dir === 'ASC' ? 'ASC' : 'DESC',
    compareIds: (search.get('cmp') ?? '').split(',').filter(Boolean),
  };
}

/** Clicking the sorted column flips it; another column starts high-to-low, as a leaderboard reads. */
export function nextSort(current: LeaderboardParams, column: CommercerSortField): { sort: string; dir: SortDirection } {
  if (current.sortBy === column) return { sort: column, dir: current.direction === 'DESC' ? 'ASC' : 'DESC' };
  return { sort: column, dir: 'DESC' };
}

export function toggleCompare(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}
