import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

const PAYLOADS = [
  "'; DROP TABLE events; --",
  "b1' OR '1'='1",
  '{brandId:String}',
  "\\' OR 1=1 --",
  'S1) OR (1=1',
  '${jndi:ldap://x}',
  '\u0000\u0001',
  'x'.repeat(10 * 1024),
];

/** Every string argument of the schema, with the query that carries it. */
const CASES: { name: string; query: string; admin?: boolean }[] = [
  { name: 'session(id)', query: 'query($s: ID!) { session(id: $s) { id } }' },
  { name: 'sessions(filter.brandId)', query: 'query($s: ID) { sessions(filter: { brandId: $s }) { totalCount } }' },
  {
    name: 'sessions(filter.commercerId)',
    query: 'query($s: ID) { sessions(filter: { commercerId: $s }) { totalCount } }',
  },
  {
    name: 'sessions(filter.platform)',
    query: 'query($s: String) { sessions(filter: { platform: $s }) { totalCount } }',
  },
  { name: 'sessions(after)', query: 'query($s: String) { sessions(after: $s) { totalCount } }' },
  {
    name: 'sessions(period.timeZone)',
    query:
      'query($s: String) { sessions(filter: { period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: $s } }) { totalCount } }',
  },
  {
    name: 'brandOverview(brandId)',
    query:
      'query($s: ID) { brandOverview(brandId: $s, period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { metrics { views } } }',
  },
  {
    name: 'brandOverview(timeZone)',
    query:
      'query($s: String) { brandOverview(period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: $s }) { metrics { views } } }',
  },
  {
    name: 'commercer(id)',
    query:
      'query($s: ID!) { commercer(id: $s, period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { brandId } }',
  },
  {
    name: 'community(commercerId)',
    query:
      'query($s: ID) { community(commercerId: $s, period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { uniqueViewers } }',
  },
  { name: 'annotations(sessionId)', query: 'query($s: ID) { annotations(sessionId: $s) { id } }' },
  {
    name: 'createAnnotation(sessionId)',
    query:
      'mutation($s: ID) { createAnnotation(input: { brandId: "b1", sessionId: $s, at: "2026-11-19T00:00:00Z", kind: NOTE, text: "x" }) { id } }',
  },
  { name: 'deleteAnnotation(id)', query: 'mutation($s: ID!) { deleteAnnotation(id: $s) }' },
  {
    name: 'createBrand(id)',
    query: 'mutation($s: ID!) { createBrand(input: { id: $s, name: "n", timeZone: "UTC", currency: "JPY" }) { id } }',
    admin: true,
  },
  {
    name: 'createBrand(name)',
    query:
      'mutation($s: String!) { createBrand(input: { id: "inj", name: $s, timeZone: "UTC", currency: "JPY" }) { name } }',
    admin: true,
  },
  { name: 'revokeApiKey(keyId)', query: 'mutation($s: ID!) { revokeApiKey(keyId: $s) }', admin: true },
];

describe('hostile arguments: injection strings and 10 KB strings at every argument', () => {
  let api: ApiHarness;
  const eventCount = async () =>
    Number(
      (await api.engine.gateway.query<{ n: number }>('SELECT count() AS n FROM events', {}, { tag: 'test' }))[0].n,
    );
  let before: number;

  beforeAll(async () => {
    api = await startApi();
    before = await eventCount();
  });
  afterAll(() => api.close());

  it.each(CASES)(
    '$name answers cleanly: data or a client error, never an internal one, never SQL',
    async ({ query, admin }) => {
      for (const payload of PAYLOADS) {
        const r = await api.gql(query, { s: payload }, admin ? ADMIN : api.tokens.b1);
        const body = JSON.stringify(r);
        for (const error of r.errors ?? []) {
          expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN']).toContain(error.extensions?.code);
        }
        expect(body).not.toMatch(/SELECT|FROM session|DB::Exception|at [A-Za-z]+ \(/);
      }
    },
  );

  it('left the data intact', async () => {
    expect(await eventCount()).toBe(before);
    const r = await api.gql('{ session(id: "S1") { metrics { uniqueViewers } } }', {}, api.tokens.b1);
    expect(r.data?.session).toEqual({ metrics: { uniqueViewers: 4 } });
  });

  it('refuses sort fields outside the whitelist before running anything', async () => {
    const r = await api.gql('{ sessions(sortBy: "revenue; DROP TABLE events") { totalCount } }', {}, api.tokens.b1);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses queries deeper or larger than the limits', async () => {
    const deep = `{ sessions { nodes { commercer { id } minuteSeries { likesByStamp { stamp } } } } }`;
    expect((await api.gql(deep, {}, api.tokens.b1)).errors).toBeUndefined();
    const nested =
      '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }';
    const r = await api.gql(nested, {}, api.tokens.b1);
    expect(r.errors?.[0]?.message).toMatch(/levels deep; the limit is 10/);
    const wide = `{ ${Array.from({ length: 2100 }, (_, i) => `a${i}: brands { id }`).join(' ')} }`;
    expect((await api.gql(wide, {}, api.tokens.b1)).errors?.[0]?.message).toMatch(/more than 2000 fields/);
  });
});
