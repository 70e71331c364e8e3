/**
 * What the SQL suite's parent asks a worker child to do, and the statements it measures.
 *
 * Two tables, loaded with the same rows in every engine (`data.ts`):
 *
 * | table    | columns                                              | rows | indexes                         |
 * |----------|------------------------------------------------------|------|---------------------------------|
 * | accounts | id int primary key, bal int, name text               | N    | primary key                     |
 * | entries  | id int primary key, account_id int, amount int, tag int | N | primary key, entries(account_id) |
 *
 * `entries.account_id` is `id mod (N / 10)`: every account below N/10 has exactly 10 entries,
 * spread over the whole table. `entries.tag` is uniform in 0..99 (100 groups).
 *
 * Every workload is one statement text (PostgreSQL syntax, `$n` parameters; the SQLite adapter
 * rewrites `$n` to `?n`), prepared once and run with fresh parameters from a seeded stream.
 */
import type { DeviceSpec, EngineSpec } from '../lib/worker-spec.js';

export const sqlWorkloads = ['point', 'range', 'secondary', 'aggregate', 'join', 'join-where', 'update', 'insert', 'batch'] as const;
export type SqlWorkload = (typeof sqlWorkloads)[number];

export function isSqlWorkload(name: string): name is SqlWorkload {
  return (sqlWorkloads as readonly string[]).includes(name);
}

/** Rows of one range select. */
export const rangeRows = 100;
/** Entries per account (for accounts below N / entriesPerAccount). */
export const entriesPerAccount = 10;
/** Distinct tags (groups of the aggregate). */
export const tagCount = 100;
/** Inserts per transaction of the batch workload. */
export const batchRows = 100;

export const insertSql = 'INSERT INTO accounts (id, bal, name) VALUES ($1, $2, $3)';

export interface WorkloadInfo {
  /** Number in the brief's list (join-where is the join written the other way). */
  readonly label: string;
  readonly sql: string;
  /** What one operation (one latency sample) is. */
  readonly op: string;
  /** Whether it writes (run after every read workload, durable at the suite's durability). */
  readonly writes: boolean;
}

export const workloadInfo: Readonly<Record<SqlWorkload, WorkloadInfo>> = {
  point: { label: '1. point select by primary key', sql: 'SELECT id, bal, name FROM accounts WHERE id = $1', op: 'one select of 1 row', writes: false },
  range: {
    label: `2. range select of ${rangeRows} rows by primary key`,
    sql: 'SELECT id, bal, name FROM accounts WHERE id >= $1 AND id < $2 ORDER BY id',
    op: `one select of ${rangeRows} rows`,
    writes: false,
  },
  secondary: {
    label: '3. lookup by a secondary index',
    sql: 'SELECT id, amount FROM entries WHERE account_id = $1',
    op: `one select of ${entriesPerAccount} rows`,
    writes: false,
  },
  aggregate: {
    label: '7. GROUP BY aggregate over the whole entries table',
    sql: 'SELECT tag, count(*), sum(amount) FROM entries GROUP BY tag',
    op: `one select of ${tagCount} groups over N rows`,
    writes: false,
  },
  join: {
    label: '8. join on an indexed column (JOIN … ON)',
    sql: 'SELECT a.id, a.name, e.id, e.amount FROM accounts a JOIN entries e ON e.account_id = a.id WHERE a.id = $1',
    op: `one select of ${entriesPerAccount} joined rows`,
    writes: false,
  },
  'join-where': {
    label: '8b. the same join written FROM a, e WHERE',
    sql: 'SELECT a.id, a.name, e.id, e.amount FROM accounts a, entries e WHERE e.account_id = a.id AND a.id = $1',
    op: `one select of ${entriesPerAccount} joined rows`,
    writes: false,
  },
  update: { label: '6. update by primary key (autocommit)', sql: 'UPDATE accounts SET bal = bal + 1 WHERE id = $1', op: 'one durable autocommit update', writes: true },
  insert: { label: '4. single-row insert (autocommit)', sql: insertSql, op: 'one durable autocommit insert', writes: true },
  batch: {
    label: `5. ${batchRows} inserts in one transaction`,
    sql: `BEGIN; ${batchRows} × ${insertSql}; COMMIT`,
    op: `one durable transaction of ${batchRows} inserts`,
    writes: true,
  },
};

/** One step run inside an engine's child, in order. */
export type SqlPhase =
  | {
      /** Create both tables and the index, load `records` rows into each, `chunk` rows per durable transaction. */
      readonly kind: 'load';
      readonly id: 'load';
      readonly records: number;
      readonly chunk: number;
    }
  | {
      /** `workload` for `seconds` (after an untimed warm-up of `warmSeconds`), at least `minOps` operations. */
      readonly kind: 'run';
      readonly id: SqlWorkload;
      readonly records: number;
      readonly seconds: number;
      readonly warmSeconds: number;
      readonly minOps: number;
    };

export type SqlEngineSpec = EngineSpec<SqlPhase>;
export type SqlWorkerSpec = SqlEngineSpec | DeviceSpec;
