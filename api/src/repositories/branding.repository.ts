import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion, toClickHouseTime } from '@lc/clickhouse';

/** A brand's white-label as the report, the share page, the PDF and the email use it. */
export interface Branding {
  displayName: string;
  agencyName: string;
  /** `#rrggbb` */
  accentColor: string;
  logo?: { mime: 'image/png' | 'image/svg+xml'; bytes: Buffer };
}

interface BrandingRow {
  brand_id: string;
  display_name: string;
  agency_name: string;
  accent_color: string;
  logo_mime: string;
  logo_base64: string;
}

/**
 * Brand white-label (migration 0010, table brand_branding): the newest row per brand wins (FINAL).
 * `get` is the one read for every consumer (GraphQL, logo route, share page, PDF and email at merge).
 */
@Injectable()
export class BrandingRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async get(brandId: string): Promise<Branding | null> {
    const [row] = await this.gateway.query<BrandingRow>(
      `SELECT brand_id, display_name, agency_name, accent_color, logo_mime, logo_base64
       FROM brand_branding FINAL WHERE brand_id = {brandId:String} LIMIT 1`,
      { brandId },
      { tag: 'branding.get' },
    );
    if (!row) return null;
    return {
      displayName: row.display_name,
      agencyName: row.agency_name,
      accentColor: row.accent_color,
      ...(row.logo_mime === 'image/png' || row.logo_mime === 'image/svg+xml'
        ? { logo: { mime: row.logo_mime, bytes: Buffer.from(row.logo_base64, 'base64') } }
        : {}),
    };
  }

  async set(brandId: string, branding: Branding, at = new Date()): Promise<void> {
    await this.gateway.insert(
      'brand_branding',
      [
        {
          brand_id: brandId,
          display_name: branding.displayName,
          agency_name: branding.agencyName,
          accent_color: branding.accentColor,
          logo_mime: branding.logo?.mime ?? '',
          logo_base64: branding.logo?.bytes.toString('base64') ?? '',
          updated_at: toClickHouseTime(at),
          version: nextRowVersion(),
        },
      ],
      { tag: 'branding.set' },
    );
  }
}
