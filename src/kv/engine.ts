/**
 * The engine behind a Database: the commit pipeline (group commit), recovery, checkpoints.
 *
 * Commit path (one function, `flush`, reads top to bottom):
 *   1. commits queue up as framed WAL records (validated before they are queued);
 *   2. one flush at a time takes every queued commit (up to walGroupBytesMax) as a group;
 *   3. the group is appended to the log in one write;
 *   4. in `sync` durability the log is fdatasynced before anything else happens;
 *   5. each commit is applied to the tree in log order, then its promise resolves.
 * Readers see a commit only after step 5, so in `sync` mode nothing is visible before it is durable.
 * Any I/O failure on this path makes the engine refuse writes until reopened (a failed fsync
 * cannot be retried safely).
 */
import * as path from 'node:path';
import {
  CorruptionError,
  DatabaseClosedError,
  InvalidArgumentError,
  LimitExceededError,
  ReadOnlyAfterFailureError,
  toIoError,
} from '../errors.js';
import type { FileLock, FileSystem } from '../io/index.js';
import {
  checkpointDirtyFraction,
  checkpointIntervalMs,
  checkpointWalBytes,
  commitQueueBytesMax,
  keyspaceCountMax,
  keyspaceNameBytesMax,
  walGroupBytesMax,
} from '../limits.js';
import { Cursor, Overflow, Store, type KeyBounds, type LeafValue } from '../storage/index.js';
import { Log } from '../wal/index.js';
import { Sx, TxnManager, type LockOwner, type StoredValue } from '../txn/index.js';
import { decodeRecord, encodeRecord, keyspacePrefix, keyspacePrefixBytes, opBytes, type Op } from './codec.js';
import type { Keyspace } from './keyspace.js';
import { latin1Bytes } from '../util/bytes.js';
import type { DatabaseStats, Durability } from './types.js';

interface Commit {
  rec: Uint8Array;
  lsn: number;
  /** Commit timestamp, given when the commit is queued (queue order = commit order). */
  ts: number;
  /** The committer's serializable state, if it takes part in SSI. */
  sx: Sx | null;
  /** Called synchronously once the commit is visible (the committer releases its locks). */
  applied: (() => void) | null;
  /** Called when the commit is refused after it was queued (an I/O failure), before it rejects. */
  failed: (() => void) | null;
  /** An autocommit write's operations, counted in `txns.inflightWrites` until applied or refused. */
  inflightOps: readonly Op[] | null;
  /** Reads the committer itself made since the last flush. */
  ownReads: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** What a transaction hands to the commit path besides its operations. */
export interface CommitHooks {
  readonly sx: Sx | null;
  readonly applied: (() => void) | null;
  /** Called when the queued commit fails, before its promise rejects. */
  readonly failed?: (() => void) | undefined;
  /** Count the keys in `txns.inflightWrites` while the commit is queued (autocommit writes). */
  readonly inflight?: boolean;
  /** Reads (engine `get`/`cursor` calls) the committer made since flush `epoch`. */
  readonly ownReads?: { readonly epoch: number; readonly count: number };
}

const noHooks: CommitHooks = { sx: null, applied: null };
const noKeyspaces: readonly Keyspace[] = [];

/** Keyspace id 0 holds the catalog (keyspace name → id); 1 is the default keyspace. */
export const CATALOG_ID = 0;
export const DEFAULT_KEYSPACE_ID = 1;

export interface EngineOptions {
  durability: Durability;
  cacheBytes: number;
  pageSize: number;
  periodicSyncMs: number;
  /** A lone commit may fdatasync on the main thread (see OpenOptions.inlineSync). */
  inlineSync: boolean;
  lockTimeoutMs: number;
  versionStoreBytes: number;
  fs: FileSystem;
}

export class Engine {
  private queue: Commit[] = [];
  /** Reads and scans served (to tell a lone serial writer from a busy process). */
  private activity = 0;
  private activityAtFlush = 0;
  /** Flushes so far: lets a transaction count only its own reads since the last one. */
  flushEpoch = 0;
  /** Bytes of records in `queue`. */
  private queuedBytes = 0;
  private flushing = false;
  private syncRequested = false;
  private syncWaiters: Array<() => void> = [];
  private failure: unknown = null;
  /** Whether some caller has been given the failure (a rejected commit or checkpoint). */
  private failureReported = false;
  private closingDone: Promise<void> | null = null;
  private closing = false;
  closed = false;
  /** End LSN of the last commit applied to the tree. */
  private appliedLsn: number;
  private commits = 0;
  private checkpointRunning: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastCheckpointAt = Date.now();
  /** Keyspaces by name, and the next free id. */
  readonly keyspaceIds = new Map<string, number>();
  private nextKeyspaceId = DEFAULT_KEYSPACE_ID + 1;
  /** Transactions: commit clock, snapshots, versions, locks. */
  readonly txns: TxnManager;

