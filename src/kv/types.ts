/** Public types of the embedded key-value API. */
import type { FileSystem } from '../io/index.js';

/** A key or value: a string (stored as UTF-8) or raw bytes. */
export type Bytes = string | Uint8Array;

/** When a write's promise resolves, relative to the disk. */
export const durabilityModes = ['sync', 'periodic', 'none'] as const;
/**
 * - `sync`: resolves only after the write's log record is on disk (fdatasync). Survives power loss.
 * - `periodic`: resolves at once; the log is fsynced every `periodicSyncMs`. A crash loses at most
 *   that window, never a partial batch.
 * - `none`: resolves at once; the log is written but never fsynced except at checkpoint and close.
 */
export type Durability = (typeof durabilityModes)[number];

/** Options of `open()`. */
export interface OpenOptions {
  /** Durability of writes; default `sync`. */
  durability?: Durability;
  /** Buffer pool capacity in bytes; default `cacheBytesDefault` (256 MiB). */
  cacheBytes?: number;
  /** Page size for a new database (power of two, 4096–65536); ignored when opening an existing one. */
  pageSize?: number;
  /** fsync interval of `periodic` durability, in milliseconds; default 100. */
  periodicSyncMs?: number;
  /**
   * Longest wait for a key lock, in milliseconds, for autocommit writes and the default of
   * transactions (0: no limit); default `lockTimeoutMsDefault` (60 s).
   */
  lockTimeoutMs?: number;
  /**
   * Most bytes of old versions kept for open snapshots before the oldest fail with
   * SnapshotTooOldError; default `versionStoreBytesMax` (256 MiB).
   */
  versionStoreBytes?: number;
  /**
   * Whether a lone commit (nothing else queued, no read since the previous commit) may fdatasync
   * on the main thread, which saves a thread-pool round trip for a single serial writer; default
   * true. Servers set it to false: their event loop has sockets to serve while the log syncs.
   */
  inlineSync?: boolean;
  /** The file system to use; default the real one. Tests pass a `MemoryFileSystem`. */
  fs?: FileSystem;
}

/** One operation of an atomic batch. */
export type BatchOp =
  | { readonly type: 'put'; readonly key: Bytes; readonly value: Bytes }
  | { readonly type: 'delete'; readonly key: Bytes };

/** Bounds and order of a range scan. All bounds are optional; `prefix` combines with them. */
export interface RangeOptions {
  gt?: Bytes;
  gte?: Bytes;
  lt?: Bytes;
  lte?: Bytes;
  /** Only keys starting with these bytes. */
  prefix?: Bytes;
  /** Descending key order. */
  reverse?: boolean;
  /** Most entries to yield. */
  limit?: number;
}

/** Counters and gauges of an open database. */
export interface DatabaseStats {
  /** Buffer pool lookups that found the page in memory. */
  cacheHits: number;
  /** Buffer pool lookups that read the page from disk. */
  cacheMisses: number;
  /** Pages evicted from the buffer pool. */
  cacheEvictions: number;
  /** Bytes of memory the buffer pool accounts for now. */
  cacheBytes: number;
  /** Buffer pool capacity in bytes. */
  cacheCapacityBytes: number;
  /** Pages in the page file (including free ones). */
  pageCount: number;
  /** Free pages available for reuse. */
  freePages: number;
  /** Page size in bytes. */
  pageSize: number;
  /** Bytes of pages modified since the last checkpoint. */
  dirtyBytes: number;
  /** Bytes of WAL written since the last checkpoint. */
  walBytes: number;
  /** Current end of the log (LSN). */
  walLsn: number;
  /** fsync/fdatasync calls issued (WAL and checkpoints). */
  fsyncs: number;
  /** Commits made durable. */
  commits: number;
  /** Checkpoints completed since open. */
  checkpoints: number;
  /** Entries across all keyspaces. */
  entries: number;
  /** Height of the B+tree. */
  treeHeight: number;
  /** Durability mode. */
  durability: Durability;
  /** Transactions begun and not yet committed or rolled back. */
  activeTransactions: number;
  /** Old versions kept for open snapshots. */
  versionsHeld: number;
  /** Bytes those versions take (bounded by versionStoreBytesMax). */
  versionBytes: number;
  /** Age of the oldest open snapshot, in milliseconds (0 when none). */
  oldestSnapshotAgeMs: number;
  /** Key locks held now. */
  locksHeld: number;
  /** Lock waits begun since open. */
  lockWaits: number;
  /** Deadlocks detected since open (one victim each). */
  deadlocks: number;
  /** Lock waits that timed out since open. */
  lockTimeouts: number;
  /** Serialization failures (40001) since open: write conflicts and SSI. */
  serializationFailures: number;
}
