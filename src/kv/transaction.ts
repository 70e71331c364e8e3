/**
 * Interactive transactions over the key-value API, with PostgreSQL's isolation levels.
 *
 * - Reads never block: READ COMMITTED reads the latest committed data (a new snapshot per call),
 *   REPEATABLE READ and SERIALIZABLE read one snapshot taken at the transaction's first operation;
 *   values changed since come from the version store (txn/versions.ts).
 * - A write takes the key's exclusive lock (waiting FIFO, with deadlock detection and a timeout)
 *   and goes to the transaction's write set; nothing is visible to others before commit.
 * - REPEATABLE READ and SERIALIZABLE: writing a key that a commit after the snapshot changed fails
 *   with SerializationError (first updater wins). SERIALIZABLE also tracks read-write
 *   dependencies (txn/ssi.ts) and fails transactions that could make a cycle.
 * - Commit queues one log record; the writes become visible, and the locks are released, when it
 *   is applied — in `sync` durability only after the record is on disk.
 * - Any error fails the transaction: later calls throw TransactionStateError (25P02) until
 *   `rollback()`, or `rollbackTo()` a savepoint (except after a serialization failure found by
 *   SSI or a snapshot that grew too old, which only a rollback ends).
 */
import {
  BasaltError,
  InvalidArgumentError,
  LimitExceededError,
  ReadOnlyTransactionError,
  SerializationError,
  SnapshotTooOldError,
  TransactionStateError,
} from '../errors.js';
import { batchBytesMax, batchOpsMax } from '../limits.js';
import type { KeyBounds } from '../storage/index.js';
import { serializationFailure, SortedKeys, Sx, type LockEntry, type LockOwner, type ReadRange, type SnapshotHolder, type TxnManager } from '../txn/index.js';
import { latin1Bytes } from '../util/bytes.js';
import { internalKey, keyspacePrefixBytes, opBytes, valueBytes, type Op } from './codec.js';
import type { Engine } from './engine.js';
import type { Keyspace } from './keyspace.js';
import type { Bytes, RangeOptions } from './types.js';

export const isolationLevels = ['read committed', 'repeatable read', 'serializable'] as const;
/** PostgreSQL's isolation levels (READ UNCOMMITTED behaves as READ COMMITTED there too). */
export type IsolationLevel = (typeof isolationLevels)[number];

/** Options of `db.begin()` and `db.transaction()`. */
export interface TransactionOptions {
  /** Default 'serializable'. */
  isolation?: IsolationLevel;
  /** Refuse writes (ReadOnlyTransactionError, 25006). */
  readOnly?: boolean;
  /** `db.transaction()` only: retries after SerializationError or DeadlockError; default 0. */
  retries?: number;
  /** Longest wait for a key lock, in milliseconds (0: no limit); default the database's. */
  lockTimeoutMs?: number;
}

export type TransactionState = 'active' | 'failed' | 'committing' | 'committed' | 'rolled back';

const NOT_WRITTEN = Symbol('not written');

interface UndoEntry {
  readonly key: string;
  readonly prev: Uint8Array | undefined | typeof NOT_WRITTEN;
}

interface Savepoint {
  readonly name: string;
  readonly undo: number;
  readonly locks: number;
}

/** A snapshot pinned by one READ COMMITTED scan while it runs. */
class ScanSnapshot implements SnapshotHolder {
  expired = false;
  constructor(readonly ts: number) {}
  expire(): void {
    this.expired = true;
  }
}

function tooOld(): SnapshotTooOldError {
  return new SnapshotTooOldError(
    'snapshot too old: the old versions it needs passed versionStoreBytesMax and were released; retry the transaction',
  );
}

/** Own writes up to this many are filtered and sorted per scan; beyond, kept in a sorted index. */
const ownWritesSortThreshold = 64;

