import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { KPI_CATALOGUE, KPI_NAMES, SESSION_KPI_NAMES, implementedKpis, kpi, type KpiScope } from '@lc/contract';
import { PERIOD_METRICS } from './period-metric.definitions.js';
import { SESSION_METRICS } from './session-metric.definitions.js';

/** What the API build emits and the dashboard's types are generated from: what "served" means to a client. */
const schema: GraphQLSchema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** The GraphQL type that serves each scope's KPIs; the other scopes have none yet. */
const HOME: Partial<Record<KpiScope, string>> = {
  session: 'SessionMetrics',
  period: 'PeriodMetrics',
  community: 'Community',
  product: 'Product',
  pinSegment: 'PinSegment',
  trafficSource: 'TrafficSource',
};

/** Where a KPI's field is not named like the KPI: Community's `regulars` is the list of them. */
const FIELD: Record<string, string> = { 'Community.regulars': 'regularsCount' };

function servingField(name: string, scope: KpiScope): { type: string; field: string; served: string | null } {
  const type = HOME[scope] ?? `(no GraphQL type for ${scope} KPIs)`;
  const field = FIELD[`${type}.${name}`] ?? name;
  const object = schema.getType(type);
  const fieldType = object instanceof GraphQLObjectType ? object.getFields()[field]?.type : undefined;
  return { type, field, served: fieldType ? getNamedType(fieldType).name : null };
}

describe('the KPI catalogue against the API', () => {
  it('serves every implemented KPI at each of its scopes, as a number', () => {
    const unserved = KPI_NAMES.flatMap((name) => {
      const declaration = KPI_CATALOGUE[name];
      if (declaration.status !== 'implemented') return [];
      return (Object.keys(declaration.scopes) as KpiScope[])
        .map((scope) => servingField(name, scope))
        .filter(({ served }) => served !== 'Int' && served !== 'Float')
        .map(({ type, field, served }) => `${type}.${field}: ${served ?? 'missing'}`);
    });
    expect(unserved).toEqual([]);
  });

  it('serves every KPI implemented apart on the type it names, as a number', () => {
    const unserved = KPI_NAMES.flatMap((name) => {
      const declaration = KPI_CATALOGUE[name];
      if (declaration.status !== 'implementedApart') return [];
      return Object.values(declaration.servedOn).flatMap((type) => {
        const object = schema.getType(type);
        const fieldType = object instanceof GraphQLObjectType ? object.getFields()[name]?.type : undefined;
        const served = fieldType ? getNamedType(fieldType).name : null;
        return served === 'Int' || served === 'Float' ? [] : [`${type}.${name}: ${served ?? 'missing'}`];
      });
    });
    expect(unserved).toEqual([]);
  });

  it('serves no planned KPI yet (mark it implemented when it is)', () => {
    const early = KPI_NAMES.flatMap((name) => {
      // the general declaration type: today no KPI is planned, which the catalogue's literal type knows
      const declaration = kpi(name);
      if (declaration.status !== 'planned') return [];
      return (Object.keys(declaration.scopes) as KpiScope[])
        .map((scope) => servingField(name, scope))
        .filter(({ served }) => served !== null)
        .map(({ type, field }) => `${type}.${field} (issue ${declaration.issue})`);
    });
    expect(early).toEqual([]);
  });

  it('has SessionMetrics and PeriodMetrics fields for exactly the implemented KPIs of their scopes', () => {
    const numericFields = (type: string): string[] => {
      const object = schema.getType(type) as GraphQLObjectType;
      return Object.values(object.getFields())
        .filter((f) => ['Int', 'Float'].includes(getNamedType(f.type).name))
        .map((f) => f.name)
        .sort();
    };
    expect(SESSION_METRICS.map((m) => m.name)).toEqual(SESSION_KPI_NAMES);
    expect(numericFields('SessionMetrics')).toEqual([...SESSION_KPI_NAMES].sort());
    expect(PERIOD_METRICS.map((m) => m.name).sort()).toEqual([...implementedKpis('period')].sort());
    expect(numericFields('PeriodMetrics')).toEqual([...implementedKpis('period')].sort());
  });

  it('takes the GraphQL descriptions from the catalogue', () => {
    const fields = (schema.getType('SessionMetrics') as GraphQLObjectType).getFields();
    expect(fields.gpm.description).toBe('revenue / uniqueViewers × 1000');
    expect(fields.revenue.type.toString()).toBe('Float!');
    expect(fields.uniqueViewers.type.toString()).toBe('Int!');
    const period = (schema.getType('PeriodMetrics') as GraphQLObjectType).getFields();
    expect(period.views.description).toBe("Σ of each session's uniqueViewers");
    expect(period.likes.type.toString()).toBe('Float!');
  });
});
