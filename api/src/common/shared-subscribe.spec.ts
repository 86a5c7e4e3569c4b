import { GraphQLInt, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { sharedSubscribe } from './shared-subscribe.js';

/**
 * sharedSubscribe with graphql-js's own executor on a two-field schema: `ticks` yields the events a test
 * hands it (the same object to every subscription, as a session watch does) and `calls` counts how often
 * the event's `value` field was resolved, i.e. how often an event was executed.
 */
describe('sharedSubscribe', () => {
  interface Tick {
    value: number;
  }
  let resolved = 0;
  /** The open `ticks` streams: push(tick) hands the same object to each. */
  const listeners = new Set<(tick: Tick) => void>();
  let closed = 0;
  const push = (tick: Tick) => [...listeners].forEach((listener) => listener(tick));

  async function* ticks(): AsyncGenerator<Tick> {
    const queue: Tick[] = [];
    let wake: (() => void) | null = null;
    const listener = (tick: Tick) => {
      queue.push(tick);
      wake?.();
    };
    listeners.add(listener);
    try {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        yield queue.shift()!;
      }
    } finally {
      listeners.delete(listener);
      closed += 1;
    }
  }

  const TickType = new GraphQLObjectType<Tick>({
    name: 'Tick',
    fields: {
      value: {
        type: GraphQLInt,
        resolve: (tick) => {
          resolved += 1;
          return tick.value;
        },
      },
      label: { type: GraphQLString, resolve: (tick) => `tick ${tick.value}` },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: { ticks: { type: TickType, subscribe: () => ticks(), resolve: (tick: Tick) => tick } },
    }),
  });
  const subscribe = sharedSubscribe((context) => (context as { scope: string }).scope);
  const open = async (query: string, scope: string) => {
    const result = await subscribe({ schema, document: parse(query), contextValue: { scope } });
    if (!(Symbol.asyncIterator in result)) throw new Error(`not a stream: ${JSON.stringify(result)}`);
    return result as AsyncGenerator<ExecutionResult, void, void>;
  };

  beforeEach(() => {
    resolved = 0;
    closed = 0;
  });

  it('executes an event once for every subscription of the same selection and scope', async () => {
    const a = await open('subscription { ticks { value } }', 'brand-a');
    // the same selection written differently (spacing) is the same document once printed
    const b = await open('subscription {  ticks {  value  } }', 'brand-a');
    const [nextA, nextB] = [a.next(), b.next()];
    await new Promise((resolve) => setImmediate(resolve)); // both streams are waiting for a tick
    push({ value: 7 });
    const [resultA, resultB] = await Promise.all([nextA, nextB]);
    expect(resultA.value).toEqual({ data: { ticks: { value: 7 } } });
    expect(resultB.value).toEqual({ data: { ticks: { value: 7 } } });
    expect(resolved).toBe(1);
    await Promise.all([a.return(), b.return()]);
  });

  it('executes it apart for another scope or another selection', async () => {
    const a = await open('subscription { ticks { value } }', 'brand-a');
    const b = await open('subscription { ticks { value } }', 'brand-b');
    const c = await open('subscription { ticks { value label } }', 'brand-a');
    const nexts = [a.next(), b.next(), c.next()];
    await new Promise((resolve) => setImmediate(resolve));
    push({ value: 3 });
    const results = await Promise.all(nexts);
    expect(results.map((r) => r.value)).toEqual([
      { data: { ticks: { value: 3 } } },
      { data: { ticks: { value: 3 } } },
      { data: { ticks: { value: 3, label: 'tick 3' } } },
    ]);
    expect(resolved).toBe(3);
    // a new event object is executed again, even with the same content
    const again = [a.next(), b.next()];
    await new Promise((resolve) => setImmediate(resolve));
    push({ value: 3 });
    await Promise.all(again);
    expect(resolved).toBe(5);
    await Promise.all([a.return(), b.return(), c.return()]);
  });

  it('ends the source stream when the subscription completes', async () => {
    const a = await open('subscription { ticks { value } }', 'brand-a');
    const first = a.next();
    await new Promise((resolve) => setImmediate(resolve));
    push({ value: 1 });
    await first;
    expect(await a.return()).toEqual({ done: true, value: undefined });
    expect(closed).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it('answers a subscription to an unknown field with the errors, not a stream', async () => {
    const result = await subscribe({ schema, document: parse('subscription { nothing }') });
    expect(Symbol.asyncIterator in result).toBe(false);
    expect((result as ExecutionResult).errors?.[0]?.message).toMatch(/nothing/);
  });
});
