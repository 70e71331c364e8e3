/**
 * The engines of the SQL suite and what each one's statements mean: how they are called, when a
 * write is durable. This file imports no engine: the parent reads it without loading any native
 * module.
 */
import type { SqlAdapter, SqlAdapterModule } from './adapter.js';

export const sqlEngines = ['basaltdb', 'better-sqlite3'] as const;
export type SqlEngine = (typeof sqlEngines)[number];

export function isSqlEngine(name: string): name is SqlEngine {
  return (sqlEngines as readonly string[]).includes(name);
}

/** A fresh adapter of `engine`, for a worker child; only this engine's module enters the process. */
export async function loadSqlAdapter(engine: string): Promise<SqlAdapter> {
  if (!isSqlEngine(engine)) throw new Error(`unknown engine ${engine}`);
  const url = new URL(`./adapters/${engine}.js`, import.meta.url).href;
  const mod = (await import(url)) as SqlAdapterModule;
  return mod.createSqlAdapter();
}

export interface SqlEngineInfo {
  readonly calls: string;
  readonly durable: string;
  readonly schema: string;
}

export const sqlEngineInfo: Readonly<Record<SqlEngine, SqlEngineInfo>> = {
  basaltdb: {
    calls:
      "`db.prepare(sql)` once, then `await stmt.run(params)` (rows as objects) on the shared session; the batch: `db.session()`, `BEGIN`, 100 × `await ins.run(params)` (an `INSERT` prepared on that session), `COMMIT`",
    durable: "`durability: 'sync'`: an autocommit write or COMMIT resolves after its WAL record is written and fdatasync'd (`'none'`: no fsync)",
    schema: '`id int PRIMARY KEY`; `CREATE INDEX entries_account ON entries (account_id)`; loaded with `COPY … FROM STDIN (FORMAT csv)`',
  },
  'better-sqlite3': {
    calls: '`db.prepare(sql)` once, then `stmt.all(...params)` (rows as objects) or `stmt.run(...params)`; the batch: `db.transaction(rows => 100 × ins.run(...))` (BEGIN … COMMIT)',
    durable: '`journal_mode=WAL`, `synchronous=FULL`: an autocommit write or COMMIT fsyncs the WAL before returning (`--durability none`: `synchronous=OFF`)',
    schema: '`id INTEGER PRIMARY KEY` (the rowid); `CREATE INDEX entries_account ON entries (account_id)`; loaded with a prepared INSERT per row in one transaction per chunk',
  },
};
