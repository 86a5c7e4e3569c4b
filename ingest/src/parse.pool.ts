import { Worker } from 'node:worker_threads';
import { prepareBody, type PrepareJob, type PrepareOutcome } from './body.prepare.js';
import type { WorkerReply, WorkerRequest } from './body.worker.js';

/** What decides whether a new body is worth parsing now. */
export interface AdmissionState {
  bufferedRows: number;
  maxBufferedRows: number;
  queuedBytes: number;
  maxQueuedBytes: number;
  /** How long the rows already buffered are expected to wait for their commit (`FlushPace`). */
  waitMs: number;
  maxWaitMs: number;
  /** Rows waiting for the next insert (not in the one running), and how many one insert takes. */
  nextInsertRows: number;
  maxBatchRows: number;
}

/**
 * Why a body of `bodyBytes` should be refused (429) before any parsing, or null to go ahead: the
 * writer's buffer is already full, or its rows would wait more than `maxWaitMs` for their commit
 * while the next insert is already full (so acknowledged events stay about that old at most for the
 * dashboards, the buffer holds about that much of the engine's throughput, and the engine always
 * has its next insert ready), or the parse workers have more than `maxQueuedBytes`
 * waiting (one body is always let through, however large, so a lone big batch is never refused).
 */
export function refusalOf(state: AdmissionState, bodyBytes: number): string | null {
  if (state.bufferedRows >= state.maxBufferedRows) return 'ingest buffer is full; retry shortly';
  // Never while the next insert is not full yet: the engine would go idle between inserts.
  if (state.waitMs > state.maxWaitMs && state.nextInsertRows >= state.maxBatchRows)
    return `ingest is ${Math.round(state.waitMs)} ms behind (limit ${state.maxWaitMs} ms); retry shortly`;
  if (state.queuedBytes > 0 && state.queuedBytes + bodyBytes > state.maxQueuedBytes)
    return 'ingest is busy parsing earlier batches; retry shortly';
  return null;
}

export interface ParsePoolOptions {
  /** Worker threads; 0 prepares bodies on the calling thread (tests, tiny deployments). */
  workers: number;
  /** The worker's entry file: `body.worker.js` beside this module unless told (tests run the built one). */
  script?: URL;
}

interface Pending {
  resolve: (outcome: PrepareOutcome) => void;
  reject: (error: Error) => void;
  bytes: number;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  bytes: number;
  /** The worker's V8 heap as its last reply gave it. */
  heapBytes: number;
}

/**
 * Parses, validates and serialises request bodies on worker threads, so a flood of large bodies
 * never holds the event loop that answers every other request (GraphQL reads in the all-in-one,
 * health checks, acknowledgements). A body goes to the worker with the fewest bytes queued.
 * `queuedBytes` is what the HTTP layer checks to refuse work (429) before it piles up in memory.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private bytesPerEvent = 0;
  private readonly script: URL;

  constructor(
    private readonly options: ParsePoolOptions,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.script = options.script ?? new URL('./body.worker.js', import.meta.url);
    for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn());
  }

  /** Bytes of bodies handed to workers and not yet answered. */
  get queuedBytes(): number {
    let total = 0;
    for (const slot of this.slots) total += slot.bytes;
    return total;
  }

  /**
   * Events the queued bodies hold, estimated from the bytes per event of the bodies parsed so far
   * (a running mean): admission counts them with the writer's buffer, since they land there next.
   */
  get queuedEvents(): number {
    return this.bytesPerEvent > 0 ? this.queuedBytes / this.bytesPerEvent : 0;
  }

  /** The workers' V8 heaps, as their last replies gave them (0 before any reply, and without workers). */
  get heapBytes(): number {
    let total = 0;
    for (const slot of this.slots) total += slot.heapBytes;
    return total;
  }

  get workers(): number {
    return this.slots.length;
  }

  prepare(job: PrepareJob): Promise<PrepareOutcome> {
    if (this.slots.length === 0 || this.closed) {
      try {
        return Promise.resolve(prepareBody(job));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    let slot = this.slots[0];
    for (const candidate of this.slots) if (candidate.bytes < slot.bytes) slot = candidate;
    const id = this.nextId++;
    const bytes = job.body.byteLength;
    return new Promise<PrepareOutcome>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, bytes });
      slot.bytes += bytes;
      slot.worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  /** Stops the workers; bodies still queued fail (the caller answers 503, the client retries). */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.failAll(slot, new Error('the parse workers are stopping'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.script);
    // Never what keeps the process alive: the server's own handles decide that.
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), bytes: 0, heapBytes: 0 };
    worker.on('message', (reply: WorkerReply) => {
      slot.heapBytes = reply.heapBytes;
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      slot.bytes -= pending.bytes;
      if ('crash' in reply) pending.reject(new Error(`parse worker failed: ${reply.crash}`));
      else {
        if (reply.outcome.ok) this.learn(pending.bytes, reply.outcome.batch.received);
        pending.resolve(reply.outcome);
      }
    });
    const replace = (error: Error) => {
      this.failAll(slot, error);
      const at = this.slots.indexOf(slot);
      if (at === -1 || this.closed) return;
      this.onError(error);
      this.slots[at] = this.spawn();
    };
    worker.on('error', replace);
    worker.on('exit', (code) => replace(new Error(`parse worker exited with code ${code}`)));
    return slot;
  }

  /** Bytes per event of parsed bodies: an exponentially weighted mean, the newest body weighing 0.2. */
  private learn(bytes: number, events: number): void {
    if (events <= 0) return;
    const perEvent = bytes / events;
    this.bytesPerEvent = this.bytesPerEvent > 0 ? 0.2 * perEvent + 0.8 * this.bytesPerEvent : perEvent;
  }

  private failAll(slot: Slot, error: Error): void {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
    slot.bytes = 0;
  }
}