  private constructor(
    readonly dir: string,
    private readonly opts: EngineOptions,
    private readonly lock: FileLock,
    readonly store: Store,
    private readonly log: Log,
  ) {
    this.appliedLsn = log.lsn;
    this.txns = new TxnManager(opts.versionStoreBytes);
    this.loadCatalog();
    const interval = opts.durability === 'periodic' ? opts.periodicSyncMs : Math.min(checkpointIntervalMs, 1000);
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref();
  }

  /** Lock the directory, open the page file, replay the log. */
  static async open(dir: string, opts: EngineOptions): Promise<Engine> {
    const fs = opts.fs;
    try {
      fs.mkdirp(dir);
    } catch (err) {
      throw toIoError(err, `create directory ${dir}`);
    }
    const lock = fs.lock(path.posix.join(dir, 'LOCK'));
    let store: Store | undefined;
    try {
      store = await Store.open(fs, path.posix.join(dir, 'data.basalt'), { pageSize: opts.pageSize, cacheBytes: opts.cacheBytes });
      const tree = store.tree;
      const log = await Log.open(fs, path.posix.join(dir, 'wal'), store.meta.ckptLsn, (lsn, payload) => {
        decodeRecord(
          payload,
          (k, v) => tree.put(k, v),
          (k) => tree.delete(k),
          (what) => new CorruptionError(`write-ahead log record at LSN ${lsn}: ${what}`, { lsn }),
        );
      });
      try {
        await fs.syncDir(dir);
      } catch (err) {
        throw toIoError(err, `fsync of directory ${dir}`);
      }
      return new Engine(dir, opts, lock, store, log);
    } catch (err) {
      try {
        store?.closeSync();
      } catch {
        // the open already failed; report that failure, not the cleanup's
      } finally {
        lock.release();
      }
      throw toIoError(err, `open ${dir}`);
    }
  }

  private catalogCursor(): Cursor {
    const bounds = { low: keyspacePrefix(CATALOG_ID), lowInclusive: true, high: keyspacePrefix(CATALOG_ID + 1), highInclusive: false, reverse: false };
    return new Cursor(this.store.tree, bounds);
  }

  private loadCatalog(): void {
    const cursor = this.catalogCursor();
    for (let e = cursor.next(); e !== undefined; e = cursor.next()) {
      const [key, val] = e;
      if (typeof val !== 'string' || val.length !== 2) throw new CorruptionError(`keyspace catalog entry for ${JSON.stringify(key.slice(2))} is damaged`);
      const id = (val.charCodeAt(0) << 8) | val.charCodeAt(1);
      this.keyspaceIds.set(Buffer.from(key.slice(keyspacePrefixBytes), 'latin1').toString('utf8'), id);
      if (id >= this.nextKeyspaceId) this.nextKeyspaceId = id + 1;
    }
  }