export class Transaction implements LockOwner, SnapshotHolder {
  readonly id: number;
  /** @internal */ readonly locks: string[] = [];
  /** @internal */ waitingFor: LockEntry | null = null;
  /** @internal */ readonly sx: Sx | null;
  readonly isolation: IsolationLevel;
  readonly readOnly: boolean;
  readonly lockTimeoutMs: number;
  private _state: TransactionState = 'active';
  /** Snapshot timestamp; -1 until the first operation (READ COMMITTED never holds one). */
  private snapshot = -1;
  private snapshotHeld = false;
  private expired = false;
  private readonly writes = new Map<string, Uint8Array | undefined>();
  /**
   * The written keys in order, built by the first scan that meets a large write set and kept up
   * to date after: a scan then finds its own writes in O(log n) instead of sorting them all.
   */
  private sortedWrites: SortedKeys | null = null;
  private writeBytes = 0;
  private newKeyspaces: Set<Keyspace> | null = null;
  private readonly undo: UndoEntry[] = [];
  private readonly savepoints: Savepoint[] = [];
  private failure: Error | null = null;
  /** The failure cannot be undone by rollbackTo. */
  private fatal = false;
  private scans: Set<ScanSnapshot> | null = null;
  /** READ COMMITTED: the snapshot of the running statement (beginStatement/endStatement), or null. */
  private stmtSnap: ScanSnapshot | null = null;
  private spaces: Map<Keyspace, TransactionKeyspace> | null = null;
  private readonly txns: TxnManager;
  private readonly main: TransactionKeyspace;
  /** Engine reads since flush `readsEpoch` (a lone serial committer may fsync inline). */
  private reads = 0;
  private readsEpoch = -1;

  /** @internal */
  constructor(
    private readonly engine: Engine,
    private readonly defaultKeyspace: Keyspace,
    private readonly resolveKeyspace: (name: string) => Keyspace,
    options: TransactionOptions,
  ) {
    const isolation = options.isolation ?? 'serializable';
    if (!isolationLevels.includes(isolation)) {
      throw new InvalidArgumentError(`isolation must be one of ${isolationLevels.join(', ')}, got ${String(isolation)}`);
    }
    const lockTimeoutMs = options.lockTimeoutMs ?? engine.lockTimeoutMs;
    if (!(Number.isFinite(lockTimeoutMs) && lockTimeoutMs >= 0)) {
      throw new InvalidArgumentError(`lockTimeoutMs must be a non-negative number, got ${String(lockTimeoutMs)}`);
    }
    this.isolation = isolation;
    this.readOnly = options.readOnly === true;
    this.lockTimeoutMs = lockTimeoutMs;
    this.txns = engine.txns;
    this.id = this.txns.open(isolation === 'serializable');
    this.sx =
      isolation === 'serializable'
        ? new Sx(this.id, -1, this.readOnly, (k) => this.writes.has(k), () => this.writes.keys())
        : null;
    if (this.sx !== null) this.sx.onDoom = () => this.txns.locks.cancelWait(this, serializationFailure);
    this.main = new TransactionKeyspace(this, defaultKeyspace);
  }

  get state(): TransactionState {
    return this._state;
  }

  // ---- the key-value methods (default keyspace) ------------------------------------------------

  /** The value of `key` as this transaction sees it. Synchronous; never blocks. */
  get(key: Bytes): Uint8Array | undefined {
    return this.main.get(key);
  }

  /** Write `value` under `key` (takes the key's lock; may wait for another transaction). */
  put(key: Bytes, value: Bytes): Promise<void> {
    return this.main.put(key, value);
  }

  /** Delete `key` (takes the key's lock). */
  delete(key: Bytes): Promise<void> {
    return this.main.delete(key);
  }

  /** Entries in key order as this transaction sees them (its snapshot plus its own writes). */
  range(options: RangeOptions = {}): Generator<[Uint8Array, Uint8Array]> {
    return this.main.range(options);
  }

  /** Take `key`'s exclusive lock without writing (SELECT ... FOR UPDATE). */
  lock(key: Bytes): Promise<void> {
    return this.main.lock(key);
  }

