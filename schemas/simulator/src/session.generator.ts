import type { CommentEvent, LiveEvent } from '@lc/contract';
import { ALL_PLATFORMS, type SimProduct } from './catalogue.js';
import { fill, PHRASES } from './phrases.js';
import { hashSeed, Random } from './random.js';
import type { SessionPlan } from './schedule.js';
import { CASUAL, FAN, type Tier, type ViewerPool } from './viewer-pool.js';
import { MINUTE_MS } from './zoned-time.js';

/**
 * One live stream, minute by minute: viewers arrive (most at the start, the
 * rest trickling in), watch with a player that reports dwell every 30–60 s,
 * and leave; chat and likes flare up when the host introduces a product; a few
 * viewers add to cart and buy; the host answers some comments.
 */

/** Expected comments per minute of a viewer with engagement 1 when nothing special happens. */
const COMMENT_RATE = 0.1;
/** Expected like bursts per minute, same scale. */
const LIKE_RATE = 0.2;
/** Share of a session's viewers who buy: drawn per session from this range (METRICS: 1–8 %). */
const CONVERSION_RANGE = [0.015, 0.065] as const;
/** Viewers who add to cart but do not buy. */
const CART_ONLY_RANGE = [0.02, 0.08] as const;

type Role = 'none' | 'buyer' | 'cart';
type CommentKind = 'greeting' | 'reaction' | 'question' | 'bought' | 'goodbye';

const SOURCE_MIX: Record<'fan' | 'returning' | 'new', readonly (readonly [string, number])[]> = {
  fan: [
    ['follower', 80],
    ['organic', 12],
    ['share', 8],
  ],
  returning: [
    ['follower', 45],
    ['organic', 25],
    ['ad', 15],
    ['share', 15],
  ],
  new: [
    ['ad', 35],
    ['organic', 30],
    ['share', 25],
    ['follower', 10],
  ],
};

const EARLY_CHANCE: Record<Tier, number> = { 0: 0.65, 1: 0.45, 2: 0.3 };
const MEDIAN_STAY_MINUTES: Record<Tier, number> = { 0: 26, 1: 13, 2: 6 };
/** How quickly the host answers: mostly within a minute, some after the 120 s the KPI counts. */
const REPLY_DELAY_SECONDS: readonly (readonly [readonly [number, number], number])[] = [
  [[5, 60], 65],
  [[60, 120], 23],
  [[120, 200], 12],
];
const REPLY_CHANCE: Record<CommentKind, number> = {
  question: 0.55,
  bought: 0.5,
  greeting: 0.2,
  reaction: 0.08,
  goodbye: 0.1,
};

