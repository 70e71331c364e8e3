/**
 * The real file system, on Node's `fs`. Synchronous calls for reads and metadata; the
 * thread-pool callbacks for writes and fdatasync so the event loop never waits on the device.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseLockedError } from '../errors.js';
import type { FileHandle, FileLock, FileSystem, OpenMode } from './file-system.js';

class NodeFileHandle implements FileHandle {
  private closed = false;
  constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  readSync(buf: Uint8Array, offset: number, length: number, position: number): number {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  write(buf: Uint8Array, position: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const step = (done: number): void => {
        if (done === buf.length) return resolve();
        fs.write(this.fd, buf, done, buf.length - done, position + done, (err, n) => {
          if (err) return reject(err);
          step(done + n);
        });
      };
      step(0);
    });
  }

  writev(bufs: readonly Uint8Array[], position: number): Promise<void> {
    if (bufs.length === 1) return this.write(bufs[0]!, position);
    let total = 0;
    for (const b of bufs) total += b.length;
    return new Promise((resolve, reject) => {
      fs.writev(this.fd, bufs as Uint8Array[], position, (err, n) => {
        if (err) return reject(err);
        if (n === total) return resolve();
        // Short vectored write: finish the remainder with plain writes.
        this.writeRemainder(bufs, position, n).then(resolve, reject);
      });
    });
  }

  private async writeRemainder(bufs: readonly Uint8Array[], position: number, skip: number): Promise<void> {
    let pos = position;
    for (const b of bufs) {
      if (skip >= b.length) {
        skip -= b.length;
        pos += b.length;
        continue;
      }
      await this.write(b.subarray(skip), pos + skip);
      pos += b.length;
      skip = 0;
    }
  }

  writeSync(buf: Uint8Array, position: number): void {
    let done = 0;
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done, position + done);
  }

  sync(): Promise<void> {
    return new Promise((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  syncSync(): void {
    fs.fdatasyncSync(this.fd);
  }

  truncate(size: number): Promise<void> {
    return new Promise((resolve, reject) => fs.ftruncate(this.fd, size, (err) => (err ? reject(err) : resolve())));
  }

  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve, reject) => fs.close(this.fd, (err) => (err ? reject(err) : resolve())));
  }

  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

/** Attempts to take a lock before giving up with DatabaseLockedError. */
const lockAttemptsMax = 20;
/** A takeover file older than this was left by a process that died while taking over. */
const lockTakeoverStaleMs = 10_000;

/** Link `from` to `to`; false if `to` exists. */
function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** The holder named by a lock file, or undefined if the file is gone. */
function readHolder(file: string): { pid: number | undefined; start: string | undefined } | undefined {
  try {
    return parseLock(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Locks held by this process, so a second open in the same process is refused too. */
const heldLocks = new Set<string>();

/** Process start time from /proc (Linux), to tell a live holder from a reused PID. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime) counts from after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function processAlive(pid: number, startTime: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (startTime === undefined || startTime === '') return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime;
}

function lockContents(): string {
  return `${process.pid} ${processStartTime(process.pid) ?? ''}\n`;
}

function parseLock(text: string): { pid: number | undefined; start: string | undefined } {
  const [pidText, start] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, start };
}

/** The real file system. */
export class NodeFileSystem implements FileSystem {
  open(p: string, mode: OpenMode): FileHandle {
    const flags = mode === 'read' ? 'r' : mode === 'readwrite' ? 'r+' : fs.existsSync(p) ? 'r+' : 'w+';
    return new NodeFileHandle(p, fs.openSync(p, flags));
  }

  exists(p: string): boolean {
    return fs.existsSync(p);
  }

  mkdirp(p: string): void {
    fs.mkdirSync(p, { recursive: true });
  }

  readdir(p: string): string[] {
    return fs.readdirSync(p).sort();
  }

  remove(p: string): void {
    fs.rmSync(p, { force: true });
  }

  rename(from: string, to: string): void {
    fs.renameSync(from, to);
  }

  syncDir(p: string): Promise<void> {
    return new Promise((resolve, reject) => {
      fs.open(p, 'r', (err, fd) => {
        if (err) return reject(err);
        fs.fsync(fd, (syncErr) => fs.close(fd, () => (syncErr ? reject(syncErr) : resolve())));
      });
    });
  }

  /**
   * The lock file holds "<pid> <start time>". It is created with an exclusive link, so two
   * openers never both win. A lock naming a dead process is taken over only while holding a
   * second exclusive file, `<lock>.takeover`: the holder re-reads the lock under it, so it can
   * never remove a lock that a live process linked in the meantime (nobody else removes a lock
   * file but its owner). A takeover file left by a process that died in that millisecond window
   * is removed once it is older than `lockTakeoverStaleMs`.
   */
  lock(p: string): FileLock {
    const abs = path.resolve(p);
    if (heldLocks.has(abs)) throw new DatabaseLockedError(path.dirname(abs), process.pid);
    const tmp = `${abs}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, lockContents());
    try {
      for (let attempt = 0; attempt < lockAttemptsMax; attempt++) {
        if (tryLink(tmp, abs)) {
          heldLocks.add(abs);
          return { release: () => this.unlock(abs) };
        }
        const holder = readHolder(abs);
        if (holder === undefined) continue; // removed between link and read: try again
        if (holder.pid !== undefined && processAlive(holder.pid, holder.start)) {
          throw new DatabaseLockedError(path.dirname(abs), holder.pid);
        }
        if (this.takeOver(abs, tmp)) {
          heldLocks.add(abs);
          return { release: () => this.unlock(abs) };
        }
        sleepMs(2 + attempt * 2); // another process is taking over: let it finish
      }
      throw new DatabaseLockedError(path.dirname(abs), undefined);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  /** Replace a dead holder's lock by ours under the takeover file; false if someone else is at it. */
  private takeOver(abs: string, tmp: string): boolean {
    const guard = `${abs}.takeover`;
    if (!tryLink(tmp, guard)) {
      try {
        if (Date.now() - fs.statSync(guard).mtimeMs > lockTakeoverStaleMs) fs.rmSync(guard, { force: true });
      } catch {
        // gone already
      }
      return false;
    }
    try {
      const holder = readHolder(abs);
      if (holder !== undefined && holder.pid !== undefined && processAlive(holder.pid, holder.start)) {
        throw new DatabaseLockedError(path.dirname(abs), holder.pid);
      }
      fs.rmSync(abs, { force: true });
      if (tryLink(tmp, abs)) return true;
      const winner = readHolder(abs);
      throw new DatabaseLockedError(path.dirname(abs), winner?.pid);
    } finally {
      fs.rmSync(guard, { force: true });
    }
  }

  private unlock(abs: string): void {
    if (!heldLocks.delete(abs)) return;
    try {
      const holder = parseLock(fs.readFileSync(abs, 'utf8'));
      if (holder.pid === process.pid) fs.rmSync(abs, { force: true });
    } catch {
      // already gone
    }
  }
}
