import { startApi, type ApiHarness } from './api.harness.js';

const SET = `mutation($brandId: ID!, $input: BrandBrandingInput!) {
  setBrandBranding(brandId: $brandId, input: $input) { displayName agencyName accentColor logoUrl }
}`;
const svg = (body: string) =>
  `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">${body}</svg>`).toString('base64')}`;

describe('brand white-label', () => {
  let api: ApiHarness;
  const base = () => api.url.replace('/graphql', '');
  beforeAll(async () => {
    api = await startApi();
  }, 120_000);
  afterAll(async () => api?.close());

  it('is set by a READ token of the brand, read on Brand.branding, and its logo served with a safe type and CSP', async () => {
    const set = await api.gql(
      SET,
      {
        brandId: 'b1',
        input: {
          displayName: ' Sakura Cosmetics ',
          agencyName: 'Hoshi Agency',
          accentColor: '#C2185B',
          logo: svg('<script>alert(1)</script><rect width="4" height="4" fill="#c2185b" onload="x()"/>'),
        },
      },
      api.tokens.b1,
    );
    expect(set.errors).toBeUndefined();
    const branding = set.data?.setBrandBranding as { logoUrl: string };
    expect(branding).toMatchObject({
      displayName: 'Sakura Cosmetics',
      agencyName: 'Hoshi Agency',
      accentColor: '#c2185b',
    });
    expect(branding.logoUrl).toMatch(/^\/brands\/b1\/logo\/[0-9a-f]{16}$/);
    const brands = await api.gql('{ brands { id branding { displayName logoUrl } } }', {}, api.tokens.b1);
    expect(brands.data?.brands).toEqual([
      { id: 'b1', branding: { displayName: 'Sakura Cosmetics', logoUrl: branding.logoUrl } },
    ]);

    const logo = await fetch(`${base()}${branding.logoUrl}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(logo.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(await logo.text()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#c2185b"></rect></svg>',
    );
    // another version (a guess, or the logo before a change) is not served
    expect((await fetch(`${base()}/brands/b1/logo/0000000000000000`)).status).toBe(404);

    // keeping the logo while changing the colour; removing it
    const kept = await api.gql(
      SET,
      { brandId: 'b1', input: { displayName: 'Sakura Cosmetics', accentColor: '#123' } },
      api.tokens.b1,
    );
    expect(kept.data?.setBrandBranding).toEqual({
      displayName: 'Sakura Cosmetics',
      agencyName: '',
      accentColor: '#112233',
      logoUrl: branding.logoUrl,
    });
    const removed = await api.gql(
      SET,
      { brandId: 'b1', input: { displayName: 'Sakura Cosmetics', accentColor: '#123', removeLogo: true } },
      'test-admin-token',
    );
    expect(removed.data?.setBrandBranding).toMatchObject({ logoUrl: null });
  });

  it('names the field at fault: too big, wrong type, bad colour, empty name; another brand is not found', async () => {
    const fieldOf = async (input: Record<string, unknown>, token = api.tokens.b1, brandId = 'b1') =>
      (
        await api.gql(SET, { brandId, input: { displayName: 'X', accentColor: '#000000', ...input } }, token)
      ).errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message]);
    const tooBig = `data:image/png;base64,${Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(200 * 1024),
    ]).toString('base64')}`;
    expect(await fieldOf({ logo: tooBig })).toEqual([
      ['BAD_USER_INPUT', 'input.logo', 'logo is too big: at most 200 KB'],
    ]);
    expect(await fieldOf({ logo: `data:image/png;base64,${Buffer.from('GIF89a..').toString('base64')}` })).toEqual([
      ['BAD_USER_INPUT', 'input.logo', 'logo must be a PNG or an SVG image (its content is neither)'],
    ]);
    expect(await fieldOf({ accentColor: 'pink' })).toEqual([
      ['BAD_USER_INPUT', 'input.accentColor', 'accentColor must be a hex colour like #1f6feb, got "pink"'],
    ]);
    expect(await fieldOf({ displayName: ' ' })).toEqual([
      ['BAD_USER_INPUT', 'input.displayName', 'displayName must be 1–80 characters'],
    ]);
    expect((await fieldOf({}, api.tokens.b2))?.[0].slice(0, 2)).toEqual(['NOT_FOUND', 'brandId']);
  });
});
