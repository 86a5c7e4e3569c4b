import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { Principal } from './principal.js';
import type { AuthenticatedRequest } from './principal.guard.js';

export interface GraphQLContext {
  principal: Principal | null;
  /** The credentials the principal came from, for subscriptions to check again while they run. */
  authorization?: string;
  /** Per-request DataLoaders (see common/request-loader.ts). */
  loaders: Map<string, unknown>;
}

/** GraphQL resolves the caller in its context factory; REST routes in `PrincipalGuard`. */
function principalFrom(context: ExecutionContext): Principal | null {
  if (context.getType() === 'http')
    return context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>().principal ?? null;
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().principal;
}

/** Any authenticated caller (READ token or admin). */
export const Reader = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalFrom(context);
  if (!principal)
    throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'sign in: send "Authorization: Bearer <read token>"');
  return principal;
});

/** The admin only (ADMIN_TOKEN). */
export const Admin = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalFrom(context);
  if (!principal) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'send "Authorization: Bearer <ADMIN_TOKEN>"');
  if (principal.kind !== 'admin') throw new ApiException(ApiErrorCode.FORBIDDEN, 'admin token required');
  return principal;
});
