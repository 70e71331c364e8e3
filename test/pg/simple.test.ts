/**
 * The simple query protocol (must-show 1): several statements per Query message and PostgreSQL's
 * implicit-transaction rules, checked message by message (raw.ts transcripts: RowDescription
 * columns, DataRows, CommandComplete tags, ErrorResponse/NoticeResponse SQLSTATE and message,
 * ReadyForQuery status) as PostgreSQL 15 answered them, then through node-postgres and postgres.js.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as raw from './raw.js';
import { type Target, codeOf, failure, startTarget } from './lib.js';

let target: Target;
let conn: raw.RawConnection;

/** Sends `sql` as one Query and compares the summaries of the messages up to ReadyForQuery. */
async function transcript(sql: string, expected: readonly string[], o: { notices?: boolean } = {}): Promise<void> {
  const ms = (await conn.simple(sql)).filter((m) => o.notices !== false || m.type !== 'N');
  assert.deepEqual(ms.map(raw.summary), expected, JSON.stringify(sql));
}

/** Known differences from PostgreSQL, reported in /work/notes/pg-clients.md (BasaltDB only). */
before(async () => {
  target = await startTarget();
  conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
  await conn.simple('drop table if exists t; drop table if exists u');
  await transcript('create table t (a int)', ['C CREATE TABLE', 'Z I']);
});

after(async () => {
  await conn.end();
  await target.close();
});

describe('several statements in one Query', () => {
  test('each statement answers with its own rows and tag', async () => {
    await transcript("select 1 as a, 'x' as b; select 2 as c", ['T a,b', 'D ["1","x"]', 'C SELECT 1', 'T c', 'D ["2"]', 'C SELECT 1', 'Z I']);
    await transcript('select 1; ; select 2', ['T ?column?', 'D ["1"]', 'C SELECT 1', 'T ?column?', 'D ["2"]', 'C SELECT 1', 'Z I']);
    await transcript('select', ['T ', 'D []', 'C SELECT 1', 'Z I']);
  });

  test('an empty query string answers EmptyQueryResponse', async () => {
    await transcript('', ['I', 'Z I']);
    await transcript(';', ['I', 'Z I']);
    await transcript('  -- only a comment\n', ['I', 'Z I']);
  });

  test('an error skips the rest of the message and rolls back the whole implicit transaction', async () => {
    await transcript('select 1; select 1/0; select 2', ['T ?column?', 'D ["1"]', 'C SELECT 1', 'E 22012 division by zero', 'Z I']);
    await transcript('insert into t values (1); insert into t values (2); select 1/0', ['C INSERT 0 1', 'C INSERT 0 1', 'E 22012 division by zero', 'Z I']);
    await transcript('select count(*) from t', ['T count', 'D ["0"]', 'C SELECT 1', 'Z I']);
  });

  test('BEGIN inside the message opens a block that outlives it', async () => {
    await transcript('insert into t values (2); begin; insert into t values (3)', ['C INSERT 0 1', 'C BEGIN', 'C INSERT 0 1', 'Z T']);
    await transcript('rollback', ['C ROLLBACK', 'Z I']);
    // The statement before BEGIN was part of the block and rolled back with it.
    await transcript('select count(*) from t', ['T count', 'D ["0"]', 'C SELECT 1', 'Z I']);
  });

  test('COMMIT inside the message commits what came before; an error after it rolls back only the rest', async () => {
    await transcript('insert into t values (4); commit; insert into t values (5); select 1/0', ['C INSERT 0 1', 'C COMMIT', 'C INSERT 0 1', 'E 22012 division by zero', 'Z I'], {
      notices: false,
    });
    await transcript('begin; insert into t values (6); commit; select 1/0', ['C BEGIN', 'C INSERT 0 1', 'C COMMIT', 'E 22012 division by zero', 'Z I']);
    await transcript('select a from t order by a', ['T a', 'D ["4"]', 'D ["6"]', 'C SELECT 2', 'Z I']);
  });

  test('an error inside an explicit block leaves it failed (E): 25P02 until ROLLBACK or COMMIT', async () => {
    await transcript('begin; select 1/0; select 1', ['C BEGIN', 'E 22012 division by zero', 'Z E']);
    await transcript('select 1', ['E 25P02 current transaction is aborted, commands ignored until end of transaction block', 'Z E']);
    await transcript('insert into t values (7)', ['E 25P02 current transaction is aborted, commands ignored until end of transaction block', 'Z E']);
    // COMMIT of a failed block answers ROLLBACK.
    await transcript('commit', ['C ROLLBACK', 'Z I']);
    await transcript('select 1; begin; select 1/0; commit', ['T ?column?', 'D ["1"]', 'C SELECT 1', 'C BEGIN', 'E 22012 division by zero', 'Z E']);
    await transcript('rollback', ['C ROLLBACK', 'Z I']);
    await transcript('select count(*) from t where a = 7', ['T count', 'D ["0"]', 'C SELECT 1', 'Z I']);
  });

  test('COMMIT and ROLLBACK outside a block warn 25P01; SAVEPOINT outside a block fails', async () => {
    await transcript('commit', ['N 25P01 there is no transaction in progress', 'C COMMIT', 'Z I']);
    await transcript('rollback', ['N 25P01 there is no transaction in progress', 'C ROLLBACK', 'Z I']);
    await transcript('savepoint a', ['E 25P01 SAVEPOINT can only be used in transaction blocks', 'Z I']);
  });

  test('COMMIT in the implicit block of a multi-statement message warns 25P01 too', async () => {
    await transcript('commit; select 1', ['N 25P01 there is no transaction in progress', 'C COMMIT', 'T ?column?', 'D ["1"]', 'C SELECT 1', 'Z I']);
    await transcript('select 1; commit', ['T ?column?', 'D ["1"]', 'C SELECT 1', 'N 25P01 there is no transaction in progress', 'C COMMIT', 'Z I']);
  });

  test('BEGIN inside a block warns 25001 and keeps the block', async () => {
    await transcript('begin', ['C BEGIN', 'Z T']);
    await transcript('begin', ['N 25001 there is already a transaction in progress', 'C BEGIN', 'Z T']);
    await transcript('commit', ['C COMMIT', 'Z I']);
  });

  test('VACUUM cannot run inside the implicit block of a multi-statement message', async () => {
    await transcript('select 1; vacuum', ['T ?column?', 'D ["1"]', 'C SELECT 1', 'E 25001 VACUUM cannot run inside a transaction block', 'Z I']);
    await transcript('vacuum; select 1', ['E 25001 VACUUM cannot run inside a transaction block', 'Z I']);
    await transcript('vacuum', ['C VACUUM', 'Z I']);
  });

  test('SET and SHOW, with the tags PostgreSQL sends', async () => {
    await transcript("set statement_timeout = 100; show statement_timeout; reset statement_timeout; show statement_timeout", [
      'C SET',
      'T statement_timeout',
      'D ["100ms"]',
      'C SHOW',
      'C RESET',
      'T statement_timeout',
      'D ["0"]',
      'C SHOW',
      'Z I',
    ]);
  });

  test('command tags of DML and DDL', async () => {
    await transcript('create table u (id int primary key, v text)', ['C CREATE TABLE', 'Z I']);
    await transcript("insert into u values (1, 'a'), (2, 'b'), (3, 'c'); update u set v = 'z' where id > 1; delete from u where id = 3", [
      'C INSERT 0 3',
      'C UPDATE 2',
      'C DELETE 1',
      'Z I',
    ]);
    await transcript("insert into u values (4, 'd') returning id", ['T id', 'D ["4"]', 'C INSERT 0 1', 'Z I']);
    await transcript('select * from u where false', ['T id,v', 'C SELECT 0', 'Z I']);
    await transcript('truncate t', ['C TRUNCATE TABLE', 'Z I']);
    await transcript('create index u_v on u (v); drop index u_v', ['C CREATE INDEX', 'C DROP INDEX', 'Z I']);
  });
});

