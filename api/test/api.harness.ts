import type { INestApplication } from '@nestjs/common';
import type { LiveEventInput } from '@lc/contract';
import { ApiKeyRepository, BrandRepository } from '@lc/clickhouse';
import { handFixture } from '@lc/contract/testing';
import { loadEvents, openTestEngine } from '@lc/clickhouse/testing';
import { createApiApp } from '../src/api.app.js';
import type { ApiSettings } from '../src/api.env.js';

export const ADMIN = 'test-admin-token';

export interface GqlResult {
  data?: Record<string, unknown>;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string } }[];
}

export interface ApiHarness {
  engine: Awaited<ReturnType<typeof openTestEngine>>;
  app: INestApplication;
  url: string;
  tokens: Record<string, string>;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult>;
  close(): Promise<void>;
}

/**
 * The API on a real embedded engine over real HTTP, loaded with the hand
 * fixture (docs/FIXTURE.md) plus any extra brands' events, with a READ token per brand.
 */
export async function startApi(
  extra: Record<string, { timeZone: string; currency: string; events: LiveEventInput[] }> = {},
  settings: Partial<ApiSettings> = {},
): Promise<ApiHarness> {
  const engine = await openTestEngine();
  try {
    return await startOn(engine, extra, settings);
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}

async function startOn(
  engine: Awaited<ReturnType<typeof openTestEngine>>,
  extra: Record<string, { timeZone: string; currency: string; events: LiveEventInput[] }>,
  settings: Partial<ApiSettings>,
): Promise<ApiHarness> {
  const fixture = handFixture();
  const brands = new BrandRepository(engine.gateway);
  const keys = new ApiKeyRepository(engine.gateway);
  const all = {
    b1: { timeZone: 'Asia/Tokyo', currency: 'JPY', events: fixture.byBrand.b1 },
    b2: { timeZone: 'UTC', currency: 'USD', events: fixture.byBrand.b2 },
    ...extra,
  };
  const tokens: Record<string, string> = {};
  for (const [id, brand] of Object.entries(all)) {
    await loadEvents(engine.gateway, id, brand.events);
    await brands.upsert({ id, name: `Brand ${id}`, timeZone: brand.timeZone, currency: brand.currency });
    tokens[id] = (await keys.create('READ', [id], `${id} reader`)).secret;
  }
  const app = await createApiApp({
    gateway: engine.gateway,
    logger: false,
    settings: { adminToken: ADMIN, logLevel: 'info', ...settings },
  });
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  return {
    engine,
    app,
    url,
    tokens,
    async gql(query, variables = {}, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult;
    },
    async close() {
      // the engine is released even when the app fails to close: one engine folder per process, so a
      // leaked one would fail the next test file of this jest worker instead of this one
      try {
        await app.close();
      } finally {
        await engine.dispose();
      }
    },
  };
}
