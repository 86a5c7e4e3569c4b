/**
 * Background work done in rounds that never overlap: the alert dispatcher's and the report
 * scheduler's. `run` queues a piece of work after whatever is running; `every` runs a round, waits
 * `scanMs` after it ends, and again, until `stop`, which also waits for the round in progress.
 */
export class SerialRounds {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The work running or last run. */
  private chain: Promise<unknown> = Promise.resolve();

  /** `onError` hears a failed scheduled round; the next one retries. */
  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `work` after any work still running; resolves or rejects with it. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const done = this.chain.then(work);
    this.chain = done.catch(() => undefined);
    return done;
  }

  /** A round every `scanMs` after the previous one ended. */
  every(scanMs: number, round: () => Promise<unknown>): void {
    this.timer = setTimeout(() => {
      void round()
        .catch(this.onError)
        .finally(() => {
          if (!this.stopped) this.every(scanMs, round);
        });
    }, scanMs);
    // the server keeps the process up; a pending scan alone should not
    this.timer.unref();
  }

  /** No more rounds; resolves once the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }
}
