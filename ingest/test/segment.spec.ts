import { Analytics } from '@segment/analytics-node';
import { startIngest, type IngestHarness } from './ingest.harness.js';

describe('Segment-compatible intake with the real Segment Node client', () => {
  let h: IngestHarness;
  let writeKey: string;
  beforeAll(async () => {
    h = await startIngest();
    writeKey = await h.key('INGEST', ['seg-brand']);
  });
  afterAll(() => h.close());

  it('stores track calls sent by @segment/analytics-node as contract events, e-commerce names mapped', async () => {
    const analytics = new Analytics({
      writeKey,
      host: h.base,
      path: '/v1/batch',
      flushAt: 10,
      flushInterval: 50,
      maxRetries: 0,
    });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    const timestamp = new Date(Date.now() - 30_000);
    const session = { sessionId: 'seg-live-1' };
    analytics.track({
      userId: 'viewer-1',
      event: 'Live Session Joined',
      properties: { ...session, source: 'ad' },
      timestamp,
    });
    analytics.track({
      anonymousId: 'anon-2',
      event: 'Reaction Sent',
      properties: { ...session, count: 12, stamp: 'heart' },
      timestamp,
    });
    analytics.track({
      userId: 'viewer-1',
      event: 'Product Added',
      properties: { ...session, product_id: 'coat', quantity: 2, price: 12.5, currency: 'USD' },
      timestamp,
    });
    analytics.track({
      userId: 'viewer-1',
      event: 'Order Completed',
      properties: {
        ...session,
        order_id: 'o-9',
        currency: 'USD',
        products: [
          { product_id: 'coat', quantity: 2, price: 12.5 },
          { product_id: 'hat', price: 8 },
        ],
      },
      timestamp,
    });
    analytics.track({ userId: 'viewer-1', event: 'Newsletter Signup', properties: session, timestamp });
    await analytics.closeAndFlush({ timeout: 5_000 });
    expect(errors).toEqual([]);

    const rows = await h.engine.gateway.query<Record<string, unknown>>(
      `SELECT type, viewer_id, source, like_count, stamp, product_id, quantity, currency, order_id, amount
       FROM events FINAL WHERE brand_id = 'seg-brand' AND session_id = 'seg-live-1' ORDER BY type`,
      {},
      { tag: 'test' },
    );
    expect(rows).toEqual([
      expect.objectContaining({ type: 'join', viewer_id: 'viewer-1', source: 'ad' }),
      expect.objectContaining({ type: 'like', viewer_id: 'anon-2', like_count: 12, stamp: 'heart' }),
      expect.objectContaining({
        type: 'cart_add',
        viewer_id: 'viewer-1',
        product_id: 'coat',
        quantity: 2,
        currency: 'USD',
        amount: 25,
      }),
      // 2 × 12.50 + 1 × 8 (quantity defaults to 1, as in Segment's spec)
      expect.objectContaining({
        type: 'purchase',
        viewer_id: 'viewer-1',
        order_id: 'o-9',
        currency: 'USD',
        amount: 33,
      }),
    ]);
  });

  it('answers /v1/track and names Segment fields in errors', async () => {
    const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const res = await fetch(`${h.base}/v1/track`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        messageId: 'm-1',
        userId: 'u',
        event: 'Reaction Sent',
        timestamp: new Date().toISOString(),
        properties: { sessionId: 's', count: 0 },
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      success: true,
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, eventId: 'm-1', errors: [{ field: 'properties.count', message: 'must be at least 1' }] }],
    });
    const identify = await fetch(`${h.base}/v1/batch`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ batch: [{ type: 'identify', messageId: 'm-2', userId: 'u', traits: {} }] }),
    });
    expect((await identify.json()) as unknown).toMatchObject({
      rejected: [
        {
          index: 0,
          eventId: 'm-2',
          errors: [{ field: 'type', message: expect.stringContaining('only "track" calls') }],
        },
      ],
    });
  });
});
