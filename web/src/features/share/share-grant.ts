import type { Branding } from '../branding/useBranding';

/** What GET /share/<token>/grant answers for a valid link (docs/API.md, "Share links"). */
export interface ShareGrant {
  readonly label: string;
  readonly expiresAt: string;
  readonly brand: { readonly id: string; readonly name: string; readonly timeZone: string; readonly currency: string };
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: string };
  readonly branding: Branding | null;
}

export type ShareGrantResult =
  | { readonly kind: 'ok'; readonly grant: ShareGrant }
  | { readonly kind: 'gone'; readonly message: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly reason: string };

/** The token of a share page's path (`/share/<token>`), or null for any other page. */
export function shareTokenOf(pathname: string): string | null {
  const match = /^\/share\/([\w-]+)\/?$/.exec(pathname);
  return match ? match[1] : null;
}

/** Asks the API what a share token opens: 200 → the grant, 410 → gone (expired or revoked), 404 → missing. */
export async function fetchShareGrant(token: string, fetcher: typeof fetch = fetch): Promise<ShareGrantResult> {
  try {
    const response = await fetcher(`/share/${encodeURIComponent(token)}/grant`, {
      headers: { accept: 'application/json' },
    });
    if (response.status === 410) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { kind: 'gone', message: body?.error?.message ?? '' };
    }
    if (response.status === 404) return { kind: 'missing' };
    if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}` };
    return { kind: 'ok', grant: (await response.json()) as ShareGrant };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}
