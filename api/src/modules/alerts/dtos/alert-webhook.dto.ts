import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LiveAlertKind } from '../../live/dtos/live.dto.js';

@ObjectType('AlertWebhook', { description: "Where a brand's live alerts are POSTed (admin)" })
export class AlertWebhookDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) brandId!: string;
  @Field({ description: 'http(s) URL the alerts are POSTed to as JSON' }) url!: string;
  @Field(() => [LiveAlertKind], { description: 'The alerts it receives' }) kinds!: string[];
  @Field(() => Date) createdAt!: Date;
}

export enum AlertDeliveryStateDto {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AlertDeliveryStateDto, {
  name: 'AlertDeliveryState',
  description:
    'PENDING: not yet answered with 2xx, next attempt at nextAttemptAt; DELIVERED: answered 2xx; ' +
    'FAILED: gave up after the last attempt; CANCELLED: its webhook was deleted first',
});

@ObjectType('OutgoingAlert', { description: 'The alert a delivery carries' })
export class OutgoingAlertDto {
  @Field(() => ID) sessionId!: string;
  @Field(() => LiveAlertKind) kind!: string;
  @Field(() => Int, { description: 'The minute (from the session start) the alert was raised in' }) minute!: number;
  @Field(() => Date, { description: 'The start of that minute' }) at!: Date;
  @Field({ description: 'The message text (Slack `text`)' }) text!: string;
}

@ObjectType('AlertDelivery', { description: 'One alert sent (or being sent) to one webhook' })
export class AlertDeliveryDto {
  @Field(() => ID) webhookId!: string;
  @Field(() => AlertWebhookDto, { nullable: true, description: 'Null once the webhook is deleted' })
  webhook!: AlertWebhookDto | null;
  @Field(() => OutgoingAlertDto) alert!: OutgoingAlertDto;
  @Field(() => AlertDeliveryStateDto) state!: AlertDeliveryStateDto;
  @Field(() => Int, { description: 'POSTs made so far' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null without a response' })
  lastStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed' }) lastError!: string | null;
  @Field({ description: 'Sent as the Idempotency-Key header and field; the same for every attempt' })
  idempotencyKey!: string;
  @Field(() => Date, { description: 'When the alert was recorded for this webhook' }) createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Null once delivered, failed or cancelled' })
  nextAttemptAt!: Date | null;
}
