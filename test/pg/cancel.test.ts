/**
 * Cancelling a running statement (must-show 1) and the session timeouts: node-postgres's cancel
 * (a CancelRequest on a new connection with the backend's key) on a long scan, postgres.js's
 * query.cancel(), raw CancelRequests against a statement waiting for a row lock (with the right key:
 * 57014; with a wrong key: ignored), statement_timeout (57014) and
 * idle_in_transaction_session_timeout (FATAL 25P03, then the connection is closed), with the
 * messages PostgreSQL 15 sends.
 *
 * The lock-wait cases need no CPU and no clock: the server closing the CancelRequest's connection
 * says it read the request. Sleeps here only give a statement time to start; nothing asserts speed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import * as raw from './raw.js';
import { codeOf, eventually, failure, sleep, startTarget, type Target } from './lib.js';

let target: Target;

/** A statement that runs until cancelled (seconds on either server). */
const longScan = 'select count(*) from generate_series(1, 100000000)';

before(async () => {
  target = await startTarget();
  const c = await target.pgClient();
  await c.query('drop table if exists k');
  await c.query('create table k (id int primary key, v int)');
  await c.query('insert into k values (1, 0)');
  await c.end();
});

after(async () => {
  await target.close();
});

/** Sends a CancelRequest and resolves once the server has closed that connection. */
async function sendCancel(pid: number, key: number): Promise<void> {
  const c = await raw.RawConnection.open(target.port);
  c.write(raw.cancelRequest(pid, key));
  const guard = setTimeout(() => c.destroy(), 10_000);
  await c.whenClosed;
  clearTimeout(guard);
}

/** Session A holds k's row 1; B's update of it waits. Returns B's pending update. */
async function blockedUpdate(a: pg.Client, b: pg.Client): Promise<{ settled: () => boolean; result: Promise<unknown> }> {
  await a.query('begin');
  await a.query('update k set v = v + 1 where id = 1');
  let done = false;
  const result = b.query('update k set v = v + 10 where id = 1').finally(() => {
    done = true;
  });
  result.catch(() => {});
  await sleep(100); // let it reach the lock wait
  assert.equal(done, false, 'the update waits for the row lock');
  return { settled: () => done, result };
}

describe('cancel', () => {
  test('node-postgres cancel of a long scan: 57014, and the connection goes on', async () => {
    const c = await target.pgClient();
    try {
      const running = c.query(longScan);
      running.catch(() => {});
      await sleep(200);
      const canceller = new pg.Client(target.pgConfig());
      (canceller as unknown as { cancel(client: pg.Client, query: unknown): void }).cancel(c, (c as unknown as { activeQuery: unknown }).activeQuery);
      const e = await failure(() => running);
      assert.equal(codeOf(e), '57014');
      assert.equal(e.message, 'canceling statement due to user request');
      assert.deepEqual((await c.query('select 1 as one')).rows, [{ one: 1 }]);
    } finally {
      await c.end();
    }
  });

  test('postgres.js query.cancel()', async () => {
    const sql = target.postgresJs();
    try {
      const q = sql.unsafe(longScan);
      const settled = q.then(
        () => undefined,
        (e: unknown) => e,
      );
      await sleep(200);
      await q.cancel();
      const e = await settled;
      assert.equal(codeOf(e), '57014');
      assert.deepEqual([...(await sql`select 2 as two`)], [{ two: 2 }]);
    } finally {
      await sql.end();
    }
  });

  test('CancelRequest with the right key cancels a lock wait; inside a block the block fails', async () => {
    const a = await target.pgClient();
    const b = await target.pgClient();
    try {
      await b.query('begin');
      const w = await blockedUpdate(a, b);
      const bb = b as unknown as { processID: number; secretKey: number };
      await sendCancel(bb.processID, bb.secretKey);
      const e = await failure(() => w.result);
      assert.deepEqual([codeOf(e), e.message], ['57014', 'canceling statement due to user request']);
      assert.equal(codeOf(await failure(() => b.query('select 1'))), '25P02');
      await b.query('rollback');
      await a.query('commit');
      assert.deepEqual((await b.query('select v from k where id = 1')).rows, [{ v: 1 }]);
    } finally {
      await a.query('rollback').catch(() => {});
      await Promise.all([a.end(), b.end()]);
    }
  });

  test('CancelRequest with a wrong key, or for an unknown process, is ignored', async () => {
    const a = await target.pgClient();
    const b = await target.pgClient();
    try {
      const w = await blockedUpdate(a, b);
      const bb = b as unknown as { processID: number; secretKey: number };
      await sendCancel(bb.processID, (bb.secretKey + 1) | 0);
      await sendCancel(bb.processID + 100_000, bb.secretKey);
      await sleep(200);
      assert.equal(w.settled(), false, 'still waiting after the bad cancels');
      await a.query('commit');
      await w.result;
      assert.deepEqual((await b.query('select v from k where id = 1')).rows, [{ v: 12 }]);
    } finally {
      await a.query('rollback').catch(() => {});
      await Promise.all([a.end(), b.end()]);
    }
  });

  test('a CancelRequest when nothing runs changes nothing', async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
    try {
      await sendCancel(c.pid, c.secretKey);
      assert.deepEqual((await c.simple('select 3')).map(raw.summary), ['T ?column?', 'D ["3"]', 'C SELECT 1', 'Z I']);
    } finally {
      await c.end();
    }
  });
});

