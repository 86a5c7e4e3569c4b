import { outsideGrant } from '../reports/report-renderer.service.js';
import { RenderTokenService } from './render-token.service.js';

const grant = {
  brandId: 'b1',
  from: '2026-11-15T15:00:00.000Z',
  to: '2026-11-22T15:00:00.000Z',
  timeZone: 'Asia/Tokyo',
  expiresAt: 1_000_000,
};

describe('RenderTokenService', () => {
  it('verifies its own tokens until they expire', () => {
    const tokens = new RenderTokenService();
    const token = tokens.issue(grant);
    expect(tokens.isRenderToken(token)).toBe(true);
    expect(tokens.verify(token, 999_999)).toEqual(grant);
    expect(tokens.verify(token, 1_000_000)).toBeNull();
  });

  it('refuses a token changed to another brand, or signed by another process', () => {
    const tokens = new RenderTokenService();
    const token = tokens.issue(grant);
    const [payload, signature] = token.slice('lcrender_'.length).split('.');
    const forged = Buffer.from(JSON.stringify({ ...grant, brandId: 'b2' })).toString('base64url');
    expect(payload).not.toBe(forged);
    expect(tokens.verify(`lcrender_${forged}.${signature}`, 0)).toBeNull();
    expect(new RenderTokenService().verify(token, 0)).toBeNull();
    expect(tokens.verify('lcrender_garbage', 0)).toBeNull();
  });
});

describe('outsideGrant (the renderer forwards only its own brand and period)', () => {
  const body = (variables: Record<string, unknown>) => JSON.stringify({ query: '{ x }', variables });
  it('passes the report query of the grant and the brands list', () => {
    expect(outsideGrant(body({ brandId: 'b1', period: { from: grant.from, to: grant.to } }), grant)).toBeNull();
    // the same instants written another way
    expect(
      outsideGrant(body({ brandId: 'b1', period: { from: '2026-11-16T00:00:00+09:00', to: grant.to } }), grant),
    ).toBeNull();
    expect(outsideGrant(JSON.stringify({ query: '{ brands { id } }' }), grant)).toBeNull();
  });

  it('refuses another brand, another period, and what is not JSON', () => {
    expect(outsideGrant(body({ brandId: 'b2' }), grant)).toBe('this render may read its own brand only');
    expect(outsideGrant(body({ brandId: 'b1', period: { from: grant.from, to: '2026-11-30T15:00:00Z' } }), grant)).toBe(
      'this render may read its own period only',
    );
    expect(outsideGrant('not json', grant)).toBe('the report renderer forwards JSON GraphQL requests only');
    expect(outsideGrant(JSON.stringify({ query: 'mutation { deleteReportSchedule(id: "x") }' }), grant)).toBe(
      'the report renderer forwards queries only',
    );
  });
});
