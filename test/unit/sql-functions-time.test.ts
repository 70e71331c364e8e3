/**
 * Date/time functions under a session time zone (DST transitions, half- and quarter-hour zones,
 * local mean time before 1900s standard time) against PostgreSQL 15's results, gathered with
 * `SET TimeZone` and `select pg_catalog.f(…)::text` on a real PostgreSQL 15.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveFunction } from '../../src/sql/functions/index.js';
import { T, castValue, defaultTypeContext, formatValue, parseValue } from '../../src/sql/types/index.js';
import type { BaseType, SqlType, TypeContext, Value } from '../../src/sql/types/index.js';

type Case = readonly [string, string, readonly (readonly [string, string])[], string | null | { readonly error: string }];

function run(zone: string, name: string, args: Case[2]): string | null {
  const ctx: TypeContext = { ...defaultTypeContext, timeZone: zone };
  const types = args.map(([t]) => (T as Record<string, SqlType>)[t as BaseType]!);
  const f = resolveFunction(name, types);
  assert.ok(f !== undefined, `${name} resolves`);
  const values: Value[] = args.map(([, text], i) => {
    const v = parseValue(types[i]!, text, ctx);
    return types[i] === f.args[i] ? v : castValue(v, types[i]!, f.args[i]!, 'implicit', ctx);
  });
  const r = f.fn(values, ctx);
  return r === null ? null : formatValue(f.result, r, ctx);
}

const cases: readonly Case[] = [
  ["Europe/Paris","date_trunc",[["text","day"],["timestamptz","2024-03-31 12:00+00"]],"2024-03-31 00:00:00+01"],
  ["Europe/Paris","date_trunc",[["text","hour"],["timestamptz","2024-03-31 01:30+00"]],"2024-03-31 03:00:00+02"],
  ["Europe/Paris","date_trunc",[["text","month"],["timestamptz","2024-10-27 12:00+00"]],"2024-10-01 00:00:00+02"],
  ["Europe/Paris","extract",[["text","hour"],["timestamptz","2024-03-31 00:59+00"]],"1"],
  ["Europe/Paris","extract",[["text","hour"],["timestamptz","2024-03-31 01:00+00"]],"3"],
  ["Europe/Paris","extract",[["text","timezone"],["timestamptz","2024-07-01 00:00+00"]],"7200"],
  ["Europe/Paris","extract",[["text","day"],["timestamptz","2024-01-31 23:30+00"]],"1"],
  ["America/New_York","extract",[["text","hour"],["timestamptz","2024-11-03 05:59+00"]],"1"],
  ["America/New_York","extract",[["text","hour"],["timestamptz","2024-11-03 06:00+00"]],"1"],
  ["America/New_York","date_trunc",[["text","day"],["timestamptz","2024-11-03 12:00+00"]],"2024-11-03 00:00:00-04"],
  ["America/New_York","date_trunc",[["text","week"],["timestamptz","2024-03-10 12:00+00"]],"2024-03-04 00:00:00-05"],
  ["America/New_York","age",[["timestamptz","2024-03-11 00:00-04"],["timestamptz","2024-03-09 00:00-05"]],"2 days"],
  ["America/New_York","make_timestamptz",[["int4","2024"],["int4","3"],["int4","10"],["int4","2"],["int4","30"],["float8","0"]],"2024-03-10 03:30:00-04"],
  ["America/New_York","make_timestamptz",[["int4","2024"],["int4","11"],["int4","3"],["int4","1"],["int4","30"],["float8","0"]],"2024-11-03 01:30:00-05"],
  ["Asia/Kolkata","to_char",[["timestamptz","2024-01-01 00:00+00"],["text","YYYY-MM-DD HH24:MI TZ OF"]],"2024-01-01 05:30 IST +05:30"],
  ["Asia/Kolkata","date_part",[["text","timezone_minute"],["timestamptz","2024-01-01 00:00+00"]],"30"],
  ["Asia/Kolkata","date_trunc",[["text","hour"],["timestamptz","2024-01-01 00:00+00"]],"2024-01-01 05:00:00+05:30"],
  ["Australia/Lord_Howe","extract",[["text","timezone"],["timestamptz","2024-01-01 00:00+00"]],"39600"],
  ["Australia/Lord_Howe","extract",[["text","timezone"],["timestamptz","2024-07-01 00:00+00"]],"37800"],
  ["Asia/Kathmandu","to_char",[["timestamptz","2024-01-01 00:00+00"],["text","HH24:MI OF"]],"05:45 +05:45"],
  ["UTC","to_timestamp",[["text","2024-01-01 12:00 +05:30"],["text","YYYY-MM-DD HH24:MI TZH:TZM"]],"2024-01-01 06:30:00+00"],
  ["Europe/Paris","to_timestamp",[["text","2024-07-01 12:00"],["text","YYYY-MM-DD HH24:MI"]],"2024-07-01 12:00:00+02"],
  ["Europe/Paris","to_char",[["timestamptz","1900-01-01 00:00+00"],["text","HH24:MI:SS OF"]],"00:09:21 +00:09"],
  ["Europe/Paris","extract",[["text","timezone"],["timestamptz","1900-01-01 00:00+00"]],"561"],
  ["America/New_York","timezone",[["text","Europe/Paris"],["timestamp","2024-03-31 02:30"]],"2024-03-30 21:30:00-04"],
  ["America/New_York","timezone",[["text","Europe/Paris"],["timestamp","2024-10-27 02:30"]],"2024-10-26 21:30:00-04"],
];

for (const [zone, name, args, expected] of cases) {
  test(`[${zone}] ${name}(${args.map(([t, v]) => `'${v}'::${t}`).join(', ')})`, () => {
    assert.equal(run(zone, name, args), expected);
  });
}

test('an instant before 2000 on a transition day gets the offset of that day (buckets floored, not truncated)', () => {
  // Regression: truncating bigint division put 1994-03-05 07:03:01Z in the wrong cache bucket (+10:30 instead of +11).
  // PostgreSQL: set timezone = 'Australia/Lord_Howe'; select extract(timezone from timestamptz '1994-03-05 07:03:01+00') → 39600
  const ctx: TypeContext = { ...defaultTypeContext, timeZone: 'Australia/Lord_Howe' };
  const f = resolveFunction('extract', [T.text, T.timestamptz])!;
  const t = parseValue(T.timestamptz, '1994-03-05 07:03:01+00', ctx);
  assert.equal(String(f.fn(['timezone', t], ctx)), '39600');
});

test('offsets stay right across a DST change when the same zone is asked many times (cached per day)', () => {
  // select extract(hour from t) from generate_series('2024-03-30 22:00+00'::timestamptz, '2024-03-31 03:00+00', '15 min') t  (TimeZone Europe/Paris)
  const expected = [23, 23, 23, 23, 0, 0, 0, 0, 1, 1, 1, 1, 3, 3, 3, 3, 4, 4, 4, 4, 5];
  const ctx: TypeContext = { ...defaultTypeContext, timeZone: 'Europe/Paris' };
  const f = resolveFunction('extract', [T.text, T.timestamptz])!;
  const start = parseValue(T.timestamptz, '2024-03-30 22:00+00', ctx) as bigint;
  const got = expected.map((_, i) => Number(String(f.fn(['hour', start + BigInt(i) * 900_000_000n], ctx))));
  assert.deepEqual(got, expected);
});
