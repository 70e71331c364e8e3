/**
 * Hermitage isolation tests on the KV transaction API (issue 4): every scenario of hermitage.ts at
 * every isolation level, asserting PostgreSQL's outcome step by step — the rows each read returns,
 * which write blocks and which step releases it, which step fails with which SQLSTATE, which commits
 * succeed, and the final table.
 *
 * Blocking is observed without clocks: a step's promise is started and the event loop is turned a
 * few times (setImmediate); a blocked step must still be pending, and must settle once the step that
 * releases it has run.
 *
 * Where the KV API cannot say what PostgreSQL says, the runner maps it as follows:
 *   - Predicate reads: the KV API has no predicates, so `select … where value …` reads the whole
 *     keyspace and filters here (like PostgreSQL's sequential scan, whose SIREAD lock covers the
 *     table). `update/delete … where` finds the rows that way, then takes each row's lock, re-reads
 *     it and re-checks the predicate before writing (PostgreSQL's re-check of a row it waited for).
 *   - The count of an `update … where id = k` is 1 (the row exists in every scenario that uses it).
 *   - A COMMIT of a failed transaction answers ROLLBACK in PostgreSQL, without an error; the KV
 *     commit() of a failed transaction rejects with the error that failed it, and rolls back. The
 *     test asserts the KV form: it rejects with that code and the state is 'rolled back'.
 *   - A statement in a session whose transaction has ended runs as an autocommit call on the
 *     database (PostgreSQL's session outside a transaction block).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BasaltError,
  MemoryFileSystem,
  open,
  type Database,
  type Transaction,
  type TransactionKeyspace,
  type Keyspace,
} from '../../src/index.js';
import {
  assign,
  initialRows,
  isolationLevels,
  matches,
  scenarios,
  tableKeyspace,
  type Expect,
  type KvAction,
  type Level,
  type Predicate,
  type Row,
  type Scenario,
  type Step,
} from './hermitage.js';

const decoder = new TextDecoder();

/** What a step returned when it succeeded. */
interface StepResult {
  rows?: Row[];
  count?: number;
  outcome?: 'committed' | 'rolled back';
}

/** A step's promise and whether it has settled yet. */
interface Tracked {
  readonly promise: Promise<void>;
  settled: boolean;
  value: StepResult | undefined;
  error: unknown;
}

function track(p: Promise<StepResult>): Tracked {
  const t: Tracked = { promise: Promise.resolve(), settled: false, value: undefined, error: undefined };
  (t as { promise: Promise<void> }).promise = p.then(
    (v) => {
      t.settled = true;
      t.value = v;
    },
    (e: unknown) => {
      t.settled = true;
      t.error = e;
    },
  );
  return t;
}

/** Turn the event loop up to `rounds` times; whether `t` has settled by then. No clocks involved. */
async function settledAfter(t: Tracked, rounds: number): Promise<boolean> {
  for (let i = 0; i < rounds && !t.settled; i++) await new Promise<void>((r) => setImmediate(r));
  return t.settled;
}

/** Rounds a blocked step is given to (wrongly) settle, and an unblocked one to settle. */
const probeRounds = 20;

function toRow(key: Uint8Array | string, value: Uint8Array): Row {
  const id = Number(typeof key === 'string' ? key : decoder.decode(key));
  return [id, Number(decoder.decode(value))];
}

function byId(rows: Row[]): Row[] {
  return rows.slice().sort((a, b) => a[0] - b[0]);
}

/** The table as one session sees it: a transaction's keyspace, or the database's (autocommit). */
type Table = TransactionKeyspace | Keyspace;

function readKeys(t: Table, keys: readonly string[]): Row[] {
  const out: Row[] = [];
  for (const k of keys) {
    const v = t.get(k);
    if (v !== undefined) out.push(toRow(k, v));
  }
  return out;
}

