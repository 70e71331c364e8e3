// Operators: resolution (result type) and results, each expectation as PostgreSQL 15 printed
// `select (a op b)::text || ' :: ' || pg_typeof(a op b)` with TimeZone UTC.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqlError } from '../../src/sql/errors.js';
import {
  castValue,
  commonType,
  defaultTypeContext,
  type TypeContext,
  formatTypeName,
  resolveOperator,
  sqlType,
  T,
  type BaseType,
  type SqlType,
  type Value,
} from '../../src/sql/types/index.js';

type Operand = readonly [pgType: string | null, base: string, mod: number, array: boolean, text: string];
type Expected = string | { readonly code: string; readonly message: string };
type Case = readonly [left: Operand | null, op: string, right: Operand, expected: Expected];

const cases: readonly Case[] = [
  [["integer", "int4", -1, false, "1"], "+", ["bigint", "int8", -1, false, "2"], "3 :: bigint"],
  [["integer", "int4", -1, false, "1"], "+", ["numeric", "numeric", -1, false, "1.10"], "2.10 :: numeric"],
  [["integer", "int4", -1, false, "1"], "+", ["double precision", "float8", -1, false, "2.5"], "3.5 :: double precision"],
  [["integer", "int4", -1, false, "1"], "+", ["real", "float4", -1, false, "2.5"], "3.5 :: double precision"],
  [["smallint", "int2", -1, false, "1"], "+", ["smallint", "int2", -1, false, "2"], "3 :: smallint"],
  [["smallint", "int2", -1, false, "1"], "+", ["integer", "int4", -1, false, "2"], "3 :: integer"],
  [["integer", "int4", -1, false, "7"], "/", ["integer", "int4", -1, false, "2"], "3 :: integer"],
  [["integer", "int4", -1, false, "-7"], "/", ["integer", "int4", -1, false, "2"], "-3 :: integer"],
  [["integer", "int4", -1, false, "-7"], "%", ["integer", "int4", -1, false, "2"], "-1 :: integer"],
  [["integer", "int4", -1, false, "1"], "/", ["integer", "int4", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["integer", "int4", -1, false, "2147483647"], "*", ["integer", "int4", -1, false, "2"], {"code": "22003", "message": "integer out of range"}],
  [["integer", "int4", -1, false, "2147483647"], "+", ["integer", "int4", -1, false, "1"], {"code": "22003", "message": "integer out of range"}],
  [["integer", "int4", -1, false, "-2147483648"], "/", ["integer", "int4", -1, false, "-1"], {"code": "22003", "message": "integer out of range"}],
  [["smallint", "int2", -1, false, "32767"], "+", ["smallint", "int2", -1, false, "1"], {"code": "22003", "message": "smallint out of range"}],
  [["bigint", "int8", -1, false, "9223372036854775807"], "+", ["bigint", "int8", -1, false, "1"], {"code": "22003", "message": "bigint out of range"}],
  [["bigint", "int8", -1, false, "-9223372036854775808"], "/", ["bigint", "int8", -1, false, "-1"], {"code": "22003", "message": "bigint out of range"}],
  [["bigint", "int8", -1, false, "7"], "%", ["bigint", "int8", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["integer", "int4", -1, false, "2"], "^", ["integer", "int4", -1, false, "10"], "1024 :: double precision"],
  [["numeric", "numeric", -1, false, "2"], "^", ["numeric", "numeric", -1, false, "10"], "1024.0000000000000000 :: numeric"],
  [["numeric", "numeric", -1, false, "2"], "^", ["numeric", "numeric", -1, false, "-2"], "0.2500000000000000 :: numeric"],
  [["numeric", "numeric", -1, false, "1.5"], "^", ["integer", "int4", -1, false, "2"], "2.2500000000000000 :: numeric"],
  [["numeric", "numeric", -1, false, "0.5"], "^", ["numeric", "numeric", -1, false, "30"], "0.0000000009313226 :: numeric"],
  [["double precision", "float8", -1, false, "2"], "^", ["double precision", "float8", -1, false, "0.5"], "1.4142135623730951 :: double precision"],
  [["double precision", "float8", -1, false, "-8"], "^", ["double precision", "float8", -1, false, "0.5"], {"code": "2201F", "message": "a negative number raised to a non-integer power yields a complex result"}],
  [["double precision", "float8", -1, false, "0"], "^", ["double precision", "float8", -1, false, "-1"], {"code": "2201F", "message": "zero raised to a negative power is undefined"}],
  [["numeric", "numeric", -1, false, "1"], "/", ["integer", "int4", -1, false, "3"], "0.33333333333333333333 :: numeric"],
  [["numeric", "numeric", -1, false, "10"], "/", ["numeric", "numeric", -1, false, "4"], "2.5000000000000000 :: numeric"],
  [["numeric", "numeric", -1, false, "1"], "/", ["numeric", "numeric", -1, false, "7000"], "0.00014285714285714286 :: numeric"],
  [["numeric", "numeric", -1, false, "123456789"], "/", ["numeric", "numeric", -1, false, "0.001"], "123456789000.00000000 :: numeric"],
  [["numeric", "numeric", -1, false, "1.10"], "+", ["integer", "int4", -1, false, "2"], "3.10 :: numeric"],
  [["numeric", "numeric", -1, false, "1.10"], "*", ["numeric", "numeric", -1, false, "2.5"], "2.750 :: numeric"],
  [["numeric", "numeric", -1, false, "-7.5"], "%", ["numeric", "numeric", -1, false, "2"], "-1.5 :: numeric"],
  [["numeric", "numeric", -1, false, "1"], "/", ["numeric", "numeric", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["numeric", "numeric", -1, false, "Infinity"], "-", ["numeric", "numeric", -1, false, "Infinity"], "NaN :: numeric"],
  [["numeric", "numeric", -1, false, "NaN"], "+", ["integer", "int4", -1, false, "1"], "NaN :: numeric"],
  [["numeric", "numeric", -1, false, "0.1"], "+", ["double precision", "float8", -1, false, "0.2"], "0.30000000000000004 :: double precision"],
  [["double precision", "float8", -1, false, "0.1"], "+", ["double precision", "float8", -1, false, "0.2"], "0.30000000000000004 :: double precision"],
  [["real", "float4", -1, false, "0.1"], "+", ["real", "float4", -1, false, "0.2"], "0.3 :: real"],
  [["double precision", "float8", -1, false, "1e308"], "*", ["double precision", "float8", -1, false, "10"], {"code": "22003", "message": "value out of range: overflow"}],
  [["double precision", "float8", -1, false, "1"], "/", ["double precision", "float8", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["double precision", "float8", -1, false, "1e-300"], "*", ["double precision", "float8", -1, false, "1e-300"], {"code": "22003", "message": "value out of range: underflow"}],
  [[null, "unknown", -1, false, "a"], "||", ["integer", "int4", -1, false, "1"], "a1 :: text"],
  [[null, "unknown", -1, false, "a"], "||", [null, "unknown", -1, false, "b"], "ab :: text"],
  [["text", "text", -1, false, "a"], "||", ["numeric", "numeric", -1, false, "1.50"], "a1.50 :: text"],
  [["integer", "int4", -1, false, "1"], "||", [null, "unknown", -1, false, "x"], "1x :: text"],
  [["character(3)", "bpchar", 3, false, "a"], "=", ["text", "text", -1, false, "a"], "true :: boolean"],
  [["character(3)", "bpchar", 3, false, "a"], "||", ["text", "text", -1, false, "b"], "ab :: text"],
  [["integer", "int4", -1, false, "1"], "=", [null, "unknown", -1, false, "1"], "true :: boolean"],
  [[null, "unknown", -1, false, "2"], "<", ["bigint", "int8", -1, false, "10"], "true :: boolean"],
  [[null, "unknown", -1, false, "b"], "<", [null, "unknown", -1, false, "ab"], "false :: boolean"],
  [["text", "text", -1, false, "B"], "<", ["text", "text", -1, false, "a"], "true :: boolean"],
  [["date", "date", -1, false, "2024-01-01"], "<", ["timestamptz", "timestamptz", -1, false, "2024-01-01 00:00:01"], "true :: boolean"],
  [["date", "date", -1, false, "2024-01-01"], "=", ["timestamp", "timestamp", -1, false, "2024-01-01"], "true :: boolean"],
  [["date", "date", -1, false, "2024-01-31"], "+", ["interval", "interval", -1, false, "1 month"], "2024-02-29 00:00:00 :: timestamp without time zone"],
  [["date", "date", -1, false, "2024-03-01"], "-", ["date", "date", -1, false, "2024-02-01"], "29 :: integer"],
  [["date", "date", -1, false, "2024-03-01"], "+", ["integer", "int4", -1, false, "30"], "2024-03-31 :: date"],
  [["date", "date", -1, false, "2024-03-01"], "-", ["integer", "int4", -1, false, "1"], "2024-02-29 :: date"],
  [["date", "date", -1, false, "2024-03-01"], "+", ["time", "time", -1, false, "12:30"], "2024-03-01 12:30:00 :: timestamp without time zone"],
  [["date", "date", -1, false, "2024-03-01"], "-", ["interval", "interval", -1, false, "1 day"], "2024-02-29 00:00:00 :: timestamp without time zone"],
  [["timestamp", "timestamp", -1, false, "2024-03-01"], "-", ["timestamp", "timestamp", -1, false, "2024-02-01 01:00"], "28 days 23:00:00 :: interval"],
  [["timestamp", "timestamp", -1, false, "2024-01-31 10:00"], "+", ["interval", "interval", -1, false, "1 month 1 day 1 hour"], "2024-03-01 11:00:00 :: timestamp without time zone"],
  [["timestamptz", "timestamptz", -1, false, "2024-03-30 12:00+00"], "+", ["interval", "interval", -1, false, "1 day"], "2024-03-31 12:00:00+00 :: timestamp with time zone"],
  [["timestamptz", "timestamptz", -1, false, "2024-03-01 00:00+00"], "-", ["timestamptz", "timestamptz", -1, false, "2024-01-01 00:00+00"], "60 days :: interval"],
  [["interval", "interval", -1, false, "1 day"], "*", ["double precision", "float8", -1, false, "1.5"], "1 day 12:00:00 :: interval"],
  [["interval", "interval", -1, false, "1 mon"], "*", ["double precision", "float8", -1, false, "0.3"], "9 days :: interval"],
  [["interval", "interval", -1, false, "1 mon"], "/", ["double precision", "float8", -1, false, "3"], "10 days :: interval"],
  [["interval", "interval", -1, false, "1 day 2 hours"], "+", ["interval", "interval", -1, false, "3 mons"], "3 mons 1 day 02:00:00 :: interval"],
  [["interval", "interval", -1, false, "1 day"], "-", ["interval", "interval", -1, false, "25 hours"], "1 day -25:00:00 :: interval"],
  [["time", "time", -1, false, "10:00"], "-", ["time", "time", -1, false, "11:30"], "-01:30:00 :: interval"],
  [["time", "time", -1, false, "23:00"], "+", ["interval", "interval", -1, false, "2 hours"], "01:00:00 :: time without time zone"],
  [["interval", "interval", -1, false, "1 mon"], "=", ["interval", "interval", -1, false, "30 days"], "true :: boolean"],
  [["interval", "interval", -1, false, "1 day"], ">", ["interval", "interval", -1, false, "23 hours"], "true :: boolean"],
  [["integer[]", "int4", -1, true, "{1,2}"], "||", ["integer", "int4", -1, false, "3"], "{1,2,3} :: integer[]"],
  [["bigint", "int8", -1, false, "0"], "||", ["integer[]", "int4", -1, true, "{1,2}"], "{0,1,2} :: bigint[]"],
  [["integer[]", "int4", -1, true, "{1,2}"], "||", ["integer[]", "int4", -1, true, "{3}"], "{1,2,3} :: integer[]"],
  [["integer[]", "int4", -1, true, "{1,2}"], "=", [null, "unknown", -1, false, "{1,2}"], "true :: boolean"],
  [["integer[]", "int4", -1, true, "{1,2}"], "<", ["integer[]", "int4", -1, true, "{1,2,0}"], "true :: boolean"],
  [["integer[]", "int4", -1, true, "{1,NULL}"], ">", ["integer[]", "int4", -1, true, "{1,2}"], "true :: boolean"],
  [["integer[]", "int4", -1, true, "{1,2,3}"], "@>", ["integer[]", "int4", -1, true, "{3,1}"], "true :: boolean"],
  [["integer[]", "int4", -1, true, "{1,2}"], "&&", ["integer[]", "int4", -1, true, "{5,2}"], "true :: boolean"],
  [["integer", "int4", -1, false, "1"], "<<", ["integer", "int4", -1, false, "33"], "2 :: integer"],
  [["smallint", "int2", -1, false, "6"], "&", ["integer", "int4", -1, false, "3"], "2 :: integer"],
  [["integer", "int4", -1, false, "5"], "#", ["integer", "int4", -1, false, "3"], "6 :: integer"],
  [["bigint", "int8", -1, false, "1"], "<<", ["integer", "int4", -1, false, "63"], "-9223372036854775808 :: bigint"],
  [["smallint", "int2", -1, false, "1"], "<<", ["integer", "int4", -1, false, "15"], "-32768 :: smallint"],
  [["integer", "int4", -1, false, "-8"], ">>", ["integer", "int4", -1, false, "1"], "-4 :: integer"],
  [["numeric", "numeric", -1, false, "1.0"], "=", ["numeric", "numeric", -1, false, "1.00"], "true :: boolean"],
  [["double precision", "float8", -1, false, "NaN"], ">", ["double precision", "float8", -1, false, "Infinity"], "true :: boolean"],
  [["double precision", "float8", -1, false, "-0"], "=", ["double precision", "float8", -1, false, "0"], "true :: boolean"],
  [["numeric", "numeric", -1, false, "NaN"], "=", ["numeric", "numeric", -1, false, "NaN"], "true :: boolean"],
  [["varchar(5)", "varchar", 5, false, "a"], "=", ["name", "name", -1, false, "a"], "true :: boolean"],
  [["text", "text", -1, false, "a"], "=", ["integer", "int4", -1, false, "1"], {"code": "42883", "message": "operator does not exist: text = integer"}],
  [["text", "text", -1, false, "a"], "-", ["text", "text", -1, false, "b"], {"code": "42883", "message": "operator does not exist: text - text"}],
  [["bytea", "bytea", -1, false, "\\x01"], "||", ["bytea", "bytea", -1, false, "\\x02"], "\\x0102 :: bytea"],
  [["jsonb", "jsonb", -1, false, "{\"a\":1}"], "=", ["jsonb", "jsonb", -1, false, "{\"a\":1.0}"], "true :: boolean"],
  [["boolean", "bool", -1, false, "t"], ">", ["boolean", "bool", -1, false, "f"], "true :: boolean"],
  [["json", "json", -1, false, "{}"], "=", ["json", "json", -1, false, "{}"], {"code": "42883", "message": "operator does not exist: json = json"}],
  [["date", "date", -1, false, "infinity"], "-", ["date", "date", -1, false, "2024-01-01"], {"code": "22008", "message": "cannot subtract infinite dates"}],
  [["date", "date", -1, false, "5874897-12-31"], "+", ["integer", "int4", -1, false, "1"], {"code": "22008", "message": "date out of range"}],
  [null, "-", ["integer", "int4", -1, false, "5"], "-5 :: integer"],
  [null, "-", ["integer", "int4", -1, false, "-2147483648"], {"code": "22003", "message": "integer out of range"}],
  [null, "@", ["numeric", "numeric", -1, false, "-1.5"], "1.5 :: numeric"],
  [null, "~", ["integer", "int4", -1, false, "5"], "-6 :: integer"],
  [null, "-", ["interval", "interval", -1, false, "1 day 2 hours"], "-1 days -02:00:00 :: interval"],
  [null, "|/", ["double precision", "float8", -1, false, "2"], "1.4142135623730951 :: double precision"],
  [null, "+", [null, "unknown", -1, false, "1"], "1 :: double precision"],
  [null, "-", ["numeric", "numeric", -1, false, "0.0"], "0.0 :: numeric"],
  // numeric ^ non-integer: exact to PostgreSQL's power_var scale.
  [["numeric", "numeric", -1, false, "2"], "^", ["numeric", "numeric", -1, false, "0.5"], "1.4142135623730950 :: numeric"],
  [["numeric", "numeric", -1, false, "0.5"], "^", ["numeric", "numeric", -1, false, "0.5"], "0.7071067811865475 :: numeric"],
  [["numeric", "numeric", -1, false, "10"], "^", ["numeric", "numeric", -1, false, "-1.5"], "0.03162277660168379 :: numeric"],
  [["numeric", "numeric", -1, false, "1.0001"], "^", ["numeric", "numeric", -1, false, "10000.5"], "2.7182818307240536 :: numeric"],
  [["numeric", "numeric", -1, false, "123.456"], "^", ["numeric", "numeric", -1, false, "3.3"], "7979768.0056903899 :: numeric"],
  [["numeric", "numeric", -1, false, "2"], "^", ["numeric", "numeric", -1, false, "100.1"], "1358634273092819767285223439627.1 :: numeric"],
  [["numeric", "numeric", -1, false, "0.001"], "^", ["numeric", "numeric", -1, false, "0.3"], "0.1258925411794167 :: numeric"],
];

/** The same, run by PostgreSQL with TimeZone America/New_York. */
const casesNewYork: readonly Case[] = [
  [[null, "unknown", -1, false, "a"], "||", ["boolean", "bool", -1, false, "t"], "atrue :: text"],
  [["numeric", "numeric", -1, false, "1.50"], "||", ["text", "text", -1, false, "x"], "1.50x :: text"],
  [["character(3)", "bpchar", 3, false, "a"], "||", ["integer", "int4", -1, false, "1"], "a1 :: text"],
  [["varchar", "varchar", -1, false, "x"], "||", ["double precision", "float8", -1, false, "2.5"], "x2.5 :: text"],
  [["date", "date", -1, false, "2024-01-31"], "||", [null, "unknown", -1, false, "x"], "2024-01-31x :: text"],
  [["integer[]", "int4", -1, true, "{1}"], "||", [null, "unknown", -1, false, "{2,3}"], "{1,2,3} :: integer[]"],
  [[null, "unknown", -1, false, "{2,3}"], "||", ["integer[]", "int4", -1, true, "{1}"], "{2,3,1} :: integer[]"],
  [["text", "text", -1, false, "a"], "||", ["integer[]", "int4", -1, true, "{1}"], {"code": "42883", "message": "operator does not exist: text || integer[]"}],
  [["timestamptz", "timestamptz", -1, false, "2024-03-09 12:00-05"], "+", ["interval", "interval", -1, false, "1 day"], "2024-03-10 12:00:00-04 :: timestamp with time zone"],
  [["timestamptz", "timestamptz", -1, false, "2024-03-09 12:00-05"], "+", ["interval", "interval", -1, false, "24 hours"], "2024-03-10 13:00:00-04 :: timestamp with time zone"],
  [["timestamp", "timestamp", -1, false, "2024-02-29"], "+", ["interval", "interval", -1, false, "1 year"], "2025-02-28 00:00:00 :: timestamp without time zone"],
  [["timestamp", "timestamp", -1, false, "2024-01-31"], "-", ["interval", "interval", -1, false, "1 mon"], "2023-12-31 00:00:00 :: timestamp without time zone"],
  [["interval", "interval", -1, false, "1 year"], "/", ["double precision", "float8", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["interval", "interval", -1, false, "2 days 3 hours"], "*", ["double precision", "float8", -1, false, "-0.5"], "-1 days -01:30:00 :: interval"],
  [["time", "time", -1, false, "01:00"], "-", ["interval", "interval", -1, false, "3 hours"], "22:00:00 :: time without time zone"],
  [["date", "date", -1, false, "2024-01-01"], "-", ["timestamp", "timestamp", -1, false, "2023-12-31 12:00"], "12:00:00 :: interval"],
  [["numeric", "numeric", -1, false, "5"], "%", ["numeric", "numeric", -1, false, "0"], {"code": "22012", "message": "division by zero"}],
  [["numeric", "numeric", -1, false, "-0.5"], "/", ["numeric", "numeric", -1, false, "0.25"], "-2.0000000000000000 :: numeric"],
  [["numeric", "numeric", -1, false, "2"], "/", ["numeric", "numeric", -1, false, "3"], "0.66666666666666666667 :: numeric"],
  [["numeric", "numeric", -1, false, "100"], "/", ["numeric", "numeric", -1, false, "3"], "33.3333333333333333 :: numeric"],
  [["numeric", "numeric", -1, false, "0.0001"], "/", ["numeric", "numeric", -1, false, "3"], "0.000033333333333333333333 :: numeric"],
  [["numeric", "numeric", -1, false, "9.99"], "*", ["numeric", "numeric", -1, false, "-0.001"], "-0.00999 :: numeric"],
  [["real", "float4", -1, false, "1e30"], "*", ["real", "float4", -1, false, "1e30"], {"code": "22003", "message": "value out of range: overflow"}],
  [["real", "float4", -1, false, "3"], "/", ["real", "float4", -1, false, "7"], "0.42857143 :: real"],
  [["smallint", "int2", -1, false, "-32768"], "/", ["smallint", "int2", -1, false, "-1"], {"code": "22003", "message": "smallint out of range"}],
  [["bigint", "int8", -1, false, "5"], "/", ["integer", "int4", -1, false, "2"], "2 :: bigint"],
  [["integer", "int4", -1, false, "5"], "%", ["bigint", "int8", -1, false, "3"], "2 :: bigint"],
  [["double precision", "float8", -1, false, "5.5"], "%", ["integer", "int4", -1, false, "2"], {"code": "42883", "message": "operator does not exist: double precision % integer"}],
  [[null, "unknown", -1, false, "1.5"], "+", ["integer", "int4", -1, false, "1"], {"code": "22P02", "message": "invalid input syntax for type integer: \"1.5\""}],
  [[null, "unknown", -1, false, "abc"], "+", ["integer", "int4", -1, false, "1"], {"code": "22P02", "message": "invalid input syntax for type integer: \"abc\""}],
  [["integer", "int4", -1, false, "1"], "+", ["text", "text", -1, false, "2"], {"code": "42883", "message": "operator does not exist: integer + text"}],
  [null, "-", ["smallint", "int2", -1, false, "-32768"], {"code": "22003", "message": "smallint out of range"}],
  [null, "@", ["bigint", "int8", -1, false, "-9223372036854775808"], {"code": "22003", "message": "bigint out of range"}],
  [null, "~", ["bigint", "int8", -1, false, "0"], "-1 :: bigint"],
  [null, "-", ["double precision", "float8", -1, false, "0"], "-0 :: double precision"],
  [null, "|/", ["double precision", "float8", -1, false, "-1"], {"code": "2201F", "message": "cannot take square root of a negative number"}],
  [null, "@", ["real", "float4", -1, false, "-1.5"], "1.5 :: real"],
  [null, "-", ["text", "text", -1, false, "1"], {"code": "42883", "message": "operator does not exist: - text"}],
];

let ctx: TypeContext = defaultTypeContext;

function operand(o: Operand): [SqlType, Value] {
  const t = sqlType(o[1] as BaseType, o[2], o[3]);
  if (t.base === 'unknown') return [t, o[4]];
  return [t, castValue(o[4], T.unknown, t, 'explicit', ctx)];
}

/** What the SQL layer does with an operator expression: resolve, coerce, apply, print as ::text. */
function evaluate(left: Operand | null, op: string, right: Operand): Expected {
  try {
    const l = left === null ? null : operand(left);
    const r = operand(right);
    const impl = resolveOperator(op, l === null ? null : l[0], r[0]);
    if (impl === undefined) {
      const lt = l === null ? '' : formatTypeName(l[0]) + ' ';
      return { code: '42883', message: `operator does not exist: ${lt}${op} ${formatTypeName(r[0])}` };
    }
    const a = l === null || impl.left === null ? null : castValue(l[1], l[0], impl.left, 'implicit', ctx);
    const b = castValue(r[1], r[0], impl.right, 'implicit', ctx);
    const v = impl.fn(a, b, ctx);
    return `${castValue(v, impl.result, T.text, 'explicit', ctx) as string} :: ${formatTypeName(impl.result)}`;
  } catch (e) {
    if (!(e instanceof SqlError)) throw e;
    return { code: e.code, message: e.message };
  }
}

test('operator resolution and results match PostgreSQL 15', () => {
  const failures: string[] = [];
  const all = [...cases.map((c) => [c, 'UTC'] as const), ...casesNewYork.map((c) => [c, 'America/New_York'] as const)];
  for (const [[left, op, right, expected], timeZone] of all) {
    ctx = { ...defaultTypeContext, timeZone };
    const got = evaluate(left, op, right);
    try {
      assert.deepEqual(got, expected);
    } catch {
      failures.push(`${left?.[4] ?? ''}::${left?.[0] ?? ''} ${op} ${right[4]}::${right[0]}: got ${JSON.stringify(got)}, PostgreSQL ${JSON.stringify(expected)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('select_common_type: preferred types, categories and the 42804 message', () => {
  const name = (ts: SqlType[]): string => formatTypeName(commonType(ts, 'UNION'));
  assert.equal(name([T.int4, T.int8]), 'bigint');
  assert.equal(name([T.int4, T.numeric]), 'numeric');
  assert.equal(name([T.numeric, T.float8]), 'double precision');
  assert.equal(name([T.unknown, T.int4]), 'integer');
  assert.equal(name([T.unknown, T.unknown]), 'text');
  assert.equal(name([T.text, sqlType('varchar', 3)]), 'text');
  assert.equal(name([sqlType('varchar', 3), sqlType('varchar', 5)]), 'character varying');
  assert.equal(name([T.date, T.timestamptz]), 'timestamp with time zone');
  assert.equal(name([T.date, T.timestamp]), 'timestamp without time zone');
  assert.throws(() => commonType([T.int4, T.text], 'UNION'), { code: '42804', message: 'UNION types integer and text cannot be matched' });
  assert.throws(() => commonType([T.bool, T.int4], 'CASE'), { code: '42804', message: 'CASE types boolean and integer cannot be matched' });
});
