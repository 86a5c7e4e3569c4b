import { mix32, Random, unitFromHash } from './random.js';

/**
 * The people who watch one brand's streams. A viewer is a number; everything
 * about them (id, loyalty, chattiness, buying mood) is derived from a hash of
 * that number, so the pool stores only who exists and in which loyalty tier —
 * a few bytes each even when a benchmark creates millions of viewers.
 */

export const FAN = 0;
export const CASUAL = 1;
export const OCCASIONAL = 2;
export type Tier = typeof FAN | typeof CASUAL | typeof OCCASIONAL;

export interface ViewerTraits {
  tier: Tier;
  /** 0–1: how much this person chats and taps likes. Most viewers lurk. */
  engagement: number;
  /** Relative chance of buying, compared with other viewers of the same session. */
  spend: number;
  /** How often this viewer's player reports watch time (player versions differ). */
  heartbeatSeconds: number;
}

class IndexList {
  data = new Int32Array(256);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export interface SessionAudience {
  /** Pool indices, returning viewers first. */
  viewers: Int32Array;
  returning: number;
}

/** Share of a session's returning viewers taken from each tier: fans come back most. */
const RETURNING_MIX: readonly [Tier, number][] = [
  [FAN, 0.3],
  [CASUAL, 0.45],
  [OCCASIONAL, 0.25],
];

export class ViewerPool {
  private readonly byTier: [IndexList, IndexList, IndexList] = [new IndexList(), new IndexList(), new IndexList()];
  private count = 0;
  /**
   * Viewers a host won over without a sale (issue 13): engaged, did not buy, and until when (epoch ms)
   * they are more likely to buy when they come back.
   */
  private readonly warmUntil = new Map<number, number>();

  constructor(
    private readonly brandSeed: number,
    private readonly code: string,
  ) {}

  get size(): number {
    return this.count;
  }

  tierSize(tier: Tier): number {
    return this.byTier[tier].length;
  }

  /** A stable pseudonymous id: the index scrambled (a bijection on 32 bits), so ids reveal no order. */
  viewerId(index: number): string {
    return `${this.code}-${(Math.imul(index + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')}`;
  }

  traits(index: number): ViewerTraits {
    const h1 = mix32(this.brandSeed ^ mix32(index + 1));
    const h2 = mix32(h1 + 0x9e3779b9);
    const h3 = mix32(h2 + 0x9e3779b9);
    const h4 = mix32(h3 + 0x9e3779b9);
    const t = unitFromHash(h1);
    const tier: Tier = t < 0.07 ? FAN : t < 0.4 ? CASUAL : OCCASIONAL;
    // Squaring skews towards 0: in every chat a few people talk and most watch.
    const u = unitFromHash(h2) ** 2;
    const engagement = tier === FAN ? 0.35 + 0.65 * u : tier === CASUAL ? 0.08 + 0.6 * u : 0.02 + 0.45 * u;
    const spend = (tier === FAN ? 3 : tier === CASUAL ? 1.5 : 1) * (0.2 + unitFromHash(h3));
    const beat = unitFromHash(h4);
    return { tier, engagement, spend, heartbeatSeconds: beat < 0.4 ? 30 : beat < 0.6 ? 45 : 60 };
  }

  /**
   * Chooses the `count` viewers of the next session: about `returningShare` of
   * them seen before (fans most likely), the rest newcomers who join the pool.
   */
  selectForSession(rng: Random, count: number, returningShare: number): SessionAudience {
    const viewers = new Int32Array(count);
    let filled = 0;
    const wanted = Math.min(Math.round(count * returningShare), this.count);
    let shortfall = 0;
    for (const [tier, share] of RETURNING_MIX) {
      const list = this.byTier[tier];
      const take = Math.min(list.length, Math.round(wanted * share) + shortfall);
      shortfall = Math.round(wanted * share) + shortfall - take;
      filled = this.sampleInto(rng, list, take, viewers, filled);
    }
    const returning = filled;
    while (filled < count) viewers[filled++] = this.addNewcomer();
    return { viewers, returning };
  }

  /** Marks a viewer as won over until `untilMs` (a later mark wins when it lasts longer). */
  warm(index: number, untilMs: number): void {
    if ((this.warmUntil.get(index) ?? 0) < untilMs) this.warmUntil.set(index, untilMs);
  }

  isWarm(index: number, atMs: number): boolean {
    return (this.warmUntil.get(index) ?? 0) > atMs;
  }

  private addNewcomer(): number {
    const index = this.count++;
    this.byTier[this.traits(index).tier].push(index);
    return index;
  }

  /** Writes `take` distinct members of `list` into `out` from `at`; returns the new fill level. */
  private sampleInto(rng: Random, list: IndexList, take: number, out: Int32Array, at: number): number {
    if (take <= 0) return at;
    if (take * 2 >= list.length) {
      // Dense: a partial shuffle of a copy.
      const copy = list.data.slice(0, list.length);
      for (let i = 0; i < take; i++) {
        const j = i + Math.floor(rng.next() * (copy.length - i));
        const tmp = copy[i];
        copy[i] = copy[j];
        copy[j] = tmp;
        out[at++] = copy[i];
      }
      return at;
    }
    // Sparse: rejection keeps this O(take) however large the tier grows.
    const seen = new Set<number>();
    while (seen.size < take) {
      const index = list.data[Math.floor(rng.next() * list.length)];
      if (seen.has(index)) continue;
      seen.add(index);
      out[at++] = index;
    }
    return at;
  }
}
