import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BrandRepository, ClickHouseGateway } from '@lc/clickhouse';
import { isTimeZone } from '@lc/contract/common';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { Admin, Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { BrandAccessService } from './brand-access.service.js';
import { BrandDto, CreateBrandInput } from './dtos/brand.dto.js';

@Resolver(() => BrandDto)
export class BrandResolver {
  private readonly repository: BrandRepository;

  constructor(
    gateway: ClickHouseGateway,
    private readonly access: BrandAccessService,
  ) {
    this.repository = new BrandRepository(gateway);
  }

  @Query(() => [BrandDto], { name: 'brands', description: 'Brands this token may read' })
  listBrands(@Reader() principal: Principal): Promise<BrandDto[]> {
    return this.repository.list(principal.kind === 'admin' ? undefined : principal.brandIds);
  }

  @Mutation(() => BrandDto, { description: 'Admin: create or update a brand' })
  async createBrand(@Admin() _admin: Principal, @Args('input') input: CreateBrandInput): Promise<BrandDto> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.id)) {
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'id must be 1–64 letters, digits, _ or -', 'input.id');
    }
    if (!isTimeZone(input.timeZone)) {
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        `timeZone "${input.timeZone}" is not an IANA time zone`,
        'input.timeZone',
      );
    }
    if (!/^[A-Z]{3}$/.test(input.currency)) {
      throw new ApiException(
        ApiErrorCode.BAD_USER_INPUT,
        'currency must be an ISO-4217 code such as JPY',
        'input.currency',
      );
    }
    await this.repository.upsert(input);
    // Period queries read brands through a short cache: a new brand (or a new zone or currency) counts at once.
    this.access.invalidate();
    return input;
  }
}