  /** The id for keyspace `name`, allocating one if new; `persisted` tells whether the catalog has it. */
  keyspaceId(name: string): { id: number; persisted: boolean } {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('keyspace name must be a non-empty string');
    if (Buffer.byteLength(name, 'utf8') > keyspaceNameBytesMax) {
      throw new LimitExceededError(`keyspace name exceeds keyspaceNameBytesMax (${keyspaceNameBytesMax} bytes)`);
    }
    const known = this.keyspaceIds.get(name);
    if (known !== undefined) return { id: known, persisted: true };
    if (this.nextKeyspaceId > keyspaceCountMax) throw new LimitExceededError(`more than keyspaceCountMax (${keyspaceCountMax}) keyspaces`);
    const id = this.nextKeyspaceId++;
    return { id, persisted: false };
  }

  // ---- reads ---------------------------------------------------------------------------------

  private checkOpen(): void {
    if (this.closed) throw new DatabaseClosedError();
  }

  get(ikey: string): Uint8Array | undefined {
    this.checkOpen();
    this.activity++;
    const v = this.store.tree.get(ikey);
    return v === undefined ? undefined : this.materialize(v);
  }

  /** A tree value as the caller's own bytes. */
  materialize(v: LeafValue): Uint8Array {
    if (typeof v === 'string') return latin1Bytes(v);
    const bytes = this.store.tree.readOverflow(v);
    return (v as Overflow).data === bytes ? bytes.slice() : bytes;
  }

  /** A cursor over the latest committed entries within `bounds`. */
  cursor(bounds: KeyBounds): Cursor {
    this.checkOpen();
    this.activity++;
    return new Cursor(this.store.tree, bounds);
  }

  *scan(bounds: KeyBounds, limit: number): Generator<[Uint8Array, Uint8Array]> {
    this.checkOpen();
    this.activity++;
    const cursor = new Cursor(this.store.tree, bounds);
    for (let n = 0; n < limit; n++) {
      this.checkOpen();
      const e = cursor.next();
      if (e === undefined) return;
      yield [latin1Bytes(e[0].slice(keyspacePrefixBytes)), this.materialize(e[1])];
    }
  }

  /** Like `scan`, values only: no key is copied out. */
  *scanValues(bounds: KeyBounds, limit: number): Generator<Uint8Array> {
    this.checkOpen();
    this.activity++;
    const cursor = new Cursor(this.store.tree, bounds);
    for (let n = 0; n < limit; n++) {
      this.checkOpen();
      const e = cursor.next();
      if (e === undefined) return;
      yield this.materialize(e[1]);
    }
  }

  // ---- the commit path -----------------------------------------------------------------------

  /** A tree value as the version store keeps it (a large value is copied: its pages go). */
  private keepable(v: LeafValue | undefined): StoredValue | undefined {
    return v === undefined || typeof v === 'string' ? v : this.materialize(v);
  }

  /** Make a stored value the caller's copy. */
  toBytes(v: StoredValue): Uint8Array {
    return typeof v === 'string' ? latin1Bytes(v) : v.slice();
  }

  /** The lock wait of autocommit writes and the default of transactions, in milliseconds. */
  get lockTimeoutMs(): number {
    return this.opts.lockTimeoutMs;
  }

  /**
   * An autocommit write: a one-statement transaction. When an open transaction holds the lock of
   * one of its keys it waits for it (and holds its keys' locks until it is visible). Otherwise it
   * goes straight to the log without taking locks, so writes keep their issue order and a hot key
   * written by many clients still shares one fsync; a transaction that locks such a key while the
   * write is in flight sees it in `txns.inflightWrites` (first updater wins).
   */
  autocommit(ops: Op[], ks: Keyspace): Promise<void> {
    this.checkOpen();
    const locks = this.txns.locks;
    if (locks.size > 0) {
      for (const op of ops) {
        if (locks.holder(op.key) !== undefined) {
          const owner: LockOwner = { id: this.txns.autocommitId(), locks: [], waitingFor: null, sx: null };
          return this.autocommitWaiting(ops, ks, owner);
        }
      }
    }
    return this.autocommitQueued(ops, ks, null);
  }

