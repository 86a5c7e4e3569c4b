import { LEADERBOARD_COLUMNS, nextSort, parseLeaderboardParams, toggleCompare } from './commercer-table';

describe('leaderboard URL params', () => {
  it('defaults to revenue, high first, all kinds', () => {
    expect(parseLeaderboardParams(new URLSearchParams(''))).toEqual({
      kind: null,
      sortBy: 'revenue',
      direction: 'DESC',
      compareIds: [],
    });
  });

  it('reads kind, sort, direction and the compared commercers; ignores unknown values', () => {
    expect(parseLeaderboardParams(new URLSearchParams('kind=in_house&sort=gpm&dir=ASC&cmp=c1,c2'))).toEqual({
      kind: 'in_house',
      sortBy: 'gpm',
      direction: 'ASC',
      compareIds: ['c1', 'c2'],
    });
    const odd = parseLeaderboardParams(new URLSearchParams('kind=robot&sort=DROP&dir=sideways'));
    expect([odd.kind, odd.sortBy, odd.direction]).toEqual([null, 'revenue', 'DESC']);
  });

  it('sorts by recap coverage, a host-craft column', () => {
    expect(parseLeaderboardParams(new URLSearchParams('sort=recapCoverage')).sortBy).toBe('recapCoverage');
    expect(LEADERBOARD_COLUMNS).toContain('recapCoverage');
  });

  it('sorts by engagement lift, the later-purchase column', () => {
    expect(parseLeaderboardParams(new URLSearchParams('sort=engagementLift&dir=DESC')).sortBy).toBe('engagementLift');
    expect(LEADERBOARD_COLUMNS).toContain('engagementLift');
  });

  it('flips the sorted column and starts another high-to-low', () => {
    const current = parseLeaderboardParams(new URLSearchParams('sort=views&dir=DESC'));
    expect(nextSort(current, 'views')).toEqual({ sort: 'views', dir: 'ASC' });
    expect(nextSort(current, 'gpm')).toEqual({ sort: 'gpm', dir: 'DESC' });
  });

  it('toggles a commercer in and out of the comparison, keeping the order ticked', () => {
    expect(toggleCompare(['c1'], 'c2')).toEqual(['c1', 'c2']);
    expect(toggleCompare(['c1', 'c2'], 'c1')).toEqual(['c2']);
  });
});
