/**
 * Aggregates and set-returning functions against PostgreSQL 15's results (gathered from a real
 * PostgreSQL 15 with `select agg(c…) from (values …)` and `select * from srf(…)`, TimeZone UTC).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T, arrayOf, castValue, defaultTypeContext, formatValue, parseValue } from '../../src/sql/types/index.js';
import type { BaseType, SqlType, TypeContext, Value } from '../../src/sql/types/index.js';

const ctx: TypeContext = { ...defaultTypeContext, timeZone: 'UTC' };

function typeOf(name: string): SqlType {
  if (name.endsWith('[]')) return arrayOf(typeOf(name.slice(0, -2)));
  const t = (T as Record<string, SqlType>)[name as BaseType];
  assert.ok(t !== undefined, `unknown type ${name}`);
  return t;
}

/** An argument as the planner passes it: parsed in its own type, then cast implicitly to the declared one. */
function arg(type: string, text: string | null, declared: SqlType): Value {
  if (text === null) return null;
  const from = typeOf(type);
  if (from.base === 'unknown') return parseValue(declared, text, ctx);
  const v = parseValue(from, text, ctx);
  return from === declared ? v : castValue(v, from, declared, 'implicit', ctx);
}

const out = (t: SqlType, v: Value): string | null => (v === null ? null : formatValue(t, v, ctx));

import { resolveAggregate, resolveSetFunction } from '../../src/sql/functions/index.js';

type Row = readonly (readonly [string, string | null])[];
type Expected = string | null | { readonly error: string };

function runAggregate(name: string, types: readonly string[], rows: readonly Row[]): string | null {
  const a = resolveAggregate(name, types.map(typeOf));
  assert.ok(a !== undefined, `${name} is an aggregate`);
  let state = a.init();
  for (const row of rows) {
    const values = row.map(([t, v], i) => arg(t, v, a.args[i]!));
    if (a.strict && values.some((v) => v === null)) continue;
    state = a.step(state, values, ctx);
  }
  return out(a.result, a.final(state, ctx));
}

