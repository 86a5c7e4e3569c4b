import { Injectable } from '@nestjs/common';
import { BrandRepository, ClickHouseGateway, type Brand } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import type { Principal } from '../auth/principal.js';

/** Which single brand a period query is about, checked against the caller's brands. */
@Injectable()
export class BrandAccessService {
  private readonly brands: BrandRepository;
  private cache: { at: number; mark: string | null; brands: Brand[] } | null = null;

  constructor(private readonly gateway: ClickHouseGateway) {
    this.brands = new BrandRepository(gateway);
  }

  private async all(): Promise<Brand[]> {
    // Brands change rarely; a cache spares a query per resolver: 5 s in server mode (another process
    // may write them), and in embedded mode while no write to `brands` finished (S11R2-3).
    const mark = this.gateway.writeMark(['brands']);
    const kept = this.cache;
    if (kept && (Date.now() - kept.at <= 5_000 || (mark !== null && kept.mark === mark))) return kept.brands;
    const at = Date.now();
    const brands = await this.brands.list();
    this.cache = { at, mark, brands };
    return brands;
  }

  /**
   * The brand named by `brandId`, or the caller's only brand. A brand the
   * caller may not read is reported exactly like one that does not exist.
   */
  async resolve(principal: Principal, brandId: string | null | undefined): Promise<Brand> {
    const readable = principal.kind === 'admin' ? null : new Set(principal.brandIds);
    const brands = (await this.all()).filter((b) => readable === null || readable.has(b.id));
    if (brandId) {
      const brand = brands.find((b) => b.id === brandId);
      if (!brand) throw new ApiException(ApiErrorCode.NOT_FOUND, `no brand "${brandId}" for this token`, 'brandId');
      return brand;
    }
    if (brands.length === 1) return brands[0];
    throw new ApiException(
      ApiErrorCode.BAD_USER_INPUT,
      brands.length === 0 ? 'this token reads no brand' : 'brandId is required: this token reads several brands',
      'brandId',
    );
  }

  /** Each brand's currency: what a session without sales of its own is shown in. */
  async currencies(): Promise<Map<string, string>> {
    return new Map((await this.all()).map((b) => [b.id, b.currency]));
  }

  /** One brand by id (no access check: for data the caller already reached through a checked brand). */
  async byId(brandId: string): Promise<Brand | null> {
    return (await this.all()).find((b) => b.id === brandId) ?? null;
  }

  invalidate(): void {
    this.cache = null;
  }
}
