// The sqllogictest runner end to end against BasaltDB (the default engine): a short script over
// int8, numeric, float, text, boolean, timestamp, date and bytea columns whose expected values were
// produced by PostgreSQL 15, the I/R/T rendering of the embedded API's JavaScript values, and the
// CLI's final "N passed, N failed" line.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseScript } from '../slt/format.js';
import { newBasaltEngine, pgFloatText, pgText } from '../slt/basalt-engine.js';
import { main } from '../slt/main.js';
import { runRecords } from '../slt/runner.js';

/** Every expected value below is what `npm run slt -- --engine postgres` accepts on PostgreSQL 15. */
const SCRIPT = `hash-threshold 0

statement ok
CREATE TABLE t1(a INTEGER PRIMARY KEY, b BIGINT, c NUMERIC(10,2), d DOUBLE PRECISION, e TEXT, f BOOLEAN)

statement ok
INSERT INTO t1 VALUES (1, 9223372036854775807, 7.99, 0.5, 'x', true), (2, -5, -7.99, 1e-5, '', false), (3, NULL, NULL, NULL, NULL, NULL)

query IIIRTI rowsort
SELECT a, b, c, d, e, f FROM t1
----
1
9223372036854775807
7
0.500
x
1
2
-5
-7
0.000
(empty)
0
3
NULL
NULL
NULL
NULL
NULL

query TTTT nosort
SELECT d, c, b, f FROM t1 ORDER BY a
----
0.5
7.99
9223372036854775807
1
1e-05
-7.99
-5
0
NULL
NULL
NULL
NULL

query T nosort
SELECT x FROM (VALUES (TIMESTAMP '2024-01-01 12:30:00.25'), (TIMESTAMP '1999-12-31 23:59:59')) v(x) ORDER BY x
----
1999-12-31 23:59:59
2024-01-01 12:30:00.25

query TTT nosort
SELECT DATE '2024-02-29', 1e15::float8, '\\x0102'::bytea
----
2024-02-29
1e+15
\\x0102

query IR nosort
SELECT sum(c), avg(d) FROM t1
----
0
0.250

query I valuesort
SELECT a * 10 FROM t1
----
10
20
30

statement error
SELECT 1 / 0

statement error
INSERT INTO t1 VALUES (1, 0, 0, 0, 'dup', true)

hash-threshold 2

query I rowsort label-all
SELECT a FROM t1
----
3 values hashing to c0710d6b4f15dfa88f600b0e6b624077

query I rowsort label-all
SELECT a FROM t1 WHERE a > 0
----
3 values hashing to c0710d6b4f15dfa88f600b0e6b624077

onlyif sqlite
query I nosort
SELECT 'never run here'
----
0
`;

test('slt script end to end on a fresh BasaltDB: every record passes, skipif/onlyif honoured', async () => {
  const engine = await newBasaltEngine();
  try {
    const r = await runRecords(parseScript(SCRIPT, 'e2e.test'), engine, 'e2e.test');
    assert.deepEqual(r.failures, []);
    assert.equal(r.passed, 12);
    assert.equal(r.skipped, 1);
  } finally {
    await engine.close();
  }
});

test('a wrong expected value and an unexpected error are reported with their lines', async () => {
  const script = [
    'statement ok', 'CREATE TABLE t(x int)', '',
    'query I nosort', 'SELECT count(*) FROM t', '----', '1', '',
    'statement ok', 'SELECT * FROM missing_table', '',
  ].join('\n');
  const engine = await newBasaltEngine();
  try {
    const r = await runRecords(parseScript(script, 's.test'), engine, 's.test');
    assert.equal(r.passed, 1);
    assert.deepEqual(r.failures.map((f) => [f.line, f.got]), [
      [4, '0'],
      [9, 'error: 42P01 relation "missing_table" does not exist'],
    ]);
  } finally {
    await engine.close();
  }
});

test('each script gets an empty database', async () => {
  const a = await newBasaltEngine();
  const b = await newBasaltEngine();
  try {
    assert.deepEqual(await a.execute('CREATE TABLE t(x int)'), { rows: [] });
    assert.deepEqual(await b.execute('CREATE TABLE t(x int)'), { rows: [] });
  } finally {
    await a.close();
    await b.close();
  }
});

test('JavaScript values back to PostgreSQL 15 text output (values checked with psql)', () => {
  assert.equal(pgFloatText(1e15), '1e+15');
  assert.equal(pgFloatText(123456789012345), '123456789012345');
  assert.equal(pgFloatText(1e-5), '1e-05');
  assert.equal(pgFloatText(0.0001), '0.0001');
  assert.equal(pgFloatText(-0), '-0');
  assert.equal(pgFloatText(1.5e300), '1.5e+300');
  assert.equal(pgFloatText(Number.NEGATIVE_INFINITY), '-Infinity');
  assert.equal(pgText(new Date(Date.UTC(2024, 0, 1, 12, 30, 0, 250)), 'timestamp without time zone'), '2024-01-01 12:30:00.25');
  assert.equal(pgText(Buffer.from([1, 2]), 'bytea'), '\\x0102');
  assert.equal(pgText([1, 2, null], 'integer[]'), '{1,2,NULL}');
  assert.equal(pgText(['a b', 'x'], 'text[]'), '{"a b",x}');
  assert.equal(pgText({ a: 1, b: [1, 2] }, 'jsonb'), '{"a": 1, "b": [1, 2]}');
});

test('the CLI defaults to BasaltDB and ends with "N passed, N failed"', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'basalt-slt-'));
  const file = join(dir, 'e2e.test');
  await writeFile(file, SCRIPT);
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  let code: number;
  try {
    code = await main([file]);
  } finally {
    console.log = log;
    await rm(dir, { recursive: true, force: true });
  }
  assert.equal(code, 0);
  assert.equal(lines[lines.length - 1], '12 passed, 0 failed');
});
