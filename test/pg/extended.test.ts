/**
 * The extended query protocol (must-show 1): Parse/Bind/Describe/Execute/Sync/Flush/Close with
 * named and unnamed statements and portals, row limits and PortalSuspended, parameter type
 * inference, errors skipping to Sync, and the implicit transaction of a Sync-delimited batch.
 * Raw transcripts are what PostgreSQL 15 answered (raw.ts summaries); then node-postgres
 * (parameters, named statements, rowMode 'array', `rows` = Execute with a row limit continued by
 * Flush) and postgres.js (prepared statements, cursors).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type pg from 'pg';
import * as raw from './raw.js';
import { type Target, codeOf, failure, gap, startTarget } from './lib.js';

let target: Target;
let conn: raw.RawConnection;

/** Sends `msgs` then Sync, and compares the summaries of the messages up to ReadyForQuery. */
async function ext(msgs: readonly Buffer[], expected: readonly string[], where = ''): Promise<void> {
  conn.write([...msgs, raw.sync()]);
  const ms = await conn.readyForQuery();
  assert.deepEqual(ms.map(raw.summary), expected, where);
}

/** Known differences from PostgreSQL, reported in /work/notes/pg-clients.md (BasaltDB only). */
before(async () => {
  target = await startTarget();
  conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
  await conn.simple('drop table if exists u; drop table if exists z');
  await conn.simple('create table u (id int primary key, v text, n numeric(10,2), vc varchar(5))');
  await conn.simple("insert into u select g, 'v' || g, g, 'c' || g from generate_series(1, 10) g");
  await conn.simple('create table z (a int)');
});

// A failed test may leave the connection in a transaction block, or closed: start each test idle.
beforeEach(async () => {
  if (conn.closed) conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
  if (conn.status !== 'I') await conn.simple('rollback');
});

after(async () => {
  await conn.end();
  await target.close();
});

