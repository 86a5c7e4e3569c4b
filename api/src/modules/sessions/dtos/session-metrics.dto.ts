import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SESSION_METRICS } from '../../../metrics/session-metric.definitions.js';

/** Every session KPI of METRICS.md; the fields are generated from SESSION_METRICS so nothing is typed twice. */
@ObjectType('SessionMetrics', { description: 'Session KPIs as defined in METRICS.md' })
export class SessionMetricsDto {
  [name: string]: number | null;
}

for (const metric of SESSION_METRICS) {
  Field(() => (metric.type === 'Int' ? Int : Float), { nullable: metric.nullable, description: metric.description })(
    SessionMetricsDto.prototype,
    metric.name,
  );
}
