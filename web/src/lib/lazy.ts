import { createElement, lazy, type ComponentType, type ReactElement } from 'react';

export interface Preloadable<P extends object> {
  (props: P): ReactElement;
  preload(): Promise<unknown>;
}

/**
 * React.lazy that can be asked to start loading early — a page's chunk while the brands query is in
 * flight, recharts while the page's own queries are — so the waits overlap instead of adding up.
 * Once loaded it renders the component directly: suspending on a module that is already there
 * would still cost React 19's fallback throttle (~300 ms) before the content shows.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const get = (): Promise<ComponentType<P>> =>
    (pending ??= load().then((component) => {
      loaded = component;
      return component;
    }));
  const Lazy = lazy(async () => ({ default: await get() }));
  const Component = (props: P): ReactElement => createElement(loaded ?? Lazy, props);
  return Object.assign(Component, { preload: get });
}