  /** The same methods over a named keyspace, in this transaction. */
  keyspace(name: string): TransactionKeyspace {
    return this.keyspaceOf(this.resolveKeyspace(name));
  }

  /** @internal */
  keyspaceOf(ks: Keyspace): TransactionKeyspace {
    if (ks === this.defaultKeyspace) return this.main;
    this.spaces ??= new Map();
    let t = this.spaces.get(ks);
    if (t === undefined) this.spaces.set(ks, (t = new TransactionKeyspace(this, ks)));
    return t;
  }

  // ---- savepoints ------------------------------------------------------------------------------

  /** Mark a point to roll back to. Names may repeat; the latest one wins. */
  savepoint(name: string): void {
    this.usable();
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('savepoint name must be a non-empty string');
    this.savepoints.push({ name, undo: this.undo.length, locks: this.locks.length });
  }

  /**
   * Undo the writes since savepoint `name` and release the locks taken since; the savepoint stays.
   * Ends a failed state unless the failure was a serialization failure from SSI or a snapshot
   * that grew too old.
   */
  rollbackTo(name: string): void {
    if (this._state !== 'active' && this._state !== 'failed') throw this.endedError();
    const i = this.findSavepoint(name);
    if (this.fatal && this.failure !== null) throw this.failure;
    this.txns.locks.cancelWait(this, () => new TransactionStateError(`rolled back to savepoint "${name}"`, '25000'));
    this.undoTo(this.savepoints[i]!);
    this.savepoints.length = i + 1;
    this.failure = null;
    this._state = 'active';
  }

  /** Forget savepoint `name` and every later one (their writes stay). */
  release(name: string): void {
    this.usable();
    this.savepoints.length = this.findSavepoint(name);
    if (this.savepoints.length === 0) this.undo.length = 0;
  }

  private findSavepoint(name: string): number {
    for (let i = this.savepoints.length - 1; i >= 0; i--) if (this.savepoints[i]!.name === name) return i;
    throw new TransactionStateError(`savepoint "${name}" does not exist`, '3B001');
  }

  // ---- commit and rollback ---------------------------------------------------------------------

  /**
   * Make the writes durable and visible. Rejects (and rolls back) when the transaction failed
   * earlier (with that error), when SSI finds it cannot be serialized (40001), or when the
   * commit itself fails.
   */
  async commit(): Promise<void> {
    if (this._state === 'failed') {
      const failure = this.failure!;
      this.rollback();
      throw failure;
    }
    if (this._state !== 'active') throw this.endedError();
    try {
      this.checkHealthy();
    } catch (err) {
      this.rollback();
      throw err;
    }
    const sx = this.sx;
    if (this.writes.size === 0) {
      if (sx !== null && this.snapshot >= 0) this.txns.ssi.committedReadOnly(sx, this.txns.readOnlyCommitTs());
      this.end('committed');
      return;
    }
    if (sx !== null) {
      const err = this.txns.ssi.beforePrepare(sx);
      if (err !== undefined) {
        this.failure = err;
        this.rollback();
        throw err;
      }
    }
    const ops: Op[] = [];
    for (const [key, value] of this.writes) ops.push({ key, value });
    let done: Promise<void>;
    try {
      done = this.engine.commit(ops, this.newKeyspaces === null ? [] : [...this.newKeyspaces], {
        sx,
        applied: () => this.txns.locks.releaseFrom(this),
        ownReads: { epoch: this.readsEpoch, count: this.reads },
      });
    } catch (err) {
      this.rollback();
      throw err;
    }
    this._state = 'committing';
    this.releaseSnapshots();
    try {
      await done;
    } catch (err) {
      if (sx !== null) this.txns.ssi.aborted(sx);
      this.end('rolled back');
      throw err;
    }
    this.end('committed');
  }

  /** Discard the writes and release the locks. Synchronous; no effect when already rolled back. */
  rollback(): void {
    if (this._state === 'rolled back') return;
    if (this._state === 'committed' || this._state === 'committing') throw this.endedError();
    this.discard(() => new TransactionStateError('transaction rolled back', '25000'));
    this.end('rolled back');
  }

