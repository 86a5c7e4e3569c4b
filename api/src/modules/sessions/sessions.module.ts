import { Module } from '@nestjs/common';
import { SessionResolver } from './session.resolver.js';

@Module({ providers: [SessionResolver] })
export class SessionsModule {}