  private async autocommitWaiting(ops: Op[], ks: Keyspace, owner: LockOwner): Promise<void> {
    // Lock in key order, so two batches over the same keys cannot deadlock each other.
    const keys = [...new Set(ops.map((o) => o.key))].sort();
    try {
      for (const k of keys) {
        await this.txns.locks.acquire(owner, k, this.opts.lockTimeoutMs, () => latin1Bytes(k.slice(keyspacePrefixBytes)));
      }
    } catch (err) {
      this.txns.locks.releaseFrom(owner);
      throw err;
    }
    return this.autocommitQueued(ops, ks, owner);
  }

  private autocommitQueued(ops: Op[], ks: Keyspace, owner: LockOwner | null): Promise<void> {
    const txns = this.txns;
    let sx: Sx | null = null;
    if (txns.serializableOpen > 0 || txns.ssi.readLocks > 0) {
      // Open serializable transactions may have read these keys: this write is a tracked writer.
      const keys = new Set(ops.map((o) => o.key));
      sx = new Sx(txns.autocommitId(), txns.visibleTs, false, (k) => keys.has(k), () => keys);
    }
    const release = owner === null ? null : (): void => txns.locks.releaseFrom(owner);
    const failed =
      release === null && sx === null
        ? undefined
        : (): void => {
            release?.();
            if (sx !== null) txns.ssi.aborted(sx);
          };
    try {
      return this.commit(ops, ks.persisted ? noKeyspaces : [ks], { sx, applied: release, failed, inflight: true });
    } catch (err) {
      release?.();
      throw err;
    }
  }

  /** Count (`by` = 1) or uncount (-1) an autocommit write's keys as in flight. */
  private countInflight(ops: readonly Op[], by: 1 | -1): void {
    const inflight = this.txns.inflightWrites;
    for (const op of ops) {
      const n = (inflight.get(op.key) ?? 0) + by;
      if (n === 0) inflight.delete(op.key);
      else inflight.set(op.key, n);
    }
  }

  /**
   * Queue validated operations as one atomic commit. `newKeyspaces` are keyspaces that are not
   * in the catalog yet: their catalog records ride in this commit. Throws (synchronously) when the
   * commit cannot be queued; otherwise the commit has its timestamp when this returns.
   */
  commit(ops: Op[], newKeyspaces: readonly Keyspace[], hooks: CommitHooks = noHooks): Promise<void> {
    this.checkOpen();
    if (this.closing) throw new DatabaseClosedError('database is closing');
    if (this.failure !== null) {
      this.failureReported = true;
      throw new ReadOnlyAfterFailureError(this.failure);
    }
    const fresh = newKeyspaces.length === 0 ? newKeyspaces : newKeyspaces.filter((ks) => !ks.persisted);
    if (fresh.length > 0) {
      const catalogOps: Op[] = fresh.map((ks) => ({
        key: keyspacePrefix(CATALOG_ID) + Buffer.from(ks.name, 'utf8').toString('latin1'),
        value: Uint8Array.of(ks.id >>> 8, ks.id & 0xff),
      }));
      ops = [...catalogOps, ...ops];
    }
    let bytes = 0;
    for (const op of ops) bytes += opBytes(op);
    if (this.queuedBytes + bytes > commitQueueBytesMax) {
      throw new LimitExceededError(`commit queue holds ${this.queuedBytes} bytes; this write would pass commitQueueBytesMax (${commitQueueBytesMax})`);
    }
    for (const ks of fresh) {
      this.keyspaceIds.set(ks.name, ks.id);
      ks.persisted = true;
    }
    const rec = encodeRecord(ops, bytes);
    this.queuedBytes += rec.length;
    const ts = this.txns.prepare();
    if (hooks.sx !== null) this.txns.ssi.prepared(hooks.sx, ts);
    return new Promise<void>((resolve, reject) => {
      const own = hooks.ownReads;
      const ownReads = own !== undefined && own.epoch === this.flushEpoch ? own.count : 0;
      const inflightOps = hooks.inflight === true ? ops : null;
      if (inflightOps !== null) this.countInflight(inflightOps, 1);
      this.queue.push({ rec, lsn: 0, ts, sx: hooks.sx, applied: hooks.applied, failed: hooks.failed ?? null, inflightOps, ownReads, resolve, reject });
      this.kick();
    });
  }

