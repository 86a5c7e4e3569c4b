import { Injectable } from '@nestjs/common';
import { fromClickHouseTime } from '@lc/schemas';
import { SessionRepository, type SessionRow } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import { CommercerKind, type SessionDto } from './dtos/session.dto.js';
import type { SessionMetricsDto } from './dtos/session-metrics.dto.js';

export const MAX_PAGE_SIZE = 200;

function toDto(row: SessionRow): SessionDto {
  return {
    id: row.session_id,
    brandId: row.brand_id,
    title: row.title,
    platform: row.platform,
    startedAt: fromClickHouseTime(row.started_at),
    endedAt: row.ended_at === null ? null : fromClickHouseTime(row.ended_at),
    isLive: row.ended_at === null,
    commercer: {
      id: row.commercer_id,
      name: row.commercer_name,
      kind: row.commercer_kind === 'in_house' ? CommercerKind.in_house : CommercerKind.professional,
    },
    currency: row.currency,
    metrics: row.metrics as SessionMetricsDto,
  };
}

@Injectable()
export class SessionService {
  constructor(private readonly sessions: SessionRepository) {}

  async byId(principal: Principal, id: string): Promise<SessionDto | null> {
    const [row] = await this.sessions.findByIds(BrandScope.of(principal), [id]);
    return row ? toDto(row) : null;
  }

  async list(principal: Principal, brandId: string | null, first: number): Promise<SessionDto[]> {
    const rows = await this.sessions.list(
      BrandScope.of(principal, brandId),
      Math.min(Math.max(first, 1), MAX_PAGE_SIZE),
    );
    return rows.map(toDto);
  }
}
