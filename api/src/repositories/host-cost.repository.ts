import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion } from '@lc/clickhouse';
import { RollupStateRepository } from './rollup-state.repository.js';
import { KeptBrandReads, type BrandStateKind } from './kept-brand-reads.js';

export interface SessionCostRow {
  brand_id: string;
  session_id: string;
  amount: number;
  currency: string;
  updated_at: string;
}

export interface CommercerFeeRow {
  brand_id: string;
  commercer_id: string;
  month: string;
  amount: number;
  currency: string;
  updated_at: string;
}

/** What host cost and size-adjusted engagement read of a session (session_stats, current version). */
export interface CostSessionRow {
  session_id: string;
  commercer_id: string;
  commercer_name: string;
  commercer_kind: string;
  /** 'YYYY-MM' of the start in the brand's zone. */
  month: string;
  duration_seconds: number;
  /** '' for a session without sales. */
  currency: string;
  revenue: number;
  orders: number;
  engaged_viewers: number;
  unique_viewers: number;
  /** 1 when the session started in the asked period (the others are the rest of its months). */
  in_period: number;
}

export interface FitRow {
  unique_viewers: number;
  engaged_viewers: number;
}

const COST_SESSION_COLUMNS = `session_id, commercer_id, commercer_name, toString(commercer_kind) AS commercer_kind,
  formatDateTime(started_at, '%Y-%m', {zone:String}) AS month,
  duration_seconds, toString(currency) AS currency, toFloat64(revenue) AS revenue, orders, engaged_viewers, unique_viewers`;

/**
 * Host costs (METRICS.md "Professional vs in-house, cost and audience size"): the costs and fees set by
 * hand, and the session figures they are spread over and compared with. Small tables, read with FINAL.
 * The reads behind the period pages are kept under the brand's rollup and cost states (KeptBrandReads).
 */
@Injectable()
export class HostCostRepository {
  constructor(
    private readonly gateway: ClickHouseGateway,
    /** The app's kept reads (RollupStateModule); a repository made by hand gets its own. */
    private readonly kept: KeptBrandReads = new KeptBrandReads(gateway, new RollupStateRepository(gateway)),
  ) {}

  /** A read of one brand's rows, kept under the states it depends on. */
  private keptRead<T>(
    brandId: string,
    dependsOn: readonly BrandStateKind[],
    sql: string,
    params: Record<string, unknown>,
    tag: string,
  ): Promise<T[]> {
    return this.kept.query<T>(brandId, dependsOn, sql, { brandId, ...params }, { tag });
  }

  async setSessionCost(row: Omit<SessionCostRow, 'updated_at'>, updatedAt: string, deleted = false): Promise<void> {
    await this.gateway.insert(
      'session_costs',
      [{ ...row, updated_at: updatedAt, deleted: deleted ? 1 : 0, version: nextRowVersion() }],
      { tag: 'hostCost.setSessionCost' },
    );
  }

  async setCommercerFee(row: Omit<CommercerFeeRow, 'updated_at'>, updatedAt: string, deleted = false): Promise<void> {
    await this.gateway.insert(
      'commercer_fees',
      [{ ...row, updated_at: updatedAt, deleted: deleted ? 1 : 0, version: nextRowVersion() }],
      { tag: 'hostCost.setCommercerFee' },
    );
  }

  /** A brand's session costs, optionally only some sessions'. */
  async sessionCosts(brandId: string, sessionIds: readonly string[] | null): Promise<SessionCostRow[]> {
    return this.keptRead<SessionCostRow>(
      brandId,
      ['costs'],
      `SELECT brand_id, session_id, toFloat64(amount) AS amount, toString(currency) AS currency, toString(updated_at) AS updated_at
       FROM session_costs FINAL
       WHERE brand_id = {brandId:String} AND deleted = 0
         AND ({all:Bool} OR session_id IN {sessionIds:Array(String)})
       ORDER BY session_id`,
      { all: sessionIds === null, sessionIds: sessionIds ? [...sessionIds] : [] },
      'hostCost.sessionCosts',
    );
  }

  /** A brand's commercer fees, optionally one commercer's, months in [fromMonth, toMonth] when given. */
  async commercerFees(
    brandId: string,
    filter: { commercerId?: string | null; fromMonth?: string | null; toMonth?: string | null },
  ): Promise<CommercerFeeRow[]> {
    return this.keptRead<CommercerFeeRow>(
      brandId,
      ['costs'],
      `SELECT brand_id, commercer_id, month, toFloat64(amount) AS amount, toString(currency) AS currency, toString(updated_at) AS updated_at
       FROM commercer_fees FINAL
       WHERE brand_id = {brandId:String} AND deleted = 0
         AND ({commercerId:Nullable(String)} IS NULL OR commercer_id = {commercerId:Nullable(String)})
         AND ({fromMonth:Nullable(String)} IS NULL OR month >= {fromMonth:Nullable(String)})
         AND ({toMonth:Nullable(String)} IS NULL OR month <= {toMonth:Nullable(String)})
       ORDER BY commercer_id, month`,
      {
        commercerId: filter.commercerId ?? null,
        fromMonth: filter.fromMonth ?? null,
        toMonth: filter.toMonth ?? null,
      },
      'hostCost.commercerFees',
    );
  }

