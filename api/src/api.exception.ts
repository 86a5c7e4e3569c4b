import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { ClickHouseErrorCode, ClickHouseException } from '@lc/clickhouse';

export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAVAILABLE = 'UNAVAILABLE',
  TIMEOUT = 'TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export class ApiException extends GraphQLError {
  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
  }
}

/** Maps engine failures to what a client may see: a code and a sentence, never SQL. */
function fromClickHouse(error: ClickHouseException): { code: ApiErrorCode; message: string } {
  switch (error.code) {
    case ClickHouseErrorCode.CONNECTION:
      return { code: ApiErrorCode.UNAVAILABLE, message: 'the analytics store is unavailable; retry shortly' };
    case ClickHouseErrorCode.TIMEOUT:
      return { code: ApiErrorCode.TIMEOUT, message: 'the query took too long; narrow the period or filters' };
    case ClickHouseErrorCode.RESOURCE:
      return { code: ApiErrorCode.UNAVAILABLE, message: 'the analytics store is busy; retry shortly' };
    case ClickHouseErrorCode.SYNTAX:
    case ClickHouseErrorCode.QUERY:
      return { code: ApiErrorCode.INTERNAL, message: 'internal error while computing metrics' };
  }
}

const log = pino({ name: 'api', level: process.env.LOG_LEVEL ?? 'info' });

/** Apollo's formatError: the one place every error is shaped for clients. */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  if (original instanceof ClickHouseException) {
    const { code, message } = fromClickHouse(original);
    log.error({ err: original, path: formatted.path }, 'query failed');
    return { message, path: formatted.path, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  const known = typeof code === 'string' && (Object.values(ApiErrorCode) as string[]).includes(code);
  const graphqlValidation =
    code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT';
  if (known || graphqlValidation) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log.error({ err: original, path: formatted.path }, 'unexpected error');
  return { message: 'internal error', path: formatted.path, extensions: { code: ApiErrorCode.INTERNAL } };
}
