import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** What a render token lets the headless browser read: one brand, one period, until it expires. */
export interface RenderGrant {
  brandId: string;
  /** The period's instants, ISO-8601: the report page's own queries must ask for exactly this period. */
  from: string;
  to: string;
  timeZone: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const PREFIX = 'lcrender_';

/**
 * Short-lived credentials for the PDF renderer (docs/API.md, "Agency reports"). The headless browser
 * prints the dashboard's report page, whose queries need a token; instead of the caller's long-lived
 * READ token it gets one signed here with a key that exists only in this process's memory, naming one
 * brand and period and expiring with the render. The token never reaches the page either: the
 * renderer adds it to the page's /graphql requests as it forwards them over loopback to this same
 * process, so it is never stored, logged or sent anywhere else, and a restart voids every one.
 */
@Injectable()
export class RenderTokenService {
  private readonly key = randomBytes(32);

  issue(grant: RenderGrant): string {
    const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
    return `${PREFIX}${payload}.${this.sign(payload)}`;
  }

  /** Whether `token` looks like a render token (so the caller does not look it up as an API key). */
  isRenderToken(token: string): boolean {
    return token.startsWith(PREFIX);
  }

  /** The grant of a valid, unexpired token; null otherwise. */
  verify(token: string, now = Date.now()): RenderGrant | null {
    if (!this.isRenderToken(token)) return null;
    const [payload, signature] = token.slice(PREFIX.length).split('.');
    if (!payload || !signature) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as RenderGrant;
    return grant.expiresAt > now ? grant : null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
