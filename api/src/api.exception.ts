import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino from 'pino';
import { ClickHouseErrorCode, ClickHouseException, type LogLevel } from '@lc/clickhouse';

export enum ApiErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  /** A share link that has expired or was revoked (HTTP 410). */
  GONE = 'GONE',
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

const log = pino({ name: 'api' });

/** LOG_LEVEL, set once at start by `createApiApp`. */
export function setApiLogLevel(level: LogLevel): void {
  log.level = level;
}

/** HTTP status of each code, for the REST routes (exhaustive: a new code fails to compile until it has one). */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  [ApiErrorCode.UNAUTHENTICATED]: 401,
  [ApiErrorCode.FORBIDDEN]: 403,
  [ApiErrorCode.BAD_USER_INPUT]: 400,
  [ApiErrorCode.NOT_FOUND]: 404,
  [ApiErrorCode.GONE]: 410,
  [ApiErrorCode.UNAVAILABLE]: 503,
  [ApiErrorCode.TIMEOUT]: 504,
  [ApiErrorCode.INTERNAL]: 500,
};

export interface ClientError {
  code: ApiErrorCode;
  message: string;
  field?: string;
}

/**
 * What a client may see of any error thrown while serving it: a code, a sentence and the field at fault,
 * never SQL or a stack. The one mapping behind GraphQL's formatError and the REST exception filter.
 */
export function toClientError(error: unknown): ClientError {
  if (error instanceof ClickHouseException) {
    log.error({ err: error }, 'query failed');
    return fromClickHouse(error);
  }
  if (error instanceof ApiException) {
    const field = error.extensions.field;
    return {
      code: error.extensions.code as ApiErrorCode,
      message: error.message,
      ...(typeof field === 'string' ? { field } : {}),
    };
  }
  log.error({ err: error }, 'unexpected error');
  return { code: ApiErrorCode.INTERNAL, message: 'internal error' };
}

/** Apollo's formatError: every GraphQL error shaped by `toClientError`. */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  const code = formatted.extensions?.code;
  const graphqlValidation =
    code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_USER_INPUT';
  if (graphqlValidation && !(original instanceof ApiException)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const client = toClientError(original);
  return {
    message: client.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    path: formatted.path,
    extensions: { code: client.code, ...(client.field ? { field: client.field } : {}) },
  };
}
