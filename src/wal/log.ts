/**
 * The write-ahead log: a directory of segment files, each named by the LSN of its first byte
 * (16 hex digits + ".wal"). Records are appended in LSN order; a record that would cross the
 * segment size starts a new segment (an oversized record gets a segment of its own). Segment
 * files are zero-extended ahead of the write position so that fdatasync rarely has to persist a
 * size change.
 *
 * Recovery reads from the checkpoint's LSN. The first invalid record ends a segment: if the next
 * segment starts exactly there, reading continues in it; if it is the last segment and no valid
 * record follows in it, that is the torn tail of an interrupted write and the end of the log;
 * anything else (a gap, an overlap, a valid record after a bad one) is a CorruptionError naming
 * the LSN. After recovery, writing resumes in a fresh segment at the end LSN, so the torn bytes
 * are never read again as part of a later record.
 */
import * as path from 'node:path';
import { CorruptionError, toIoError } from '../errors.js';
import type { FileHandle, FileSystem } from '../io/index.js';
import { walPreallocBytes, walRecordBytesMax, walSegmentBytes } from '../limits.js';
import { anyValidRecordAfter, probeRecord, sealRecord } from './record.js';

interface Segment {
  start: number;
  name: string;
}

const SEGMENT_NAME = /^[0-9a-f]{16}\.wal$/;

function segmentName(lsn: number): string {
  return `${lsn.toString(16).padStart(16, '0')}.wal`;
}

export interface LogOptions {
  /** Segment size in bytes (tests use small ones). */
  segmentBytes?: number;
}

export class Log {
  /** LSN of the next record. */
  lsn: number;
  /** LSN up to which records are written to the file (not necessarily synced). */
  writtenLsn: number;
  /** LSN up to which records are durable. */
  syncedLsn: number;
  fsyncs = 0;
  private queue: Uint8Array[] = [];
  private file: FileHandle | null = null;
  private segStart: number;
  /** File offset up to which the current segment is zero-extended. */
  private extendedTo = 0;
  private segments: Segment[];
  private readonly segmentBytes: number;

  private constructor(
    private readonly fs: FileSystem,
    readonly dir: string,
    segments: Segment[],
    end: number,
    opts: LogOptions,
  ) {
    this.segments = segments;
    this.lsn = end;
    this.writtenLsn = end;
    this.syncedLsn = end;
    this.segStart = end;
    this.segmentBytes = opts.segmentBytes ?? walSegmentBytes;
  }

  /**
   * Open the log in `dir`, replaying every record from `fromLsn` through `onRecord`, and prepare
   * a fresh segment for writing at the end of the log.
   */
  static async open(
    fs: FileSystem,
    dir: string,
    fromLsn: number,
    onRecord: (lsn: number, payload: Uint8Array) => void,
    opts: LogOptions = {},
  ): Promise<Log> {
    fs.mkdirp(dir);
    const segments = fs
      .readdir(dir)
      .filter((n) => SEGMENT_NAME.test(n))
      .map((name) => ({ name, start: parseInt(name.slice(0, 16), 16) }))
      .sort((a, b) => a.start - b.start);
    const end = Log.replay(fs, dir, segments, fromLsn, onRecord);
    const log = new Log(fs, dir, segments, end, opts);
    await log.startSegment(end);
    return log;
  }

  /** Read records from `fromLsn`; returns the end LSN of the valid log. */
  private static replay(
    fs: FileSystem,
    dir: string,
    segments: Segment[],
    fromLsn: number,
    onRecord: (lsn: number, payload: Uint8Array) => void,
  ): number {
    let first = -1;
    for (let i = 0; i < segments.length; i++) if (segments[i]!.start <= fromLsn) first = i;
    if (first < 0) {
      if (segments.length > 0 && segments[0]!.start > fromLsn) {
        throw new CorruptionError(`write-ahead log is missing records from LSN ${fromLsn} to ${segments[0]!.start}`, { lsn: fromLsn });
      }
      return fromLsn;
    }
    let lsn = fromLsn;
    for (let i = first; i < segments.length; i++) {
      const seg = segments[i]!;
      const next = segments[i + 1];
      if (lsn < seg.start) throw new CorruptionError(`write-ahead log has a gap at LSN ${lsn} (next segment starts at ${seg.start})`, { lsn });
      const buf = Log.readSegment(fs, path.posix.join(dir, seg.name));
      let pos = lsn - seg.start;
      for (;;) {
        const probe = probeRecord(buf, pos, seg.start + pos, walRecordBytesMax);
        if (probe.kind !== 'ok') break;
        onRecord(seg.start + pos, probe.payload);
        pos += probe.size;
      }
      lsn = seg.start + pos;
      if (next !== undefined && next.start === lsn) continue;
      if (next !== undefined) {
        throw new CorruptionError(`write-ahead log record at LSN ${lsn} is damaged (segment ${seg.name}; the next segment starts at ${next.start})`, { lsn });
      }
      const later = anyValidRecordAfter(buf, pos + 1, seg.start, walRecordBytesMax);
      if (later !== undefined) {
        throw new CorruptionError(`write-ahead log record at LSN ${lsn} is damaged, but a valid record follows at LSN ${later}`, { lsn });
      }
    }
    return lsn;
  }

