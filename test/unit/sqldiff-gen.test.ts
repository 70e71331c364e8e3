// Generators and comparator of the differential SQL test (test/sqldiff), without PostgreSQL.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalNumber, compareOutcomes, normalizeValue } from '../sqldiff/compare.js';
import { DEFAULT_KINDS, generateMix, KINDS, parseKinds } from '../sqldiff/kinds.js';
import { generateQueries } from '../sqldiff/queries.js';
import { generateSchema } from '../sqldiff/schema.js';

const SEEDS = [1, 2, 3, 42, 20240601];

/** The statement with string literals blanked out, or undefined if a literal is unterminated. */
function outsideStrings(sql: string): string | undefined {
  let out = '';
  let inString = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") {
      if (inString && sql[i + 1] === "'") {
        i++;
        continue;
      }
      inString = !inString;
      out += "'";
    } else if (!inString) {
      out += ch;
    }
  }
  return inString ? undefined : out;
}

test('schema and queries are deterministic per seed', () => {
  for (const seed of SEEDS) {
    console.log(`seed ${seed}`);
    const a = generateSchema(seed);
    const b = generateSchema(seed);
    assert.deepEqual(a.statements, b.statements);
    assert.deepEqual(generateQueries(a, seed, 300), generateQueries(b, seed, 300));
  }
  assert.notDeepEqual(generateSchema(1).statements, generateSchema(2).statements);
});

test('every statement is non-empty, has closed string literals and no semicolon outside them', () => {
  for (const seed of SEEDS) {
    const schema = generateSchema(seed);
    const all = [...schema.statements, ...generateQueries(schema, seed, 1000).map((q) => q.sql)];
    for (const sql of all) {
      assert.ok(sql.trim().length > 0, `empty statement (seed ${seed})`);
      const bare = outsideStrings(sql);
      assert.ok(bare !== undefined, `unterminated string literal (seed ${seed}): ${sql}`);
      assert.ok(!bare.includes(';'), `semicolon in statement (seed ${seed}): ${sql}`);
    }
  }
});

test('the schema has NULLs, duplicates, keys and indexes', () => {
  const schema = generateSchema(5);
  const text = schema.statements.join('\n');
  assert.match(text, /PRIMARY KEY/);
  assert.match(text, /CREATE INDEX \w+ ON \w+ \(k, \w+\)/);
  assert.match(text, /NULL[,)]/);
  for (const t of ['integer', 'bigint', 'numeric(', 'double precision', 'boolean']) {
    assert.ok(schema.tables.some((tb) => tb.columns.some((c) => c.sqlType.startsWith(t))), t);
  }
});

test('the order flag is set exactly for ORDER BY over every output column', () => {
  let ordered = 0;
  let partial = 0;
  for (const seed of SEEDS) {
    const schema = generateSchema(seed);
    for (const q of generateQueries(schema, seed, 1000)) {
      const m = / ORDER BY ((?:\d+(?: ASC| DESC)?(?: NULLS FIRST| NULLS LAST)?(?:, )?)+)(?: LIMIT \d+(?: OFFSET \d+)?)?$/.exec(q.sql);
      const keys = m === null ? [] : (m[1] ?? '').split(', ').map((item) => Number.parseInt(item, 10) - 1);
      const coversAll = keys.length > 0 && new Set(keys).size === q.columns && keys.every((k) => k >= 0 && k < q.columns);
      assert.equal(q.ordered, coversAll, q.sql);
      if (q.ordered) ordered++;
      else if (keys.length > 0) {
        partial++;
        assert.deepEqual([...q.orderColumns], keys, q.sql);
      }
      if (/ LIMIT /.test(q.sql) && !q.ordered) assert.equal(q.complete, false, q.sql);
    }
  }
  assert.ok(ordered > 100 && partial > 20, `ordered ${ordered}, partial ${partial}`);
});

test('values are normalised by value and representation', () => {
  assert.equal(canonicalNumber('1.50'), canonicalNumber('1.5'));
  assert.equal(canonicalNumber('1e+20'), canonicalNumber('100000000000000000000'));
  assert.equal(canonicalNumber('-0'), '0');
  assert.equal(canonicalNumber('0.30000000000000004'), canonicalNumber('0.3'));
  assert.notEqual(canonicalNumber('9223372036854775807'), canonicalNumber('9223372036854775806'));
  assert.equal(canonicalNumber('abc'), undefined);
  assert.equal(normalizeValue(3), normalizeValue('3.000'));
  assert.equal(normalizeValue(12n), normalizeValue('12'));
  assert.equal(normalizeValue(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500))), normalizeValue('2024-01-02 03:04:05.5'));
  assert.equal(normalizeValue('2024-01-02 00:00:00'), normalizeValue('2024-01-02'));
  assert.notEqual(normalizeValue(true), normalizeValue('true'));
  assert.notEqual(normalizeValue(null), normalizeValue('NULL'));
});

