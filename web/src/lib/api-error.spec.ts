import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describeApiError, isUnauthenticated } from './api-error';

function graphqlError(code: string): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message: `nope (${code})`, extensions: { code } }] });
}

function httpError(status: number): ServerError {
  return new ServerError('Response not successful', {
    response: new Response('{}', { status }),
    bodyText: '{}',
  });
}

describe('isUnauthenticated', () => {
  it('recognises the GraphQL code and HTTP 401', () => {
    expect(isUnauthenticated(graphqlError('UNAUTHENTICATED'))).toBe(true);
    expect(isUnauthenticated(httpError(401))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isUnauthenticated(graphqlError('FORBIDDEN'))).toBe(false);
    expect(isUnauthenticated(httpError(500))).toBe(false);
    expect(isUnauthenticated(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('describeApiError', () => {
  it('tells the user what to do for each kind of failure', () => {
    expect(describeApiError(graphqlError('UNAUTHENTICATED')).kind).toBe('unauthenticated');
    expect(describeApiError(graphqlError('FORBIDDEN')).kind).toBe('forbidden');
    expect(describeApiError(graphqlError('INTERNAL_SERVER_ERROR')).kind).toBe('graphql');
    expect(describeApiError(httpError(500)).title).toBe('The API answered with HTTP 500.');
    // 502–504 come from a proxy whose API is down: same advice as no answer at all
    expect(describeApiError(httpError(502)).kind).toBe('network');
    const offline = describeApiError(new TypeError('Failed to fetch'));
    expect(offline.kind).toBe('network');
    expect(offline.hint).toContain('npm start');
  });
});