  private static readSegment(fs: FileSystem, file: string): Uint8Array {
    let fh: FileHandle;
    try {
      fh = fs.open(file, 'read');
    } catch (err) {
      throw toIoError(err, `open ${file}`);
    }
    try {
      const size = fh.size();
      const buf = Buffer.allocUnsafe(size);
      const got = fh.readSync(buf, 0, size, 0);
      return buf.subarray(0, got);
    } catch (err) {
      throw toIoError(err, `read ${file}`);
    } finally {
      try {
        fh.closeSync();
      } catch {
        // a read failure (reported above) may leave the handle unusable
      }
    }
  }

  /** Create (or recreate, when empty) the segment starting at `lsn` and make its name durable. */
  private async startSegment(lsn: number): Promise<void> {
    const name = segmentName(lsn);
    const file = path.posix.join(this.dir, name);
    if (this.file !== null) await this.file.close();
    this.file = null;
    try {
      // A segment already named so holds no valid record (recovery ended at its start): reuse it.
      this.fs.remove(file);
      this.file = this.fs.open(file, 'create');
      await this.fs.syncDir(this.dir);
    } catch (err) {
      throw toIoError(err, `create WAL segment ${file}`);
    }
    this.segments = this.segments.filter((s) => s.start !== lsn);
    this.segments.push({ start: lsn, name });
    this.segStart = lsn;
    this.extendedTo = 0;
  }

  /** Queue a record (payload at offset 16); returns its LSN. */
  append(rec: Uint8Array): number {
    const lsn = this.lsn;
    sealRecord(rec, lsn);
    this.queue.push(rec);
    this.lsn += rec.length;
    return lsn;
  }

  get queuedBytes(): number {
    return this.lsn - this.writtenLsn;
  }

  /** Write every queued record to its segment (no fsync). */
  async write(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    let i = 0;
    while (i < queue.length) {
      let lsn = this.writtenLsn;
      const first = queue[i]!;
      if (lsn > this.segStart && lsn - this.segStart + first.length > this.segmentBytes) {
        await this.sync();
        await this.startSegment(lsn);
      }
      // gather the records that fit in this segment
      let j = i;
      let bytes = 0;
      while (j < queue.length) {
        const r = queue[j]!;
        if (j > i && lsn + bytes - this.segStart + r.length > this.segmentBytes) break;
        bytes += r.length;
        j++;
      }
      const offset = lsn - this.segStart;
      await this.extend(offset + bytes);
      const chunk = j - i === 1 ? first : Buffer.concat(queue.slice(i, j), bytes);
      try {
        if (bytes <= 1024 * 1024) this.file!.writeSync(chunk, offset);
        else await this.file!.write(chunk, offset);
      } catch (err) {
        throw toIoError(err, `write of WAL at LSN ${lsn}`);
      }
      lsn += bytes;
      this.writtenLsn = lsn;
      i = j;
    }
  }

  /** Zero-extend the current segment so it covers `end`, ahead by `walPreallocBytes`. */
  private async extend(end: number): Promise<void> {
    if (end <= this.extendedTo) return;
    const target = Math.max(end, Math.min(this.segmentBytes, this.extendedTo + walPreallocBytes));
    const zeros = Buffer.alloc(target - this.extendedTo);
    try {
      await this.file!.write(zeros, this.extendedTo);
    } catch (err) {
      throw toIoError(err, `extend WAL segment`);
    }
    this.extendedTo = target;
  }

  /** Make every written record durable. */
  async sync(): Promise<void> {
    if (this.syncedLsn === this.writtenLsn) return;
    const upTo = this.writtenLsn;
    this.fsyncs++;
    try {
      await this.file!.sync();
    } catch (err) {
      throw toIoError(err, `fdatasync of WAL`);
    }
    if (upTo > this.syncedLsn) this.syncedLsn = upTo;
  }

  /**
   * `sync` on the calling thread: no thread-pool round trip, but the event loop waits for the
   * device. For a lone commit in an otherwise idle process (see Engine.flush).
   */
  syncBlocking(): void {
    if (this.syncedLsn === this.writtenLsn) return;
    const upTo = this.writtenLsn;
    this.fsyncs++;
    try {
      this.file!.syncSync();
    } catch (err) {
      throw toIoError(err, `fdatasync of WAL`);
    }
    if (upTo > this.syncedLsn) this.syncedLsn = upTo;
  }

  /** Delete segments wholly before `lsn` (covered by a durable checkpoint). */
  removeBefore(lsn: number): void {
    const keep: Segment[] = [];
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      const next = this.segments[i + 1];
      if (next !== undefined && next.start <= lsn && seg.start !== this.segStart) {
        try {
          this.fs.remove(path.posix.join(this.dir, seg.name));
        } catch {
          keep.push(seg); // retried after the next checkpoint
        }
      } else {
        keep.push(seg);
      }
    }
    this.segments = keep;
  }

  /** Bytes of log from `lsn` to the end. */
  bytesSince(lsn: number): number {
    return this.lsn - lsn;
  }

  async close(): Promise<void> {
    if (this.file !== null) await this.file.close();
    this.file = null;
  }

  closeSync(): void {
    try {
      this.file?.closeSync();
    } catch {
      // closing after a failure: nothing more to do
    }
    this.file = null;
  }
}
