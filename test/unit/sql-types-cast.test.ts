// Casts (explicit, as `(lit::from)::to::text`), castKind contexts, type names and the JavaScript
// mapping. Cast expectations are what PostgreSQL 15 printed with TimeZone UTC.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqlError } from '../../src/sql/errors.js';
import {
  arrayOf,
  castKind,
  castValue,
  defaultTypeContext as ctx,
  formatTypeName,
  fromJs,
  inferJsType,
  Interval,
  Jsonb,
  Numeric,
  resolveTypeName,
  sqlType,
  T,
  toJs,
  type BaseType,
} from '../../src/sql/types/index.js';

type Expected = string | { readonly code: string; readonly message: string };
type Case = readonly [string, string, number, boolean, string, string, string, number, boolean, Expected];

const cases: readonly Case[] = [
  ["double precision", "float8", -1, false, "2.5", "integer", "int4", -1, false, "2"],
  ["double precision", "float8", -1, false, "3.5", "integer", "int4", -1, false, "4"],
  ["double precision", "float8", -1, false, "-2.5", "bigint", "int8", -1, false, "-2"],
  ["double precision", "float8", -1, false, "1e10", "integer", "int4", -1, false, {"code": "22003", "message": "integer out of range"}],
  ["double precision", "float8", -1, false, "NaN", "integer", "int4", -1, false, {"code": "22003", "message": "integer out of range"}],
  ["real", "float4", -1, false, "40000", "smallint", "int2", -1, false, {"code": "22003", "message": "smallint out of range"}],
  ["numeric", "numeric", -1, false, "2.5", "integer", "int4", -1, false, "3"],
  ["numeric", "numeric", -1, false, "-2.5", "integer", "int4", -1, false, "-3"],
  ["numeric", "numeric", -1, false, "NaN", "integer", "int4", -1, false, {"code": "0A000", "message": "cannot convert NaN to integer"}],
  ["numeric", "numeric", -1, false, "Infinity", "bigint", "int8", -1, false, {"code": "0A000", "message": "cannot convert infinity to bigint"}],
  ["numeric", "numeric", -1, false, "99999999999", "integer", "int4", -1, false, {"code": "22003", "message": "integer out of range"}],
  ["numeric", "numeric", -1, false, "123.456", "numeric(5,2)", "numeric", 327682, false, "123.46"],
  ["numeric", "numeric", -1, false, "1234.5", "numeric(5,2)", "numeric", 327682, false, {"code": "22003", "message": "numeric field overflow"}],
  ["double precision", "float8", -1, false, "0.1", "numeric", "numeric", -1, false, "0.1"],
  ["double precision", "float8", -1, false, "3.141592653589793", "numeric", "numeric", -1, false, "3.14159265358979"],
  ["real", "float4", -1, false, "3.1415927", "numeric", "numeric", -1, false, "3.14159"],
  ["double precision", "float8", -1, false, "1e300", "real", "float4", -1, false, {"code": "22003", "message": "value out of range: overflow"}],
  ["double precision", "float8", -1, false, "1e-300", "real", "float4", -1, false, {"code": "22003", "message": "value out of range: underflow"}],
  ["double precision", "float8", -1, false, "Infinity", "numeric", "numeric", -1, false, "Infinity"],
  ["numeric", "numeric", -1, false, "0.1", "double precision", "float8", -1, false, "0.1"],
  ["bigint", "int8", -1, false, "9007199254740993", "double precision", "float8", -1, false, "9.007199254740992e+15"],
  ["integer", "int4", -1, false, "70000", "smallint", "int2", -1, false, {"code": "22003", "message": "smallint out of range"}],
  ["bigint", "int8", -1, false, "3000000000", "integer", "int4", -1, false, {"code": "22003", "message": "integer out of range"}],
  ["integer", "int4", -1, false, "-1", "oid", "oid", -1, false, "4294967295"],
  ["oid", "oid", -1, false, "4294967295", "integer", "int4", -1, false, "-1"],
  ["boolean", "bool", -1, false, "t", "integer", "int4", -1, false, "1"],
  ["integer", "int4", -1, false, "5", "boolean", "bool", -1, false, "true"],
  ["integer", "int4", -1, false, "0", "boolean", "bool", -1, false, "false"],
  ["boolean", "bool", -1, false, "f", "text", "text", -1, false, "false"],
  ["integer", "int4", -1, false, "42", "text", "text", -1, false, "42"],
  ["double precision", "float8", -1, false, "1e100", "text", "text", -1, false, "1e+100"],
  ["text", "text", -1, false, "42", "integer", "int4", -1, false, "42"],
  ["text", "text", -1, false, " 4x", "integer", "int4", -1, false, {"code": "22P02", "message": "invalid input syntax for type integer: \" 4x\""}],
  ["character(5)", "bpchar", 5, false, "ab", "text", "text", -1, false, "ab"],
  ["text", "text", -1, false, "abcdef", "character(3)", "bpchar", 3, false, "abc"],
  ["text", "text", -1, false, "abcdef", "character varying(3)", "varchar", 3, false, "abc"],
  ["character(5)", "bpchar", 5, false, "ab", "character varying(10)", "varchar", 10, false, "ab"],
  ["date", "date", -1, false, "2024-03-15", "timestamp", "timestamp", -1, false, "2024-03-15 00:00:00"],
  ["date", "date", -1, false, "2024-03-15", "timestamptz", "timestamptz", -1, false, "2024-03-15 00:00:00+00"],
  ["timestamp", "timestamp", -1, false, "2024-03-15 23:30", "date", "date", -1, false, "2024-03-15"],
  ["timestamptz", "timestamptz", -1, false, "2024-03-15 23:30+00", "date", "date", -1, false, "2024-03-15"],
  ["timestamptz", "timestamptz", -1, false, "2024-03-15 23:30+00", "timestamp", "timestamp", -1, false, "2024-03-15 23:30:00"],
  ["timestamp", "timestamp", -1, false, "2024-03-15 23:30", "timestamptz", "timestamptz", -1, false, "2024-03-15 23:30:00+00"],
  ["timestamp", "timestamp", -1, false, "2024-03-15 23:30:01.5", "time", "time", -1, false, "23:30:01.5"],
  ["time", "time", -1, false, "10:30", "interval", "interval", -1, false, "10:30:00"],
  ["interval", "interval", -1, false, "1 day 25:30", "time", "time", -1, false, "01:30:00"],
  ["interval", "interval", -1, false, "-1 hour", "time", "time", -1, false, "23:00:00"],
  ["timestamp", "timestamp", -1, false, "infinity", "date", "date", -1, false, "infinity"],
  ["date", "date", -1, false, "-infinity", "timestamptz", "timestamptz", -1, false, "-infinity"],
  ["json", "json", -1, false, "{\"b\":1,\"a\":2}", "jsonb", "jsonb", -1, false, "{\"a\": 2, \"b\": 1}"],
  ["jsonb", "jsonb", -1, false, "{\"b\":1,\"a\":2}", "json", "json", -1, false, "{\"a\": 2, \"b\": 1}"],
  ["jsonb", "jsonb", -1, false, "2.5", "integer", "int4", -1, false, "3"],
  ["jsonb", "jsonb", -1, false, "\"x\"", "integer", "int4", -1, false, {"code": "22023", "message": "cannot cast jsonb string to type integer"}],
  ["jsonb", "jsonb", -1, false, "true", "boolean", "bool", -1, false, "true"],
  ["jsonb", "jsonb", -1, false, "[1]", "numeric", "numeric", -1, false, {"code": "22023", "message": "cannot cast jsonb array to type numeric"}],
  ["jsonb", "jsonb", -1, false, "1.50", "numeric", "numeric", -1, false, "1.50"],
  ["jsonb", "jsonb", -1, false, "null", "boolean", "bool", -1, false, {"code": "22023", "message": "cannot cast jsonb null to type boolean"}],
  ["integer[]", "int4", -1, true, "{1,NULL,3}", "text[]", "text", -1, true, "{1,NULL,3}"],
  ["text[]", "text", -1, true, "{1,2}", "integer[]", "int4", -1, true, "{1,2}"],
  ["numeric[]", "numeric", -1, true, "{1.5,2.5}", "integer[]", "int4", -1, true, "{2,3}"],
  ["integer[]", "int4", -1, true, "{1,2}", "text", "text", -1, false, "{1,2}"],
  ["uuid", "uuid", -1, false, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "text", "text", -1, false, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"],
  ["integer", "int4", -1, false, "1", "date", "date", -1, false, {"code": "42846", "message": "cannot cast type integer to date"}],
  ["date", "date", -1, false, "2024-01-01", "integer", "int4", -1, false, {"code": "42846", "message": "cannot cast type date to integer"}],
  ["bytea", "bytea", -1, false, "\\x4142", "text", "text", -1, false, "\\x4142"],
  ["text", "text", -1, false, "1 day", "interval", "interval", -1, false, "1 day"],
  ["interval", "interval", -1, false, "1 day", "text", "text", -1, false, "1 day"],
  ["numeric", "numeric", -1, false, "1.50", "text", "text", -1, false, "1.50"],
  ["integer", "int4", -1, false, "65", "\"char\"", "char", -1, false, "A"],
];

test('explicit casts match PostgreSQL 15', () => {
  const failures: string[] = [];
  for (const [fromPg, fromBase, fromMod, fromArr, lit, toPg, toBase, toMod, toArr, expected] of cases) {
    const from = sqlType(fromBase as BaseType, fromMod, fromArr);
    const to = sqlType(toBase as BaseType, toMod, toArr);
    let got: Expected;
    try {
      const v = castValue(lit, T.unknown, from, 'explicit', ctx);
      got = castValue(castValue(v, from, to, 'explicit', ctx), to, T.text, 'explicit', ctx) as string;
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      got = { code: e.code, message: e.message };
    }
    try {
      assert.deepEqual(got, expected);
    } catch {
      failures.push(`(${lit}::${fromPg})::${toPg}: got ${JSON.stringify(got)}, PostgreSQL ${JSON.stringify(expected)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('castKind follows pg_cast contexts and the I/O conversion rules', () => {
  assert.equal(castKind(T.int4, T.int8), 'implicit');
  assert.equal(castKind(T.int8, T.int4), 'assignment');
  assert.equal(castKind(T.float8, T.numeric), 'assignment');
  assert.equal(castKind(T.numeric, T.float8), 'implicit');
  assert.equal(castKind(T.int4, T.bool), 'explicit');
  assert.equal(castKind(T.int4, T.text), 'assignment');
  assert.equal(castKind(T.text, T.int4), 'explicit');
  assert.equal(castKind(T.text, T.varchar), 'implicit');
  assert.equal(castKind(T.date, T.timestamptz), 'implicit');
  assert.equal(castKind(T.timestamptz, T.date), 'assignment');
  assert.equal(castKind(sqlType('varchar', 3), sqlType('varchar', 5)), 'implicit');
  assert.equal(castKind(T.unknown, T.uuid), 'implicit');
  assert.equal(castKind(arrayOf(T.int4), arrayOf(T.int8)), 'implicit');
  assert.equal(castKind(T.int4, T.date), null);
  assert.equal(castKind(T.uuid, T.bytea), null);
});

test('resolveTypeName and formatTypeName (format_type)', () => {
  const tn = (name: string, mods: number[] = [], array = false) => resolveTypeName({ name, mods, array, pos: 7 });
  assert.equal(formatTypeName(tn('int4')), 'integer');
  assert.equal(formatTypeName(tn('varchar', [10])), 'character varying(10)');
  assert.equal(formatTypeName(tn('numeric', [10, 2])), 'numeric(10,2)');
  assert.equal(formatTypeName(tn('numeric', [10])), 'numeric(10,0)');
  assert.equal(formatTypeName(tn('timestamptz')), 'timestamp with time zone');
  assert.equal(formatTypeName(tn('timestamp', [3])), 'timestamp(3) without time zone');
  assert.equal(formatTypeName(tn('int4', [], true)), 'integer[]');
  assert.equal(formatTypeName(tn('bpchar')), 'character(1)');
  assert.equal(formatTypeName(tn('float8', [24])), 'real');
  assert.equal(formatTypeName(tn('float', [25])), 'double precision');
  assert.equal(formatTypeName(tn('char')), '"char"');
  assert.equal(formatTypeName(tn('bool')), 'boolean');
  assert.throws(() => tn('serial'), { code: '42704', message: 'type "serial" does not exist', offset: 7 });
  assert.throws(() => tn('nosuch'), { code: '42704', message: 'type "nosuch" does not exist' });
  assert.throws(() => tn('varchar', [0]), { code: '22023', message: 'length for type varchar must be at least 1' });
  assert.throws(() => tn('numeric', [1001]), { code: '22023', message: 'NUMERIC precision 1001 must be between 1 and 1000' });
  assert.throws(() => tn('text', [3]), { code: '42601' });
});

test('toJs maps values as node-postgres does', () => {
  const opts = { int8As: 'string', numericAs: 'string' } as const;
  assert.equal(toJs(T.int8, 5n, opts, ctx), '5');
  assert.equal(toJs(T.int8, 5n, { ...opts, int8As: 'bigint' }, ctx), 5n);
  assert.equal(toJs(T.numeric, Numeric.fromString('1.50'), opts, ctx), '1.50');
  assert.equal(toJs(T.numeric, Numeric.fromString('1.50'), { ...opts, numericAs: 'number' }, ctx), 1.5);
  assert.equal(toJs(T.date, 0, opts, ctx), '2000-01-01');
  assert.deepEqual(toJs(T.timestamptz, 0n, opts, ctx), new Date('2000-01-01T00:00:00Z'));
  assert.equal(toJs(T.timestamp, 2n ** 63n - 1n, opts, ctx), Infinity);
  assert.equal(toJs(T.interval, new Interval(14, 3, 3_600_000_000n), opts, ctx), '1 year 2 mons 3 days 01:00:00');
  assert.deepEqual(toJs(T.bytea, Uint8Array.of(1, 2), opts, ctx), Buffer.from([1, 2]));
  assert.deepEqual(toJs(T.jsonb, Jsonb.parse('{"b":[1,2.5],"a":null}'), opts, ctx), { a: null, b: [1, 2.5] });
  assert.deepEqual(toJs(arrayOf(T.int8), [1n, null], opts, ctx), ['1', null]);
});

test('fromJs converts parameters and rejects mismatches with a SQLSTATE', () => {
  assert.equal(fromJs(5, T.int4, ctx), 5);
  assert.equal(fromJs(5, T.int8, ctx), 5n);
  assert.equal(fromJs('12', T.int4, ctx), 12);
  assert.equal((fromJs(1.25, T.numeric, ctx) as Numeric).toString(), '1.25');
  assert.equal(fromJs(new Date('2000-01-01T00:00:01Z'), T.timestamptz, ctx), 1_000_000n);
  assert.deepEqual(fromJs([1, null], arrayOf(T.int4), ctx), [1, null]);
  assert.equal((fromJs({ b: 1, a: [true] }, T.jsonb, ctx) as Jsonb).toString(), '{"a": [true], "b": 1}');
  assert.equal(fromJs({ a: 1 }, T.json, ctx), '{"a":1}');
  assert.throws(() => fromJs(1.5, T.int4, ctx), { code: '22P02', message: 'invalid input syntax for type integer: "1.5"' });
  assert.throws(() => fromJs(3e9, T.int4, ctx), { code: '22003' });
  assert.throws(() => fromJs(true, T.int4, ctx), { code: '42804' });
  assert.equal(inferJsType(1), T.int4);
  assert.equal(inferJsType(2 ** 40), T.float8);
  assert.equal(inferJsType(1.5), T.float8);
  assert.equal(inferJsType(1n), T.int8);
  assert.equal(inferJsType('x'), T.text);
  assert.equal(inferJsType(new Date()), T.timestamptz);
  assert.equal(inferJsType(Buffer.from('x')), T.bytea);
  assert.equal(inferJsType(['a']), arrayOf(T.text));
  assert.equal(inferJsType({ a: 1 }), T.jsonb);
});
