import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** Every page the app has. Adding one here makes App's switch fail to compile until it is rendered. */
export type Route = { name: 'overview' } | { name: 'session'; id: string } | { name: 'notFound' };

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/') return { name: 'overview' };
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session) {
    try {
      return { name: 'session', id: decodeURIComponent(session[1]) };
    } catch {
      // A malformed %-escape cannot name a session.
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export function sessionPath(id: string): string {
  return `/sessions/${encodeURIComponent(id)}`;
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
