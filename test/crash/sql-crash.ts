/**
 * Crash safety of SQL (issue 6, must-show 5). Two kinds of rounds over the SQL workload
 * (sql-workload.ts: multi-statement transactions mixing DML and DDL over tables with a primary
 * key, a secondary index and a unique constraint):
 *
 *   - SIGKILL rounds (`runSqlCrashRounds`): a child process (sql-writer.ts) runs the workload on a
 *     real directory with `sync` durability and is killed at a seeded moment (harness.ts
 *     killPlan: after open, inside a checkpoint, or while opening / recovering);
 *   - power-loss rounds (`runSqlPowerLossRounds`): the workload runs in this process on a
 *     MemoryFileSystem whose power is cut after a seeded number of I/O calls; the database is
 *     reopened on the surviving image (clean, or with a torn prefix of the unsynced writes).
 *
 * After each crash the database is reopened and `verifyRecovered` checks:
 *   1. markers: every acknowledged transaction's marker is there, no marker of a transaction that
 *      failed, was rolled back, or never sent COMMIT, none of an earlier round lost; per client,
 *      only its last transaction may be undecided;
 *   2. atomicity and content: applying exactly the transactions whose marker survived (in each
 *      client's order) to the state verified after the previous round gives every table's rows,
 *      cell by cell (`select * … order by id`);
 *   3. the catalog: every table of that model exists with its columns in order; every table that
 *      a lost, failed, rolled-back or savepoint-undone transaction created, and every dropped one,
 *      does not (42P01);
 *   4. tables agree with their indexes: for the primary key, the unique column and every secondary
 *      index (EXPLAIN must show "Index Scan using <index>"), the rows found through the index for
 *      sampled values equal those found by a sequential scan (EXPLAIN: "Seq Scan") of the same
 *      predicate written so no index serves it, and the model's;
 *   5. the unique constraint still refuses a duplicate (23505), in a rolled-back transaction;
 *   6. `db.check()` passes, and the database opens again after a clean close.
 *
 * A failure throws CrashCheckError with the seed and round. Seeds replay exactly, except for the
 * timing of SIGKILLs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryFileSystem, open, type Database } from '../../src/index.js';
import { deriveSeed, Rng } from '../lib/rng.js';
import { CrashCheckError, describePlan, killPlan, runWriter } from './harness.js';
import { parseLog } from './workload.js';
import { applyOps, columnsOf, markersSql, runSqlWorkload, type Op, type RowImage, type SqlLogLine, type State, type TableState } from './sql-workload.js';
import type { SqlWriterConfig } from './sql-writer.js';

const writerScript = fileURLToPath(new URL('./sql-writer.js', import.meta.url));

export interface SqlCrashOptions {
  /** The database lives in `<workDir>/db` (SIGKILL rounds), logs and the state file beside it. */
  readonly workDir: string;
  readonly seed: number;
  readonly rounds: number;
  /** Concurrent SQL sessions in the writer (default 4). */
  readonly clients?: number;
  /** One line per round. */
  readonly log?: (line: string) => void;
}

export interface SqlCrashSummary {
  rounds: number;
  /** Transactions that reached COMMIT, acknowledged, and applied without an acknowledgement. */
  intents: number;
  acked: number;
  appliedUnacked: number;
  /** Transactions failed with 40001/40P01, and rolled back on purpose. */
  failed: number;
  rolledBack: number;
  /** Tables and rows in the model at the end. */
  tables: number;
  rows: number;
}

function emptySummary(): SqlCrashSummary {
  return { rounds: 0, intents: 0, acked: 0, appliedUnacked: 0, failed: 0, rolledBack: 0, tables: 0, rows: 0 };
}

/** A round's log, digested. */
interface RoundLog {
  /** Transactions that logged their intent, in log order. */
  readonly intents: Array<{ id: string; c: number; ops: readonly Op[]; undone: readonly Op[] }>;
  readonly acked: Set<string>;
  readonly failed: Map<string, string>;
  /** Rolled back on purpose, with what they did. */
  readonly rolledBack: Map<string, readonly Op[]>;
}

function digest(lines: readonly SqlLogLine[]): RoundLog {
  const log: RoundLog = { intents: [], acked: new Set(), failed: new Map(), rolledBack: new Map() };
  for (const line of lines) {
    if (line.t === 'I') log.intents.push({ id: line.id, c: line.c, ops: line.ops, undone: line.undone });
    else if (line.t === 'A') log.acked.add(line.id);
    else if (line.t === 'X') log.failed.set(line.id, line.code);
    else if (line.t === 'R') log.rolledBack.set(line.id, line.ops);
  }
  return log;
}

