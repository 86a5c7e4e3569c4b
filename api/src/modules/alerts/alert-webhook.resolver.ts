import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Admin } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { LiveAlertKind } from '../live/dtos/live.dto.js';
import { AlertWebhookService, MAX_DELIVERIES_PAGE } from './alert-webhook.service.js';
import { AlertDeliveryDto, AlertWebhookDto } from './dtos/alert-webhook.dto.js';

@Resolver(() => AlertWebhookDto)
export class AlertWebhookResolver {
  constructor(private readonly service: AlertWebhookService) {}

  @Mutation(() => AlertWebhookDto, {
    description:
      "Admin: POST a brand's live alerts of these kinds to an http(s) URL as JSON (Slack-compatible `text`), " +
      'from the next alert on',
  })
  createAlertWebhook(
    @Admin() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('url') url: string,
    @Args('kinds', { type: () => [LiveAlertKind] }) kinds: string[],
  ): Promise<AlertWebhookDto> {
    return this.service.create(principal, brandId, url, kinds);
  }

  @Mutation(() => Boolean, { description: 'Admin: stop sending to a webhook; its pending deliveries are cancelled' })
  deleteAlertWebhook(@Admin() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(principal, id);
  }

  @Query(() => [AlertWebhookDto], { description: "Admin: a brand's alert webhooks, oldest first" })
  alertWebhooks(
    @Admin() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
  ): Promise<AlertWebhookDto[]> {
    return this.service.list(principal, brandId);
  }

  @Query(() => [AlertDeliveryDto], { description: "Admin: a brand's latest alert deliveries, newest first" })
  alertDeliveries(
    @Admin() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: `1–${MAX_DELIVERIES_PAGE}` }) first: number,
  ): Promise<AlertDeliveryDto[]> {
    return this.service.deliveryLog(principal, brandId, first);
  }
}
