/**
 * Table-level locks (PostgreSQL's relation locks, reduced to the two modes BasaltDB needs):
 * `share`, taken by INSERT/UPDATE/DELETE on each table they write, and `exclusive`, taken by DDL
 * on the tables it changes and on the catalog itself. Held until the transaction ends. Waits are
 * FIFO, bounded by lock_timeout, and a wait that would close a cycle among table locks fails with
 * a deadlock error at once.
 */
import { SqlError } from './errors.js';

export type LockMode = 'share' | 'exclusive';

/** Whoever holds locks: a transaction of a session. */
export interface LockOwnerRef {
  readonly id: number;
  /** The resource this owner waits for, if any. */
  waitingFor: string | null;
}

interface Waiter {
  readonly owner: LockOwnerRef;
  readonly mode: LockMode;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

interface Entry {
  readonly holders: Map<LockOwnerRef, LockMode>;
  readonly waiters: Waiter[];
}

export class TableLocks {
  private readonly entries = new Map<string, Entry>();
  private readonly held = new Map<LockOwnerRef, Set<string>>();

  /** Take `mode` on `resource` (waits; rejects with 55P03 on timeout or 40P01 on deadlock). */
  acquire(owner: LockOwnerRef, resource: string, mode: LockMode, timeoutMs: number): Promise<void> {
    let e = this.entries.get(resource);
    if (e === undefined) this.entries.set(resource, (e = { holders: new Map(), waiters: [] }));
    const mine = e.holders.get(owner);
    if (mine === 'exclusive' || mine === mode) return Promise.resolve();
    if (this.grantable(e, owner, mode, true)) {
      this.grant(e, owner, resource, mode);
      return Promise.resolve();
    }
    if (this.wouldDeadlock(owner, e)) {
      return Promise.reject(new SqlError('40P01', 'deadlock detected', { detail: `Process waits for ${mode} lock on ${resource}.` }));
    }
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { owner, mode, resolve, reject, timer: null };
      if (timeoutMs > 0) {
        w.timer = setTimeout(() => {
          this.removeWaiter(resource, w);
          reject(new SqlError('55P03', 'canceling statement due to lock timeout'));
        }, timeoutMs);
      }
      owner.waitingFor = resource;
      e.waiters.push(w);
    });
  }

  /** Stop `owner`'s pending wait (if any), rejecting it with `err`. */
  cancelWait(owner: LockOwnerRef, err: Error): void {
    if (owner.waitingFor === null) return;
    const e = this.entries.get(owner.waitingFor);
    const w = e?.waiters.find((x) => x.owner === owner);
    if (w === undefined) return;
    this.removeWaiter(owner.waitingFor, w);
    w.reject(err);
  }

  /** Release everything `owner` holds and cancel its waits. */
  releaseAll(owner: LockOwnerRef): void {
    const set = this.held.get(owner);
    this.held.delete(owner);
    if (owner.waitingFor !== null) {
      const e = this.entries.get(owner.waitingFor);
      const w = e?.waiters.find((x) => x.owner === owner);
      if (w !== undefined) {
        this.removeWaiter(owner.waitingFor, w);
        w.reject(new SqlError('57014', 'canceling statement due to user request'));
      }
    }
    if (set === undefined) return;
    for (const r of set) {
      const e = this.entries.get(r);
      if (e === undefined) continue;
      e.holders.delete(owner);
      this.wake(r, e);
    }
  }

  private grantable(e: Entry, owner: LockOwnerRef, mode: LockMode, queueCheck: boolean): boolean {
    for (const [h, m] of e.holders) {
      if (h === owner) continue;
      if (mode === 'exclusive' || m === 'exclusive') return false;
    }
    return !queueCheck || e.waiters.length === 0;
  }

  private grant(e: Entry, owner: LockOwnerRef, resource: string, mode: LockMode): void {
    const prev = e.holders.get(owner);
    e.holders.set(owner, prev === 'exclusive' ? 'exclusive' : mode);
    let set = this.held.get(owner);
    if (set === undefined) this.held.set(owner, (set = new Set()));
    set.add(resource);
  }

  private wake(resource: string, e: Entry): void {
    while (e.waiters.length > 0) {
      const w = e.waiters[0]!;
      if (!this.grantable(e, w.owner, w.mode, false)) break;
      e.waiters.shift();
      if (w.timer !== null) clearTimeout(w.timer);
      w.owner.waitingFor = null;
      this.grant(e, w.owner, resource, w.mode);
      w.resolve();
    }
    if (e.holders.size === 0 && e.waiters.length === 0) this.entries.delete(resource);
  }

  private removeWaiter(resource: string, w: Waiter): void {
    const e = this.entries.get(resource);
    if (e === undefined) return;
    const i = e.waiters.indexOf(w);
    if (i >= 0) e.waiters.splice(i, 1);
    if (w.timer !== null) clearTimeout(w.timer);
    w.owner.waitingFor = null;
    this.wake(resource, e);
  }

  /** Whether `owner` waiting on `e` closes a waits-for cycle. */
  private wouldDeadlock(owner: LockOwnerRef, e: Entry): boolean {
    const seen = new Set<LockOwnerRef>();
    const stack = [...e.holders.keys()].filter((h) => h !== owner);
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (h === owner) return true;
      if (seen.has(h)) continue;
      seen.add(h);
      if (h.waitingFor === null) continue;
      const next = this.entries.get(h.waitingFor);
      if (next !== undefined) for (const x of next.holders.keys()) if (x !== h) stack.push(x);
    }
    return false;
  }
}
