import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CommercersModule } from '../commercers/commercers.module.js';
import { ExportController } from './export.controller.js';

@Module({ imports: [AuthModule, CommercersModule], controllers: [ExportController] })
export class ExportModule {}
