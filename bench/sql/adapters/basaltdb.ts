/**
 * BasaltDB's SQL face through its public API: `db.prepare(text)` (parsed once) run with
 * `stmt.run(params)` on the database's shared session (each run is its own autocommit
 * transaction), and a separate `db.session()` for the BEGIN … COMMIT batches.
 */
import { PreparedStatement, open } from '../../../src/index.js';
import type { Session } from '../../../src/index.js';
import { OpenHandle } from '../../lib/open-handle.js';
import type { AccountRow, EntryRow } from '../data.js';
import type { RunBatch, RunStatement, SqlAdapter, SqlOpenOptions, SqlParam } from '../adapter.js';

type Database = Awaited<ReturnType<typeof open>>;

function csv(rows: readonly (readonly SqlParam[])[]): string {
  let out = '';
  for (const row of rows) out += row.join(',') + '\n';
  return out;
}

class BasaltSqlAdapter implements SqlAdapter {
  private readonly db = new OpenHandle<Database>('basaltdb sql adapter');
  private batchSession: Session | undefined;

  async open(dir: string, options: SqlOpenOptions): Promise<void> {
    this.db.set(await open(dir, { durability: options.durability, cacheBytes: options.cacheBytes }));
  }

  async createSchema(): Promise<void> {
    const db = this.db.handle;
    await db.query('CREATE TABLE accounts (id int PRIMARY KEY, bal int NOT NULL, name text NOT NULL)');
    await db.query('CREATE TABLE entries (id int PRIMARY KEY, account_id int NOT NULL, amount int NOT NULL, tag int NOT NULL)');
    await db.query('CREATE INDEX entries_account ON entries (account_id)');
  }

  async loadAccounts(rows: readonly AccountRow[]): Promise<void> {
    await this.copy('COPY accounts (id, bal, name) FROM STDIN (FORMAT csv)', rows);
  }

  async loadEntries(rows: readonly EntryRow[]): Promise<void> {
    await this.copy('COPY entries (id, account_id, amount, tag) FROM STDIN (FORMAT csv)', rows);
  }

  private async copy(text: string, rows: readonly (readonly SqlParam[])[]): Promise<void> {
    const s = this.db.handle.session();
    try {
      const r = await s.copyFrom(text, csv(rows));
      if (r.rowCount !== rows.length) throw new Error(`COPY loaded ${r.rowCount} of ${rows.length} rows`);
    } finally {
      await s.close();
    }
  }

  prepare(sql: string, kind: 'read' | 'write'): RunStatement {
    const stmt = this.db.handle.prepare(sql);
    if (kind === 'write') return async (params) => (await stmt.run(params)).rowCount;
    return async (params) => (await stmt.run(params)).rows.length;
  }

  prepareBatch(sql: string): RunBatch {
    const session = this.db.handle.session();
    this.batchSession = session;
    // The exported PreparedStatement bound to this session: parsed once, like db.prepare's.
    const insert = new PreparedStatement(() => session, sql);
    return async (rows) => {
      await session.query('BEGIN');
      try {
        for (const row of rows) await insert.run(row);
      } catch (err) {
        await session.query('ROLLBACK');
        throw err;
      }
      await session.query('COMMIT');
    };
  }

  async scalar(sql: string): Promise<number> {
    const r = await this.db.handle.query(sql, [], { rowMode: 'array' });
    return Number((r.rows[0] as unknown[] | undefined)?.[0]);
  }

  async plan(sql: string, params: readonly SqlParam[]): Promise<string[]> {
    const r = await this.db.handle.query(`EXPLAIN ${sql}`, params, { rowMode: 'array' });
    return r.rows.map((row) => String((row as unknown[])[0]));
  }

  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, value] of Object.entries(this.db.handle.stats())) if (typeof value === 'number') out[name] = value;
    return out;
  }

  async close(): Promise<void> {
    await this.batchSession?.close();
    this.batchSession = undefined;
    await this.db.close();
  }
}

export function createSqlAdapter(): SqlAdapter {
  return new BasaltSqlAdapter();
}
