/**
 * The phases of the SQL suite inside one engine's child: the load, then each workload timed on
 * its own, one statement at a time from one client (better-sqlite3's API is synchronous, and one
 * embedded caller is what both engines are built for).
 *
 * A run phase prepares its statement, logs the engine's plan for it, runs an untimed warm-up of
 * `warmSeconds`, then runs for `seconds` (and at least `minOps` operations). Latency is per
 * operation, from the call to its result (for writes: to the durable commit); parameters are made
 * before the clock starts. Every result is checked against the rows the data must give.
 */
import { performance } from 'node:perf_hooks';
import type { ChildContext } from '../lib/child.js';
import { yieldToEventLoop } from '../lib/event-loop.js';
import { Histogram } from '../lib/histogram.js';
import { PeakRss } from '../lib/memory.js';
import { addEngineStats, phaseResult } from '../lib/phase-result.js';
import type { Measured } from '../lib/phase-result.js';
import { Prng, seedBits } from '../lib/prng.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { SqlAdapter, SqlParam } from './adapter.js';
import { accountRow, accountsWithEntries, TableRows } from './data.js';
import type { AccountRow } from './data.js';
import { batchRows, insertSql, rangeRows, tagCount, workloadInfo } from './spec.js';
import type { SqlPhase, SqlWorkload } from './spec.js';

/** Operations in a row before the loop yields to the event loop (progress and IPC still flow). */
const opsPerYield = 16;
/** ... or after this long without yielding. */
const msPerYield = 20;

export interface PhaseEnv {
  readonly engine: string;
  readonly dir: string;
  readonly seed: number;
  readonly ctx: ChildContext;
  readonly sql: SqlAdapter;
  /** Next id of an inserted account (past the loaded ones; shared by insert and batch). */
  nextId: number;
  /** Accounts inserted by insert and batch so far (warm-ups included). */
  inserted: number;
}

type LoadPhase = Extract<SqlPhase, { kind: 'load' }>;
type RunPhase = Extract<SqlPhase, { kind: 'run' }>;

