import { pinSegments, productPins, type PinEvent } from './pin-segments.js';

const S = 1_000_000; // session start, ms
const pin = (at: number, productId: string, productName = '', eventId = `pin-${at}`): PinEvent => ({
  type: 'product_pin',
  productId,
  productName,
  atMs: S + at * 1000,
  eventId,
});
const unpin = (at: number, productId: string, eventId = `unpin-${at}`): PinEvent => ({
  type: 'product_unpin',
  productId,
  productName: '',
  atMs: S + at * 1000,
  eventId,
});
const ended = (endS: number) => ({ startMs: S, endMs: S + endS * 1000, live: false });
const seconds = (segments: ReturnType<typeof pinSegments>) =>
  segments.map((s) => [s.segment, s.productId, (s.startMs - S) / 1000, (s.endMs - S) / 1000]);

describe('pinSegments', () => {
  it('runs each pin to the next pin, an unpin of the pinned product, or the session end', () => {
    const events = [pin(60, 'p1'), pin(300, 'p2'), unpin(400, 'p2'), pin(500, 'p1'), unpin(550, 'p9')];
    // p1 60→300 (next pin); p2 300→400 (its unpin); p1 500→1200 (unpin of p9 ignored; session end)
    expect(seconds(pinSegments(events, ended(1200)))).toEqual([
      [0, 'p1', 60, 300],
      [1, 'p2', 300, 400],
      [2, 'p1', 500, 1200],
    ]);
  });

  it('orders events by time, not by arrival; an unpin and a pin at one instant mean the same either way', () => {
    const a = pinSegments([pin(100, 'p2'), unpin(100, 'p1'), pin(10, 'p1')], ended(200));
    const b = pinSegments([pin(10, 'p1'), unpin(100, 'p1'), pin(100, 'p2')], ended(200));
    expect(seconds(a)).toEqual([
      [0, 'p1', 10, 100],
      [1, 'p2', 100, 200],
    ]);
    expect(seconds(b)).toEqual(seconds(a));
  });

  it('re-pinning the pinned product starts a new segment', () => {
    expect(seconds(pinSegments([pin(0, 'p1'), pin(90, 'p1')], ended(120)))).toEqual([
      [0, 'p1', 0, 90],
      [1, 'p1', 90, 120],
    ]);
  });

  it('clips to the session frame and drops empty segments of a finished session', () => {
    // a pin 30 s before the start begins at the start; one after the end is empty
    const events = [pin(-30, 'p1'), pin(50, 'p2'), pin(50, 'p3', '', 'z'), pin(130, 'p4')];
    expect(seconds(pinSegments(events, ended(120)))).toEqual([
      [0, 'p1', 0, 50],
      [1, 'p3', 50, 120],
    ]);
  });

  it('shows the product a live session pinned at its latest event', () => {
    expect(seconds(pinSegments([pin(0, 'p1'), pin(60, 'p2')], { startMs: S, endMs: S + 60_000, live: true }))).toEqual([
      [0, 'p1', 0, 60],
      [1, 'p2', 60, 60],
    ]);
  });

  it("keeps each segment's own pin name", () => {
    const segments = pinSegments([pin(0, 'p1', 'Coat'), pin(60, 'p1', 'Navy coat'), pin(90, 'p1')], ended(120));
    expect(segments.map((s) => s.pinName)).toEqual(['Coat', 'Navy coat', '']);
  });

  it('has no segments without pins', () => {
    expect(pinSegments([unpin(10, 'p1')], ended(60))).toEqual([]);
  });
});

describe('productPins', () => {
  it('counts pins, sums pinned seconds and names a product by its latest named pin', () => {
    const events = [pin(0, 'p1', 'Coat'), pin(100, 'p2', 'Scarf'), pin(200, 'p1', 'Wool coat'), pin(300, 'p1')];
    const segments = pinSegments(events, ended(400));
    // p1: 0→100, 200→300, 300→400 = 300 s over 3 pins; the last pin has no name → "Wool coat"
    expect(productPins(events, segments)).toEqual([
      { productId: 'p1', productName: 'Wool coat', pins: 3, pinnedSeconds: 300 },
      { productId: 'p2', productName: 'Scarf', pins: 1, pinnedSeconds: 100 },
    ]);
  });

  it('falls back to the id when no pin named the product', () => {
    const events = [pin(0, 'p7')];
    expect(productPins(events, pinSegments(events, ended(30)))).toEqual([
      { productId: 'p7', productName: 'p7', pins: 1, pinnedSeconds: 30 },
    ]);
  });
});
