import type { CommentEvent, CommercerKind, LiveEvent } from '@lc/contract';
import { ALL_PLATFORMS, type Language, type SimProduct } from './catalogue.js';
import { fill, PHRASES } from './phrases.js';
import { hashSeed, mix32, Random, unitFromHash } from './random.js';
import { refundEvents, type SimOrder } from './refunds.js';
import { type Pin, pinAt, planRunSheet } from './run-sheet.js';
import type { SessionPlan } from './schedule.js';
import { CASUAL, FAN, type Tier, type ViewerPool, type ViewerTraits } from './viewer-pool.js';
import { MINUTE_MS } from './zoned-time.js';

/**
 * One live stream, minute by minute: viewers arrive (most at the start, the
 * rest trickling in), watch with a player that reports dwell every 30–60 s,
 * and leave; the host pins a product every few minutes, and the player shows
 * its card to the viewers watching; chat and likes flare up when a product is
 * introduced; clicks and cart adds cluster while a product is pinned and
 * orders follow within minutes; a few viewers follow the host or share the
 * stream; the host answers some comments and, by habit, recaps for late
 * joiners, who stay longer when a recap catches them; the shop refunds a few
 * orders.
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

/** Hired hosts bring their own reach (ads, reposts); staff hosts the brand's followers. */
const SOURCE_FACTOR: Record<CommercerKind, Record<string, number>> = {
  professional: { follower: 0.6, ad: 1.8, share: 1.5, organic: 1 },
  in_house: { follower: 1.4, ad: 0.5, share: 0.8, organic: 1 },
};

/** Share of a session's viewers who follow the host's account during it (METRICS followRate), drawn per session. */
const FOLLOW_RANGE = [0.025, 0.045] as const;
/** Share of a session's viewers who share the stream, drawn per session. */
const SHARE_RANGE = [0.008, 0.025] as const;
const SHARE_CHANNELS: Record<Language, readonly (readonly [string | undefined, number])[]> = {
  ja: [
    ['line', 45],
    ['x', 30],
    ['copy_link', 12],
    ['instagram', 5],
    [undefined, 8],
  ],
  en: [
    ['x', 30],
    ['copy_link', 25],
    ['facebook', 18],
    ['instagram', 12],
    ['line', 3],
    [undefined, 12],
  ],
};
/** The player shows the pinned product's card to most viewers; some players hide it (small screens, minimised). */
const IMPRESSION_CHANCE = 0.9;
/** Viewers who open the card of a product that is not pinned (browsing the shop tab). */
const BROWSE_CHANCE = 0.04;
/** Chat and likes after re-pinning a product already shown, compared with its introduction. */
const REPIN_HYPE = 0.4;

/** METRICS lateJoiners: first event more than 10 minutes after the start. */
const LATE_JOIN_MS = 10 * MINUTE_MS;
/** METRICS recapCoverage: a recap within 300 s of a late joiner's first event, while they are still there. */
const RECAP_REACH_MS = 300_000;
/** A late joiner a recap catches up stays this much longer than they would have (METRICS recapLift > 1). */
const RECAP_STAY_FACTOR = [1.4, 1.8] as const;

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

/**
 * Issue 13 ("does engagement pay later?"): an engaged viewer who leaves without buying is won over by
 * the host with the host's own chance — some hosts follow up their audience far better than others —
 * and for the next 28 days buys this many times more readily when they come back.
 */
const WARM_SPEND_BOOST = 8;
const WARM_DAYS = 28;

/** The share of engaged non-buyers a host wins over: 2–90 %, fixed per host. */
export function winOverChance(commercerId: string): number {
  return 0.02 + 0.88 * unitFromHash(hashSeed('win-over', commercerId));
}

/** Decided by hash, not by the session's random stream, so every other draw of the session stays as it was. */
function winsOver(commercerId: string, sessionId: string, index: number): boolean {
  return unitFromHash(mix32(hashSeed('won', sessionId) ^ mix32(index + 1))) < winOverChance(commercerId);
}