  /**
   * Start a flush on the next event-loop turn. Not a microtask: a caller that awaits each write
   * in a loop would otherwise chain flushes in the microtask queue forever and starve timers
   * (periodic fsync) and I/O callbacks (a background checkpoint). One turn also lets every
   * write issued in this turn join the group.
   */
  private kick(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  /** The group-commit loop; see the header comment. */
  private async flush(): Promise<void> {
    const log = this.log;
    const tree = this.store.tree;
    let group: Commit[] = [];
    try {
      while (this.queue.length > 0 || this.syncRequested) {
        await this.holdForCheckpoint();
        // 2. take a group
        group = this.takeGroup();
        // 3. append it in one write
        for (const c of group) c.lsn = log.append(c.rec);
        await log.write();
        // 4. durable before visible
        if (this.opts.durability === 'sync' || this.syncRequested) {
          if (this.aloneSinceLastFlush(group)) this.syncBlocking();
          else await this.syncInLoop();
        }
        this.activityAtFlush = this.activity;
        this.flushEpoch++;
        // 5. apply in log order, then acknowledge
        const txns = this.txns;
        for (const c of group) {
          const bad = (what: string): Error => new Error(`own record at LSN ${c.lsn} does not decode: ${what}`);
          if (txns.keepsVersions()) {
            // Open snapshots may need the values this commit replaces.
            const { ts, sx } = c;
            const versions = txns.versions;
            let key = '';
            const keep = (old: LeafValue | undefined): void => versions.add(key, this.keepable(old), ts, sx);
            decodeRecord(
              c.rec.subarray(16),
              (k, v) => {
                key = k;
                tree.put(k, v, keep);
              },
              (k) => {
                key = k;
                tree.delete(k, keep);
              },
              bad,
            );
          } else {
            decodeRecord(c.rec.subarray(16), (k, v) => tree.put(k, v), (k) => tree.delete(k), bad);
          }
          txns.visibleTs = c.ts;
          if (c.sx !== null) txns.ssi.applied(c.sx);
          c.applied?.();
          if (c.inflightOps !== null) this.countInflight(c.inflightOps, -1);
          this.appliedLsn = c.lsn + c.rec.length;
          this.commits++;
        }
        txns.enforceVersionLimit();
        const done = group;
        group = [];
        for (const c of done) c.resolve();
        this.maybeCheckpoint();
      }
    } catch (err) {
      this.fail(err, group);
    } finally {
      this.flushing = false;
    }
  }

  private takeGroup(): Commit[] {
    const q = this.queue;
    let bytes = 0;
    let n = 0;
    while (n < q.length && (n === 0 || bytes + q[n]!.rec.length <= walGroupBytesMax)) bytes += q[n++]!.rec.length;
    this.queuedBytes -= bytes;
    return n === q.length ? (this.queue = [], q) : q.splice(0, n);
  }

  /** Back-pressure: when dirty pages fill the cache, wait for a checkpoint before applying more. */
  private async holdForCheckpoint(): Promise<void> {
    const tree = this.store.tree;
    const limit = this.store.pool.capacityBytes * 0.9;
    for (let i = 0; i < 4 && tree.dirtyBytes > limit; i++) {
      // The checkpoint needs the log durable up to its cut, and this loop is the log's only user.
      await this.syncInLoop();
      await this.checkpoint(false);
    }
  }

  /**
   * A lone commit, nothing else queued, and no read or scan since the previous flush: the
   * process is a single serial writer, nobody else waits on the event loop, and a synchronous
   * fdatasync saves the thread-pool round trip (about 50 µs of ~150 µs per commit here).
   * Any concurrent activity keeps the asynchronous path, so readers are never stalled.
   */
  private aloneSinceLastFlush(group: Commit[]): boolean {
    if (!this.opts.inlineSync || group.length !== 1 || this.queue.length !== 0 || this.syncWaiters.length !== 0) return false;
    // The committing transaction's own reads since the last flush do not count as company.
    return this.activity - this.activityAtFlush === group[0]!.ownReads;
  }

  private syncBlocking(): void {
    this.syncRequested = false;
    this.log.syncBlocking();
  }

  /** fdatasync the log from inside the flush loop and release anyone waiting for it. */
  private async syncInLoop(): Promise<void> {
    this.syncRequested = false;
    await this.log.sync();
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w();
  }

  /** A queued commit will not be applied: undo what queuing it counted, tell its committer. */
  private refused(c: Commit): void {
    if (c.inflightOps !== null) this.countInflight(c.inflightOps, -1);
    c.failed?.();
  }

  /** Enter the failed state: reject the group in hand and everything queued. */
  private fail(err: unknown, group: Commit[]): void {
    const error = toIoError(err, 'commit');
    if (this.failure === null) this.failure = error;
    for (const c of group) {
      this.refused(c);
      c.reject(error);
    }
    if (group.length > 0) this.failureReported = true;
    const rest = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    const refused = new ReadOnlyAfterFailureError(this.failure);
    for (const c of rest) {
      this.refused(c);
      c.reject(refused);
    }
    if (rest.length > 0) this.failureReported = true;
    const waiters = this.syncWaiters;
    this.syncWaiters = [];
    for (const w of waiters) w();
  }

  /** Make every applied commit durable (for checkpoints in `periodic`/`none` durability). */
  private syncLog(): Promise<void> {
    if (this.log.syncedLsn >= this.appliedLsn) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.syncWaiters.push(() => (this.failure !== null ? reject(this.failure) : resolve()));
      this.syncRequested = true;
      this.kick();
    });
  }

