/**
 * Recently seen event keys, bounded (oldest forgotten first). It answers the
 * `duplicates` count of an ingest response and spares the engine most retried
 * rows; correctness does not depend on it — the events table collapses any
 * repeat that slips past (ReplacingMergeTree read with FINAL).
 */
export class DedupCache {
  private keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      // Sets iterate in insertion order: the first key is the oldest.
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }

  delete(key: string): void {
    this.keys.delete(key);
  }

  get size(): number {
    return this.keys.size;
  }
}
