import { Module } from '@nestjs/common';
import { AnnotationRepository } from '../../repositories/annotation.repository.js';
import { AnnotationResolver, SessionAnnotationResolver } from './annotation.resolver.js';
import { AnnotationService } from './annotation.service.js';

@Module({ providers: [AnnotationRepository, AnnotationService, AnnotationResolver, SessionAnnotationResolver] })
export class AnnotationsModule {}
