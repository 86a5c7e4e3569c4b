import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CSV_BOM } from '@lc/contract';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RestController } from '../auth/rest-controller.decorator.js';
import { ExportService } from './export.service.js';

/**
 * CSV downloads for agency reports: GET /export/{sessions|commercers|daily|products|sources}.csv
 * ?brandId=&from=&to=&timeZone= with the same Bearer token as GraphQL.
 */
@RestController('export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get(':table.csv')
  async export(
    @Param('table') table: string,
    @Reader() principal: Principal,
    @Query() query: Record<string, string | undefined>,
    @Res() res: Response,
  ): Promise<void> {
    if (!query.from || !query.to)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'from and to are required (ISO-8601)', 'from');
    const periodInput = { from: new Date(query.from), to: new Date(query.to), timeZone: query.timeZone };
    const file = await this.exports.file(table, principal, query.brandId, periodInput);
    res
      .status(200)
      .setHeader('content-type', 'text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="${file.fileName}"`)
      // The BOM first: Excel otherwise reads the file in the system code page and garbles Japanese names.
      .send(CSV_BOM + file.csv);
  }
}
