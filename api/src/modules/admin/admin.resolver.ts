import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { BrandRepository, ClickHouseGateway } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { AuthService } from '../auth/auth.service.js';
import { Admin } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiKeyScopeDto, CreatedApiKeyDto } from './dtos/api-key.dto.js';

@Resolver()
export class AdminResolver {
  private readonly brands: BrandRepository;

  constructor(
    private readonly auth: AuthService,
    gateway: ClickHouseGateway,
  ) {
    this.brands = new BrandRepository(gateway);
  }

  @Mutation(() => CreatedApiKeyDto, {
    description: 'Admin: create an INGEST key (one brand) or READ token (one or more brands)',
  })
  async createApiKey(
    @Admin() _admin: Principal,
    @Args('scope', { type: () => ApiKeyScopeDto }) scope: ApiKeyScopeDto,
    @Args('brandIds', { type: () => [ID] }) brandIds: string[],
    @Args('label', { defaultValue: '' }) label: string,
  ): Promise<CreatedApiKeyDto> {
    if (brandIds.length === 0)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'brandIds must name at least one brand', 'brandIds');
    if (scope === ApiKeyScopeDto.INGEST && brandIds.length !== 1) {
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'an INGEST key writes to exactly one brand', 'brandIds');
    }
    const known = new Set((await this.brands.list(brandIds)).map((b) => b.id));
    const unknown = brandIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, `unknown brand(s): ${unknown.join(', ')}`, 'brandIds');
    const { key, secret } = await this.auth.keys.create(scope, brandIds, label);
    return { keyId: key.keyId, secret, scope, brandIds, label };
  }

  @Mutation(() => Boolean, { description: 'Admin: revoke a key; it stops working within seconds' })
  async revokeApiKey(@Admin() _admin: Principal, @Args('keyId', { type: () => ID }) keyId: string): Promise<boolean> {
    const revoked = await this.auth.keys.revoke(keyId);
    if (!revoked) throw new ApiException(ApiErrorCode.NOT_FOUND, `no key ${keyId}`, 'keyId');
    return true;
  }
}