  private tick(): void {
    if (this.closed || this.failure !== null) return;
    if (this.opts.durability === 'periodic' && this.log.syncedLsn < this.log.writtenLsn) {
      this.syncRequested = true;
      this.kick();
    }
    if (this.store.tree.dirtyBytes > 0 && Date.now() - this.lastCheckpointAt >= checkpointIntervalMs) {
      this.startCheckpoint();
    }
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  private maybeCheckpoint(): void {
    const tree = this.store.tree;
    const dirtyLimit = this.store.pool.capacityBytes * checkpointDirtyFraction;
    const walSince = this.log.bytesSince(this.store.meta.ckptLsn);
    if (tree.dirtyBytes > dirtyLimit || walSince > checkpointWalBytes) this.startCheckpoint();
  }

  private startCheckpoint(): void {
    if (this.checkpointRunning !== null || this.failure !== null || this.closing) return;
    this.checkpoint(false).catch(() => undefined); // failure is recorded by checkpoint()
  }

  /** Write a checkpoint of everything applied so far, then drop the log it covers. */
  checkpoint(forCaller = true): Promise<void> {
    if (this.failure !== null) {
      if (forCaller) this.failureReported = true;
      return Promise.reject(new ReadOnlyAfterFailureError(this.failure));
    }
    if (this.checkpointRunning !== null) {
      // one is running: wait for it, then run another that covers what came since
      return this.checkpointRunning.then(() => this.checkpoint(forCaller));
    }
    const run = (async () => {
      const lsn = this.appliedLsn;
      try {
        await this.store.checkpoint(lsn, () => this.syncLog());
      } catch (err) {
        this.fail(err, []);
        if (forCaller) this.failureReported = true;
        throw this.failure;
      }
      this.lastCheckpointAt = Date.now();
      this.log.removeBefore(lsn);
    })();
    this.checkpointRunning = run;
    return run.finally(() => {
      this.checkpointRunning = null;
    });
  }

  // ---- stats, check, close -------------------------------------------------------------------

  stats(): DatabaseStats {
    this.checkOpen();
    const { pool, pager, tree } = this.store;
    return {
      cacheHits: pool.hits,
      cacheMisses: pool.misses,
      cacheEvictions: pool.evictions,
      cacheBytes: pool.bytes,
      cacheCapacityBytes: pool.capacityBytes,
      pageCount: pager.pageCount,
      freePages: pager.freeCount,
      pageSize: this.store.pageSize,
      dirtyBytes: tree.dirtyBytes,
      walBytes: this.log.bytesSince(this.store.meta.ckptLsn),
      walLsn: this.log.lsn,
      fsyncs: this.log.fsyncs + this.store.fsyncs,
      commits: this.commits,
      checkpoints: this.store.checkpoints,
      entries: tree.entries - this.catalogEntries(),
      treeHeight: tree.height,
      durability: this.opts.durability,
      ...this.txnStats(),
    };
  }

  private txnStats(): Pick<DatabaseStats, 'activeTransactions' | 'versionsHeld' | 'versionBytes' | 'oldestSnapshotAgeMs' | 'locksHeld' | 'lockWaits' | 'deadlocks' | 'lockTimeouts' | 'serializationFailures'> {
    const t = this.txns;
    const takenAt = t.snapshots.oldestTakenAt();
    return {
      activeTransactions: t.openCount,
      versionsHeld: t.versions.count,
      versionBytes: t.versions.bytes,
      oldestSnapshotAgeMs: takenAt === undefined ? 0 : Date.now() - takenAt,
      locksHeld: t.locks.size,
      lockWaits: t.locks.waits,
      deadlocks: t.locks.deadlocks,
      lockTimeouts: t.locks.timeouts,
      serializationFailures: t.ssi.failures + t.writeConflicts,
    };
  }

  /** Catalog records in the tree (internal; not counted as user entries). */
  private catalogEntries(): number {
    let n = 0;
    const cursor = this.catalogCursor();
    while (cursor.next() !== undefined) n++;
    return n;
  }

  async check(): Promise<void> {
    this.checkOpen();
    await this.store.check();
  }

  /**
   * Finish queued commits, checkpoint, close files, release the lock. Rejects when the final
   * checkpoint fails, or when an earlier failure was never reported to a caller (a background
   * fsync in `periodic` mode): the caller must not believe its writes are safe. The directory is
   * released either way.
   */
  close(): Promise<void> {
    if (this.closingDone === null) this.closingDone = this.closeOnce();
    return this.closingDone;
  }

  private async closeOnce(): Promise<void> {
    this.closing = true;
    // Lock waits would never end: the holders can no longer commit.
    this.txns.locks.cancelAll(new DatabaseClosedError('database is closing'));
    let error: unknown;
    try {
      while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
      if (this.checkpointRunning !== null) await this.checkpointRunning.catch(() => undefined);
      if (this.failure === null) await this.checkpoint();
      else if (!this.failureReported) error = this.failure;
    } catch (err) {
      error = err;
    } finally {
      if (this.timer !== null) clearInterval(this.timer);
      this.closed = true;
      if (this.failure === null) {
        await this.log.close().catch(() => undefined);
        await this.store.close().catch(() => undefined);
      } else {
        this.log.closeSync();
        try {
          this.store.closeSync();
        } catch {
          // the file may be unusable after the failure
        }
      }
      this.lock.release();
    }
    if (error !== undefined) throw error;
  }
}
