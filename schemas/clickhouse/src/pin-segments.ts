/**
 * A session's pin segments (METRICS.md "Pin segments"): one per `product_pin`, from the pin to the
 * next pin, an unpin of the pinned product, or the session's end. Worked out here from the
 * session's few pin and unpin events, so the SQL that measures each segment only looks up times.
 * Decisions where METRICS.md is silent are in docs/METRICS-DECISIONS.md ("Pin segments").
 */

export interface PinEvent {
  readonly type: 'product_pin' | 'product_unpin';
  readonly productId: string;
  /** '' when the pin named no product. */
  readonly productName: string;
  readonly atMs: number;
  readonly eventId: string;
}

export interface PinSegment {
  /** 0, 1, … in pin order. */
  readonly segment: number;
  readonly productId: string;
  /** The name its own pin gave the product ('' when that pin named none). */
  readonly pinName: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface ProductPins {
  readonly productId: string;
  /** The latest pin's name that has one, else the id. */
  readonly productName: string;
  readonly pins: number;
  readonly pinnedSeconds: number;
}

/** Events at one instant: an unpin first, so "unpin A, pin B" and "pin B, unpin A" at once mean the same. */
function byTime(a: PinEvent, b: PinEvent): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  if (a.type !== b.type) return a.type === 'product_unpin' ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * Segments clipped to the session's frame [startMs, endMs] (endMs: the end, or the last event while
 * live): a pin before the start begins at the start, one after the end is empty and dropped (so is a
 * pin replaced at the same instant), but a live session's product pinned at its latest event shows.
 * An unpin of a product that is not pinned changes nothing.
 */
export function pinSegments(
  events: readonly PinEvent[],
  frame: { startMs: number; endMs: number; live: boolean },
): PinSegment[] {
  const clip = (ms: number) => Math.min(Math.max(ms, frame.startMs), frame.endMs);
  const segments: { productId: string; pinName: string; startMs: number; endMs: number; stillPinned: boolean }[] = [];
  let open: { productId: string; pinName: string; startMs: number } | null = null;
  const close = (atMs: number, stillPinned: boolean) => {
    if (open) segments.push({ ...open, endMs: atMs, stillPinned });
    open = null;
  };
  for (const event of [...events].sort(byTime)) {
    if (event.type === 'product_pin') {
      close(event.atMs, false);
      open = { productId: event.productId, pinName: event.productName, startMs: event.atMs };
    } else if (open?.productId === event.productId) {
      close(event.atMs, false);
    }
  }
  close(frame.endMs, true);
  return (
    segments
      .map((s) => ({ ...s, startMs: clip(s.startMs), endMs: clip(s.endMs) }))
      // an empty segment is dropped, except the one still pinned at the last event of a live session
      .filter((s) => s.endMs > s.startMs || (frame.live && s.stillPinned))
      .map((s, segment) => ({
        segment,
        productId: s.productId,
        pinName: s.pinName,
        startMs: s.startMs,
        endMs: s.endMs,
      }))
  );
}

/** Per product: its pins (every pin event), pinned seconds (Σ its segments) and display name. */
export function productPins(events: readonly PinEvent[], segments: readonly PinSegment[]): ProductPins[] {
  const products = new Map<string, { name: string; nameAt: number; pins: number; pinnedMs: number }>();
  const entry = (productId: string) => {
    let p = products.get(productId);
    if (!p) products.set(productId, (p = { name: '', nameAt: -Infinity, pins: 0, pinnedMs: 0 }));
    return p;
  };
  for (const event of events) {
    if (event.type !== 'product_pin') continue;
    const p = entry(event.productId);
    p.pins += 1;
    if (event.productName !== '' && event.atMs >= p.nameAt) {
      p.name = event.productName;
      p.nameAt = event.atMs;
    }
  }
  for (const s of segments) entry(s.productId).pinnedMs += s.endMs - s.startMs;
  return [...products.entries()]
    .map(([productId, p]) => ({
      productId,
      productName: p.name === '' ? productId : p.name,
      pins: p.pins,
      pinnedSeconds: p.pinnedMs / 1000,
    }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}