describe('statements: Parse, Describe, Close', () => {
  test('Describe of a statement gives parameter types (inferred or declared) and the row shape', async () => {
    await ext([raw.parse('s1', 'select $1::int + 1 as x, $2 as y', [0, 25]), raw.describe('S', 's1')], ['1', 't 23,25', 'T x,y', 'Z I']);
    await ext([raw.parse('', 'select * from u where id = $1 and v = $2'), raw.describe('S')], ['1', 't 23,25', 'T id,v,n,vc', 'Z I']);
    await ext([raw.parse('', 'insert into u values ($1, $2, $3, $4) returning id'), raw.describe('S')], ['1', 't 23,25,1700,1043', 'T id', 'Z I']);
    await ext([raw.parse('', 'update u set n = $1 where vc = $2'), raw.describe('S')], ['1', 't 1700,25', 'n', 'Z I']);
    await ext([raw.parse('', 'select $1')], ['1', 'Z I']);
    for (const [sql, types] of [
      ['select $1', '25'],
      ['select $1 + 1', '23'],
      ['select $1::int8', '20'],
      ['select $1 = 1.5', '1700'],
      ["select coalesce($1, 'x')", '25'],
      ['select 1 limit $1', '20'],
      ['delete from u where id = $1', '23'],
    ] as const) {
      conn.write([raw.parse('', sql), raw.describe('S'), raw.sync()]);
      const ms = await conn.readyForQuery();
      assert.equal(raw.summary(ms.find((m) => m.type === 't')!), `t ${types}`, sql);
    }
  });

  test('RowDescription types, lengths and typmods of table columns', async () => {
    conn.write([raw.parse('', 'select id, v, n, vc, count(*) over () as c from u'), raw.describe('S'), raw.sync()]);
    const ms = await conn.readyForQuery();
    const cols = raw.rowDescription(ms.find((m) => m.type === 'T')!);
    assert.deepEqual(
      cols.map((c) => [c.name, c.typeOid, c.typeLen, c.typmod, c.format]),
      [
        ['id', 23, 4, -1, 0],
        ['v', 25, -1, -1, 0],
        ['n', 1700, -1, 655366, 0],
        ['vc', 1043, -1, 9, 0],
        ['c', 20, 8, -1, 0],
      ],
    );
  });

  test('RowDescription names the table OID and column number of a table column', gap('table OID and attnum are 0'), async () => {
    conn.write([raw.parse('', 'select vc, id, 1 as k from u'), raw.describe('S'), raw.sync()]);
    const cols = raw.rowDescription((await conn.readyForQuery()).find((m) => m.type === 'T')!);
    assert.deepEqual(cols.map((c) => c.attnum), [4, 1, 0]);
    assert.ok(cols[0]!.tableOid !== 0 && cols[0]!.tableOid === cols[1]!.tableOid, 'table OID of u');
    assert.equal(cols[2]!.tableOid, 0);
  });

  test('named statements: reuse, duplicate 42P05, Close, then 26000; closing a missing one is fine', async () => {
    await ext([raw.parse('ns', 'select $1::int * 2 as d')], ['1', 'Z I']);
    await ext([raw.bind({ statement: 'ns', params: ['21'] }), raw.execute(), raw.bind({ statement: 'ns', params: ['5'] }), raw.execute()], ['2', 'D ["42"]', 'C SELECT 1', '2', 'D ["10"]', 'C SELECT 1', 'Z I']);
    await ext([raw.parse('ns', 'select 43')], ['E 42P05 prepared statement "ns" already exists', 'Z I']);
    await ext([raw.close('S', 'ns'), raw.bind({ statement: 'ns' }), raw.execute()], ['3', 'E 26000 prepared statement "ns" does not exist', 'Z I']);
    await ext([raw.close('S', 'nonexist'), raw.close('P', 'nonexist')], ['3', '3', 'Z I']);
    await ext([raw.describe('S', 'zz')], ['E 26000 prepared statement "zz" does not exist', 'Z I']);
  });

  test('the unnamed statement is replaced by the next Parse and outlives Sync', async () => {
    await ext([raw.parse('', 'select 1 as a')], ['1', 'Z I']);
    await ext([raw.bind(), raw.execute()], ['2', 'D ["1"]', 'C SELECT 1', 'Z I']);
    await ext([raw.parse('', 'select 2 as b'), raw.bind(), raw.execute()], ['1', '2', 'D ["2"]', 'C SELECT 1', 'Z I']);
  });

  test('a simple Query destroys the unnamed statement', async () => {
    await ext([raw.parse('', 'select 7')], ['1', 'Z I']);
    assert.deepEqual((await conn.simple('select 8')).map(raw.summary), ['T ?column?', 'D ["8"]', 'C SELECT 1', 'Z I']);
    await ext([raw.bind(), raw.execute()], ['E 26000 unnamed prepared statement does not exist', 'Z I']);
  });

  test('SQL PREPARE/DEALLOCATE share the namespace of protocol-level statements', gap('separate namespaces'), async () => {
    await ext([raw.parse('ps', 'select $1::int * 3')], ['1', 'Z I']);
    assert.deepEqual((await conn.simple('deallocate ps')).map(raw.summary), ['C DEALLOCATE', 'Z I']);
    assert.deepEqual((await conn.simple('prepare q2(int) as select $1 + 1')).map(raw.summary), ['C PREPARE', 'Z I']);
    await ext([raw.bind({ statement: 'q2', params: ['5'] }), raw.execute()], ['2', 'D ["6"]', 'C SELECT 1', 'Z I']);
    await conn.simple('deallocate all');
  });

  test('Parse analyses the statement: unknown tables and columns fail at Parse', async () => {
    await ext([raw.parse('bad', 'select * from nosuch')], ['E 42P01 relation "nosuch" does not exist', 'Z I']);
    await ext([raw.parse('', 'select nope from u'), raw.describe('S')], ['E 42703 column "nope" does not exist', 'Z I']);
    await ext([raw.bind({ statement: 'bad' })], ['E 26000 prepared statement "bad" does not exist', 'Z I']);
  });

  test('a syntax error at Parse, with its position; several commands in one Parse are refused', async () => {
    conn.write([raw.parse('', 'select 1 frm u'), raw.sync()]);
    const ms = await conn.readyForQuery();
    const f = raw.fields(ms[0]!);
    assert.deepEqual([f['S'], f['V'], f['C'], f['M'], f['P']], ['ERROR', 'ERROR', '42601', 'syntax error at or near "u"', '14']);
    await ext([raw.parse('', 'select 1; select 2')], ['E 42601 cannot insert multiple commands into a prepared statement', 'Z I']);
  });
});

