import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, hashSecret, toClickHouseTime, type Brand } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { resolvePeriod, type Period, type PeriodInput } from '../../common/period.input.js';
import {
  ShareLinkRepository,
  type ShareLinkListRow,
  type ShareLinkRow,
} from '../../repositories/share-link.repository.js';
import type { Principal, ShareGrant } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { CreatedShareLinkDto, ShareLinkDto, ShareLinkState } from './dtos/share-link.dto.js';
import { newShareToken, resolveShareToken } from './share-token.js';

/** A share link may live at most this long (a year): a forgotten link should not open a report forever. */
export const MAX_SHARE_DAYS = 366;
const MAX_LABEL = 200;

export interface OpenedShare {
  grant: ShareGrant;
  brand: Brand;
  label: string;
  expiresAt: Date;
}

/** Share links: created by the admin or a READ token of the brand, opened without sign-in. */
@Injectable()
export class ShareLinkService {
  constructor(
    private readonly links: ShareLinkRepository,
    private readonly brands: BrandAccessService,
  ) {}

  /** Who may manage a brand's links: the admin, or a READ token of that brand (decision A-3). */
  private async managedBrand(principal: Principal, brandId: string): Promise<Brand> {
    if (principal.kind === 'share')
      throw new ApiException(ApiErrorCode.FORBIDDEN, 'a share link cannot manage share links');
    return this.brands.resolve(principal, brandId);
  }

  async create(
    principal: Principal,
    brandId: string,
    periodInput: PeriodInput,
    expiresAt: Date,
    label: string,
    now = new Date(),
  ): Promise<CreatedShareLinkDto> {
    const brand = await this.managedBrand(principal, brandId);
    const period: Period = resolvePeriod(periodInput, brand.timeZone);
    const expires = new Date(expiresAt);
    if (Number.isNaN(expires.getTime()) || expires.getTime() <= now.getTime())
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'expiresAt must be a date-time in the future', 'expiresAt');
    if (expires.getTime() - now.getTime() > MAX_SHARE_DAYS * 86_400_000)
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        `expiresAt may be at most ${MAX_SHARE_DAYS} days ahead`,
        'expiresAt',
      );
    const text = label.trim();
    if (text.length === 0 || text.length > MAX_LABEL)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `label must be 1–${MAX_LABEL} characters`, 'label');
    const token = newShareToken();
    const row: ShareLinkRow = {
      brand_id: brand.id,
      link_id: randomUUID(),
      token_hash: hashSecret(token),
      label: text,
      period_from: toClickHouseTime(period.from),
      period_to: toClickHouseTime(period.to),
      time_zone: period.timeZone,
      expires_at: toClickHouseTime(expires),
      created_at: toClickHouseTime(now),
      revoked_at: null,
    };
    await this.links.create(row);
    return { link: toDto({ ...row, opens: 0, last_open: null }, now), url: `/share/${token}`, token };
  }

  async list(principal: Principal, brandId: string, now = new Date()): Promise<ShareLinkDto[]> {
    const brand = await this.managedBrand(principal, brandId);
    return (await this.links.list(brand.id)).map((row) => toDto(row, now));
  }

  async revoke(principal: Principal, id: string, now = new Date()): Promise<ShareLinkDto> {
    const row = await this.links.byId(id);
    // A link of a brand the caller may not manage reads exactly like one that does not exist.
    const readable =
      row && (principal.kind === 'admin' || (principal.kind === 'reader' && principal.brandIds.includes(row.brand_id)));
    if (!row || !readable) throw new ApiException(ApiErrorCode.NOT_FOUND, `no share link "${id}"`, 'id');
    await this.managedBrand(principal, row.brand_id);
    const revoked = row.revoked_at === null ? { ...row, revoked_at: toClickHouseTime(now) } : row;
    if (row.revoked_at === null) await this.links.revoke(row, now);
    const listed = (await this.links.list(row.brand_id)).find((r) => r.link_id === id);
    return toDto(
      listed ? { ...listed, revoked_at: revoked.revoked_at } : { ...revoked, opens: 0, last_open: null },
      now,
    );
  }

  /** What the share page shows (its brand, period and label), counting one open; 404/410 as `resolveShareToken`. */
  async open(token: string, now = new Date()): Promise<OpenedShare> {
    const { grant, row } = await resolveShareToken(this.links, token, now);
    const brand = await this.brands.resolve({ kind: 'admin' }, grant.brandId);
    await this.links.recordOpen(row, now);
    return { grant, brand, label: row.label, expiresAt: fromClickHouseTime(row.expires_at) };
  }

  /** The brand and period of a share token, or the 404/410 error: for routes under /share/<token>/. */
  resolve(token: string, now = new Date()): Promise<ShareGrant> {
    return resolveShareToken(this.links, token, now).then((r) => r.grant);
  }
}

function toDto(row: ShareLinkListRow, now: Date): ShareLinkDto {
  const expiresAt = fromClickHouseTime(row.expires_at);
  const revokedAt = row.revoked_at === null ? null : fromClickHouseTime(row.revoked_at);
  return {
    id: row.link_id,
    brandId: row.brand_id,
    label: row.label,
    period: {
      from: fromClickHouseTime(row.period_from),
      to: fromClickHouseTime(row.period_to),
      timeZone: row.time_zone,
    },
    expiresAt,
    createdAt: fromClickHouseTime(row.created_at),
    revokedAt,
    state: revokedAt
      ? ShareLinkState.REVOKED
      : expiresAt.getTime() <= now.getTime()
        ? ShareLinkState.EXPIRED
        : ShareLinkState.ACTIVE,
    opens: Number(row.opens ?? 0),
    lastOpenedAt: row.last_open ? fromClickHouseTime(row.last_open) : null,
  };
}
