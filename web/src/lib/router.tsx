import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** Every page the app has. Adding one here makes App's switch fail to compile until it is rendered. */
export type Route =
  | { name: 'overview' }
  | { name: 'session'; id: string }
  | { name: 'sessionLive'; id: string }
  | { name: 'commercers' }
  | { name: 'commercer'; id: string }
  | { name: 'products' }
  | { name: 'engagement' }
  | { name: 'community' }
  | { name: 'report' }
  | { name: 'notFound' };

const STATIC_ROUTES: Record<string, Route> = {
  '/': { name: 'overview' },
  '/commercers': { name: 'commercers' },
  '/products': { name: 'products' },
  '/engagement': { name: 'engagement' },
  '/community': { name: 'community' },
  '/report': { name: 'report' },
};

function decodeId(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed %-escape cannot name anything.
    return null;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const fixed = STATIC_ROUTES[path];
  if (fixed) return fixed;
  const live = /^\/sessions\/([^/]+)\/live$/.exec(path);
  const liveId = live ? decodeId(live[1]) : null;
  if (liveId !== null) return { name: 'sessionLive', id: liveId };
  const item = /^\/(sessions|commercers)\/([^/]+)$/.exec(path);
  const id = item ? decodeId(item[2]) : null;
  if (!item || id === null) return { name: 'notFound' };
  return item[1] === 'sessions' ? { name: 'session', id } : { name: 'commercer', id };
}

export function sessionPath(id: string): string {
  return `/sessions/${encodeURIComponent(id)}`;
}

/** The live console of a session in progress. */
export function sessionLivePath(id: string): string {
  return `${sessionPath(id)}/live`;
}

export function commercerPath(id: string): string {
  return `/commercers/${encodeURIComponent(id)}`;
}

// pushState fires no event, so navigate() announces itself to subscribers the same way popstate does.
const NAVIGATE_EVENT = 'lc:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentUrl = (): string => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentUrl()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current path and query string; re-renders on back/forward and on navigate(). */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const url = useSyncExternalStore(subscribe, currentUrl, () => '/');
  const parsed = new URL(url, 'http://local');
  return { pathname: parsed.pathname, search: parsed.searchParams };
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** A real <a href> (so open-in-new-tab and copy-link work) that navigates in place on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified || rest.target === '_blank') return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

/** Sets (or, with null, removes) page-specific query params, keeping the rest of the URL. */
export function updateSearch(
  patch: Readonly<Record<string, string | null>>,
  options: { replace?: boolean } = {},
): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  navigate(query ? `${window.location.pathname}?${query}` : window.location.pathname, options);
}