describe('portals: Bind, Execute with a row limit, PortalSuspended', () => {
  test('Execute with max rows suspends the portal and resumes it', async () => {
    conn.write([raw.parse('', 'select id from u order by id'), raw.bind({ portal: 'p1' }), raw.describe('P', 'p1'), raw.execute('p1', 3), raw.execute('p1', 3), raw.execute('p1', 3), raw.execute('p1', 3), raw.sync()]);
    const ms = (await conn.readyForQuery()).map(raw.summary);
    // (The tag's count is checked in the next test.)
    assert.deepEqual(ms.map((x) => (x.startsWith('C SELECT') ? 'C SELECT' : x)), [
      '1', '2', 'T id', 'D ["1"]', 'D ["2"]', 'D ["3"]', 's', 'D ["4"]', 'D ["5"]', 'D ["6"]', 's', 'D ["7"]', 'D ["8"]', 'D ["9"]', 's', 'D ["10"]', 'C SELECT', 'Z I',
    ]);
    // Outside a transaction block, Sync closes the portal.
    await ext([raw.execute('p1', 3)], ['E 34000 portal "p1" does not exist', 'Z I']);
    await ext([raw.execute('', 0)], ['E 34000 portal "" does not exist', 'Z I']);
  });

  test('the tag of a portal run in chunks counts the rows of the last Execute', async () => {
    await ext(
      [raw.parse('', 'select id from u where id <= 5 order by id'), raw.bind(), raw.execute('', 2), raw.execute('', 2), raw.execute('', 2)],
      ['1', '2', 'D ["1"]', 'D ["2"]', 's', 'D ["3"]', 'D ["4"]', 's', 'D ["5"]', 'C SELECT 1', 'Z I'],
    );
  });

  test('a limit equal to the rows left suspends; the next Execute completes with SELECT 0', async () => {
    await ext([raw.parse('', 'select 1'), raw.bind(), raw.execute('', 1), raw.execute('', 1)], ['1', '2', 'D ["1"]', 's', 'C SELECT 0', 'Z I']);
  });

  test('inside a transaction block a suspended portal survives Sync until Close or commit', async () => {
    assert.deepEqual((await conn.simple('begin')).map(raw.summary), ['C BEGIN', 'Z T']);
    await ext([raw.parse('', 'select id from u order by id'), raw.bind({ portal: 'p2' }), raw.execute('p2', 4)], ['1', '2', 'D ["1"]', 'D ["2"]', 'D ["3"]', 'D ["4"]', 's', 'Z T']);
    await ext([raw.execute('p2', 4)], ['D ["5"]', 'D ["6"]', 'D ["7"]', 'D ["8"]', 's', 'Z T']);
    await ext([raw.close('P', 'p2')], ['3', 'Z T']);
    assert.deepEqual((await conn.simple('rollback')).map(raw.summary), ['C ROLLBACK', 'Z I']);
  });

  test('Execute of a missing portal inside a block fails the block', async () => {
    await conn.simple('begin');
    await ext([raw.execute('nope', 4)], ['E 34000 portal "nope" does not exist', 'Z E']);
    assert.deepEqual((await conn.simple('rollback')).map(raw.summary), ['C ROLLBACK', 'Z I']);
  });

  test('Describe of a portal, before and after it runs', async () => {
    await conn.simple('begin');
    await ext(
      [raw.parse('', 'select 1 as a'), raw.bind({ portal: 'pp' }), raw.describe('P', 'pp'), raw.execute('pp', 0), raw.describe('P', 'pp')],
      ['1', '2', 'T a', 'D ["1"]', 'C SELECT 1', 'T a', 'Z T'],
    );
    await conn.simple('rollback');
    await ext([raw.parse('', 'insert into z values (1)'), raw.bind(), raw.describe('P')], ['1', '2', 'n', 'Z I']);
  });

  test('an empty statement: NoData on Describe, EmptyQueryResponse on Execute', async () => {
    await ext([raw.parse('', ''), raw.bind(), raw.describe('P'), raw.execute()], ['1', '2', 'n', 'I', 'Z I']);
  });

  test('DML with a row limit on its RETURNING still changes every row', async () => {
    conn.write([raw.parse('', "insert into z select g from generate_series(100, 104) g returning a"), raw.bind(), raw.execute('', 2), raw.sync()]);
    const ms = await conn.readyForQuery();
    assert.deepEqual(ms.map(raw.summary), ['1', '2', 'D ["100"]', 'D ["101"]', 's', 'Z I']);
    assert.deepEqual((await conn.simple('select count(*) from z where a >= 100')).map(raw.summary), ['T count', 'D ["5"]', 'C SELECT 1', 'Z I']);
  });

  test('Flush sends what is ready without waiting for Sync', async () => {
    conn.write([raw.parse('fl', 'select 42'), raw.bind({ statement: 'fl' }), raw.execute(), raw.flush()]);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push(raw.summary(await conn.next()));
    assert.deepEqual(got, ['1', '2', 'D ["42"]', 'C SELECT 1']);
    await ext([], ['Z I']);
    // Flush between suspended Executes, as node-postgres's `rows` option does.
    conn.write([raw.bind({ statement: 'fl', portal: 'f' }), raw.execute('f', 1), raw.flush()]);
    assert.deepEqual([raw.summary(await conn.next()), raw.summary(await conn.next())], ['2', 'D ["42"]']);
    await conn.simple('select 1'); // a Query also ends the extended batch (and its implicit transaction)
    await ext([raw.close('S', 'fl')], ['3', 'Z I']);
  });

  test('Bind with the wrong number of parameters is an ERROR, not FATAL: the session goes on', async () => {
    await ext([raw.parse('', 'select $1::int')], ['1', 'Z I']);
    await ext([raw.bind({ params: [] })], ['E 08P01 bind message supplies 0 parameters, but prepared statement "" requires 1', 'Z I']);
    await ext([raw.bind({ params: ['3'] }), raw.execute()], ['2', 'D ["3"]', 'C SELECT 1', 'Z I']);
  });

  test('a parameter that does not convert (text or binary) fails at Bind', gap('BindComplete, then the error at Execute'), async () => {
    await ext([raw.parse('', 'select $1::int')], ['1', 'Z I']);
    await ext([raw.bind({ params: ['abc'] }), raw.execute()], ['E 22P02 invalid input syntax for type integer: "abc"', 'Z I']);
    await ext([raw.parse('', 'select $1::int4'), raw.bind({ params: [Buffer.from([0, 0, 1])] }), raw.execute()], ['1', 'E 08P01 insufficient data left in message', 'Z I']);
  });

  test('Bind with more result formats than columns fails', async () => {
    await ext([raw.parse('', 'select 1, 2'), raw.bind({ resultFormats: [0, 1, 0] })], ['1', 'E 08P01 bind message has 3 result formats but query has 2 columns', 'Z I']);
  });

  test('Bind and Execute of missing statements and portals', async () => {
    await ext([raw.bind({ statement: 'missing' })], ['E 26000 prepared statement "missing" does not exist', 'Z I']);
    await ext([raw.execute('missing')], ['E 34000 portal "missing" does not exist', 'Z I']);
  });
});

