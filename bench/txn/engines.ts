/**
 * The engines of the transaction suite and, for each, what a committed transaction means:
 * durability on return, isolation, and how concurrent transactions share a disk flush.
 * This file imports no engine: the parent reads it without loading any native module.
 */
import type { TxnAdapter, TxnAdapterModule } from './adapter.js';

export const txnEngines = ['basaltdb', 'lmdb', 'better-sqlite3'] as const;
export type TxnEngine = (typeof txnEngines)[number];

export function isTxnEngine(name: string): name is TxnEngine {
  return (txnEngines as readonly string[]).includes(name);
}

/** Position of `engine` in the tables. */
export function engineRank(engine: string): number {
  const i = (txnEngines as readonly string[]).indexOf(engine);
  return i < 0 ? 100 : i;
}

/** A fresh adapter of `engine`, for a worker child; only this engine's module enters the process. */
export async function loadTxnAdapter(engine: string): Promise<TxnAdapter> {
  if (!isTxnEngine(engine)) throw new Error(`unknown engine ${engine}`);
  const url = new URL(`./adapters/${engine}.js`, import.meta.url).href;
  const mod = (await import(url)) as TxnAdapterModule;
  return mod.createTxnAdapter();
}

export interface TxnEngineInfo {
  /** The transaction call measured. */
  readonly call: string;
  /** What "committed" means when the call returns (durability "sync"). */
  readonly durable: string;
  /** Isolation and conflicts. */
  readonly isolation: string;
  /** How concurrent transactions share a flush. */
  readonly grouping: string;
}

export const txnEngineInfo: Readonly<Record<TxnEngine, TxnEngineInfo>> = {
  basaltdb: {
    call: "`db.transaction(async (tx) => { tx.get ×10; await tx.put ×2 }, { isolation, retries })`",
    durable: "`durability: 'sync'`: `commit()` resolves after the transaction's WAL record is written and fdatasync'd",
    isolation:
      'MVCC snapshots, key locks taken by writes (FIFO waits), PostgreSQL semantics: serializable = SSI, repeatable read = first updater wins; serialization failures (40001) and deadlocks (40P01) are retried by `db.transaction` with backoff',
    grouping: 'group commit: every commit arriving while a WAL flush is in flight goes out in the next single write + fdatasync',
  },
  lmdb: {
    call: '`db.transaction(() => { db.get ×10; db.put ×2 })` (synchronous callback, lmdb-js 3.5 defaults); with 1 client `db.transactionSync(...)`, lmdb-js\'s faster call for a lone writer',
    durable:
      'defaults (no `noSync`, no `separateFlushed`): the promise resolves (`transactionSync` returns) after the write transaction is committed and flushed (with `overlappingSync`, LMDB\'s commit returns only after the data fdatasync and the O_DSYNC meta write)',
    isolation:
      'serial: one write transaction at a time; callbacks run on the JS thread inside it, so reads see the latest data and nothing ever conflicts (no aborts)',
    grouping:
      'every transaction callback queued in the same event turn runs in the same LMDB write transaction, so concurrent clients share one commit + flush',
  },
  'better-sqlite3': {
    call: '`db.transaction(() => { SELECT ×10; INSERT OR REPLACE ×2 })()` on prepared statements (BEGIN … COMMIT)',
    durable:
      '`journal_mode=WAL`, `synchronous=FULL`: COMMIT appends to the WAL and fsyncs it before returning (this build lacks HAVE_FDATASYNC)',
    isolation: 'serial: one connection, synchronous API; each transaction runs alone to its commit (no aborts)',
    grouping: 'none: one fsync per commit; the API blocks, so the suite runs one client where others run 64',
  },
};
