/**
 * The interface every engine's SQL is driven through. Each engine lives in `adapters/<engine>.ts`,
 * exports `createSqlAdapter()`, and is loaded only inside its own child process.
 *
 * A statement is prepared once (`prepare`) and then run many times. Its run function returns the
 * number of rows it returned (or changed, for writes); it returns a plain number when the engine
 * finished inside the call (better-sqlite3) and a promise otherwise (basaltdb), so the suite only
 * awaits what is asynchronous.
 */
import type { KvDurability } from '../kv/adapter.js';
import type { AccountRow, EntryRow } from './data.js';

export type SqlParam = number | string;

export interface SqlOpenOptions {
  readonly durability: KvDurability;
  readonly cacheBytes: number;
}

/** Runs a prepared statement once; resolves to the rows returned (reads) or changed (writes). */
export type RunStatement = (params: readonly SqlParam[]) => number | Promise<number>;

/** Runs one transaction of inserts (BEGIN, one prepared INSERT per row, COMMIT). */
export type RunBatch = (rows: readonly AccountRow[]) => void | Promise<void>;

export interface SqlAdapter {
  open(dir: string, options: SqlOpenOptions): Promise<void>;
  /** Creates accounts, entries and the index entries(account_id). */
  createSchema(): Promise<void>;
  /** Loads rows in one durable transaction per call. */
  loadAccounts(rows: readonly AccountRow[]): Promise<void>;
  loadEntries(rows: readonly EntryRow[]): Promise<void>;
  /** Prepares `sql` (PostgreSQL text with `$n` parameters). */
  prepare(sql: string, kind: 'read' | 'write'): RunStatement;
  /** Prepares the insert of `sql` for transactions of many rows. */
  prepareBatch(sql: string): RunBatch;
  /** The single number `sql` returns (for checks after the run). */
  scalar(sql: string): Promise<number>;
  /** The plan of `sql` (EXPLAIN / EXPLAIN QUERY PLAN), one line per step, for the report. */
  plan(sql: string, params: readonly SqlParam[]): Promise<string[]>;
  /** Engine counters worth keeping with the results, if it has any. */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

export interface SqlAdapterModule {
  createSqlAdapter(): SqlAdapter;
}
