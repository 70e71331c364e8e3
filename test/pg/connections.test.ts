/**
 * Many sessions (must-show 1): 200 concurrent connections each running its own transaction (all
 * commit, and the counts add up), --max-connections with PostgreSQL's FATAL 53300 "sorry, too many
 * clients already" beyond it (and room again once a session ends), and an idle session in a
 * transaction not blocking the others.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type pg from 'pg';
import * as raw from './raw.js';
import { codeOf, eventually, failure, needsServer, realPort, startTarget } from './lib.js';

describe('200 concurrent connections', () => {
  // A real PostgreSQL keeps its default max_connections (100) in validation mode.
  const n = realPort === undefined ? 200 : 80;

  test(`${n} clients, each a transaction: all succeed and the counts add up`, async () => {
    const t = await startTarget({ maxConnections: 250 });
    const clients: pg.Client[] = [];
    try {
      const admin = await t.pgClient();
      await admin.query('drop table if exists log; drop table if exists counter');
      await admin.query('create table log (id int primary key, who text)');
      await admin.query('create table counter (id int primary key, n int)');
      await admin.query('insert into counter values (1, 0)');
      // Every client connects before any transaction starts: n sessions open at once.
      for (let i = 0; i < n; i += 25) {
        clients.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, () => t.pgClient()))));
      }
      await Promise.all(
        clients.map(async (c, i) => {
          await c.query('begin');
          await c.query('insert into log values ($1, $2)', [i, `client ${i}`]);
          await c.query('update counter set n = n + 1 where id = 1');
          const r = await c.query('commit');
          assert.equal(r.command, 'COMMIT');
        }),
      );
      assert.deepEqual((await admin.query('select count(*)::int as c, count(distinct who)::int as d from log')).rows, [{ c: n, d: n }]);
      assert.deepEqual((await admin.query('select n from counter')).rows, [{ n }]);
      await admin.end();
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await t.close();
    }
  });
});

describe('max connections', needsServer('maxConnections'), () => {
  test('one session more than --max-connections gets FATAL 53300; a freed slot admits the next', async () => {
    const t = await startTarget({ maxConnections: 5 });
    const clients: pg.Client[] = [];
    try {
      for (let i = 0; i < 5; i++) clients.push(await t.pgClient());
      const e = await failure(() => t.pgClient());
      assert.deepEqual([codeOf(e), e.message, e['severity']], ['53300', 'sorry, too many clients already', 'FATAL']);
      // The same refusal through the raw protocol: an ErrorResponse, then the socket closes.
      const c = await raw.RawConnection.open(t.port);
      c.write(raw.startupMessage({ user: 'postgres', database: t.database }));
      const ms = await c.drain(5000);
      assert.deepEqual(ms.map(raw.summary), ['E 53300 sorry, too many clients already']);
      await c.whenClosed;
      // The admitted sessions are unaffected.
      for (const k of clients) assert.deepEqual((await k.query('select 1 as one')).rows, [{ one: 1 }]);
      // Ending one makes room (the server notices the close asynchronously).
      await clients.pop()!.end();
      let admitted: pg.Client | undefined;
      assert.ok(
        await eventually(async () => {
          admitted = await t.pgClient().catch(() => undefined);
          return admitted !== undefined;
        }),
        'a new session is admitted once one has ended',
      );
      clients.push(admitted!);
      assert.deepEqual((await admitted!.query('select 2 as two')).rows, [{ two: 2 }]);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await t.close();
    }
  });

  test('CancelRequests and abandoned SSLRequests do not use up slots', async () => {
    const t = await startTarget({ maxConnections: 2 });
    const clients: pg.Client[] = [];
    try {
      clients.push(await t.pgClient());
      for (let i = 0; i < 5; i++) {
        const c = await raw.RawConnection.open(t.port);
        c.write(raw.cancelRequest(i, i));
        await c.whenClosed;
        const d = await raw.RawConnection.open(t.port);
        d.write(raw.sslRequest());
        assert.equal(await d.readByte(), 'N');
        d.destroy();
        await d.whenClosed;
      }
      let second: pg.Client | undefined;
      assert.ok(await eventually(async () => (second = await t.pgClient().catch(() => undefined)) !== undefined), 'the second slot is free');
      clients.push(second!);
      assert.equal(codeOf(await failure(() => t.pgClient())), '53300');
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await t.close();
    }
  });
});

describe('an idle session does not block others', () => {
  test('a session idle inside a transaction holding a row lock blocks only that row', async () => {
    const t = await startTarget();
    const a = await t.pgClient();
    const b = await t.pgClient();
    try {
      await a.query('drop table if exists r; create table r (id int primary key, v int)');
      await a.query('insert into r values (1, 0), (2, 0)');
      await a.query('begin');
      await a.query('update r set v = 1 where id = 1');
      // b works on another row, reads the committed value of row 1, and commits.
      await b.query("set statement_timeout = '10s'");
      await b.query('begin');
      await b.query('update r set v = 2 where id = 2');
      assert.deepEqual((await b.query('select v from r order by id')).rows, [{ v: 0 }, { v: 2 }]);
      await b.query('commit');
      await a.query('commit');
      assert.deepEqual((await b.query('select v from r order by id')).rows, [{ v: 1 }, { v: 2 }]);
    } finally {
      await Promise.all([a.end(), b.end()]);
      await t.close();
    }
  });
});
