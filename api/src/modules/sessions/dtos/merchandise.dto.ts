import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { KPI_CATALOGUE, type KpiName, type KpiScope } from '@lc/contract';

/** A column's description from the KPI catalogue (METRICS.md's sentence for that scope). */
const describe = (name: KpiName, scope: KpiScope): string | undefined =>
  (KPI_CATALOGUE[name].scopes as Partial<Record<KpiScope, string>>)[scope];

@ObjectType('CommercerRef', { description: 'A commercer by id and latest name' })
export class CommercerRefDto {
  @Field() id!: string;
  @Field() name!: string;
}

@ObjectType('Product', {
  description: 'METRICS.md "Products": one product of a session, or of a period (rows added up over its sessions)',
})
export class ProductDto {
  @Field() productId!: string;
  @Field({ description: "The latest pin's name, else the id" }) productName!: string;
  @Field(() => Int, { description: describe('pins', 'product') }) pins!: number;
  @Field(() => Float, { description: describe('pinnedSeconds', 'product') }) pinnedSeconds!: number;
  @Field(() => Int, { description: describe('impressed', 'product') }) impressed!: number;
  @Field(() => Int, { description: describe('clickers', 'product') }) clickers!: number;
  @Field(() => Float, { nullable: true, description: describe('clickRate', 'product') }) clickRate!: number | null;
  @Field(() => Int, { description: 'cart_add events of the product' }) cartAdds!: number;
  @Field(() => Int, { description: 'Distinct viewers who added the product' }) cartAdders!: number;
  @Field(() => Int, { description: 'Distinct orders holding the product' }) orders!: number;
  @Field(() => Int, { description: describe('units', 'product') }) units!: number;
  @Field(() => Float, { description: 'Σ quantity × unitPrice of its items' }) revenue!: number;
  @Field(() => Int, { description: 'Distinct viewers with an order holding the product' }) buyers!: number;
  @Field(() => Float, { nullable: true, description: describe('orderRate', 'product') }) orderRate!: number | null;
  @Field({ description: 'The currency of revenue' }) currency!: string;
  @Field(() => Int, { description: 'Sessions where the product had any activity (1 for a session)' }) sessions!: number;
  @Field(() => CommercerRefDto, {
    nullable: true,
    description:
      'Over a period: the commercer whose sessions sold the most of it (null at session level, or without sales)',
  })
  bestCommercer!: CommercerRefDto | null;
}

@ObjectType('PinSegment', {
  description: 'METRICS.md "Pin segments": one pin, from it to the next pin, an unpin or the end',
})
export class PinSegmentDto {
  @Field(() => Int, { description: '0, 1, … in pin order' }) segment!: number;
  @Field() productId!: string;
  @Field({ description: "The product's name (its latest named pin), else the id" }) productName!: string;
  @Field(() => Float, { description: 'Seconds from the session start' }) start!: number;
  @Field(() => Float, { description: 'Seconds from the session start' }) end!: number;
  @Field(() => Int, { description: describe('watchingAtStart', 'pinSegment') }) watchingAtStart!: number;
  @Field(() => Int, { description: describe('watchingAtEnd', 'pinSegment') }) watchingAtEnd!: number;
  @Field(() => Int, { description: 'watchingAtEnd − watchingAtStart' }) watchingChange!: number;
  @Field(() => Int, { description: 'Viewer comments in [start, end)' }) comments!: number;
  @Field(() => Float, { nullable: true, description: describe('commentsPerMinute', 'pinSegment') })
  commentsPerMinute!: number | null;
  @Field(() => Int, { description: describe('clicks', 'pinSegment') }) clicks!: number;
  @Field(() => Int, { description: 'Cart adds of the pinned product in [start, end + 120 s)' }) cartAdds!: number;
  @Field(() => Int, { description: 'Orders holding the pinned product in [start, end + 120 s)' }) orders!: number;
  @Field(() => Int, { description: describe('units', 'pinSegment') }) units!: number;
  @Field(() => Float, { description: 'Revenue of the pinned product in [start, end + 120 s)' }) revenue!: number;
  @Field(() => Int, { description: 'Viewers with any non-leave event in [start, end)' }) viewers!: number;
  @Field(() => Float, { nullable: true, description: describe('segmentGpm', 'pinSegment') }) segmentGpm!: number | null;
}

@ObjectType('TrafficSource', { description: 'METRICS.md "Traffic sources": viewers by their first join\'s source' })
export class TrafficSourceDto {
  @Field({ description: "The join's source; unknown without a join or a source" }) source!: string;
  @Field(() => Int, { description: describe('viewers', 'trafficSource') }) viewers!: number;
  @Field(() => Int) engagedViewers!: number;
  @Field(() => Int) buyers!: number;
  @Field(() => Float, { description: "Those viewers' purchases in the session" }) revenue!: number;
  @Field(() => Float, { nullable: true, description: 'buyers / viewers' }) conversionRate!: number | null;
  @Field(() => Float, { nullable: true }) avgWatchSeconds!: number | null;
  @Field({ description: 'The currency of revenue' }) currency!: string;
}
