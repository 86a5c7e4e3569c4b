import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion } from '@lc/clickhouse';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export interface AlertWebhookRow {
  brand_id: string;
  webhook_id: string;
  url: string;
  kinds: string[];
  created_at: string;
}

const COLUMNS = 'brand_id, webhook_id, url, kinds, created_at';

/** The brands' alert webhooks (admin-registered). Deleting writes a newer row with deleted = 1; reads use FINAL. */
@Injectable()
export class AlertWebhookRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async create(row: AlertWebhookRow): Promise<void> {
    await this.gateway.insert('alert_webhooks', [{ ...row, deleted: 0, version: nextRowVersion() }], {
      tag: 'alertWebhooks.create',
    });
  }

  async find(scope: BrandScope, id: string): Promise<AlertWebhookRow | null> {
    const [row] = await this.gateway.query<AlertWebhookRow>(
      `SELECT ${COLUMNS} FROM alert_webhooks FINAL
       WHERE ${scopeFilter('brand_id')} AND webhook_id = {id:String} AND deleted = 0`,
      { ...scope.params, id },
      { tag: 'alertWebhooks.find' },
    );
    return row ?? null;
  }

  async delete(row: AlertWebhookRow): Promise<void> {
    await this.gateway.insert('alert_webhooks', [{ ...row, deleted: 1, version: nextRowVersion() }], {
      tag: 'alertWebhooks.delete',
    });
  }

  /** The scope's webhooks (not deleted), oldest first. */
  async list(scope: BrandScope): Promise<AlertWebhookRow[]> {
    return this.gateway.query<AlertWebhookRow>(
      `SELECT ${COLUMNS} FROM alert_webhooks FINAL
       WHERE ${scopeFilter('brand_id')} AND deleted = 0
       ORDER BY brand_id, created_at, webhook_id
       LIMIT 10000`,
      scope.params,
      { tag: 'alertWebhooks.list' },
    );
  }
}
