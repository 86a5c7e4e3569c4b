import { Injectable } from '@nestjs/common';
import { BENCHMARK_KPIS, VIEWER_BANDS } from '../../metrics/benchmark.definitions.js';
import { BenchmarkRepository, type SessionPercentiles } from '../../repositories/benchmark.repository.js';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import type { SessionRef } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import type { BenchmarkDto, KpiBenchmarkDto } from './dtos/benchmark.dto.js';

/** How many answers the cache keeps (the oldest go first); an answer is a few hundred bytes. */
export const BENCHMARK_CACHE_SIZE = 5_000;

interface CachedAnswer {
  token: string;
  answer: SessionPercentiles | null;
}

@Injectable()
export class BenchmarkService {
  /**
   * The engine's answers (only what the API may hold: band, percentiles and counts, S13-1), per scope and
   * session, with the change token read before each was computed: valid while the token has not moved.
   */
  private readonly cache = new Map<string, CachedAnswer>();
  /** The change token session_peer_values was last brought up to (S13B-1), and a refresh under way. */
  private peerValuesToken: string | null = null;
  private refreshing: { token: string; done: Promise<void> } | null = null;

  /**
   * What the answers and the stored peer values are kept under: the API's one rollup change token
   * (RollupStateRepository), which moves whenever session_stats may have changed.
   */
  readonly changeToken: () => Promise<string>;

  constructor(
    private readonly repository: BenchmarkRepository,
    states: RollupStateRepository,
  ) {
    this.changeToken = () => states.changeToken();
  }

  /**
   * Each session's benchmarks, in the order of BENCHMARK_KPIS: one change-token read, then one query per
   * session whose cached answer is missing or older than the token.
   */
  async forSessions(principal: Principal, sessions: readonly SessionRef[]): Promise<KpiBenchmarkDto[][]> {
    // read before computing, so an answer is never older than the token it is stored under
    const token = await this.changeToken();
    return Promise.all(
      sessions.map(async (session) => {
        // the caller's scope narrowed to the session's brand: another brand of it may have a session of
        // the same id (S11R6-1)
        const scope = BrandScope.of(principal, session.brandId);
        const key = `${JSON.stringify(scope.params)}\u0000${session.id}`;
        const cached = this.cache.get(key);
        if (cached?.token === token) return BenchmarkService.toDtos(cached.answer);
        await this.peerValuesAt(token);
        const answer = await this.repository.percentiles(scope, session.id);
        this.remember(key, { token, answer });
        return BenchmarkService.toDtos(answer);
      }),
    );
  }

  /**
   * Brings session_peer_values up to session_stats once per token: concurrent misses share one
   * refresh; a failed one is not remembered, so the next read tries again.
   */
  private async peerValuesAt(token: string): Promise<void> {
    if (this.peerValuesToken === token) return;
    let refreshing = this.refreshing;
    if (refreshing?.token !== token) {
      const started: { token: string; done: Promise<void> } = {
        token,
        done: this.repository.refreshPeerValues().then(
          () => {
            // an older refresh finishing late must not claim a newer token
            if (this.refreshing === started) this.peerValuesToken = token;
          },
          (error: unknown) => {
            if (this.refreshing === started) this.refreshing = null;
            throw error;
          },
        ),
      };
      this.refreshing = refreshing = started;
    }
    await refreshing.done;
  }

  private remember(key: string, value: CachedAnswer): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > BENCHMARK_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }

  static toDtos(result: SessionPercentiles | null): KpiBenchmarkDto[] {
    if (result === null) return BENCHMARK_KPIS.map((k) => ({ kpi: k.name, benchmark: null }));
    const band = VIEWER_BANDS.find((b) => b.name === result.band);
    return result.kpis.map(({ kpi, percentile, peers, brands }) => {
      const benchmark: BenchmarkDto | null =
        band && percentile !== null && peers !== null && brands !== null
          ? { band: band.name, bandMin: band.min, bandMax: band.max, percentile, peers, brands }
          : null;
      return { kpi, benchmark };
    });
  }
}
