import { Module } from '@nestjs/common';
import { CommunityResolver } from './community.resolver.js';
import { CommunityService } from './community.service.js';

@Module({ providers: [CommunityService, CommunityResolver], exports: [CommunityService] })
export class CommunityModule {}