  private end(state: 'committed' | 'rolled back'): void {
    this._state = state;
    this.txns.locks.releaseFrom(this);
    this.releaseSnapshots();
    this.txns.close(this.sx !== null);
    this.txns.prune();
  }

  private releaseSnapshots(): void {
    const snapshots = this.txns.snapshots;
    if (this.snapshotHeld) {
      snapshots.release(this.snapshot, this);
      this.snapshotHeld = false;
    }
    if (this.scans !== null) {
      for (const s of this.scans) snapshots.release(s.ts, s);
      this.scans = null;
    }
    if (this.stmtSnap !== null) {
      snapshots.release(this.stmtSnap.ts, this.stmtSnap);
      this.stmtSnap = null;
    }
  }

  /**
   * @internal READ COMMITTED only (a no-op otherwise): until `endStatement()`, every read sees the
   * data committed before this call, as a PostgreSQL statement sees its statement snapshot.
   */
  beginStatement(): void {
    if (this.isolation !== 'read committed' || this._state !== 'active') return;
    this.endStatement();
    const snap = new ScanSnapshot(this.txns.visibleTs);
    this.txns.snapshots.acquire(snap.ts, snap);
    this.stmtSnap = snap;
  }

  /**
   * @internal Fail the transaction with `err`, as an error inside one of its operations would: its
   * work since the latest savepoint (all of it without one) is undone and its locks released, and
   * later calls throw 25P02 until `rollback()` or `rollbackTo()`. For callers that detect errors
   * of their own (a SQL constraint violation) in the middle of a transaction.
   */
  abort(err: Error): void {
    this.fail(err);
  }

  /** @internal Stop a pending key-lock wait of this transaction, rejecting it with `err()` (a cancelled statement). */
  cancelLockWait(err: () => Error): void {
    this.txns.locks.cancelWait(this, err);
  }

  /** @internal Release the statement snapshot of `beginStatement()`. */
  endStatement(): void {
    const snap = this.stmtSnap;
    if (snap === null) return;
    this.stmtSnap = null;
    this.txns.snapshots.release(snap.ts, snap);
    this.txns.prune();
  }

  /** @internal Called by the snapshot registry when this snapshot is released as too old. */
  expire(): void {
    this.expired = true;
    this.snapshotHeld = false;
  }