describe('timeouts', () => {
  test('statement_timeout cancels a long scan and a lock wait with 57014', async () => {
    const a = await target.pgClient();
    const b = await target.pgClient();
    try {
      await b.query("set statement_timeout = '150ms'");
      const e = await failure(() => b.query(longScan));
      assert.deepEqual([codeOf(e), e.message], ['57014', 'canceling statement due to statement timeout']);
      await a.query('begin');
      await a.query('update k set v = v + 1 where id = 1');
      const f = await failure(() => b.query('update k set v = v + 10 where id = 1'));
      assert.deepEqual([codeOf(f), f.message], ['57014', 'canceling statement due to statement timeout']);
      await a.query('rollback');
      await b.query('reset statement_timeout');
      assert.deepEqual((await b.query('select 4 as four')).rows, [{ four: 4 }]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  test('idle_in_transaction_session_timeout: FATAL 25P03, then the server closes the connection', async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
    await c.simple("set idle_in_transaction_session_timeout = '150ms'");
    // Idle outside a transaction: nothing happens.
    await sleep(300);
    assert.deepEqual((await c.simple('select 5')).map(raw.summary), ['T ?column?', 'D ["5"]', 'C SELECT 1', 'Z I']);
    assert.deepEqual((await c.simple('begin; select 6')).map(raw.summary), ['C BEGIN', 'T ?column?', 'D ["6"]', 'C SELECT 1', 'Z T']);
    const m = await c.next(10_000);
    const f = raw.fields(m);
    assert.deepEqual([m.type, f['S'], f['V'], f['C'], f['M']], ['E', 'FATAL', 'FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout']);
    assert.ok(await eventually(() => c.closed), 'the connection is closed');
    c.destroy();
  });

  test('node-postgres sees the idle-in-transaction termination as an error; others carry on', async () => {
    const c = new pg.Client(target.pgConfig());
    const errors: unknown[] = [];
    c.on('error', (e) => errors.push(e));
    await c.connect();
    await c.query("set idle_in_transaction_session_timeout = '100ms'");
    await c.query('begin');
    await c.query('update k set v = 100 where id = 1');
    assert.ok(await eventually(() => errors.length > 0), 'an error event');
    assert.equal(codeOf(errors[0]), '25P03');
    await assert.rejects(c.query('select 1'));
    await c.end().catch(() => {});
    // The terminated session's transaction was rolled back and released its lock.
    const d = await target.pgClient();
    try {
      await d.query("set statement_timeout = '5s'");
      await d.query('update k set v = v where id = 1');
      assert.notDeepEqual((await d.query('select v from k where id = 1')).rows, [{ v: 100 }]);
    } finally {
      await d.end();
    }
  });
});