const aggregates: readonly (readonly [string, readonly string[], readonly Row[], Expected])[] = [
  ["count",[],[[],[],[]],"3"],
  ["count",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"4"],
  ["count",["int4"],[],"0"],
  ["sum",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"8"],
  ["sum",["int2"],[[["int2","1"]],[["int2","2"]]],"3"],
  ["sum",["int8"],[[["int8","9223372036854775807"]],[["int8","1"]]],"9223372036854775808"],
  ["sum",["numeric"],[[["numeric","1.5"]],[["numeric","2.25"]],[["numeric",null]]],"3.75"],
  ["sum",["float8"],[[["float8","0.1"]],[["float8","0.2"]]],"0.30000000000000004"],
  ["sum",["float4"],[[["float4","1.5"]],[["float4","2"]]],"3.5"],
  ["sum",["interval"],[[["interval","1 day"]],[["interval","2 hours"]]],"1 day 02:00:00"],
  ["sum",["int4"],[],null],
  ["avg",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"2.0000000000000000"],
  ["avg",["int8"],[[["int8","1"]],[["int8","2"]]],"1.5000000000000000"],
  ["avg",["numeric"],[[["numeric","1.5"]],[["numeric","2.25"]],[["numeric","3"]]],"2.2500000000000000"],
  ["avg",["float8"],[[["float8","1"]],[["float8","2"]]],"1.5"],
  ["avg",["interval"],[[["interval","1 day"]],[["interval","2 hours"]]],"13:00:00"],
  ["avg",["int4"],[],null],
  ["min",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"1"],
  ["max",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"3"],
  ["max",["text"],[[["text","b"]],[["text","abc"]],[["text","B"]]],"b"],
  ["min",["date"],[[["date","2024-01-02"]],[["date","2023-12-31"]]],"2023-12-31"],
  ["max",["numeric"],[[["numeric","1.50"]],[["numeric","1.5"]],[["numeric","NaN"]]],"NaN"],
  ["max",["int4[]"],[[["int4[]","{1,2}"]],[["int4[]","{1,2,0}"]],[["int4[]","{1,NULL}"]]],"{1,NULL}"],
  ["min",["timestamptz"],[[["timestamptz","2024-01-01 00:00+02"]],[["timestamptz","2023-12-31 23:00+00"]]],"2023-12-31 22:00:00+00"],
  ["max",["float8"],[[["float8","1"]],[["float8","NaN"]],[["float8","Infinity"]]],"NaN"],
  ["min",["varchar"],[[["varchar","x"]],[["varchar","a"]]],"a"],
  ["string_agg",["text","text"],[[["text","a"],["text",","]],[["text",null],["text",","]],[["text","b"],["text",";"]],[["text","c"],["text",null]]],"a;bc"],
  ["string_agg",["text","text"],[],null],
  ["array_agg",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"{1,2,NULL,3,2}"],
  ["array_agg",["text"],[[["text","a b"]],[["text",null]],[["text","c"]]],"{\"a b\",NULL,c}"],
  ["array_agg",["int4"],[],null],
  ["bool_and",["bool"],[[["bool","true"]],[["bool",null]],[["bool","false"]]],"f"],
  ["bool_or",["bool"],[[["bool","false"]],[["bool",null]],[["bool","true"]]],"t"],
  ["every",["bool"],[[["bool","true"]],[["bool","true"]]],"t"],
  ["bool_and",["bool"],[],null],
  ["bit_and",["int4"],[[["int4","12"]],[["int4","10"]]],"8"],
  ["bit_or",["int4"],[[["int4","12"]],[["int4","10"]],[["int4",null]]],"14"],
  ["bit_xor",["int8"],[[["int8","12"]],[["int8","10"]]],"6"],
  ["json_agg",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"[1, 2, null, 3, 2]"],
  ["json_agg",["text"],[[["text","a"]],[["text",null]],[["text","b\""]]],"[\"a\", null, \"b\\\"\"]"],
  ["jsonb_agg",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"[1, 2, null, 3, 2]"],
  ["jsonb_agg",["jsonb"],[[["jsonb","{\"b\":1,\"a\":2}"]],[["jsonb","[1]"]]],"[{\"a\": 2, \"b\": 1}, [1]]"],
  ["json_agg",["int4"],[],null],
  ["jsonb_object_agg",["text","int4"],[[["text","k1"],["int4","1"]],[["text","a"],["int4",null]],[["text","k1"],["int4","3"]]],"{\"a\": null, \"k1\": 3}"],
  ["json_object_agg",["text","int4"],[[["text","k1"],["int4","1"]],[["text","a"],["int4",null]]],"{ \"k1\" : 1, \"a\" : null }"],
  ["jsonb_object_agg",["text","int4"],[[["text",null],["int4","1"]]],{"error":"22023"}],
  ["variance",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"0.66666666666666666667"],
  ["var_samp",["numeric"],[[["numeric","1.5"]],[["numeric","2.25"]],[["numeric","3.125"]]],"0.66145833333333333333"],
  ["var_pop",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"0.50000000000000000000"],
  ["stddev",["int4"],[[["int4","1"]],[["int4","2"]],[["int4",null]],[["int4","3"]],[["int4","2"]]],"0.81649658092772603273"],
  ["stddev_samp",["numeric"],[[["numeric","1.5"]],[["numeric","2.25"]],[["numeric","3.125"]]],"0.81330088733096395985"],
  ["stddev_pop",["int8"],[[["int8","1"]],[["int8","2"]],[["int8","4"]]],"1.2472191289246471"],
  ["variance",["int4"],[[["int4","1"]]],null],
  ["var_pop",["int4"],[[["int4","1"]]],"0"],
  ["variance",["int4"],[[["int4","5"]],[["int4","5"]]],"0"],
  ["variance",["float8"],[[["float8","1"]],[["float8","2"]],[["float8","4"]]],"2.3333333333333335"],
  ["stddev",["float8"],[[["float8","1"]],[["float8","2"]],[["float8","4"]]],"1.5275252316519468"],
  ["stddev_pop",["float8"],[[["float8","1"]],[["float8","2"]],[["float8","4"]]],"1.247219128924647"],
  ["var_samp",["float8"],[[["float8","1"]]],null],
  ["stddev",["float4"],[[["float4","1.5"]],[["float4","2.5"]]],"0.7071067811865476"],
  ["max",["bool"],[[["bool","true"]]],{"error":"42883"}],
  ["sum",["text"],[[["text","1"]]],{"error":"42883"}],
];

