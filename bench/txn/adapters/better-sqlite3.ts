/**
 * better-sqlite3 transactions: `db.transaction(fn)` (BEGIN … COMMIT around a synchronous
 * function) on prepared statements, over the table the key-value suite's adapter creates and
 * loads (`kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`, same file name and pragmas:
 * `journal_mode=WAL`, `synchronous=FULL` for durable commits, `cache_size` = the cache budget).
 *
 * The API is synchronous: a transaction runs to its durable COMMIT inside the call, so
 * transactions never overlap or conflict; `retries` and `isolation` are ignored.
 */
import type { KvOpenOptions } from '../../kv/adapter.js';
import { openKvTable, type SqliteDatabase, type Statement } from '../../kv/adapters/better-sqlite3.js';
import type { TxnAdapter, TxnOutcome, TxnPlan, TxnRunOptions, TxnTally } from '../adapter.js';
import { committedOutcome, decodeCounter, encodeCounter } from '../adapter.js';

interface Prepared {
  db: SqliteDatabase;
  select: Statement;
  scan: Statement;
  run: (plan: TxnPlan, tally: TxnTally) => void;
}

class SqliteTxnAdapter implements TxnAdapter {
  readonly serial = true;
  readonly nativeIsolation = 'serializable (one connection, transactions run one at a time)';
  private p: Prepared | undefined;

  private get handle(): Prepared {
    if (this.p === undefined) throw new Error('better-sqlite3 txn adapter used before open');
    return this.p;
  }

  open(dir: string, options: KvOpenOptions): Promise<void> {
    const db = openKvTable(dir, { ...options, sqliteTable: 'without-rowid' });
    const select = db.prepare('SELECT v FROM kv WHERE k = ?').pluck(true);
    const upsert = db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)');
    this.p = {
      db,
      select,
      scan: db.prepare('SELECT k, v FROM kv ORDER BY k').raw(true),
      run: db.transaction((plan: TxnPlan, tally: TxnTally) => {
        tally.attempts++;
        for (const key of plan.reads) if (select.get(key) === undefined) tally.missing++;
        for (const [key, value] of plan.puts) upsert.run(key, value);
        for (const key of plan.increments) upsert.run(key, encodeCounter(decodeCounter(select.get(key) as Uint8Array | undefined) + 1));
      }),
    };
    return Promise.resolve();
  }

  transact(plan: TxnPlan, _run: TxnRunOptions, tally: TxnTally): Promise<TxnOutcome> {
    try {
      this.handle.run(plan, tally);
      return Promise.resolve(committedOutcome);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.handle.select.get(key) as Uint8Array | undefined;
  }

  scanAll(): number {
    let seen = 0;
    for (const row of this.handle.scan.iterate()) if (row !== undefined) seen++;
    return seen;
  }

  close(): Promise<void> {
    this.p?.db.close();
    this.p = undefined;
    return Promise.resolve();
  }
}

export function createTxnAdapter(): TxnAdapter {
  return new SqliteTxnAdapter();
}
