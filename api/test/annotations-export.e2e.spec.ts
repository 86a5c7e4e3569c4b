import { startApi, type ApiHarness } from './api.harness.js';

describe('annotations and CSV export', () => {
  let api: ApiHarness;
  const base = () => api.url.replace('/graphql', '');
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('creates, lists on the session, and deletes a note; other brands cannot see or delete it', async () => {
    const created = await api.gql(
      'mutation($i: CreateAnnotationInput!) { createAnnotation(input: $i) { id brandId sessionId at kind text } }',
      {
        i: {
          brandId: 'b1',
          sessionId: 'S1',
          at: '2026-11-20T11:02:00Z',
          kind: 'FEATURED_PRODUCT',
          text: ' Navy coat on screen ',
        },
      },
      api.tokens.b1,
    );
    expect(created.errors).toBeUndefined();
    const note = created.data?.createAnnotation as { id: string };
    expect(note).toMatchObject({
      brandId: 'b1',
      sessionId: 'S1',
      at: '2026-11-20T11:02:00.000Z',
      kind: 'FEATURED_PRODUCT',
      text: 'Navy coat on screen',
    });
    const onSession = await api.gql('{ session(id: "S1") { annotations { id text } } }', {}, api.tokens.b1);
    expect(onSession.data?.session).toEqual({ annotations: [{ id: note.id, text: 'Navy coat on screen' }] });
    const brandLevel = await api.gql(
      'mutation { createAnnotation(input: { brandId: "b1", at: "2026-11-19T00:00:00Z", kind: PROMOTION, text: "Winter sale starts" }) { sessionId } }',
      {},
      api.tokens.b1,
    );
    expect(brandLevel.data?.createAnnotation).toEqual({ sessionId: null });
    const listed = await api.gql(
      '{ annotations(period: { from: "2026-11-18T00:00:00Z", to: "2026-11-21T00:00:00Z" }) { text } }',
      {},
      api.tokens.b1,
    );
    expect(listed.data?.annotations).toEqual([{ text: 'Winter sale starts' }, { text: 'Navy coat on screen' }]);
    const foreign = await api.gql('mutation($id: ID!) { deleteAnnotation(id: $id) }', { id: note.id }, api.tokens.b2);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql('{ annotations { id } }', {}, api.tokens.b2)).data?.annotations).toEqual([]);
    const deleted = await api.gql('mutation($id: ID!) { deleteAnnotation(id: $id) }', { id: note.id }, api.tokens.b1);
    expect(deleted.data?.deleteAnnotation).toBe(true);
    expect((await api.gql('{ session(id: "S1") { annotations { id } } }', {}, api.tokens.b1)).data?.session).toEqual({
      annotations: [],
    });
  });

  it('refuses notes on another brand, on unknown sessions, or without text', async () => {
    const other = await api.gql(
      'mutation { createAnnotation(input: { brandId: "b2", at: "2026-11-19T00:00:00Z", kind: NOTE, text: "x" }) { id } }',
      {},
      api.tokens.b1,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'brandId' });
    const noSession = await api.gql(
      'mutation { createAnnotation(input: { brandId: "b1", sessionId: "S2", at: "2026-11-19T00:00:00Z", kind: NOTE, text: "x" }) { id } }',
      {},
      api.tokens.b1,
    );
    expect(noSession.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.sessionId' });
    const empty = await api.gql(
      'mutation { createAnnotation(input: { brandId: "b1", at: "2026-11-19T00:00:00Z", kind: NOTE, text: "  " }) { id } }',
      {},
      api.tokens.b1,
    );
    expect(empty.errors?.[0]).toMatchObject({
      message: 'text must be 1–1000 characters',
      extensions: { field: 'input.text' },
    });
  });

  const csv = async (path: string, token: string | null = api.tokens.b1) => {
    const res = await fetch(`${base()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      bom: bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
      text: bytes.toString('utf8').replace(/^\ufeff/, ''),
    };
  };
  const period = 'from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z&timeZone=UTC';

  it('exports sessions with a header row and locale-neutral numbers', async () => {
    const res = await csv(`/export/sessions.csv?${period}`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect(res.bom).toBe(true); // Excel reads UTF-8 (Japanese names) only with it
    const [header, ...lines] = res.text.trim().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(0, 10)).toEqual([
      'sessionId',
      'title',
      'commercerId',
      'commercerName',
      'commercerKind',
      'platform',
      'startedAt',
      'endedAt',
      'currency',
      'uniqueViewers',
    ]);
    expect(lines).toHaveLength(2);
    const s1 = Object.fromEntries(columns.map((c, i) => [c, lines[1].split(',')[i]]));
    // S1 (oldest first: S0 then S1); revenue 4400 without separators, ratios with '.' and empty for null
    expect(s1).toMatchObject({
      sessionId: 'S1',
      uniqueViewers: '4',
      revenue: '4400',
      conversionRate: '0.5',
      avgWatchSeconds: '187.5',
      startedAt: '2026-11-20T11:00:00.000Z',
    });
    const s0 = Object.fromEntries(columns.map((c, i) => [c, lines[0].split(',')[i]]));
    expect(s0).toMatchObject({ sessionId: 'S0', averageOrderValue: '', currency: 'JPY' });
  });

  it('exports commercers and daily series', async () => {
    const commercers = (await csv(`/export/commercers.csv?${period}`)).text.trim().split('\r\n');
    expect(commercers).toHaveLength(3);
    expect(commercers[1]).toMatch(/^c1,Aki Tanaka,professional,1,4,4,/);
    expect(commercers[1].endsWith(',JPY 4400')).toBe(true);
    const daily = (await csv(`/export/daily.csv?${period}`)).text.trim().split('\r\n');
    expect(daily).toEqual([
      'date,sessions,views,uniqueViewers,comments,likes,orders,revenue,engagementRate,conversionRate,newViewers,returningViewers',
      '2026-11-19,1,2,2,0,0,0,0,0,0,2,0',
      '2026-11-20,1,4,4,3,15,2,4400,1,0.5,3,1',
    ]);
  });

  it('answers export errors with a status and a reason', async () => {
    expect(await csv(`/export/sessions.csv?${period}`, null)).toMatchObject({ status: 401 });
    expect(await csv('/export/sessions.csv?from=2026-11-19T00:00:00Z')).toMatchObject({
      status: 400,
      text: expect.stringContaining('from and to are required'),
    });
    expect(await csv(`/export/secrets.csv?${period}`)).toMatchObject({
      status: 404,
      text: expect.stringContaining('use sessions.csv'),
    });
    expect(await csv(`/export/sessions.csv?${period}&brandId=b2`)).toMatchObject({ status: 404 });
  });

  it('authenticates and fails exactly like GraphQL: same codes, messages and fields, as JSON', async () => {
    const json = async (path: string, token: string | null) => {
      const res = await csv(path, token);
      return { status: res.status, type: res.type, body: JSON.parse(res.text) as unknown };
    };
    expect(await json(`/export/sessions.csv?${period}`, null)).toEqual({
      status: 401,
      type: expect.stringContaining('application/json'),
      body: { error: { code: 'UNAUTHENTICATED', message: 'sign in: send "Authorization: Bearer <read token>"' } },
    });
    expect(await json(`/export/sessions.csv?${period}`, 'lck_not-a-real-token')).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'token is unknown or revoked' } },
    });
    expect(await json('/export/sessions.csv?from=2026-11-19T00:00:00Z', api.tokens.b1)).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_USER_INPUT', field: 'from' } },
    });
    // The same bad zone through GraphQL and through the export: one message, one field.
    const viaGraphql = await api.gql(
      '{ brandOverview(brandId: "b1", period: {from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "Mars/Olympus"}) { metrics { views } } }',
      {},
      api.tokens.b1,
    );
    const viaRest = await json(
      '/export/daily.csv?brandId=b1&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z&timeZone=Mars/Olympus',
      api.tokens.b1,
    );
    expect(viaRest.status).toBe(400);
    expect(viaRest.body).toEqual({
      error: {
        code: viaGraphql.errors?.[0].extensions?.code,
        message: viaGraphql.errors?.[0].message,
        field: viaGraphql.errors?.[0].extensions?.field,
      },
    });
  });
});
