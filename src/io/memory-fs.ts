/**
 * An in-memory `FileSystem` with a power-loss model and fault injection, for crash tests.
 *
 * Durability model (ext4-like, data=ordered, no write reordering):
 *
 * 1. File contents. Every file (an "inode") has its current bytes, which reads see, and its
 *    durable bytes as of its last `sync`/`syncSync`. Writes and truncates since then are kept,
 *    in order, as a list of pending operations; `sync` applies them to the durable bytes.
 * 2. Directory entries. Creating, renaming and removing a file changes the current namespace at
 *    once, but the durable namespace of a directory only on `syncDir(dir)`. So a file that was
 *    synced but whose directory never was may vanish on power loss, and an unsynced rename may
 *    revert. `mkdirp` is durable at once.
 * 3. Power loss. `crash()` returns a NEW file system holding what survives: the durable entries,
 *    each file's durable bytes. With `torn: true` a seeded random amount of the unsynced work
 *    survives too: per file, a prefix of its pending operations, the last write possibly cut at
 *    a 512-byte sector boundary (sectors are atomic); and a prefix of the pending directory
 *    changes (in the order they were made). The old instance then throws `Error('crashed')` on
 *    every call except `crash()` itself, which may be called again for more images of the same
 *    moment (for example one clean and one torn).
 *
 * Fault injection:
 * - `failAt(n, kind, on, where)`: the n-th matching mutating call from now fails with a
 *   Node-style error (`code` EIO/ENOSPC, numeric `errno`, `syscall`) and applies nothing.
 *   `where.path` restricts the count to calls on paths starting with that string.
 * - `crashAfter(n)`: after n more mutating calls the power is cut: that call and every later
 *   call (reads too) throw EIO, and operations already issued but not yet resolved reject.
 *   The test then calls `crash()` for the surviving image.
 *
 * Mutating calls (counted by `ioCount`): write, writev, writeSync, sync, syncSync, truncate,
 * rename, remove, syncDir, and open with `create` of a file that did not exist.
 *
 * Asynchronous calls take effect when called and resolve on a later turn of the event loop
 * (`setImmediate`), so commits that arrive meanwhile can be grouped as on a real disk.
 */
import * as posix from 'node:path/posix';
import { DatabaseLockedError } from '../errors.js';
import type { FileHandle, FileLock, FileSystem, OpenMode } from './file-system.js';

/** The error an injected fault raises. */
export type FaultKind = 'EIO' | 'ENOSPC';

/** Which mutating calls a fault counts: writes (write, writev, writeSync, truncate), syncs (sync, syncSync, syncDir) or any. */
export type FaultTarget = 'write' | 'sync' | 'any';

/** A pending injected fault: it fires on the `remaining`-th matching call from now (1 = the next one). */
export interface FaultPlan {
  readonly kind: FaultKind;
  readonly on: FaultTarget;
  /** Only calls on paths starting with this count (all paths when undefined). */
  readonly path: string | undefined;
  remaining: number;
}

/** Options of `MemoryFileSystem.crash()`. */
export interface CrashOptions {
  /** Keep a random prefix of the unsynced writes and directory changes, the last write possibly torn. */
  torn?: boolean;
  /** Seed of the random choices when `torn` (default 1). */
  seed?: number;
}

/** Size of the unit a torn write is cut at; a sector is written wholly or not at all. */
export const sectorBytes = 512;

type Syscall = 'open' | 'write' | 'writev' | 'fdatasync' | 'ftruncate' | 'rename' | 'unlink' | 'fsync' | 'read' | 'stat' | 'scandir' | 'mkdir' | 'close';
type OpClass = 'write' | 'sync' | 'other';

const errnos: Record<string, number> = { EIO: -5, ENOSPC: -28, ENOENT: -2, EBADF: -9, EISDIR: -21, ENOTDIR: -20, EEXIST: -17 };
const messages: Record<string, string> = {
  EIO: 'i/o error',
  ENOSPC: 'no space left on device',
  ENOENT: 'no such file or directory',
  EBADF: 'bad file descriptor',
  EISDIR: 'illegal operation on a directory',
  ENOTDIR: 'not a directory',
  EEXIST: 'file already exists',
};