describe('node-postgres, simple protocol', () => {
  test('a multi-statement query gives one result per statement', async () => {
    const c = await target.pgClient();
    try {
      const r = (await c.query("select 1 as a; select 'x' as b, 2 as c")) as unknown as { rows: unknown[]; command: string }[];
      assert.equal(r.length, 2);
      assert.deepEqual(r.map((x) => x.rows), [[{ a: 1 }], [{ b: 'x', c: 2 }]]);
    } finally {
      await c.end();
    }
  });

  test('select 1; select 1/0; select 2 fails with 22012 and rolls back the statements before', async () => {
    const c = await target.pgClient();
    try {
      await c.query('truncate t');
      const e = await failure(() => c.query('insert into t values (10); select 1/0; insert into t values (11)'));
      assert.equal(codeOf(e), '22012');
      assert.equal(e.message, 'division by zero');
      assert.deepEqual((await c.query('select count(*)::int as n from t')).rows, [{ n: 0 }]);
      // The connection is usable and not in a transaction.
      await c.query('insert into t values (12)');
      assert.deepEqual((await c.query('select a from t')).rows, [{ a: 12 }]);
    } finally {
      await c.end();
    }
  });

  test('a transaction across queries: BEGIN, error, 25P02, ROLLBACK', async () => {
    const c = await target.pgClient();
    try {
      await c.query('begin');
      await c.query('insert into t values (20)');
      assert.equal(codeOf(await failure(() => c.query('select 1/0'))), '22012');
      assert.equal(codeOf(await failure(() => c.query('select 1'))), '25P02');
      const r = await c.query('commit');
      assert.equal(r.command, 'ROLLBACK');
      assert.deepEqual((await c.query('select count(*)::int as n from t where a = 20')).rows, [{ n: 0 }]);
    } finally {
      await c.end();
    }
  });
});

describe('postgres.js, simple protocol', () => {
  test('unsafe(...).simple() runs several statements', async () => {
    const sql = target.postgresJs();
    try {
      const r = (await sql.unsafe("select 1 as a; select 'y' as b").simple()) as unknown as { [k: string]: unknown }[][];
      assert.deepEqual(r.map((x) => [...x]), [[{ a: 1 }], [{ b: 'y' }]]);
      const e = await failure(() => sql.unsafe('select 1; select 1/0; select 2').simple());
      assert.equal(codeOf(e), '22012');
    } finally {
      await sql.end();
    }
  });

  test('sql.begin commits; a throw inside rolls back', async () => {
    const sql = target.postgresJs();
    try {
      await sql`truncate t`;
      await sql.begin(async (tx) => {
        await tx`insert into t values (30)`;
        await tx`insert into t values (31)`;
      });
      await assert.rejects(
        sql.begin(async (tx) => {
          await tx`insert into t values (32)`;
          throw new Error('abort');
        }),
        /abort/,
      );
      const rows = await sql`select a from t order by a`;
      assert.deepEqual(rows.map((x) => x['a']), [30, 31]);
    } finally {
      await sql.end();
    }
  });
});
