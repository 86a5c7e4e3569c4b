import { matchRoute, sessionPath } from './router';

describe('matchRoute', () => {
  it('maps the two pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'overview' });
    expect(matchRoute('/sessions/s-1')).toEqual({ name: 'session', id: 's-1' });
  });

  it('tolerates a trailing slash', () => {
    expect(matchRoute('/sessions/s-1/')).toEqual({ name: 'session', id: 's-1' });
  });

  it('decodes the id so ids with reserved characters round-trip', () => {
    expect(sessionPath('a b/c')).toBe('/sessions/a%20b%2Fc');
    expect(matchRoute(sessionPath('a b/c'))).toEqual({ name: 'session', id: 'a b/c' });
  });

  it('sends everything else to not-found', () => {
    expect(matchRoute('/sessions')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/sessions/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nope')).toEqual({ name: 'notFound' });
  });
});
