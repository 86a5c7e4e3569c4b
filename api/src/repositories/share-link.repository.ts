import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion, toClickHouseTime } from '@lc/clickhouse';

export interface ShareLinkRow {
  brand_id: string;
  link_id: string;
  token_hash: string;
  label: string;
  period_from: string;
  period_to: string;
  time_zone: string;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
}

export interface ShareLinkListRow extends ShareLinkRow {
  opens: number;
  last_open: string | null;
}

const COLUMNS =
  'brand_id, link_id, token_hash, label, period_from, period_to, time_zone, expires_at, created_at, revoked_at';

/**
 * Share links (migration 0010): only the sha256 of a token is stored. Revoking writes a newer row;
 * reads use FINAL. Opens are one row each, counted at listing.
 */
@Injectable()
export class ShareLinkRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async create(row: ShareLinkRow): Promise<void> {
    await this.gateway.insert('share_links', [{ ...row, version: nextRowVersion() }], { tag: 'shareLinks.create' });
  }

  async byHash(hash: string): Promise<ShareLinkRow | null> {
    const [row] = await this.gateway.query<ShareLinkRow>(
      `SELECT ${COLUMNS} FROM share_links FINAL WHERE token_hash = {hash:String} LIMIT 1`,
      { hash },
      { tag: 'shareLinks.byHash' },
    );
    return row ?? null;
  }

  async byId(linkId: string): Promise<ShareLinkRow | null> {
    const [row] = await this.gateway.query<ShareLinkRow>(
      `SELECT ${COLUMNS} FROM share_links FINAL WHERE link_id = {linkId:String} LIMIT 1`,
      { linkId },
      { tag: 'shareLinks.byId' },
    );
    return row ?? null;
  }

  async revoke(row: ShareLinkRow, at: Date): Promise<void> {
    await this.gateway.insert(
      'share_links',
      [{ ...row, revoked_at: toClickHouseTime(at), version: nextRowVersion() }],
      { tag: 'shareLinks.revoke' },
    );
  }

  async recordOpen(row: ShareLinkRow, at: Date): Promise<void> {
    await this.gateway.insert(
      'share_link_opens',
      [{ brand_id: row.brand_id, link_id: row.link_id, opened_at: toClickHouseTime(at), open_id: randomUUID() }],
      { tag: 'shareLinks.open' },
    );
  }

  /** A brand's links, newest first, each with its open count and last open. */
  async list(brandId: string): Promise<ShareLinkListRow[]> {
    return this.gateway.query<ShareLinkListRow>(
      `SELECT l.brand_id AS brand_id, l.link_id AS link_id, l.token_hash AS token_hash, l.label AS label,
              l.period_from AS period_from, l.period_to AS period_to, l.time_zone AS time_zone,
              l.expires_at AS expires_at, l.created_at AS created_at, l.revoked_at AS revoked_at,
              o.opens AS opens, o.last_open AS last_open
       FROM (SELECT ${COLUMNS} FROM share_links FINAL WHERE brand_id = {brandId:String}) AS l
       LEFT JOIN (
         SELECT link_id, toUInt64(count()) AS opens, toNullable(max(opened_at)) AS last_open
         FROM share_link_opens FINAL WHERE brand_id = {brandId:String} GROUP BY link_id
       ) AS o ON o.link_id = l.link_id
       ORDER BY l.created_at DESC, l.link_id
       LIMIT 10000
       SETTINGS join_use_nulls = 1`,
      { brandId },
      { tag: 'shareLinks.list' },
    );
  }
}
