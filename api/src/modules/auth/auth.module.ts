import { Module } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { PrincipalGuard } from './principal.guard.js';
import { RenderTokenService } from './render-token.service.js';

@Module({
  providers: [AuthService, PrincipalGuard, RenderTokenService],
  exports: [AuthService, PrincipalGuard, RenderTokenService],
})
export class AuthModule {}
