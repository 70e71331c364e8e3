/**
 * lmdb-js transactions: `db.transaction(callback)` with a synchronous callback (one client:
 * `db.transactionSync(callback)`, see below), opened exactly as
 * the key-value suite's lmdb adapter opens it (binary keys and values, lmdb-js defaults).
 *
 * What is durable when the promise resolves: lmdb-js queues the callback into its next write
 * batch; every callback (and put) queued in the same event turn runs in one LMDB write
 * transaction, and the promises of all of them resolve when that transaction is committed. With
 * the defaults (no `noSync`, `overlappingSync` on for Linux, no `separateFlushed`), "committed"
 * is reported only after LMDB's commit returned, and with overlappingSync that commit returns
 * after the fdatasync of the data file and the synchronous (O_DSYNC) meta page write: durable.
 * With `separateFlushed: true` it would resolve at visibility, before the flush; not used here.
 *
 * With one client the adapter calls `db.transactionSync(callback)` instead: it commits and
 * flushes before returning (its default flags: abortable, synchronous, flushed), blocking the
 * thread meanwhile, and with a lone writer it is lmdb-js's faster call (here about 2,700 against
 * 1,700 transactions/s), since it does not wait for the next event turn and the writer thread.
 *
 * Writes are serial (one LMDB write transaction at a time, callbacks run on the JS thread inside
 * it), so transactions never conflict: there is nothing to retry, `retries` and `isolation` are
 * ignored.
 */
import { open } from 'lmdb';
import type { RootDatabase } from 'lmdb';
import type { KvOpenOptions } from '../../kv/adapter.js';
import { OpenHandle } from '../../lib/open-handle.js';
import type { TxnAdapter, TxnOutcome, TxnPlan, TxnRunOptions, TxnTally } from '../adapter.js';
import { committedOutcome, decodeCounter, encodeCounter } from '../adapter.js';

class LmdbTxnAdapter implements TxnAdapter {
  readonly serial = false;
  readonly nativeIsolation = 'serializable (one writer at a time)';
  private readonly db = new OpenHandle<RootDatabase<Buffer, Uint8Array>>('lmdb txn adapter');

  open(dir: string, options: KvOpenOptions): Promise<void> {
    this.db.set(open<Buffer, Uint8Array>({
      path: dir,
      keyEncoding: 'binary',
      encoding: 'binary',
      ...(options.durability === 'none' ? { noSync: true } : {}),
    }));
    return Promise.resolve();
  }

  async transact(plan: TxnPlan, run: TxnRunOptions, tally: TxnTally): Promise<TxnOutcome> {
    const db = this.db.handle;
    const body = (): void => {
      tally.attempts++;
      for (const key of plan.reads) if (db.get(key) === undefined) tally.missing++;
      for (const [key, value] of plan.puts) void db.put(key, value as Buffer);
      for (const key of plan.increments) void db.put(key, encodeCounter(decodeCounter(db.get(key)) + 1));
    };
    if (run.clients === 1) db.transactionSync(body);
    else await db.transaction(body);
    return committedOutcome;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.db.handle.get(key);
  }

  scanAll(): number {
    let seen = 0;
    for (const { value } of this.db.handle.getRange({})) if (value.length >= 0) seen++;
    return seen;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export function createTxnAdapter(): TxnAdapter {
  return new LmdbTxnAdapter();
}
