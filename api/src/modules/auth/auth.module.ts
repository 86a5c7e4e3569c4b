import { Module } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { PrincipalGuard } from './principal.guard.js';

@Module({ providers: [AuthService, PrincipalGuard], exports: [AuthService, PrincipalGuard] })
export class AuthModule {}
