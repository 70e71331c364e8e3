/**
 * better-sqlite3: a table keyed by a BLOB primary key (WITHOUT ROWID unless the suite asks for
 * an ordinary rowid table, see `KvOpenOptions.sqliteTable`), WAL journal, prepared statements.
 * The package ships no type declarations, so the few calls used are typed here.
 */
import { createRequire } from 'node:module';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';

export interface Statement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(on?: boolean): Statement;
  raw(on?: boolean): Statement;
}

export interface SqliteDatabase {
  prepare(sql: string): Statement;
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

type SqliteConstructor = new (file: string) => SqliteDatabase;

const require = createRequire(import.meta.url);

/**
 * Open (creating if needed) the suite's table `kv(k BLOB PRIMARY KEY, v BLOB)` in `dir`: WAL
 * journal, `synchronous=FULL` for durable commits (OFF otherwise), `cache_size` = the budget.
 * Shared with the transaction suite, which runs over the table this suite loads.
 */
export function openKvTable(dir: string, options: KvOpenOptions): SqliteDatabase {
  const Database = require('better-sqlite3') as SqliteConstructor;
  const db = new Database(`${dir}/kv.sqlite`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'sync' ? 'FULL' : 'OFF'}`);
  db.pragma(`cache_size = -${Math.floor(options.cacheBytes / 1024)}`);
  const layout = options.sqliteTable === 'rowid' ? '' : ' WITHOUT ROWID';
  db.exec(`CREATE TABLE IF NOT EXISTS kv (k BLOB PRIMARY KEY, v BLOB)${layout}`);
  return db;
}

interface Prepared {
  db: SqliteDatabase;
  select: Statement;
  upsert: Statement;
  scan: Statement;
  insertMany: (entries: readonly KvEntry[]) => void;
}

class SqliteAdapter implements KvAdapter {
  readonly serialWrites = true;
  private p: Prepared | undefined;

  private get handle(): Prepared {
    if (this.p === undefined) throw new Error('better-sqlite3 adapter used before open');
    return this.p;
  }

  open(dir: string, options: KvOpenOptions): Promise<void> {
    const db = openKvTable(dir, options);
    const upsert = db.prepare('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)');
    this.p = {
      db,
      select: db.prepare('SELECT v FROM kv WHERE k = ?').pluck(true),
      upsert,
      scan: db.prepare('SELECT k, v FROM kv WHERE k >= ? ORDER BY k LIMIT ?').raw(true),
      insertMany: db.transaction((entries: readonly KvEntry[]) => {
        for (const [key, value] of entries) upsert.run(key, value);
      }),
    };
    return Promise.resolve();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.handle.select.get(key) as Uint8Array | undefined;
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    try {
      this.handle.upsert.run(key, value);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  putMany(entries: readonly KvEntry[]): Promise<void> {
    try {
      this.handle.insertMany(entries);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  scan(start: Uint8Array, count: number): number {
    let seen = 0;
    let bytes = 0;
    for (const row of this.handle.scan.iterate(start, count)) {
      const [key, value] = row as [Uint8Array, Uint8Array];
      bytes += key.length + value.length;
      seen++;
    }
    scanSink.bytes += bytes;
    return seen;
  }

  close(): Promise<void> {
    this.p?.db.close();
    this.p = undefined;
    return Promise.resolve();
  }
}

export function createAdapter(): KvAdapter {
  return new SqliteAdapter();
}