  private endedError(): TransactionStateError {
    return new TransactionStateError(`transaction is ${this._state}`, '25000');
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Throw unless the transaction may run an operation. */
  private usable(): void {
    if (this._state === 'failed') {
      throw new TransactionStateError(
        `current transaction is aborted, commands ignored until end of transaction block (after: ${this.failure!.message})`,
      );
    }
    if (this._state !== 'active') throw this.endedError();
    this.checkHealthy();
  }

  private checkHealthy(): void {
    if (this.expired) throw this.fail(tooOld(), true);
    if (this.sx !== null && this.sx.doomed) throw this.fail(serializationFailure(), true);
  }

  /** Enter the failed state with `err` (returned, for `throw`). */
  private fail(err: unknown, fatal = false): Error {
    const e = err instanceof Error ? err : new Error(String(err));
    if (this._state === 'active') {
      this._state = 'failed';
      this.failure = e;
      this.fatal = fatal || (e instanceof SerializationError && this.sx !== null && this.sx.doomed);
      this.abortWork();
    }
    return e;
  }

  /**
   * As PostgreSQL aborts at the error, not at ROLLBACK: without a savepoint (or after a failure
   * no savepoint can undo) the transaction's locks, snapshot and writes go now, so transactions
   * waiting for its keys proceed at once; only `rollback()` is left to call. With a savepoint only
   * the work since the latest one is undone (its subtransaction aborts) and its locks released.
   */
  private abortWork(): void {
    const sp = this.savepoints[this.savepoints.length - 1];
    if (sp !== undefined && !this.fatal) {
      this.undoTo(sp);
      return;
    }
    this.discard(() => new TransactionStateError('transaction aborted', '25P02'));
    this.txns.prune();
  }

  /** Undo the writes made since `sp` and release the locks first taken after it. */
  private undoTo(sp: Savepoint): void {
    for (let u = this.undo.length - 1; u >= sp.undo; u--) {
      const { key, prev } = this.undo[u]!;
      this.setWrite(key, prev);
    }
    this.undo.length = sp.undo;
    this.txns.locks.releaseFrom(this, sp.locks);
  }

  /** Give up all work: a pending lock wait (rejected with `waitError()`), locks, SSI state, writes, snapshots. */
  private discard(waitError: () => Error): void {
    this.txns.locks.cancelWait(this, waitError);
    this.txns.locks.releaseFrom(this);
    if (this.sx !== null) this.txns.ssi.aborted(this.sx);
    this.writes.clear();
    this.sortedWrites = null;
    this.releaseSnapshots();
  }

  /** Count one engine read (get or cursor) for the commit path's lone-writer test. */
  private countRead(): void {
    const epoch = this.engine.flushEpoch;
    if (epoch !== this.readsEpoch) {
      this.readsEpoch = epoch;
      this.reads = 0;
    }
    this.reads++;
  }

  private takeSnapshot(): void {
    if (this.snapshot >= 0 || this.isolation === 'read committed') return;
    this.snapshot = this.txns.visibleTs;
    this.txns.snapshots.acquire(this.snapshot, this);
    this.snapshotHeld = true;
    if (this.sx !== null) this.sx.snapshot = this.snapshot;
  }

  private setWrite(key: string, value: Uint8Array | undefined | typeof NOT_WRITTEN): void {
    const had = this.writes.has(key);
    if (had) this.writeBytes -= opBytes({ key, value: this.writes.get(key) });
    if (value === NOT_WRITTEN) {
      this.writes.delete(key);
      this.sortedWrites?.delete(key);
      return;
    }
    if (!had) this.sortedWrites?.add(key);
    this.writes.set(key, value);
    this.writeBytes += opBytes({ key, value });
  }

  /** @internal */
  readKey(ks: Keyspace, key: Bytes, latest = false): Uint8Array | undefined {
    this.usable();
    try {
      const ikey = internalKey(ks.prefix, key);
      const own = this.writes.get(ikey);
      if (own !== undefined) return own.slice();
      if (this.writes.has(ikey)) return undefined;
      if (this.isolation === 'read committed' || latest) {
        const snap = latest ? null : this.stmtSnap;
        if (snap !== null) {
          if (snap.expired) throw this.fail(tooOld(), true);
          const v = this.txns.versions.at(ikey, snap.ts);
          if (v !== undefined) return v.value === undefined ? undefined : this.engine.toBytes(v.value);
        }
        this.countRead();
        return this.engine.get(ikey);
      }
      this.takeSnapshot();
      if (this.sx !== null) this.trackPointRead(this.sx, ikey);
      const v = this.txns.versions.at(ikey, this.snapshot);
      if (v !== undefined) return v.value === undefined ? undefined : this.engine.toBytes(v.value);
      this.countRead();
      return this.engine.get(ikey);
    } catch (err) {
      throw this.fail(err);
    }
  }

  /** SSI bookkeeping of a point read: newer versions and uncommitted writers are out-conflicts. */
  private trackPointRead(sx: Sx, ikey: string): void {
    const { ssi, versions, locks } = this.txns;
    ssi.registerKey(sx, ikey);
    const chain = versions.chain(ikey);
    if (chain !== undefined) {
      for (const v of chain) {
        if (v.ts <= this.snapshot) continue;
        const err = ssi.readerMetWriter(sx, v.writer, v.ts);
        if (err !== undefined) throw this.fail(err, true);
      }
    }
    const holder = locks.holder(ikey);
    if (holder !== undefined && holder !== this && holder.sx !== null && holder.sx.wrote(ikey)) {
      const err = ssi.readerMetWriter(sx, holder.sx, holder.sx.commitTs);
      if (err !== undefined) throw this.fail(err, true);
    }
  }

  /** @internal Write `value` (undefined: delete) under `key`, or only lock it (`lockOnly`). */
  writeKey(ks: Keyspace, key: Bytes, value: Bytes | undefined, lockOnly: boolean): Promise<void> {
    try {
      this.usable();
      if (this.readOnly && !lockOnly) throw new ReadOnlyTransactionError();
      const ikey = internalKey(ks.prefix, key);
      const v = value === undefined ? undefined : valueBytes(value);
      if (!lockOnly) {
        if (!this.writes.has(ikey) && this.writes.size >= batchOpsMax) {
          throw new LimitExceededError(`transaction writes more than batchOpsMax (${batchOpsMax}) keys`);
        }
        if (this.writeBytes + opBytes({ key: ikey, value: v }) > batchBytesMax) {
          throw new LimitExceededError(`transaction writes exceed batchBytesMax (${batchBytesMax} bytes)`);
        }
        if (!ks.persisted) (this.newKeyspaces ??= new Set()).add(ks);
      }
      this.takeSnapshot();
      if (this.txns.locks.tryAcquire(this, ikey)) {
        this.afterLock(ikey, v, lockOnly);
        return Promise.resolve();
      }
      return this.waitThenWrite(ikey, v, lockOnly);
    } catch (err) {
      return Promise.reject(this.fail(err));
    }
  }

  private async waitThenWrite(ikey: string, v: Uint8Array | undefined, lockOnly: boolean): Promise<void> {
    try {
      await this.txns.locks.acquire(this, ikey, this.lockTimeoutMs, () => latin1Bytes(ikey.slice(keyspacePrefixBytes)));
    } catch (err) {
      throw this.fail(err);
    }
    try {
      this.usable();
      this.afterLock(ikey, v, lockOnly);
    } catch (err) {
      throw this.fail(err);
    }
  }

  /** With the lock held: the first-updater-wins check, SSI, then the write itself. */
  private afterLock(ikey: string, v: Uint8Array | undefined, lockOnly: boolean): void {
    if (this.isolation !== 'read committed' && (this.txns.versions.changedSince(ikey, this.snapshot) || this.txns.inflightWrites.has(ikey))) {
      this.txns.writeConflicts++;
      throw new SerializationError('could not serialize access due to concurrent update');
    }
    if (lockOnly) return;
    if (this.sx !== null) {
      const err = this.txns.ssi.onWrite(this.sx, ikey, this.sx);
      if (err !== undefined) throw this.fail(err, true);
    }
    if (this.savepoints.length > 0) {
      this.undo.push({ key: ikey, prev: this.writes.has(ikey) ? this.writes.get(ikey) : NOT_WRITTEN });
    }
    this.setWrite(ikey, v);
  }

  /** @internal A scan as this transaction sees it. */
  *scan(ks: Keyspace, options: RangeOptions, latest = false): Generator<[Uint8Array, Uint8Array]> {
    this.usable();
    let bounds: KeyBounds | undefined;
    let limit: number;
    try {
      bounds = ks.bounds(options);
      limit = options.limit ?? Infinity;
      if (!(limit >= 0)) throw new InvalidArgumentError('range limit must be a non-negative number');
    } catch (err) {
      throw this.fail(err);
    }
    // The first operation takes the snapshot even when its range is empty (as in PostgreSQL, the
    // first statement does, whatever it returns).
    if (this.isolation !== 'read committed') this.takeSnapshot();
    if (bounds === undefined || limit === 0) return;
    const txns = this.txns;
    let scanSnap: ScanSnapshot | null = null;
    let s: number;
    const stmtSnap = latest ? null : this.stmtSnap;
    if (stmtSnap !== null) {
      s = stmtSnap.ts;
    } else if (this.isolation === 'read committed' || latest) {
      scanSnap = new ScanSnapshot(txns.visibleTs);
      txns.snapshots.acquire(scanSnap.ts, scanSnap);
      (this.scans ??= new Set()).add(scanSnap);
      s = scanSnap.ts;
    } else {
      this.takeSnapshot();
      s = this.snapshot;
    }
    const sx = latest ? null : this.sx;
    const b = bounds;
    const rev = b.reverse;
    // The range read so far, widened as the scan advances (SSI only).
    let range: ReadRange | null = null;
    if (sx !== null) {
      const start = rev ? b.high : b.low;
      range = txns.ssi.registerRange(
        sx,
        rev
          ? { low: start ?? '\uffff', lowInclusive: false, high: b.high, highInclusive: b.highInclusive }
          : { low: b.low ?? '', lowInclusive: b.lowInclusive, high: b.low ?? '', highInclusive: false },
      );
    }
    const own = this.ownWritesIn(b);
    let oi = 0;
    this.countRead();
    const cursor = this.engine.cursor(b);
    let t = cursor.next();
    let last: string | undefined;
    let yielded = 0;
    const versions = txns.versions;
    try {
      for (;;) {
        if ((scanSnap !== null && scanSnap.expired) || (stmtSnap !== null && stmtSnap.expired)) throw this.fail(tooOld(), true);
        if (this._state !== 'active') this.usable();
        this.checkHealthy();
        const vk = versions.keys.size > 0 ? this.nextVersionKey(b, last, s) : undefined;
        const tk = t?.[0];
        const ok = oi < own.length ? own[oi]![0] : undefined;
        let k = tk;
        if (vk !== undefined && (k === undefined || (rev ? vk > k : vk < k))) k = vk;
        if (ok !== undefined && (k === undefined || (rev ? ok > k : ok < k))) k = ok;
        if (k === undefined) break;
        let value: Uint8Array | undefined;
        const ver = versions.at(k, s);
        if (sx !== null && ver !== undefined) {
          for (const v of versions.chain(k)!) {
            if (v.ts <= s) continue;
            const err = txns.ssi.readerMetWriter(sx, v.writer, v.ts);
            if (err !== undefined) throw this.fail(err, true);
          }
        }
        if (sx !== null) {
          // An uncommitted writer of this key is an out-conflict too (as for a point read).
          const holder = txns.locks.holder(k);
          if (holder !== undefined && holder !== this && holder.sx !== null && holder.sx.wrote(k)) {
            const err = txns.ssi.readerMetWriter(sx, holder.sx, holder.sx.commitTs);
            if (err !== undefined) throw this.fail(err, true);
          }
        }
        if (ok === k) value = own[oi]![1];
        else if (ver !== undefined) value = ver.value === undefined ? undefined : this.engine.toBytes(ver.value);
        else if (tk === k) value = this.engine.materialize(t![1]);
        if (tk === k) t = cursor.next();
        if (ok === k) oi++;
        last = k;
        if (range !== null) {
          if (rev) {
            range.low = k;
            range.lowInclusive = true;
          } else {
            range.high = k;
            range.highInclusive = true;
          }
        }
        if (value === undefined) continue;
        yield [latin1Bytes(k.slice(keyspacePrefixBytes)), value];
        if (++yielded >= limit) return;
      }
      // Exhausted: the whole range was read.
      if (range !== null) {
        if (rev) {
          range.low = b.low ?? '';
          range.lowInclusive = b.lowInclusive;
        } else {
          range.high = b.high;
          range.highInclusive = b.highInclusive;
        }
      }
    } finally {
      if (scanSnap !== null && this.scans !== null && this.scans.delete(scanSnap)) {
        txns.snapshots.release(scanSnap.ts, scanSnap);
        txns.prune();
      }
    }
  }

  /** The next key after `last` in scan order with a version the snapshot `s` needs. */
  private nextVersionKey(b: KeyBounds, last: string | undefined, s: number): string | undefined {
    const { versions } = this.txns;
    const keys = versions.keys;
    if (!b.reverse) {
      let k = last === undefined ? (b.low === undefined ? keys.first() : keys.after(b.low, b.lowInclusive)) : keys.after(last, false);
      for (; k !== undefined; k = keys.after(k, false)) {
        if (b.high !== undefined && (k > b.high || (k === b.high && !b.highInclusive))) return undefined;
        if (versions.at(k, s) !== undefined) return k;
      }
      return undefined;
    }
    let k = last === undefined ? keys.before(b.high, b.highInclusive) : keys.before(last, false);
    for (; k !== undefined; k = keys.before(k, false)) {
      if (b.low !== undefined && (k < b.low || (k === b.low && !b.lowInclusive))) return undefined;
      if (versions.at(k, s) !== undefined) return k;
    }
    return undefined;
  }

  /** This transaction's writes inside `b`, in scan order (a copy: later writes are not seen). */
  private ownWritesIn(b: KeyBounds): Array<[string, Uint8Array | undefined]> {
    const out: Array<[string, Uint8Array | undefined]> = [];
    if (this.writes.size > ownWritesSortThreshold) {
      let sorted = this.sortedWrites;
      if (sorted === null) {
        sorted = new SortedKeys();
        for (const k of [...this.writes.keys()].sort()) sorted.add(k);
        this.sortedWrites = sorted;
      }
      const inHigh = (k: string): boolean => b.high === undefined || k < b.high || (k === b.high && b.highInclusive);
      let k = b.low === undefined ? sorted.first() : sorted.after(b.low, b.lowInclusive);
      while (k !== undefined && inHigh(k)) {
        const v = this.writes.get(k);
        out.push([k, v === undefined ? undefined : v.slice()]);
        k = sorted.after(k, false);
      }
      if (b.reverse) out.reverse();
      return out;
    }
    for (const [k, v] of this.writes) {
      if (b.low !== undefined && (k < b.low || (k === b.low && !b.lowInclusive))) continue;
      if (b.high !== undefined && (k > b.high || (k === b.high && !b.highInclusive))) continue;
      out.push([k, v === undefined ? undefined : v.slice()]);
    }
    out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    if (b.reverse) out.reverse();
    return out;
  }
}

/** A keyspace seen through a transaction. */
export class TransactionKeyspace {
  /** @internal */
  constructor(
    private readonly tx: Transaction,
    private readonly ks: Keyspace,
  ) {}

