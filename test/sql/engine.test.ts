// The embedded SQL API end to end: results and type mapping, errors with SQLSTATE and position,
// transactions (25P02, savepoints, transactional DDL), constraints, indexes in EXPLAIN, COPY,
// settings. Expected values were checked against PostgreSQL 15.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open, type Database } from '../../src/index.js';

async function fresh(): Promise<Database> {
  return open('/db', { fs: new MemoryFileSystem() });
}

async function fails(p: Promise<unknown>, code: string, message?: RegExp): Promise<{ position?: number; detail?: string; context?: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message: string; position?: number; detail?: string; context?: string };
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    if (message !== undefined) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected an error ${code}`);
}

test('query results: fields, rows as objects or arrays, PostgreSQL type mapping', async () => {
  const db = await fresh();
  await db.query(`CREATE TABLE t (id bigint PRIMARY KEY, n numeric(10,2), f float8, b bool, s text, d date, ts timestamptz, by bytea, j jsonb, a int[])`);
  await db.query(`INSERT INTO t VALUES (1, 12.5, 0.25, true, 'x', '2024-02-29', '2024-01-01 12:00:00+02', '\\x0102', '{"k": [1, 2]}', '{1,NULL,3}')`);
  const r = await db.query('SELECT * FROM t');
  assert.equal(r.command, 'SELECT');
  assert.equal(r.rowCount, 1);
  assert.deepEqual(
    r.fields.map((f) => [f.name, f.type, f.dataTypeID]),
    [
      ['id', 'bigint', 20],
      ['n', 'numeric(10,2)', 1700],
      ['f', 'double precision', 701],
      ['b', 'boolean', 16],
      ['s', 'text', 25],
      ['d', 'date', 1082],
      ['ts', 'timestamp with time zone', 1184],
      ['by', 'bytea', 17],
      ['j', 'jsonb', 3802],
      ['a', 'integer[]', 1007],
    ],
  );
  const row = r.rows[0] as Record<string, unknown>;
  assert.equal(row['id'], '1');
  assert.equal(row['n'], '12.50');
  assert.equal(row['f'], 0.25);
  assert.equal(row['b'], true);
  assert.equal(row['d'], '2024-02-29');
  assert.ok(row['ts'] instanceof Date);
  assert.equal((row['ts'] as Date).toISOString(), '2024-01-01T10:00:00.000Z');
  assert.deepEqual([...(row['by'] as Buffer)], [1, 2]);
  assert.deepEqual(row['j'], { k: [1, 2] });
  assert.deepEqual(row['a'], [1, null, 3]);
  const arr = await db.query('SELECT id, s FROM t', [], { rowMode: 'array' });
  assert.deepEqual(arr.rows, [['1', 'x']]);
  const s = db.session({ int8As: 'bigint', numericAs: 'number' });
  const typed = (await s.query('SELECT id, n FROM t')).rows[0] as Record<string, unknown>;
  assert.equal(typed['id'], 1n);
  assert.equal(typed['n'], 12.5);
  await s.close();
  await db.close();
});

test('parameters take their type from the context; prepared statements run many times', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE p (id int PRIMARY KEY, v text)');
  await db.query('INSERT INTO p VALUES ($1, $2), ($3, $4)', [1, 'one', '2', 'two']);
  assert.deepEqual((await db.query('SELECT v FROM p WHERE id = $1', ['2'])).rows, [{ v: 'two' }]);
  assert.deepEqual((await db.query('SELECT $1 + 1 AS x', [41])).rows, [{ x: 42 }]);
  const stmt = db.prepare('SELECT v FROM p WHERE id = $1');
  assert.deepEqual(await stmt.get([1]), { v: 'one' });
  assert.deepEqual(await stmt.all([2]), [{ v: 'two' }]);
  assert.equal(await stmt.get([3]), undefined);
  assert.equal((await stmt.run([1])).rowCount, 1);
  await fails(db.query('SELECT v FROM p WHERE id = $1', ['x']), '22P02', /invalid input syntax for type integer: "x"/);
  await db.close();
});

test('errors carry SQLSTATE codes and 1-based positions', async () => {
  const db = await fresh();
  const syntax = await fails(db.query('SELECT 1 FROM WHERE x'), '42601', /syntax error at or near "WHERE"/);
  assert.equal(syntax.position, 15);
  const col = await fails(db.query('SELECT nope FROM (SELECT 1 AS a) s'), '42703', /column "nope" does not exist/);
  assert.equal(col.position, 8);
  await fails(db.query('SELECT * FROM missing'), '42P01', /relation "missing" does not exist/);
  await fails(db.query('SELECT 1 / 0'), '22012', /division by zero/);
  await fails(db.query('SELECT 2147483647 + 1'), '22003', /integer out of range/);
  await fails(db.query("SELECT 'a' + 1"), '22P02');
  const op = await fails(db.query('SELECT 1 = true'), '42883', /operator does not exist: integer = boolean/);
  assert.equal(op.position, 10);
  await fails(db.query('SELECT count(*) FROM (SELECT 1 AS a) s WHERE count(*) > 0'), '42803', /aggregate functions are not allowed in WHERE/);
  await fails(db.query('SELECT a, count(*) FROM (SELECT 1 AS a, 2 AS b) s GROUP BY b'), '42803', /must appear in the GROUP BY clause/);
  await db.close();
});

test('a transaction block: error aborts it until ROLLBACK (25P02); savepoints; DDL rolls back', async () => {
  const db = await fresh();
  const s = db.session();
  await s.query('CREATE TABLE k (id int PRIMARY KEY)');
  await s.query('BEGIN');
  await s.query('INSERT INTO k VALUES (1)');
  await fails(s.query('INSERT INTO k VALUES (1)'), '23505', /duplicate key value violates unique constraint "k_pkey"/);
  assert.equal(s.transactionStatus, 'E');
  await fails(s.query('SELECT 1'), '25P02', /current transaction is aborted/);
  assert.equal((await s.query('COMMIT')).command, 'ROLLBACK');
  assert.equal((await s.query('SELECT count(*) AS n FROM k')).rows[0]!.constructor, Object);
  assert.deepEqual((await s.query('SELECT count(*) AS n FROM k')).rows, [{ n: '0' }]);

  await s.query('BEGIN');
  await s.query('INSERT INTO k VALUES (1)');
  await s.query('SAVEPOINT a');
  await fails(s.query('INSERT INTO k VALUES (1)'), '23505');
  await s.query('ROLLBACK TO a');
  await s.query('INSERT INTO k VALUES (2)');
  await s.query('CREATE TABLE gone (x int)');
  await s.query('COMMIT');
  assert.deepEqual((await s.query('SELECT id FROM k ORDER BY id')).rows, [{ id: 1 }, { id: 2 }]);

  await s.query('BEGIN');
  await s.query('DROP TABLE gone');
  await s.query('CREATE TABLE other (y int)');
  await s.query('ROLLBACK');
  await s.query('SELECT * FROM gone');
  await fails(s.query('SELECT * FROM other'), '42P01');
  await s.close();
  await db.close();
});

test('catalog and data survive a reopen', async () => {
  const fs = new MemoryFileSystem();
  let db = await open('/db', { fs });
  await db.query('CREATE TABLE r (id serial PRIMARY KEY, name text UNIQUE, n int DEFAULT 7)');
  await db.query('CREATE INDEX r_n ON r (n)');
  await db.query("INSERT INTO r (name) VALUES ('a'), ('b')");
  await db.close();
  db = await open('/db', { fs });
  await db.query("INSERT INTO r (name) VALUES ('c')");
  assert.deepEqual((await db.query('SELECT id, name, n FROM r ORDER BY id', [], { rowMode: 'array' })).rows, [
    [1, 'a', 7],
    [2, 'b', 7],
    [3, 'c', 7],
  ]);
  await fails(db.query("INSERT INTO r (name) VALUES ('a')"), '23505');
  const plan = (await db.query('EXPLAIN SELECT * FROM r WHERE n = 7', [], { rowMode: 'array' })).rows.map((r) => (r as string[])[0]);
  assert.equal(plan[0], 'Index Scan using r_n on r');
  await db.close();
});

test('EXPLAIN shows primary key and index use for lookups and ranges', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE e (a int, b int, c text, PRIMARY KEY (a, b))');
  await db.query('CREATE INDEX e_c ON e (c)');
  const plan = async (sql: string): Promise<string[]> => (await db.query(sql, [], { rowMode: 'array' })).rows.map((r) => (r as string[])[0]!);
  assert.deepEqual(await plan('EXPLAIN SELECT * FROM e WHERE a = 1 AND b = 2'), ['Index Scan using e_pkey on e', '  Index Cond: ((a = 1) AND (b = 2))']);
  assert.equal((await plan('EXPLAIN SELECT * FROM e WHERE a BETWEEN 1 AND 5'))[0], 'Index Scan using e_pkey on e');
  assert.equal((await plan("EXPLAIN SELECT * FROM e WHERE c IN ('x', 'y')"))[0], 'Index Scan using e_c on e');
  assert.equal((await plan('EXPLAIN SELECT * FROM e WHERE b = 2'))[0], 'Seq Scan on e');
  await db.close();
});

test('constraints: NOT NULL, CHECK, FOREIGN KEY with actions, ON CONFLICT', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE parent (id int PRIMARY KEY)');
  await db.query('CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent ON DELETE CASCADE, q int CHECK (q > 0) NOT NULL)');
  await db.query('INSERT INTO parent VALUES (1), (2)');
  await db.query('INSERT INTO child VALUES (10, 1, 5), (11, 2, 5)');
  const nn = await fails(db.query('INSERT INTO child VALUES (12, 1, NULL)'), '23502', /null value in column "q" of relation "child" violates not-null constraint/);
  assert.equal(nn.detail, 'Failing row contains (12, 1, null).');
  await fails(db.query('INSERT INTO child VALUES (12, 1, 0)'), '23514', /violates check constraint "child_q_check"/);
  const fk = await fails(db.query('INSERT INTO child VALUES (12, 3, 1)'), '23503', /violates foreign key constraint "child_p_fkey"/);
  assert.equal(fk.detail, 'Key (p)=(3) is not present in table "parent".');
  await db.query('DELETE FROM parent WHERE id = 1');
  assert.deepEqual((await db.query('SELECT id FROM child', [], { rowMode: 'array' })).rows, [[11]]);
  const up = await db.query('INSERT INTO child VALUES (11, 2, 9) ON CONFLICT (id) DO UPDATE SET q = child.q + excluded.q RETURNING q', [], { rowMode: 'array' });
  assert.deepEqual(up.rows, [[14]]);
  const none = await db.query('INSERT INTO child VALUES (11, 2, 9) ON CONFLICT DO NOTHING');
  assert.equal(none.rowCount, 0);
  await db.close();
});

test('two sessions: READ COMMITTED UPDATE waits for the row lock and re-checks the row', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE acct (id int PRIMARY KEY, bal int)');
  await db.query('INSERT INTO acct VALUES (1, 100)');
  const a = db.session();
  const b = db.session();
  await a.query('BEGIN');
  await a.query('UPDATE acct SET bal = bal - 30 WHERE id = 1');
  let done = false;
  const pending = b.query('UPDATE acct SET bal = bal * 2 WHERE id = 1 AND bal >= 70 RETURNING bal').then((r) => {
    done = true;
    return r;
  });
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(done, false, 'the second UPDATE waits for the first transaction');
  await a.query('COMMIT');
  const r = await pending;
  assert.deepEqual(r.rows, [{ bal: 140 }]);
  await a.close();
  await b.close();
  await db.close();
});

test('COPY FROM STDIN and TO STDOUT in text and CSV', async () => {
  const db = await fresh();
  const s = db.session();
  await s.query('CREATE TABLE c (id int PRIMARY KEY, t text, n numeric)');
  assert.equal((await s.copyFrom('COPY c FROM STDIN', '1\ta\\tb\t1.5\n2\t\\N\t2\n\\.\n')).commandTag, 'COPY 2');
  assert.equal((await s.copyFrom('COPY c (id, t) FROM STDIN (FORMAT csv, HEADER)', ['id,t\n3,"x,', 'y"\n4,\n'])).commandTag, 'COPY 2');
  const bad = await fails(s.copyFrom('COPY c FROM STDIN', '5\tz\tnope\n'), '22P02');
  assert.equal(bad.context, 'COPY c, line 1, column n: "nope"');
  assert.equal((await s.copyTo('COPY c TO STDOUT')).data, '1\ta\\tb\t1.5\n2\t\\N\t2\n3\tx,y\t\\N\n4\t\\N\t\\N\n');
  assert.equal((await s.copyTo("COPY (SELECT id, t FROM c WHERE id > 2) TO STDOUT WITH (FORMAT csv, HEADER)")).data, 'id,t\n3,"x,y"\n4,\n');
  await s.close();
  await db.close();
});

test('SET, SHOW and RESET; SET is rolled back with its transaction; statement_timeout', async () => {
  const db = await fresh();
  const s = db.session();
  assert.deepEqual((await s.query('SHOW TimeZone')).rows, [{ TimeZone: 'UTC' }]);
  await s.query("SET TimeZone = 'Europe/Paris'");
  assert.deepEqual((await s.query("SELECT '2024-06-01 12:00:00+00'::timestamptz::text AS t")).rows, [{ t: '2024-06-01 14:00:00+02' }]);
  await s.query('BEGIN');
  await s.query("SET application_name = 'temp'");
  await s.query('ROLLBACK');
  assert.deepEqual((await s.query('SHOW application_name')).rows, [{ application_name: '' }]);
  await s.query('RESET TimeZone');
  assert.deepEqual((await s.query('SHOW timezone')).rows, [{ TimeZone: 'UTC' }]);
  await fails(s.query('SET no_such_setting = 1'), '42704', /unrecognized configuration parameter "no_such_setting"/);
  await s.query('SET default_transaction_isolation = serializable');
  await s.query('BEGIN');
  assert.deepEqual((await s.query('SHOW transaction_isolation')).rows, [{ transaction_isolation: 'serializable' }]);
  await s.query('COMMIT');
  await s.query("SET statement_timeout = '1ms'");
  await fails(s.query('SELECT count(*) FROM generate_series(1, 50000000)'), '57014', /statement timeout/);
  await s.query('RESET statement_timeout');
  await s.close();
  await db.close();
});

test('SELECT … FOR UPDATE waits for the row lock and returns the row as committed', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE fu (id int PRIMARY KEY, v int)');
  await db.query('INSERT INTO fu VALUES (1, 10), (2, 20)');
  const a = db.session();
  const b = db.session();
  await a.query('BEGIN');
  assert.deepEqual((await a.query('SELECT v FROM fu WHERE id = 1 FOR UPDATE')).rows, [{ v: 10 }]);
  await b.query('BEGIN');
  let done = false;
  const pending = b.query('SELECT v FROM fu WHERE id = 1 FOR UPDATE').then((r) => {
    done = true;
    return r;
  });
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(done, false, 'the second FOR UPDATE waits');
  await a.query('UPDATE fu SET v = 11 WHERE id = 1');
  await a.query('COMMIT');
  assert.deepEqual((await pending).rows, [{ v: 11 }]);
  await b.query('COMMIT');
  await a.close();
  await b.close();
  await db.close();
});

test('two sessions inserting the same key: the second waits for the first and gets 23505 once it commits', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE u (id int PRIMARY KEY, email text UNIQUE)');
  const a = db.session();
  const b = db.session();
  await a.query('BEGIN');
  await a.query("INSERT INTO u VALUES (1, 'x@example.com')");
  let settled = false;
  const pending = b.query("INSERT INTO u VALUES (2, 'x@example.com')").then(
    () => {
      settled = true;
      return null;
    },
    (err: unknown) => {
      settled = true;
      return err as { code?: string };
    },
  );
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(settled, false, 'the second insert waits on the unique key');
  await a.query('COMMIT');
  const err = await pending;
  assert.equal(err?.code, '23505');
  // Had the first rolled back, the second would have gone in.
  await a.query('BEGIN');
  await a.query("INSERT INTO u VALUES (3, 'y@example.com')");
  const next = b.query("INSERT INTO u VALUES (4, 'y@example.com')");
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  await a.query('ROLLBACK');
  assert.equal((await next).rowCount, 1);
  assert.deepEqual((await db.query('SELECT id FROM u ORDER BY id', [], { rowMode: 'array' })).rows, [[1], [4]]);
  await a.close();
  await b.close();
  await db.close();
});

test('ORDER BY a primary-key prefix over a key-ordered scan needs no sort, and LIMIT stops early', async () => {
  const db = await fresh();
  await db.query('CREATE TABLE o (id int PRIMARY KEY, v int)');
  await db.query('INSERT INTO o SELECT g, 100 - g FROM generate_series(1, 100) g');
  const plan = async (sql: string): Promise<string[]> => (await db.query(sql, [], { rowMode: 'array' })).rows.map((r) => (r as string[])[0]!);
  assert.deepEqual(await plan('EXPLAIN SELECT id FROM o WHERE id BETWEEN 5 AND 8 ORDER BY id LIMIT 2'), [
    'Limit',
    '  ->  Index Scan using o_pkey on o',
    '        Index Cond: ((id >= 5) AND (id <= 8))',
  ]);
  assert.deepEqual((await db.query('SELECT id FROM o WHERE id BETWEEN 5 AND 8 ORDER BY id LIMIT 2', [], { rowMode: 'array' })).rows, [[5], [6]]);
  assert.equal((await plan('EXPLAIN SELECT id FROM o ORDER BY id DESC'))[0], 'Sort');
  assert.deepEqual((await db.query('SELECT v FROM o WHERE id > 97 ORDER BY v', [], { rowMode: 'array' })).rows, [[0], [1], [2]]);
  await db.close();
});

// Regression: a transaction whose only effect was nextval() acknowledged the value before the
// sequence record was durable, so after a power loss the same value could be handed out again.
test('values from nextval() are never handed out again after a power loss', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs });
  await db.query('CREATE SEQUENCE s');
  const handed: string[] = [];
  for (let i = 0; i < 40; i++) handed.push((await db.query('SELECT nextval($1) AS v', ['s'])).rows.map((r) => (r as { v: string }).v)[0]!);
  const survivor = fs.crash();
  const again = await open('/db', { fs: survivor });
  const next = BigInt((await again.query("SELECT nextval('s') AS v")).rows.map((r) => (r as { v: string }).v)[0]!);
  assert.ok(next > BigInt(handed[handed.length - 1]!), `nextval after the crash gave ${next}, already handed out up to ${handed[handed.length - 1]}`);
  await again.close();
});

// Regression: ROLLBACK TO a savepoint kept the DDL done after it (the catalog copy was shared), and
// storage dropped after the savepoint stayed marked for cleanup, so a rolled-back TRUNCATE or DROP
// deleted the table's rows once the transaction committed.
test('ROLLBACK TO SAVEPOINT undoes DDL, and a rolled-back TRUNCATE or DROP loses no rows', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs });
  const s = db.session();
  await s.query('CREATE TABLE keep (id int PRIMARY KEY)');
  await s.query('INSERT INTO keep SELECT g FROM generate_series(1, 50) g');
  await s.query('BEGIN');
  await s.query('SAVEPOINT a');
  await s.query('CREATE TABLE tmp (x int)');
  await s.query('TRUNCATE keep');
  await s.query('ROLLBACK TO a');
  await fails(s.query('SELECT * FROM tmp'), '42P01');
  await s.query('ROLLBACK TO a');
  await s.query('DROP TABLE keep');
  await s.query('ROLLBACK TO a');
  await s.query('COMMIT');
  await s.close();
  await db.close();
  const again = await open('/db', { fs });
  assert.deepEqual((await again.query('SELECT count(*) AS n FROM keep')).rows, [{ n: '50' }]);
  await again.close();
});

// Regression: EXECUTE passed its already-typed argument values through the JavaScript parameter
// conversion, so a date argument arrived as its day number and failed (22007).
test('PREPARE … AS / EXECUTE with typed parameters', async () => {
  const db = await fresh();
  const s = db.session();
  await s.query('PREPARE p(numeric, interval, date, int8) AS SELECT $1 AS a, $2 AS b, $3 AS c, $4 AS d');
  assert.deepEqual((await s.query("EXECUTE p(1.5, '1 day', '2024-01-02', 5)")).rows, [{ a: '1.5', b: '1 day', c: '2024-01-02', d: '5' }]);
  await s.query('PREPARE q AS SELECT $1::int + 1 AS x');
  assert.deepEqual((await s.query('EXECUTE q(41)')).rows, [{ x: 42 }]);
  await s.query('DEALLOCATE p');
  await fails(s.query('EXECUTE p(1, 2, 3, 4)'), '26000');
  await s.close();
  await db.close();
});
