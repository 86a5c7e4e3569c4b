/** Why a ClickHouse call failed, in terms a caller can act on. */
export enum ClickHouseErrorCode {
  /** The engine could not be reached (server down, socket reset, embedded engine not open). Transient. */
  CONNECTION = 'CONNECTION',
  /** The query ran past its time limit. */
  TIMEOUT = 'TIMEOUT',
  /** The engine ran out of memory, threads or query slots. */
  RESOURCE = 'RESOURCE',
  /** The SQL text or a parameter was malformed: a bug in the repository layer. */
  SYNTAX = 'SYNTAX',
  /** Any other engine error (unknown table, type mismatch …). */
  QUERY = 'QUERY',
}

export class ClickHouseException extends Error {
  constructor(
    readonly code: ClickHouseErrorCode,
    readonly tag: string,
    message: string,
    readonly engineCode?: string,
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${tag}: ${message}`, options);
    this.name = 'ClickHouseException';
  }

  get transient(): boolean {
    return this.code === ClickHouseErrorCode.CONNECTION;
  }
}

const TIMEOUT_CODES = new Set(['159', '160', '209']); // TIMEOUT_EXCEEDED, TOO_SLOW, SOCKET_TIMEOUT
const RESOURCE_CODES = new Set(['241', '202', '439', '173']); // MEMORY_LIMIT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES, CANNOT_SCHEDULE_TASK, CANNOT_ALLOCATE_MEMORY
const SYNTAX_CODES = new Set(['62', '456', '457']); // SYNTAX_ERROR, UNKNOWN_QUERY_PARAMETER, BAD_QUERY_PARAMETER
const CONNECTION_CODES = new Set(['210', '76', '394']); // NETWORK_ERROR, CANNOT_OPEN_FILE (lock), QUERY_WAS_CANCELLED
const NODE_CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** Classifies anything thrown by @clickhouse/client (server or chdb connection). */
export function toClickHouseException(error: unknown, tag: string): ClickHouseException {
  if (error instanceof ClickHouseException) return error;
  const err = error as { code?: unknown; message?: unknown; name?: unknown };
  const code = err?.code === undefined ? undefined : String(err.code);
  const message = typeof err?.message === 'string' ? err.message : String(error);
  let kind = ClickHouseErrorCode.QUERY;
  if (code !== undefined && NODE_CONNECTION_ERRORS.has(code)) kind = ClickHouseErrorCode.CONNECTION;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(message) || (code !== undefined && TIMEOUT_CODES.has(code)))
    kind = ClickHouseErrorCode.TIMEOUT;
  else if (code !== undefined && RESOURCE_CODES.has(code)) kind = ClickHouseErrorCode.RESOURCE;
  else if (code !== undefined && SYNTAX_CODES.has(code)) kind = ClickHouseErrorCode.SYNTAX;
  else if ((code !== undefined && CONNECTION_CODES.has(code)) || /socket hang up|connect|closed/i.test(message))
    kind = ClickHouseErrorCode.CONNECTION;
  return new ClickHouseException(kind, tag, message.split('\n')[0], code, { cause: error });
}
