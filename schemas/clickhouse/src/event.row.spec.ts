import { validateEvent } from '@lc/contract';
import { fromClickHouseTime, toClickHouseTime } from './clickhouse.time.js';
import { lineAmount, sumAmounts, toEventRow } from './event.row.js';

const base = { eventId: 'e1', sessionId: 's1', occurredAt: '2026-11-20T20:00:00+09:00' };

describe('event rows', () => {
  it('computes amounts exactly in decimal: 3 × 0.1 is 0.3 and 2 × 1200 + 500.5 is 2900.5', () => {
    expect(lineAmount(3, '0.1')).toBe('0.3');
    expect(sumAmounts([lineAmount(2, '1200'), lineAmount(1, '500.5')])).toBe('2900.5');
  });

  it('takes the brand from the caller, never the body, and defaults the stamp to like', () => {
    const result = validateEvent({ ...base, type: 'like', viewerId: 'v', count: 3 });
    if (!result.ok) throw new Error('valid');
    expect(toEventRow(result.event, 'brand-a')).toMatchObject({
      brand_id: 'brand-a',
      stamp: 'like',
      like_count: 3,
      occurred_at: '2026-11-20 11:00:00.000',
    });
  });
});

describe('toClickHouseTime', () => {
  const reference = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

  it('formats like toISOString across days, years and the edges of its fast path', () => {
    const samples = [0, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), 253_402_300_799_999];
    // 5 000 instants spread over 1970–2100 by a fixed odd stride (deterministic, every day part visited).
    for (let i = 0; i < 5_000; i++) samples.push((i * 820_488_961_327) % 4_102_444_800_000);
    for (const ms of [...samples, 253_402_300_800_000, -1, -86_400_001, 1.5, 1_700_000_000_000.7]) {
      expect(toClickHouseTime(ms)).toBe(reference(ms));
    }
  });

  it('gives 20:00 in Tokyo on 20 November 2026 as 11:00 UTC, from epoch ms or a Date alike', () => {
    expect(toClickHouseTime(Date.parse('2026-11-20T20:00:00+09:00'))).toBe('2026-11-20 11:00:00.000');
    expect(toClickHouseTime(new Date('2026-11-20T20:00:00.5+09:00'))).toBe('2026-11-20 11:00:00.500');
  });

  it('reads back what it writes', () => {
    expect(fromClickHouseTime('2026-11-20 11:00:00.250').toISOString()).toBe('2026-11-20T11:00:00.250Z');
  });
});
