import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { Principal } from './principal.js';
import type { AuthenticatedRequest } from './principal.guard.js';

export interface GraphQLContext {
  principal: Principal | null;
  /** The credentials the principal came from, for subscriptions to check again while they run. */
  authorization?: string;
  /** Per-request DataLoaders (see common/request-loader.ts). */
  loaders: Map<string, unknown>;
  /** Work started once the answer is ready (common/after-response.ts). */
  afterResponse: (() => void)[];
}

/** GraphQL resolves the caller in its context factory; REST routes in `PrincipalGuard`. */
function principalFrom(context: ExecutionContext): Principal | null {
  if (context.getType() === 'http')
    return context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>().principal ?? null;
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().principal;
}

/** The root queries a share link may run: exactly what its report page reads (decision A-4). */
export const SHARE_QUERIES: ReadonlySet<string> = new Set(['brands', 'brandOverview', 'leaderboard']);
/** The REST routes a share link may call: the report's CSVs and its PDF (their period is checked by PeriodService). */
const SHARE_ROUTES = /^\/export\/([a-z]+\.csv|report\.pdf)$/;

/**
 * A share link is a credential for one report: the GraphQL root queries of SHARE_QUERIES, the CSV
 * exports and the report's PDF. Everything else that asks for a caller is refused: mutations, subscriptions, other
 * queries, and the caller-checked fields below a type (a session's annotations, live state, series…),
 * which the report does not read.
 */
export function assertShareAllows(context: ExecutionContext): void {
  if (context.getType() === 'http') {
    if (SHARE_ROUTES.test(context.switchToHttp().getRequest<Request>().path)) return;
  } else {
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.parentType.name === 'Query' && SHARE_QUERIES.has(info.fieldName)) return;
  }
  throw new ApiException(ApiErrorCode.FORBIDDEN, 'a share link opens only its report; sign in for anything else');
}

/** Any authenticated caller (READ token or admin; a share link within `assertShareAllows`). */
export const Reader = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalFrom(context);
  if (!principal)
    throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'sign in: send "Authorization: Bearer <read token>"');
  if (principal.kind === 'share') assertShareAllows(context);
  return principal;
});

/** The admin only (ADMIN_TOKEN). */
export const Admin = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalFrom(context);
  if (!principal) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'send "Authorization: Bearer <ADMIN_TOKEN>"');
  if (principal.kind !== 'admin') throw new ApiException(ApiErrorCode.FORBIDDEN, 'admin token required');
  return principal;
});
