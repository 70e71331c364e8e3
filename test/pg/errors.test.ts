/**
 * ErrorResponse and NoticeResponse fields (must-show 1): severity (S and the untranslated V),
 * SQLSTATE, message, detail, hint, position, and the schema/table/column/constraint fields, as
 * PostgreSQL 15 sent them for the same statements (raw.ts), then as node-postgres and postgres.js
 * expose them. PostgreSQL's F/L/R fields (its source file, line and routine) are not compared.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import * as raw from './raw.js';
import { type Target, failure, gap, startTarget } from './lib.js';

let target: Target;
let conn: raw.RawConnection;

/** Known differences from PostgreSQL, reported in /work/notes/pg-clients.md (BasaltDB only). */
/** The fields of the first ErrorResponse/NoticeResponse the statement produces, restricted to `keys`. */
async function fieldsOf(sql: string, keys: string): Promise<{ [k: string]: string }> {
  const ms = await conn.simple(sql);
  const m = ms.find((x) => x.type === 'E' || x.type === 'N');
  assert.ok(m !== undefined, `${sql}: no ErrorResponse or NoticeResponse`);
  const f = raw.fields(m);
  const out: { [k: string]: string } = {};
  for (const k of keys) if (f[k] !== undefined) out[k] = f[k];
  return out;
}

/** Statements and the fields PostgreSQL 15 sent (S V C M D H P). */
const cases: readonly (readonly [string, { readonly [k: string]: string }])[] = [
  [
    "insert into u values (1, 'b', 1)",
    { S: 'ERROR', V: 'ERROR', C: '23505', M: 'duplicate key value violates unique constraint "u_pkey"', D: 'Key (id)=(1) already exists.' },
  ],
  [
    "insert into u values (9, 'x', 1), (9, 'y', 1)",
    { S: 'ERROR', V: 'ERROR', C: '23505', M: 'duplicate key value violates unique constraint "u_pkey"', D: 'Key (id)=(9) already exists.' },
  ],
  [
    'insert into u values (2, null, 1)',
    { S: 'ERROR', V: 'ERROR', C: '23502', M: 'null value in column "v" of relation "u" violates not-null constraint', D: 'Failing row contains (2, null, 1).' },
  ],
  [
    "insert into u values (3, 'c', -1)",
    { S: 'ERROR', V: 'ERROR', C: '23514', M: 'new row for relation "u" violates check constraint "u_n_check"', D: 'Failing row contains (3, c, -1).' },
  ],
  [
    'insert into ch values (1, 5)',
    { S: 'ERROR', V: 'ERROR', C: '23503', M: 'insert or update on table "ch" violates foreign key constraint "ch_pid_fkey"', D: 'Key (pid)=(5) is not present in table "p".' },
  ],
  [
    'select nosuchfunc(1)',
    {
      S: 'ERROR',
      V: 'ERROR',
      C: '42883',
      M: 'function nosuchfunc(integer) does not exist',
      H: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      P: '8',
    },
  ],
  ["select 1 + 'x'", { S: 'ERROR', V: 'ERROR', C: '22P02', M: 'invalid input syntax for type integer: "x"', P: '12' }],
  ['select * from u where', { S: 'ERROR', V: 'ERROR', C: '42601', M: 'syntax error at end of input', P: '22' }],
  ['select * from nosuch', { S: 'ERROR', V: 'ERROR', C: '42P01', M: 'relation "nosuch" does not exist', P: '15' }],
  ['select 1/0', { S: 'ERROR', V: 'ERROR', C: '22012', M: 'division by zero' }],
  ['select 2147483647 + 1', { S: 'ERROR', V: 'ERROR', C: '22003', M: 'integer out of range' }],
  ['drop table if exists nosuch', { S: 'NOTICE', V: 'NOTICE', C: '00000', M: 'table "nosuch" does not exist, skipping' }],
  ['commit', { S: 'WARNING', V: 'WARNING', C: '25P01', M: 'there is no transaction in progress' }],
];