test('comparison: multisets, orders, order keys, counts and error classes', () => {
  const rows = { rows: [[1, 'a'], [2, 'b'], [2, 'b']] };
  const swapped = { rows: [[2, 'b'], [1, 'a'], [2, 'b']] };
  const unordered = { ordered: false, orderColumns: [], complete: true };
  assert.equal(compareOutcomes(unordered, rows, swapped), undefined);
  assert.notEqual(compareOutcomes({ ...unordered, ordered: true }, rows, swapped), undefined);
  assert.notEqual(compareOutcomes(unordered, rows, { rows: [[1, 'a'], [2, 'b'], [1, 'a']] }), undefined);
  // Order on column 0 only: ties may come in any order.
  const byFirst = { ordered: false, orderColumns: [0], complete: true };
  assert.equal(compareOutcomes(byFirst, { rows: [[1, 'x'], [1, 'y']] }, { rows: [[1, 'y'], [1, 'x']] }), undefined);
  assert.notEqual(compareOutcomes(byFirst, rows, swapped), undefined);
  // LIMIT without a total order: only the count is determined.
  const countOnly = { ordered: false, orderColumns: [], complete: false };
  assert.equal(compareOutcomes(countOnly, { rows: [[1]] }, { rows: [[2]] }), undefined);
  assert.notEqual(compareOutcomes(countOnly, { rows: [[1]] }, { rows: [] }), undefined);
  const err = (code: string) => ({ error: { code, message: 'x' } });
  assert.equal(compareOutcomes(unordered, err('22012'), err('22003')), undefined);
  assert.notEqual(compareOutcomes(unordered, err('22012'), err('42703')), undefined);
  assert.notEqual(compareOutcomes(unordered, err('22012'), { rows: [] }), undefined);
});

test('every kind: deterministic per seed, closed literals, no semicolons, kind recorded', () => {
  for (const seed of SEEDS) {
    const schema = generateSchema(seed);
    for (const kind of KINDS) {
      const a = generateMix(schema, seed, 200, [kind]);
      assert.deepEqual(a, generateMix(generateSchema(seed), seed, 200, [kind]), `${kind} seed ${seed}`);
      for (const q of a) {
        assert.equal(q.kind ?? 'select', kind);
        const bare = outsideStrings(q.sql);
        assert.ok(bare !== undefined && !bare.includes(';'), `${kind} (seed ${seed}): ${q.sql}`);
        if (kind === 'dml') assert.match(q.check ?? '', /^SELECT \* FROM s\d+ ORDER BY 1/);
        else assert.equal(q.check, undefined);
        if (kind === 'window' || kind === 'windowrange') assert.match(q.sql, /OVER \(.* ORDER BY a\d+\.id$/);
      }
    }
  }
});

test('the select kind is the original generator; a kind does not change with the mix', () => {
  const schema = generateSchema(7);
  assert.deepEqual(generateMix(schema, 7, 300, ['select']).map((q) => q.sql), generateQueries(schema, 7, 300).map((q) => q.sql));
  const mixed = generateMix(schema, 7, 2000, KINDS).filter((q) => q.kind === 'window').map((q) => q.sql);
  assert.ok(mixed.length > 100);
  assert.deepEqual(mixed, generateMix(schema, 7, mixed.length, ['window']).map((q) => q.sql));
  assert.deepEqual(parseKinds('all'), [...KINDS]);
  assert.deepEqual(parseKinds('dml, window'), ['dml', 'window']);
  assert.throws(() => parseKinds('nope'));
  assert.ok(DEFAULT_KINDS.includes('tochar') && DEFAULT_KINDS.includes('dml') && DEFAULT_KINDS.includes('windowrange'));
});

test('the schema has scratch copies and a tree without cycles through parent', () => {
  const schema = generateSchema(3);
  assert.equal(schema.scratch.length, schema.tables.length);
  schema.scratch.forEach((s, i) => assert.deepEqual(s.rows, schema.tables[i]?.rows));
  assert.match(schema.statements.join('\n'), /CREATE TABLE s0 \(.*CHECK \(k IS NULL OR k BETWEEN -100 AND 100\)\)/);
  for (const row of schema.tree.rows) {
    const [id, parent] = row;
    if (parent !== 'NULL') assert.ok(Number(parent) < Number(id));
  }
});
