import { Agent, request } from 'node:http';
import type { BenchRequest } from './bench.workload.js';

export interface LoadOptions {
  port: number;
  clients: number;
  warmupMs: number;
  durationMs: number;
  contentType: string;
  gzip: boolean;
  /** brandId → ingest key. */
  secrets: ReadonlyMap<string, string>;
}

export interface LoadResult {
  /** Measured window (shorter than asked when the workload ran out). */
  windowSeconds: number;
  /** Events acknowledged (200) inside the window. */
  eventsInWindow: number;
  /** Acknowledgement latency of each request started inside the window, ms. */
  latenciesMs: number[];
  requests: number;
  /** HTTP status → responses (all phases). */
  statuses: Map<number, number>;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Every pre-built request was sent before the window ended. */
  exhausted: boolean;
  /** CPU seconds the load generator itself used in the window (it shares the 2 cores with the server). */
  generatorCpuSeconds: number;
}

interface Answer {
  status: number;
  body: string;
}

/**
 * N clients, each posting the next pre-built body as soon as its previous one
 * is answered (closed loop, keep-alive sockets): throughput is what the server
 * sustains, and latency is the time to a 200 — which the ingest only gives once
 * the events are committed (or, with INGEST_ACK=log, logged). A body answered
 * otherwise (429, 503) is posted again after 20 ms, as a client would retry its
 * batch: a refusal does not use up the workload.
 */
export async function runLoad(
  requests: readonly BenchRequest[],
  options: LoadOptions,
  onWindow: (phase: 'measure' | 'done') => void,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const headersByBrand = new Map<string, Record<string, string>>();
  for (const [brandId, secret] of options.secrets) {
    headersByBrand.set(brandId, {
      authorization: `Bearer ${secret}`,
      'content-type': options.contentType,
      ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
    });
  }
  const post = (item: BenchRequest): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: options.port,
          path: '/v1/events',
          method: 'POST',
          headers: { ...headersByBrand.get(item.brandId), 'content-length': item.body.length },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(item.body);
    });

  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  let next = 0;
  let lastAck = windowStart;
  let measuring = false;
  let cpuAtWindow = process.cpuUsage();
  const result: LoadResult = {
    windowSeconds: 0,
    eventsInWindow: 0,
    latenciesMs: [],
    requests: 0,
    statuses: new Map(),
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    exhausted: false,
    generatorCpuSeconds: 0,
  };
  const windowTimer = setTimeout(() => {
    measuring = true;
    cpuAtWindow = process.cpuUsage();
    onWindow('measure');
  }, options.warmupMs);

  const client = async (): Promise<void> => {
    let item: BenchRequest | undefined;
    while (performance.now() < windowEnd) {
      if (!item) {
        if (next >= requests.length) {
          result.exhausted = true;
          return;
        }
        item = requests[next++];
      }
      const sent = performance.now();
      const answer = await post(item);
      const done = performance.now();
      result.requests++;
      result.statuses.set(answer.status, (result.statuses.get(answer.status) ?? 0) + 1);
      if (answer.status !== 200) {
        // Overloaded or failing: back off a little and post the same body again.
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      item = undefined;
      const counts = JSON.parse(answer.body) as { accepted: number; duplicates: number; rejected: unknown[] };
      result.accepted += counts.accepted;
      result.duplicates += counts.duplicates;
      result.rejected += counts.rejected.length;
      if (sent >= windowStart) result.latenciesMs.push(done - sent);
      if (done >= windowStart && done <= windowEnd) {
        result.eventsInWindow += counts.accepted;
        lastAck = Math.max(lastAck, done);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, () => client()));
  clearTimeout(windowTimer);
  const cpu = process.cpuUsage(measuring ? cpuAtWindow : undefined);
  result.generatorCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const end = result.exhausted ? lastAck : windowEnd;
  result.windowSeconds = Math.max(0.001, (end - windowStart) / 1000);
  agent.destroy();
  onWindow('done');
  return result;
}
