import DataLoader from 'dataloader';
import type { GraphQLContext } from '../modules/auth/principal.decorator.js';

/**
 * One DataLoader per request and name: field resolvers of many parents (e.g.
 * `minuteSeries` of every session in a list) are batched into one query.
 */
export function requestLoader<K, V, C = K>(
  context: GraphQLContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  /** Keys that are equal by value (not identity) load once, e.g. a session reached from two fields. */
  cacheKeyFn?: (key: K) => C,
): DataLoader<K, V, C> {
  let loader = context.loaders.get(name) as DataLoader<K, V, C> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V, C>(batch, { maxBatchSize: 500, cacheKeyFn });
    context.loaders.set(name, loader);
  }
  return loader;
}
