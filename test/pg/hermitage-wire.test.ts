/**
 * Hermitage over the wire (issue 7, must-show 3): every scenario of test/txn/hermitage.ts at read
 * committed, repeatable read and serializable (54 runs), each transaction a node-postgres client
 * connected to BasaltDB's PostgreSQL server, checked step by step against PostgreSQL 15's outcome
 * by the same runner as the embedded test (test/sql/lib.ts: rows, counts, blocking and its release,
 * 40001 / 40P01 / 25P02, COMMIT answered by ROLLBACK, the final table). The expected outcomes were
 * checked against a real PostgreSQL 15 with that runner (test/sql/hermitage-pg.ts).
 *
 * Blocking is observed without clocks: the server runs in this process, so a pending statement is
 * "waiting for a lock" when the engine's lock-wait counter has grown since the step started
 * (`db.stats().lockWaits`). A step is given until it settles or starts waiting; a hang guard
 * (never an assertion on speed) bounds every wait.
 *
 * After each run the sessions are closed and the engine must hold no transaction and no lock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import type { Database } from '../../src/index.js';
import { isolationLevels, scenarios, setupSql, type Row } from '../txn/hermitage.js';
import { endAll, runScenario, toRows, type Backend, type SqlClient, type Tracked } from '../sql/lib.js';
import { eventually, realPort, startTarget, within, type Target } from './lib.js';

/** Hang guards: how long a step may take to settle or to start waiting, and a released step to settle. */
const settleGuardMs = 10_000;
const releaseGuardMs = 10_000;
const testTimeoutMs = 60_000;

let target: Target;
let admin: pg.Client;

function wireBackend(db: Database, clients: pg.Client[]): Backend {
  let lastMark = 0;
  const lockWaits = (): number => db.stats().lockWaits;
  return {
    session: async (): Promise<SqlClient> => {
      const c = await target.pgClient();
      clients.push(c);
      return {
        query: async (text) => {
          const r = await c.query(text);
          return { rows: r.rows, rowCount: r.rowCount, command: r.command };
        },
      };
    },
    mark: () => {
      lastMark = lockWaits();
      return lastMark;
    },
    settles: async (t: Tracked) => {
      // Settled, or started waiting for a lock (then the runner decides whether that is right).
      await eventually(() => t.settled || lockWaits() > lastMark, settleGuardMs, 2);
      return t.settled;
    },
    waitsForLock: async (_n, t, mark) => {
      if (lockWaits() > mark) return true;
      // The statement may still be on its way to the lock: wait for either outcome.
      await eventually(() => t.settled || lockWaits() > mark, settleGuardMs, 2);
      return !t.settled && lockWaits() > mark;
    },
    released: async (t) => {
      await within(t.done, releaseGuardMs);
      return t.settled;
    },
    tableRows: async (): Promise<Row[]> => toRows((await admin.query('select id, value from test order by id')).rows),
  };
}

before(async () => {
  target = await startTarget();
  admin = await target.pgClient();
});

after(async () => {
  await admin?.end();
  await target?.close();
});

describe('Hermitage over two wire connections', { skip: realPort !== undefined ? 'needs the engine in-process (lock-wait counter); hermitage-pg.ts is the PostgreSQL run' : false }, () => {
  for (const s of scenarios) {
    for (const level of isolationLevels) {
      test(`${s.id} @ ${level}: ${s.title}`, { timeout: testTimeoutMs }, async () => {
        const db = target.db!;
        await admin.query('drop table if exists test');
        for (const sql of setupSql) await admin.query(sql);
        const clients: pg.Client[] = [];
        const sessions = new Map<number, SqlClient>();
        let passed = false;
        try {
          await runScenario(wireBackend(db, clients), s, level, sessions);
          passed = true;
        } finally {
          if (!passed) await endAll(sessions);
          await Promise.all(clients.map((c) => c.end().catch(() => {})));
        }
        // Closed sessions leave nothing behind (the server ends them asynchronously).
        assert.ok(await eventually(() => db.stats().activeTransactions === 0 && db.stats().locksHeld === 0), `${s.id} @ ${level}: transactions or locks left behind`);
      });
    }
  }
});