export function generateSession(plan: SessionPlan, pool: ViewerPool, seed: number | string): LiveEvent[] {
  const { brand, commercer, sessionId } = plan;
  const rng = new Random(hashSeed(seed, 'session', sessionId));
  const phrases = PHRASES[brand.language];
  const t0 = plan.startMs;
  const D = plan.durationMs;
  const minutes = Math.ceil(D / MINUTE_MS);
  const events: LiveEvent[] = [];
  const replies: { reply: CommentEvent; to: CommentEvent }[] = [];
  let orderSeq = 0;

  // Products on the show, introduced one after another between minute 3 and the last few minutes.
  const featured = rng.sample(brand.products, rng.int(2, 5));
  const intros: number[] = [];
  const firstIntro = 3 * MINUTE_MS;
  const spacing = (D - 6 * MINUTE_MS - firstIntro) / featured.length;
  for (let j = 0; j < featured.length; j++)
    intros.push(Math.round(firstIntro + spacing * j + rng.float(0, spacing * 0.4)));

  // Chat and likes per minute relative to a quiet minute: greetings at the start,
  // a spike after each product introduction that fades over ~5 minutes, goodbyes at the end.
  const chatHype = new Float64Array(minutes).fill(1);
  const likeHype = new Float64Array(minutes).fill(1);
  for (let m = 0; m < Math.min(3, minutes); m++) chatHype[m] += 1.5;
  for (let m = Math.max(0, minutes - 2); m < minutes; m++) chatHype[m] += 1;
  for (const intro of intros) {
    const start = Math.floor(intro / MINUTE_MS);
    for (let k = 0; k < 6 && start + k < minutes; k++) {
      chatHype[start + k] += 2.5 * Math.exp(-k / 2);
      likeHype[start + k] += 3 * Math.exp(-k / 2);
    }
  }
  const onScreen = (t: number): SimProduct => {
    let product = featured[0];
    for (let j = 0; j < intros.length && intros[j] <= t; j++) product = featured[j];
    return product;
  };

  const platform = rng.chance(0.88)
    ? commercer.platform
    : rng.pick(ALL_PLATFORMS.filter((p) => p !== commercer.platform));
  events.push({
    eventId: '',
    type: 'session_start',
    occurredAt: t0,
    sessionId,
    commercerId: commercer.commercerId,
    commercerName: commercer.name,
    commercerKind: commercer.kind,
    title: fill(rng.pick(phrases.titles), featured[0].name, commercer.name),
    platform,
  });
  for (let j = 0; j < featured.length; j++) {
    events.push({
      eventId: '',
      type: 'comment',
      occurredAt: t0 + intros[j],
      sessionId,
      author: 'host',
      text: `${fill(phrases.hostIntro, featured[j].name)} ${priceLabel(featured[j].unitPrice, brand.currency)}`,
    });
  }

  const audience = pool.selectForSession(rng, plan.viewers, rng.float(0.4, 0.65));
  const viewerCount = audience.viewers.length;

  // Buyers and cart adders: a race of exponential clocks weighted by each viewer's
  // spending mood is a weighted sample without replacement in one sort.
  const roles: Role[] = new Array<Role>(viewerCount).fill('none');
  const race: { i: number; key: number }[] = [];
  for (let i = 0; i < viewerCount; i++) {
    race.push({ i, key: rng.exponential(1) / pool.traits(audience.viewers[i]).spend });
  }
  race.sort((a, b) => a.key - b.key);
  const buyers = Math.max(1, Math.round(viewerCount * rng.float(...CONVERSION_RANGE)));
  const cartOnly = Math.round(viewerCount * rng.float(...CART_ONLY_RANGE));
  for (let r = 0; r < buyers + cartOnly && r < viewerCount; r++) roles[race[r].i] = r < buyers ? 'buyer' : 'cart';

  const addComment = (t: number, viewerId: string, kind: CommentKind): void => {
    const product = onScreen(t).name;
    const templates =
      kind === 'greeting'
        ? phrases.greetings
        : kind === 'question'
          ? phrases.questions
          : kind === 'bought'
            ? phrases.bought
            : kind === 'goodbye'
              ? phrases.goodbyes
              : phrases.reactions;
    const comment: CommentEvent = {
      eventId: '',
      type: 'comment',
      occurredAt: t0 + t,
      sessionId,
      viewerId,
      author: 'viewer',
      text: fill(rng.pick(templates), product),
    };
    events.push(comment);
    if (!rng.chance(REPLY_CHANCE[kind])) return;
    const [lo, hi] = rng.weighted(REPLY_DELAY_SECONDS);
    const at = t + rng.int(lo * 1000, hi * 1000);
    // A stream that has ended answers nothing.
    if (at >= D) return;
    const answers =
      kind === 'question' ? phrases.hostAnswers : kind === 'greeting' ? phrases.hostWelcome : phrases.hostThanks;
    const reply: CommentEvent = {
      eventId: '',
      type: 'comment',
      occurredAt: t0 + at,
      sessionId,
      author: 'host',
      text: fill(rng.pick(answers), product),
      replyTo: '',
    };
    events.push(reply);
    replies.push({ reply, to: comment });
  };

  const addCarts = (
    viewerId: string,
    from: number,
    to: number,
    products: readonly number[],
  ): { productIndex: number; quantity: number; at: number }[] => {
    const carts: { productIndex: number; quantity: number; at: number }[] = [];
    for (const j of products) {
      const latest = to - 45_000;
      const earliest = Math.min(Math.max(from, intros[j]) + 5_000, latest);
      const at = Math.min(latest, Math.round(earliest + rng.exponential(90_000)));
      const quantity = rng.weighted<number>([
        [1, 80],
        [2, 15],
        [3, 5],
      ]);
      carts.push({ productIndex: j, quantity, at });
    }
    return carts;
  };

  for (let i = 0; i < viewerCount; i++) {
    const index = audience.viewers[i];
    const traits = pool.traits(index);
    const viewerId = pool.viewerId(index);
    const returning = i < audience.returning;
    const role = roles[i];
    const mix = traits.tier === FAN && returning ? SOURCE_MIX.fan : returning ? SOURCE_MIX.returning : SOURCE_MIX.new;
    const source = rng.chance(0.05) ? undefined : rng.weighted(mix);

    // Arrival: notified followers pile in at the start; everyone else trickles in, some long after.
    let arrival = rng.chance(EARLY_CHANCE[traits.tier])
      ? 1_000 + Math.min(rng.exponential(45_000), 179_000)
      : rng.chance(0.5)
        ? rng.float(3 * MINUTE_MS, D - 3 * MINUTE_MS)
        : 3 * MINUTE_MS + rng.exponential(D / 4);
    arrival = Math.round(Math.min(Math.max(arrival, 1_000), D - MINUTE_MS));
    const stay = Math.max(20_000, rng.logNormal(MEDIAN_STAY_MINUTES[traits.tier] * MINUTE_MS, 0.9));
    const closing = D - rng.int(1_000, 30_000);
    let end = Math.round(Math.min(arrival + stay, closing));

    // People who shop were there when a product was shown, and stayed a while after.
    let anchor = -1;
    if (role !== 'none') {
      anchor = rng.int(0, intros.length - 1);
      if (arrival > intros[anchor] + 120_000) arrival = Math.max(1_000, intros[anchor] - rng.int(0, 300_000));
      end = Math.max(end, Math.min(closing, intros[anchor] + rng.int(180_000, 720_000)));
      end = Math.max(end, Math.min(closing, arrival + 120_000));
    }

    const segments: [number, number][] = [[arrival, end]];
    // A dropped connection or a quick look elsewhere: some come back.
    if (role === 'none' && end < D - 5 * MINUTE_MS && rng.chance(0.06)) {
      const back = end + rng.int(30_000, 240_000);
      const backEnd = Math.round(Math.min(closing, back + rng.logNormal(5 * MINUTE_MS, 0.8)));
      if (backEnd > back + 20_000) segments.push([back, backEnd]);
    }

    for (const [s, e] of segments) {
      events.push(
        source === undefined
          ? { eventId: '', type: 'join', occurredAt: t0 + s, sessionId, viewerId }
          : { eventId: '', type: 'join', occurredAt: t0 + s, sessionId, viewerId, source },
      );
      // Dwell is a heartbeat: each reports the time since the previous heartbeat
      // (or the join), so Σ seconds is the time watched and no interval exceeds 60 s.
      // Seconds are rounded from the join on, so rounding never adds up past the time watched.
      let last = s;
      let reported = 0;
      const beat = traits.heartbeatSeconds * 1000;
      for (;;) {
        const next = last + Math.min(60_000, beat + rng.int(-1_500, 1_500));
        if (next >= e) break;
        const seconds = Math.round((next - s) / 1000) - reported;
        reported += seconds;
        events.push({ eventId: '', type: 'dwell', occurredAt: t0 + next, sessionId, viewerId, seconds });
        last = next;
      }
      if (e - last >= 1_000) {
        const seconds = Math.round((e - s) / 1000) - reported;
        events.push({ eventId: '', type: 'dwell', occurredAt: t0 + e, sessionId, viewerId, seconds });
      }
      // Closing the app mid-stream often sends nothing; players that see the stream end mostly do.
      if (rng.chance(e < D - 31_000 ? 0.92 : 0.6)) {
        events.push({ eventId: '', type: 'leave', occurredAt: t0 + e, sessionId, viewerId });
      }

      for (let m = Math.floor(s / MINUTE_MS); m * MINUTE_MS < e && m < minutes; m++) {
        const lo = Math.max(s, m * MINUTE_MS);
        const span = Math.min(e, (m + 1) * MINUTE_MS) - lo;
        if (span <= 0) continue;
        const share = span / MINUTE_MS;
        const comments = rng.poisson(COMMENT_RATE * traits.engagement * chatHype[m] * share);
        for (let c = 0; c < comments; c++) {
          const kind: CommentKind =
            m < 3 && rng.chance(0.7)
              ? 'greeting'
              : m >= minutes - 2 && rng.chance(0.6)
                ? 'goodbye'
                : rng.chance(chatHype[m] > 2 ? 0.4 : 0.2)
                  ? 'question'
                  : 'reaction';
          addComment(lo + Math.floor(rng.next() * span), viewerId, kind);
        }
        const bursts = rng.poisson(LIKE_RATE * traits.engagement * likeHype[m] * share);
        for (let b = 0; b < bursts; b++) {
          const r = rng.next();
          let count =
            r < 0.55 ? rng.int(1, 10) : r < 0.85 ? rng.int(10, 60) : r < 0.97 ? rng.int(60, 300) : rng.int(300, 1000);
          if (likeHype[m] > 2) count = Math.min(1000, Math.round(count * 1.5));
          const stamp = rng.weighted(brand.stamps);
          const at = t0 + lo + Math.floor(rng.next() * span);
          // `like` is the default stamp, and many players leave it out.
          events.push(
            stamp === 'like' && rng.chance(0.5)
              ? { eventId: '', type: 'like', occurredAt: at, sessionId, viewerId, count }
              : { eventId: '', type: 'like', occurredAt: at, sessionId, viewerId, count, stamp },
          );
        }
      }
    }

    if (role === 'none') continue;
    const [from, to] = segments[0];
    // Products already shown (and so pinned in the shop) by the time this viewer stops watching.
    const shown: number[] = [];
    for (let j = 0; j < intros.length; j++) if (j !== anchor && intros[j] < to - 90_000) shown.push(j);
    const itemCount = rng.weighted<number>([
      [1, 60],
      [2, 28],
      [3, 12],
    ]);
    const picked = [anchor, ...rng.sample(shown, itemCount - 1)];

    if (role === 'cart') {
      for (const cart of addCarts(viewerId, from, to, picked.slice(0, 2))) {
        const product = featured[cart.productIndex];
        events.push(cartAdd(t0 + cart.at, sessionId, viewerId, product, cart.quantity, brand.currency));
      }
      continue;
    }

    // Buyers: most add to cart first; some tap "buy now". Some carts keep one item unbought.
    const direct = rng.chance(0.2);
    const carts = direct
      ? picked.map((productIndex) => ({
          productIndex,
          quantity: 1,
          at: Math.min(to - 45_000, Math.max(from, intros[productIndex]) + 5_000),
        }))
      : addCarts(viewerId, from, to, picked);
    if (!direct) {
      for (const cart of carts) {
        events.push(
          cartAdd(t0 + cart.at, sessionId, viewerId, featured[cart.productIndex], cart.quantity, brand.currency),
        );
      }
    }
    const bought = carts.length > 1 && rng.chance(0.12) ? carts.slice(0, -1) : carts;
    const lastCart = Math.max(...carts.map((cart) => cart.at));
    const paidAt = Math.min(to - 2_000, lastCart + rng.int(20_000, 240_000));
    events.push({
      eventId: '',
      type: 'purchase',
      occurredAt: t0 + paidAt,
      sessionId,
      viewerId,
      orderId: `${sessionId}-o${++orderSeq}`,
      items: bought.map((cart) => ({
        productId: featured[cart.productIndex].productId,
        quantity: cart.quantity,
        unitPrice: featured[cart.productIndex].unitPrice,
      })),
      currency: brand.currency,
    });
    if (rng.chance(0.4) && paidAt + 10_000 < to) addComment(paidAt + rng.int(3_000, 10_000), viewerId, 'bought');
    // A second, separate order now and then, so orders and buyers differ.
    if (traits.tier <= CASUAL && rng.chance(0.08) && paidAt + 60_000 < to - 2_000) {
      const extra = featured[rng.int(0, featured.length - 1)];
      events.push({
        eventId: '',
        type: 'purchase',
        occurredAt: t0 + rng.int(paidAt + 30_000, to - 2_000),
        sessionId,
        viewerId,
        orderId: `${sessionId}-o${++orderSeq}`,
        items: [{ productId: extra.productId, quantity: 1, unitPrice: extra.unitPrice }],
        currency: brand.currency,
      });
    }
  }

  events.push({ eventId: '', type: 'session_end', occurredAt: t0 + D, sessionId });

  // Array sort is stable, so same-instant events keep their causal order (dwell before leave).
  events.sort((a, b) => a.occurredAt - b.occurredAt);
  for (let n = 0; n < events.length; n++) events[n].eventId = `${sessionId}-${n}`;
  for (const { reply, to } of replies) reply.replyTo = to.eventId;
  return events;
}

function cartAdd(
  at: number,
  sessionId: string,
  viewerId: string,
  product: SimProduct,
  quantity: number,
  currency: string,
): LiveEvent {
  return {
    eventId: '',
    type: 'cart_add',
    occurredAt: at,
    sessionId,
    viewerId,
    productId: product.productId,
    quantity,
    unitPrice: product.unitPrice,
    currency,
  };
}

function priceLabel(unitPrice: string, currency: string): string {
  if (currency === 'JPY') return `¥${Number(unitPrice).toLocaleString('en-US')}`;
  if (currency === 'USD') return `$${unitPrice}`;
  return `${unitPrice} ${currency}`;
}
