import type { ArgumentsHost } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ClickHouseErrorCode, ClickHouseException } from '@lc/clickhouse';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { ApiErrorCode, ApiException, formatApiError, HTTP_STATUS } from './api.exception.js';

/** A response that records what the filter sent. */
function httpHost(headersSent = false) {
  const sent: { status?: number; body?: unknown; destroyed: boolean } = { destroyed: false };
  const response = {
    headersSent,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
    destroy() {
      sent.destroyed = true;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

const engineDown = new ClickHouseException(ClickHouseErrorCode.CONNECTION, 'session.metrics', 'ECONNREFUSED 10.0.0.9');
const badSql = new ClickHouseException(
  ClickHouseErrorCode.SYNTAX,
  'session.metrics',
  'Syntax error near SELECT secret FROM keys',
);

describe('one error mapping for GraphQL and REST', () => {
  const filter = new ApiExceptionFilter();

  it.each([
    [
      'not found',
      new ApiException(ApiErrorCode.NOT_FOUND, 'no brand "x" for this token', 'brandId'),
      404,
      ApiErrorCode.NOT_FOUND,
    ],
    ['forbidden', new ApiException(ApiErrorCode.FORBIDDEN, 'admin token required'), 403, ApiErrorCode.FORBIDDEN],
    ['engine down', engineDown, 503, ApiErrorCode.UNAVAILABLE],
    ['bad SQL', badSql, 500, ApiErrorCode.INTERNAL],
    ['a bug', new Error('boom at /srv/app.js:12'), 500, ApiErrorCode.INTERNAL],
  ])('REST and GraphQL agree on %s', (_label, error, status, code) => {
    const { host, sent } = httpHost();
    filter.catch(error, host);
    expect(sent.status).toBe(status);
    const graphql = formatApiError(
      { message: String(error), path: ['x'] },
      new GraphQLError('wrapped', { originalError: error }),
    );
    expect(sent.body).toEqual({
      error: {
        code,
        message: graphql.message,
        ...(graphql.extensions?.field ? { field: graphql.extensions.field } : {}),
      },
    });
    expect(graphql.extensions?.code).toBe(code);
  });

  it('never shows SQL, hosts or stack frames to a client', () => {
    for (const error of [engineDown, badSql, new Error('boom at /srv/app.js:12')]) {
      const { host, sent } = httpHost();
      filter.catch(error, host);
      const text = JSON.stringify(sent.body);
      expect(text).not.toMatch(/SELECT|10\.0\.0\.9|app\.js/);
    }
  });

  it('cuts a download short instead of appending JSON to half a file', () => {
    const { host, sent } = httpHost(true);
    filter.catch(engineDown, host);
    expect(sent).toEqual({ destroyed: true });
  });

  it('has an HTTP status for every code', () => {
    for (const code of Object.values(ApiErrorCode)) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
  });
});