before(async () => {
  target = await startTarget();
  conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
  await conn.simple('drop table if exists ch; drop table if exists p; drop table if exists u');
  await conn.simple('create table u (id int primary key, v text not null, n int check (n > 0))');
  await conn.simple('create table p (id int primary key); create table ch (id int, pid int references p (id))');
  await conn.simple("insert into u values (1, 'a', 1)");
});

after(async () => {
  await conn.end();
  await target.close();
});

describe('ErrorResponse and NoticeResponse fields', () => {
  for (const [sql, expected] of cases) {
    test(sql, async () => {
      assert.deepEqual(await fieldsOf(sql, 'SVCMDHP'), expected);
    });
  }

  test('a did-you-mean hint for a misspelt column', gap('no hint'), async () => {
    assert.deepEqual(await fieldsOf('select vv from u', 'SVCMDHP'), {
      S: 'ERROR',
      V: 'ERROR',
      C: '42703',
      M: 'column "vv" does not exist',
      H: 'Perhaps you meant to reference the column "u.v".',
      P: '8',
    });
  });

  test('an error that PostgreSQL does not locate has no position', gap('42P07 carries a position'), async () => {
    assert.deepEqual(await fieldsOf('create table u (a int)', 'SVCMDHP'), { S: 'ERROR', V: 'ERROR', C: '42P07', M: 'relation "u" already exists' });
  });

  test('schema, table, column and constraint fields of integrity errors', async () => {
    assert.deepEqual(await fieldsOf("insert into u values (1, 'b', 1)", 'stcn'), { s: 'public', t: 'u', n: 'u_pkey' });
    assert.deepEqual(await fieldsOf('insert into u values (2, null, 1)', 'stcn'), { s: 'public', t: 'u', c: 'v' });
    assert.deepEqual(await fieldsOf("insert into u values (3, 'c', -1)", 'stcn'), { s: 'public', t: 'u', n: 'u_n_check' });
    assert.deepEqual(await fieldsOf('insert into ch values (1, 5)', 'stcn'), { s: 'public', t: 'ch', n: 'ch_pid_fkey' });
  });

  test('ReadyForQuery after errors: I outside a block, E inside one, I after ROLLBACK', async () => {
    const status = async (sql: string): Promise<string> => {
      const ms = await conn.simple(sql);
      return raw.readyStatus(ms[ms.length - 1]!);
    };
    assert.equal(await status('select 1/0'), 'I');
    assert.equal(await status('begin'), 'T');
    assert.equal(await status('select 1'), 'T');
    assert.equal(await status('select 1/0'), 'E');
    assert.deepEqual(await fieldsOf('select 1', 'SCM'), { S: 'ERROR', C: '25P02', M: 'current transaction is aborted, commands ignored until end of transaction block' });
    assert.equal(conn.status, 'E');
    assert.equal(await status('rollback'), 'I');
  });
});

describe('invalid UTF-8 from the client is refused with 22021', () => {
  const invalid = (bytes: string): string => `invalid byte sequence for encoding "UTF8": ${bytes}`;

  test('in a text parameter', async () => {
    conn.write([raw.parse('', 'select $1::text as t'), raw.bind({ params: [Buffer.from([0x61, 0xff, 0x62])], paramFormats: [0] }), raw.execute(), raw.sync()]);
    assert.deepEqual((await conn.readyForQuery()).map(raw.summary), ['1', `E 22021 ${invalid('0xff')}`, 'Z I']);
  });

  test('in the text of a Query', async () => {
    conn.write(raw.typed('Q', Buffer.from("select '"), Buffer.from([0xc3, 0x28]), Buffer.from("'\0")));
    assert.deepEqual((await conn.readyForQuery()).map(raw.summary), [`E 22021 ${invalid('0xc3 0x28')}`, 'Z I']);
  });

  test('in a binary text parameter and in COPY data', async () => {
    conn.write([raw.parse('', 'select $1::text as t'), raw.bind({ params: [Buffer.from([0x61, 0xff, 0x62])], paramFormats: [1] }), raw.execute(), raw.sync()]);
    const ms = (await conn.readyForQuery()).map(raw.summary);
    assert.deepEqual([ms[ms.length - 2], ms[ms.length - 1]], [`E 22021 ${invalid('0xff')}`, 'Z I']);
    await conn.simple('drop table if exists utf; create table utf (a text)');
    conn.write([raw.query('copy utf from stdin'), raw.copyData(Buffer.from([0x61, 0xff, 0x0a])), raw.copyDone()]);
    const cs = await conn.readyForQuery();
    const e = cs.find((m) => m.type === 'E');
    assert.equal(e === undefined ? undefined : raw.fields(e)['C'], '22021');
  });
});

