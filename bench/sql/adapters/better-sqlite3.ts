/**
 * better-sqlite3 on a file `sql.sqlite`: WAL journal, `synchronous=FULL` for durable commits (OFF
 * with durability none), `cache_size` = the cache budget, prepared statements. Statement texts
 * come in PostgreSQL's `$n` form and are rewritten to SQLite's `?` parameters.
 */
import { createRequire } from 'node:module';
import type { AccountRow, EntryRow } from '../data.js';
import type { RunBatch, RunStatement, SqlAdapter, SqlOpenOptions, SqlParam } from '../adapter.js';

interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  raw(on?: boolean): Statement;
}

interface SqliteDatabase {
  prepare(sql: string): Statement;
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

type SqliteConstructor = new (file: string) => SqliteDatabase;

const require = createRequire(import.meta.url);

/**
 * `$1 … $k` → `?` (better-sqlite3 binds positional arguments to anonymous parameters only). The
 * suite's statements use each parameter once, in order; anything else is refused.
 */
function sqliteText(sql: string): string {
  let next = 1;
  return sql.replace(/\$(\d+)/g, (_m, n: string) => {
    if (Number(n) !== next) throw new Error(`parameters must appear once each in order: ${sql}`);
    next++;
    return '?';
  });
}

class SqliteSqlAdapter implements SqlAdapter {
  private handle: SqliteDatabase | undefined;

  private get db(): SqliteDatabase {
    if (this.handle === undefined) throw new Error('better-sqlite3 sql adapter used before open');
    return this.handle;
  }

  open(dir: string, options: SqlOpenOptions): Promise<void> {
    const Database = require('better-sqlite3') as SqliteConstructor;
    const db = new Database(`${dir}/sql.sqlite`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'sync' ? 'FULL' : 'OFF'}`);
    db.pragma(`cache_size = -${Math.floor(options.cacheBytes / 1024)}`);
    this.handle = db;
    return Promise.resolve();
  }

  createSchema(): Promise<void> {
    this.db.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, bal INTEGER NOT NULL, name TEXT NOT NULL)');
    this.db.exec('CREATE TABLE entries (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, amount INTEGER NOT NULL, tag INTEGER NOT NULL)');
    this.db.exec('CREATE INDEX entries_account ON entries (account_id)');
    return Promise.resolve();
  }

  loadAccounts(rows: readonly AccountRow[]): Promise<void> {
    this.loadRows('INSERT INTO accounts (id, bal, name) VALUES (?, ?, ?)', rows);
    return Promise.resolve();
  }

  loadEntries(rows: readonly EntryRow[]): Promise<void> {
    this.loadRows('INSERT INTO entries (id, account_id, amount, tag) VALUES (?, ?, ?, ?)', rows);
    return Promise.resolve();
  }

  private loadRows(sql: string, rows: readonly (readonly SqlParam[])[]): void {
    const insert = this.db.prepare(sql);
    this.db.transaction(() => {
      for (const row of rows) insert.run(...row);
    })();
  }

  prepare(sql: string, kind: 'read' | 'write'): RunStatement {
    const stmt = this.db.prepare(sqliteText(sql));
    if (kind === 'write') return (params) => stmt.run(...params).changes;
    return (params) => stmt.all(...params).length;
  }

  prepareBatch(sql: string): RunBatch {
    const insert = this.db.prepare(sqliteText(sql));
    return this.db.transaction((rows: readonly AccountRow[]) => {
      for (const row of rows) insert.run(...row);
    });
  }

  scalar(sql: string): Promise<number> {
    const row = this.db.prepare(sqliteText(sql)).raw(true).get() as unknown[] | undefined;
    return Promise.resolve(Number(row?.[0]));
  }

  plan(sql: string, params: readonly SqlParam[]): Promise<string[]> {
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sqliteText(sql)}`).all(...params) as Array<{ detail: string }>;
    return Promise.resolve(rows.map((r) => r.detail));
  }

  close(): Promise<void> {
    this.handle?.close();
    this.handle = undefined;
    return Promise.resolve();
  }
}

export function createSqlAdapter(): SqlAdapter {
  return new SqliteSqlAdapter();
}
