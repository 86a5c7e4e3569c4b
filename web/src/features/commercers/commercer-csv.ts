import { DAILY_CSV_COLUMNS } from '@lc/contract/csv';
import type { CommercerProfileQuery } from '../../gql/graphql';
import type { CsvTable } from '../export/csv';

type Profile = NonNullable<CommercerProfileQuery['commercer']>;

const DAILY_COLUMNS = DAILY_CSV_COLUMNS;

/** The commercer's days, with the columns of the server's daily.csv. */
export function commercerDailyCsv(daily: Profile['daily']): CsvTable {
  return { header: DAILY_COLUMNS, rows: daily.map((d) => DAILY_COLUMNS.map((c) => d[c])) };
}

/** The session history as on screen; ratios 0–1, revenue in the session's currency. */
export function commercerSessionsCsv(sessions: Profile['sessions']): CsvTable {
  return {
    header: [
      'sessionId',
      'title',
      'startedAt',
      'uniqueViewers',
      'engagementRate',
      'conversionRate',
      'revenue',
      'currency',
    ],
    rows: sessions.map((s) => [
      s.id,
      s.title,
      s.startedAt,
      s.metrics.uniqueViewers,
      s.metrics.engagementRate,
      s.metrics.conversionRate,
      s.metrics.revenue,
      s.currency,
    ]),
  };
}
