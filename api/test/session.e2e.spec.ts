import type { INestApplication } from '@nestjs/common';
import { ApiKeyRepository, BrandRepository } from '@lc/schemas/clickhouse';
import { handFixture, loadEvents, openTestEngine, S0_EXPECTED, S1_EXPECTED } from '@lc/schemas/testing';
import { createApiApp } from '../src/api.app.js';
import { SESSION_METRICS } from '../src/metrics/session-metric.definitions.js';
import { SESSION_KPI_NAMES } from '@lc/schemas';

const ADMIN = 'test-admin-token';
const ALL_METRICS = SESSION_METRICS.map((m) => m.name).join(' ');

describe('GraphQL over real HTTP on the embedded engine (hand fixture)', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let app: INestApplication;
  let url: string;
  let b1Reader: string;
  let b2Reader: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };

  beforeAll(async () => {
    process.env.ADMIN_TOKEN = ADMIN;
    engine = await openTestEngine();
    const fixture = handFixture();
    await loadEvents(engine.gateway, 'b1', fixture.byBrand.b1);
    await loadEvents(engine.gateway, 'b2', fixture.byBrand.b2);
    const brands = new BrandRepository(engine.gateway);
    await brands.upsert({ id: 'b1', name: 'Brand One', timeZone: 'Asia/Tokyo', currency: 'JPY' });
    await brands.upsert({ id: 'b2', name: 'Brand Two', timeZone: 'UTC', currency: 'USD' });
    const keys = new ApiKeyRepository(engine.gateway);
    b1Reader = (await keys.create('READ', ['b1'], 'b1 reader')).secret;
    b2Reader = (await keys.create('READ', ['b2'], 'b2 reader')).secret;
    app = await createApiApp({ gateway: engine.gateway, logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await engine.dispose();
  });

  it('declares exactly the session KPIs of METRICS.md', () => {
    expect(SESSION_METRICS.map((m) => m.name)).toEqual([...SESSION_KPI_NAMES]);
  });

  it('returns every S1 KPI as worked out by hand', async () => {
    const result = await gql(
      `query($id: ID!) { session(id: $id) { id title isLive commercer { id name kind } currency metrics { ${ALL_METRICS} } } }`,
      { id: 'S1' },
      b1Reader,
    );
    expect(result.errors).toBeUndefined();
    const session = result.data?.session as { metrics: Record<string, number | null> };
    expect(session).toMatchObject({
      id: 'S1',
      title: 'Winter coats',
      isLive: false,
      currency: 'JPY',
      commercer: { id: 'c1', name: 'Aki Tanaka', kind: 'professional' },
    });
    for (const [name, expected] of Object.entries(S1_EXPECTED)) {
      expect([name, session.metrics[name]]).toEqual([name, expect.closeTo(expected, 9)]);
    }
  });

  it('gives null, not 0, for ratios whose denominator is 0 (S0)', async () => {
    const result = await gql(`{ session(id: "S0") { currency metrics { ${ALL_METRICS} } } }`, {}, b1Reader);
    expect(result.errors).toBeUndefined();
    // No sales in S0: the currency is the brand's.
    expect(result.data?.session).toMatchObject({ currency: 'JPY', metrics: S0_EXPECTED });
  });

  it("lists a brand's sessions newest first and never another brand's", async () => {
    const mine = await gql('{ sessions { id } }', {}, b1Reader);
    expect(mine.data?.sessions).toEqual([{ id: 'S1' }, { id: 'S0' }]);
    const other = await gql('{ sessions { id } }', {}, b2Reader);
    expect(other.data?.sessions).toEqual([{ id: 'S2' }]);
    const peek = await gql('{ session(id: "S1") { id } }', {}, b2Reader);
    expect(peek.data?.session).toBeNull();
    const asked = await gql('{ sessions(brandId: "b1") { id } }', {}, b2Reader);
    expect(asked.data?.sessions).toEqual([]);
  });

  it('answers UNAUTHENTICATED without a token or with a wrong one', async () => {
    const none = await gql('{ sessions { id } }');
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await gql('{ sessions { id } }', {}, 'lcr_nope');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets the admin create a brand and keys, and a revoked key stops working', async () => {
    const brand = await gql(
      'mutation { createBrand(input: {id: "b3", name: "Three", timeZone: "Europe/Paris", currency: "EUR"}) { id timeZone } }',
      {},
      ADMIN,
    );
    expect(brand.data?.createBrand).toEqual({ id: 'b3', timeZone: 'Europe/Paris' });
    const bad = await gql(
      'mutation { createBrand(input: {id: "b4", name: "x", timeZone: "Mars/Base", currency: "EUR"}) { id } }',
      {},
      ADMIN,
    );
    expect(bad.errors?.[0]).toMatchObject({
      message: 'timeZone "Mars/Base" is not an IANA time zone',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const created = await gql('mutation { createApiKey(scope: READ, brandIds: ["b3"]) { keyId secret } }', {}, ADMIN);
    const { keyId, secret } = created.data?.createApiKey as { keyId: string; secret: string };
    expect((await gql('{ brands { id } }', {}, secret)).data?.brands).toEqual([{ id: 'b3' }]);
    await gql('mutation($k: ID!) { revokeApiKey(keyId: $k) }', { k: keyId }, ADMIN);
    // The key cache holds a verdict for a few seconds; a fresh repository sees the revocation at once.
    expect(await new ApiKeyRepository(engine.gateway).verify(secret)).toBeNull();
    const notAdmin = await gql('mutation { createApiKey(scope: READ, brandIds: ["b1"]) { secret } }', {}, b1Reader);
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
