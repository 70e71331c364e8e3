/**
 * The SQL crash workload (issue 6, must-show 5): concurrent clients, each a `db.session()`, run
 * multi-statement SQL transactions (BEGIN … COMMIT at a random isolation level) that mix DML and
 * DDL — CREATE TABLE with a primary key and a UNIQUE column, CREATE INDEX, ALTER TABLE ADD COLUMN
 * (with a default, sometimes indexed), DROP TABLE, INSERT / UPDATE / DELETE by key and through an
 * index predicate, savepoints rolled back to, transactions rolled back, and statements that fail on
 * the unique constraint inside a savepoint.
 *
 * Every table is owned by one client for the run, so each client's transactions are sequential on
 * its own data and the effect of a committed transaction is known exactly: the writer logs it as
 * a list of ops (full row images after the transaction). Every transaction also inserts its id into
 * `markers` (txn text primary key), so after a crash the parent tells which transactions committed.
 *
 * Log lines (JSON, one per line, written with writeSync):
 *
 * | line                                   | written                                               |
 * |----------------------------------------|-------------------------------------------------------|
 * | `{"t":"I","id":id,"c":client,"ops":[…],"undone":[…]}` | after its statements, before COMMIT (undone: ops rolled back to a savepoint) |
 * | `{"t":"A","id":id}`                     | after COMMIT answered COMMIT                          |
 * | `{"t":"X","id":id,"code":sqlstate,"at":sql}` | the transaction failed (40001/40P01) at statement `at` and rolled back |
 * | `{"t":"R","id":id,"ops":[…]}`           | the transaction was rolled back on purpose            |
 * | `{"t":"C","e":"start"\|"end"}`          | around each checkpoint() (harness protocol)           |
 *
 * Tables: `create table <name> (id bigint primary key, txn text not null, grp int not null,
 * val int, tag text unique)` with index `<name>_grp` on grp; added columns `x<n> int default <n>`,
 * some with index `<name>_x<n>`.
 */
import type { Database, Session } from '../../src/index.js';
import { Rng } from '../lib/rng.js';

/** One column value as the engine returns it (bigint as a string). */
export type Cell = string | number | null;
export type RowImage = { readonly [column: string]: Cell };

export type Op =
  | readonly ['create', table: string]
  | readonly ['index', table: string, name: string, column: string]
  | readonly ['addcol', table: string, column: string, dflt: number]
  | readonly ['put', table: string, row: RowImage]
  | readonly ['del', table: string, id: string]
  | readonly ['drop', table: string];

export interface TableState {
  /** Added columns, in order, with their defaults. */
  extras: Array<[name: string, dflt: number]>;
  /** Secondary indexes (besides the primary key and the unique tag): name → column. */
  indexes: Array<[name: string, column: string]>;
  /** id → row image. */
  rows: { [id: string]: RowImage };
}

/** The database as the model sees it (JSON, passed to the writer and kept by the parent). */
export interface State {
  tables: { [name: string]: TableState };
  markers: string[];
}

export type SqlLogLine =
  | { readonly t: 'I'; readonly id: string; readonly c: number; readonly ops: readonly Op[]; readonly undone: readonly Op[] }
  | { readonly t: 'A'; readonly id: string }
  | { readonly t: 'X'; readonly id: string; readonly code: string; readonly at: string }
  | { readonly t: 'R'; readonly id: string; readonly ops: readonly Op[] }
  | { readonly t: 'C'; readonly e: 'start' | 'end' };

export const baseColumns = ['id', 'txn', 'grp', 'val', 'tag'] as const;
export const markersSql = 'create table markers (txn text primary key, client int not null, ops int not null)';

export function columnsOf(t: TableState): string[] {
  return [...baseColumns, ...t.extras.map(([n]) => n)];
}

