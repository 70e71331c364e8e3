/**
 * The transaction manager: the commit clock, and the shared state every transaction works
 * against — snapshots, old versions, key locks and serializable tracking.
 *
 * Timestamps. A commit gets its timestamp when its record is queued for the log (`prepare`), and
 * commits are applied in queue order, so timestamp order is commit order. `visibleTs` is the
 * timestamp of the last commit applied to the tree; a snapshot is a value of `visibleTs` and sees
 * exactly the commits with timestamp <= it. Nothing is visible before it is applied, and in `sync`
 * durability nothing is applied before its record is on disk.
 */
import { LimitExceededError } from '../errors.js';
import { transactionsOpenMax, versionStoreBytesMax } from '../limits.js';
import { LockTable } from './locks.js';
import { SsiTracker } from './ssi.js';
import { SnapshotRegistry, VersionStore } from './versions.js';

export class TxnManager {
  /** Timestamp of the last prepared commit. */
  private lastTs = 0;
  /** Timestamp of the last commit applied to the tree. */
  visibleTs = 0;
  private nextId = 1;
  /** Transactions begun and not yet ended. */
  openCount = 0;
  /** Open SERIALIZABLE transactions (autocommit writes track rw-dependencies only when > 0). */
  serializableOpen = 0;
  /** Write-write conflicts reported (first updater wins). */
  writeConflicts = 0;
  /** Keys of autocommit writes queued for the log and not applied yet, with counts. */
  readonly inflightWrites = new Map<string, number>();
  readonly locks = new LockTable();
  readonly versions = new VersionStore();
  readonly snapshots = new SnapshotRegistry();
  readonly ssi = new SsiTracker();

  constructor(
    /** Bytes of old versions kept before the oldest snapshots are released (versionStoreBytesMax). */
    readonly versionBytesMax = versionStoreBytesMax,
  ) {}

  /** Register a new transaction; throws when `transactionsOpenMax` are open. */
  open(serializable: boolean): number {
    if (this.openCount >= transactionsOpenMax) {
      throw new LimitExceededError(`${this.openCount} transactions are open; transactionsOpenMax is ${transactionsOpenMax}`);
    }
    this.openCount++;
    if (serializable) this.serializableOpen++;
    return this.nextId++;
  }

  /** A transaction ended (committed or rolled back). */
  close(serializable: boolean): void {
    this.openCount--;
    if (serializable) this.serializableOpen--;
  }

  /** An id for an autocommit write (lock owner). */
  autocommitId(): number {
    return this.nextId++;
  }

  /** The next commit timestamp; the caller queues its record in the same synchronous step. */
  prepare(): number {
    return ++this.lastTs;
  }

  /** Timestamp for a read-only commit: just after every commit prepared so far. */
  readOnlyCommitTs(): number {
    return this.lastTs + 0.5;
  }

  /** Whether a commit being applied must keep the old values it overwrites. */
  keepsVersions(): boolean {
    return this.snapshots.size > 0;
  }

  /** After snapshots were released: drop versions and SIREAD state nobody needs. */
  prune(): void {
    const oldest = this.snapshots.oldest();
    this.versions.prune(oldest);
    this.ssi.prune(oldest);
  }

  /** Enforce `versionStoreBytesMax` by releasing the oldest snapshots (their holders fail). */
  enforceVersionLimit(): void {
    while (this.versions.bytes > this.versionBytesMax && this.snapshots.expireOldest()) this.prune();
  }
}
