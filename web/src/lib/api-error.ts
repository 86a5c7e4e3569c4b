import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client';

export type ApiProblemKind = 'unauthenticated' | 'forbidden' | 'unsupported' | 'network' | 'server' | 'graphql';

export interface ApiProblem {
  readonly kind: ApiProblemKind;
  /** What went wrong, in the user's terms. */
  readonly title: string;
  /** What the user can do about it — every error state must offer a next step. */
  readonly hint: string;
  /** The raw message, for whoever reads the screen to a developer. */
  readonly detail: string;
}

function graphqlCodes(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : ''));
}

/** True for both ways an API says "who are you?": a GraphQL UNAUTHENTICATED code or an HTTP 401. */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return graphqlCodes(error).includes('UNAUTHENTICATED');
}

/**
 * The field (or argument/type) this server's schema lacks, when the query was refused at validation:
 * the dashboard is built against api/schema.graphql and may be newer than the server it talks to.
 */
export function missingApiField(error: unknown): string | null {
  for (const message of errorMessages(error)) {
    const field = /Cannot query field "(\w+)" on type "(\w+)"/.exec(message);
    if (field) return `${field[2]}.${field[1]}`;
    const arg = /Unknown argument "(\w+)" on field "([\w.]+)"/.exec(message);
    if (arg) return `${arg[2]}(${arg[1]})`;
    const type = /Unknown type "(\w+)"/.exec(message);
    if (type) return type[1];
  }
  return null;
}

/**
 * GraphQL error messages, whether they came as GraphQL errors or inside an HTTP 400 body (servers
 * answer validation failures with 400, which the client reports as a ServerError when the body is
 * plain application/json).
 */
function errorMessages(error: unknown): string[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message);
  if (!ServerError.is(error)) return [];
  try {
    const body = JSON.parse(error.bodyText) as { errors?: { message?: unknown }[] };
    return (body.errors ?? []).map((e) => (typeof e.message === 'string' ? e.message : ''));
  } catch {
    return [];
  }
}

/** Codes of errors the API blames on what was sent: their message says what to change. */
const INPUT_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

/**
 * The messages of a mutation's input errors (BAD_USER_INPUT, NOT_FOUND), e.g. "text must be 1–1000
 * characters", whether they came as GraphQL errors or in an HTTP 400 body; empty for any other failure.
 */
export function inputErrorMessages(error: unknown): string[] {
  let errors: { message?: unknown; extensions?: { code?: unknown } }[] = [];
  if (CombinedGraphQLErrors.is(error)) {
    errors = [...error.errors];
  } else if (ServerError.is(error)) {
    try {
      errors = (JSON.parse(error.bodyText) as { errors?: typeof errors }).errors ?? [];
    } catch {
      errors = [];
    }
  }
  return errors
    .filter((e) => typeof e.extensions?.code === 'string' && INPUT_CODES.has(e.extensions.code))
    .map((e) => (typeof e.message === 'string' ? e.message : ''))
    .filter((m) => m !== '');
}

function isForbidden(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 403;
  return graphqlCodes(error).includes('FORBIDDEN');
}

export function describeApiError(error: unknown): ApiProblem {
  const detail = error instanceof Error ? error.message : String(error);
  if (isUnauthenticated(error)) {
    return {
      kind: 'unauthenticated',
      title: 'The API rejected the read token (UNAUTHENTICATED).',
      hint: 'Sign in again with a valid read token — an admin creates one with createApiKey(scope: READ).',
      detail,
    };
  }
  if (isForbidden(error)) {
    return {
      kind: 'forbidden',
      title: 'This read token may not read that data (FORBIDDEN).',
      hint: 'Go back to the overview, or sign out and use a read token for the brand you need.',
      detail,
    };
  }
  const missing = missingApiField(error);
  if (missing) {
    return {
      kind: 'unsupported',
      title: 'This server does not provide this view yet.',
      hint: `It lacks the API field ${missing} (see api/schema.graphql). Update the server, then reload.`,
      detail,
    };
  }
  if (ServerParseError.is(error)) {
    // Typically an HTML page: /graphql fell through to the static site or a proxy error page.
    return {
      kind: 'server',
      title: `The answer from /graphql was not GraphQL (HTTP ${error.statusCode}).`,
      hint: 'Check that the API server (not only the static files) is running behind /graphql, then retry.',
      detail,
    };
  }
  if (ServerError.is(error) && error.statusCode >= 502 && error.statusCode <= 504) {
    // A proxy (vite dev, a load balancer) answering for an API that is down.
    return {
      kind: 'network',
      title: `Could not reach the API behind /graphql (HTTP ${error.statusCode} from the proxy).`,
      hint: 'Check that the API server is running (npm start), then retry.',
      detail,
    };
  }
  if (ServerError.is(error)) {
    return {
      kind: 'server',
      title: `The API answered with HTTP ${error.statusCode}.`,
      hint: 'Check the server log for the cause, then retry.',
      detail,
    };
  }
  if (CombinedGraphQLErrors.is(error)) {
    return {
      kind: 'graphql',
      title: 'The API could not answer this query.',
      hint: 'Retry; if it keeps failing, the server log has the reason.',
      detail,
    };
  }
  // fetch rejects with a bare TypeError when nothing listens on the port.
  return {
    kind: 'network',
    title: 'Could not reach the API at /graphql.',
    hint: 'Check that the server is running (npm start), then retry.',
    detail,
  };
}
