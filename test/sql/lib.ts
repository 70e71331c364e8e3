/**
 * The Hermitage runner for SQL sessions (issue 6, must-show 3), shared by the engine test
 * (hermitage-sql.test.ts, BasaltDB sessions) and the check against a real PostgreSQL 15
 * (hermitage-pg.ts, node-postgres clients). A `Backend` says how to open sessions and how to tell
 * that a pending statement waits for a lock; the runner plays a scenario of test/txn/hermitage.ts
 * at one isolation level and asserts PostgreSQL's outcome at every step:
 *
 *   - the rows a select returns (as a set, ordered by id) and the count an update/delete/insert
 *     reports (rowCount);
 *   - blocking: a step PostgreSQL blocks must still be pending after the backend's probe, must be
 *     waiting for a lock, must stay pending while the other sessions' later steps run, and must
 *     complete (with PostgreSQL's rows, count or error) once the step that releases it has run; a
 *     step PostgreSQL does not block must not wait for a lock;
 *   - errors by SQLSTATE (40001, 40P01, 25P02), including at COMMIT;
 *   - COMMIT/ROLLBACK outcome by command tag: the COMMIT of a failed transaction answers ROLLBACK;
 *   - the final table after every session has ended.
 *
 * Each session begins its transaction (`BEGIN ISOLATION LEVEL …`) before step 1; once its
 * transaction ends, its later steps run in autocommit, as in psql.
 */
import assert from 'node:assert/strict';
import type { Expect, Level, Row, Scenario, Step } from '../txn/hermitage.js';

/** What the runner needs of a session's client: run one statement. */
export interface SqlClient {
  query(text: string): Promise<SqlReply>;
}

export interface SqlReply {
  readonly rows: readonly unknown[];
  readonly rowCount: number | null;
  /** The command of the tag: 'SELECT', 'UPDATE', 'COMMIT', 'ROLLBACK', … */
  readonly command: string;
}

/** A statement in flight and, once settled, its reply or error. */
export interface Tracked {
  readonly done: Promise<void>;
  settled: boolean;
  reply: SqlReply | undefined;
  error: unknown;
}

export function track(p: Promise<SqlReply>): Tracked {
  const t: Tracked = { done: Promise.resolve(), settled: false, reply: undefined, error: undefined };
  (t as { done: Promise<void> }).done = p.then(
    (v) => {
      t.settled = true;
      t.reply = v;
    },
    (e: unknown) => {
      t.settled = true;
      t.error = e;
    },
  );
  return t;
}

export interface Backend {
  /** A new session (not in a transaction). */
  session(n: number): Promise<SqlClient>;
  /** A marker taken just before a statement starts (the engine: its lock-wait counter). */
  mark(): number;
  /**
   * Called on a statement that has not settled at once: give it the backend's chance to settle
   * (event-loop turns, or a short poll); true if it settled.
   */
  settles(t: Tracked): Promise<boolean>;
  /** Called on a statement still pending after `settles`: is session `n` waiting for a lock? */
  waitsForLock(n: number, t: Tracked, mark: number): Promise<boolean>;
  /** Called on a statement whose release has run: wait for it to settle; true if it did. */
  released(t: Tracked): Promise<boolean>;
  /** Called after a step was found blocked (PostgreSQL: let deadlock_timeout pass). */
  afterBlocked?(s: Scenario): Promise<void>;
  /** The table, read in autocommit, ordered by id. */
  tableRows(): Promise<Row[]>;
}

/** The SQLSTATE of an error, or undefined. */
export function codeOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

function errorText(err: unknown): string {
  const code = codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  return code === undefined ? message : `${code} ${message}`;
}

function replyText(t: Tracked): string {
  if (t.error !== undefined) return `error ${errorText(t.error)}`;
  const r = t.reply;
  return r === undefined ? 'nothing' : `${r.command} ${r.rowCount ?? ''} ${JSON.stringify(r.rows)}`;
}

