import { commercerPath, matchRoute, sessionLivePath, sessionPath } from './router';

describe('matchRoute', () => {
  it('maps every page', () => {
    expect(matchRoute('/')).toEqual({ name: 'overview' });
    expect(matchRoute('/sessions/s-1')).toEqual({ name: 'session', id: 's-1' });
    expect(matchRoute('/sessions/s-1/live')).toEqual({ name: 'sessionLive', id: 's-1' });
    expect(matchRoute('/commercers')).toEqual({ name: 'commercers' });
    expect(matchRoute('/commercers/c-1')).toEqual({ name: 'commercer', id: 'c-1' });
    expect(matchRoute('/products')).toEqual({ name: 'products' });
    expect(matchRoute('/engagement')).toEqual({ name: 'engagement' });
    expect(matchRoute('/community')).toEqual({ name: 'community' });
    expect(matchRoute('/report')).toEqual({ name: 'report' });
  });

  it('tolerates a trailing slash', () => {
    expect(matchRoute('/sessions/s-1/')).toEqual({ name: 'session', id: 's-1' });
    expect(matchRoute('/report/')).toEqual({ name: 'report' });
  });

  it('decodes the id so ids with reserved characters round-trip', () => {
    expect(sessionPath('a b/c')).toBe('/sessions/a%20b%2Fc');
    expect(matchRoute(sessionPath('a b/c'))).toEqual({ name: 'session', id: 'a b/c' });
    expect(sessionLivePath('a b/c')).toBe('/sessions/a%20b%2Fc/live');
    expect(matchRoute(sessionLivePath('a b/c'))).toEqual({ name: 'sessionLive', id: 'a b/c' });
    expect(matchRoute(commercerPath('田中 あき'))).toEqual({ name: 'commercer', id: '田中 あき' });
  });

  it('sends everything else to not-found', () => {
    expect(matchRoute('/sessions')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/%E0%A4%A/live')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/a/b/live')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound' });
  });
});
