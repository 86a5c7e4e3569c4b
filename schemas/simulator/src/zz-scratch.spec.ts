import { writeFileSync } from 'node:fs';
import type { LiveEvent } from '@lc/contract';
import { simulate, type SimulationOptions } from './simulator.js';

const MINUTE = 60_000;
function lateJoiners(events: readonly LiveEvent[]) {
  const t0 = events[0].occurredAt;
  const tEnd = events[events.length - 1].occurredAt;
  const duration = (tEnd - t0) / 1000;
  const recaps = events.flatMap((e) => (e.type === 'recap' ? [e.occurredAt] : []));
  const first = new Map<string, number>();
  const lastPresent = new Map<string, number>();
  const watch = new Map<string, number>();
  for (const e of events) {
    if (!('viewerId' in e) || e.viewerId === undefined) continue;
    if (!first.has(e.viewerId)) first.set(e.viewerId, e.occurredAt);
    if (e.type !== 'leave') lastPresent.set(e.viewerId, e.occurredAt);
    if (e.type === 'dwell') watch.set(e.viewerId, (watch.get(e.viewerId) ?? 0) + e.seconds);
  }
  const out: { covered: boolean; watch: number }[] = [];
  for (const [v, f] of first) {
    if (f - t0 <= 10 * MINUTE) continue;
    const covered = recaps.some((r) => r >= f && r <= f + 300_000 && lastPresent.get(v)! >= r);
    out.push({ covered, watch: Math.min(duration, watch.get(v) ?? 0) });
  }
  return out;
}

function report(options: SimulationOptions) {
  const sim = simulate(options);
  const byKind = new Map<string, { late: number; covered: number; cw: number; uw: number; sessions: number; recaps: number }>();
  let total = 0;
  const commercers = new Map<string, string>();
  for (const s of sim) {
    total += s.events.length;
    const c = s.plan.commercer;
    commercers.set(c.commercerId, `${c.recapHabit}/${c.kind}`);
    for (const key of [c.recapHabit, c.kind, `${c.kind}:${c.recapHabit}`, 'all']) {
      const row = byKind.get(key) ?? { late: 0, covered: 0, cw: 0, uw: 0, sessions: 0, recaps: 0 };
      row.sessions++;
      row.recaps += s.events.filter((e) => e.type === 'recap').length;
      for (const l of lateJoiners(s.events)) {
        row.late++;
        if (l.covered) { row.covered++; row.cw += l.watch; } else row.uw += l.watch;
      }
      byKind.set(key, row);
    }
  }
  const lines = [`events ${total} est ${sim.estimatedEvents} ratio ${(total / sim.estimatedEvents).toFixed(3)}`];
  lines.push(JSON.stringify([...commercers]));
  for (const [k, r] of byKind) {
    const lift = r.covered && r.late - r.covered ? (r.cw / r.covered) / (r.uw / (r.late - r.covered)) : null;
    lines.push(`${k}: sessions ${r.sessions} recaps ${r.recaps} late ${r.late} coverage ${(r.covered / r.late).toFixed(3)} lift ${lift?.toFixed(3)}`);
  }
  return lines.join('\n');
}

it('scratch', () => {

  const out = [
    report({ seed: 42, targetEvents: 150_000, endDate: '2026-11-01T00:00:00Z' }),
    report({ seed: 42, targetEvents: 2_000_000, days: 56, endDate: '2026-11-01T00:00:00Z' }),
  ].join('\n\n');
  writeFileSync('/tmp/simscratch/out.txt', out);
}, 600_000);
