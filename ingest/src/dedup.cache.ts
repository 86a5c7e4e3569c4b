/**
 * Recently seen event keys, bounded. It answers the `duplicates` count of an
 * ingest response and spares the engine most retried rows; correctness does
 * not depend on it — the events table collapses any repeat that slips past
 * (ReplacingMergeTree read with FINAL).
 *
 * Two generations of half the capacity each: when the young one is full it
 * becomes the old one and the oldest generation is dropped whole. That keeps
 * between capacity/2 and capacity keys without deleting one key per insert
 * (which made the set rehash under load).
 */
export class DedupCache {
  private young = new Set<string>();
  private old = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  add(key: string): void {
    if (this.young.size >= Math.max(1, Math.floor(this.capacity / 2))) {
      this.old = this.young;
      this.young = new Set();
    }
    this.young.add(key);
  }

  delete(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