/** Create the markers table in a new database. */
export async function setupSqlCrashDb(db: Database): Promise<State> {
  await db.query(markersSql);
  return { tables: {}, markers: [] };
}

// ---------------------------------------------------------------------------------------------
// SIGKILL rounds.

export async function runSqlCrashRounds(options: SqlCrashOptions): Promise<SqlCrashSummary> {
  const dbDir = path.join(options.workDir, 'db');
  fs.mkdirSync(dbDir, { recursive: true });
  const statePath = path.join(options.workDir, 'state.json');
  const setup = await open(dbDir, { durability: 'sync' });
  let state = await setupSqlCrashDb(setup);
  await setup.close();
  const summary = emptySummary();
  for (let round = 0; round < options.rounds; round++) {
    const fail = (message: string): Error => new CrashCheckError(message, options.seed, round);
    const roundSeed = deriveSeed(options.seed, round);
    const rng = new Rng(roundSeed);
    const plan = killPlan(rng);
    const logPath = path.join(options.workDir, `round-${round}.log`);
    fs.writeFileSync(logPath, '');
    fs.writeFileSync(statePath, JSON.stringify(state));
    const config: SqlWriterConfig = {
      dir: dbDir,
      logPath,
      statePath,
      seed: roundSeed,
      round,
      clients: options.clients ?? 4,
      checkpointEveryMs: rng.range(40, 200),
    };
    await runWriter(config, plan, options.seed, round, writerScript);
    const log = digest(parseLog(fs.readFileSync(logPath, 'utf8')) as unknown as SqlLogLine[]);
    // Keep the directory as the killed writer left it, so a failure below can be replayed.
    const snapshot = path.join(options.workDir, 'before-reopen');
    fs.rmSync(snapshot, { recursive: true, force: true });
    fs.cpSync(dbDir, snapshot, { recursive: true });
    const db = await open(dbDir, { durability: 'sync' }).catch((err: unknown) => {
      throw fail(`reopen failed: ${String(err)}`);
    });
    let next: State;
    try {
      next = await verifyRecovered(db, state, log, round, fail);
    } finally {
      await db.close();
    }
    const again = await open(dbDir).catch((err: unknown) => {
      throw fail(`open after a clean close failed: ${String(err)}`);
    });
    await again.close();
    tally(summary, log, next, state);
    options.log?.(`round ${round}: kill ${describePlan(plan)}: ${roundLine(log, next, state)}`);
    state = next;
    fs.rmSync(logPath, { force: true });
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Power-loss rounds.

export async function runSqlPowerLossRounds(options: Omit<SqlCrashOptions, 'workDir'>): Promise<SqlCrashSummary> {
  let mfs = new MemoryFileSystem();
  const setup = await open('/db', { fs: mfs });
  let state = await setupSqlCrashDb(setup);
  await setup.close();
  const summary = emptySummary();
  for (let round = 0; round < options.rounds; round++) {
    const fail = (message: string): Error => new CrashCheckError(`power loss: ${message}`, options.seed, round);
    const roundSeed = deriveSeed(options.seed, round);
    const rng = new Rng(roundSeed);
    const lines: SqlLogLine[] = [];
    const db = await open('/db', { fs: mfs, durability: 'sync' });
    const ioCalls = rng.range(10, 120);
    mfs.crashAfter(ioCalls);
    const workloadState: State = structuredClone(state);
    const cut = mfs;
    const outcome = await runSqlWorkload(db, workloadState, { seed: roundSeed, round, clients: options.clients ?? 4 }, (l) => lines.push(l), () => !cut.powerCut).then(
      () => undefined,
      (err: unknown) => err,
    );
    if (!mfs.powerCut) throw fail(`the workload ended before the power cut: ${String(outcome)}`);
    const torn = rng.chance(0.5);
    mfs = mfs.crash(torn ? { torn: true, seed: roundSeed } : {});
    const log = digest(lines);
    const reopened = await open('/db', { fs: mfs, durability: 'sync' }).catch((err: unknown) => {
      throw fail(`reopen failed: ${String(err)}`);
    });
    let next: State;
    try {
      next = await verifyRecovered(reopened, state, log, round, fail);
    } finally {
      await reopened.close();
    }
    tally(summary, log, next, state);
    options.log?.(`round ${round}: power cut after ${ioCalls} I/O calls (${torn ? 'torn' : 'clean'} image): ${roundLine(log, next, state)}`);
    state = next;
  }
  return summary;
}

function tally(summary: SqlCrashSummary, log: RoundLog, next: State, before: State): void {
  summary.rounds++;
  summary.intents += log.intents.length;
  summary.acked += log.acked.size;
  summary.appliedUnacked += next.markers.length - before.markers.length - log.acked.size;
  summary.failed += log.failed.size;
  summary.rolledBack += log.rolledBack.size;
  summary.tables = Object.keys(next.tables).length;
  summary.rows = Object.values(next.tables).reduce((n, t) => n + Object.keys(t.rows).length, 0);
}

function roundLine(log: RoundLog, next: State, before: State): string {
  const applied = next.markers.length - before.markers.length;
  const rows = Object.values(next.tables).reduce((n, t) => n + Object.keys(t.rows).length, 0);
  return (
    `${log.intents.length} transactions reached COMMIT, ${log.acked.size} acknowledged, ${applied} applied ` +
    `(${applied - log.acked.size} unacknowledged), ${log.failed.size} failed (40001/40P01), ` +
    `${log.rolledBack.size} rolled back; ${Object.keys(next.tables).length} tables, ${rows} rows`
  );
}

// ---------------------------------------------------------------------------------------------
// The checks.

/** Check the reopened database against the previous state and the round's log; returns the new state. */
export async function verifyRecovered(
  db: Database,
  baseline: State,
  log: RoundLog,
  round: number,
  fail: (message: string) => Error,
): Promise<State> {
  const q = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> => {
    try {
      return (await db.query(sql, params)).rows as Record<string, unknown>[];
    } catch (err) {
      throw fail(`${sql} [${params.map(String).join(', ')}] failed: ${String(err)}`);
    }
  };
  // 1. Markers decide which transactions committed.
  const markers = new Set((await q('select txn from markers')).map((r) => String(r['txn'])));
  const prior = new Set(baseline.markers);
  const intents = new Map(log.intents.map((i) => [i.id, i]));
  for (const m of prior) if (!markers.has(m)) throw fail(`the marker of ${m}, committed in an earlier round, is gone`);
  for (const m of markers) {
    if (prior.has(m)) continue;
    if (log.failed.has(m)) throw fail(`${m} failed with ${log.failed.get(m)} but its marker survived`);
    if (log.rolledBack.has(m)) throw fail(`${m} was rolled back but its marker survived`);
    if (!intents.has(m)) throw fail(`marker ${m} belongs to a transaction that never sent COMMIT`);
  }
  for (const id of log.acked) if (!markers.has(id)) throw fail(`acknowledged commit ${id} is lost (no marker)`);
  const lastOfClient = new Map<number, string>();
  for (const i of log.intents) lastOfClient.set(i.c, i.id);
  for (const i of log.intents) {
    const decided = log.acked.has(i.id) || log.failed.has(i.id);
    if (!decided && lastOfClient.get(i.c) !== i.id) throw fail(`${i.id} is neither acknowledged nor failed, yet its client went on`);
  }
  // 2. The model: the baseline plus exactly the transactions whose marker survived.
  const expected: State = structuredClone(baseline);
  const gone = new Set<string>(Object.keys(baseline.tables));
  const created = (ops: readonly Op[]): void => {
    for (const op of ops) if (op[0] === 'create') gone.add(op[1]);
  };
  for (const i of log.intents) {
    created(i.undone);
    created(i.ops);
    if (!markers.has(i.id)) continue;
    try {
      applyOps(expected, i.ops);
    } catch (err) {
      throw fail(`applying ${i.id}: ${String(err)}`);
    }
    expected.markers.push(i.id);
  }
  for (const ops of log.rolledBack.values()) created(ops);
  for (const name of Object.keys(expected.tables)) gone.delete(name);
  // 3-5. Tables, catalog, indexes.
  for (const name of Object.keys(expected.tables).sort()) await checkTable(db, name, expected.tables[name]!, q, fail);
  for (const name of gone) {
    const err = await db.query(`select * from ${name}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    const code = (err as { code?: unknown } | undefined)?.code;
    if (code !== '42P01') throw fail(`table ${name} should not exist (dropped, or created by a transaction that did not commit); select gave ${err === undefined ? 'rows' : String(err)}`);
  }
  // 6. The store's own check.
  await db.check().catch((err: unknown) => {
    throw fail(`check() failed: ${String(err)}`);
  });
  void round;
  return expected;
}

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Values sampled per index: enough to touch many rows, few enough to keep a round short. */
const samplesPerIndex = 6;

async function checkTable(db: Database, name: string, t: TableState, q: Query, fail: (m: string) => Error): Promise<void> {
  // The table as a full scan shows it, against the model, cell by cell.
  const result = await db.query(`select * from ${name} order by id`).catch((err: unknown) => {
    throw fail(`table ${name}, created by a committed transaction, cannot be read: ${String(err)}`);
  });
  const cols = columnsOf(t);
  const got = result.fields.map((f) => f.name);
  if (got.join() !== cols.join()) throw fail(`table ${name} has columns (${got.join(', ')}), the model (${cols.join(', ')})`);
  const want = Object.values(t.rows).sort((a, b) => Number(a['id']) - Number(b['id']));
  const show = (r: RowImage | Record<string, unknown>): string => JSON.stringify(cols.map((c) => r[c] ?? null));
  const rows = result.rows as Record<string, unknown>[];
  for (let i = 0; i < Math.max(rows.length, want.length); i++) {
    const a = rows[i];
    const b = want[i];
    if (a === undefined || b === undefined || show(a) !== show(b)) {
      throw fail(`table ${name}, row ${i} (by id): the database has ${a === undefined ? 'no row' : show(a)}, the model ${b === undefined ? 'no row' : show(b)} (${rows.length} rows, model ${want.length})`);
    }
  }
  // Every index against a sequential scan of the same predicate, and against the model.
  const indexes: Array<[index: string, column: string, seqExpr: string]> = [
    [`${name}_pkey`, 'id', 'id + 0'],
    [`${name}_tag_key`, 'tag', "tag || ''"],
    ...t.indexes.map(([ix, col]): [string, string, string] => [ix, col, `${col} + 0`]),
  ];
  for (const [ix, col, seqExpr] of indexes) {
    const byIndex = `select id from ${name} where ${col} = $1 order by id`;
    const bySeq = `select id from ${name} where ${seqExpr} = $1 order by id`;
    const probe = col === 'tag' ? 'no such tag' : col === 'id' ? '999999999' : 12345;
    await expectPlan(q, byIndex, probe, `Index Scan using ${ix} on ${name}`, fail);
    await expectPlan(q, bySeq, probe, `Seq Scan on ${name}`, fail);
    const values = new Set<unknown>();
    for (const r of Object.values(t.rows)) if (r[col] !== null && r[col] !== undefined) values.add(r[col]);
    const sample = [...values].slice(0, samplesPerIndex);
    sample.push(probe);
    for (const v of sample) {
      const a = (await q(byIndex, [v])).map((r) => String(r['id'])).join();
      const b = (await q(bySeq, [v])).map((r) => String(r['id'])).join();
      const m = want.filter((r) => r[col] === v).map((r) => String(r['id'])).join();
      if (a !== b || a !== m) {
        throw fail(`${name}.${col} = ${String(v)}: index ${ix} finds [${a}], a sequential scan [${b}], the model [${m}]`);
      }
    }
  }
  // The unique constraint still holds after recovery.
  const tagged = want.find((r) => r['tag'] !== null);
  if (tagged !== undefined) {
    const s = db.session();
    try {
      await s.query('begin');
      const code = await s.query(`insert into ${name} (id, txn, grp, tag) values ($1, 'probe', 0, $2)`, ['999999999', tagged['tag']]).then(
        () => 'no error',
        (e: unknown) => String((e as { code?: unknown }).code),
      );
      if (code !== '23505') throw fail(`${name}: inserting a duplicate tag gave ${code}, not 23505`);
      await s.query('rollback');
    } finally {
      await s.close();
    }
  }
}

async function expectPlan(q: Query, sql: string, param: unknown, wanted: string, fail: (m: string) => Error): Promise<void> {
  const plan = (await q(`explain ${sql}`, [param])).map((r) => String(r['QUERY PLAN'])).join('\n');
  if (!plan.includes(wanted)) throw fail(`EXPLAIN ${sql} does not show "${wanted}":\n${plan}`);
}
