import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * A local write-ahead log for events the engine could not take. Each batch is
 * appended (JSONEachRow lines) and fsynced before its requests are answered,
 * so an acknowledged event survives `kill -9` and an engine outage. Segments
 * are replayed in order and deleted once ClickHouse has them; replaying twice
 * is harmless (events FINAL collapses repeats).
 */
export class WriteAheadLog {
  private segmentFd: number | null = null;
  private segmentSeq: number;
  private totalBytes = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    const existing = this.closedSegments();
    for (const file of existing) this.totalBytes += statSync(join(dir, file)).size;
    this.segmentSeq = existing.length === 0 ? 1 : Number(existing[existing.length - 1].slice(4, 16)) + 1;
  }

  /** Bytes waiting to be replayed. */
  get bytes(): number {
    return this.totalBytes;
  }

  get isEmpty(): boolean {
    return this.totalBytes === 0;
  }

  hasRoomFor(bytes: number): boolean {
    return this.totalBytes + bytes <= this.maxBytes;
  }

  /** Appends and fsyncs; the rows are safe when this returns. */
  append(body: Buffer): void {
    this.segmentFd ??= openSync(this.segmentPath(this.segmentSeq), 'a');
    let offset = 0;
    while (offset < body.length) offset += writeSync(this.segmentFd, body, offset);
    fsyncSync(this.segmentFd);
    this.totalBytes += body.length;
  }

  /**
   * Closes the segment being written, so everything appended so far can be
   * replayed while new appends go to a fresh segment. Returns the closed
   * segment's name, or null when none was open.
   */
  rotate(): string | null {
    if (this.segmentFd === null) return null;
    closeSync(this.segmentFd);
    this.segmentFd = null;
    const closed = this.segmentName(this.segmentSeq);
    this.segmentSeq += 1;
    return closed;
  }

  /** Closed segments, oldest first. */
  closedSegments(): string[] {
    const open = this.segmentFd === null ? null : this.segmentName(this.segmentSeq);
    return readdirSync(this.dir)
      .filter((file) => /^wal-\d{12}\.ndjson$/.test(file) && file !== open)
      .sort();
  }

  /** A segment's complete lines; a torn last line (crash mid-append, never acknowledged) is dropped. */
  read(segment: string): Buffer {
    const data = readFileSync(join(this.dir, segment));
    const end = data.lastIndexOf(0x0a);
    return end < 0 ? Buffer.alloc(0) : data.subarray(0, end + 1);
  }

  /** Deletes a replayed segment. */
  remove(segment: string): void {
    const path = join(this.dir, segment);
    const size = statSync(path).size;
    unlinkSync(path);
    this.totalBytes -= size; // only once it is gone: a segment that could not be deleted still takes room
  }

  close(): void {
    if (this.segmentFd !== null) closeSync(this.segmentFd);
    this.segmentFd = null;
  }

  private segmentName(seq: number): string {
    return `wal-${String(seq).padStart(12, '0')}.ndjson`;
  }

  private segmentPath(seq: number): string {
    return join(this.dir, this.segmentName(seq));
  }
}
