import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Brand')
export class BrandDto {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'IANA time zone; the default zone of period queries' }) timeZone!: string;
  @Field({ description: 'ISO-4217 currency' }) currency!: string;
}

@InputType('CreateBrandInput')
export class CreateBrandInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() timeZone!: string;
  @Field() currency!: string;
}
