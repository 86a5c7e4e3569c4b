import { Module } from '@nestjs/common';
import { CommunityModule } from '../community/community.module.js';
import { CommercerResolver } from './commercer.resolver.js';
import { CommercerService } from './commercer.service.js';

@Module({ imports: [CommunityModule], providers: [CommercerService, CommercerResolver], exports: [CommercerService] })
export class CommercersModule {}