for (const [name, types, rows, expected] of aggregates) {
  test(`${name}(${types.join(', ')}) over ${rows.length} rows`, () => {
    if (expected !== null && typeof expected === 'object') {
      assert.throws(() => runAggregate(name, types, rows), (e: unknown) => (e as { code?: string }).code === expected.error);
    } else assert.equal(runAggregate(name, types, rows), expected);
  });
}

test('every aggregate starts from a fresh state: two groups do not share one', () => {
  const a = resolveAggregate('array_agg', [T.int4])!;
  const s1 = a.step(a.init(), [1], ctx);
  const s2 = a.step(a.init(), [2], ctx);
  assert.equal(out(a.result, a.final(s1, ctx)), '{1}');
  assert.equal(out(a.result, a.final(s2, ctx)), '{2}');
});

test('resolveAggregate: undefined for a non-aggregate name', () => {
  assert.equal(resolveAggregate('lower', [T.text]), undefined);
});

function runSrf(name: string, args: Row): (string | null)[][] {
  const f = resolveSetFunction(name, args.map(([t]) => typeOf(t)));
  assert.ok(f !== undefined, `${name} resolves`);
  const values = args.map(([t, v], i) => arg(t, v, f.args[i]!));
  if (f.strict && values.some((v) => v === null)) return [];
  return [...f.fn(values, ctx)].map((r) => r.map((v, i) => out(f.columns[i]!.type, v)));
}

