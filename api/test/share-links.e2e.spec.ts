import { createHash } from 'node:crypto';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * Share links on the hand fixture (docs/FIXTURE.md): brand b1's S1 (2026-11-20 11:00 UTC, revenue
 * 2900 + 1500 = 4400, 4 unique viewers) is the only session of the shared period 2026-11-20 (UTC);
 * S0 (the day before) lies outside it, and b2 is another brand.
 */
const SHARED = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', timeZone: 'UTC' };
const OVERVIEW = `query($brandId: ID, $period: PeriodInput!) {
  brandOverview(brandId: $brandId, period: $period) { metrics { sessions revenue uniqueViewers } }
}`;
const CREATE = `mutation($brandId: ID!, $period: PeriodInput!, $expiresAt: DateTime!, $label: String!) {
  createShareLink(brandId: $brandId, period: $period, expiresAt: $expiresAt, label: $label) {
    url token link { id brandId label state opens lastOpenedAt period { from to timeZone } }
  }
}`;
const LIST = `query($brandId: ID!) { shareLinks(brandId: $brandId) { id label state opens lastOpenedAt } }`;

describe('share links', () => {
  let api: ApiHarness;
  const base = () => api.url.replace('/graphql', '');
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
  const create = async (vars: Record<string, unknown> = {}, token = api.tokens.b1) =>
    api.gql(CREATE, { brandId: 'b1', period: SHARED, expiresAt: inAWeek(), label: 'Weekly for b1', ...vars }, token);
  const grant = (token: string) => fetch(`${base()}/share/${token}/grant`, { headers: { accept: 'application/json' } });

  beforeAll(async () => {
    api = await startApi();
  }, 120_000);
  afterAll(async () => api?.close());

  it('creates a link (URL once, only its sha256 stored) that opens the report of its brand and period', async () => {
    const created = await create();
    expect(created.errors).toBeUndefined();
    const { url, token, link } = created.data?.createShareLink as {
      url: string;
      token: string;
      link: Record<string, unknown>;
    };
    expect(url).toBe(`/share/${token}`);
    expect(token).toMatch(/^lcs_[\w-]{32}$/);
    expect(link).toMatchObject({
      brandId: 'b1',
      label: 'Weekly for b1',
      state: 'ACTIVE',
      opens: 0,
      lastOpenedAt: null,
    });
    expect(link.period).toEqual(SHARED);

    // Hashed storage: the row holds sha256(token), and the token itself appears nowhere in the table.
    const rows = await api.engine.gateway.query<Record<string, unknown>>(
      'SELECT * FROM share_links FINAL WHERE link_id = {id:String}',
      { id: link.id },
      { tag: 'test.shareLinks' },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    // The share page's grant: no sign-in, the brand and the period.
    const res = await grant(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      label: 'Weekly for b1',
      brand: { id: 'b1', name: 'Brand b1', timeZone: 'Asia/Tokyo', currency: 'JPY' },
      period: SHARED,
      branding: null,
    });

    // The report through GraphQL with the link as credential: S1 alone (1 session, 4400 JPY, 4 viewers).
    const report = await api.gql(OVERVIEW, { brandId: 'b1', period: SHARED }, token);
    expect(report.errors).toBeUndefined();
    expect(report.data?.brandOverview).toEqual({ metrics: { sessions: 1, revenue: 4400, uniqueViewers: 4 } });
    // …and the report's CSV of the same period
    const csv = await fetch(`${base()}/export/daily.csv?brandId=b1&from=${SHARED.from}&to=${SHARED.to}&timeZone=UTC`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^2026-11-20,1,/);

    // Listed with its one open (the grant above; GraphQL reads do not count as opens).
    const listed = await api.gql(LIST, { brandId: 'b1' }, api.tokens.b1);
    const row = (listed.data?.shareLinks as Record<string, unknown>[]).find((l) => l.id === link.id);
    expect(row).toMatchObject({ state: 'ACTIVE', opens: 1 });
    expect(Date.now() - Date.parse(row?.lastOpenedAt as string)).toBeLessThan(60_000);
  });

  it('refuses anything beyond its brand and period: other dates, zone or brand, other queries, mutations', async () => {
    const { token } = (await create()).data?.createShareLink as { token: string };
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const res = await api.gql(query, variables, token);
      return {
        data: res.data ?? null,
        errors: res.errors?.map((e) => [e.extensions?.code, e.extensions?.field ?? null]),
      };
    };
    // other dates (S0's day too), another zone, another brand
    expect(await refused(OVERVIEW, { brandId: 'b1', period: { ...SHARED, from: '2026-11-19T00:00:00.000Z' } })).toEqual(
      {
        data: null,
        errors: [['FORBIDDEN', 'period']],
      },
    );
    expect(await refused(OVERVIEW, { brandId: 'b1', period: { ...SHARED, timeZone: 'Asia/Tokyo' } })).toMatchObject({
      errors: [['FORBIDDEN', 'period']],
    });
    expect(await refused(OVERVIEW, { brandId: 'b2', period: SHARED })).toMatchObject({
      errors: [['NOT_FOUND', 'brandId']],
    });
    // a query the report does not make, and a mutation
    expect(await refused('{ sessions(first: 5) { nodes { id } } }', {})).toMatchObject({
      errors: [['FORBIDDEN', null]],
    });
    expect(await refused(LIST, { brandId: 'b1' })).toMatchObject({ errors: [['FORBIDDEN', null]] });
    const again = await api.gql(CREATE, { brandId: 'b1', period: SHARED, expiresAt: inAWeek(), label: 'copy' }, token);
    expect(again.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // caller-checked fields below the report's sessions (their notes, series) are not part of the report
    const nested = await api.gql(
      'query($p: PeriodInput!) { brandOverview(brandId: "b1", period: $p) { best { id annotations { text } } } }',
      { p: SHARED },
      token,
    );
    expect(nested.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'brandOverview.best.0.annotations'],
    ]);
    // brands: the shared brand alone
    expect((await api.gql('{ brands { id } }', {}, token)).data?.brands).toEqual([{ id: 'b1' }]);
    // CSV of another period
    const csv = await fetch(
      `${base()}/export/sessions.csv?brandId=b1&from=2026-11-19T00:00:00Z&to=${SHARED.to}&timeZone=UTC`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(csv.status).toBe(403);
  });

  it('answers 410 once revoked, and only a token of the brand (or the admin) can list or revoke', async () => {
    const { token, link } = (await create()).data?.createShareLink as { token: string; link: { id: string } };
    const revoke = 'mutation($id: ID!) { revokeShareLink(id: $id) { id state } }';
    const foreign = await api.gql(revoke, { id: link.id }, api.tokens.b2);
    expect(foreign.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    expect((await api.gql(LIST, { brandId: 'b1' }, api.tokens.b2)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await grant(token)).status).toBe(200);

    const revoked = await api.gql(revoke, { id: link.id }, api.tokens.b1);
    expect(revoked.data?.revokeShareLink).toEqual({ id: link.id, state: 'REVOKED' });
    const res = await grant(token);
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({
      error: { code: 'GONE', message: 'this share link was revoked; ask the sender for a new one', field: 'token' },
    });
    const report = await api.gql(OVERVIEW, { brandId: 'b1', period: SHARED }, token);
    expect(report.errors?.[0].extensions?.code).toBe('GONE');
    // the admin sees it too, revoked, with the one open before revocation
    const listed = (await api.gql(LIST, { brandId: 'b1' }, 'test-admin-token')).data?.shareLinks as {
      id: string;
      state: string;
      opens: number;
    }[];
    expect(listed.find((l) => l.id === link.id)).toMatchObject({ state: 'REVOKED', opens: 1 });
    // an unknown token is 404, not 410
    expect((await grant('lcs_unknownunknownunknownunknownunkn')).status).toBe(404);
  });

  it('answers 410 once expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { token } = (await create({ expiresAt })).data?.createShareLink as { token: string };
    expect((await grant(token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const res = await grant(token);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('expired');
    const listed = (await api.gql(LIST, { brandId: 'b1' }, api.tokens.b1)).data?.shareLinks as { state: string }[];
    expect(listed.map((l) => l.state)).toContain('EXPIRED');
  });

  it('names the argument at fault', async () => {
    const field = async (vars: Record<string, unknown>, token?: string) =>
      (await create(vars, token)).errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    expect(await field({ expiresAt: '2020-01-01T00:00:00Z' })).toEqual([['BAD_USER_INPUT', 'expiresAt']]);
    expect(await field({ expiresAt: '2099-01-01T00:00:00Z' })).toEqual([['BAD_USER_INPUT', 'expiresAt']]);
    expect(await field({ label: '  ' })).toEqual([['BAD_USER_INPUT', 'label']]);
    expect(await field({ period: { ...SHARED, to: SHARED.from } })).toEqual([['BAD_USER_INPUT', 'period.from']]);
    expect(await field({}, api.tokens.b2)).toEqual([['NOT_FOUND', 'brandId']]);
  });
});
