/**
 * Old versions for open snapshots, and the registry of those snapshots.
 *
 * The tree holds the newest committed value of every key. When a commit with timestamp T
 * overwrites a key while some snapshot older than T is open, the value the key had before T is
 * kept here as (T, old value, writer). The value of key k at snapshot s is then the old value of
 * the first version of k with T > s, or the tree's value when there is none. A version is dropped
 * once every open snapshot is at least its T (pruning in T order, from a FIFO).
 */
import type { Sx } from './ssi.js';
import { SortedKeys } from './sorted-keys.js';
import { versionOverheadBytes } from '../limits.js';

/** A stored value as the engine keeps it: a one-byte string, or bytes (large values). */
export type StoredValue = string | Uint8Array;

export interface Version {
  /** Commit timestamp of the write that replaced this value. */
  readonly ts: number;
  /** The value before that write; undefined when the key did not exist. */
  readonly value: StoredValue | undefined;
  /** The replacing writer's serializable state (null: an untracked or non-serializable writer). */
  readonly writer: Sx | null;
}

export class VersionStore {
  private readonly chains = new Map<string, Version[]>();
  /** Keys with versions, in order (for scans). */
  readonly keys = new SortedKeys();
  /** Versions in timestamp order, for pruning. */
  private queueTs: number[] = [];
  private queueKeys: string[] = [];
  private queueBytes: number[] = [];
  private head = 0;
  bytes = 0;
  count = 0;

  /** Keep `value` as the value `key` had before the commit at `ts`. */
  add(key: string, value: StoredValue | undefined, ts: number, writer: Sx | null): void {
    let chain = this.chains.get(key);
    if (chain === undefined) {
      chain = [];
      this.chains.set(key, chain);
      this.keys.add(key);
    }
    chain.push({ ts, value, writer });
    const bytes = versionOverheadBytes + key.length + (value === undefined ? 0 : typeof value === 'string' ? value.length : value.byteLength);
    this.queueTs.push(ts);
    this.queueKeys.push(key);
    this.queueBytes.push(bytes);
    this.bytes += bytes;
    this.count++;
  }

  /** Versions of `key`, oldest replacement first; undefined when none. */
  chain(key: string): readonly Version[] | undefined {
    return this.chains.get(key);
  }

  /** The first version of `key` replaced after snapshot `s` (its value is the value at `s`). */
  at(key: string, s: number): Version | undefined {
    const chain = this.chains.get(key);
    if (chain === undefined) return undefined;
    for (let i = 0; i < chain.length; i++) if (chain[i]!.ts > s) return chain[i];
    return undefined;
  }

  /** Whether a commit after snapshot `s` wrote `key`. */
  changedSince(key: string, s: number): boolean {
    const chain = this.chains.get(key);
    return chain !== undefined && chain[chain.length - 1]!.ts > s;
  }

  /** Drop versions no open snapshot needs: those replaced at or before `oldest` (all if undefined). */
  prune(oldest: number | undefined): void {
    const qt = this.queueTs;
    let h = this.head;
    while (h < qt.length && (oldest === undefined || qt[h]! <= oldest)) {
      const key = this.queueKeys[h]!;
      const chain = this.chains.get(key)!;
      chain.shift();
      if (chain.length === 0) {
        this.chains.delete(key);
        this.keys.delete(key);
      }
      this.bytes -= this.queueBytes[h]!;
      this.count--;
      h++;
    }
    if (h === qt.length) {
      this.queueTs = [];
      this.queueKeys = [];
      this.queueBytes = [];
      h = 0;
    } else if (h > 4096 && h * 2 > qt.length) {
      this.queueTs = qt.slice(h);
      this.queueKeys = this.queueKeys.slice(h);
      this.queueBytes = this.queueBytes.slice(h);
      h = 0;
    }
    this.head = h;
  }
}

/** Something that holds a snapshot open and can be told it was released for being too old. */
export interface SnapshotHolder {
  expire(): void;
}

interface SnapshotEntry {
  readonly ts: number;
  readonly takenAt: number;
  readonly holders: Set<SnapshotHolder>;
}

/** Open snapshots, oldest first. Snapshots are taken at non-decreasing timestamps. */
export class SnapshotRegistry {
  private list: SnapshotEntry[] = [];
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  acquire(ts: number, holder: SnapshotHolder): void {
    const last = this.list.length > this.head ? this.list[this.list.length - 1] : undefined;
    if (last !== undefined && last.ts === ts) last.holders.add(holder);
    else this.list.push({ ts, takenAt: Date.now(), holders: new Set([holder]) });
    this.count++;
  }

  release(ts: number, holder: SnapshotHolder): void {
    const e = this.find(ts);
    if (e === undefined || !e.holders.delete(holder)) return;
    this.count--;
    this.trim();
  }

  private find(ts: number): SnapshotEntry | undefined {
    const l = this.list;
    let lo = this.head;
    let hi = l.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = l[mid]!.ts;
      if (t === ts) return l[mid];
      if (t < ts) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private trim(): void {
    const l = this.list;
    let h = this.head;
    while (h < l.length && l[h]!.holders.size === 0) h++;
    if (h === l.length) {
      this.list = [];
      h = 0;
    } else if (h > 1024 && h * 2 > l.length) {
      this.list = l.slice(h);
      h = 0;
    }
    this.head = h;
  }

  /** Timestamp of the oldest open snapshot. */
  oldest(): number | undefined {
    return this.head < this.list.length ? this.list[this.head]!.ts : undefined;
  }

  /** When the oldest open snapshot was taken (Date.now() units). */
  oldestTakenAt(): number | undefined {
    return this.head < this.list.length ? this.list[this.head]!.takenAt : undefined;
  }

  /** Release the oldest snapshot, telling its holders; returns false when there is none. */
  expireOldest(): boolean {
    if (this.head >= this.list.length) return false;
    const e = this.list[this.head]!;
    const holders = [...e.holders];
    e.holders.clear();
    this.count -= holders.length;
    this.trim();
    for (const h of holders) h.expire();
    return true;
  }
}
