import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import { SerialRounds } from '../../common/serial-rounds.js';
import { ApiSettings } from '../../api.env.js';
import { AlertDeliveryRepository, type AlertDeliveryRow } from '../../repositories/alert-delivery.repository.js';
import { AlertWebhookRepository, type AlertWebhookRow } from '../../repositories/alert-webhook.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { LiveService } from '../live/live.service.js';
import type { AlertKind } from '../live/live.rules.js';
import type { LiveAlertDto } from '../live/dtos/live.dto.js';
import { SessionService } from '../sessions/session.service.js';
import {
  afterAttempt,
  alertAfterRegistration,
  alertKey,
  alertText,
  deliveryBody,
  idempotencyKey,
  type AttemptOutcome,
} from './alert-delivery.rules.js';

/** A session still counts as live while its latest event is this recent (a stream that never sent session_end). */
export const LIVE_IDLE_MS = 30 * 60_000;
/** Deliveries attempted per round, and at once. */
const DUE_PER_ROUND = 100;
const PARALLEL_POSTS = 8;
/** Without settings (tests driving rounds by hand): the POST time limit. */
const DEFAULT_TIMEOUT_MS = 5_000;

const ADMIN: Principal = { kind: 'admin' };
/** The dispatcher reads one brand at a time, as a READ token of that brand would. */
const brandPrincipal = (brandId: string): Principal => ({
  kind: 'reader',
  keyId: 'internal:alert-dispatcher',
  brandIds: [brandId],
});

export interface AlertRound {
  /** Deliveries recorded this round (new alert × webhook pairs). */
  enqueued: number;
  delivered: number;
  /** Attempts that failed and will be retried. */
  retrying: number;
  /** Deliveries given up this round (last attempt failed). */
  failed: number;
  cancelled: number;
}

/**
 * Sends live alerts to the brands' webhooks (docs/ARCHITECTURE.md, "Alerts outward"). Each round:
 * the live sessions of brands with webhooks get their alerts from `LiveService`; every alert × webhook
 * not recorded yet is recorded as a pending delivery before anything is sent, then the due pending
 * deliveries are POSTed. The schedule of retries lives in the rows (attempts, next_attempt_at), so a
 * restart resumes it and never records an alert twice. One round at a time per process.
 */
