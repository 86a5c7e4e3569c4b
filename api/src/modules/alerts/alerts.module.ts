import { Module } from '@nestjs/common';
import { AlertDeliveryRepository } from '../../repositories/alert-delivery.repository.js';
import { AlertWebhookRepository } from '../../repositories/alert-webhook.repository.js';
import { BrandsModule } from '../brands/brands.module.js';
import { LiveModule } from '../live/live.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AlertDispatcher } from './alert.dispatcher.js';
import { AlertWebhookResolver } from './alert-webhook.resolver.js';
import { AlertWebhookService } from './alert-webhook.service.js';

/** Alerts outward: admin-registered webhooks and the dispatcher that POSTs live alerts to them. */
@Module({
  imports: [BrandsModule, SessionsModule, LiveModule],
  providers: [
    AlertWebhookRepository,
    AlertDeliveryRepository,
    AlertWebhookService,
    AlertWebhookResolver,
    AlertDispatcher,
  ],
  exports: [AlertDispatcher],
})
export class AlertsModule {}
