// A long statement held the event loop until it finished: a cancel request, a timer or another
// session could not run meanwhile. Statements now pause every few milliseconds (runtime.ts PAUSE);
// these tests assert orderings and outcomes, never durations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open, type Database, type Session } from '../../src/index.js';

/** Long enough that none of these statements can finish before it is cancelled (seconds of work). */
const big = 50_000_000;

async function fresh(): Promise<Database> {
  return open('/db', { fs: new MemoryFileSystem() });
}

/** The SQLSTATE and message a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  assert.fail('expected the statement to fail');
}

/** Waits for one turn of the event loop (check phase): only happens while no statement holds the loop. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `text` in `s` and cancels it from setImmediate callbacks until it settles. A callback can
 * only run while the statement is paused, so the statement ends by the cancel only if it pauses.
 * Returns the statement's failure and how many callbacks ran before it settled.
 */
async function cancelFromTimer(s: Session, text: string): Promise<{ code: string | undefined; message: string; turns: number }> {
  let settled = false;
  let turns = 0;
  const run = s.query(text).finally(() => {
    settled = true;
  });
  const loop = (): void => {
    if (settled) return;
    turns++;
    s.cancel();
    setImmediate(loop);
  };
  setImmediate(loop);
  const f = await failure(run);
  return { ...f, turns };
}

test('another session and a timer run while a long statement runs; cancel() from a timer stops it with 57014', async () => {
  const db = await fresh();
  const a = db.session();
  const b = db.session();
  // Safety net only: the test expects the cancel, not this timeout.
  await a.query("SET statement_timeout = '60s'");
  await a.query('CREATE SEQUENCE s');
  const events: string[] = [];
  let longSettled = false;
  const long = a.query(`SELECT count(nextval('s')) FROM generate_series(1, ${big})`).finally(() => {
    longSettled = true;
  });
  // Wait until the long statement has drawn from the sequence (it is running), one loop turn at a time.
  let seen = 0n;
  for (let i = 0; seen <= 1n; i++) {
    await turn();
    assert.equal(longSettled, false, 'the long statement finished before the other session ran');
    const r = await b.query("SELECT nextval('s') AS v", [], { rowMode: 'array' });
    seen = BigInt((r.rows[0] as unknown[])[0] as string);
    events.push(`other ${i}`);
  }
  // The other session's statement completed in the middle of the long one.
  assert.equal(longSettled, false);
  assert.ok(seen > 1n, `the other session saw the long statement's nextval calls (${seen})`);
  const timer = new Promise<void>((resolve) =>
    setImmediate(() => {
      events.push('cancel');
      a.cancel();
      resolve();
    }),
  );
  const f = await failure(long);
  await timer;
  events.push('long');
  assert.equal(f.code, '57014');
  assert.match(f.message, /canceling statement due to user request/);
  assert.deepEqual(events.slice(-2), ['cancel', 'long']);
  assert.ok(events[0]!.startsWith('other'));
  // The session is usable afterwards, and the cancel does not stick to its next statement.
  assert.deepEqual((await a.query('SELECT 1 AS x')).rows, [{ x: 1 }]);
  await a.close();
  await b.close();
  await db.close();
});

test('every kind of long statement pauses and is cancelled from a timer (57014)', async () => {
  const db = await fresh();
  const s = db.session();
  await s.query("SET statement_timeout = '60s'");
  await s.query('CREATE TABLE t (a int PRIMARY KEY, b int)');
  await s.query('INSERT INTO t SELECT g, g % 7 FROM generate_series(1, 2000) g');
  const g = `generate_series(1, ${big})`;
  const statements = [
    `SELECT count(*) FROM ${g}`,
    `SELECT x % 1000 AS k, count(*) FROM ${g} x GROUP BY 1`,
    `SELECT x FROM ${g} x ORDER BY x DESC LIMIT 1`,
    `SELECT DISTINCT x % 3 FROM ${g} x`,
    `SELECT count(*) FROM ${g} x JOIN t ON t.a = x`,
    `SELECT count(*) FROM t JOIN ${g} x ON t.a = x % 2000`,
    `SELECT count(*) FROM t t1, t t2, t t3`,
    `SELECT count(*) FROM (SELECT x FROM ${g} x UNION SELECT 1) u`,
    `SELECT count(*) FROM (SELECT x FROM ${g} x EXCEPT SELECT 1) u`,
    `WITH c AS (SELECT x FROM ${g} x) SELECT count(*) FROM c`,
    `WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < ${big}) SELECT count(*) FROM r`,
    `SELECT count(*) OVER () FROM ${g} x LIMIT 1`,
    `SELECT sum(b) OVER (ORDER BY a ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t, (SELECT 1 FROM t LIMIT 50) y LIMIT 1`,
    `SELECT x FROM ${g} x WHERE x < 0`,
    `SELECT count(*) FROM ${g} x WHERE x > (SELECT 0)`,
    `SELECT count(*) FROM t, LATERAL (SELECT y FROM generate_series(1, 100000) y WHERE y > t.b) l`,
    `INSERT INTO t SELECT x + 10000, 0 FROM ${g} x`,
    `UPDATE t SET b = b + 1 FROM ${g} x WHERE x = -1`,
    `CREATE TABLE t2 AS SELECT x FROM ${g} x`,
  ];
  for (const text of statements) {
    const f = await cancelFromTimer(s, text);
    assert.equal(f.code, '57014', `${text}: ${f.message}`);
    assert.match(f.message, /due to user request/, text);
    assert.ok(f.turns > 0, text);
  }
  // Nothing of the cancelled writes remains.
  assert.deepEqual((await s.query('SELECT count(*) AS n FROM t')).rows, [{ n: '2000' }]);
  assert.equal((await failure(s.query('SELECT * FROM t2'))).code, '42P01');
  await s.close();
  await db.close();
});

test('statement_timeout still ends a long statement with 57014 (checked at pauses too)', async () => {
  const db = await fresh();
  const s = db.session();
  await s.query("SET statement_timeout = '200ms'");
  for (const text of [`SELECT count(*) FROM generate_series(1, ${big})`, `CREATE TABLE t AS SELECT x FROM generate_series(1, ${big}) x`]) {
    const f = await failure(s.query(text));
    assert.equal(f.code, '57014', text);
    assert.match(f.message, /canceling statement due to statement timeout/, text);
  }
  await s.close();
  await db.close();
});
