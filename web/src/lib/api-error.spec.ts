import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describeApiError, inputErrorMessages, isUnauthenticated, missingApiField } from './api-error';

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

describe('missingApiField', () => {
  it('names what a server older than the contract lacks, so the page can say to update it', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        {
          message: 'Cannot query field "brandOverview" on type "Query".',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
    expect(missingApiField(error)).toBe('Query.brandOverview');
    const problem = describeApiError(error);
    expect(problem.kind).toBe('unsupported');
    expect(problem.hint).toContain('Query.brandOverview');
    expect(missingApiField(graphqlError('INTERNAL_SERVER_ERROR'))).toBeNull();
    // The same refusal as an HTTP 400 with a plain JSON body
    const body = JSON.stringify({ errors: [{ message: 'Unknown argument "compare" on field "Query.commercers".' }] });
    const http400 = new ServerError('Response not successful', {
      response: new Response(body, { status: 400 }),
      bodyText: body,
    });
    expect(missingApiField(http400)).toBe('Query.commercers(compare)');
    expect(describeApiError(http400).kind).toBe('unsupported');
  });
});

describe('inputErrorMessages', () => {
  it('keeps the messages of BAD_USER_INPUT and NOT_FOUND errors, from GraphQL errors or a 400 body', () => {
    expect(inputErrorMessages(graphqlError('BAD_USER_INPUT'))).toEqual(['nope (BAD_USER_INPUT)']);
    expect(inputErrorMessages(graphqlError('NOT_FOUND'))).toEqual(['nope (NOT_FOUND)']);
    const body = JSON.stringify({
      errors: [{ message: 'Variable "$input" got invalid value', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const http400 = new ServerError('Response not successful', {
      response: new Response(body, { status: 400 }),
      bodyText: body,
    });
    expect(inputErrorMessages(http400)).toEqual(['Variable "$input" got invalid value']);
  });

  it('is empty for failures that are not about the input', () => {
    expect(inputErrorMessages(graphqlError('FORBIDDEN'))).toEqual([]);
    expect(inputErrorMessages(httpError(500))).toEqual([]);
    expect(inputErrorMessages(new TypeError('Failed to fetch'))).toEqual([]);
  });
});
