import { Module } from '@nestjs/common';
import { AnnotationRepository } from '../../repositories/annotation.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AnnotationResolver, SessionAnnotationResolver } from './annotation.resolver.js';
import { AnnotationService } from './annotation.service.js';

@Module({
  imports: [BrandsModule, SessionsModule],
  providers: [AnnotationRepository, AnnotationService, AnnotationResolver, SessionAnnotationResolver],
})
export class AnnotationsModule {}
