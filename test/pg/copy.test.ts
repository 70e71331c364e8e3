/**
 * COPY FROM STDIN and COPY TO STDOUT over the wire (must-show 1), text and CSV, with HEADER:
 * the CopyInResponse/CopyOutResponse exchange, escapes, NULLs and quoting, errors (bad data,
 * missing/extra columns, CopyFail) leaving the table unchanged, COPY inside a multi-statement
 * Query and a transaction block — as PostgreSQL 15 answered the same messages — then through
 * postgres.js's writable()/readable() streams.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as raw from './raw.js';
import { type Target, gap, startTarget } from './lib.js';

let target: Target;
let conn: raw.RawConnection;

/** Known differences from PostgreSQL, reported in /work/notes/pg-clients.md (BasaltDB only). */
/** A message summary that shows CopyData contents and COPY responses' overall format. */
function sum(m: raw.Message): string {
  if (m.type === 'd') return `d ${JSON.stringify(m.body.toString('utf8'))}`;
  if (m.type === 'G' || m.type === 'H') return `${m.type} ${m.body[0]}`;
  return raw.summary(m);
}

/** Writes `msgs` and reads through the next ReadyForQuery. */
async function exchange(msgs: readonly Buffer[], expected: readonly string[]): Promise<void> {
  conn.write([...msgs]);
  assert.deepEqual((await conn.readyForQuery()).map(sum), expected);
}

async function tableText(): Promise<string[]> {
  const ms = await conn.simple('select * from t order by id');
  return ms.filter((m) => m.type === 'D').map((m) => JSON.stringify(raw.textRow(m)));
}

before(async () => {
  target = await startTarget();
  conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
});

beforeEach(async () => {
  if (conn.closed) conn = await raw.RawConnection.connect({ port: target.port, database: target.database });
  await conn.simple('drop table if exists t; create table t (id int, name text, note text)');
});

after(async () => {
  await conn.end();
  await target.close();
});

describe('COPY FROM STDIN', () => {
  test('text format: tabs, \\N, backslash escapes, rows split across CopyData messages', async () => {
    await exchange(
      [raw.query('copy t from stdin'), raw.copyData('1\tann\t\\N\n2\tb\\tob\tx\\\\y\n'), raw.copyData('3\tcar'), raw.copyData('ol\tline\\nbreak\n'), raw.copyDone()],
      ['G 0', 'C COPY 3', 'Z I'],
    );
    assert.deepEqual(await tableText(), ['["1","ann",null]', '["2","b\\tob","x\\\\y"]', '["3","carol","line\\nbreak"]']);
  });

  test('CSV with HEADER: quotes, doubled quotes, commas and newlines inside quotes, empty string vs NULL', async () => {
    await exchange(
      [raw.query('copy t (id, name, note) from stdin with (format csv, header true)'), raw.copyData('id,name,note\n4,"d, e","q""uote"\n5,,""\n6,"multi\nline",z\n'), raw.copyDone()],
      ['G 0', 'C COPY 3', 'Z I'],
    );
    assert.deepEqual(await tableText(), ['["4","d, e","q\\"uote"]', '["5",null,""]', '["6","multi\\nline","z"]']);
  });

  test('a column list and the old \\. terminator line', async () => {
    await exchange([raw.query('copy t (note, id) from stdin'), raw.copyData('hello\t9\n\\.\n'), raw.copyDone()], ['G 0', 'C COPY 1', 'Z I']);
    assert.deepEqual(await tableText(), ['["9",null,"hello"]']);
  });

  test('bad data fails the COPY with 22P02 and loads nothing', async () => {
    await exchange([raw.query('copy t from stdin'), raw.copyData('7\tx\ty\nabc\tx\ty\n'), raw.copyDone()], ['G 0', 'E 22P02 invalid input syntax for type integer: "abc"', 'Z I']);
    await exchange([raw.query('copy t from stdin'), raw.copyData('7\tx\ty\tz\n'), raw.copyDone()], ['G 0', 'E 22P04 extra data after last expected column', 'Z I']);
    await exchange([raw.query('copy t from stdin'), raw.copyData('7\tx\n'), raw.copyDone()], ['G 0', 'E 22P04 missing data for column "note"', 'Z I']);
    assert.deepEqual(await tableText(), []);
  });

  test('CopyFail from the client: 57014 with its message, nothing loaded', async () => {
    await exchange([raw.query('copy t from stdin'), raw.copyData('8\tx\ty\n'), raw.copyFail('client gave up')], ['G 0', 'E 57014 COPY from stdin failed: client gave up', 'Z I']);
    assert.deepEqual(await tableText(), []);
  });

  test('COPY inside a multi-statement Query: the statements after it run once it is done', async () => {
    await exchange([raw.query('copy t from stdin; select 42'), raw.copyData('10\tx\ty\n'), raw.copyDone()], ['G 0', 'C COPY 1', 'T ?column?', 'D ["42"]', 'C SELECT 1', 'Z I']);
    assert.deepEqual(await tableText(), ['["10","x","y"]']);
  });

  test('COPY inside a transaction block is rolled back with it', async () => {
    await exchange([raw.query('begin; copy t from stdin'), raw.copyData('12\tx\ty\n'), raw.copyDone()], ['C BEGIN', 'G 0', 'C COPY 1', 'Z T']);
    await exchange([raw.query('rollback')], ['C ROLLBACK', 'Z I']);
    assert.deepEqual(await tableText(), []);
  });

  test('COPY through the extended protocol', async () => {
    // Sync and Flush are ignored in copy-in mode: the Sync that ends the batch follows CopyDone.
    await exchange([raw.parse('', 'copy t from stdin'), raw.bind(), raw.execute(), raw.flush(), raw.copyData('11\tx\ty\n'), raw.sync(), raw.copyDone(), raw.sync()], ['1', '2', 'G 0', 'C COPY 1', 'Z I']);
    assert.deepEqual(await tableText(), ['["11","x","y"]']);
  });

  test('CopyData outside a COPY is ignored', async () => {
    conn.write(raw.copyData('zzz'));
    await exchange([raw.query('select 1')], ['T ?column?', 'D ["1"]', 'C SELECT 1', 'Z I']);
  });

  test('CopyInResponse and CopyOutResponse give the column count and formats', async () => {
    conn.write(raw.query('copy t from stdin'));
    const g = await conn.next();
    assert.equal(g.body.toString('hex'), '000003000000000000');
    conn.write(raw.copyDone());
    await conn.readyForQuery();
    conn.write(raw.query('copy (select id, name from t) to stdout'));
    const h = await conn.next();
    assert.equal(h.body.toString('hex'), '00000200000000');
    await conn.readyForQuery();
  });

  test('a data error names the line and column in the context (Where) field', gap('in Detail, and without the line text'), async () => {
    conn.write([raw.query('copy t from stdin'), raw.copyData('7\tx\ty\nabc\tx\ty\n'), raw.copyDone()]);
    const e = (await conn.readyForQuery()).find((m) => m.type === 'E')!;
    const f = raw.fields(e);
    assert.deepEqual([f['W'], f['D']], ['COPY t, line 2, column id: "abc"', undefined]);
    conn.write([raw.query('copy t from stdin'), raw.copyData('7\tx\n'), raw.copyDone()]);
    assert.equal(raw.fields((await conn.readyForQuery()).find((m) => m.type === 'E')!)['W'], 'COPY t, line 1: "7\tx"');
  });
});

