import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { ratio } from '@lc/contract';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { PERIOD_METRICS } from '../../metrics/period-metric.definitions.js';
import { SESSION_METRICS } from '../../metrics/session-metric.definitions.js';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RestController } from '../auth/rest-controller.decorator.js';
import { CommercerService } from '../commercers/commercer.service.js';
import { MAX_PERIOD_PRODUCTS, PeriodService } from '../periods/period.service.js';
import type { ProductDto, TrafficSourceDto } from '../sessions/dtos/merchandise.dto.js';
import { SortDirection } from '../sessions/dtos/session-list.dto.js';
import { LaterPurchaseService } from '../sessions/later-purchase.service.js';
import { SessionService } from '../sessions/session.service.js';

type Cell = string | number | null;

/** Locale-neutral cells: '.' decimals, no separators, empty for null. */
const cell = (value: unknown): Cell =>
  value === null || value === undefined ? '' : typeof value === 'number' ? value : String(value);

/** METRICS.md "Products" columns, in its order. */
const PRODUCT_COLUMNS = [
  'productId',
  'productName',
  'pins',
  'pinnedSeconds',
  'impressed',
  'clickers',
  'clickRate',
  'cartAdds',
  'cartAdders',
  'orders',
  'units',
  'revenue',
  'buyers',
  'orderRate',
] as const satisfies readonly (keyof ProductDto)[];
/** METRICS.md "Traffic sources" columns, in its order, and the currency of revenue. */
const SOURCE_COLUMNS = [
  'source',
  'viewers',
  'engagedViewers',
  'buyers',
  'revenue',
  'conversionRate',
  'avgWatchSeconds',
  'currency',
] as const satisfies readonly (keyof TrafficSourceDto)[];

/**
 * CSV downloads for agency reports: GET /export/{sessions|commercers|daily|products|sources}.csv
 * ?brandId=&from=&to=&timeZone= with the same Bearer token as GraphQL. The rows are gathered
 * first (so a failure is a clean error status, never half a file), then written with a header row.
 */
@RestController('export')
export class ExportController {
  constructor(
    private readonly periods: PeriodService,
    private readonly sessions: SessionService,
    private readonly commercers: CommercerService,
    private readonly later: LaterPurchaseService,
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
    const rows = await this.rows(table, principal, resolved);
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

  private async rows(
    table: string,
    principal: Principal,
    { brand, period, scope }: Awaited<ReturnType<PeriodService['resolve']>>,
  ): Promise<{ columns: string[]; data: Cell[][] }> {
    switch (table) {
      case 'sessions': {
        const columns = [
          'sessionId',
          'title',
          'commercerId',
          'commercerName',
          'commercerKind',
          'platform',
          'startedAt',
          'endedAt',
          'currency',
          ...SESSION_METRICS.map((m) => m.name),
        ];
        const data: Cell[][] = [];
        let after: string | undefined;
        // Page through every session of the period, oldest first.
        for (;;) {
          const page = await this.sessions.list(principal, {
            filter: { brandId: brand.id, period: { from: period.from, to: period.to, timeZone: period.timeZone } },
            first: 200,
            after,
            sortBy: 'startedAt',
            direction: SortDirection.ASC,
          });
          // returning/new viewers depend on other sessions: one batched query per page
          const [returning, regulars, later] = await Promise.all([
            this.sessions.returning(principal, page.nodes),
            this.sessions.regulars(principal, page.nodes),
            this.later.bySession(
              principal,
              page.nodes.map((s) => ({
                id: s.id,
                version: s.version,
                engagedNonBuyers: Number(s.metrics.engagedNonBuyers),
                passiveNonBuyers: Number(s.metrics.passiveNonBuyers),
              })),
            ),
          ]);
          page.nodes.forEach((s, i) => {
            s.metrics.returningViewers = returning[i];
            s.metrics.newViewers = Number(s.metrics.uniqueViewers) - returning[i];
            s.metrics.regularViewers = regulars[i];
            s.metrics.regularShare = ratio(regulars[i], Number(s.metrics.uniqueViewers));
            s.metrics.laterConversionEngaged = later[i].laterConversionEngaged;
            s.metrics.laterConversionPassive = later[i].laterConversionPassive;
            s.metrics.engagementLift = later[i].engagementLift;
            s.metrics.laterRevenue = later[i].laterRevenue;
          });
          for (const s of page.nodes) {
            data.push([
              s.id,
              s.title,
              s.commercer.id,
              s.commercer.name,
              s.commercer.kind,
              s.platform,
              s.startedAt.toISOString(),
              s.endedAt?.toISOString() ?? '',
              s.currency,
              ...SESSION_METRICS.map((m) => cell(s.metrics[m.name])),
            ]);
          }
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
          after = page.pageInfo.endCursor;
        }
        return { columns, data };
      }
      case 'commercers': {
        const rows = await this.commercers.rows(brand, period, {
          kind: null,
          sortBy: 'revenue',
          direction: SortDirection.DESC,
          first: 500,
          compare: false,
        });
        return {
          columns: [
            'commercerId',
            'commercerName',
            'commercerKind',
            ...PERIOD_METRICS.map((m) => m.name),
            'revenueByCurrency',
          ],
          data: rows.map((r) => [
            r.commercer.id,
            r.commercer.name,
            r.commercer.kind,
            ...PERIOD_METRICS.map((m) => cell(r.metrics[m.name])),
            (r.metrics.revenueByCurrency as { currency: string; amount: number }[])
              .map((m) => `${m.currency} ${m.amount}`)
              .join('; '),
          ]),
        };
      }
      case 'daily': {
        const days = await this.periods.daily(scope, period);
        const columns = [
          'date',
          'sessions',
          'views',
          'uniqueViewers',
          'comments',
          'likes',
          'orders',
          'revenue',
          'engagementRate',
          'conversionRate',
          'newViewers',
          'returningViewers',
        ];
        return {
          columns,
          data: days.map((d) => columns.map((c) => cell((d as unknown as Record<string, unknown>)[c]))),
        };
      }
      case 'products': {
        const products = await this.periods.products({ scope, brandCurrency: brand.currency }, MAX_PERIOD_PRODUCTS);
        return {
          columns: [...PRODUCT_COLUMNS, 'currency', 'sessions', 'bestCommercerId', 'bestCommercerName'],
          data: products.map((p) => [
            ...PRODUCT_COLUMNS.map((c) => cell(p[c])),
            p.currency,
            p.sessions,
            p.bestCommercer?.id ?? '',
            p.bestCommercer?.name ?? '',
          ]),
        };
      }
      case 'sources': {
        const sources = await this.periods.trafficSources({ scope, brandCurrency: brand.currency });
        return { columns: [...SOURCE_COLUMNS], data: sources.map((row) => SOURCE_COLUMNS.map((c) => cell(row[c]))) };
      }
      default:
        throw new ApiException(
          ApiErrorCode.NOT_FOUND,
          `no export "${table}.csv"; use sessions.csv, commercers.csv, daily.csv, products.csv or sources.csv`,
          'table',
        );
    }
  }
}
