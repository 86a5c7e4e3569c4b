import { type LiveEvent, validateEvent } from '@lc/contract';
import { sessionOffset, simulate, toWireEvent, type SimulatedSession, type SimulationOptions } from './simulator.js';

const END = '2026-11-01T00:00:00Z';
const MINUTE = 60_000;
const collect = (options: SimulationOptions): SimulatedSession[] => [...simulate(options)];
const viewerIds = (events: readonly LiveEvent[]): Set<string> => {
  const ids = new Set<string>();
  for (const e of events) if ('viewerId' in e && e.viewerId !== undefined) ids.add(e.viewerId);
  return ids;
};

// A demo set of the default three brands, kept small: about a dozen sessions.
const DEMO: SimulationOptions = { seed: 42, targetEvents: 40_000, endDate: END };
const demo = collect(DEMO);
const demoEvents = demo.flatMap((s) => s.events);

describe('simulate: determinism', () => {
  const small: SimulationOptions = { seed: 7, targetEvents: 8_000, endDate: END };

  it('makes identical events for the same seed and options', () => {
    expect(JSON.stringify(collect(small).map((s) => s.events))).toBe(
      JSON.stringify(collect(small).map((s) => s.events)),
    );
  });

  it('makes different events for a different seed', () => {
    const a = collect(small).flatMap((s) => s.events);
    const b = collect({ ...small, seed: 8 }).flatMap((s) => s.events);
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('makes the same data for one brand whether or not the others are generated', () => {
    const full = demo.filter((s) => s.brand.brandId === 'kumo-home');
    const only = collect({ ...DEMO, onlyBrands: ['kumo-home'] });
    expect(only.map((s) => s.plan.sessionId)).toEqual(full.map((s) => s.plan.sessionId));
    expect(JSON.stringify(only.map((s) => s.events))).toBe(JSON.stringify(full.map((s) => s.events)));
  });

  it('rejects an unknown brand and a target the period cannot hold', () => {
    expect(() => simulate({ ...DEMO, onlyBrands: ['nope'] })).toThrow(/unknown brand\(s\) nope/);
    expect(() => simulate({ ...DEMO, brands: 1, targetEvents: 100_000_000 })).toThrow(/need more streams than 1 brand/);
  });
});

describe('simulate: streaming and scale', () => {
  it('plans 100 M events without making them, and yields the first session at once', () => {
    const started = performance.now();
    const plan = simulate({ seed: 1, targetEvents: 100_000_000, endDate: END });
    const first = plan[Symbol.iterator]().next();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(first.done).toBe(false);
    // More brands, not more streams per host: each brand keeps a realistic calendar.
    expect(plan.brands.length).toBeGreaterThan(100);
    expect(plan.estimatedEvents / 1e8).toBeGreaterThan(0.97);
    expect(plan.estimatedEvents / 1e8).toBeLessThan(1.03);
  });

  it('plans the requested number of events to within one session, and estimates sessions well', () => {
    const plan = simulate(DEMO);
    const largest = Math.max(...plan.sessions.map((s) => s.estimatedEvents));
    expect(Math.abs(plan.estimatedEvents - 40_000)).toBeLessThanOrEqual(largest);
    // The estimate is a fit of generated sessions (schedule.ts); it must stay one as the generator changes.
    expect(demoEvents.length / plan.estimatedEvents).toBeGreaterThan(0.9);
    expect(demoEvents.length / plan.estimatedEvents).toBeLessThan(1.1);
  });
});

describe('simulate: the wire contract', () => {
  it('makes only events that pass validateEvent, as epoch ms and as ISO with the local offset', () => {
    // Failures are collected rather than asserted one by one: expect() per event would dominate the run time.
    const failures: unknown[] = [];
    for (const session of demo) {
      const offset = sessionOffset(session);
      for (const event of session.events) {
        const direct = validateEvent(event);
        if (!direct.ok) failures.push({ eventId: event.eventId, errors: direct.errors });
        const wire = validateEvent(JSON.parse(JSON.stringify(toWireEvent(event, offset))));
        if (!wire.ok) failures.push({ eventId: event.eventId, wire: wire.errors });
        else if (wire.event.occurredAt !== event.occurredAt)
          failures.push({ eventId: event.eventId, wire: 'time differs' });
      }
    }
    expect(failures).toEqual([]);
  });

  it('writes local offsets: +09:00 in Tokyo, -07:00 or -08:00 in Los Angeles', () => {
    const tokyo = demo.find((s) => s.brand.timeZone === 'Asia/Tokyo');
    const la = demo.find((s) => s.brand.timeZone === 'America/Los_Angeles');
    expect(toWireEvent(tokyo!.events[0], sessionOffset(tokyo!)).occurredAt).toMatch(/\+09:00$/);
    expect(toWireEvent(la!.events[0], sessionOffset(la!)).occurredAt).toMatch(/-0[78]:00$/);
  });

  it('gives every event a unique id made of its session id and a number', () => {
    const ids = demoEvents.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const misnamed = demo.flatMap((session) =>
      session.events.filter((e, n) => e.eventId !== `${session.plan.sessionId}-${n}`).map((e) => e.eventId),
    );
    expect(misnamed).toEqual([]);
  });

  it('uses JPY whole amounts and USD cents', () => {
    for (const session of demo) {
      for (const e of session.events) {
        if (e.type !== 'purchase' && e.type !== 'cart_add') continue;
        expect(e.currency).toBe(session.brand.currency);
        const prices = e.type === 'cart_add' ? [e.unitPrice] : e.items.map((item) => item.unitPrice);
        for (const price of prices) expect(price).toMatch(e.currency === 'JPY' ? /^\d+$/ : /^\d+\.\d{2}$/);
      }
    }
  });
});

describe('simulate: the catalogue', () => {
  const { brands } = simulate(DEMO);

  it('has two JPY brands in Tokyo and one USD brand in Los Angeles', () => {
    expect(brands.map((b) => [b.timeZone, b.currency])).toEqual([
      ['Asia/Tokyo', 'JPY'],
      ['Asia/Tokyo', 'JPY'],
      ['America/Los_Angeles', 'USD'],
    ]);
  });

  it('gives each brand 2–5 named commercers of both kinds', () => {
    for (const brand of brands) {
      expect(brand.commercers.length).toBeGreaterThanOrEqual(2);
      expect(brand.commercers.length).toBeLessThanOrEqual(5);
      expect(new Set(brand.commercers.map((c) => c.kind))).toEqual(new Set(['professional', 'in_house']));
      for (const c of brand.commercers) expect(c.name.length).toBeGreaterThan(0);
    }
  });
});

describe('simulate: realistic sessions (demo set)', () => {
  it('brackets each session with start and end, in time order, lasting 30–90 minutes', () => {
    for (const { events } of demo) {
      expect(events[0].type).toBe('session_start');
      expect(events[events.length - 1].type).toBe('session_end');
      expect(events.every((e, i) => i === 0 || e.occurredAt >= events[i - 1].occurredAt)).toBe(true);
      const minutes = (events[events.length - 1].occurredAt - events[0].occurredAt) / MINUTE;
      expect(minutes).toBeGreaterThanOrEqual(30);
      expect(minutes).toBeLessThanOrEqual(90);
    }
  });

  it('has 50–500 unique viewers per session', () => {
    for (const { events, plan } of demo) {
      const viewers = viewerIds(events).size;
      expect(viewers).toBe(plan.viewers);
      expect(viewers).toBeGreaterThanOrEqual(50);
      expect(viewers).toBeLessThanOrEqual(500);
    }
  });

  it('converts 1–8 % of viewers, per session and overall', () => {
    let viewers = 0;
    let buyers = 0;
    for (const { events } of demo) {
      const sessionViewers = viewerIds(events).size;
      const sessionBuyers = viewerIds(events.filter((e) => e.type === 'purchase')).size;
      expect(sessionBuyers / sessionViewers).toBeLessThanOrEqual(0.08);
      viewers += sessionViewers;
      buyers += sessionBuyers;
    }
    expect(buyers / viewers).toBeGreaterThanOrEqual(0.01);
    expect(buyers / viewers).toBeLessThanOrEqual(0.08);
  });

  it('has multi-item orders and cart adds before most purchases', () => {
    const purchases = demoEvents.filter((e) => e.type === 'purchase');
    expect(purchases.some((p) => p.type === 'purchase' && p.items.length > 1)).toBe(true);
    expect(demoEvents.filter((e) => e.type === 'cart_add').length).toBeGreaterThan(purchases.length);
  });

  it('brings regulars back: some viewers watch 3 or more sessions of a brand', () => {
    for (const brandId of ['sakura-beauty', 'kumo-home', 'trailhead-outfitters']) {
      const sessionsSeen = new Map<string, number>();
      for (const session of demo.filter((s) => s.brand.brandId === brandId)) {
        for (const viewer of viewerIds(session.events)) sessionsSeen.set(viewer, (sessionsSeen.get(viewer) ?? 0) + 1);
      }
      expect([...sessionsSeen.values()].filter((n) => n >= 3).length).toBeGreaterThan(0);
    }
  });

  it('has late joiners: first event more than 10 minutes after the start', () => {
    let late = 0;
    for (const { events } of demo) {
      const first = new Map<string, number>();
      for (const e of events)
        if ('viewerId' in e && e.viewerId && !first.has(e.viewerId)) first.set(e.viewerId, e.occurredAt);
      for (const at of first.values()) if (at - events[0].occurredAt > 10 * MINUTE) late++;
    }
    expect(late).toBeGreaterThan(0);
  });

  it('answers viewer comments of the same session 5–200 s later', () => {
    let replies = 0;
    for (const { events } of demo) {
      const byId = new Map(events.map((e) => [e.eventId, e]));
      for (const e of events) {
        if (e.type !== 'comment' || e.replyTo === undefined) continue;
        replies++;
        expect(e.author).toBe('host');
        const answered = byId.get(e.replyTo);
        expect(answered).toMatchObject({ type: 'comment', author: 'viewer' });
        const delay = (e.occurredAt - answered!.occurredAt) / 1000;
        expect(delay).toBeGreaterThanOrEqual(5);
        expect(delay).toBeLessThanOrEqual(200);
      }
    }
    expect(replies).toBeGreaterThan(0);
  });

  it('reports dwell at least every 60 s while a viewer watches, never more than the session lasts', () => {
    const wrong: string[] = [];
    for (const { events } of demo) {
      const duration = (events[events.length - 1].occurredAt - events[0].occurredAt) / 1000;
      const watched = new Map<string, number>();
      // A heartbeat: the time since the viewer's previous heartbeat or join, at most 60 s later.
      const lastBeat = new Map<string, number>();
      for (const e of events) {
        if (e.type === 'join') lastBeat.set(e.viewerId, e.occurredAt);
        if (e.type !== 'dwell') continue;
        const gap = e.occurredAt - (lastBeat.get(e.viewerId) ?? Number.NaN);
        if (!(gap <= 60_000) || Math.abs(e.seconds - gap / 1000) > 1 || e.seconds < 1)
          wrong.push(`${e.eventId}: ${e.seconds} s after ${gap} ms`);
        lastBeat.set(e.viewerId, e.occurredAt);
        watched.set(e.viewerId, (watched.get(e.viewerId) ?? 0) + e.seconds);
      }
      for (const [viewer, seconds] of watched)
        if (seconds > duration) wrong.push(`${viewer} watched ${seconds} s of ${duration}`);
    }
    expect(wrong).toEqual([]);
  });

  it('uses all join sources, brand stamps with bursts of 1–1000, and several platforms', () => {
    const sources = new Set(demoEvents.flatMap((e) => (e.type === 'join' && e.source ? [e.source] : [])));
    expect(sources).toEqual(new Set(['follower', 'ad', 'share', 'organic']));
    const likes = demoEvents.flatMap((e) => (e.type === 'like' ? [e] : []));
    expect(Math.min(...likes.map((l) => l.count))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...likes.map((l) => l.count))).toBeLessThanOrEqual(1000);
    expect(likes.some((l) => l.stamp === undefined)).toBe(true);
    expect(likes.some((l) => l.stamp === 'sakura')).toBe(true);
    const platforms = new Set(demoEvents.flatMap((e) => (e.type === 'session_start' ? [e.platform] : [])));
    expect(platforms.size).toBeGreaterThan(1);
  });
});
