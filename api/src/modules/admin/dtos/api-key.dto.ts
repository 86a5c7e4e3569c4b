import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ApiKeyScopeDto {
  INGEST = 'INGEST',
  READ = 'READ',
}
registerEnumType(ApiKeyScopeDto, {
  name: 'ApiKeyScope',
  description: 'INGEST writes events for one brand; READ queries its brands',
});

@ObjectType('CreatedApiKey', { description: 'The secret is shown here once and never again' })
export class CreatedApiKeyDto {
  @Field(() => ID) keyId!: string;
  @Field() secret!: string;
  @Field(() => ApiKeyScopeDto) scope!: ApiKeyScopeDto;
  @Field(() => [ID]) brandIds!: string[];
  @Field() label!: string;
}
