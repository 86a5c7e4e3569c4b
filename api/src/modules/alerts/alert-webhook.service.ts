import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import {
  AlertDeliveryRepository,
  type AlertDeliveryRow,
  type AlertDeliveryState,
} from '../../repositories/alert-delivery.repository.js';
import { AlertWebhookRepository, type AlertWebhookRow } from '../../repositories/alert-webhook.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { ALERT_KINDS } from '../live/live.rules.js';
import { idempotencyKey } from './alert-delivery.rules.js';
import { AlertDeliveryStateDto, type AlertDeliveryDto, type AlertWebhookDto } from './dtos/alert-webhook.dto.js';

export const MAX_URL_LENGTH = 2048;
export const MAX_DELIVERIES_PAGE = 500;

export function toAlertWebhookDto(row: AlertWebhookRow): AlertWebhookDto {
  return {
    id: row.webhook_id,
    brandId: row.brand_id,
    url: row.url,
    kinds: row.kinds,
    createdAt: fromClickHouseTime(row.created_at),
  };
}

const STATES: Record<AlertDeliveryState, AlertDeliveryStateDto> = {
  pending: AlertDeliveryStateDto.PENDING,
  delivered: AlertDeliveryStateDto.DELIVERED,
  failed: AlertDeliveryStateDto.FAILED,
  cancelled: AlertDeliveryStateDto.CANCELLED,
};

function toAlertDeliveryDto(row: AlertDeliveryRow, webhook: AlertWebhookDto | null): AlertDeliveryDto {
  return {
    webhookId: row.webhook_id,
    webhook,
    alert: {
      sessionId: row.session_id,
      kind: row.kind,
      minute: Number(row.minute),
      at: fromClickHouseTime(row.alert_at),
      text: row.text,
    },
    state: STATES[row.state],
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error === '' ? null : row.last_error,
    idempotencyKey: idempotencyKey(row),
    createdAt: fromClickHouseTime(row.created_at),
    deliveredAt: row.delivered_at === null ? null : fromClickHouseTime(row.delivered_at),
    nextAttemptAt: row.next_attempt_at === null ? null : fromClickHouseTime(row.next_attempt_at),
  };
}

/** An http(s) URL, or an error naming the field. */
function checkUrl(url: string): string {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH)
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `url must be 1–${MAX_URL_LENGTH} characters`, 'url');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'url must be an absolute http(s) URL', 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      `url must start with http:// or https://, not ${parsed.protocol}//`,
      'url',
    );
  return parsed.toString();
}

/** The admin's alert webhooks and their deliveries (docs/ARCHITECTURE.md, "Alerts outward"). */
@Injectable()
export class AlertWebhookService {
  constructor(
    private readonly webhooks: AlertWebhookRepository,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly brands: BrandAccessService,
  ) {}

  async create(principal: Principal, brandId: string, url: string, kinds: readonly string[]): Promise<AlertWebhookDto> {
    const checkedUrl = checkUrl(url);
    const unknown = kinds.filter((k) => !(ALERT_KINDS as readonly string[]).includes(k));
    if (kinds.length === 0 || unknown.length > 0)
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        kinds.length === 0 ? 'kinds must name at least one alert' : `unknown alert kind(s): ${unknown.join(', ')}`,
        'kinds',
      );
    const brand = await this.brands.resolve(principal, brandId);
    const row: AlertWebhookRow = {
      brand_id: brand.id,
      webhook_id: randomUUID(),
      url: checkedUrl,
      // in the order of ALERT_KINDS, each once
      kinds: ALERT_KINDS.filter((k) => kinds.includes(k)),
      created_at: toClickHouseTime(new Date()),
    };
    await this.webhooks.create(row);
    return toAlertWebhookDto(row);
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const row = await this.webhooks.find(BrandScope.of(principal), id);
    if (!row) throw new ApiException(ApiErrorCode.NOT_FOUND, `no alert webhook "${id}"`, 'id');
    await this.webhooks.delete(row);
    return true;
  }

  async list(principal: Principal, brandId: string): Promise<AlertWebhookDto[]> {
    const brand = await this.brands.resolve(principal, brandId);
    return (await this.webhooks.list(BrandScope.of(principal, brand.id))).map(toAlertWebhookDto);
  }

  async deliveryLog(principal: Principal, brandId: string, first: number): Promise<AlertDeliveryDto[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE)
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${MAX_DELIVERIES_PAGE}`,
        'first',
      );
    const brand = await this.brands.resolve(principal, brandId);
    const scope = BrandScope.of(principal, brand.id);
    const [rows, webhooks] = await Promise.all([this.deliveries.list(scope, first), this.webhooks.list(scope)]);
    const live = new Map(webhooks.map((w) => [w.webhook_id, w]));
    return rows.map((row) => {
      const webhook = live.get(row.webhook_id);
      return toAlertDeliveryDto(row, webhook ? toAlertWebhookDto(webhook) : null);
    });
  }
}
