import { randomBytes } from 'node:crypto';
import { fromClickHouseTime, hashSecret } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { ShareLinkRepository, ShareLinkRow } from '../../repositories/share-link.repository.js';
import type { ShareGrant } from '../auth/principal.js';

/** Share tokens carry their own prefix (READ keys: lcr_, ingest keys: lci_), so auth can tell them apart. */
export const SHARE_TOKEN_PREFIX = 'lcs_';

export const isShareToken = (token: string): boolean => token.startsWith(SHARE_TOKEN_PREFIX);

export const newShareToken = (): string => `${SHARE_TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;

export function grantOf(row: ShareLinkRow): ShareGrant {
  return {
    linkId: row.link_id,
    brandId: row.brand_id,
    period: {
      from: fromClickHouseTime(row.period_from),
      to: fromClickHouseTime(row.period_to),
      timeZone: row.time_zone,
    },
  };
}

/**
 * The one check of a share token, for GraphQL/CSV auth, the share page and any later route under
 * /share/<token>/ (e.g. the report PDF): the brand and period it opens, or NOT_FOUND (404) for an
 * unknown token, GONE (410) for a revoked or expired one.
 */
export async function resolveShareToken(
  links: ShareLinkRepository,
  token: string,
  now = new Date(),
): Promise<{ grant: ShareGrant; row: ShareLinkRow }> {
  const row = isShareToken(token) ? await links.byHash(hashSecret(token)) : null;
  if (!row) throw new ApiException(ApiErrorCode.NOT_FOUND, 'this share link does not exist', 'token');
  if (row.revoked_at !== null)
    throw new ApiException(ApiErrorCode.GONE, 'this share link was revoked; ask the sender for a new one', 'token');
  if (fromClickHouseTime(row.expires_at).getTime() <= now.getTime())
    throw new ApiException(ApiErrorCode.GONE, 'this share link has expired; ask the sender for a new one', 'token');
  return { grant: grantOf(row), row };
}

/**
 * The HTTP status of the share page at /share/<token> (200, 404 or 410), for the server that serves
 * the dashboard's index.html there: an expired link answers 410 with the page that explains it.
 */
export async function shareLinkHttpStatus(links: ShareLinkRepository, token: string): Promise<200 | 404 | 410> {
  try {
    await resolveShareToken(links, token);
    return 200;
  } catch (error) {
    if (error instanceof ApiException) return error.extensions.code === ApiErrorCode.GONE ? 410 : 404;
    throw error;
  }
}
