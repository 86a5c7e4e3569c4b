import type { PeriodProduct, SessionProduct } from './product-ranking';
import type { PinSegment } from './run-sheet';

/**
 * Session M1 of brand b5 (docs/FIXTURE.md "Brand b5 — merchandise"), as the API answers it, for the
 * unit tests of the run-sheet and the product tables. The numbers are the fixture's hand-worked ones:
 *
 *   G0 p1  60–300 s   watching 3 → 2, 2 comments in 4 min, 3 clicks, o1 8,000 by 4 viewers
 *   G1 p1 300–540 s   watching 4 → 2, 2 comments in 4 min, 1 click, o2 + o3 16,000 by 5 viewers
 *   G2 p2 840–1200 s  watching 4 → 2, 2 comments in 6 min, 2 clicks, o4's gloves 6,000 by 4 viewers
 *
 * A segment's productName is the name its own pin gave (D-2): p1 was pinned as "Cashmere scarf", then
 * re-pinned as "Cashmere scarf (navy)", so its two rows read one each.
 */
export const M1_SEGMENTS: readonly PinSegment[] = [
  {
    segment: 0,
    productId: 'p1',
    productName: 'Cashmere scarf',
    start: 60,
    end: 300,
    watchingAtStart: 3,
    watchingAtEnd: 2,
    watchingChange: -1,
    comments: 2,
    commentsPerMinute: 0.5,
    clicks: 3,
    cartAdds: 1,
    orders: 1,
    units: 1,
    revenue: 8000,
    viewers: 4,
    segmentGpm: 2_000_000,
  },
  {
    segment: 1,
    productId: 'p1',
    productName: 'Cashmere scarf (navy)',
    start: 300,
    end: 540,
    watchingAtStart: 4,
    watchingAtEnd: 2,
    watchingChange: -2,
    comments: 2,
    commentsPerMinute: 0.5,
    clicks: 1,
    cartAdds: 1,
    orders: 2,
    units: 2,
    revenue: 16000,
    viewers: 5,
    segmentGpm: 3_200_000,
  },
  {
    segment: 2,
    productId: 'p2',
    productName: 'Leather gloves',
    start: 840,
    end: 1200,
    watchingAtStart: 4,
    watchingAtEnd: 2,
    watchingChange: -2,
    comments: 2,
    commentsPerMinute: 2 / 6,
    clicks: 2,
    cartAdds: 2,
    orders: 1,
    units: 2,
    revenue: 6000,
    viewers: 4,
    segmentGpm: 1_500_000,
  },
];

/**
 * M1's products: p1 pinned twice (480 s), seen by 6, clicked by 4, bought by 4 (32,000); p2 pinned once
 * (360 s), seen and clicked by 2, bought by 1 (6,000); p3 never pinned, one viewer saw, clicked and bought (2,500).
 */
export const M1_SESSION_PRODUCTS: readonly SessionProduct[] = [
  {
    productId: 'p1',
    productName: 'Cashmere scarf (navy)',
    pins: 2,
    pinnedSeconds: 480,
    impressed: 6,
    clickers: 4,
    clickRate: 4 / 6,
    cartAdds: 3,
    cartAdders: 3,
    orders: 4,
    units: 4,
    revenue: 32000,
    buyers: 4,
    orderRate: 1,
    currency: 'JPY',
  },
  {
    productId: 'p2',
    productName: 'Leather gloves',
    pins: 1,
    pinnedSeconds: 360,
    impressed: 2,
    clickers: 2,
    clickRate: 1,
    cartAdds: 2,
    cartAdders: 2,
    orders: 1,
    units: 2,
    revenue: 6000,
    buyers: 1,
    orderRate: 0.5,
    currency: 'JPY',
  },
  {
    productId: 'p3',
    productName: 'p3',
    pins: 0,
    pinnedSeconds: 0,
    impressed: 1,
    clickers: 1,
    clickRate: 1,
    cartAdds: 0,
    cartAdders: 0,
    orders: 1,
    units: 1,
    revenue: 2500,
    buyers: 1,
    orderRate: 1,
    currency: 'JPY',
  },
];

const YUI = { id: 'c5', name: 'Yui Mori' };

/** The same products over a period holding M1 only: one session each, all sold by Yui Mori (c5). */
export const M1_PERIOD_PRODUCTS: readonly PeriodProduct[] = M1_SESSION_PRODUCTS.map((p) => ({
  ...p,
  sessions: 1,
  bestCommercer: YUI,
}));
