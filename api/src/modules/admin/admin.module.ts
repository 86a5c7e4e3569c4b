import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AdminResolver } from './admin.resolver.js';

@Module({ imports: [AuthModule], providers: [AdminResolver] })
export class AdminModule {}