/** A Node-style system error: `code`, numeric `errno`, `syscall`, `path`. */
function systemError(code: string, syscall: Syscall, path?: string, detail?: string): NodeJS.ErrnoException {
  const where = path === undefined ? '' : ` '${path}'`;
  const err: NodeJS.ErrnoException = new Error(`${code}: ${detail ?? messages[code] ?? code}, ${syscall}${where}`);
  err.code = code;
  err.errno = errnos[code] ?? -1;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  return err;
}

/** A growable byte buffer: capacity doubles, so appends cost amortised O(bytes). */
class ByteBuf {
  bytes: Uint8Array;
  length: number;
  constructor(initial?: Uint8Array) {
    this.bytes = initial === undefined ? new Uint8Array(0) : initial.slice();
    this.length = this.bytes.length;
  }

  private reserve(n: number): void {
    if (n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(n, this.bytes.length * 2, 4096));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Write `data` at `pos`, zero-filling any gap past the end. */
  write(data: Uint8Array, pos: number): void {
    const end = pos + data.length;
    this.reserve(end);
    // Bytes between length and pos may hold stale data from an earlier truncate: zero them.
    if (pos > this.length) this.bytes.fill(0, this.length, pos);
    this.bytes.set(data, pos);
    if (end > this.length) this.length = end;
  }

  truncate(size: number): void {
    if (size > this.length) {
      this.reserve(size);
      this.bytes.fill(0, this.length, size);
    }
    this.length = size;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** An unsynced change to a file's contents. */
type PendingOp = { readonly pos: number; readonly data: Uint8Array } | { readonly truncate: number };

function applyOp(buf: ByteBuf, op: PendingOp): void {
  if ('truncate' in op) buf.truncate(op.truncate);
  else buf.write(op.data, op.pos);
}

/** A file's contents, current and durable. Directory entries point at inodes. */
class Inode {
  readonly current: ByteBuf;
  readonly durable: ByteBuf;
  pending: PendingOp[] = [];
  constructor(contents?: Uint8Array) {
    this.current = new ByteBuf(contents);
    this.durable = new ByteBuf(contents);
  }

  write(data: Uint8Array, pos: number): void {
    const copy = data.slice();
    this.current.write(copy, pos);
    this.pending.push({ pos, data: copy });
  }

  truncate(size: number): void {
    this.current.truncate(size);
    this.pending.push({ truncate: size });
  }

  sync(): void {
    for (const op of this.pending) applyOp(this.durable, op);
    this.pending = [];
  }

  /** What power loss leaves of this file: durable bytes, plus (when `rng`) a random prefix of the pending work. */
  survivor(rng: Rng | undefined): Uint8Array {
    if (rng === undefined || this.pending.length === 0) return this.durable.view().slice();
    const out = new ByteBuf(this.durable.view());
    const cut = rng.int(this.pending.length + 1); // operations [0, cut) persist wholly
    for (let i = 0; i < cut; i++) applyOp(out, this.pending[i]!);
    const next = this.pending[cut];
    if (next !== undefined && !('truncate' in next) && rng.int(2) === 1) {
      const torn = tornLength(next.pos, next.data.length, rng);
      if (torn > 0) out.write(next.data.subarray(0, torn), next.pos);
    }
    return out.view().slice();
  }
}

/** Length of a prefix of a write at `pos` of `len` bytes that ends on a sector boundary strictly inside it (0 if none). */
function tornLength(pos: number, len: number, rng: Rng): number {
  const first = Math.floor(pos / sectorBytes) + 1; // first boundary after pos
  const last = Math.ceil((pos + len) / sectorBytes) - 1; // last boundary before pos+len
  if (last < first) return 0;
  const boundary = (first + rng.int(last - first + 1)) * sectorBytes;
  return boundary - pos;
}

/** A small seeded PRNG (mulberry32). */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** One directory's change not yet made durable by `syncDir`. `inode` undefined = the entry was removed. */
interface DirEffect {
  readonly seq: number;
  readonly dir: string;
  readonly name: string;
  readonly inode: Inode | undefined;
}

type Namespace = Map<string, Map<string, Inode>>;

function cloneNamespace(ns: Namespace): Namespace {
  const out: Namespace = new Map();
  for (const [dir, entries] of ns) out.set(dir, new Map(entries));
  return out;
}

class MemoryFileHandle implements FileHandle {
  private closed = false;
  constructor(
    private readonly fs: MemoryFileSystem,
    readonly path: string,
    private readonly inode: Inode,
    private readonly writable: boolean,
  ) {}

  private check(syscall: Syscall, write: boolean): void {
    if (this.closed) throw systemError('EBADF', syscall, this.path);
    if (write && !this.writable) throw systemError('EBADF', syscall, this.path);
  }

  readSync(buf: Uint8Array, offset: number, length: number, position: number): number {
    this.fs.enter();
    this.check('read', false);
    const data = this.inode.current.view();
    if (position >= data.length) return 0;
    const n = Math.min(length, data.length - position);
    buf.set(data.subarray(position, position + n), offset);
    return n;
  }

  write(buf: Uint8Array, position: number): Promise<void> {
    return this.fs.async(() => this.writeSync(buf, position, 'write'));
  }

  writev(bufs: readonly Uint8Array[], position: number): Promise<void> {
    return this.fs.async(() => {
      this.fs.mutate('write', 'writev', this.path);
      this.check('writev', true);
      let pos = position;
      for (const b of bufs) {
        this.inode.write(b, pos);
        pos += b.length;
      }
    });
  }

  writeSync(buf: Uint8Array, position: number, syscall: Syscall = 'write'): void {
    this.fs.mutate('write', syscall, this.path);
    this.check(syscall, true);
    this.inode.write(buf, position);
  }

  sync(): Promise<void> {
    return this.fs.async(() => this.syncSync());
  }

  syncSync(): void {
    this.fs.mutate('sync', 'fdatasync', this.path);
    this.check('fdatasync', false);
    this.inode.sync();
  }

  truncate(size: number): Promise<void> {
    return this.fs.async(() => {
      this.fs.mutate('write', 'ftruncate', this.path);
      this.check('ftruncate', true);
      this.inode.truncate(size);
    });
  }

  size(): number {
    this.fs.enter();
    this.check('stat', false);
    return this.inode.current.length;
  }

  close(): Promise<void> {
    return this.fs.async(() => this.closeSync());
  }

  closeSync(): void {
    this.fs.enter();
    this.closed = true;
  }
}

/** The in-memory file system. See the header comment for its durability model. */
export class MemoryFileSystem implements FileSystem {
  /** Directories (all durable). The root always exists. */
  private readonly dirs = new Set<string>(['/']);
  /** Current directory entries: directory path → name → inode. */
  private current: Namespace = new Map();
  /** Directory entries as of each directory's last `syncDir`. */
  private durable: Namespace = new Map();
  /** Directory changes since the last `syncDir` of their directory, in order. */
  private dirEffects: DirEffect[] = [];
  private dirSeq = 0;
  private readonly locks = new Set<string>();
  private faults: FaultPlan[] = [];
  private powerCutIn: number | undefined;
  private poweredOff = false;
  private crashed = false;
  private mutations = 0;

  /** Mutating calls made so far (including ones that failed by injection). */
  get ioCount(): number {
    return this.mutations;
  }

  /** Whether a `crashAfter` power cut has happened. */
  get powerCut(): boolean {
    return this.poweredOff;
  }

  // ---- fault injection -------------------------------------------------------------------

  /** Make the n-th (1-based, from now) matching mutating call fail with `kind`. Returns the plan. */
  failAt(n: number, kind: FaultKind, on: FaultTarget = 'any', where: { path?: string } = {}): FaultPlan {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`failAt: n must be a positive integer, got ${n}`);
    const plan: FaultPlan = { kind, on, path: where.path === undefined ? undefined : normalize(where.path), remaining: n };
    this.faults.push(plan);
    return plan;
  }

  /** Faults not yet fired. */
  pendingFaults(): readonly FaultPlan[] {
    return this.faults;
  }

  /** Drop every pending fault. */
  clearFaults(): void {
    this.faults = [];
  }

  /** Cut the power after `n` more mutating calls: the (n+1)-th and every later call throws. */
  crashAfter(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`crashAfter: n must be a non-negative integer, got ${n}`);
    this.powerCutIn = n;
  }

  /** Throw if this instance may not serve calls (crashed, or the power is cut). */
  enter(): void {
    if (this.crashed) throw new Error('crashed');
    if (this.poweredOff) throw systemError('EIO', 'read', undefined, 'simulated power loss');
  }

  /** Account for one mutating call; throws the injected fault or power cut, if due. */
  mutate(cls: OpClass, syscall: Syscall, path: string): void {
    this.enter();
    if (this.powerCutIn !== undefined) {
      if (this.powerCutIn === 0) {
        this.poweredOff = true;
        throw systemError('EIO', syscall, path, 'simulated power loss');
      }
      this.powerCutIn--;
    }
    this.mutations++;
    let fire: FaultPlan | undefined;
    for (const plan of this.faults) {
      if (plan.on !== 'any' && plan.on !== cls) continue;
      if (plan.path !== undefined && !path.startsWith(plan.path)) continue;
      plan.remaining--;
      if (plan.remaining === 0 && fire === undefined) fire = plan;
    }
    this.faults = this.faults.filter((p) => p.remaining > 0);
    if (fire !== undefined) throw systemError(fire.kind, syscall, path);
  }

  /** Run `fn` now; settle on a later turn (rejecting if the power was cut meanwhile). */
  async(fn: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        fn();
      } catch (err) {
        setImmediate(() => reject(err));
        return;
      }
      setImmediate(() => {
        if (this.crashed) reject(new Error('crashed'));
        else if (this.poweredOff) reject(systemError('EIO', 'write', undefined, 'simulated power loss'));
        else resolve();
      });
    });
  }

  // ---- FileSystem ---------------------------------------------------------------------------

  open(path: string, mode: OpenMode): FileHandle {
    this.enter();
    const p = normalize(path);
    const { dir, name } = split(p);
    if (this.dirs.has(p)) throw systemError('EISDIR', 'open', p);
    if (!this.dirs.has(dir)) throw systemError('ENOENT', 'open', p);
    let inode = this.current.get(dir)?.get(name);
    if (inode === undefined) {
      if (mode !== 'create') throw systemError('ENOENT', 'open', p);
      this.mutate('other', 'open', p);
      inode = new Inode();
      this.setEntry(dir, name, inode);
    }
    return new MemoryFileHandle(this, p, inode, mode !== 'read');
  }

  exists(path: string): boolean {
    this.enter();
    const p = normalize(path);
    if (this.dirs.has(p)) return true;
    const { dir, name } = split(p);
    return this.current.get(dir)?.has(name) ?? false;
  }

  mkdirp(path: string): void {
    this.enter();
    const p = normalize(path);
    const chain: string[] = [];
    for (let d = p; !this.dirs.has(d); d = posix.dirname(d)) chain.push(d);
    for (const d of chain) {
      const { dir, name } = split(d);
      if (this.current.get(dir)?.has(name)) throw systemError('ENOTDIR', 'mkdir', d);
    }
    for (const d of chain) this.dirs.add(d);
  }

  readdir(path: string): string[] {
    this.enter();
    const p = normalize(path);
    if (!this.dirs.has(p)) {
      const { dir, name } = split(p);
      throw systemError(this.current.get(dir)?.has(name) ? 'ENOTDIR' : 'ENOENT', 'scandir', p);
    }
    const names = [...(this.current.get(p)?.keys() ?? [])];
    for (const d of this.dirs) if (d !== '/' && posix.dirname(d) === p) names.push(posix.basename(d));
    return names.sort();
  }

  remove(path: string): void {
    const p = normalize(path);
    if (this.dirs.has(p)) {
      this.enter();
      throw systemError('EISDIR', 'unlink', p);
    }
    this.mutate('other', 'unlink', p);
    const { dir, name } = split(p);
    if (this.current.get(dir)?.has(name)) this.setEntry(dir, name, undefined);
  }

  rename(from: string, to: string): void {
    const f = normalize(from);
    const t = normalize(to);
    this.mutate('other', 'rename', f);
    const src = split(f);
    const dst = split(t);
    const inode = this.current.get(src.dir)?.get(src.name);
    if (inode === undefined) throw systemError('ENOENT', 'rename', f);
    if (!this.dirs.has(dst.dir)) throw systemError('ENOENT', 'rename', t);
    if (this.dirs.has(t)) throw systemError('EISDIR', 'rename', t);
    if (f === t) return;
    const seq = ++this.dirSeq; // both halves of a rename share a sequence number: one journal entry
    this.setEntry(src.dir, src.name, undefined, seq);
    this.setEntry(dst.dir, dst.name, inode, seq);
  }

  syncDir(path: string): Promise<void> {
    return this.async(() => {
      const p = normalize(path);
      this.mutate('sync', 'fsync', p);
      if (!this.dirs.has(p)) throw systemError('ENOENT', 'fsync', p);
      const entries = this.current.get(p);
      if (entries === undefined) this.durable.delete(p);
      else this.durable.set(p, new Map(entries));
      this.dirEffects = this.dirEffects.filter((e) => e.dir !== p);
    });
  }

  lock(path: string): FileLock {
    this.enter();
    const p = normalize(path);
    if (this.locks.has(p)) throw new DatabaseLockedError(posix.dirname(p), undefined);
    this.locks.add(p);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.locks.delete(p);
      },
    };
  }

  // ---- power loss ---------------------------------------------------------------------------

  /** What a power loss now would leave, as a new file system. This instance refuses further calls. */
  crash(options: CrashOptions = {}): MemoryFileSystem {
    const rng = options.torn === true ? new Rng(options.seed ?? 1) : undefined;
    const ns = cloneNamespace(this.durable);
    if (rng !== undefined && this.dirEffects.length > 0) {
      // A prefix (by sequence) of the unsynced directory changes reached the journal.
      const cut = this.dirEffects[rng.int(this.dirEffects.length + 1)]?.seq ?? Infinity;
      for (const e of this.dirEffects) {
        if (e.seq >= cut) break;
        let entries = ns.get(e.dir);
        if (entries === undefined) ns.set(e.dir, (entries = new Map()));
        if (e.inode === undefined) entries.delete(e.name);
        else entries.set(e.name, e.inode);
      }
    }
    const image = new MemoryFileSystem();
    for (const d of this.dirs) image.dirs.add(d);
    const survivors = new Map<Inode, Uint8Array>();
    for (const [dir, entries] of ns) {
      const out = new Map<string, Inode>();
      for (const [name, inode] of entries) {
        let bytes = survivors.get(inode);
        if (bytes === undefined) survivors.set(inode, (bytes = inode.survivor(rng)));
        out.set(name, new Inode(bytes));
      }
      image.current.set(dir, out);
      image.durable.set(dir, new Map(out));
    }
    this.crashed = true;
    return image;
  }

  // ---- inspection and corruption tools --------------------------------------------------------

  /** XOR the byte at `offset` of a file with `xor`, in both its current and durable contents. */
  flipByte(path: string, offset: number, xor = 0xff): void {
    const inode = this.inodeOf(path);
    if (offset < 0 || offset >= inode.current.length) throw new RangeError(`flipByte: offset ${offset} outside ${path}`);
    inode.current.bytes[offset]! ^= xor;
    if (offset < inode.durable.length) inode.durable.bytes[offset]! ^= xor;
  }

  /** A file's current length in bytes. */
  fileSize(path: string): number {
    return this.inodeOf(path).current.length;
  }

  /** A copy of a file's current contents. */
  readFile(path: string): Uint8Array {
    return this.inodeOf(path).current.view().slice();
  }

  /** Create or replace a file with `data`, durably (entry and contents). Not counted as I/O. */
  writeFile(path: string, data: Uint8Array): void {
    this.enter();
    const { dir, name } = split(normalize(path));
    if (!this.dirs.has(dir)) throw systemError('ENOENT', 'open', path);
    const inode = new Inode(data);
    this.entriesOf(this.current, dir).set(name, inode);
    this.entriesOf(this.durable, dir).set(name, inode);
  }

  /** Paths of every file (not directories), sorted. */
  listFiles(): string[] {
    this.enter();
    const out: string[] = [];
    for (const [dir, entries] of this.current) for (const name of entries.keys()) out.push(posix.join(dir, name));
    return out.sort();
  }

  private inodeOf(path: string): Inode {
    this.enter();
    const p = normalize(path);
    const { dir, name } = split(p);
    const inode = this.current.get(dir)?.get(name);
    if (inode === undefined) throw systemError('ENOENT', 'open', p);
    return inode;
  }

  private entriesOf(ns: Namespace, dir: string): Map<string, Inode> {
    let entries = ns.get(dir);
    if (entries === undefined) ns.set(dir, (entries = new Map()));
    return entries;
  }

  /** Change a current directory entry and remember the change until its directory is synced. */
  private setEntry(dir: string, name: string, inode: Inode | undefined, seq = ++this.dirSeq): void {
    const entries = this.entriesOf(this.current, dir);
    if (inode === undefined) entries.delete(name);
    else entries.set(name, inode);
    this.dirEffects.push({ seq, dir, name, inode });
  }
}

function normalize(path: string): string {
  const p = posix.normalize(posix.resolve('/', path));
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function split(p: string): { dir: string; name: string } {
  return { dir: posix.dirname(p), name: posix.basename(p) };
}
