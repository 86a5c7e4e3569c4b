import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, ClickHouseGateway } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { ApiSettings } from '../../api.env.js';
import { ShareLinkRepository } from '../../repositories/share-link.repository.js';
import { isShareToken, resolveShareToken } from '../share/share-token.js';
import type { Principal } from './principal.js';
import { RenderTokenService } from './render-token.service.js';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

@Injectable()
export class AuthService {
  readonly keys: ApiKeyRepository;
  private readonly shareLinks: ShareLinkRepository;

  constructor(
    gateway: ClickHouseGateway,
    private readonly settings: ApiSettings,
    private readonly renderTokens: RenderTokenService,
  ) {
    this.keys = new ApiKeyRepository(gateway);
    this.shareLinks = new ShareLinkRepository(gateway);
  }

  /** The caller of a request, or null without credentials. Wrong credentials are an error, not anonymity. */
  async principalOf(authorization: string | undefined): Promise<Principal | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'Authorization must be "Bearer <token>"');
    const token = match[1];
    const admin = this.settings.adminToken;
    if (admin && sameSecret(token, admin)) return { kind: 'admin' };
    if (isShareToken(token)) {
      // A share link reads its brand's report over its period only (assertShareAllows, PeriodService).
      const { grant } = await resolveShareToken(this.shareLinks, token);
      return { kind: 'share', brandIds: [grant.brandId], ...grant };
    }
    if (this.renderTokens.isRenderToken(token)) {
      // the PDF renderer's page (render-token.service.ts): one brand, for the length of one render
      const grant = this.renderTokens.verify(token);
      if (!grant) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'render token is invalid or expired');
      return { kind: 'reader', keyId: 'internal:report-renderer', brandIds: [grant.brandId] };
    }
    const key = await this.keys.verify(token);
    if (!key) throw new ApiException(ApiErrorCode.UNAUTHENTICATED, 'token is unknown or revoked');
    if (key.scope !== 'READ')
      throw new ApiException(ApiErrorCode.FORBIDDEN, 'this is an ingest key; use a READ token to query');
    return { kind: 'reader', keyId: key.keyId, brandIds: key.brandIds };
  }
}
