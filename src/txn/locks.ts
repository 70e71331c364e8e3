/**
 * Exclusive key locks with FIFO waiters, timeouts and deadlock detection.
 *
 * Every waiter waits for exactly one lock, so the wait-for graph has at most one edge out of each
 * transaction: waiter → holder of the lock it waits for. An edge appears only when a transaction
 * starts waiting (a lock handed to the next waiter goes to a transaction that is not waiting, so
 * a hand-off cannot close a cycle). Hence checking at the moment a wait begins — follow holder →
 * what it waits for → its holder ... — finds every cycle as it forms, and the walk always ends
 * because the graph was acyclic before. The transaction whose wait would close the cycle is the
 * victim and fails at once with DeadlockError (SQLSTATE 40P01).
 */
import { DeadlockError, LockTimeoutError } from '../errors.js';
import type { Sx } from './ssi.js';

export interface LockOwner {
  readonly id: number;
  /** Keys this owner holds, in acquisition order (savepoints release a suffix). */
  readonly locks: string[];
  /** The lock this owner waits for, if any. */
  waitingFor: LockEntry | null;
  /** The owner's serializable state, when it takes part in SSI. */
  readonly sx: Sx | null;
}

interface Waiter {
  readonly owner: LockOwner;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
  timer: NodeJS.Timeout | null;
}

export interface LockEntry {
  readonly key: string;
  holder: LockOwner;
  waiters: Waiter[];
}

export class LockTable {
  private readonly table = new Map<string, LockEntry>();
  /** Lock waits begun, deadlocks found, timeouts: counters for stats. */
  waits = 0;
  deadlocks = 0;
  timeouts = 0;

  get size(): number {
    return this.table.size;
  }

  /** The holder of `key`'s lock, if any. */
  holder(key: string): LockOwner | undefined {
    return this.table.get(key)?.holder;
  }

  /** Take the lock if it is free or already ours; false when someone else holds it. */
  tryAcquire(owner: LockOwner, key: string): boolean {
    const e = this.table.get(key);
    if (e === undefined) {
      this.table.set(key, { key, holder: owner, waiters: [] });
      owner.locks.push(key);
      return true;
    }
    return e.holder === owner;
  }

  /**
   * Take the lock on `key`, waiting behind earlier waiters. Rejects with DeadlockError when the
   * wait would close a cycle, and with LockTimeoutError after `timeoutMs` (0: wait forever).
   */
  acquire(owner: LockOwner, key: string, timeoutMs: number, keyBytes: () => Uint8Array): Promise<void> {
    if (this.tryAcquire(owner, key)) return Promise.resolve();
    const entry = this.table.get(key)!;
    // Would waiting close a cycle?
    for (let h: LockOwner | undefined = entry.holder; h !== undefined; h = h.waitingFor?.holder) {
      if (h === owner) {
        this.deadlocks++;
        return Promise.reject(
          new DeadlockError(`deadlock detected: transaction ${owner.id} waits for transaction ${entry.holder.id}, which waits (directly or through others) for transaction ${owner.id}`),
        );
      }
    }
    this.waits++;
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { owner, resolve, reject, timer: null };
      if (timeoutMs > 0) {
        w.timer = setTimeout(() => {
          this.timeouts++;
          this.dropWaiter(entry, w);
          reject(new LockTimeoutError(keyBytes(), timeoutMs));
        }, timeoutMs);
      }
      entry.waiters.push(w);
      owner.waitingFor = entry;
    });
  }

  /** Stop `owner`'s pending wait, rejecting it with `err()` (rollback, doomed transaction). */
  cancelWait(owner: LockOwner, err: () => Error): void {
    const entry = owner.waitingFor;
    if (entry === null) return;
    const w = entry.waiters.find((x) => x.owner === owner);
    if (w === undefined) return;
    this.dropWaiter(entry, w);
    w.reject(err());
  }

  /** Reject every pending wait with `err` (the database is closing). */
  cancelAll(err: Error): void {
    for (const entry of this.table.values()) {
      for (const w of entry.waiters.splice(0)) {
        if (w.timer !== null) clearTimeout(w.timer);
        w.owner.waitingFor = null;
        w.reject(err);
      }
    }
  }

  private dropWaiter(entry: LockEntry, w: Waiter): void {
    const i = entry.waiters.indexOf(w);
    if (i >= 0) entry.waiters.splice(i, 1);
    if (w.timer !== null) clearTimeout(w.timer);
    w.owner.waitingFor = null;
  }

  /** Release `owner`'s locks from index `from` on (0: all), handing each to its first waiter. */
  releaseFrom(owner: LockOwner, from = 0): void {
    const keys = owner.locks;
    for (let i = keys.length - 1; i >= from; i--) this.release(owner, keys[i]!);
    keys.length = from;
  }

  private release(owner: LockOwner, key: string): void {
    const e = this.table.get(key);
    if (e === undefined || e.holder !== owner) return;
    const next = e.waiters.shift();
    if (next === undefined) {
      this.table.delete(key);
      return;
    }
    if (next.timer !== null) clearTimeout(next.timer);
    next.owner.waitingFor = null;
    e.holder = next.owner;
    next.owner.locks.push(key);
    next.resolve();
  }
}