  get name(): string {
    return this.ks.name;
  }

  get(key: Bytes): Uint8Array | undefined {
    return this.tx.readKey(this.ks, key);
  }

  put(key: Bytes, value: Bytes): Promise<void> {
    if (value === undefined) return Promise.reject(new InvalidArgumentError('value must be a string or a Uint8Array, got undefined'));
    return this.tx.writeKey(this.ks, key, value, false);
  }

  delete(key: Bytes): Promise<void> {
    return this.tx.writeKey(this.ks, key, undefined, false);
  }

  range(options: RangeOptions = {}): Generator<[Uint8Array, Uint8Array]> {
    return this.tx.scan(this.ks, options);
  }

  lock(key: Bytes): Promise<void> {
    return this.tx.writeKey(this.ks, key, undefined, true);
  }

  /** @internal This transaction's own write, else the newest committed value, whatever the isolation. */
  getLatest(key: Bytes): Uint8Array | undefined {
    return this.tx.readKey(this.ks, key, true);
  }

  /** @internal A scan of own writes over the newest committed data, whatever the isolation (no SSI tracking). */
  rangeLatest(options: RangeOptions = {}): Generator<[Uint8Array, Uint8Array]> {
    return this.tx.scan(this.ks, options, true);
  }
}

/** Whether `err` is worth retrying the whole transaction for. */
export function isRetryable(err: unknown): boolean {
  return err instanceof BasaltError && (err.code === '40001' || err.code === '40P01');
}

