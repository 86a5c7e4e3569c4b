import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AnnotationKind {
  NOTE = 'NOTE',
  PREPARATION = 'PREPARATION',
  FEATURED_PRODUCT = 'FEATURED_PRODUCT',
  PROMOTION = 'PROMOTION',
}
registerEnumType(AnnotationKind, { name: 'AnnotationKind' });

@ObjectType('Annotation', { description: 'A note on a session or brand timeline' })
export class AnnotationDto {
  @Field(() => ID) id!: string;
  @Field(() => ID) brandId!: string;
  @Field(() => ID, { nullable: true, description: 'Null for a brand-level note' }) sessionId!: string | null;
  @Field(() => Date) at!: Date;
  @Field(() => AnnotationKind) kind!: AnnotationKind;
  @Field() text!: string;
  @Field(() => Date) createdAt!: Date;
}

@InputType('CreateAnnotationInput')
export class CreateAnnotationInput {
  @Field(() => ID) brandId!: string;
  @Field(() => ID, { nullable: true }) sessionId?: string;
  @Field(() => Date) at!: Date;
  @Field(() => AnnotationKind) kind!: AnnotationKind;
  @Field({ description: '1–1000 characters' }) text!: string;
}