describe('errors and transactions in the extended protocol', () => {
  test('after an error every message up to Sync is skipped', async () => {
    await conn.simple('truncate z; insert into z values (0)');
    await ext(
      [raw.parse('', 'select 1/a from z'), raw.bind(), raw.execute(), raw.parse('', 'select 1'), raw.bind(), raw.execute(), raw.describe('S', 'nothing')],
      ['1', '2', 'E 22012 division by zero', 'Z I'],
    );
  });

  test('a Sync-delimited batch is one implicit transaction: an error rolls back its earlier statements', async () => {
    await ext(
      [raw.parse('', 'insert into z values ($1)'), raw.bind({ params: ['7'] }), raw.execute(), raw.parse('', 'select 1/a from z where a = 0'), raw.bind(), raw.execute()],
      ['1', '2', 'C INSERT 0 1', '1', '2', 'E 22012 division by zero', 'Z I'],
    );
    assert.deepEqual((await conn.simple('select count(*) from z where a = 7')).map(raw.summary), ['T count', 'D ["0"]', 'C SELECT 1', 'Z I']);
    // Without the error, the batch commits at Sync.
    await ext([raw.parse('', 'insert into z values ($1)'), raw.bind({ params: ['8'] }), raw.execute()], ['1', '2', 'C INSERT 0 1', 'Z I']);
    assert.deepEqual((await conn.simple('select count(*) from z where a = 8')).map(raw.summary), ['T count', 'D ["1"]', 'C SELECT 1', 'Z I']);
  });

  test('BEGIN through Execute opens a block; an error fails it (E) and later Parses get 25P02', async () => {
    await ext([raw.parse('', 'begin'), raw.bind(), raw.execute(), raw.parse('', 'select 1/a from z where a = 0'), raw.bind(), raw.execute()], ['1', '2', 'C BEGIN', '1', '2', 'E 22012 division by zero', 'Z E']);
    await ext([raw.parse('', 'select 1'), raw.bind(), raw.execute()], ['E 25P02 current transaction is aborted, commands ignored until end of transaction block', 'Z E']);
    assert.deepEqual((await conn.simple('rollback')).map(raw.summary), ['C ROLLBACK', 'Z I']);
  });

  test('ROLLBACK and COMMIT can be parsed and executed in a failed block', async () => {
    await ext([raw.parse('', 'begin'), raw.bind(), raw.execute(), raw.parse('', 'select 1/a from z where a = 0'), raw.bind(), raw.execute()], ['1', '2', 'C BEGIN', '1', '2', 'E 22012 division by zero', 'Z E']);
    await ext([raw.parse('', 'rollback'), raw.bind(), raw.execute()], ['1', '2', 'C ROLLBACK', 'Z I']);
    await ext([raw.parse('', 'begin'), raw.bind(), raw.execute(), raw.parse('', 'select 1/a from z where a = 0'), raw.bind(), raw.execute()], ['1', '2', 'C BEGIN', '1', '2', 'E 22012 division by zero', 'Z E']);
    await ext([raw.parse('c', 'commit'), raw.bind({ statement: 'c' }), raw.execute()], ['1', '2', 'C ROLLBACK', 'Z I']);
  });

  test('a lone Sync answers ReadyForQuery', async () => {
    await ext([], ['Z I']);
  });
});