  /**
   * The session costs of the sessions periodSessions reads (the same window), so a brand's whole
   * history of costs is never read for one period.
   */
  async sessionCostsAround(brandId: string, from: string, to: string): Promise<SessionCostRow[]> {
    return this.keptRead<SessionCostRow>(
      brandId,
      ['rollups', 'costs'],
      `SELECT brand_id, session_id, toFloat64(amount) AS amount, toString(currency) AS currency, toString(updated_at) AS updated_at
       FROM session_costs FINAL
       WHERE brand_id = {brandId:String} AND deleted = 0
         AND session_id IN (
           SELECT session_id FROM session_stats
           WHERE brand_id = {brandId:String}
             AND started_at >= {from:DateTime64(3, 'UTC')} - INTERVAL 32 DAY
             AND started_at < {to:DateTime64(3, 'UTC')} + INTERVAL 32 DAY)
       ORDER BY session_id`,
      { from, to },
      'hostCost.sessionCostsAround',
    );
  }

  /**
   * Has the brand ever set a session cost or a commercer fee (deleted ones count too)? From its cost state
   * (COST_STATES_SQL: an entry for every brand with a row in either table, a deleted one included), which
   * the kept reads already follow: no statement while no cost or fee was written.
   */
  async anyCost(brandId: string): Promise<boolean> {
    return (await this.kept.stateOf(brandId, 'costs')) !== '';
  }

  /** Does the brand have a session of this commercer (any time)? */
  async commercerExists(brandId: string, commercerId: string): Promise<boolean> {
    const rows = await this.gateway.query<{ n: number }>(
      `SELECT count() AS n FROM session_stats WHERE brand_id = {brandId:String} AND commercer_id = {commercerId:String}`,
      { brandId, commercerId },
      { tag: 'hostCost.commercerExists' },
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /**
   * The brand's sessions of every month (in `zone`) the period [from, to) touches, `in_period` marking
   * those that started in it: a fee is spread over its whole month even when the period cuts it.
   */
  async periodSessions(brandId: string, zone: string, from: string, to: string): Promise<CostSessionRow[]> {
    return this.keptRead<CostSessionRow>(
      brandId,
      ['rollups'],
      `SELECT ${COST_SESSION_COLUMNS},
              started_at >= {from:DateTime64(3, 'UTC')} AND started_at < {to:DateTime64(3, 'UTC')} AS in_period
       FROM session_stats AS s FINAL
       WHERE brand_id = {brandId:String}
         AND started_at >= {from:DateTime64(3, 'UTC')} - INTERVAL 32 DAY
         AND started_at < {to:DateTime64(3, 'UTC')} + INTERVAL 32 DAY
         AND toStartOfMonth(started_at, {zone:String}) >= toStartOfMonth({from:DateTime64(3, 'UTC')}, {zone:String})
         AND toStartOfMonth(started_at, {zone:String})
             <= toStartOfMonth({to:DateTime64(3, 'UTC')} - INTERVAL 1 MILLISECOND, {zone:String})
       ORDER BY started_at, session_id`,
      { zone, from, to },
      'hostCost.periodSessions',
    );
  }

  /** Some sessions of a brand and every other session of their commercers in the same months (`in_period`: asked for). */
  async sessionsWithTheirMonths(
    brandId: string,
    zone: string,
    sessionIds: readonly string[],
  ): Promise<CostSessionRow[]> {
    return this.keptRead<CostSessionRow>(
      brandId,
      ['rollups'],
      `WITH targets AS (
         SELECT commercer_id, formatDateTime(started_at, '%Y-%m', {zone:String}) AS month
         FROM session_stats FINAL
         WHERE brand_id = {brandId:String} AND session_id IN {sessionIds:Array(String)}
       )
       SELECT ${COST_SESSION_COLUMNS}, session_id IN {sessionIds:Array(String)} AS in_period
       FROM session_stats AS s FINAL
       WHERE brand_id = {brandId:String}
         AND (commercer_id, formatDateTime(started_at, '%Y-%m', {zone:String})) IN (SELECT commercer_id, month FROM targets)
       ORDER BY started_at, session_id`,
      { zone, sessionIds: [...sessionIds] },
      'hostCost.sessionsWithTheirMonths',
    );
  }

  /** The brand's finished sessions that started in [from, to) and ended by `to`: the points of a fit. */
  async fitPoints(brandId: string, from: string, to: string): Promise<FitRow[]> {
    return this.keptRead<FitRow>(
      brandId,
      ['rollups'],
      `SELECT unique_viewers, engaged_viewers
       FROM session_stats FINAL
       WHERE brand_id = {brandId:String}
         AND started_at >= {from:DateTime64(3, 'UTC')} AND started_at < {to:DateTime64(3, 'UTC')}
         AND ended_at IS NOT NULL AND ended_at <= {to:DateTime64(3, 'UTC')}`,
      { from, to },
      'hostCost.fitPoints',
    );
  }
}
