import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ClickHouseGateway, nextRowVersion } from '@lc/clickhouse';
import { scopeFilter, type BrandScope } from '../modules/auth/principal.js';

export interface AnnotationRow {
  brand_id: string;
  annotation_id: string;
  session_id: string;
  at: string;
  kind: string;
  text: string;
  created_at: string;
}

const COLUMNS = 'brand_id, annotation_id, session_id, at, kind, text, created_at';

/** The most notes one `list` returns. */
export const NOTES_LIST_LIMIT = 1000;

@Injectable()
export class AnnotationRepository {
  constructor(private readonly gateway: ClickHouseGateway) {}

  async create(row: Omit<AnnotationRow, 'annotation_id' | 'created_at'>, createdAt: string): Promise<AnnotationRow> {
    const stored = { ...row, annotation_id: randomUUID(), created_at: createdAt };
    await this.gateway.insert('annotations', [{ ...stored, deleted: 0, version: nextRowVersion() }], {
      tag: 'annotations.create',
    });
    return stored;
  }

  async find(scope: BrandScope, id: string): Promise<AnnotationRow | null> {
    const [row] = await this.gateway.query<AnnotationRow>(
      `SELECT ${COLUMNS} FROM annotations FINAL WHERE ${scopeFilter('brand_id')} AND annotation_id = {id:String} AND deleted = 0`,
      { ...scope.params, id },
      { tag: 'annotations.find' },
    );
    return row ?? null;
  }

  async delete(row: AnnotationRow): Promise<void> {
    await this.gateway.insert('annotations', [{ ...row, deleted: 1, version: nextRowVersion() }], {
      tag: 'annotations.delete',
    });
  }

  /** Notes of a scope, oldest first; optional session and [from, to) filters. */
  async list(
    scope: BrandScope,
    filter: { sessionIds?: readonly string[] | null; from?: string | null; to?: string | null },
  ): Promise<AnnotationRow[]> {
    return this.gateway.query<AnnotationRow>(
      `SELECT ${COLUMNS} FROM annotations FINAL
       WHERE ${scopeFilter('brand_id')} AND deleted = 0
         AND ({anySession:Bool} OR session_id IN {sessionIds:Array(String)})
         AND ({from:Nullable(DateTime64(3, 'UTC'))} IS NULL OR at >= {from:Nullable(DateTime64(3, 'UTC'))})
         AND ({to:Nullable(DateTime64(3, 'UTC'))} IS NULL OR at < {to:Nullable(DateTime64(3, 'UTC'))})
       ORDER BY at, annotation_id
       LIMIT {limit:UInt32}`,
      {
        ...scope.params,
        anySession: !filter.sessionIds,
        sessionIds: filter.sessionIds ? [...filter.sessionIds] : [],
        from: filter.from ?? null,
        to: filter.to ?? null,
        limit: NOTES_LIST_LIMIT,
      },
      { tag: 'annotations.list' },
    );
  }
}
