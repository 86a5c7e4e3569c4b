import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { AuthService } from './auth.service.js';
import type { Principal } from './principal.js';

export type AuthenticatedRequest = Request & { principal: Principal };

/**
 * REST routes: the caller from the same Bearer token as GraphQL (a READ token or the admin), kept on
 * the request for `@Reader()`. Without credentials, 401 with what to send.
 */
@Injectable()
export class PrincipalGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.auth.principalOf(request.headers.authorization);
    if (!principal)
      throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'sign in: send "Authorization: Bearer <read token>"');
    request.principal = principal;
    return true;
  }
}
