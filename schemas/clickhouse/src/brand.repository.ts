import type { ClickHouseGateway } from './clickhouse.gateway.js';

export interface Brand {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}

/** Brands (tenants). Updates are new rows; reads use FINAL. */
export class BrandRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async upsert(brand: Brand): Promise<void> {
    await this.gateway.insert(
      'brands',
      [{ brand_id: brand.id, name: brand.name, time_zone: brand.timeZone, currency: brand.currency }],
      { tag: 'brands.upsert' },
    );
  }

  async list(brandIds?: readonly string[]): Promise<Brand[]> {
    const rows = await this.gateway.query<{ brand_id: string; name: string; time_zone: string; currency: string }>(
      `SELECT brand_id, name, time_zone, currency FROM brands FINAL
       WHERE {all:Bool} OR has({brandIds:Array(String)}, brand_id)
       ORDER BY name`,
      { all: brandIds === undefined, brandIds: brandIds ?? [] },
      { tag: 'brands.list' },
    );
    return rows.map((row) => ({ id: row.brand_id, name: row.name, timeZone: row.time_zone, currency: row.currency }));
  }
}
