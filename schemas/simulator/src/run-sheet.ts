import type { RecapHabit } from './catalogue.js';
import type { Random } from './random.js';
import { MINUTE_MS } from './zoned-time.js';

/**
 * The host's run-sheet of one stream: which product is pinned when, and when
 * the host recaps for viewers who joined midway. Times are ms from the
 * session start. Products are introduced one after another across the stream;
 * between introductions the host comes back to products already shown, as
 * hosts do with the ones that sell.
 */

export interface Pin {
  /** Index into the session's featured products. */
  product: number;
  at: number;
  /** Exclusive: the next pin, an explicit unpin, or the session's end. */
  end: number;
  /** The host unpins before the next pin: a product_unpin at `end`. */
  unpinned: boolean;
  /** The product's first pin in the session, when the host introduces it. */
  intro: boolean;
}

export interface RunSheet {
  pins: Pin[];
  /** How many featured products the pins use (fewer than offered when a short stream has few pins). */
  products: number;
  recaps: number[];
}

const FIRST_PIN_MS = [MINUTE_MS, 3 * MINUTE_MS] as const;
/** METRICS-facing promise of the simulator: a new pin every 3–8 minutes. */
const PIN_GAP_MS = [3 * MINUTE_MS, 8 * MINUTE_MS] as const;
/** No new pin in the closing minutes: the host says goodbye. */
const LAST_PIN_BEFORE_END_MS = 3 * MINUTE_MS;
const UNPIN_CHANCE = 0.3;
/** A pin that is unpinned early still stays up this long. */
const MIN_PINNED_MS = 2 * MINUTE_MS;
/** Minutes between recaps (and before the first), by the host's habit; null: the host never recaps. */
const RECAP_GAP_MS: Record<RecapHabit, readonly [min: number, max: number] | null> = {
  often: [8 * MINUTE_MS, 12 * MINUTE_MS],
  regular: [15 * MINUTE_MS, 25 * MINUTE_MS],
  never: null,
};
const LAST_RECAP_BEFORE_END_MS = 3 * MINUTE_MS;

export function planRunSheet(rng: Random, productCount: number, durationMs: number, recapHabit: RecapHabit): RunSheet {
  const times: number[] = [];
  for (let t = rng.int(...FIRST_PIN_MS); t < durationMs - LAST_PIN_BEFORE_END_MS; t += rng.int(...PIN_GAP_MS)) {
    times.push(t);
  }
  const products = Math.min(productCount, times.length);

  // Product j is introduced at slot ≈ j·pins/products, so introductions spread over the stream.
  const introSlot = (j: number): number => Math.round((j * times.length) / products);
  const pins: Pin[] = [];
  let introduced = 0;
  for (let k = 0; k < times.length; k++) {
    const current = pins.length > 0 ? pins[pins.length - 1].product : -1;
    const others: number[] = [];
    for (let j = 0; j < introduced; j++) if (j !== current) others.push(j);
    // Introduce the next product on its slot, or earlier when nothing else could be pinned again.
    const introduce = introduced < products && (k >= introSlot(introduced) || others.length === 0);
    const product = introduce ? introduced++ : others.length > 0 ? rng.pick(others) : current;
    const next = k + 1 < times.length ? times[k + 1] : durationMs;
    let end = next;
    let unpinned = false;
    const spare = next - times[k] - MIN_PINNED_MS;
    if (spare > 20_000 && rng.chance(UNPIN_CHANCE)) {
      end = next - rng.int(20_000, Math.min(90_000, spare));
      unpinned = true;
    }
    pins.push({ product, at: times[k], end, unpinned, intro: introduce });
  }

  const recaps: number[] = [];
  const gap = RECAP_GAP_MS[recapHabit];
  if (gap !== null) {
    for (let r = rng.int(...gap); r < durationMs - LAST_RECAP_BEFORE_END_MS; r += rng.int(...gap)) recaps.push(r);
  }
  return { pins, products, recaps };
}

/** The pin up at `t`, or undefined between an unpin and the next pin. */
export function pinAt(pins: readonly Pin[], t: number): Pin | undefined {
  for (let k = pins.length - 1; k >= 0; k--) if (pins[k].at <= t) return t < pins[k].end ? pins[k] : undefined;
  return undefined;
}
