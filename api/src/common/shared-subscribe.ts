import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type subscribe as graphqlSubscribe,
} from 'graphql';

type Subscribe = typeof graphqlSubscribe;

/**
 * graphql-ws's `subscribe` (graphql-js's, but sharing work): an event that many subscriptions receive —
 * the same object, as a session watch hands it to each of its listeners — is executed once per distinct
 * selection (document, operation, variables) and scope (`scopeOf` the context, e.g. the token's brands),
 * and every subscription of that selection and scope is sent the same result. Without it, fifty consoles
 * on one session execute the whole console selection fifty times per push (BENCHMARKS.md, twenty-second
 * session). Events are kept by identity only while something holds them (a WeakMap).
 */
export function sharedSubscribe(scopeOf: (context: unknown) => string): Subscribe {
  const executions = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  return async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream; // an ExecutionResult holding the errors
    const key = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? null]);
    const scopedKey = `${key}\u0000${scopeOf(args.contextValue)}`;
    return mapEvents(stream, (event) => {
      const executeEvent = () => Promise.resolve(execute({ ...args, rootValue: event }));
      if (typeof event !== 'object' || event === null) return executeEvent();
      let byKey = executions.get(event);
      if (!byKey) executions.set(event, (byKey = new Map()));
      let result = byKey.get(scopedKey);
      if (!result) byKey.set(scopedKey, (result = executeEvent()));
      return result;
    });
  };
}

/**
 * The events of `stream` mapped by `map`, as graphql-js maps a subscription's events: return() and
 * throw() are handed to the stream (completing a subscription ends its source), and a failed mapping
 * ends the stream before it is thrown.
 */
function mapEvents<T>(
  stream: AsyncIterable<unknown>,
  map: (event: unknown) => Promise<T>,
): AsyncGenerator<T, void, void> {
  const events = stream[Symbol.asyncIterator]();
  const done = { done: true, value: undefined } as const;
  const mapped = async (step: IteratorResult<unknown>): Promise<IteratorResult<T, void>> => {
    if (step.done) return done;
    try {
      return { done: false, value: await map(step.value) };
    } catch (error) {
      await events.return?.();
      throw error;
    }
  };
  const iterator: AsyncIterableIterator<T, void> & Pick<AsyncGenerator<T, void, void>, 'return' | 'throw'> = {
    next: async () => mapped(await events.next()),
    return: async () => {
      await events.return?.();
      return done;
    },
    throw: async (error: unknown) => {
      if (!events.throw) throw error;
      return mapped(await events.throw(error));
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  // what graphql-js's subscribe returns, but for Symbol.asyncDispose, which graphql-ws does not call
  return iterator as AsyncGenerator<T, void, void>;
}