const srfs: readonly (readonly [string, Row, readonly (readonly (string | null)[])[] | { readonly error: string }])[] = [
  ["generate_series",[["int4","1"],["int4","3"]],[["1"],["2"],["3"]]],
  ["generate_series",[["int4","5"],["int4","1"],["int4","-2"]],[["5"],["3"],["1"]]],
  ["generate_series",[["int4","1"],["int4","0"]],[]],
  ["generate_series",[["int8","9223372036854775806"],["int8","9223372036854775807"]],[["9223372036854775806"],["9223372036854775807"]]],
  ["generate_series",[["numeric","1"],["numeric","2"],["numeric","0.5"]],[["1"],["1.5"],["2.0"]]],
  ["generate_series",[["numeric","0.1"],["numeric","0.35"],["numeric","0.1"]],[["0.1"],["0.2"],["0.3"]]],
  ["generate_series",[["int4","1"],["int4","2"],["int4","0"]],{"error":"22023"}],
  ["generate_series",[["unknown","1"],["unknown","3"]],{"error":"42725"}],
  ["generate_series",[["timestamp","2024-01-30"],["timestamp","2024-05-01"],["interval","1 month"]],[["2024-01-30 00:00:00"],["2024-02-29 00:00:00"],["2024-03-29 00:00:00"],["2024-04-29 00:00:00"]]],
  ["generate_series",[["timestamptz","2024-03-30 12:00+00"],["timestamptz","2024-04-01 12:00+00"],["interval","1 day"]],[["2024-03-30 12:00:00+00"],["2024-03-31 12:00:00+00"],["2024-04-01 12:00:00+00"]]],
  ["generate_series",[["timestamp","2024-01-01"],["timestamp","2024-01-02"],["interval","0 days"]],{"error":"22023"}],
  ["unnest",[["int4[]","{1,NULL,3}"]],[["1"],[null],["3"]]],
  ["unnest",[["text[]","{}"]],[]],
  ["generate_subscripts",[["text[]","{a,b,c}"],["int4","1"]],[["1"],["2"],["3"]]],
  ["generate_subscripts",[["text[]","{a,b,c}"],["int4","1"],["bool","true"]],[["3"],["2"],["1"]]],
  ["jsonb_array_elements",[["jsonb","[1,\"a\",null,{\"b\":2}]"]],[["1"],["\"a\""],["null"],["{\"b\": 2}"]]],
  ["jsonb_array_elements_text",[["jsonb","[1,\"a\",null,{\"b\":2}]"]],[["1"],["a"],[null],["{\"b\": 2}"]]],
  ["jsonb_array_elements",[["jsonb","{\"a\":1}"]],{"error":"22023"}],
  ["jsonb_array_elements",[["jsonb","1"]],{"error":"22023"}],
  ["jsonb_each",[["jsonb","{\"b\":1,\"a\":[1,2],\"c\":\"x\"}"]],[["a","[1, 2]"],["b","1"],["c","\"x\""]]],
  ["jsonb_each_text",[["jsonb","{\"b\":1,\"a\":[1,2],\"c\":\"x\",\"d\":null}"]],[["a","[1, 2]"],["b","1"],["c","x"],["d",null]]],
  ["jsonb_each",[["jsonb","[1]"]],{"error":"22023"}],
  ["json_each",[["json","{\"b\":1,\"a\":[1,2]}"]],[["b","1"],["a","[1,2]"]]],
  ["json_each_text",[["json","{\"b\":\"x\"}"]],[["b","x"]]],
  ["jsonb_object_keys",[["jsonb","{\"bb\":1,\"a\":2}"]],[["a"],["bb"]]],
  ["jsonb_object_keys",[["jsonb","[1]"]],{"error":"22023"}],
  ["jsonb_object_keys",[["jsonb","1"]],{"error":"22023"}],
  ["json_array_elements_text",[["json","[\"a\",1]"]],[["a"],["1"]]],
  ["regexp_matches",[["text","foobarbequebazilbarfbonk"],["text","(b[^b]+)(b[^b]+)"],["text","g"]],[["{bar,beque}"],["{bazil,barf}"]]],
  ["regexp_matches",[["text","abcabc"],["text","b"]],[["{b}"]]],
  ["regexp_matches",[["text","abc"],["text","x*"],["text","g"]],[["{\"\"}"],["{\"\"}"],["{\"\"}"],["{\"\"}"]]],
  ["regexp_matches",[["text","aBc"],["text","b"],["text","gi"]],[["{B}"]]],
  ["regexp_split_to_table",[["text","a1b22c"],["text","[0-9]+"]],[["a"],["b"],["c"]]],
  ["string_to_table",[["text","a,b,,c"],["text",","]],[["a"],["b"],[""],["c"]]],
  ["string_to_table",[["text","a,b,,c"],["text",","],["text",""]],[["a"],["b"],[null],["c"]]],
  ["string_to_table",[["text","ab"],["text",null]],[["a"],["b"]]],
];

for (const [name, args, expected] of srfs) {
  test(`${name}(${args.map(([t, v]) => `${v}::${t}`).join(', ')})`, () => {
    if (!Array.isArray(expected)) {
      assert.throws(() => runSrf(name, args), (e: unknown) => (e as { code?: string }).code === (expected as { error: string }).error);
    } else assert.deepEqual(runSrf(name, args), expected);
  });
}

test('generate_series is lazy: the first rows of a huge series come without the rest', () => {
  const f = resolveSetFunction('generate_series', [T.int8, T.int8])!;
  const it = f.fn([1n, 9223372036854775807n], ctx)[Symbol.iterator]();
  assert.deepEqual(it.next().value, [1n]);
  assert.deepEqual(it.next().value, [2n]);
});

test('set-returning functions name their columns as PostgreSQL does', () => {
  assert.deepEqual(resolveSetFunction('generate_series', [T.int4, T.int4])!.columns.map((c) => c.name), ['generate_series']);
  assert.deepEqual(resolveSetFunction('unnest', [arrayOf(T.text)])!.columns.map((c) => c.name), ['unnest']);
  assert.deepEqual(resolveSetFunction('jsonb_each', [T.jsonb])!.columns.map((c) => c.name), ['key', 'value']);
  assert.equal(resolveSetFunction('lower', [T.text]), undefined);
});