@Injectable()
export class AlertDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log: Logger;
  /** Rounds (and, for reports, "send now") one after another, never overlapping. */
  private readonly rounds: SerialRounds;

  constructor(
    private readonly webhooks: AlertWebhookRepository,
    private readonly deliveries: AlertDeliveryRepository,
    private readonly sessions: SessionService,
    private readonly live: LiveService,
    private readonly brands: BrandAccessService,
    private readonly settings: ApiSettings,
  ) {
    this.log = pino({ name: 'alerts', level: settings.logLevel });
    this.rounds = new SerialRounds((error) =>
      this.log.warn({ err: error }, 'alert round failed; the next one retries'),
    );
  }

  onApplicationBootstrap(): void {
    const scanMs = this.settings.alerts?.scanMs ?? 0;
    if (scanMs > 0) this.rounds.every(scanMs, () => this.runOnce());
  }

  async onModuleDestroy(): Promise<void> {
    await this.rounds.stop();
  }

  /** One round at `now` (after any round still running). */
  runOnce(now: Date = new Date()): Promise<AlertRound> {
    return this.rounds.run(() => this.round(now));
  }

  private async round(now: Date): Promise<AlertRound> {
    const report: AlertRound = { enqueued: 0, delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
    const webhooks = await this.webhooks.list(BrandScope.of(ADMIN));
    report.enqueued = await this.enqueue(webhooks, now);
    await this.deliver(new Map(webhooks.map((w) => [w.webhook_id, w])), now, report);
    if (report.enqueued + report.delivered + report.retrying + report.failed + report.cancelled > 0)
      this.log.info(report, 'alert round');
    return report;
  }

  /** Records every new alert × webhook of the live sessions as a pending delivery; returns how many. */
  private async enqueue(webhooks: readonly AlertWebhookRow[], now: Date): Promise<number> {
    const byBrand = new Map<string, AlertWebhookRow[]>();
    for (const w of webhooks) byBrand.set(w.brand_id, [...(byBrand.get(w.brand_id) ?? []), w]);
    const sessions = await this.deliveries.liveSessions(
      [...byBrand.keys()],
      toClickHouseTime(now.getTime() - LIVE_IDLE_MS),
      toClickHouseTime(now),
    );
    let enqueued = 0;
    for (const { brand_id: brandId, session_id: sessionId } of sessions) {
      try {
        enqueued += await this.enqueueSession(brandId, sessionId, byBrand.get(brandId) ?? [], now);
      } catch (error) {
        // one session's failure (an engine error, a vanished brand) must not starve the others
        this.log.warn({ err: error, brandId, sessionId }, 'live alerts of a session could not be read');
      }
    }
    return enqueued;
  }

  private async enqueueSession(
    brandId: string,
    sessionId: string,
    webhooks: readonly AlertWebhookRow[],
    now: Date,
  ): Promise<number> {
    const principal = brandPrincipal(brandId);
    const session = await this.sessions.byId(principal, sessionId);
    if (!session?.isLive) return 0;
    const [state, brand] = await Promise.all([
      this.live.state(principal, session, now),
      this.brands.resolve(principal, brandId),
    ]);
    const createdAt = toClickHouseTime(now);
    const candidates = new Map<string, AlertDeliveryRow>();
    // several questions due in one minute are one delivery, its text naming each
    const byKey = new Map<string, LiveAlertDto[]>();
    for (const alert of state.alerts) {
      const key = alertKey(session.id, alert.kind, alert.minute);
      const same = byKey.get(key);
      if (same) same.push(alert);
      else byKey.set(key, [alert]);
    }
    for (const [key, same] of byKey) {
      const [alert] = same;
      const kind = alert.kind as AlertKind;
      for (const webhook of webhooks) {
        if (!webhook.kinds.includes(kind)) continue;
        if (!alertAfterRegistration(alert.at.getTime(), fromClickHouseTime(webhook.created_at).getTime())) continue;
        candidates.set(`${webhook.webhook_id}\n${key}`, {
          brand_id: brandId,
          webhook_id: webhook.webhook_id,
          alert_key: key,
          session_id: session.id,
          kind,
          minute: alert.minute,
          alert_at: toClickHouseTime(alert.at),
          text: alertText(brand.name, session.title, same),
          state: 'pending',
          attempts: 0,
          last_status: null,
          last_error: '',
          created_at: createdAt,
          delivered_at: null,
          next_attempt_at: createdAt,
        });
      }
    }
    if (candidates.size === 0) return 0;
    const rows = [...candidates.values()];
    const recorded = await this.deliveries.recorded(
      brandId,
      [...new Set(rows.map((r) => r.webhook_id))],
      [...new Set(rows.map((r) => r.alert_key))],
    );
    for (const r of recorded) candidates.delete(`${r.webhook_id}\n${r.alert_key}`);
    await this.deliveries.enqueue([...candidates.values()]);
    return candidates.size;
  }

  /** POSTs the due pending deliveries, a few at a time, and records each outcome as soon as it is known. */
  private async deliver(webhooks: ReadonlyMap<string, AlertWebhookRow>, now: Date, report: AlertRound): Promise<void> {
    const due = await this.deliveries.due(toClickHouseTime(now), DUE_PER_ROUND);
    for (let i = 0; i < due.length; i += PARALLEL_POSTS) {
      await Promise.all(
        due.slice(i, i + PARALLEL_POSTS).map(async (row) => {
          const webhook = webhooks.get(row.webhook_id);
          if (!webhook) {
            await this.deliveries.update({
              ...row,
              state: 'cancelled',
              last_error: 'webhook deleted',
              next_attempt_at: null,
            });
            report.cancelled++;
            return;
          }
          const next = afterAttempt(row, await this.post(webhook.url, row), now);
          await this.deliveries.update(next);
          if (next.state === 'delivered') report.delivered++;
          else if (next.state === 'failed') report.failed++;
          else report.retrying++;
          if (next.state !== 'delivered')
            this.log.warn(
              { brandId: row.brand_id, webhookId: row.webhook_id, alertKey: row.alert_key, attempts: next.attempts },
              `alert delivery ${next.state === 'failed' ? 'failed for good' : 'will be retried'}: ${next.last_error}`,
            );
        }),
      );
    }
  }

  /** One POST, with a time limit; redirects are not followed (a 3xx is a failed attempt). */
  private async post(url: string, row: AlertDeliveryRow): Promise<AttemptOutcome> {
    const timeoutMs = this.settings.alerts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey(row),
          'user-agent': 'live-commerce-alerts/1',
        },
        body: JSON.stringify(deliveryBody(row)),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // the body is not needed: release the connection
      await response.body?.cancel();
      return { status: response.status };
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') return { error: `no answer within ${timeoutMs} ms` };
      const cause =
        error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
      return { error: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)) };
    }
  }
}
