import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion } from '@lc/clickhouse';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export type AlertDeliveryState = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface AlertDeliveryRow {
  brand_id: string;
  webhook_id: string;
  /** sessionId|kind|minute: one delivery per alert occurrence and webhook. */
  alert_key: string;
  session_id: string;
  kind: string;
  minute: number;
  alert_at: string;
  text: string;
  state: AlertDeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
}

export interface LiveSessionRef {
  brand_id: string;
  session_id: string;
}

const COLUMNS = `brand_id, webhook_id, alert_key, session_id, kind, minute, alert_at, text, state, attempts,
  last_status, last_error, created_at, delivered_at, next_attempt_at`;

/**
 * Alert deliveries (one row per webhook × alert, ReplacingMergeTree by version) and the live
 * sessions the dispatcher scans. The first row of a delivery is written with version 0 and every
 * attempt's outcome with a newer `nextRowVersion`, so an enqueue repeated by mistake never undoes
 * an attempt's outcome.
 */
@Injectable()
export class AlertDeliveryRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  /** Sessions of these brands without a session_end whose latest event is at or after `since`. */
  async liveSessions(brandIds: readonly string[], since: string, now: string): Promise<LiveSessionRef[]> {
    if (brandIds.length === 0) return [];
    return this.gateway.query<LiveSessionRef>(
      `SELECT brand_id, session_id FROM session_stats FINAL
       WHERE brand_id IN {brandIds:Array(String)} AND ended_at IS NULL
         AND last_event_at >= {since:DateTime64(3, 'UTC')} AND started_at <= {now:DateTime64(3, 'UTC')}
       ORDER BY brand_id, session_id
       LIMIT 1000`,
      { brandIds: [...brandIds], since, now },
      { tag: 'alertDeliveries.liveSessions' },
    );
  }

  /** Which of these (webhook, alert) pairs of a brand already have a delivery, in any state. */
  async recorded(
    brandId: string,
    webhookIds: readonly string[],
    alertKeys: readonly string[],
  ): Promise<{ webhook_id: string; alert_key: string }[]> {
    if (webhookIds.length === 0 || alertKeys.length === 0) return [];
    return this.gateway.query<{ webhook_id: string; alert_key: string }>(
      `SELECT DISTINCT webhook_id, alert_key FROM alert_deliveries
       WHERE brand_id = {brandId:String} AND webhook_id IN {webhookIds:Array(String)}
         AND alert_key IN {alertKeys:Array(String)}`,
      { brandId, webhookIds: [...webhookIds], alertKeys: [...alertKeys] },
      { tag: 'alertDeliveries.recorded' },
    );
  }

  /** Records new deliveries before their first attempt (version 0: any attempt's row supersedes it). */
  async enqueue(rows: readonly AlertDeliveryRow[]): Promise<void> {
    await this.gateway.insert(
      'alert_deliveries',
      rows.map((row) => ({ ...row, version: 0 })),
      { tag: 'alertDeliveries.enqueue' },
    );
  }

  /** Pending deliveries whose next attempt is due at `now`, the longest waiting first. */
  async due(now: string, limit: number): Promise<AlertDeliveryRow[]> {
    return this.gateway.query<AlertDeliveryRow>(
      `SELECT ${COLUMNS} FROM alert_deliveries FINAL
       WHERE state = 'pending' AND next_attempt_at <= {now:DateTime64(3, 'UTC')}
       ORDER BY next_attempt_at, brand_id, webhook_id, alert_key
       LIMIT {limit:UInt32}`,
      { now, limit },
      { tag: 'alertDeliveries.due' },
    );
  }

  /** A delivery's state after an attempt (or its cancellation). */
  async update(row: AlertDeliveryRow): Promise<void> {
    await this.gateway.insert('alert_deliveries', [{ ...row, version: nextRowVersion() }], {
      tag: 'alertDeliveries.update',
    });
  }

  /** The scope's latest deliveries, newest first. */
  async list(scope: BrandScope, limit: number): Promise<AlertDeliveryRow[]> {
    return this.gateway.query<AlertDeliveryRow>(
      `SELECT ${COLUMNS} FROM alert_deliveries FINAL
       WHERE ${scopeFilter('brand_id')}
       ORDER BY created_at DESC, alert_at DESC, webhook_id, alert_key
       LIMIT {limit:UInt32}`,
      { ...scope.params, limit },
      { tag: 'alertDeliveries.list' },
    );
  }
}
