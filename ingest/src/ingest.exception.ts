/** Why an ingest request as a whole was refused. Per-event problems are not exceptions: they go in `rejected`. */
export enum IngestErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  TOO_MANY_EVENTS = 'TOO_MANY_EVENTS',
  BAD_BODY = 'BAD_BODY',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  OVERLOADED = 'OVERLOADED',
  UNAVAILABLE = 'UNAVAILABLE',
  NOT_FOUND = 'NOT_FOUND',
}

export class IngestException extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'IngestException';
  }
}

/** The one mapping from ingest error codes to HTTP statuses. */
export function httpStatusOf(code: IngestErrorCode): number {
  switch (code) {
    case IngestErrorCode.UNAUTHENTICATED:
      return 401;
    case IngestErrorCode.FORBIDDEN:
      return 403;
    case IngestErrorCode.BODY_TOO_LARGE:
    case IngestErrorCode.TOO_MANY_EVENTS:
      return 413;
    case IngestErrorCode.BAD_BODY:
      return 400;
    case IngestErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case IngestErrorCode.OVERLOADED:
      return 429;
    case IngestErrorCode.UNAVAILABLE:
      return 503;
    case IngestErrorCode.NOT_FOUND:
      return 404;
  }
}
