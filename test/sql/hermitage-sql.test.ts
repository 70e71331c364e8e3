/**
 * Hermitage as SQL over sessions (issue 6, must-show 3): every scenario of test/txn/hermitage.ts at
 * read committed, repeatable read and serializable, each transaction a `db.session()`, checked
 * step by step against PostgreSQL 15's outcome (rows, counts, blocking and its release, 40001 /
 * 40P01 / 25P02, COMMIT answered by ROLLBACK, the final table); see lib.ts for the runner. The
 * expected outcomes were checked against a real PostgreSQL 15 with the same runner
 * (hermitage-pg.ts).
 *
 * Blocking is observed without clocks: a statement is started and the event loop is turned a
 * number of times (setImmediate); a blocked statement must still be pending, the engine's lock-wait
 * counter must have grown, and the statement must stay pending while other sessions run their
 * steps, then settle after the releasing step.
 *
 * After the scenario the engine holds no transaction and no lock, and the table reads the same
 * after the database is closed and reopened (committed work durable, rolled-back work gone).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, open, type Database } from '../../src/index.js';
import { isolationLevels, scenarios, setupSql, type Level, type Row, type Scenario } from '../txn/hermitage.js';
import { endAll, runScenario, toRows, type Backend, type SqlClient, type SqlReply, type Tracked } from './lib.js';

/** Event-loop turns a blocked statement is given to (wrongly) settle, and a released one to settle. */
const probeRounds = 20;
const releaseRounds = 200;

async function settledAfter(t: Tracked, rounds: number): Promise<boolean> {
  for (let i = 0; i < rounds && !t.settled; i++) await new Promise<void>((r) => setImmediate(r));
  return t.settled;
}

async function tableRows(db: Database): Promise<Row[]> {
  return toRows((await db.query('select id, value from test order by id')).rows);
}

function engineBackend(db: Database): Backend {
  return {
    session: async (): Promise<SqlClient> => {
      const s = db.session();
      return {
        query: async (text: string): Promise<SqlReply> => {
          const r = await s.query(text);
          return { rows: r.rows, rowCount: r.rowCount, command: r.command };
        },
      };
    },
    mark: () => db.stats().lockWaits,
    settles: (t) => settledAfter(t, probeRounds),
    waitsForLock: async (_n, _t, mark) => db.stats().lockWaits > mark,
    released: (t) => settledAfter(t, releaseRounds),
    tableRows: () => tableRows(db),
  };
}

/** Guard against a hang (an engine that blocks where PostgreSQL does not); never asserted on. */
const testTimeoutMs = 30_000;

/**
 * Known deviations from PostgreSQL, reported to the lead (see /work/notes/sql-txn-triage.md): the
 * test keeps asserting PostgreSQL's outcome and is marked todo until the engine matches.
 */
const knownDeviations: { readonly [scenarioAtLevel: string]: string } = {};

function options(s: Scenario, level: Level): { timeout: number; todo?: string } {
  const todo = knownDeviations[`${s.id} @ ${level}`];
  return todo === undefined ? { timeout: testTimeoutMs } : { timeout: testTimeoutMs, todo };
}

describe('Hermitage as SQL over two sessions', () => {
  for (const s of scenarios) {
    for (const level of isolationLevels) {
      test(`${s.id} @ ${level}: ${s.title}`, options(s, level), async () => {
        const fs = new MemoryFileSystem();
        const db = await open('/db', { fs });
        const sessions = new Map<number, SqlClient>();
        let passed = false;
        try {
          for (const sql of setupSql) await db.query(sql);
          await runScenario(engineBackend(db), s, level, sessions);
          const stats = db.stats();
          assert.equal(stats.activeTransactions, 0, `${s.id} @ ${level}: transactions still active at the end`);
          assert.equal(stats.locksHeld, 0, `${s.id} @ ${level}: locks still held at the end`);
          passed = true;
        } finally {
          if (!passed) await endAll(sessions);
          await db.close();
        }
        // Committed transactions survive a reopen; rolled-back ones left nothing behind.
        const again = await open('/db', { fs });
        try {
          assert.deepEqual(await tableRows(again), s.final[level], `${s.id} @ ${level}: table after reopen`);
        } finally {
          await again.close();
        }
      });
    }
  }
});
