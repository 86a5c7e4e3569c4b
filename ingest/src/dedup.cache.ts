/**
 * Recently seen event ids per brand, bounded. It answers the `duplicates`
 * count of an ingest response and spares the engine most retried rows;
 * correctness does not depend on it — the events table collapses any repeat
 * that slips past (ReplacingMergeTree read with FINAL).
 *
 * Two generations of half the capacity each: when the young one is full it
 * becomes the old one and the oldest generation is dropped whole. That keeps
 * between capacity/2 and capacity ids without deleting one id per insert
 * (which made a single set rehash under load), and ids are kept per brand so a
 * lookup hashes the client's id as it is, without building a composite key.
 */
export class DedupCache {
  private young = new Map<string, Set<string>>();
  private old = new Map<string, Set<string>>();
  private youngSize = 0;

  constructor(private readonly capacity: number) {}

  has(brandId: string, eventId: string): boolean {
    return (this.young.get(brandId)?.has(eventId) ?? false) || (this.old.get(brandId)?.has(eventId) ?? false);
  }

  add(brandId: string, eventId: string): void {
    if (this.youngSize >= Math.max(1, Math.floor(this.capacity / 2))) {
      this.old = this.young;
      this.young = new Map();
      this.youngSize = 0;
    }
    let ids = this.young.get(brandId);
    if (!ids) this.young.set(brandId, (ids = new Set()));
    const before = ids.size;
    ids.add(eventId);
    this.youngSize += ids.size - before;
  }

  delete(brandId: string, eventId: string): void {
    if (this.young.get(brandId)?.delete(eventId)) this.youngSize -= 1;
    this.old.get(brandId)?.delete(eventId);
  }

  get size(): number {
    let total = this.youngSize;
    for (const ids of this.old.values()) total += ids.size;
    return total;
  }
}
