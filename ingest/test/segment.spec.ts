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

  it('maps refunds, follows, shares and product events; refunds, pins and recaps have no viewer', async () => {
    const analytics = new Analytics({
      writeKey,
      host: h.base,
      path: '/v1/batch',
      flushAt: 20,
      flushInterval: 50,
      maxRetries: 0,
    });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    const timestamp = new Date(Date.now() - 30_000);
    const session = { sessionId: 'seg-live-2' };
    const coat = { product_id: 'coat', sku: 'C-1', name: 'Wool coat', price: 120, url: 'https://shop/coat' };
    // The shop's back office sends the refund with its own user id: not a viewer of the stream.
    analytics.track({
      userId: 'shop-backend',
      event: 'Order Refunded',
      properties: { ...session, order_id: 'o-9', total: 12.5, currency: 'USD', products: [{ product_id: 'coat' }] },
      timestamp,
    });
    analytics.track({ userId: 'viewer-1', event: 'Account Followed', properties: session, timestamp });
    analytics.track({
      userId: 'viewer-1',
      event: 'Product Shared',
      properties: { ...session, ...coat, share_via: 'line', share_message: 'look' },
      timestamp,
    });
    analytics.track({ userId: 'host-1', event: 'Product Pinned', properties: { ...session, ...coat }, timestamp });
    analytics.track({
      anonymousId: 'anon-2',
      event: 'Product Impression',
      properties: { ...session, ...coat },
      timestamp,
    });
    analytics.track({
      anonymousId: 'anon-2',
      event: 'Product Clicked',
      properties: { ...session, ...coat },
      timestamp,
    });
    analytics.track({
      userId: 'viewer-1',
      event: 'Product Viewed',
      properties: { ...session, product_id: 'hat', name: 'Hat' },
      timestamp,
    });
    analytics.track({ userId: 'host-1', event: 'Product Unpinned', properties: { ...session, ...coat }, timestamp });
    analytics.track({
      userId: 'host-1',
      event: 'Live Session Recapped',
      properties: { ...session, text: 'The coat is 20 % off until 21:00' },
      timestamp,
    });
    await analytics.closeAndFlush({ timeout: 5_000 });
    expect(errors).toEqual([]);

    const rows = await h.engine.gateway.query<Record<string, unknown>>(
      `SELECT type, viewer_id, order_id, amount, currency, channel, product_id, product_name, text
       FROM events FINAL WHERE brand_id = 'seg-brand' AND session_id = 'seg-live-2' ORDER BY type, viewer_id`,
      {},
      { tag: 'test' },
    );
    const empty = { order_id: '', amount: 0, currency: '', channel: '', product_id: '', product_name: '', text: '' };
    // In the Enum's order: refund 10, follow 11, share 12, product_pin 13, product_unpin 14, impression 15, click 16, recap 17.
    expect(rows).toEqual([
      { ...empty, type: 'refund', viewer_id: '', order_id: 'o-9', amount: 12.5, currency: 'USD' },
      { ...empty, type: 'follow', viewer_id: 'viewer-1' },
      { ...empty, type: 'share', viewer_id: 'viewer-1', channel: 'line' },
      { ...empty, type: 'product_pin', viewer_id: '', product_id: 'coat', product_name: 'Wool coat' },
      { ...empty, type: 'product_unpin', viewer_id: '', product_id: 'coat' },
      { ...empty, type: 'product_impression', viewer_id: 'anon-2', product_id: 'coat' },
      { ...empty, type: 'product_click', viewer_id: 'anon-2', product_id: 'coat' },
      { ...empty, type: 'product_click', viewer_id: 'viewer-1', product_id: 'hat' },
      { ...empty, type: 'recap', viewer_id: '', text: 'The coat is 20 % off until 21:00' },
    ]);
  });

  it('names the Segment property of a refund of 0 and of a product click without its product', async () => {
    const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const timestamp = new Date().toISOString();
    const res = await fetch(`${h.base}/v1/batch`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        batch: [
          {
            type: 'track',
            messageId: 'm-r',
            userId: 'shop',
            event: 'Order Refunded',
            timestamp,
            properties: { sessionId: 's', order_id: 'o', total: 0, currency: 'JPY' },
          },
          {
            type: 'track',
            messageId: 'm-c',
            userId: 'u',
            event: 'Product Clicked',
            timestamp,
            properties: { sessionId: 's', sku: 'C-1' },
          },
        ],
      }),
    });
    expect(await res.json()).toEqual({
      success: true,
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, eventId: 'm-r', errors: [{ field: 'properties.amount', message: 'must be more than 0' }] },
        { index: 1, eventId: 'm-c', errors: [{ field: 'properties.productId', message: 'is required' }] },
      ],
    });
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
