/**
 * The one interface every key-value engine is driven through. Each engine lives in
 * `adapters/<engine>.ts`, exports `createAdapter()`, and is loaded only inside its own child
 * process, so no engine's native module or memory ever shares a process with another's.
 */

/** Durability the benchmark asks for; what each engine does for it is in `engines.ts`. */
export const kvDurabilities = ['sync', 'none'] as const;
export type KvDurability = (typeof kvDurabilities)[number];

export interface KvOpenOptions {
  readonly durability: KvDurability;
  /** Engine cache budget in bytes (engines without a cache of their own ignore it). */
  readonly cacheBytes: number;
  /**
   * SQLite's table layout (other engines ignore it). 'without-rowid' (default): the table is the
   * primary-key B-tree, best for small values. 'rowid': an ordinary table plus its primary-key
   * index, the shape of YCSB's JDBC schema; with ~1 KB values it keeps each row inline in a
   * 4 KiB page, where a WITHOUT ROWID row of that size spills into an overflow page.
   */
  readonly sqliteTable?: 'without-rowid' | 'rowid';
}

export type KvEntry = readonly [key: Uint8Array, value: Uint8Array];

export interface KvAdapter {
  /**
   * True when `put` does all its work synchronously (better-sqlite3): the suite then drives it
   * with one writer, since "in flight" writes cannot overlap.
   */
  readonly serialWrites: boolean;
  open(dir: string, options: KvOpenOptions): Promise<void>;
  /** Point read; returns the value or undefined. Synchronous for every engine measured. */
  get(key: Uint8Array): Uint8Array | undefined;
  /** One write, resolved when durable at the requested durability. */
  put(key: Uint8Array, value: Uint8Array): Promise<void>;
  /** All entries in one atomic transaction/batch, resolved when durable. */
  putMany(entries: readonly KvEntry[]): Promise<void>;
  /**
   * Reads `count` entries in key order starting at the first key >= `start`, touching every key
   * and value; returns how many entries it saw.
   */
  scan(start: Uint8Array, count: number): number | Promise<number>;
  close(): Promise<void>;
  /** Engine counters worth keeping with the results (fsyncs, commits, pages...), if it has any. */
  stats?(): Record<string, number>;
}

export interface KvAdapterModule {
  createAdapter(): KvAdapter;
}

/** Bytes touched by scans, kept in a module variable so no engine's loop can be optimized away. */
export const scanSink = { bytes: 0 };