describe('the fields through the clients', () => {
  test('node-postgres: DatabaseError properties', async () => {
    const c = await target.pgClient();
    try {
      const e = (await failure(() => c.query("insert into u values (1, 'b', 1)"))) as unknown as pg.DatabaseError;
      assert.deepEqual([e.severity, e.code, e.message, e.detail], ['ERROR', '23505', 'duplicate key value violates unique constraint "u_pkey"', 'Key (id)=(1) already exists.']);
      const f = (await failure(() => c.query('select nosuchfunc($1::int)', [1]))) as unknown as pg.DatabaseError;
      assert.deepEqual([f.code, f.position, f.hint], ['42883', '8', 'No function matches the given name and argument types. You might need to add explicit type casts.']);
      // The connection goes on after errors.
      assert.deepEqual((await c.query('select 1 as x')).rows, [{ x: 1 }]);
    } finally {
      await c.end();
    }
  });

  test('node-postgres: the constraint and table of an integrity error', async () => {
    const c = await target.pgClient();
    try {
      const e = (await failure(() => c.query("insert into u values (1, 'b', 1)"))) as unknown as pg.DatabaseError;
      assert.deepEqual([e.schema, e.table, e.constraint], ['public', 'u', 'u_pkey']);
    } finally {
      await c.end();
    }
  });

  test('node-postgres: NoticeResponse as a notice event', async () => {
    const c = await target.pgClient();
    try {
      const notices: { severity?: string | undefined; code?: string | undefined; message?: string | undefined }[] = [];
      c.on('notice', (n) => notices.push(n));
      await c.query('drop table if exists nosuch');
      await c.query('commit');
      assert.deepEqual(
        notices.map((n) => [n.severity, n.code, n.message]),
        [
          ['NOTICE', '00000', 'table "nosuch" does not exist, skipping'],
          ['WARNING', '25P01', 'there is no transaction in progress'],
        ],
      );
    } finally {
      await c.end();
    }
  });

  test('postgres.js: PostgresError properties and onnotice', async () => {
    const notices: PostgresNotice[] = [];
    const sql = target.postgresJs({ onnotice: (n) => notices.push(n as unknown as PostgresNotice) });
    try {
      const e = (await failure(async () => sql`select * from u where`)) as unknown as { [k: string]: unknown };
      assert.deepEqual([e['severity'], e['code'], e['message'], e['position']], ['ERROR', '42601', 'syntax error at end of input', '22']);
      const f = (await failure(async () => sql`insert into ch values (1, 5)`)) as unknown as { [k: string]: unknown };
      assert.deepEqual([f['code'], f['detail']], ['23503', 'Key (pid)=(5) is not present in table "p".']);
      await sql`drop table if exists nosuch`;
      assert.deepEqual(notices.map((n) => [n.severity, n.code, n.message]), [['NOTICE', '00000', 'table "nosuch" does not exist, skipping']]);
    } finally {
      await sql.end();
    }
  });
});

interface PostgresNotice {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}
