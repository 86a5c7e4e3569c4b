import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandingRepository, type Branding } from '../../repositories/branding.repository.js';
import type { Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import type { BrandBrandingDto, BrandBrandingInput } from './dtos/branding.dto.js';
import { validateLogo } from './logo.validation.js';

const MAX_NAME = 80;
const HEX_COLOUR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The logo's address: changes with its content, so it can be cached and cannot be guessed (decision A-6). */
export const logoVersion = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const bad = (field: string, message: string): ApiException =>
  new ApiException(ApiErrorCode.BAD_USER_INPUT, message, `input.${field}`);

/** #abc → #aabbcc, lower case. */
export function normaliseColour(value: string): string {
  const text = value.trim();
  if (!HEX_COLOUR.test(text)) throw bad('accentColor', `accentColor must be a hex colour like #1f6feb, got "${value}"`);
  const hex = text.slice(1).toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

@Injectable()
export class BrandingService {
  constructor(
    private readonly repository: BrandingRepository,
    private readonly brands: BrandAccessService,
  ) {}

  get(brandId: string): Promise<BrandBrandingDto | null> {
    return this.repository.get(brandId).then((b) => (b ? toDto(brandId, b) : null));
  }

  /** The logo of a brand when `version` is its current one (else null: 404). */
  async logo(brandId: string, version: string): Promise<Branding['logo'] | null> {
    const logo = (await this.repository.get(brandId))?.logo;
    return logo && logoVersion(logo.bytes) === version ? logo : null;
  }

  /** The admin, or a READ token of the brand (the agency's), sets its white-label (decision A-5). */
  async set(principal: Principal, brandId: string, input: BrandBrandingInput): Promise<BrandBrandingDto> {
    if (principal.kind === 'share')
      throw new ApiException(ApiErrorCode.FORBIDDEN, 'a share link cannot change branding');
    const brand = await this.brands.resolve(principal, brandId);
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > MAX_NAME)
      throw bad('displayName', `displayName must be 1–${MAX_NAME} characters`);
    const agencyName = (input.agencyName ?? '').trim();
    if (agencyName.length > MAX_NAME) throw bad('agencyName', `agencyName must be at most ${MAX_NAME} characters`);
    const accentColor = normaliseColour(input.accentColor);
    if (input.logo !== undefined && input.logo !== null && input.removeLogo)
      throw bad('logo', 'logo and removeLogo cannot be given together');
    const current = await this.repository.get(brand.id);
    const logo = input.removeLogo ? undefined : input.logo ? validateLogo(input.logo) : current?.logo;
    const branding: Branding = { displayName, agencyName, accentColor, ...(logo ? { logo } : {}) };
    await this.repository.set(brand.id, branding);
    return toDto(brand.id, branding);
  }
}

function toDto(brandId: string, branding: Branding): BrandBrandingDto {
  return {
    displayName: branding.displayName,
    agencyName: branding.agencyName,
    accentColor: branding.accentColor,
    logoUrl: branding.logo ? `/brands/${encodeURIComponent(brandId)}/logo/${logoVersion(branding.logo.bytes)}` : null,
  };
}
