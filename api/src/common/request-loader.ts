import DataLoader from 'dataloader';
import type { GraphQLContext } from '../modules/auth/principal.decorator.js';

/**
 * One DataLoader per request and name: field resolvers of many parents (e.g.
 * `minuteSeries` of every session in a list) are batched into one query.
 */
export function requestLoader<K, V>(
  context: GraphQLContext,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  let loader = context.loaders.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
    context.loaders.set(name, loader);
  }
  return loader;
}
