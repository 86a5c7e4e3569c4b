import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client';
import type { Lang } from './format';
import { translator } from './i18n';

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

/** What failed and what to do next, in the reader's language (English by default, as in tests and logs). */
export function describeApiError(error: unknown, lang: Lang = 'en'): ApiProblem {
  const t = translator(lang);
  const detail = error instanceof Error ? error.message : String(error);
  if (isUnauthenticated(error)) {
    return { kind: 'unauthenticated', title: t('errUnauthenticated'), hint: t('errUnauthenticatedHint'), detail };
  }
  if (isForbidden(error)) {
    return { kind: 'forbidden', title: t('errForbidden'), hint: t('errForbiddenHint'), detail };
  }
  const missing = missingApiField(error);
  if (missing) {
    return { kind: 'unsupported', title: t('missingApi'), hint: t('missingApiHint', { field: missing }), detail };
  }
  if (ServerParseError.is(error)) {
    // Typically an HTML page: /graphql fell through to the static site or a proxy error page.
    const status = error.statusCode;
    return { kind: 'server', title: t('errNotGraphql', { status }), hint: t('errNotGraphqlHint'), detail };
  }
  if (ServerError.is(error) && error.statusCode >= 502 && error.statusCode <= 504) {
    // A proxy (vite dev, a load balancer) answering for an API that is down.
    const status = error.statusCode;
    return { kind: 'network', title: t('errProxy', { status }), hint: t('errProxyHint'), detail };
  }
  if (ServerError.is(error)) {
    return { kind: 'server', title: t('errHttp', { status: error.statusCode }), hint: t('errHttpHint'), detail };
  }
  if (CombinedGraphQLErrors.is(error)) {
    return { kind: 'graphql', title: t('errGraphql'), hint: t('errGraphqlHint'), detail };
  }
  // fetch rejects with a bare TypeError when nothing listens on the port.
  return { kind: 'network', title: t('errNetwork'), hint: t('errNetworkHint'), detail };
}
