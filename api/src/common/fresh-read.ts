/**
 * A value read from the engine that many requests need, read as rarely as the freshness rule allows
 * (docs/ARCHITECTURE.md, "One change source for the API"; S11R2-1):
 *
 *   **A request is answered by a read that started after the request arrived, or by one no write
 *   finished after** (a write to the tables it reads, as `writeMark` tells).
 *
 * So whatever finished before a request arrived — a rollup round, a note — is in its answer. In
 * practice:
 *
 *   - requests that arrive in the same turn of the event loop share one read, which starts after the
 *     last of them (a microtask later);
 *   - a request that arrives while a read is under way joins it when the write mark has not moved
 *     since that read started, else it waits for the next read, which starts when this one ends
 *     (one read at a time, so N requests arriving during a read cost one more read, not N);
 *   - with a write mark (embedded mode: every write goes through this process), the last value is
 *     answered without any read while the mark stays the same; without one (server mode: other
 *     processes write) every request waits for a read that started after it arrived.
 */
export class FreshRead<T> {
  private kept: { mark: string; value: T } | null = null;
  private running: { mark: string | null; value: Promise<T> } | null = null;
  private next: Promise<T> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    /** Changes whenever a write that may change the value has finished; null when writes cannot be seen. */
    private readonly writeMark: () => string | null,
  ) {}

  /** The value as of this call or later (see above). */
  current(): Promise<T> {
    const mark = this.writeMark();
    if (mark !== null) {
      if (this.kept?.mark === mark) return Promise.resolve(this.kept.value);
      if (this.running?.mark === mark) return this.running.value;
    }
    return (this.next ??= this.readAfter(this.running?.value));
  }

  private async readAfter(previous: Promise<T> | undefined): Promise<T> {
    // callers of this turn (or of the previous read's whole run) join before the read starts
    if (previous) await previous.catch(() => undefined);
    else await Promise.resolve();
    // from here on, an arriving request came after this read started: it must not join `next`
    this.next = null;
    const mark = this.writeMark();
    const value = this.read();
    const running = (this.running = { mark, value });
    try {
      const read = await value;
      if (mark !== null) this.kept = { mark, value: read };
      return read;
    } finally {
      if (this.running === running) this.running = null;
    }
  }
}
