import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { prepareBody, type PrepareJob, type PrepareOutcome } from './body.prepare.js';

/** A parse worker (`ParsePool`): parses, validates and serialises request bodies off the main thread. */
export interface WorkerRequest {
  id: number;
  job: PrepareJob;
}

/** `heapBytes`: this worker's V8 heap after the job (its own isolate: not in the main thread's figures). */
export type WorkerReply = ({ id: number; outcome: PrepareOutcome } | { id: number; crash: string }) & {
  heapBytes: number;
};

parentPort?.on('message', ({ id, job }: WorkerRequest) => {
  let result: { outcome: PrepareOutcome } | { crash: string };
  try {
    result = { outcome: prepareBody(job) };
  } catch (error) {
    result = { crash: (error as Error).stack ?? String(error) };
  }
  const reply: WorkerReply = { id, ...result, heapBytes: getHeapStatistics().total_heap_size };
  // The rows move to the main thread without a copy when they own their memory.
  const rows = 'outcome' in reply && reply.outcome.ok ? reply.outcome.batch.rows : undefined;
  const movable = rows && rows.byteOffset === 0 && rows.byteLength === rows.buffer.byteLength;
  parentPort?.postMessage(reply, movable ? [rows.buffer as ArrayBuffer] : []);
});
