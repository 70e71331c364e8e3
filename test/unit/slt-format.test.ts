// Unit tests of the sqllogictest parser, value rendering, sorting, hashing and record evaluation,
// with a fake in-memory engine (no PostgreSQL needed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliesTo, parseScript, SltParseError } from '../slt/format.js';
import type { QueryRecord, StatementRecord } from '../slt/format.js';
import { formatFixed3, hashValues, renderResult, renderValue, runRecords } from '../slt/runner.js';
import type { SltEngine, SltResult } from '../slt/runner.js';
import { isAllowed, parseFailuresList } from '../slt/main.js';

/** Answers each SQL text from a table; unknown SQL is an error. Records every call. */
class FakeEngine implements SltEngine {
  readonly name = 'fake';
  readonly calls: string[] = [];
  closed = false;
  constructor(private readonly answers: Record<string, SltResult>) {}
  execute(sql: string): Promise<SltResult> {
    this.calls.push(sql);
    return Promise.resolve(this.answers[sql] ?? { error: `42601 unknown statement: ${sql}` });
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

test('parser: statements, queries, conditions, control records and line numbers', () => {
  const text = [
    '# leading comment', // 1
    'hash-threshold 4', // 2
    '', // 3
    'statement ok', // 4
    'CREATE TABLE t1(a INTEGER,', // 5
    '# comment inside a record is stripped', // 6
    '  b INTEGER)', // 7
    '', // 8
    '', // 9
    'statement error', // 10
    'INSERT INTO nowhere VALUES(1)', // 11
    '', // 12
    'skipif mysql # a trailing comment', // 13
    'onlyif postgresql', // 14
    'query IT rowsort label-1', // 15
    'SELECT a, b', // 16
    'FROM t1', // 17
    '----', // 18
    '1', // 19
    '(empty)', // 20
    '', // 21
    'query R', // 22
    'SELECT 1.5', // 23
    '', // 24
    'query III valuesort', // 25
    'SELECT * FROM t2', // 26
    '----', // 27
    '30 values hashing to 0123456789ABCDEF0123456789abcdef', // 28
    '', // 29
    'halt', // 30
  ].join('\r\n');
  const records = parseScript(text, 'x.test');
  assert.equal(records.length, 7);
  assert.deepEqual(records[0], { kind: 'hash-threshold', line: 2, conditions: [], threshold: 4 });
  const s1 = records[1] as StatementRecord;
  assert.equal(s1.kind, 'statement');
  assert.equal(s1.line, 4);
  assert.equal(s1.expectError, false);
  assert.equal(s1.sql, 'CREATE TABLE t1(a INTEGER,\n  b INTEGER)');
  const s2 = records[2] as StatementRecord;
  assert.equal(s2.line, 10);
  assert.equal(s2.expectError, true);
  const q1 = records[3] as QueryRecord;
  assert.equal(q1.kind, 'query');
  assert.equal(q1.line, 15);
  assert.equal(q1.types, 'IT');
  assert.equal(q1.sortMode, 'rowsort');
  assert.equal(q1.label, 'label-1');
  assert.equal(q1.sql, 'SELECT a, b\nFROM t1');
  assert.deepEqual(q1.expected, { kind: 'values', values: ['1', '(empty)'] });
  assert.deepEqual(q1.conditions, [{ kind: 'skipif', engine: 'mysql' }, { kind: 'onlyif', engine: 'postgresql' }]);
  assert.equal(appliesTo(q1, 'postgresql'), true);
  assert.equal(appliesTo(q1, 'mysql'), false);
  assert.equal(appliesTo(q1, 'sqlite'), false);
  const q2 = records[4] as QueryRecord;
  assert.equal(q2.sortMode, 'nosort');
  assert.equal(q2.label, undefined);
  assert.deepEqual(q2.expected, { kind: 'values', values: [] });
  const q3 = records[5] as QueryRecord;
  assert.equal(q3.sortMode, 'valuesort');
  assert.deepEqual(q3.expected, { kind: 'hash', count: 30, hash: '0123456789abcdef0123456789abcdef' });
  assert.deepEqual(records[6], { kind: 'halt', line: 30, conditions: [] });
});

test('parser: halt record and errors carry the line number', () => {
  const records = parseScript('statement ok\nSELECT 1\n\nonlyif mssql\nhalt\n\nhalt\n', 'h.test');
  assert.equal(records.length, 3);
  assert.equal(records[1]?.kind, 'halt');
  assert.equal(records[1]?.line, 5);
  assert.equal(records[2]?.line, 7);
  assert.throws(() => parseScript('statement ok\nSELECT 1\n\nstatement maybe\nSELECT 2\n', 'e.test'),
    (err: unknown) => err instanceof SltParseError && err.line === 4 && err.file === 'e.test');
  assert.throws(() => parseScript('frobnicate\n', 'e.test'), SltParseError);
  assert.throws(() => parseScript('query I\n----\n1\n', 'e.test'), SltParseError);
  assert.throws(() => parseScript('skipif sqlite\n', 'e.test'), SltParseError);
});

test('render: integers truncate toward zero, from numbers, bigints and numeric text', () => {
  assert.equal(renderValue(3.7, 'I'), '3');
  assert.equal(renderValue(-3.7, 'I'), '-3');
  assert.equal(renderValue(-0.5, 'I'), '0');
  assert.equal(renderValue(42, 'I'), '42');
  assert.equal(renderValue(12345678901234567890n, 'I'), '12345678901234567890');
  assert.equal(renderValue('9223372036854775807', 'I'), '9223372036854775807');
  assert.equal(renderValue('-12.99', 'I'), '-12');
  assert.equal(renderValue('-0.25', 'I'), '0');
  assert.equal(renderValue('007', 'I'), '7');
  assert.equal(renderValue('1.5e3', 'I'), '1500');
  assert.equal(renderValue('hello', 'I'), '0');
  assert.equal(renderValue('12abc', 'I'), '12');
  assert.equal(renderValue(null, 'I'), 'NULL');
  assert.equal(renderValue(true, 'I'), '1');
  assert.equal(renderValue(false, 'I'), '0');
});

test('render: reals as printf("%.3f") with round-half-even ties', () => {
  assert.equal(renderValue(1 / 3, 'R'), '0.333');
  assert.equal(renderValue(2, 'R'), '2.000');
  assert.equal(renderValue('2', 'R'), '2.000');
  assert.equal(renderValue('-7.25', 'R'), '-7.250');
  assert.equal(renderValue(2n, 'R'), '2.000');
  assert.equal(renderValue(null, 'R'), 'NULL');
  assert.equal(formatFixed3(0.0625), '0.062'); // exact tie, rounds to even
  assert.equal(formatFixed3(0.1875), '0.188'); // exact tie, rounds to even
  assert.equal(formatFixed3(-0.0625), '-0.062');
  assert.equal(formatFixed3(1.0005), '1.000'); // 1.0005 is below the tie in binary
  assert.equal(formatFixed3(2.675), '2.675');
  assert.equal(formatFixed3(-0.0001), '-0.000');
  assert.equal(formatFixed3(123456.789), '123456.789');
});

test('render: text, NULL, (empty), non-printable bytes and booleans', () => {
  assert.equal(renderValue('abc def', 'T'), 'abc def');
  assert.equal(renderValue('', 'T'), '(empty)');
  assert.equal(renderValue(null, 'T'), 'NULL');
  assert.equal(renderValue(undefined, 'T'), 'NULL');
  assert.equal(renderValue('a\tb\n', 'T'), 'a@b@');
  assert.equal(renderValue('\u00e9', 'T'), '@@'); // two UTF-8 bytes
  assert.equal(renderValue('~\u007f', 'T'), '~@');
  assert.equal(renderValue(true, 'T'), '1');
  assert.equal(renderValue(12, 'T'), '12');
  assert.equal(renderValue(new Uint8Array([0x41, 0x00, 0x42]), 'T'), 'A@B');
});

test('sorting: rowsort compares rendered rows with strcmp, valuesort sorts single values', () => {
  const rows = [[10, 'b'], [9, 'a'], [10, 'a'], [null, 'z']];
  assert.deepEqual(renderResult(rows, 'IT', 'nosort'), ['10', 'b', '9', 'a', '10', 'a', 'NULL', 'z']);
  assert.deepEqual(renderResult(rows, 'IT', 'rowsort'), ['10', 'a', '10', 'b', '9', 'a', 'NULL', 'z']);
  assert.deepEqual(renderResult(rows, 'IT', 'valuesort'), ['10', '10', '9', 'NULL', 'a', 'a', 'b', 'z']);
});

test('hashing: MD5 of the values, each followed by a newline', () => {
  assert.equal(hashValues(['1', '2']), '6ddb4095eb719e2a9f0a3f95677d24e0');
  assert.equal(hashValues(['a', 'b']), 'dd8c6a395b5dd36c56d23275028f526c');
  assert.equal(hashValues([]), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('runner: statements and queries pass or fail against the fake engine', async () => {
  const script = [
    'statement ok', 'CREATE TABLE t', '',
    'statement error', 'BAD', '',
    'statement error', 'CREATE TABLE t', '', // fails: succeeded
    'statement ok', 'BAD', '', // fails: error
    'query IT rowsort', 'SELECT two', '----', '1', 'x', '2', 'y', '',
    'query I nosort', 'SELECT two', '----', '1', '', // fails: wrong number of columns
    'query II nosort', 'SELECT pairs', '----', '1', '2', '', // fails: wrong values
    'query I', 'SELECT empty', '',
    'query I', 'BAD', '----', '1', '', // fails: error
  ].join('\n');
  const engine = new FakeEngine({
    'CREATE TABLE t': { rows: [] },
    'SELECT two': { rows: [[2, 'y'], [1, 'x']] },
    'SELECT pairs': { rows: [[1, 3]] },
    'SELECT empty': { rows: [] },
  });
  const r = await runRecords(parseScript(script, 'f.test'), engine, 'f.test');
  assert.equal(r.passed, 4);
  assert.equal(r.failed, 5);
  assert.deepEqual(r.failures.map((f) => `${f.file}:${f.line}:${f.kind}`),
    ['f.test:7:statement', 'f.test:10:statement', 'f.test:21:query', 'f.test:26:query', 'f.test:35:query']);
  const wrong = r.failures[3]!;
  assert.equal(wrong.sql, 'SELECT pairs');
  assert.equal(wrong.expected, '1\n2');
  assert.equal(wrong.got, '1\n3');
  assert.match(r.failures[4]!.got, /^error: 42601/);
});

test('runner: hash threshold, hashed expectations and labels', async () => {
  const nine = { rows: [[1], [2], [3], [4], [5], [6], [7], [8], [9]] };
  const script = [
    'query I rowsort', 'SELECT nine', '----', '9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc', '',
    'query I nosort label-a', 'SELECT nine', '----', '9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc', '',
    'query I nosort label-a', 'SELECT nine reversed', '----', '9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc', '', // fails
    'query I valuesort label-a', 'SELECT nine reversed', '----', '9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc', '',
    'query I nosort', 'SELECT nine', '----', '8 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc', '', // fails
    'hash-threshold 0', '',
    'query I nosort', 'SELECT nine', '----', '1', '2', '3', '4', '5', '6', '7', '8', '9', '',
    'query I rowsort label-b', 'SELECT two', '----', '1', '2', '',
    'query I rowsort label-b', 'SELECT other two', '----', '1', '3', '', // fails on values
  ].join('\n');
  const engine = new FakeEngine({
    'SELECT nine': nine,
    'SELECT nine reversed': { rows: [...nine.rows].reverse() },
    'SELECT two': { rows: [[2], [1]] },
    'SELECT other two': { rows: [[1], [2]] },
  });
  const r = await runRecords(parseScript(script, 'h.test'), engine, 'h.test');
  assert.equal(r.passed, 5);
  assert.deepEqual(r.failures.map((f) => f.line), [11, 21, 47]);
  // Over the default threshold (8), results are shown as a hash.
  assert.equal(r.failures[1]!.got, '9 values hashing to 22e400a2ddbb013acf2a5852d6ab69fc');
});

test('runner: label mismatch between queries is a failure', async () => {
  const script = [
    'query I rowsort label-x', 'SELECT a', '----', '1', '',
    'query I rowsort label-x', 'SELECT b', '----', '2', '',
  ].join('\n');
  const engine = new FakeEngine({ 'SELECT a': { rows: [[1]] }, 'SELECT b': { rows: [[2]] } });
  const r = await runRecords(parseScript(script, 'l.test'), engine, 'l.test');
  assert.equal(r.passed, 1);
  assert.equal(r.failures[0]?.line, 6);
  assert.match(r.failures[0]!.expected, /label-x/);
});

test('runner: skipif/onlyif for engine postgresql, halt, thrown errors', async () => {
  const script = [
    'skipif postgresql', 'statement ok', 'SKIPPED 1', '',
    'onlyif sqlite', 'statement ok', 'SKIPPED 2', '',
    'onlyif postgresql', 'statement ok', 'RUN 1', '',
    'skipif sqlite', 'statement error', 'THROWS', '',
    'onlyif mssql', 'halt', '',
    'statement ok', 'RUN 2', '',
    'skipif sqlite', 'halt', '',
    'statement ok', 'NEVER', '',
    'query I', 'NEVER', '',
  ].join('\n');
  const engine = new FakeEngine({ 'RUN 1': { rows: [] }, 'RUN 2': { rows: [] } });
  engine.execute = function (sql: string): Promise<SltResult> {
    this.calls.push(sql);
    if (sql === 'THROWS') return Promise.reject(new Error('boom'));
    return Promise.resolve({ rows: [] });
  };
  const r = await runRecords(parseScript(script, 's.test'), engine, 's.test');
  assert.deepEqual(engine.calls, ['RUN 1', 'THROWS', 'RUN 2']);
  assert.equal(r.passed, 3);
  assert.equal(r.failed, 0);
  assert.equal(r.skipped, 4);
  assert.equal(r.halted, true);
  const asSqlite = await runRecords(parseScript('onlyif sqlite\nstatement ok\nRUN 1\n', 's.test'), new FakeEngine({ 'RUN 1': { rows: [] } }), 's.test', { dialect: 'sqlite' });
  assert.equal(asSqlite.passed, 1);
});

test('failures-ok list: parsing and path-suffix matching', () => {
  const list = parseFailuresList([
    '# comment',
    'evidence/in1.test:279\tquery\t22P02 invalid input syntax',
    '',
    'select1.test:12\tstatement\tx',
  ].join('\n'));
  assert.deepEqual(list, [{ file: 'evidence/in1.test', line: 279 }, { file: 'select1.test', line: 12 }]);
  assert.equal(isAllowed(list, '/work/shared/sqllogictest/evidence/in1.test', 279), true);
  assert.equal(isAllowed(list, '/work/shared/sqllogictest/evidence/in1.test', 280), false);
  assert.equal(isAllowed(list, '/x/other/in1.test', 279), false);
  assert.equal(isAllowed(list, '/x/myselect1.test', 12), false);
  assert.equal(isAllowed(list, '/x/select1.test', 12), true);
  assert.throws(() => parseFailuresList('no line number here\n'));
});
