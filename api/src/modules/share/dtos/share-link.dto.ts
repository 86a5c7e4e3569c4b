import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PeriodDto } from '../../../common/period.input.js';

export enum ShareLinkState {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ShareLinkState, { name: 'ShareLinkState' });

@ObjectType('ShareLink', { description: "A read-only link to one brand's report over one period" })
export class ShareLinkDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) brandId!: string;
  @Field() label!: string;
  @Field(() => PeriodDto) period!: PeriodDto;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => ShareLinkState) state!: ShareLinkState;
  @Field(() => Int, { description: 'How many times the share page was opened' }) opens!: number;
  @Field(() => Date, { nullable: true, description: 'When the share page was last opened' })
  lastOpenedAt!: Date | null;
}

@ObjectType('CreatedShareLink')
export class CreatedShareLinkDto {
  @Field(() => ShareLinkDto) link!: ShareLinkDto;
  @Field({ description: 'The page to send: /share/<token>. Shown once; only its hash is stored.' }) url!: string;
  @Field({ description: 'The token inside url (also a Bearer credential for exactly this report)' }) token!: string;
}