export function toRows(rows: readonly unknown[]): Row[] {
  return rows
    .map((r) => {
      const o = r as { id: unknown; value: unknown };
      return [Number(o.id), Number(o.value)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
}

/** Assert a settled step against PostgreSQL's expectation. */
export function checkStep(where: string, step: Step, e: Expect, t: Tracked): void {
  if (e.error !== undefined) {
    assert.ok(t.error !== undefined, `${where}: PostgreSQL fails with ${e.error}; got ${replyText(t)}`);
    assert.equal(codeOf(t.error), e.error, `${where}: PostgreSQL fails with ${e.error}; got ${errorText(t.error)}`);
    return;
  }
  assert.equal(t.error, undefined, `${where}: unexpected ${replyText(t)}`);
  const r = t.reply;
  assert.ok(r !== undefined, `${where}: no reply`);
  if (e.rows !== undefined) assert.deepEqual(toRows(r.rows), e.rows, `${where}: rows`);
  if (e.count !== undefined) assert.equal(r.rowCount, e.count, `${where}: row count`);
  if (e.outcome !== undefined) {
    const tag = e.outcome === 'committed' ? 'COMMIT' : 'ROLLBACK';
    assert.equal(r.command.toUpperCase(), tag, `${where}: PostgreSQL answers ${tag}`);
  }
  if (step.kv.kind === 'get' || step.kv.kind === 'scan') {
    assert.ok(e.rows !== undefined, `${where}: a read without expected rows`);
  }
}

/** Settings each session gets before BEGIN: the deadlock scenario bounds its waits (55P03, not a hang). */
export function sessionSetup(s: Scenario): string[] {
  return s.anomaly === 'deadlock' ? ["set lock_timeout = '10s'"] : [];
}

/**
 * Play scenario `s` at `level` on `backend` (whose table holds the initial rows). Returns the
 * sessions so the caller can end them if an assertion failed midway (see `endAll`).
 */
export async function runScenario(backend: Backend, s: Scenario, level: Level, sessions: Map<number, SqlClient>): Promise<void> {
  for (const st of s.steps) {
    if (sessions.has(st.tx)) continue;
    const c = await backend.session(st.tx);
    sessions.set(st.tx, c);
    for (const sql of sessionSetup(s)) await c.query(sql);
    await c.query(`begin isolation level ${level}`);
  }
  const pending = new Map<number, { step: Step; tracked: Tracked }>();
  for (const [i, st] of s.steps.entries()) {
    const n = i + 1;
    const where = `${s.id} @ ${level}, step ${n} (T${st.tx}: ${st.sql})`;
    const e = st.expect[level];
    const client = sessions.get(st.tx)!;

    // Steps still blocked stay blocked until their releasing step runs.
    for (const [j, p] of pending) {
      assert.equal(p.tracked.settled, false, `${s.id} @ ${level}: step ${j} settled (${replyText(p.tracked)}) before step ${n} ran`);
    }

    const mark = backend.mark();
    const tracked = track(client.query(st.sql));
    const settledSoon = tracked.settled || (await backend.settles(tracked));
    if (e.blocks === true) {
      assert.equal(settledSoon, false, `${where}: PostgreSQL blocks here, but the step completed: ${replyText(tracked)}`);
      assert.ok(await backend.waitsForLock(st.tx, tracked, mark), `${where}: pending, but not waiting for a lock`);
      pending.set(n, { step: st, tracked });
      await backend.afterBlocked?.(s);
      continue;
    }
    if (!settledSoon) {
      if (await backend.waitsForLock(st.tx, tracked, mark)) {
        // PostgreSQL itself waits deadlock_timeout before failing the wait that closes a cycle: a
        // wait is fine here as long as the step completes without another session acting.
        const alone = await backend.released(tracked);
        assert.ok(alone, `${where}: waits for a lock until another session acts; PostgreSQL does not block here`);
      }
      await tracked.done; // I/O (a durable commit) may take longer than the probe.
    }
    checkStep(where, st, e, tracked);

    // Steps this one releases now complete, with PostgreSQL's result.
    for (const [j, p] of pending) {
      const pe = p.step.expect[level];
      if (pe.unblockedBy !== n) continue;
      const pw = `${s.id} @ ${level}, step ${j} (T${p.step.tx}: ${p.step.sql})`;
      assert.ok(await backend.released(p.tracked), `${pw}: still blocked after step ${n}, which releases it in PostgreSQL`);
      checkStep(pw, p.step, pe, p.tracked);
      pending.delete(j);
    }
  }
  assert.deepEqual([...pending.keys()], [], `${s.id} @ ${level}: steps never released`);
  assert.deepEqual(await backend.tableRows(), s.final[level], `${s.id} @ ${level}: final table`);
}

/** After a failed run: roll back every session (best effort), so no lock wait outlives the test. */
export async function endAll(sessions: Map<number, SqlClient>): Promise<void> {
  await Promise.allSettled([...sessions.values()].map((c) => c.query('rollback')));
}
