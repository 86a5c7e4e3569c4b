import type { CommunityQuery } from '../../gql/graphql';
import type { CsvTable } from '../export/csv';

type Community = CommunityQuery['community'];

/** Every regular the API sent (the screen shows the first 20). */
export function regularsCsv(regulars: Community['regulars']): CsvTable {
  return { header: ['viewerId', 'sessions'], rows: regulars.map((r) => [r.viewerId, r.sessions]) };
}

/**
 * As the heatmap: a column per later week (week1 = the week after the cohort's), shares 0–1; then
 * whether the period covers only part of the cohort's week (`partial`) and of each later week
 * (`week1Partial` …), so a spreadsheet never reads a partial week as a drop. The shares stay side by
 * side for colouring; the flags follow them.
 */
export function cohortsCsv(cohorts: Community['cohorts']): CsvTable {
  const weeks = Math.max(0, ...cohorts.map((c) => c.returning.length));
  const later = Array.from({ length: weeks }, (_, i) => i);
  return {
    header: [
      'week',
      'size',
      'partial',
      ...later.map((i) => `week${i + 1}`),
      ...later.map((i) => `week${i + 1}Partial`),
    ],
    rows: cohorts.map((c) => [
      c.week,
      c.size,
      c.partial,
      ...later.map((i) => c.returning[i]),
      ...later.map((i) => c.returningPartial[i]),
    ]),
  };
}

/** As the table: a row per commercer, a column per stamp (in `names` order), 0 for a stamp not used. */
export function stampsCsv(rows: Community['stamps'], names: readonly string[]): CsvTable {
  return {
    header: ['commercerId', 'commercerName', ...names],
    rows: rows.map((row) => [
      row.commercer.id,
      row.commercer.name,
      ...names.map((s) => row.stamps.find((x) => x.stamp === s)?.likes ?? 0),
    ]),
  };
}

export function newVsReturningCsv(daily: Community['daily']): CsvTable {
  return {
    header: ['date', 'newViewers', 'returningViewers'],
    rows: daily.map((d) => [d.date, d.newViewers, d.returningViewers]),
  };
}
