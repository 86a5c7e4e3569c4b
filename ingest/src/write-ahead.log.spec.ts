import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WriteAheadLog } from './write-ahead.log.js';

const line = (id: string) => JSON.stringify({ brand_id: 'b1', session_id: 's1', event_id: id }) + '\n';

describe('WriteAheadLog on a real folder', () => {
  let dir: string;
  const logs: WriteAheadLog[] = [];
  const open = (maxBytes = 1024 * 1024) => {
    const wal = new WriteAheadLog(dir, maxBytes);
    logs.push(wal);
    return wal;
  };

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'lc-wal-')), 'wal');
  });
  afterEach(() => {
    for (const wal of logs.splice(0)) wal.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('creates its folder and starts empty', () => {
    const wal = open();
    expect(readdirSync(dir)).toEqual([]);
    expect(wal.isEmpty).toBe(true);
    expect(wal.bytes).toBe(0);
    expect(wal.closedSegments()).toEqual([]);
  });

  it('appends to one open segment, which becomes replayable only once rotated', () => {
    const wal = open();
    wal.append(Buffer.from(line('e1')));
    wal.append(Buffer.from(line('e2')));
    expect(wal.bytes).toBe(104);
    expect(wal.isEmpty).toBe(false);
    expect(readdirSync(dir)).toEqual(['wal-000000000001.ndjson']);
    expect(wal.closedSegments()).toEqual([]); // still being written

    wal.rotate();
    wal.append(Buffer.from(line('e3')));
    expect(wal.closedSegments()).toEqual(['wal-000000000001.ndjson']);
    expect(wal.read('wal-000000000001.ndjson').toString()).toBe(line('e1') + line('e2'));
    expect(readdirSync(dir).sort()).toEqual(['wal-000000000001.ndjson', 'wal-000000000002.ndjson']);
  });

  it('replays segments oldest first and forgets each once removed', () => {
    const wal = open();
    for (const id of ['e1', 'e2', 'e3']) {
      wal.append(Buffer.from(line(id)));
      wal.rotate();
    }
    const replayed: string[] = [];
    for (const segment of wal.closedSegments()) {
      replayed.push(wal.read(segment).toString());
      wal.remove(segment);
    }
    expect(replayed).toEqual([line('e1'), line('e2'), line('e3')]);
    expect(wal.isEmpty).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('survives a restart: a new instance counts what is there and appends after the last segment', () => {
    const before = open();
    before.append(Buffer.from(line('e1')));
    before.rotate();
    before.append(Buffer.from(line('e2')));
    before.close(); // the process stops with segment 2 open

    const after = open();
    expect(after.bytes).toBe(104);
    expect(after.closedSegments()).toEqual(['wal-000000000001.ndjson', 'wal-000000000002.ndjson']);
    after.append(Buffer.from(line('e3')));
    expect(readdirSync(dir).sort()).toEqual([
      'wal-000000000001.ndjson',
      'wal-000000000002.ndjson',
      'wal-000000000003.ndjson',
    ]);
  });

  it('is full when an append would pass its limit (the writer then answers 503)', () => {
    const wal = open(120);
    expect(wal.hasRoomFor(120)).toBe(true);
    expect(wal.hasRoomFor(121)).toBe(false);
    wal.append(Buffer.from(line('e1') + line('e2'))); // 104 bytes
    expect(wal.hasRoomFor(16)).toBe(true);
    expect(wal.hasRoomFor(17)).toBe(false);
    wal.rotate();
    wal.remove(wal.closedSegments()[0]);
    expect(wal.hasRoomFor(120)).toBe(true);
  });

  describe('a torn tail (a crash in the middle of an append)', () => {
    it('reads the complete records of a segment and drops the half-written last one', () => {
      open().close(); // makes the folder
      appendFileSync(join(dir, 'wal-000000000001.ndjson'), line('e1') + line('e2') + line('e3').slice(0, 20));
      const wal = open();
      expect(wal.closedSegments()).toEqual(['wal-000000000001.ndjson']);
      expect(wal.read('wal-000000000001.ndjson').toString()).toBe(line('e1') + line('e2'));
      // The torn bytes were counted, and leave with the segment.
      expect(wal.bytes).toBe(104 + 20);
      wal.remove('wal-000000000001.ndjson');
      expect(wal.bytes).toBe(0);
    });

    it('reads nothing from a segment that holds only a torn record, and still appends after it', () => {
      open().close(); // makes the folder
      writeFileSync(join(dir, 'wal-000000000001.ndjson'), '{"brand_id":"b1","sess');
      const wal = open();
      expect(wal.read('wal-000000000001.ndjson').length).toBe(0);
      wal.append(Buffer.from(line('e1')));
      wal.rotate();
      expect(wal.closedSegments().map((s) => wal.read(s).toString())).toEqual(['', line('e1')]);
    });
  });
});
