import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ClickHouseGateway } from './clickhouse.gateway.js';
import { toClickHouseTime } from './clickhouse.time.js';

export type ApiKeyScope = 'INGEST' | 'READ';

export interface ApiKey {
  keyId: string;
  scope: ApiKeyScope;
  brandIds: string[];
  label: string;
  createdAt: string;
  revoked: boolean;
}

interface ApiKeyRow {
  key_id: string;
  scope: ApiKeyScope;
  brand_ids: string[];
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Secrets carry their scope as a prefix so a key pasted in the wrong place is recognisable. */
export function newSecret(scope: ApiKeyScope): string {
  return `${scope === 'INGEST' ? 'lci' : 'lcr'}_${randomBytes(24).toString('base64url')}`;
}

/**
 * API keys, stored as sha256 hashes (the secret is shown once, at creation).
 * Revocation writes a newer row; reads use FINAL. Lookups are cached because
 * every ingest request and GraphQL call authenticates: for `cacheMs` in server
 * mode (another process may revoke a key), and in embedded mode for as long as
 * no write to `api_keys` has finished — this process is the engine's only writer
 * (the gateway's write mark), so no request waits for a lookup that cannot have
 * changed (S11R2-3).
 */
export class ApiKeyRepository {
  private cache = new Map<string, { key: ApiKey | null; until: number; mark: string | null }>();
  /** Lookups under way, by hash: the requests that come meanwhile share one (a burst of new connections). */
  private readonly lookups = new Map<string, { key: Promise<ApiKey | null>; mark: string | null }>();

  constructor(
    private readonly gateway: ClickHouseGateway,
    private readonly cacheMs = 5_000,
  ) {}

  async create(
    scope: ApiKeyScope,
    brandIds: string[],
    label: string,
    secret = newSecret(scope),
  ): Promise<{ key: ApiKey; secret: string }> {
    const keyId = randomUUID();
    const createdAt = toClickHouseTime(Date.now());
    await this.gateway.insert(
      'api_keys',
      [
        {
          key_id: keyId,
          key_hash: hashSecret(secret),
          scope,
          brand_ids: brandIds,
          label,
          created_at: createdAt,
          revoked_at: null,
        },
      ],
      { tag: 'api_keys.create' },
    );
    this.cache.clear();
    return { key: { keyId, scope, brandIds, label, createdAt, revoked: false }, secret };
  }

  async revoke(keyId: string): Promise<boolean> {
    const rows = await this.gateway.query<ApiKeyRow & { key_hash: string }>(
      'SELECT key_id, key_hash, scope, brand_ids, label, created_at, revoked_at FROM api_keys FINAL WHERE key_id = {keyId:String}',
      { keyId },
      { tag: 'api_keys.get' },
    );
    const row = rows[0];
    if (!row) return false;
    await this.gateway.insert('api_keys', [{ ...row, revoked_at: toClickHouseTime(Date.now()) }], {
      tag: 'api_keys.revoke',
    });
    this.cache.clear();
    return true;
  }

  /** The live key for a secret, or null when unknown or revoked. */
  async verify(secret: string): Promise<ApiKey | null> {
    const hash = hashSecret(secret);
    const cached = this.cache.get(hash);
    // taken before the read: a write that finishes during it moves the mark, and the answer is read again
    const mark = this.gateway.writeMark(['api_keys']);
    if (cached && (cached.until > Date.now() || (mark !== null && cached.mark === mark))) return cached.key;
    // one under way that began with no write since shares its answer (in server mode: within cacheMs)
    const running = this.lookups.get(hash);
    if (running && running.mark === mark) return running.key;
    const key = this.lookup(hash, mark).finally(() => {
      if (this.lookups.get(hash)?.key === key) this.lookups.delete(hash);
    });
    this.lookups.set(hash, { key, mark });
    return key;
  }

  private async lookup(hash: string, mark: string | null): Promise<ApiKey | null> {
    const rows = await this.gateway.query<ApiKeyRow>(
      `SELECT key_id, scope, brand_ids, label, created_at, revoked_at
       FROM api_keys FINAL WHERE key_hash = {hash:String}`,
      { hash },
      { tag: 'api_keys.verify' },
    );
    const row = rows[0];
    const key =
      row && row.revoked_at === null
        ? {
            keyId: row.key_id,
            scope: row.scope,
            brandIds: row.brand_ids,
            label: row.label,
            createdAt: row.created_at,
            revoked: false,
          }
        : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { key, until: Date.now() + this.cacheMs, mark });
    return key;
  }

  async count(): Promise<number> {
    const rows = await this.gateway.query<{ n: number }>(
      'SELECT count() AS n FROM api_keys FINAL',
      {},
      { tag: 'api_keys.count' },
    );
    return Number(rows[0]?.n ?? 0);
  }
}