describe('COPY TO STDOUT', () => {
  beforeEach(async () => {
    await exchange(
      [raw.query('copy t from stdin with (format csv)'), raw.copyData('1,ann,\n2,b\tob,x\\y\n3,carol,"line\nbreak"\n4,"d, e","q""uote"\n5,,""\n'), raw.copyDone()],
      ['G 0', 'C COPY 5', 'Z I'],
    );
  });

  test('text format', async () => {
    await exchange(
      [raw.query('copy t to stdout')],
      ['H 0', 'd "1\\tann\\t\\\\N\\n"', 'd "2\\tb\\\\tob\\tx\\\\\\\\y\\n"', 'd "3\\tcarol\\tline\\\\nbreak\\n"', 'd "4\\td, e\\tq\\"uote\\n"', 'd "5\\t\\\\N\\t\\n"', 'c', 'C COPY 5', 'Z I'],
    );
  });

  test('CSV with HEADER', async () => {
    await exchange(
      [raw.query('copy t to stdout with (format csv, header)')],
      ['H 0', 'd "id,name,note\\n"', 'd "1,ann,\\n"', 'd "2,b\\tob,x\\\\y\\n"', 'd "3,carol,\\"line\\nbreak\\"\\n"', 'd "4,\\"d, e\\",\\"q\\"\\"uote\\"\\n"', 'd "5,,\\"\\"\\n"', 'c', 'C COPY 5', 'Z I'],
    );
  });

  test('a query as the source', async () => {
    await exchange([raw.query('copy (select id, name from t where id < 3 order by id) to stdout with csv')], ['H 0', 'd "1,ann\\n"', 'd "2,b\\tob\\n"', 'c', 'C COPY 2', 'Z I']);
  });
});

describe('COPY from a server file', () => {
  test('is refused, not treated as COPY FROM STDIN', async () => {
    conn.write(raw.query("copy t from '/nonexistent/file'"));
    const first = await conn.next();
    if (first.type === 'G') conn.write(raw.copyFail('not stdin'));
    await conn.readyForQuery();
    assert.equal(first.type, 'E', sum(first));
  });
});

describe('postgres.js streams', () => {
  test('writable() loads text and CSV; readable() reads them back', async () => {
    const sql = target.postgresJs();
    try {
      const w1 = await sql`copy t from stdin`.writable();
      await pipeline(Readable.from(['1\tann\t\\N\n', '2\tbob\tx\n']), w1);
      const w2 = await sql`copy t from stdin with (format csv, header)`.writable();
      await pipeline(Readable.from(['id,name,note\n', '3,"c, d",""\n']), w2);
      const rows = await sql`select * from t order by id`;
      assert.deepEqual([...rows], [
        { id: 1, name: 'ann', note: null },
        { id: 2, name: 'bob', note: 'x' },
        { id: 3, name: 'c, d', note: '' },
      ]);
      const chunks: Buffer[] = [];
      const r = await sql`copy t to stdout with (format csv, header)`.readable();
      await pipeline(
        r,
        new Writable({
          write(chunk: Buffer, _enc, cb): void {
            chunks.push(chunk);
            cb();
          },
        }),
      );
      assert.equal(Buffer.concat(chunks).toString('utf8'), 'id,name,note\n1,ann,\n2,bob,x\n3,"c, d",""\n');
      // The connection is usable after the streams.
      assert.deepEqual([...(await sql`select count(*)::int as n from t`)], [{ n: 3 }]);
    } finally {
      await sql.end();
    }
  });

  // (A bad row is not tested through postgres.js: 3.4.9 does not pass a COPY's ErrorResponse to
  // the writable stream, whose finish then waits for the next query; see the raw tests above.)
});