/** Apply a committed transaction's ops to the model (the writer and the parent share this). */
export function applyOps(state: State, ops: readonly Op[]): void {
  for (const op of ops) {
    switch (op[0]) {
      case 'create':
        state.tables[op[1]] = { extras: [], indexes: [[`${op[1]}_grp`, 'grp']], rows: {} };
        break;
      case 'index':
        tableOf(state, op[1]).indexes.push([op[2], op[3]]);
        break;
      case 'addcol': {
        const t = tableOf(state, op[1]);
        t.extras.push([op[2], op[3]]);
        for (const id of Object.keys(t.rows)) t.rows[id] = { ...t.rows[id]!, [op[2]]: op[3] };
        break;
      }
      case 'put':
        tableOf(state, op[1]).rows[String(op[2]['id'])] = op[2];
        break;
      case 'del':
        delete tableOf(state, op[1]).rows[op[2]];
        break;
      case 'drop':
        delete state.tables[op[1]];
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
  }
}

function tableOf(state: State, name: string): TableState {
  const t = state.tables[name];
  if (t === undefined) throw new Error(`op on table ${name}, which the model does not hold`);
  return t;
}

export interface WorkloadConfig {
  readonly seed: number;
  readonly round: number;
  readonly clients: number;
}

/** SQLSTATEs a transaction may fail with under concurrency; it is then rolled back and logged X. */
export const retryableCodes: ReadonlySet<string> = new Set(['40001', '40P01']);

function codeOf(err: unknown): string | undefined {
  const c = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof c === 'string' ? c : undefined;
}

const isolations = ['read committed', 'repeatable read', 'serializable'] as const;

/** Most transactions one client runs in a round (a bound; the kill normally comes first). */
const txnsPerClientMax = 100_000;
/** Most rows a table holds before inserts give way to deletes. */
const rowsPerTableMax = 60;

/**
 * Run the workload on `db` until `running()` turns false (or a client fails with an error that is
 * not a serialization failure or deadlock: that rejects). `state` is the model at the start; each
 * client owns the tables whose position in the sorted names is its number modulo `clients`.
 */
export async function runSqlWorkload(
  db: Database,
  state: State,
  config: WorkloadConfig,
  log: (line: SqlLogLine) => void,
  running: () => boolean,
): Promise<void> {
  const names = Object.keys(state.tables).sort();
  const clients = Array.from({ length: config.clients }, (_, c) => {
    const own = names.filter((_, i) => i % config.clients === c);
    return new Client(db, state, own, c, config, log);
  });
  // Every client runs to its end (after a power cut each one stops at its own error).
  const results = await Promise.allSettled(clients.map((cl) => cl.run(running)));
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/** One transaction being built: its statements run as they are added; ops are what commit applies. */
interface Txn {
  readonly id: string;
  readonly ops: Op[];
  /** Ops rolled back to a savepoint: none of them may survive. */
  readonly undone: Op[];
}

class Client {
  private readonly session: Session;
  private readonly rng: Rng;
  private created = 0;
  /** The id of the transaction being built (kept in the rows' txn column). */
  private current = '';
  /** The statement running (for the log of a failed transaction). */
  private statement = '';

  constructor(
    db: Database,
    private readonly state: State,
    private readonly own: string[],
    private readonly c: number,
    private readonly config: WorkloadConfig,
    private readonly log: (line: SqlLogLine) => void,
  ) {
    this.session = db.session();
    this.rng = new Rng((config.seed ^ Math.imul(c + 1, 0x9e3779b1)) >>> 0);
  }

  async run(running: () => boolean): Promise<void> {
    await this.session.query("set lock_timeout = '20s'");
    for (let i = 0; i < txnsPerClientMax && running(); i++) {
      const txn: Txn = { id: `r${this.config.round}.c${this.c}.${i}`, ops: [], undone: [] };
      this.current = txn.id;
      const roll = this.rng.int(100);
      const iso = this.rng.pick(isolations);
      try {
        this.statement = 'begin / insert into markers';
        await this.session.query(`begin isolation level ${iso}`);
        await this.session.query('insert into markers (txn, client, ops) values ($1, $2, $3)', [txn.id, this.c, 0]);
        const endWith = await this.body(txn, roll);
        if (endWith === 'rollback') {
          await this.session.query('rollback');
          this.log({ t: 'R', id: txn.id, ops: txn.ops });
          continue;
        }
        this.log({ t: 'I', id: txn.id, c: this.c, ops: txn.ops, undone: txn.undone });
        this.statement = 'commit';
        const r = await this.session.query('commit');
        if (r.command !== 'COMMIT') throw new Error(`${txn.id}: COMMIT answered ${r.commandTag}`);
        applyOps(this.state, txn.ops);
        this.track(txn.ops);
        this.log({ t: 'A', id: txn.id });
      } catch (err) {
        const code = codeOf(err);
        if (code === undefined || !retryableCodes.has(code)) {
          throw new Error(`${txn.id} (${iso}): ${code ?? ''} ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
        if (this.session.transactionStatus !== 'I') await this.session.query('rollback');
        this.log({ t: 'X', id: txn.id, code, at: this.statement });
      }
    }
    await this.session.close();
  }

  /** Keep the list of owned tables in step with committed creates and drops. */
  private track(ops: readonly Op[]): void {
    for (const op of ops) {
      if (op[0] === 'create') this.own.push(op[1]);
      if (op[0] === 'drop') this.own.splice(this.own.indexOf(op[1]), 1);
    }
  }

  /** The statements of one transaction; returns how it ends. */
  private async body(txn: Txn, roll: number): Promise<'commit' | 'rollback'> {
    // The transaction's own view: the committed model plus its ops so far.
    const view: State = structuredClone(this.state);
    const exec = async (ops: Op[], sql: string, params: unknown[] = []): Promise<number> => {
      this.statement = sql;
      const r = await this.session.query(sql, params);
      applyOps(view, ops);
      txn.ops.push(...ops);
      return r.rowCount;
    };
    const tables = this.own.filter((n) => view.tables[n] !== undefined);
    if (tables.length === 0 || roll < 5) {
      await this.create(view, exec);
      return 'commit';
    }
    const t = this.rng.pick(tables);
    if (roll < 40) await this.insert(view, t, exec, this.rng.range(1, 6));
    else if (roll < 55) await this.update(view, t, exec);
    else if (roll < 65) await this.remove(view, t, exec);
    else if (roll < 71) await this.alter(view, t, exec);
    else if (roll < 75 + 2 * Math.min(tables.length, 5) && tables.length > 1) await exec([['drop', t]], `drop table ${t}`);
    else if (roll < 83) {
      const t2 = this.rng.pick(tables);
      await this.insert(view, t, exec, this.rng.range(1, 3));
      await this.update(view, t2, exec);
    } else if (roll < 90) {
      await this.withSavepoint(view, t, txn, exec);
    } else if (roll < 95) {
      // Rolled back on purpose: none of it may survive.
      await this.insert(view, t, exec, this.rng.range(1, 4));
      if (this.rng.chance(0.5)) await this.create(view, exec);
      return 'rollback';
    } else if (tables.length < 4) {
      // DDL and DML on a new table and an old one in one transaction.
      await this.create(view, exec);
      await this.alter(view, t, exec);
    } else {
      await this.update(view, t, exec);
    }
    return 'commit';
  }

  private async create(view: State, exec: Exec): Promise<void> {
    const name = `t_r${this.config.round}_c${this.c}_${this.created++}`;
    await exec(
      [['create', name]],
      `create table ${name} (id bigint primary key, txn text not null, grp int not null, val int, tag text unique)`,
    );
    await exec([], `create index ${name}_grp on ${name} (grp)`);
    if (this.rng.chance(0.7)) await this.insert(view, name, exec, this.rng.range(1, 5));
  }

  private nextId(t: TableState): number {
    let max = 0;
    for (const id of Object.keys(t.rows)) max = Math.max(max, Number(id));
    return max + 1 + this.rng.int(3);
  }

  private async insert(view: State, name: string, exec: Exec, n: number): Promise<void> {
    const t = view.tables[name]!;
    if (Object.keys(t.rows).length >= rowsPerTableMax) {
      await this.remove(view, name, exec);
      return;
    }
    const rows: RowImage[] = [];
    let id = this.nextId(t);
    for (let j = 0; j < n; j++, id++) {
      const row: { [c: string]: Cell } = {
        id: String(id),
        txn: this.current,
        grp: this.rng.int(8),
        val: this.rng.chance(0.1) ? null : this.rng.int(1000),
        tag: this.rng.chance(0.15) ? null : `g${this.config.round}.${this.c}.${name}.${id}`,
      };
      for (const [x, d] of t.extras) row[x] = d;
      rows.push(row);
    }
    const ops: Op[] = rows.map((r) => ['put', name, r]);
    if (this.rng.chance(0.5)) {
      // One multi-row INSERT naming the base columns (added columns take their defaults).
      const values = rows.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}, $${j * 5 + 5})`);
      const params = rows.flatMap((r) => [r['id'], r['txn'], r['grp'], r['val'], r['tag']]);
      await exec(ops, `insert into ${name} (id, txn, grp, val, tag) values ${values.join(', ')}`, params);
    } else {
      for (const [j, r] of rows.entries()) await exec([ops[j]!], `insert into ${name} (id, txn, grp, val, tag) values ($1, $2, $3, $4, $5)`, [r['id'], r['txn'], r['grp'], r['val'], r['tag']]);
    }
  }


  private async update(view: State, name: string, exec: Exec): Promise<void> {
    const t = view.tables[name]!;
    const ids = Object.keys(t.rows);
    if (ids.length === 0) return this.insert(view, name, exec, 2);
    if (this.rng.chance(0.5)) {
      // Through the grp index: every row of one group.
      const g = t.rows[this.rng.pick(ids)]!['grp'] as number;
      const d = this.rng.range(1, 9);
      const g2 = this.rng.int(8);
      const ops: Op[] = [];
      for (const id of ids) {
        const r = t.rows[id]!;
        if (r['grp'] !== g) continue;
        ops.push(['put', name, { ...r, grp: g2, txn: this.current, val: r['val'] === null ? null : (r['val'] as number) + d }]);
      }
      const n = await exec(ops, `update ${name} set val = val + $1, grp = $2, txn = $3 where grp = $4`, [d, g2, this.current, g]);
      if (n !== ops.length) throw new Error(`update of ${name} where grp = ${g} changed ${n} rows, the model has ${ops.length}`);
      return;
    }
    // By key, with a new tag.
    const id = this.rng.pick(ids);
    const r = t.rows[id]!;
    const tag = `u${this.current}.${name}.${id}`;
    const extra = t.extras.length > 0 ? this.rng.pick(t.extras)[0] : null;
    const row: { [c: string]: Cell } = { ...r, txn: this.current, tag };
    if (extra !== null) row[extra] = this.rng.int(50);
    const set = extra === null ? '' : `, ${extra} = $4`;
    const params: unknown[] = [this.current, tag, id];
    if (extra !== null) params.push(row[extra]);
    const n = await exec([['put', name, row]], `update ${name} set txn = $1, tag = $2${set} where id = $3`, params);
    if (n !== 1) throw new Error(`update of ${name} id ${id} changed ${n} rows`);
  }

  private async remove(view: State, name: string, exec: Exec): Promise<void> {
    const t = view.tables[name]!;
    const ids = Object.keys(t.rows);
    if (ids.length === 0) return;
    if (this.rng.chance(0.7)) {
      const id = this.rng.pick(ids);
      const n = await exec([['del', name, id]], `delete from ${name} where id = $1`, [id]);
      if (n !== 1) throw new Error(`delete from ${name} id ${id} removed ${n} rows`);
      return;
    }
    const g = t.rows[this.rng.pick(ids)]!['grp'] as number;
    const ops: Op[] = ids.filter((id) => t.rows[id]!['grp'] === g).map((id) => ['del', name, id]);
    const n = await exec(ops, `delete from ${name} where grp = $1`, [g]);
    if (n !== ops.length) throw new Error(`delete from ${name} where grp = ${g} removed ${n} rows, the model has ${ops.length}`);
  }

  private async alter(view: State, name: string, exec: Exec): Promise<void> {
    const t = view.tables[name]!;
    const k = t.extras.length + 1;
    if (k > 4) return this.update(view, name, exec);
    const col = `x${k}`;
    await exec([['addcol', name, col, k]], `alter table ${name} add column ${col} int default ${k}`);
    if (this.rng.chance(0.6)) await exec([['index', name, `${name}_${col}`, col]], `create index ${name}_${col} on ${name} (${col})`);
    if (this.rng.chance(0.5)) await this.update(view, name, exec);
  }

  /** Work, a savepoint, work that is rolled back to it (some of it failing on the unique tag), more work. */
  private async withSavepoint(view: State, name: string, txn: Txn, exec: Exec): Promise<void> {
    await this.insert(view, name, exec, this.rng.range(1, 3));
    await this.session.query('savepoint sp');
    const before = txn.ops.length;
    const saved = structuredClone(view);
    const t = view.tables[name]!;
    const tagged = Object.values(t.rows).filter((r) => r['tag'] !== null);
    if (tagged.length >= 2 && this.rng.chance(0.5)) {
      // A duplicate tag fails with 23505 and fails the transaction until ROLLBACK TO.
      const [a, b] = [tagged[0]!, tagged[1]!];
      const dup = await this.session.query(`update ${name} set tag = $1 where id = $2`, [b['tag'], a['id']]).then(
        () => 'no error',
        (e: unknown) => codeOf(e) ?? String(e),
      );
      if (dup !== '23505') throw new Error(`duplicate tag in ${name}: expected 23505, got ${dup}`);
    } else {
      await this.insert(view, name, exec, this.rng.range(1, 3));
      if (this.rng.chance(0.3)) await this.create(view, exec);
    }
    await this.session.query('rollback to savepoint sp');
    txn.undone.push(...txn.ops.splice(before));
    for (const key of Object.keys(view.tables)) delete view.tables[key];
    Object.assign(view.tables, saved.tables);
    await this.update(view, name, exec);
  }
}

type Exec = (ops: Op[], sql: string, params?: unknown[]) => Promise<number>;
