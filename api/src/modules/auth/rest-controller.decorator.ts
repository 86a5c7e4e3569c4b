import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExceptionFilter } from '../../api-exception.filter.js';
import { PrincipalGuard } from './principal.guard.js';

/** Every REST controller: authenticated like GraphQL (one guard) and failing like GraphQL (one filter). */
export const RestController = (path: string) =>
  applyDecorators(Controller(path), UseGuards(PrincipalGuard), UseFilters(ApiExceptionFilter));
