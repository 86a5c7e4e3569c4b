import { Injectable } from '@nestjs/common';
import { DAILY_CSV_COLUMNS, PRODUCT_CSV_COLUMNS, SOURCE_CSV_COLUMNS, ratio, toCsv, type CsvCell } from '@lc/contract';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { PeriodInput } from '../../common/period.input.js';
import { PERIOD_METRICS } from '../../metrics/period-metric.definitions.js';
import { SESSION_METRICS } from '../../metrics/session-metric.definitions.js';
import type { Principal } from '../auth/principal.js';
import { CommercerService } from '../commercers/commercer.service.js';
import { MAX_PERIOD_PRODUCTS, PeriodService } from '../periods/period.service.js';
import type { ProductDto, TrafficSourceDto } from '../sessions/dtos/merchandise.dto.js';
import { SortDirection } from '../sessions/dtos/session-list.dto.js';
import { LaterPurchaseService } from '../sessions/later-purchase.service.js';
import { SessionService } from '../sessions/session.service.js';

export const EXPORT_TABLES = ['sessions', 'commercers', 'daily', 'products', 'sources'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** One CSV file of a brand's period: its name and its text (without BOM; see CSV_BOM). */
export interface ExportFile {
  fileName: string;
  csv: string;
}

/** Locale-neutral cells: '.' decimals, no separators, empty for null. */
const cell = (value: unknown): CsvCell =>
  value === null || value === undefined ? '' : typeof value === 'number' ? value : String(value);

// Checked against the DTOs here: a renamed field fails to compile until the shared columns follow.
const PRODUCT_COLUMNS: readonly (keyof ProductDto)[] = PRODUCT_CSV_COLUMNS;
const SOURCE_COLUMNS: readonly (keyof TrafficSourceDto)[] = SOURCE_CSV_COLUMNS;

/**
 * The period CSVs of a brand (sessions, commercers, daily, products, sources), built for the HTTP
 * export and for anything else that attaches them (e.g. scheduled emails). Every file goes through
 * the one shared writer (`toCsv` of @lc/contract), which neutralises spreadsheet formulas.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly periods: PeriodService,
    private readonly sessions: SessionService,
    private readonly commercers: CommercerService,
    private readonly later: LaterPurchaseService,
  ) {}

  /** The whole table, gathered before a byte is written, so a failure is a clean error, never half a file. */
  async file(
    table: string,
    principal: Principal,
    brandId: string | null | undefined,
    input: PeriodInput,
  ): Promise<ExportFile> {
    const resolved = await this.periods.resolve(principal, brandId, input);
    const rows = await this.rows(table, principal, resolved);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      fileName: `${resolved.brand.id}-${table}-${day(input.from)}-${day(input.to)}.csv`,
      csv: toCsv({ header: rows.columns, rows: rows.data }),
    };
  }

  private async rows(
    table: string,
    principal: Principal,
    { brand, period, scope }: Awaited<ReturnType<PeriodService['resolve']>>,
  ): Promise<{ columns: string[]; data: CsvCell[][] }> {
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
        const data: CsvCell[][] = [];
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
                brandId: s.brandId,
                id: s.id,
                version: s.version,
                viewersVersion: s.viewersVersion,
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
        const columns = [...DAILY_CSV_COLUMNS];
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
        return {
          columns: [...SOURCE_CSV_COLUMNS],
          data: sources.map((row) => SOURCE_COLUMNS.map((c) => cell(row[c]))),
        };
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