function scanWhere(t: Table, where: Predicate): Row[] {
  const out: Row[] = [];
  for (const [k, v] of t.range()) {
    const row = toRow(k, v);
    if (matches(where, row)) out.push(row);
  }
  return out;
}

/** Rows a write statement's WHERE finds (a point read for `id`, else a scan). */
function candidates(t: Table, where: Predicate): Row[] {
  return where.kind === 'id' ? readKeys(t, [where.key]) : scanWhere(t, where);
}

/** update/delete … where: lock each candidate, re-read, re-check, write. Returns the count. */
async function writeWhere(t: Table, where: Predicate, write: (key: string, row: Row) => Promise<void>): Promise<number> {
  let n = 0;
  for (const found of candidates(t, where)) {
    const key = String(found[0]);
    if ('lock' in t) await t.lock(key);
    const now = readKeys(t, [key])[0];
    if (now === undefined || !matches(where, now)) continue;
    await write(key, now);
    n++;
  }
  return n;
}

/** Run one KV action on a table; commit/rollback go to the transaction. */
async function perform(action: KvAction, t: Table, tx: Transaction | undefined): Promise<StepResult> {
  switch (action.kind) {
    case 'get':
      return { rows: readKeys(t, action.keys) };
    case 'scan':
      return { rows: scanWhere(t, action.where) };
    case 'put':
      await t.put(action.key, action.value);
      return { count: 1 };
    case 'update-where':
      return { count: await writeWhere(t, action.where, (k, row) => t.put(k, String(assign(action.set, row)))) };
    case 'delete-where':
      return { count: await writeWhere(t, action.where, (k) => t.delete(k)) };
    case 'commit':
      assert.ok(tx, 'commit outside a transaction');
      await tx.commit();
      return { outcome: 'committed' };
    case 'rollback':
      assert.ok(tx, 'rollback outside a transaction');
      tx.rollback();
      return { outcome: 'rolled back' };
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

function errorText(err: unknown): string {
  if (err instanceof BasaltError) return `${err.name} ${err.code}: ${err.message}`;
  return String(err);
}

/** Assert a settled step against PostgreSQL's expectation. */
function checkStep(
  where: string,
  step: Step,
  e: Expect,
  t: Tracked,
  tx: Transaction | undefined,
  failedWith: string | undefined,
): void {
  if (e.error !== undefined) {
    assert.ok(t.error !== undefined, `${where}: expected error ${e.error}, got ${JSON.stringify(t.value)}`);
    assert.ok(t.error instanceof BasaltError, `${where}: expected ${e.error}, got ${errorText(t.error)}`);
    assert.equal(t.error.code, e.error, `${where}: expected ${e.error}, got ${errorText(t.error)}`);
    if (step.kv.kind === 'commit') assert.equal(tx?.state, 'rolled back', `${where}: a failed commit rolls back`);
    return;
  }
  if (e.outcome === 'rolled back' && step.kv.kind === 'commit') {
    // COMMIT of a failed transaction: PostgreSQL answers ROLLBACK; the KV commit() rejects with the
    // error that failed the transaction, and rolls back.
    assert.ok(t.error !== undefined, `${where}: commit of a failed transaction must not succeed`);
    assert.ok(t.error instanceof BasaltError, `${where}: got ${errorText(t.error)}`);
    assert.equal(t.error.code, failedWith, `${where}: commit rejects with the error that failed the transaction`);
    assert.equal(tx?.state, 'rolled back', `${where}: state after commit of a failed transaction`);
    return;
  }
  assert.equal(t.error, undefined, `${where}: unexpected error ${errorText(t.error)}`);
  const got = t.value ?? {};
  if (e.rows !== undefined) assert.deepEqual(byId(got.rows ?? []), e.rows, `${where}: rows`);
  if (e.count !== undefined) assert.equal(got.count, e.count, `${where}: count`);
  if (e.outcome !== undefined) {
    assert.equal(got.outcome, e.outcome, `${where}: outcome`);
    assert.equal(tx?.state, e.outcome, `${where}: transaction state`);
  }
}

async function loadTable(db: Database): Promise<void> {
  await db.keyspace(tableKeyspace).batch(initialRows.map(([id, v]) => ({ type: 'put', key: String(id), value: String(v) })));
}

function tableRows(db: Database): Row[] {
  return [...db.keyspace(tableKeyspace).range()].map(([k, v]) => toRow(k, v));
}

/**
 * Run one scenario at one level on an open database holding the initial table. Returns when every
 * step has run and been checked.
 */
async function runScenario(db: Database, s: Scenario, level: Level, lockTimeoutMs?: number): Promise<void> {
  const txs = new Map<number, Transaction>();
  try {
    await runSteps(db, s, level, txs, lockTimeoutMs);
  } finally {
    // After a failed assertion: end what is still open, so no lock wait outlives the test.
    for (const tx of txs.values()) if (tx.state === 'active' || tx.state === 'failed') tx.rollback();
  }
  checkEnd(db, s, level);
}

async function runSteps(
  db: Database,
  s: Scenario,
  level: Level,
  txs: Map<number, Transaction>,
  lockTimeoutMs: number | undefined,
): Promise<void> {
  const ended = new Set<number>();
  const options = lockTimeoutMs === undefined ? { isolation: level } : { isolation: level, lockTimeoutMs };
  for (const st of s.steps) if (!txs.has(st.tx)) txs.set(st.tx, db.begin(options));
  const pending = new Map<number, { step: Step; tracked: Tracked; tx: Transaction }>();
  /** Session → code of the error that failed its transaction. */
  const failures = new Map<number, string>();
  const noteFailure = (session: number, t: Tracked): void => {
    if (t.error instanceof BasaltError && !failures.has(session)) failures.set(session, t.error.code);
  };

  for (const [i, st] of s.steps.entries()) {
    const n = i + 1;
    const where = `${s.id} @ ${level}, step ${n} (T${st.tx}: ${st.sql})`;
    const e = st.expect[level];
    const tx = txs.get(st.tx);
    assert.ok(tx);
    const autocommit = ended.has(st.tx);
    const table: Table = autocommit ? db.keyspace(tableKeyspace) : tx.keyspace(tableKeyspace);

    // Steps still blocked must stay blocked until their releasing step.
    for (const [j, p] of pending) {
      const early = await settledAfter(p.tracked, probeRounds);
      assert.equal(early, false, `${s.id} @ ${level}: step ${j} settled before step ${n} ran`);
    }

    const waitsBefore = db.stats().lockWaits;
    const tracked = track(perform(st.kv, table, autocommit ? undefined : tx));
    if (st.kv.kind === 'commit' || st.kv.kind === 'rollback') ended.add(st.tx);

    if (e.blocks === true) {
      const early = tracked.error !== undefined ? ` with ${errorText(tracked.error)}` : '';
      const settled = await settledAfter(tracked, probeRounds);
      assert.equal(settled, false, `${where}: PostgreSQL blocks here, but the step completed${early}`);
      assert.ok(db.stats().lockWaits > waitsBefore, `${where}: pending, but not waiting for a lock`);
      pending.set(n, { step: st, tracked, tx });
      continue;
    }
    if (!(await settledAfter(tracked, probeRounds))) {
      assert.equal(db.stats().lockWaits, waitsBefore, `${where}: blocked on a lock, PostgreSQL does not block here`);
      await tracked.promise; // I/O (a durable commit) may take longer than the probe.
    }
    checkStep(where, st, e, tracked, autocommit ? undefined : tx, failures.get(st.tx));
    if (!autocommit) noteFailure(st.tx, tracked);

    // Steps this one releases must now complete, with PostgreSQL's result.
    for (const [j, p] of pending) {
      const pe = p.step.expect[level];
      if (pe.unblockedBy !== n) continue;
      const pw = `${s.id} @ ${level}, step ${j} (T${p.step.tx}: ${p.step.sql})`;
      const done = await settledAfter(p.tracked, probeRounds * 5);
      assert.ok(done, `${pw}: still blocked after step ${n}, which releases it in PostgreSQL`);
      checkStep(pw, p.step, pe, p.tracked, p.tx, failures.get(p.step.tx));
      noteFailure(p.step.tx, p.tracked);
      pending.delete(j);
    }
  }
  assert.deepEqual([...pending.keys()], [], `${s.id} @ ${level}: steps never released`);
  for (const [n, tx] of txs) {
    assert.ok(tx.state === 'committed' || tx.state === 'rolled back', `${s.id} @ ${level}: T${n} still ${tx.state}`);
  }
}

/** After the last step: the final table, no transaction or lock left, the failure counters. */
function checkEnd(db: Database, s: Scenario, level: Level): void {
  assert.deepEqual(tableRows(db), s.final[level], `${s.id} @ ${level}: final table`);
  const stats = db.stats();
  assert.equal(stats.activeTransactions, 0, `${s.id} @ ${level}: active transactions at the end`);
  assert.equal(stats.locksHeld, 0, `${s.id} @ ${level}: locks held at the end`);
  const failuresWith = (code: string): number => s.steps.filter((st) => st.expect[level].error === code).length;
  assert.equal(stats.serializationFailures, failuresWith('40001'), `${s.id} @ ${level}: stats.serializationFailures`);
  assert.equal(stats.deadlocks, failuresWith('40P01'), `${s.id} @ ${level}: stats.deadlocks`);
}

/** Only the deadlock scenario gets a short lock timeout: a missing deadlock check fails fast (55P03). */
function lockTimeoutFor(s: Scenario): number | undefined {
  return s.anomaly === 'deadlock' ? 2_000 : undefined;
}

/** Guard against a hang (an engine that blocks where PostgreSQL does not); never asserted on. */
const testTimeoutMs = 30_000;

/**
 * Known deviations from PostgreSQL, reported to the lead: the test keeps asserting PostgreSQL's
 * outcome and is marked todo until the engine matches.
 */
const knownDeviations: { readonly [scenarioAtLevel: string]: string } = {};

function options(s: Scenario, level: Level): { timeout: number; todo?: string } {
  const todo = knownDeviations[`${s.id} @ ${level}`];
  return todo === undefined ? { timeout: testTimeoutMs } : { timeout: testTimeoutMs, todo };
}

describe('Hermitage on MemoryFileSystem', () => {
  for (const s of scenarios) {
    for (const level of isolationLevels) {
      test(`${s.id} @ ${level}: ${s.title}`, options(s, level), async () => {
        const db = await open('/db', { fs: new MemoryFileSystem() });
        try {
          await loadTable(db);
          await runScenario(db, s, level, lockTimeoutFor(s));
        } finally {
          await db.close();
        }
      });
    }
  }
});

describe("Hermitage on a real directory (durability 'sync'), reopened after", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  for (const s of scenarios) {
    for (const level of isolationLevels) {
      test(`${s.id} @ ${level}: ${s.title}`, options(s, level), async () => {
        const dir = await mkdtemp(join(tmpdir(), 'basalt-hermitage-'));
        dirs.push(dir);
        const db = await open(dir, { durability: 'sync' });
        try {
          await loadTable(db);
          await runScenario(db, s, level, lockTimeoutFor(s));
        } finally {
          await db.close();
        }
        // Committed transactions survive a reopen; rolled-back ones left nothing behind.
        const again = await open(dir, { durability: 'sync' });
        try {
          assert.deepEqual(tableRows(again), s.final[level], `${s.id} @ ${level}: table after reopen`);
        } finally {
          await again.close();
        }
      });
    }
  }
});