export function generateSession(plan: SessionPlan, pool: ViewerPool, seed: number | string): LiveEvent[] {
  const { brand, commercer, sessionId } = plan;
  const rng = new Random(hashSeed(seed, 'session', sessionId));
  const phrases = PHRASES[brand.language];
  const t0 = plan.startMs;
  const D = plan.durationMs;
  const minutes = Math.ceil(D / MINUTE_MS);
  const events: LiveEvent[] = [];
  const replies: { reply: CommentEvent; to: CommentEvent }[] = [];
  const orders: SimOrder[] = [];
  let orderSeq = 0;

  // Products on the show, pinned one after another and pinned again between introductions.
  const offered = rng.sample(brand.products, rng.int(2, 5));
  const { pins, products, recaps } = planRunSheet(rng, offered.length, D, commercer.recapHabit);
  const featured = offered.slice(0, products);

  // Chat and likes per minute relative to a quiet minute: greetings at the start,
  // a spike after each pin that fades over ~5 minutes (smaller for a product
  // shown before), goodbyes at the end.
  const chatHype = new Float64Array(minutes).fill(1);
  const likeHype = new Float64Array(minutes).fill(1);
  for (let m = 0; m < Math.min(3, minutes); m++) chatHype[m] += 1.5;
  for (let m = Math.max(0, minutes - 2); m < minutes; m++) chatHype[m] += 1;
  for (const pin of pins) {
    const start = Math.floor(pin.at / MINUTE_MS);
    const scale = pin.intro ? 1 : REPIN_HYPE;
    for (let k = 0; k < 6 && start + k < minutes; k++) {
      chatHype[start + k] += 2.5 * scale * Math.exp(-k / 2);
      likeHype[start + k] += 3 * scale * Math.exp(-k / 2);
    }
  }
  /** The product the host talks about at `t`: the latest pinned, even after an unpin. */
  const onScreen = (t: number): SimProduct => {
    let product = featured[0];
    for (let k = 0; k < pins.length && pins[k].at <= t; k++) product = featured[pins[k].product];
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
  for (const pin of pins) {
    const product = featured[pin.product];
    events.push({
      eventId: '',
      type: 'product_pin',
      occurredAt: t0 + pin.at,
      sessionId,
      productId: product.productId,
      productName: product.name,
    });
    if (pin.intro) {
      events.push({
        eventId: '',
        type: 'comment',
        occurredAt: t0 + pin.at,
        sessionId,
        author: 'host',
        text: `${fill(phrases.hostIntro, product.name)} ${priceLabel(product.unitPrice, brand.currency)}`,
      });
    }
    if (pin.unpinned) {
      events.push({
        eventId: '',
        type: 'product_unpin',
        occurredAt: t0 + pin.end,
        sessionId,
        productId: product.productId,
      });
    }
  }
  for (const at of recaps) {
    const shown = pins.filter((pin) => pin.intro && pin.at < at).map((pin) => featured[pin.product].name);
    events.push({
      eventId: '',
      type: 'recap',
      occurredAt: t0 + at,
      sessionId,
      text: fill(rng.pick(phrases.hostRecap), shown.join(phrases.listSeparator)),
    });
  }

  const audience = pool.selectForSession(rng, plan.viewers, rng.float(0.4, 0.65));
  const viewerCount = audience.viewers.length;
  const traitsOf = (i: number): ViewerTraits => pool.traits(audience.viewers[i]);

  // How each viewer came: the mix depends on loyalty and on who hosts.
  const factor = SOURCE_FACTOR[commercer.kind];
  const mixes = {
    fan: SOURCE_MIX.fan.map(([source, weight]) => [source, weight * factor[source]] as const),
    returning: SOURCE_MIX.returning.map(([source, weight]) => [source, weight * factor[source]] as const),
    new: SOURCE_MIX.new.map(([source, weight]) => [source, weight * factor[source]] as const),
  };
  const sources: (string | undefined)[] = [];
  for (let i = 0; i < viewerCount; i++) {
    const returning = i < audience.returning;
    const mix = traitsOf(i).tier === FAN && returning ? mixes.fan : returning ? mixes.returning : mixes.new;
    sources.push(rng.chance(0.05) ? undefined : rng.weighted(mix));
  }

  // Buyers and cart adders: a race of exponential clocks weighted by each viewer's
  // spending mood is a weighted sample without replacement in one sort.
  const roles: Role[] = new Array<Role>(viewerCount).fill('none');
  // A viewer a host won over in an earlier session (engaged without buying) buys more readily now.
  const spenders = weightedOrder(
    rng,
    viewerCount,
    (i) => traitsOf(i).spend * (pool.isWarm(audience.viewers[i], t0) ? WARM_SPEND_BOOST : 1),
  );
  const buyers = Math.max(1, Math.round(viewerCount * rng.float(...CONVERSION_RANGE)));
  const cartOnly = Math.round(viewerCount * rng.float(...CART_ONLY_RANGE));
  for (let r = 0; r < buyers + cartOnly && r < viewerCount; r++) roles[spenders[r]] = r < buyers ? 'buyer' : 'cart';

  // Follows come from viewers who did not arrive as followers, the chattier first;
  // shares from the engaged, a few of them more than once.
  const followCount = Math.max(1, Math.round(viewerCount * rng.float(...FOLLOW_RANGE)));
  const followWeight = (i: number): number => (sources[i] === 'follower' ? 0 : 0.1 + traitsOf(i).engagement);
  const follows = new Set(weightedOrder(rng, viewerCount, followWeight).slice(0, followCount));
  const shares = new Map<number, number>();
  const shareCount = Math.max(1, Math.round(viewerCount * rng.float(...SHARE_RANGE)));
  for (const i of weightedOrder(rng, viewerCount, (i) => 0.05 + traitsOf(i).engagement).slice(0, shareCount)) {
    shares.set(i, rng.chance(0.15) ? 2 : 1);
  }

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

  const productClick = (at: number, viewerId: string, product: SimProduct): void => {
    events.push({
      eventId: '',
      type: 'product_click',
      occurredAt: t0 + at,
      sessionId,
      viewerId,
      productId: product.productId,
    });
  };

  /** A moment in [from, to) that leaves a second either side. */
  const momentIn = (from: number, to: number): number =>
    from + 1_000 + Math.floor(rng.next() * Math.max(1, to - from - 2_000));

  // Shoppers were there when their product was pinned: introductions sell more than re-pins.
  const anchorWeights = pins.map((pin, k) => [k, pin.intro ? 2 : 1] as const);

  /** Viewers who commented or liked in this session. */
  const engagedHere = new Set<number>();
  for (let i = 0; i < viewerCount; i++) {
    const index = audience.viewers[i];
    const traits = pool.traits(index);
    const viewerId = pool.viewerId(index);
    const role = roles[i];
    const source = sources[i];

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

    // People who shop were there when a product was pinned, and stayed a while after.
    let anchor = -1;
    if (role !== 'none') {
      anchor = rng.weighted(anchorWeights);
      const pinnedAt = pins[anchor].at;
      if (arrival > pinnedAt + 120_000) arrival = Math.max(1_000, pinnedAt - rng.int(0, 300_000));
      end = Math.max(end, Math.min(closing, pinnedAt + rng.int(180_000, 720_000)));
      end = Math.max(end, Math.min(closing, arrival + 120_000));
    }
    // A late joiner whom a recap catches up knows what they missed, and stays for what comes next.
    if (arrival > LATE_JOIN_MS && recaps.some((r) => r >= arrival && r <= arrival + RECAP_REACH_MS && r < end)) {
      end = Math.round(Math.min(closing, arrival + (end - arrival) * rng.float(...RECAP_STAY_FACTOR)));
    }

    const segments: [number, number][] = [[arrival, end]];
    // A dropped connection or a quick look elsewhere: some come back.
    if (role === 'none' && end < D - 5 * MINUTE_MS && rng.chance(0.06)) {
      const back = end + rng.int(30_000, 240_000);
      const backEnd = Math.round(Math.min(closing, back + rng.logNormal(5 * MINUTE_MS, 0.8)));
      if (backEnd > back + 20_000) segments.push([back, backEnd]);
    }

    // Each pin's card is shown once to a viewer watching while it is up; some open it.
    const clickChance = Math.min(0.5, 0.015 + 0.08 * traits.engagement + 0.012 * traits.spend);
    let lastPinSeen = -1;
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

      for (let k = lastPinSeen + 1; k < pins.length && pins[k].at < e; k++) {
        const from = Math.max(s, pins[k].at);
        const until = Math.min(e, pins[k].end);
        if (until - from < 10_000) continue;
        lastPinSeen = k;
        if (!rng.chance(IMPRESSION_CHANCE)) continue;
        const product = featured[pins[k].product];
        const shown = from + rng.int(500, 8_000);
        events.push({
          eventId: '',
          type: 'product_impression',
          occurredAt: t0 + shown,
          sessionId,
          viewerId,
          productId: product.productId,
        });
        if (!rng.chance(clickChance)) continue;
        // Most open the card soon after it appears; always while it is still up.
        const room = until - shown;
        const delay = rng.exponential(40_000);
        productClick(shown + Math.floor(delay < room ? delay : rng.next() * room), viewerId, product);
      }

      for (let m = Math.floor(s / MINUTE_MS); m * MINUTE_MS < e && m < minutes; m++) {
        const lo = Math.max(s, m * MINUTE_MS);
        const span = Math.min(e, (m + 1) * MINUTE_MS) - lo;
        if (span <= 0) continue;
        const share = span / MINUTE_MS;
        const comments = rng.poisson(COMMENT_RATE * traits.engagement * chatHype[m] * share);
        if (comments > 0) engagedHere.add(i);
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
        if (bursts > 0) engagedHere.add(i);
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

    const [from, to] = segments[0];
    // Browsing the shop tab: a product shown earlier, opened while another is up (or none is).
    if (rng.chance(BROWSE_CHANCE)) {
      const at = momentIn(from, to);
      const up = pinAt(pins, at)?.product;
      const earlier = [...new Set(pins.filter((pin) => pin.at < at && pin.product !== up).map((pin) => pin.product))];
      if (earlier.length > 0) productClick(at, viewerId, featured[rng.pick(earlier)]);
    }
    if (follows.has(i))
      events.push({ eventId: '', type: 'follow', occurredAt: t0 + momentIn(from, to), sessionId, viewerId });
    for (let n = shares.get(i) ?? 0; n > 0; n--) {
      const channel = rng.weighted(SHARE_CHANNELS[brand.language]);
      const at = t0 + momentIn(from, to);
      events.push(
        channel === undefined
          ? { eventId: '', type: 'share', occurredAt: at, sessionId, viewerId }
          : { eventId: '', type: 'share', occurredAt: at, sessionId, viewerId, channel },
      );
    }

    if (
      role !== 'buyer' &&
      (role === 'cart' || engagedHere.has(i)) &&
      winsOver(commercer.commercerId, sessionId, index)
    )
      pool.warm(index, t0 + WARM_DAYS * 86_400_000);
    if (role === 'none') continue;
    const carts = planCarts(rng, pins, anchor, from, to, role === 'buyer' && rng.chance(0.2)).slice(
      0,
      role === 'cart' ? 2 : undefined,
    );
    // Every item was opened first: its card, seconds before the cart (or "buy now").
    for (const cart of carts) {
      const opened = Math.min(cart.at, Math.max(from, cart.at - rng.int(3_000, 25_000)));
      productClick(opened, viewerId, featured[cart.product]);
    }
    if (role === 'cart') {
      for (const cart of carts) {
        events.push(cartAdd(t0 + cart.at, sessionId, viewerId, featured[cart.product], cart.quantity, brand.currency));
      }
      continue;
    }

    // Buyers: most add to cart first; some tap "buy now". Some carts keep one item unbought.
    if (!carts[0].direct) {
      for (const cart of carts) {
        events.push(cartAdd(t0 + cart.at, sessionId, viewerId, featured[cart.product], cart.quantity, brand.currency));
      }
    }
    const bought = carts.length > 1 && rng.chance(0.12) ? carts.slice(0, -1) : carts;
    const lastCart = Math.max(...carts.map((cart) => cart.at));
    const paidAt = Math.min(to - 2_000, lastCart + rng.int(20_000, 240_000));
    const order: SimOrder = {
      orderId: `${sessionId}-o${++orderSeq}`,
      paidAt,
      items: bought.map((cart) => ({
        productId: featured[cart.product].productId,
        quantity: cart.quantity,
        unitPrice: featured[cart.product].unitPrice,
      })),
    };
    orders.push(order);
    events.push({
      eventId: '',
      type: 'purchase',
      occurredAt: t0 + paidAt,
      sessionId,
      viewerId,
      orderId: order.orderId,
      items: order.items.map((item) => ({ ...item })),
      currency: brand.currency,
    });
    if (rng.chance(0.4) && paidAt + 10_000 < to) addComment(paidAt + rng.int(3_000, 10_000), viewerId, 'bought');
    // A second, separate order now and then (of what is on screen then), so orders and buyers differ.
    if (traits.tier <= CASUAL && rng.chance(0.08) && paidAt + 60_000 < to - 2_000) {
      const at = rng.int(paidAt + 30_000, to - 2_000);
      const extra = onScreen(at);
      const second: SimOrder = {
        orderId: `${sessionId}-o${++orderSeq}`,
        paidAt: at,
        items: [{ productId: extra.productId, quantity: 1, unitPrice: extra.unitPrice }],
      };
      orders.push(second);
      productClick(Math.max(paidAt, at - rng.int(3_000, 25_000)), viewerId, extra);
      events.push({
        eventId: '',
        type: 'purchase',
        occurredAt: t0 + at,
        sessionId,
        viewerId,
        orderId: second.orderId,
        items: second.items.map((item) => ({ ...item })),
        currency: brand.currency,
      });
    }
  }

  events.push(...refundEvents(rng, orders, { sessionId, startMs: t0, durationMs: D, currency: brand.currency }));
  events.push({ eventId: '', type: 'session_end', occurredAt: t0 + D, sessionId });

  // Array sort is stable, so same-instant events keep their causal order (dwell before leave).
  events.sort((a, b) => a.occurredAt - b.occurredAt);
  for (let n = 0; n < events.length; n++) events[n].eventId = `${sessionId}-${n}`;
  for (const { reply, to } of replies) reply.replyTo = to.eventId;
  return events;
}

interface CartPlan {
  /** Index into the session's featured products. */
  product: number;
  quantity: number;
  /** ms from the session start. */
  at: number;
  /** "Buy now" without a cart: `at` is when the card was tapped. */
  direct: boolean;
}

/**
 * What a shopper who watched from `from` to `to` puts in the cart: the
 * product of their anchor pin, soon after it went up, and for some a product
 * or two of other pins they watched, while those were up. Now and then an
 * extra item is picked from the shop tab, a product not pinned at the time.
 */
function planCarts(
  rng: Random,
  pins: readonly Pin[],
  anchor: number,
  from: number,
  to: number,
  direct: boolean,
): CartPlan[] {
  const itemCount = rng.weighted<number>([
    [1, 60],
    [2, 28],
    [3, 12],
  ]);
  const chosen: Pin[] = [pins[anchor]];
  const products = new Set([pins[anchor].product]);
  // Other pins the shopper watched, early enough to buy after.
  const watched = rng.shuffle(pins.filter((pin, k) => k !== anchor && pin.end > from && pin.at < to - 90_000));
  for (const pin of watched) {
    if (chosen.length === itemCount) break;
    if (products.has(pin.product)) continue;
    chosen.push(pin);
    products.add(pin.product);
  }
  const latest = to - 45_000;
  const carts: CartPlan[] = chosen.map((pin) => {
    const earliest = Math.min(Math.max(from, pin.at) + 5_000, latest);
    const at = direct ? earliest : Math.min(latest, Math.round(earliest + rng.exponential(75_000)));
    return { product: pin.product, quantity: direct ? 1 : quantity(rng), at, direct };
  });
  if (carts.length < itemCount && rng.chance(0.5)) {
    const shown = [...new Set(pins.filter((pin) => pin.at < latest).map((pin) => pin.product))];
    const others = shown.filter((product) => !products.has(product));
    if (others.length > 0) {
      const at = Math.min(latest, carts[0].at + rng.int(10_000, 60_000));
      carts.push({ product: rng.pick(others), quantity: direct ? 1 : quantity(rng), at, direct });
    }
  }
  return carts;
}

function quantity(rng: Random): number {
  return rng.weighted<number>([
    [1, 80],
    [2, 15],
    [3, 5],
  ]);
}

/**
 * Viewer indices 0…count−1 in a weighted random order (exponential race): heavier weights tend to come
 * first; weight 0 leaves a viewer out.
 */
function weightedOrder(rng: Random, count: number, weight: (i: number) => number): number[] {
  const race: { i: number; key: number }[] = [];
  for (let i = 0; i < count; i++) {
    const w = weight(i);
    const key = rng.exponential(1) / w;
    if (w > 0) race.push({ i, key });
  }
  race.sort((a, b) => a.key - b.key);
  return race.map((entry) => entry.i);
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
