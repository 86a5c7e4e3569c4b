import { Injectable } from '@nestjs/common';
import { fromClickHouseTime, toClickHouseTime } from '@lc/clickhouse';
import { ApiErrorCode, ApiException } from '../../api.exception.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { resolvePeriod, type PeriodInput } from '../../common/period.input.js';
import {
  AnnotationRepository,
  NOTES_LIST_LIMIT,
  type AnnotationRow,
} from '../../repositories/annotation.repository.js';
import { LRUCache } from 'lru-cache';
import { SessionRepository, sessionKey, type SessionRef } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { AnnotationKind, type AnnotationDto, type CreateAnnotationInput } from './dtos/annotation.dto.js';

export function toAnnotationDto(row: AnnotationRow): AnnotationDto {
  return {
    id: row.annotation_id,
    brandId: row.brand_id,
    sessionId: row.session_id === '' ? null : row.session_id,
    at: fromClickHouseTime(row.at),
    kind: (Object.values(AnnotationKind) as string[]).includes(row.kind)
      ? (row.kind as AnnotationKind)
      : AnnotationKind.NOTE,
    text: row.text,
    createdAt: fromClickHouseTime(row.created_at),
  };
}

@Injectable()
export class AnnotationService {
  /** Notes of a session per (brand, session, notes state), for brands with too many to keep whole: see forSessions. */
  private readonly kept = new LRUCache<string, AnnotationDto[]>({ max: 2_000 });
  /**
   * A brand's notes by session per (brand, notes state), or that they are too many for one read: see
   * forSessions. The read itself is kept from when it starts, so requests that miss at the same time share it.
   */
  private readonly byBrand = new LRUCache<string, Promise<ReadonlyMap<string, AnnotationDto[]> | 'tooMany'>>({
    max: 200,
  });

  constructor(
    private readonly annotations: AnnotationRepository,
    private readonly sessions: SessionRepository,
    private readonly brands: BrandAccessService,
  ) {}

  async create(principal: Principal, input: CreateAnnotationInput): Promise<AnnotationDto> {
    const brand = await this.brands.resolve(principal, input.brandId);
    const text = input.text.trim();
    if (text.length === 0 || text.length > 1000) {
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'text must be 1–1000 characters', 'input.text');
    }
    const at = new Date(input.at);
    if (Number.isNaN(at.getTime()))
      throw new ApiException(ApiErrorCode.BAD_USER_INPUT, 'at must be an ISO-8601 date-time', 'input.at');
    if (input.sessionId) {
      const [session] = await this.sessions.findByIds(BrandScope.of(principal, brand.id), [input.sessionId]);
      if (!session)
        throw new ApiException(
          ApiErrorCode.NOT_FOUND,
          `no session "${input.sessionId}" in brand ${brand.id}`,
          'input.sessionId',
        );
    }
    const row = await this.annotations.create(
      { brand_id: brand.id, session_id: input.sessionId ?? '', at: toClickHouseTime(at), kind: input.kind, text },
      toClickHouseTime(new Date()),
    );
    return toAnnotationDto(row);
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    const row = await this.annotations.find(BrandScope.of(principal), id);
    if (!row) throw new ApiException(ApiErrorCode.NOT_FOUND, `no annotation "${id}"`, 'id');
    await this.annotations.delete(row);
    return true;
  }

  async list(
    principal: Principal,
    brandId: string | null,
    sessionId: string | null,
    period: PeriodInput | null,
  ): Promise<AnnotationDto[]> {
    const scope = BrandScope.of(principal, brandId);
    const resolved = period ? resolvePeriod(period, 'UTC') : null;
    const rows = await this.annotations.list(scope, {
      sessionIds: sessionId ? [sessionId] : null,
      from: resolved ? toClickHouseTime(resolved.from) : null,
      to: resolved ? toClickHouseTime(resolved.to) : null,
    });
    return rows.map(toAnnotationDto);
  }

  /**
   * Notes of several sessions at once (Session.annotations). For a session read with its brand's
   * notes state (findByIds), the brand's notes are read whole — with the caller's scope narrowed to
   * that brand, so a scope of several brands (an agency's token) reads and keeps them alike — and kept
   * by the brand's notes state (rollup-state.repository.ts): a read of all of them costs what a read of
   * one session's does (the table is ordered by brand; BENCHMARKS.md, "Statement floors, and fewer and
   * simpler statements"), so the brand's next session page needs no read, and a page polled while
   * nobody wrote a note does not ask again. A brand with more notes than one read returns
   * (NOTES_LIST_LIMIT) keeps them per session instead; sessions read otherwise read their notes.
   */
  async forSessions(principal: Principal, sessions: readonly SessionRef[]): Promise<AnnotationDto[][]> {
    const scope = BrandScope.of(principal);
    const stateOf = (s: SessionRef) =>
      s.notesState !== undefined && (scope.all || scope.brandIds.includes(s.brandId))
        ? `${s.brandId}\u0000${s.notesState}`
        : null;
    const answers = new Map<SessionRef, AnnotationDto[]>();
    await Promise.all(
      [...new Set(sessions.map(stateOf))].map(async (state) => {
        if (state === null) return;
        const brand = state.slice(0, state.indexOf('\u0000'));
        const whole = await this.brandNotes(BrandScope.of(principal, brand), state);
        if (whole) for (const s of sessions) if (stateOf(s) === state) answers.set(s, whole.get(s.id) ?? []);
      }),
    );
    const keyOf = (s: SessionRef) =>
      stateOf(s) === null ? null : `${sessionKey(s.brandId, s.id)}\u0000${s.notesState}`;
    const missing = sessions.filter((s) => {
      const key = keyOf(s);
      return !answers.has(s) && (!key || !this.kept.has(key));
    });
    const rows = missing.length > 0 ? await this.annotations.list(scope, { sessionIds: missing.map((s) => s.id) }) : [];
    return sessions.map((s) => {
      const answered = answers.get(s);
      if (answered) return answered.map((note) => ({ ...note }));
      const key = keyOf(s);
      const kept = key ? this.kept.get(key) : undefined;
      if (kept) return kept.map((note) => ({ ...note }));
      // in a scope of several brands one id may name sessions of two: the session's own brand's notes
      const notes = rows.filter((r) => r.session_id === s.id && r.brand_id === s.brandId).map(toAnnotationDto);
      if (key)
        this.kept.set(
          key,
          notes.map((note) => ({ ...note })),
        );
      return notes;
    });
  }

  /** A brand's notes by session under `key` (brand, notes state), read whole once; null when too many for one read. */
  private async brandNotes(scope: BrandScope, key: string): Promise<ReadonlyMap<string, AnnotationDto[]> | null> {
    let kept = this.byBrand.get(key);
    if (kept === undefined) {
      kept = this.readBrandNotes(scope);
      this.byBrand.set(key, kept);
      // a failed read is not kept: the next request reads again
      kept.catch(() => this.byBrand.get(key) === kept && this.byBrand.delete(key));
    }
    const notes = await kept;
    return notes === 'tooMany' ? null : notes;
  }

  private async readBrandNotes(scope: BrandScope): Promise<ReadonlyMap<string, AnnotationDto[]> | 'tooMany'> {
    const rows = await this.annotations.list(scope, { sessionIds: null });
    if (rows.length >= NOTES_LIST_LIMIT) return 'tooMany';
    const bySession = new Map<string, AnnotationDto[]>();
    for (const row of rows) {
      const list = bySession.get(row.session_id) ?? [];
      list.push(toAnnotationDto(row));
      bySession.set(row.session_id, list);
    }
    return bySession;
  }
}
