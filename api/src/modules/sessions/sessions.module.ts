import { Module } from '@nestjs/common';
import { SessionRepository } from '../../repositories/session.repository.js';
import { SessionResolver } from './session.resolver.js';
import { SessionService } from './session.service.js';

@Module({ providers: [SessionRepository, SessionService, SessionResolver] })
export class SessionsModule {}
