/**
 * The interface every engine's transactions are driven through. Each engine lives in
 * `adapters/<engine>.ts`, exports `createTxnAdapter()`, and is loaded only inside its own child
 * process. The data is loaded beforehand through the key-value suite's adapter of the same
 * engine (bench/kv/adapters/), which uses the same file, table and settings as the adapter here.
 *
 * A transaction is described as data (`TxnPlan`), not as a callback, because each engine runs
 * transactions its own way: basaltdb with an async callback that awaits its locks, lmdb-js with a
 * synchronous callback queued into its next write batch, better-sqlite3 with a synchronous
 * callback run to its commit on the spot.
 */
import type { KvEntry, KvOpenOptions } from '../kv/adapter.js';
import { keyBytes, writeKey } from '../kv/data.js';
import type { TxnIsolation } from './spec.js';

/** One transaction: reads, then blind puts, then read-modify-write increments, in this order. */
export interface TxnPlan {
  /** Keys read (each must exist). */
  readonly reads: readonly Uint8Array[];
  /** Blind writes. */
  readonly puts: readonly KvEntry[];
  /** Counters to read and write back plus one, in this order. */
  readonly increments: readonly Uint8Array[];
}

/** Counts an adapter adds to while running transactions (over every attempt). */
export interface TxnTally {
  /** Times a transaction body started (first tries and retries). */
  attempts: number;
  /** Reads of keys that must exist that returned nothing. */
  missing: number;
}

/** How the suite runs transactions in a phase. */
export interface TxnRunOptions {
  readonly isolation: TxnIsolation;
  /** Retries of a transaction that failed with a serialization failure or deadlock. */
  readonly retries: number;
  /** Concurrent clients of the phase (an engine may pick its best call for one or for many). */
  readonly clients: number;
}

/** How a transaction ended. */
export type TxnOutcome =
  | { readonly committed: true }
  /** Given up: it failed on its last allowed attempt with this error code (e.g. 40001, 40P01, 55P03). */
  | { readonly committed: false; readonly code: string };

export const committedOutcome: TxnOutcome = { committed: true };

export interface TxnAdapter {
  /**
   * True when a transaction runs to its commit inside the call (better-sqlite3's synchronous
   * API): transactions cannot overlap, so the suite runs one client.
   */
  readonly serial: boolean;
  /** What the engine's transactions give, whatever isolation is asked for (undefined: as asked). */
  readonly nativeIsolation?: string;
  open(dir: string, options: KvOpenOptions): Promise<void>;
  /**
   * Runs `plan` as one transaction; resolves when it is committed and durable (at the durability
   * the database was opened with). A serialization failure or deadlock is retried up to
   * `run.retries` times where the engine has them; when the last attempt fails so, resolves not
   * committed. Any other error rejects.
   */
  transact(plan: TxnPlan, run: TxnRunOptions, tally: TxnTally): Promise<TxnOutcome>;
  /** An autocommit point read (for checking the counters). */
  get(key: Uint8Array): Uint8Array | undefined;
  /** Reads every entry in key order (the warm-up); returns how many it saw. */
  scanAll(): number;
  /** Engine counters worth keeping with the results, if it has any. */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

export interface TxnAdapterModule {
  createTxnAdapter(): TxnAdapter;
}

/** Counter values: 8 bytes, an unsigned integer (< 2^53) as a little-endian float64. */
export const counterBytes = 8;

export function encodeCounter(n: number): Buffer {
  const b = Buffer.allocUnsafe(counterBytes);
  b.writeDoubleLE(n, 0);
  return b;
}

/** The counter in `value`; NaN when it is not a counter (so a mismatch shows). */
export function decodeCounter(value: Uint8Array | undefined): number {
  if (value === undefined || value.length !== counterBytes) return Number.NaN;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).readDoubleLE(0);
}

/** Hot key `i`: the key-value suite's key `i` with "h" for "k" (hot keys sort before the table's keys). */
export function hotKey(i: number): Buffer {
  const b = Buffer.allocUnsafe(keyBytes);
  writeKey(i, b);
  b[0] = 0x68; // 'h'
  return b;
}