/** Creates the schema and loads both tables, `chunk` rows per durable transaction; reports the load. */
export async function load(env: PhaseEnv, phase: LoadPhase): Promise<PhaseResult> {
  const { sql, ctx } = env;
  const rows = new TableRows(env.seed, phase.records);
  const hist = new Histogram();
  const rss = new PeakRss();
  rss.start();
  const start = performance.now();
  await sql.createSchema();
  for (let from = 0; from < phase.records; from += phase.chunk) {
    const accounts = rows.accountChunk(from, phase.chunk);
    const entries = rows.entryChunk(from, phase.chunk);
    const t0 = performance.now();
    await sql.loadAccounts(accounts);
    await sql.loadEntries(entries);
    hist.record((performance.now() - t0) * 1e6);
    ctx.progress('load', from + accounts.length, phase.records, (performance.now() - start) / 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  env.nextId = phase.records;
  const notes: string[] = [];
  for (const table of ['accounts', 'entries']) {
    const n = await sql.scalar(`SELECT count(*) FROM ${table}`);
    if (n !== phase.records) notes.push(`VERIFY: ${table} has ${n} rows after the load, not ${phase.records}`);
  }
  ctx.log(`loaded ${phase.records} rows into each table in ${seconds.toFixed(1)} s`);
  const m: Measured = {
    ops: 2 * phase.records,
    seconds,
    hist,
    latencyOf: `one chunk: ${phase.chunk} accounts + ${phase.chunk} entries, two durable transactions`,
    notes,
    extra: { records: phase.records, chunk: phase.chunk },
  };
  return phaseResult(env.engine, 'load', env.dir, m, rss.bytes());
}

/** One operation of a workload: `next()` makes its arguments (untimed), `call()` runs it (timed). */
interface Driver {
  next(): void;
  call(): number | Promise<number>;
  /** Rows the last `next()`'s operation must return or change (-1: not checked). */
  expected: number;
}

/** Entries of account `a` when `records` entries reference `owners` accounts by `id mod owners`. */
function entriesOf(a: number, records: number): number {
  const owners = accountsWithEntries(records);
  return a >= records ? 0 : Math.floor((records - 1 - a) / owners) + 1;
}

function driverFor(env: PhaseEnv, phase: RunPhase): Driver {
  const { sql } = env;
  const info = workloadInfo[phase.id];
  const prng = new Prng(env.seed ^ seedBits(`sql ${phase.id}`));
  const n = phase.records;
  const owners = accountsWithEntries(n);
  let params: SqlParam[] = [];
  const d: Driver = { next: () => undefined, call: () => 0, expected: -1 };
  switch (phase.id) {
    case 'point':
    case 'update': {
      const run = sql.prepare(info.sql, info.writes ? 'write' : 'read');
      d.next = () => {
        params = [prng.nextInt(n)];
        d.expected = 1;
      };
      d.call = () => run(params);
      return d;
    }
    case 'range': {
      const run = sql.prepare(info.sql, 'read');
      d.next = () => {
        const from = prng.nextInt(Math.max(1, n - rangeRows + 1));
        params = [from, from + rangeRows];
        d.expected = Math.min(rangeRows, n - from);
      };
      d.call = () => run(params);
      return d;
    }
    case 'secondary':
    case 'join':
    case 'join-where': {
      const run = sql.prepare(info.sql, 'read');
      d.next = () => {
        const a = prng.nextInt(owners);
        params = [a];
        d.expected = entriesOf(a, n);
      };
      d.call = () => run(params);
      return d;
    }
    case 'aggregate': {
      const run = sql.prepare(info.sql, 'read');
      // With 10K rows or more, every one of the 100 tags occurs (uniform tags).
      d.expected = n >= 100 * tagCount ? tagCount : -1;
      d.call = () => run([]);
      return d;
    }
    case 'insert': {
      const run = sql.prepare(insertSql, 'write');
      d.next = () => {
        params = [...accountRow(env.nextId++, prng)];
        env.inserted++;
        d.expected = 1;
      };
      d.call = () => run(params);
      return d;
    }
    case 'batch': {
      const run = sql.prepareBatch(insertSql);
      let rows: AccountRow[] = [];
      d.next = () => {
        rows = [];
        for (let i = 0; i < batchRows; i++) rows.push(accountRow(env.nextId++, prng));
        env.inserted += batchRows;
        d.expected = batchRows;
      };
      d.call = () => {
        const r = run(rows);
        return r instanceof Promise ? r.then(() => rows.length) : rows.length;
      };
      return d;
    }
    default: {
      const never: never = phase.id;
      throw new Error(`unknown workload ${String(never)}`);
    }
  }
}

interface Timed {
  ops: number;
  seconds: number;
  hist: Histogram;
  /** Operations whose row count was not the expected one. */
  wrong: number;
  firstWrong: string;
}

async function timedLoop(env: PhaseEnv, d: Driver, seconds: number, minOps: number, label: string): Promise<Timed> {
  const hist = new Histogram();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let ops = 0;
  let wrong = 0;
  let firstWrong = '';
  let inARow = 0;
  let lastYield = start;
  let now = start;
  while (now < deadline || ops < minOps) {
    d.next();
    const t0 = performance.now();
    const r = d.call();
    const rows = typeof r === 'number' ? r : await r;
    now = performance.now();
    hist.record((now - t0) * 1e6);
    ops++;
    if (d.expected >= 0 && rows !== d.expected) {
      if (wrong === 0) firstWrong = `got ${rows} rows where ${d.expected} were expected`;
      wrong++;
    }
    if (++inARow >= opsPerYield || now - lastYield >= msPerYield) {
      env.ctx.progress(label, ops, 0, (now - start) / 1000);
      inARow = 0;
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  return { ops, seconds: (now - start) / 1000, hist, wrong, firstWrong };
}

/** Runs one workload: plan, warm-up, timed run, checks. */
export async function run(env: PhaseEnv, phase: RunPhase): Promise<PhaseResult> {
  const info = workloadInfo[phase.id];
  const d = driverFor(env, phase);
  const planSql = phase.id === 'batch' ? insertSql : info.sql;
  const planParams: SqlParam[] = phase.id === 'aggregate' ? [] : phase.id === 'range' ? [0, rangeRows] : phase.id === 'insert' || phase.id === 'batch' ? [-1, 0, 'x'] : [0];
  const plan = await env.sql.plan(planSql, planParams);
  env.ctx.log(`${phase.id} plan: ${plan.join(' / ')}`);
  const label = `${phase.id}`;
  if (phase.warmSeconds > 0) await timedLoop(env, d, phase.warmSeconds, 1, `${label} (warm-up)`);
  const rss = new PeakRss();
  rss.start();
  const statsBefore = env.sql.stats?.() ?? {};
  const t = await timedLoop(env, d, phase.seconds, phase.minOps, label);
  const extra: Record<string, number | string | boolean> = {};
  addEngineStats(extra, statsBefore, env.sql.stats?.() ?? {});
  const notes: string[] = [];
  if (t.wrong > 0) notes.push(`VERIFY: ${t.wrong} of ${t.ops} operations returned the wrong number of rows (first: ${t.firstWrong})`);
  if (info.writes && (phase.id === 'insert' || phase.id === 'batch')) {
    const count = await env.sql.scalar('SELECT count(*) FROM accounts');
    const want = phase.records + env.inserted;
    if (count !== want) notes.push(`VERIFY: accounts has ${count} rows after ${phase.id}, not ${want}`);
  }
  Object.assign(extra, {
    plan: plan.join(' / '),
    sql: info.sql,
    wrongRows: t.wrong,
    rowsPerOp: d.expected,
    warmSeconds: phase.warmSeconds,
  });
  const m: Measured = { ops: t.ops, seconds: t.seconds, hist: t.hist, latencyOf: info.op, notes, extra };
  return phaseResult(env.engine, phase.id, env.dir, m, rss.bytes());
}