describe('node-postgres, extended protocol', () => {
  test('parameters, named statements reused, rowMode array', async () => {
    const c = await target.pgClient();
    try {
      assert.deepEqual((await c.query('select $1::int + $2::int as s, $3::text as t', [1, 2, 'x'])).rows, [{ s: 3, t: 'x' }]);
      for (const v of ['a', 'b', null]) {
        const r = await c.query({ name: 'by-name', text: 'select $1::text as x, $1 is null as isnull', values: [v] });
        assert.deepEqual(r.rows, [{ x: v, isnull: v === null }]);
      }
      const r = await c.query({ text: 'select id, v from u where id <= $1 order by id', values: [3], rowMode: 'array' });
      assert.deepEqual(r.rows, [
        [1, 'v1'],
        [2, 'v2'],
        [3, 'v3'],
      ]);
      assert.deepEqual(r.fields.map((f) => f.name), ['id', 'v']);
      const e = await failure(() => c.query('select $1::int', ['nope']));
      assert.equal(codeOf(e), '22P02');
      assert.deepEqual((await c.query({ name: 'by-name', text: 'select $1::text as x, $1 is null as isnull', values: ['c'] })).rows, [{ x: 'c', isnull: false }]);
    } finally {
      await c.end();
    }
  });

  test('`rows`: Execute with a row limit, continued with Flush until complete', async () => {
    const c = await target.pgClient();
    try {
      const r = await c.query({ text: 'select id from u where id > $1 order by id', values: [0], rows: 3 } as pg.QueryConfig);
      assert.deepEqual(r.rows.map((x: { id: number }) => x.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // The connection is in a clean state afterwards.
      assert.deepEqual((await c.query('select 1 as one')).rows, [{ one: 1 }]);
    } finally {
      await c.end();
    }
  });
});

describe('postgres.js, extended protocol', () => {
  test('prepared statements and parameters', async () => {
    const sql = target.postgresJs();
    try {
      for (const id of [2, 4, 6]) {
        const rows = await sql`select id, v from u where id = ${id}`;
        assert.deepEqual([...rows], [{ id, v: `v${id}` }]);
      }
      const e = await failure(async () => sql`select ${'x'}::int`);
      assert.equal(codeOf(e), '22P02');
      assert.deepEqual([...(await sql`select ${5}::int * 2 as d`)], [{ d: 10 }]);
    } finally {
      await sql.end();
    }
  });

  test('pipelined queries on one connection: each answered in order; an error fails only its own', async () => {
    const sql = target.postgresJs();
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? sql`select 1 / ${i - i}::int as x` : sql`select ${i}::int as x`)),
      );
      results.forEach((r, i) => {
        if (i % 7 === 3) assert.equal(r.status === 'rejected' ? codeOf(r.reason) : 'fulfilled', '22012', `query ${i}`);
        else assert.deepEqual(r.status === 'fulfilled' ? [...r.value] : r.reason, [{ x: i }], `query ${i}`);
      });
    } finally {
      await sql.end();
    }
  });

  test('a cursor reads the result in chunks (Execute with a row limit)', async () => {
    const sql = target.postgresJs();
    try {
      const chunks: number[][] = [];
      await sql`select id from u order by id`.cursor(4, (rows) => {
        chunks.push(rows.map((x) => x['id'] as number));
      });
      assert.deepEqual(chunks, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    } finally {
      await sql.end();
    }
  });
});

// Last: on BasaltDB the notice it provokes is re-sent at every later Describe of the session.
describe('notices', () => {
  test('a notice belongs to its statement: it is not sent again at a later Describe', async () => {
    assert.deepEqual((await conn.simple('rollback')).map(raw.summary), ['N 25P01 there is no transaction in progress', 'C ROLLBACK', 'Z I']);
    await ext([raw.parse('', 'select 1 as a'), raw.describe('S')], ['1', 't ', 'T a', 'Z I']);
  });
});
