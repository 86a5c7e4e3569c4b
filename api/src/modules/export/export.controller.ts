import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RestController } from '../auth/rest-controller.decorator.js';
import { PeriodService } from '../periods/period.service.js';
import { ExportService } from './export.service.js';

/**
 * CSV downloads for agency reports: GET /export/{sessions|commercers|daily|products|sources}.csv
 * ?brandId=&from=&to=&timeZone= with the same Bearer token as GraphQL. The rows are gathered
 * first (so a failure is a clean error status, never half a file), then written with a header row.
 */
@RestController('export')
export class ExportController {
  constructor(
    private readonly periods: PeriodService,
    private readonly exports: ExportService,
  ) {}

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
    const resolved = await this.periods.resolve(principal, query.brandId, periodInput);
    const rows = await this.exports.rows(table, principal, resolved);
    const filename = `${resolved.brand.id}-${table}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
    res
      .status(200)
      .setHeader('content-type', 'text/csv; charset=utf-8')
      .setHeader('content-disposition', `attachment; filename="${filename}"`);
    const csv = stringify({ header: true, columns: rows.columns, cast: { number: (n) => String(n) } });
    // A UTF-8 BOM first: Excel otherwise reads the file in the system code page and garbles Japanese names.
    res.write('\ufeff');
    csv.pipe(res);
    for (const row of rows.data) csv.write(row);
    csv.end();
  }
}
