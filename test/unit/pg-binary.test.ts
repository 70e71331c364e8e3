// PostgreSQL's binary send/receive formats (src/server/pg/binary.ts) against bytes PostgreSQL 15
// produced. Each case is [type, SQL expression, text, hex]: `text` is what `SELECT (<sql>)::<type>`
// printed and `hex` what the type's send function returned for it (`encode(<typsend>(…), 'hex')`,
// the bytes a binary DataRow column carries; checked equal to COPY … (FORMAT binary) output), with
// TimeZone UTC, DateStyle 'ISO, MDY', IntervalStyle postgres and extra_float_digits 1 unless the
// group says otherwise. Error cases are what PostgreSQL 15 answered to a Bind of those bytes as
// `$1::<type>` (node-postgres sends a Buffer parameter in binary format).
// With BASALT_PG_URL=postgres://postgres@127.0.0.1:PORT/postgres the last group re-checks every
// expectation against that server and feeds it the encoder's bytes through its receive functions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BinaryWriter, decodeBinary, encodeBinary, writeBinary } from '../../src/server/pg/binary.js';
import { SqlError } from '../../src/sql/errors.js';
import {
  defaultTypeContext,
  formatValue,
  Interval,
  Numeric,
  parseValue,
  sqlType,
  type BaseType,
  type SqlType,
  type TypeContext,
  type Value,
} from '../../src/sql/types/index.js';

type Case = readonly [type: string, sql: string, text: string, hex: string];
type Settings = Readonly<Record<string, string>>;
type StyledGroup = readonly [settings: Settings, cases: readonly Case[]];

/** 'int4', 'numeric(10,2)', '"char"[]', 'bpchar(3)[]' → SqlType. */
function typeOf(s: string): SqlType {
  const m = /^("?[a-z0-9_]+"?)(?:\((\d+)(?:,(\d+))?\))?(\[\])?$/.exec(s);
  assert.ok(m !== null, `type ${s}`);
  const base = (m[1] as string).replace(/"/g, '') as BaseType;
  let mod = -1;
  if (m[2] !== undefined) mod = base === 'numeric' ? (Number(m[2]) << 16) | Number(m[3] ?? 0) : Number(m[2]);
  return sqlType(base, mod, m[4] !== undefined);
}

function contextOf(s: Settings): TypeContext {
  let ctx = defaultTypeContext;
  if (s['TimeZone'] !== undefined) ctx = { ...ctx, timeZone: s['TimeZone'] };
  if (s['DateStyle'] !== undefined) ctx = { ...ctx, dateStyle: s['DateStyle'] };
  if (s['IntervalStyle'] !== undefined) ctx = { ...ctx, intervalStyle: s['IntervalStyle'] };
  if (s['extra_float_digits'] !== undefined) ctx = { ...ctx, extraFloatDigits: Number(s['extra_float_digits']) };
  return ctx;
}

const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ctx0 = defaultTypeContext;

const cases: readonly Case[] = [
  ["bool", "true", "t", "01"],
  ["bool", "false", "f", "00"],
  ["int2", "0", "0", "0000"],
  ["int2", "-1", "-1", "ffff"],
  ["int2", "32767", "32767", "7fff"],
  ["int2", "-32768", "-32768", "8000"],
  ["int4", "0", "0", "00000000"],
  ["int4", "-1", "-1", "ffffffff"],
  ["int4", "2147483647", "2147483647", "7fffffff"],
  ["int4", "-2147483648", "-2147483648", "80000000"],
  ["int4", "123456", "123456", "0001e240"],
  ["int8", "0", "0", "0000000000000000"],
  ["int8", "-1", "-1", "ffffffffffffffff"],
  ["int8", "9223372036854775807", "9223372036854775807", "7fffffffffffffff"],
  ["int8", "-9223372036854775808", "-9223372036854775808", "8000000000000000"],
  ["int8", "4294967296", "4294967296", "0000000100000000"],
  ["int8", "-9007199254740993", "-9007199254740993", "ffdfffffffffffff"],
  ["int8", "9007199254740992", "9007199254740992", "0020000000000000"],
  ["float4", "0", "0", "00000000"],
  ["float4", "'-0'", "-0", "80000000"],
  ["float4", "1.5", "1.5", "3fc00000"],
  ["float4", "-3.25", "-3.25", "c0500000"],
  ["float4", "0.1", "0.1", "3dcccccd"],
  ["float4", "'NaN'", "NaN", "7fc00000"],
  ["float4", "'Infinity'", "Infinity", "7f800000"],
  ["float4", "'-Infinity'", "-Infinity", "ff800000"],
  ["float4", "'3.4028235e38'", "3.4028235e+38", "7f7fffff"],
  ["float4", "'1.4e-45'", "1e-45", "00000001"],
  ["float4", "'1e-10'", "1e-10", "2edbe6ff"],
  ["float4", "'123456.79'", "123456.79", "47f12065"],
  ["float4", "'1e+20'", "1e+20", "60ad78ec"],
  ["float8", "0", "0", "0000000000000000"],
  ["float8", "'-0'", "-0", "8000000000000000"],
  ["float8", "0.1", "0.1", "3fb999999999999a"],
  ["float8", "'1e308'", "1e+308", "7fe1ccf385ebc8a0"],
  ["float8", "'5e-324'", "5e-324", "0000000000000001"],
  ["float8", "'NaN'", "NaN", "7ff8000000000000"],
  ["float8", "'Infinity'", "Infinity", "7ff0000000000000"],
  ["float8", "'-Infinity'", "-Infinity", "fff0000000000000"],
  ["float8", "'1.7976931348623157e308'", "1.7976931348623157e+308", "7fefffffffffffff"],
  ["float8", "123456789.123456789", "123456789.12345679", "419d6f34547e6b75"],
  ["float8", "pi()", "3.141592653589793", "400921fb54442d18"],
  ["float8", "'1e15'", "1e+15", "430c6bf526340000"],
  ["float8", "'1e16'", "1e+16", "4341c37937e08000"],
  ["float8", "'1e-5'", "1e-05", "3ee4f8b588e368f1"],
  ["float8", "'-2.5e-7'", "-2.5e-07", "be90c6f7a0b5ed8d"],
  ["float8", "'100'", "100", "4059000000000000"],
  ["numeric", "0", "0", "0000000000000000"],
  ["numeric", "0.00", "0.00", "0000000000000002"],
  ["numeric", "1", "1", "00010000000000000001"],
  ["numeric", "-1", "-1", "00010000400000000001"],
  ["numeric", "10000", "10000", "00010001000000000001"],
  ["numeric", "9999", "9999", "0001000000000000270f"],
  ["numeric", "12345.6789", "12345.6789", "0003000100000004000109291a85"],
  ["numeric", "-0.0001", "-0.0001", "0001ffff400000040001"],
  ["numeric", "0.00001", "0.00001", "0001fffe0000000503e8"],
  ["numeric", "0.1", "0.1", "0001ffff0000000103e8"],
  ["numeric", "100.10", "100.10", "0002000000000002006403e8"],
  ["numeric", "1000000", "1000000", "00010001000000000064"],
  ["numeric", "'-12.5e10'", "-125000000000", "000100024000000004e2"],
  ["numeric", "'1e100'", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "00010019000000000001"],
  ["numeric", "'1e-20'", "0.00000000000000000001", "0001fffb000000140001"],
  ["numeric", "123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789", "000b000700000009000c0d801ed204d2162e23340d801ed204d2162e2328"],
  ["numeric", "'NaN'", "NaN", "00000000c0000000"],
  ["numeric", "'Infinity'", "Infinity", "00000000d0000020"],
  ["numeric", "'-Infinity'", "-Infinity", "00000000f0000020"],
  ["numeric", "18446744073709551616", "18446744073709551616", "000500040000000007341a5802e103bb0650"],
  ["numeric", "'0.000000000000000000000000000001234567890123456789'", "0.000000000000000000000000000001234567890123456789", "0005fff800000030007b11d722c509291a85"],
  ["numeric", "-99999999.99999999", "-99999999.99999999", "0004000140000008270f270f270f270f"],
  ["numeric", "1.5", "1.5", "000200000000000100011388"],
  ["numeric", "0.5", "0.5", "0001ffff000000011388"],
  ["numeric", "12.00000", "12.00000", "0001000000000005000c"],
  ["numeric", "'1.5e-1000'", "0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000015", "0002ff06000003e900011388"],
  ["numeric", "1.0/3", "0.33333333333333333333", "0005ffff000000140d050d050d050d050d05"],
  ["numeric(10,2)", "3.14159", "3.14", "000200000000000200030578"],
  ["numeric(10,2)", "-0.005", "-0.01", "0001ffff400000020064"],
  ["numeric", "10001", "10001", "000200010000000000010001"],
  ["numeric", "100000000", "100000000", "00010002000000000001"],
  ["numeric", "0.0001", "0.0001", "0001ffff000000040001"],
  ["numeric", "0.0000", "0.0000", "0000000000000004"],
  ["text", "''", "", ""],
  ["text", "'hello'", "hello", "68656c6c6f"],
  ["text", "'héllo wörld 日本 🎉'", "héllo wörld 日本 🎉", "68c3a96c6c6f2077c3b6726c6420e697a5e69cac20f09f8e89"],
  ["text", "E'tab\\there\\nnew\\\\'", "tab\there\nnew\\", "74616209686572650a6e65775c"],
  ["text", "'NULL'", "NULL", "4e554c4c"],
  ["text", "'q\"u''o\\te'", "q\"u'o\\te", "712275276f5c7465"],
  ["text", "' padded  '", " padded  ", "207061646465642020"],
  ["varchar", "'abc'", "abc", "616263"],
  ["varchar", "''", "", ""],
  ["varchar(5)", "'abc'", "abc", "616263"],
  ["varchar", "'ünï'", "ünï", "c3bc6ec3af"],
  ["bpchar", "'x'", "x", "78"],
  ["bpchar(5)", "'ab'", "ab   ", "6162202020"],
  ["bpchar(3)", "''", "   ", "202020"],
  ["bpchar(2)", "'é'", "é ", "c3a920"],
  ["name", "'pg_class'", "pg_class", "70675f636c617373"],
  ["name", "''", "", ""],
  ["name", "'Mixed Case é'", "Mixed Case é", "4d69786564204361736520c3a9"],
  ["\"char\"", "'a'", "a", "61"],
  ["\"char\"", "''", "", "00"],
  ["\"char\"", "'\\351'", "\\351", "e9"],
  ["\"char\"", "' '", " ", "20"],
  ["\"char\"", "'\\001'", "\u0001", "01"],
  ["bytea", "'\\x'", "\\x", ""],
  ["bytea", "'\\xdeadbeef'", "\\xdeadbeef", "deadbeef"],
  ["bytea", "'\\x00ff'", "\\x00ff", "00ff"],
  ["bytea", "'abc'", "\\x616263", "616263"],
  ["bytea", "'a\\\\b\\001'", "\\x615c6201", "615c6201"],
  ["date", "'2000-01-01'", "2000-01-01", "00000000"],
  ["date", "'1999-12-31'", "1999-12-31", "ffffffff"],
  ["date", "'1970-01-01'", "1970-01-01", "ffffd533"],
  ["date", "'2024-02-29'", "2024-02-29", "00002279"],
  ["date", "'0001-01-01'", "0001-01-01", "fff4dbf9"],
  ["date", "'0001-12-31 BC'", "0001-12-31 BC", "fff4dbf8"],
  ["date", "'4713-11-24 BC'", "4713-11-24 BC", "ffda9915"],
  ["date", "'5874897-12-31'", "5874897-12-31", "7fda970c"],
  ["date", "'infinity'", "infinity", "7fffffff"],
  ["date", "'-infinity'", "-infinity", "80000000"],
  ["date", "'2000-01-02'", "2000-01-02", "00000001"],
  ["time", "'00:00'", "00:00:00", "0000000000000000"],
  ["time", "'23:59:59.999999'", "23:59:59.999999", "000000141dd75fff"],
  ["time", "'24:00:00'", "24:00:00", "000000141dd76000"],
  ["time", "'12:34:56.789'", "12:34:56.789", "0000000a8be62608"],
  ["time", "'00:00:00.000001'", "00:00:00.000001", "0000000000000001"],
  ["time(2)", "'01:02:03.456'", "01:02:03.46", "00000000ddef7da0"],
  ["timestamp", "'2000-01-01 00:00'", "2000-01-01 00:00:00", "0000000000000000"],
  ["timestamp", "'1970-01-01'", "1970-01-01 00:00:00", "fffca2fec4c82000"],
  ["timestamp", "'1900-01-01 12:00:00.5'", "1900-01-01 12:00:00.5", "fff4c9f88afed120"],
  ["timestamp", "'9999-12-31 23:59:59.999999'", "9999-12-31 23:59:59.999999", "0380e70b913b7fff"],
  ["timestamp", "'294276-12-31 23:59:59.999999'", "294276-12-31 23:59:59.999999", "7fffff5bb3b29fff"],
  ["timestamp", "'4714-11-24 00:00 BC'", "4714-11-24 00:00:00 BC", "fd0f7cc1411fa000"],
  ["timestamp", "'infinity'", "infinity", "7fffffffffffffff"],
  ["timestamp", "'-infinity'", "-infinity", "8000000000000000"],
  ["timestamp", "'2024-06-15 10:20:30.123456'", "2024-06-15 10:20:30.123456", "0002bde9d9a819c0"],
  ["timestamp", "'1999-12-31 23:59:59.999999'", "1999-12-31 23:59:59.999999", "ffffffffffffffff"],
  ["timestamp", "'0001-01-01 00:00 BC'", "0001-01-01 00:00:00 BC", "ff1fc63d1bb12000"],
  ["timestamp", "'1582-10-04 12:00'", "1582-10-04 12:00:00", "ffd138c9bcb29000"],
  ["timestamp(0)", "'2024-06-15 10:20:30.5'", "2024-06-15 10:20:31", "0002bde9d9b579c0"],
  ["timestamp(3)", "'2024-06-15 10:20:30.1235'", "2024-06-15 10:20:30.124", "0002bde9d9a81be0"],
  ["timestamptz", "'2000-01-01 00:00+00'", "2000-01-01 00:00:00+00", "0000000000000000"],
  ["timestamptz", "'2024-06-15 10:20:30.123456+02'", "2024-06-15 08:20:30.123456+00", "0002bde82c80d1c0"],
  ["timestamptz", "'1960-01-01 00:00:00 UTC'", "1960-01-01 00:00:00+00", "fffb83f0f27b4000"],
  ["timestamptz", "'infinity'", "infinity", "7fffffffffffffff"],
  ["timestamptz", "'-infinity'", "-infinity", "8000000000000000"],
  ["timestamptz", "'1900-06-01 00:00 UTC'", "1900-06-01 00:00:00+00", "fff4d5cc16152000"],
  ["timestamptz", "'2024-01-15 12:00 UTC'", "2024-01-15 12:00:00+00", "0002b1f9859c3000"],
  ["timestamptz", "'2024-07-15 23:30:00.5 UTC'", "2024-07-15 23:30:00.5+00", "0002c0506063ef20"],
  ["timestamptz", "'0044-03-15 12:00 BC UTC'", "0044-03-15 12:00:00+00 BC", "ff1af9e8fb46d000"],
  ["timestamptz", "'10000-01-01 00:00 UTC'", "10000-01-01 00:00:00+00", "0380e70b913b8000"],
  ["interval", "'0'", "00:00:00", "00000000000000000000000000000000"],
  ["interval", "'1 year 2 months 3 days 04:05:06.789'", "1 year 2 mons 3 days 04:05:06.789", "000000036c97ca88000000030000000e"],
  ["interval", "'-1 days'", "-1 days", "0000000000000000ffffffff00000000"],
  ["interval", "'-1 mons +1 day -00:00:01'", "-1 mons +1 day -00:00:01", "fffffffffff0bdc000000001ffffffff"],
  ["interval", "'178000000 years'", "178000000 years", "0000000000000000000000007f50c600"],
  ["interval", "'1 microsecond'", "00:00:00.000001", "00000000000000010000000000000000"],
  ["interval", "'100 hours'", "100:00:00", "00000053d1ac10000000000000000000"],
  ["interval", "'-2147483648 days'", "-2147483648 days", "00000000000000008000000000000000"],
  ["interval", "'1 day -1 second'", "1 day -00:00:01", "fffffffffff0bdc00000000100000000"],
  ["interval", "'-1 year -2 mons'", "-1 years -2 mons", "000000000000000000000000fffffff2"],
  ["interval", "'2562047788:00:54.775807'", "2562047788:00:54.775807", "7fffffffffffffff0000000000000000"],
  ["interval", "'0.5 seconds'", "00:00:00.5", "000000000007a1200000000000000000"],
  ["interval", "'7 days 0.000001 seconds'", "7 days 00:00:00.000001", "00000000000000010000000700000000"],
  ["interval", "'-00:00:00.5'", "-00:00:00.5", "fffffffffff85ee00000000000000000"],
  ["uuid", "'00000000-0000-0000-0000-000000000000'", "00000000-0000-0000-0000-000000000000", "00000000000000000000000000000000"],
  ["uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11"],
  ["uuid", "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'", "ffffffff-ffff-ffff-ffff-ffffffffffff", "ffffffffffffffffffffffffffffffff"],
  ["json", "'{\"a\":1,  \"b\":[1,2]}'", "{\"a\":1,  \"b\":[1,2]}", "7b2261223a312c20202262223a5b312c325d7d"],
  ["json", "'null'", "null", "6e756c6c"],
  ["json", "'\"x\"'", "\"x\"", "227822"],
  ["json", "'[]'", "[]", "5b5d"],
  ["json", "' 1.50 '", " 1.50 ", "20312e353020"],
  ["json", "'{\"é\": \"\\u00e9\"}'", "{\"é\": \"\\u00e9\"}", "7b22c3a9223a20225c7530306539227d"],
  ["jsonb", "'{\"b\":1,\"a\":[1,2.50,null,true]}'", "{\"a\": [1, 2.50, null, true], \"b\": 1}", "017b2261223a205b312c20322e35302c206e756c6c2c20747275655d2c202262223a20317d"],
  ["jsonb", "'[]'", "[]", "015b5d"],
  ["jsonb", "'\"héllo\"'", "\"héllo\"", "012268c3a96c6c6f22"],
  ["jsonb", "'1e2'", "100", "01313030"],
  ["jsonb", "'null'", "null", "016e756c6c"],
  ["jsonb", "'{}'", "{}", "017b7d"],
  ["jsonb", "'{\"aa\":{\"x\":[{\"y\":false}]},\"b\":\"\\n\\\"q\"}'", "{\"b\": \"\\n\\\"q\", \"aa\": {\"x\": [{\"y\": false}]}}", "017b2262223a20225c6e5c2271222c20226161223a207b2278223a205b7b2279223a2066616c73657d5d7d7d"],
  ["jsonb", "'-0.0'", "0.0", "01302e30"],
  ["jsonb", "'{\"a\":1,\"a\":2}'", "{\"a\": 2}", "017b2261223a20327d"],
  ["oid", "0", "0", "00000000"],
  ["oid", "4294967295", "4294967295", "ffffffff"],
  ["oid", "1259", "1259", "000004eb"],
  ["oid", "-1", "4294967295", "ffffffff"],
  ["regclass", "99999", "99999", "0001869f"],
  ["regclass", "0", "-", "00000000"],
  ["int4[]", "'{}'", "{}", "000000000000000000000017"],
  ["int4[]", "'{1,2,3}'", "{1,2,3}", "0000000100000000000000170000000300000001000000040000000100000004000000020000000400000003"],
  ["int4[]", "'{1,NULL,3}'", "{1,NULL,3}", "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003"],
  ["int4[]", "'{NULL}'", "{NULL}", "0000000100000001000000170000000100000001ffffffff"],
  ["int4[]", "'{-2147483648,2147483647}'", "{-2147483648,2147483647}", "00000001000000000000001700000002000000010000000480000000000000047fffffff"],
  ["text[]", "'{\"a b\",\"\",NULL,\"NULL\",\"x\\\"y\",\"back\\\\slash\",é,\"{}\",\",\"}'", "{\"a b\",\"\",NULL,\"NULL\",\"x\\\"y\",\"back\\\\slash\",é,\"{}\",\",\"}", "00000001000000010000001900000009000000010000000361206200000000ffffffff000000044e554c4c000000037822790000000a6261636b5c736c61736800000002c3a9000000027b7d000000012c"],
  ["text[]", "'{}'", "{}", "000000000000000000000019"],
  ["text[]", "'{abc}'", "{abc}", "000000010000000000000019000000010000000100000003616263"],
  ["numeric[]", "'{1.5,NaN,-Infinity,0.00,NULL}'", "{1.5,NaN,-Infinity,0.00,NULL}", "0000000100000001000006a400000005000000010000000c0002000000000001000113880000000800000000c00000000000000800000000f0000020000000080000000000000002ffffffff"],
  ["bool[]", "'{t,f,NULL}'", "{t,f,NULL}", "000000010000000100000010000000030000000100000001010000000100ffffffff"],
  ["float8[]", "'{0.1,NaN,-Infinity,1e300}'", "{0.1,NaN,-Infinity,1e+300}", "0000000100000000000002bd0000000400000001000000083fb999999999999a000000087ff800000000000000000008fff0000000000000000000087e37e43c8800759c"],
  ["float4[]", "'{1.5,-0}'", "{1.5,-0}", "0000000100000000000002bc0000000200000001000000043fc000000000000480000000"],
  ["int2[]", "'{1,-1}'", "{1,-1}", "000000010000000000000015000000020000000100000002000100000002ffff"],
  ["int8[]", "'{9223372036854775807,NULL}'", "{9223372036854775807,NULL}", "0000000100000001000000140000000200000001000000087fffffffffffffffffffffff"],
  ["date[]", "'{2000-01-01,infinity,NULL}'", "{2000-01-01,infinity,NULL}", "00000001000000010000043a00000003000000010000000400000000000000047fffffffffffffff"],
  ["time[]", "'{12:00,24:00}'", "{12:00:00,24:00:00}", "00000001000000000000043b0000000200000001000000080000000a0eebb00000000008000000141dd76000"],
  ["timestamp[]", "'{\"2024-06-15 10:20:30\",-infinity}'", "{\"2024-06-15 10:20:30\",-infinity}", "00000001000000000000045a0000000200000001000000080002bde9d9a63780000000088000000000000000"],
  ["timestamptz[]", "'{\"2024-06-15 10:20:30+00\",NULL}'", "{\"2024-06-15 10:20:30+00\",NULL}", "0000000100000001000004a00000000200000001000000080002bde9d9a63780ffffffff"],
  ["interval[]", "'{\"1 day\",\"-1 mons 00:00:01\"}'", "{\"1 day\",\"-1 mons +00:00:01\"}", "0000000100000000000004a2000000020000000100000010000000000000000000000001000000000000001000000000000f424000000000ffffffff"],
  ["uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}'", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}", "000000010000000100000b86000000020000000100000010a0eebc999c0b4ef8bb6d6bb9bd380a11ffffffff"],
  ["jsonb[]", "'{\"{\\\"a\\\": 1}\",\"[]\",NULL}'", "{\"{\\\"a\\\": 1}\",[],NULL}", "000000010000000100000eda000000030000000100000009017b2261223a20317d00000003015b5dffffffff"],
  ["json[]", "'{\"{\\\"a\\\":1}\"}'", "{\"{\\\"a\\\":1}\"}", "0000000100000000000000720000000100000001000000077b2261223a317d"],
  ["bytea[]", "'{\"\\\\xdead\",NULL,\"\\\\x\"}'", "{\"\\\\xdead\",NULL,\"\\\\x\"}", "000000010000000100000011000000030000000100000002deadffffffff00000000"],
  ["varchar[]", "'{a,\"b c\"}'", "{a,\"b c\"}", "0000000100000000000004130000000200000001000000016100000003622063"],
  ["bpchar[]", "'{a,b}'", "{a,b}", "000000010000000000000412000000020000000100000001610000000162"],
  ["bpchar(3)[]", "'{a,bb}'", "{\"a  \",\"bb \"}", "00000001000000000000041200000002000000010000000361202000000003626220"],
  ["name[]", "'{pg_class,NULL}'", "{pg_class,NULL}", "00000001000000010000001300000002000000010000000870675f636c617373ffffffff"],
  ["\"char\"[]", "'{a,b}'", "{a,b}", "000000010000000000000012000000020000000100000001610000000162"],
  ["oid[]", "'{1,4294967295}'", "{1,4294967295}", "00000001000000000000001a0000000200000001000000040000000100000004ffffffff"],
  ["regclass[]", "'{0}'", "{-}", "00000001000000000000089d00000001000000010000000400000000"],
  ["varchar(2)[]", "'{ab,c}'", "{ab,c}", "00000001000000000000041300000002000000010000000261620000000163"],
];

const styledCases: readonly StyledGroup[] = [
  [{"extra_float_digits":"0"}, [
    ["float8", "0.1", "0.1", "3fb999999999999a"],
    ["float8", "pi()", "3.14159265358979", "400921fb54442d18"],
    ["float8", "'1e300'", "1e+300", "7e37e43c8800759c"],
    ["float8", "'1e-5'", "1e-05", "3ee4f8b588e368f1"],
    ["float8", "'123456789012345678'", "1.23456789012346e+17", "437b69b4ba630f35"],
    ["float4", "0.1", "0.1", "3dcccccd"],
    ["float4", "'3.4028235e38'", "3.40282e+38", "7f7fffff"],
    ["float4", "'1.4e-45'", "1.4013e-45", "00000001"],
    ["float4", "'123456.79'", "123457", "47f12065"],
    ["float8", "'NaN'", "NaN", "7ff8000000000000"],
    ["float8", "'-0'", "-0", "8000000000000000"],
    ["float8[]", "'{0.1,1e100}'", "{0.1,1e+100}", "0000000100000000000002bd0000000200000001000000083fb999999999999a0000000854b249ad2594c37d"],
  ]],
  [{"extra_float_digits":"3"}, [
    ["float8", "0.1", "0.1", "3fb999999999999a"],
    ["float8", "pi()", "3.141592653589793", "400921fb54442d18"],
    ["float8", "'1e300'", "1e+300", "7e37e43c8800759c"],
    ["float4", "0.1", "0.1", "3dcccccd"],
    ["float4", "'1.4e-45'", "1e-45", "00000001"],
    ["float8", "'-Infinity'", "-Infinity", "fff0000000000000"],
  ]],
  [{"extra_float_digits":"-15"}, [
    ["float8", "0.1", "0.1", "3fb999999999999a"],
    ["float8", "pi()", "3", "400921fb54442d18"],
    ["float8", "'123456'", "1e+05", "40fe240000000000"],
    ["float4", "0.1", "0.1", "3dcccccd"],
    ["float4", "'123456.79'", "1e+05", "47f12065"],
    ["float8", "'1e300'", "1e+300", "7e37e43c8800759c"],
  ]],
  [{"DateStyle":"SQL, DMY"}, [
    ["date", "'2024-02-29'", "29/02/2024", "00002279"],
    ["date", "'0001-12-31 BC'", "31/12/0001 BC", "fff4dbf8"],
    ["timestamp", "'2024-06-15 10:20:30.5'", "15/06/2024 10:20:30.5", "0002bde9d9add8a0"],
    ["timestamptz", "'2024-06-15 10:20:30+00'", "15/06/2024 10:20:30 UTC", "0002bde9d9a63780"],
    ["date", "'infinity'", "infinity", "7fffffff"],
    ["timestamp[]", "'{\"2024-06-15 10:20:30\"}'", "{\"15/06/2024 10:20:30\"}", "00000001000000000000045a0000000100000001000000080002bde9d9a63780"],
  ]],
  [{"DateStyle":"SQL, MDY"}, [
    ["date", "'2024-02-29'", "02/29/2024", "00002279"],
    ["timestamp", "'2024-06-15 10:20:30.5'", "06/15/2024 10:20:30.5", "0002bde9d9add8a0"],
  ]],
  [{"DateStyle":"Postgres, MDY"}, [
    ["date", "'2024-02-29'", "02-29-2024", "00002279"],
    ["timestamp", "'2024-06-15 10:20:30.5'", "Sat Jun 15 10:20:30.5 2024", "0002bde9d9add8a0"],
    ["timestamptz", "'2024-06-15 10:20:30+00'", "Sat Jun 15 10:20:30 2024 UTC", "0002bde9d9a63780"],
    ["timestamp", "'0044-03-15 12:00 BC'", "Fri Mar 15 12:00:00 0044 BC", "ff1af9e8fb46d000"],
  ]],
  [{"DateStyle":"Postgres, DMY"}, [
    ["date", "'2024-02-29'", "29-02-2024", "00002279"],
    ["timestamp", "'2024-06-15 10:20:30.5'", "Sat 15 Jun 10:20:30.5 2024", "0002bde9d9add8a0"],
  ]],
  [{"DateStyle":"German"}, [
    ["date", "'2024-02-29'", "29.02.2024", "00002279"],
    ["timestamp", "'2024-06-15 10:20:30.5'", "15.06.2024 10:20:30.5", "0002bde9d9add8a0"],
    ["timestamptz", "'2024-06-15 10:20:30+00'", "15.06.2024 10:20:30 UTC", "0002bde9d9a63780"],
  ]],
  [{"DateStyle":"ISO, DMY"}, [
    ["date", "'2024-02-29'", "2024-02-29", "00002279"],
    ["timestamptz", "'2024-06-15 10:20:30+00'", "2024-06-15 10:20:30+00", "0002bde9d9a63780"],
  ]],
  [{"TimeZone":"Europe/Paris"}, [
    ["timestamptz", "'2024-06-15 10:20:30.123456+00'", "2024-06-15 12:20:30.123456+02", "0002bde9d9a819c0"],
    ["timestamptz", "'2024-01-15 10:20:30+00'", "2024-01-15 11:20:30+01", "0002b1f821c53780"],
    ["timestamptz", "'1900-01-01 00:00+00'", "1900-01-01 00:09:21+00:09:21", "fff4c9ee7c0b8000"],
    ["timestamptz", "'infinity'", "infinity", "7fffffffffffffff"],
    ["timestamptz[]", "'{\"2024-06-15 10:20:30+00\"}'", "{\"2024-06-15 12:20:30+02\"}", "0000000100000000000004a00000000100000001000000080002bde9d9a63780"],
  ]],
  [{"TimeZone":"America/New_York"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "2024-06-15 06:20:30-04", "0002bde9d9a63780"],
    ["timestamptz", "'2024-01-15 10:20:30+00'", "2024-01-15 05:20:30-05", "0002b1f821c53780"],
  ]],
  [{"TimeZone":"Asia/Kolkata"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "2024-06-15 15:50:30+05:30", "0002bde9d9a63780"],
  ]],
  [{"TimeZone":"America/St_Johns"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "2024-06-15 07:50:30-02:30", "0002bde9d9a63780"],
  ]],
  [{"TimeZone":"+02:00"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "2024-06-15 08:20:30-02", "0002bde9d9a63780"],
  ]],
  [{"TimeZone":"Europe/Paris","DateStyle":"SQL, MDY"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "06/15/2024 12:20:30 CEST", "0002bde9d9a63780"],
    ["timestamptz", "'2024-01-15 10:20:30+00'", "01/15/2024 11:20:30 CET", "0002b1f821c53780"],
  ]],
  [{"TimeZone":"Europe/Paris","DateStyle":"Postgres, MDY"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "Sat Jun 15 12:20:30 2024 CEST", "0002bde9d9a63780"],
  ]],
  [{"TimeZone":"Europe/Paris","DateStyle":"German"}, [
    ["timestamptz", "'2024-06-15 10:20:30+00'", "15.06.2024 12:20:30 CEST", "0002bde9d9a63780"],
  ]],
  [{"IntervalStyle":"iso_8601"}, [
    ["interval", "'0'", "PT0S", "00000000000000000000000000000000"],
    ["interval", "'1 year 2 months 3 days 04:05:06.789'", "P1Y2M3DT4H5M6.789S", "000000036c97ca88000000030000000e"],
    ["interval", "'-1 days'", "P-1D", "0000000000000000ffffffff00000000"],
    ["interval", "'-1 mons +1 day -00:00:01'", "P-1M1DT-1S", "fffffffffff0bdc000000001ffffffff"],
    ["interval", "'1 microsecond'", "PT0.000001S", "00000000000000010000000000000000"],
    ["interval", "'100 hours'", "PT100H", "00000053d1ac10000000000000000000"],
    ["interval", "'-1 year -2 mons'", "P-1Y-2M", "000000000000000000000000fffffff2"],
    ["interval", "'-00:00:00.5'", "PT-0.5S", "fffffffffff85ee00000000000000000"],
    ["interval", "'1 day -1 second'", "P1DT-1S", "fffffffffff0bdc00000000100000000"],
    ["interval[]", "'{\"1 day\"}'", "{P1D}", "0000000100000000000004a200000001000000010000001000000000000000000000000100000000"],
  ]],
  [{"IntervalStyle":"sql_standard"}, [
    ["interval", "'0'", "0", "00000000000000000000000000000000"],
    ["interval", "'1 year 2 months 3 days 04:05:06.789'", "+1-2 +3 +4:05:06.789", "000000036c97ca88000000030000000e"],
    ["interval", "'-1 days'", "-1 0:00:00", "0000000000000000ffffffff00000000"],
    ["interval", "'-1 mons +1 day -00:00:01'", "-0-1 +1 -0:00:01", "fffffffffff0bdc000000001ffffffff"],
    ["interval", "'1 microsecond'", "0:00:00.000001", "00000000000000010000000000000000"],
    ["interval", "'100 hours'", "100:00:00", "00000053d1ac10000000000000000000"],
    ["interval", "'-1 year -2 mons'", "-1-2", "000000000000000000000000fffffff2"],
    ["interval", "'-00:00:00.5'", "-0:00:00.5", "fffffffffff85ee00000000000000000"],
    ["interval", "'1 day -1 second'", "+0-0 +1 -0:00:01", "fffffffffff0bdc00000000100000000"],
    ["interval[]", "'{\"1 day\"}'", "{\"1 0:00:00\"}", "0000000100000000000004a200000001000000010000001000000000000000000000000100000000"],
  ]],
  [{"IntervalStyle":"postgres_verbose"}, [
    ["interval", "'0'", "@ 0", "00000000000000000000000000000000"],
    ["interval", "'1 year 2 months 3 days 04:05:06.789'", "@ 1 year 2 mons 3 days 4 hours 5 mins 6.789 secs", "000000036c97ca88000000030000000e"],
    ["interval", "'-1 days'", "@ 1 day ago", "0000000000000000ffffffff00000000"],
    ["interval", "'-1 mons +1 day -00:00:01'", "@ 1 mon -1 days 1 sec ago", "fffffffffff0bdc000000001ffffffff"],
    ["interval", "'1 microsecond'", "@ 0.000001 secs", "00000000000000010000000000000000"],
    ["interval", "'100 hours'", "@ 100 hours", "00000053d1ac10000000000000000000"],
    ["interval", "'-1 year -2 mons'", "@ 1 year 2 mons ago", "000000000000000000000000fffffff2"],
    ["interval", "'-00:00:00.5'", "@ 0.5 secs ago", "fffffffffff85ee00000000000000000"],
    ["interval", "'1 day -1 second'", "@ 1 day -1 sec", "fffffffffff0bdc00000000100000000"],
    ["interval[]", "'{\"1 day\"}'", "{\"@ 1 day\"}", "0000000100000000000004a200000001000000010000001000000000000000000000000100000000"],
  ]],
];

/**
 * Values BasaltDB's text input does not produce from PostgreSQL's text output (reported to the
 * lead, see the text-output todos): the expected value is built directly.
 */
const valueOverrides = new Map<string, Value>([
  ["numeric '1.5e-1000'", Numeric.of(15n, 1001)],
  ['"char" \'\\351\'', '\u00e9'],
  ["interval '-2147483648 days'", new Interval(0, -2147483648, 0n)],
  ["interval '2562047788:00:54.775807'", new Interval(0, 0, 2n ** 63n - 1n)],
  ['regclass 0', 0],
  ["regclass[] '{0}'", [0]],
]);

/** formatValue differences from PostgreSQL 15's output functions (src/sql/types, not ours): reported to the lead. */
const textOutputTodo = new Map<string, string>([
  ['"char" \'\\351\'', 'PostgreSQL 15 prints a "char" byte >= 0x80 as \\ooo (formatValue prints the Latin-1 character)'],
  ['regclass 0', 'regclass output needs the catalog: "-" for 0, else the relation name'],
  ["regclass[] '{0}'", 'regclass output needs the catalog: "-" for 0, else the relation name'],
  [
    `{"IntervalStyle":"postgres_verbose"} interval '-1 mons +1 day -00:00:01'`,
    'postgres_verbose with mixed signs: PostgreSQL prints "@ 1 mon -1 days 1 sec ago"',
  ],
  [`{"IntervalStyle":"postgres_verbose"} interval '1 day -1 second'`, 'postgres_verbose with mixed signs: PostgreSQL prints "@ 1 day -1 sec"'],
]);

describe('binary format of every type: PostgreSQL 15 bytes, both directions', () => {
  for (const [type, sql, text, hex] of cases) {
    const key = `${type} ${sql}`;
    test(key, () => {
      const t = typeOf(type);
      const expected = valueOverrides.has(key) ? (valueOverrides.get(key) as Value) : parseValue(t, text, ctx0);
      assert.deepStrictEqual(decodeBinary(t, fromHex(hex), ctx0, 1), expected, 'decode of PostgreSQL bytes');
      assert.equal(toHex(encodeBinary(t, expected, ctx0)), hex, 'encode');
    });
  }
});

describe('text output (formatValue) of the decoded value is PostgreSQL 15 output', () => {
  for (const [type, sql, text, hex] of cases) {
    const key = `${type} ${sql}`;
    test(key, { todo: textOutputTodo.get(key) ?? false }, () => {
      const t = typeOf(type);
      assert.equal(formatValue(t, decodeBinary(t, fromHex(hex), ctx0), ctx0), text);
    });
  }
  for (const [settings, group] of styledCases) {
    const ctx = contextOf(settings);
    for (const [type, sql, text, hex] of group) {
      const key = `${JSON.stringify(settings)} ${type} ${sql}`;
      test(key, { todo: textOutputTodo.get(key) ?? false }, () => {
        const t = typeOf(type);
        const v = decodeBinary(t, fromHex(hex), ctx);
        assert.equal(toHex(encodeBinary(t, v, ctx)), hex);
        assert.equal(formatValue(t, v, ctx), text);
      });
    }
  }
});

/**
 * Bytes PostgreSQL's receive functions accept but its send functions never write (extra digits,
 * non-zero bools, lower bounds): [type, hex, PostgreSQL's text output of `$1::type`, BasaltDB's
 * output where it differs on purpose].
 */
const receiveOnly: readonly (readonly [type: string, hex: string, pgText: string, basaltText?: string])[] = [
  ['bool', '02', 't'],
  ['bool', 'ff', 't'],
  ['float4', '7fc00001', 'NaN'],
  ['float8', 'fff8000000000000', 'NaN'],
  // digits past dscale are cut off; leading and trailing zero digits are accepted
  ['numeric', '000200000000000000010002', '1'],
  ['numeric', '0002000000000001000104d2', '1.1'],
  ['numeric', '0001fffe000000040001', '0.0000'],
  ['numeric', '000300010000000000000001000c', '1'],
  ['numeric', '0003000100000000000000010000', '1'],
  ['numeric', '00020000400000010005270f', '-5.9'],
  ['numeric', '0000000040000003', '0.000'],
  ['numeric', '00010005c0000003270f', 'NaN'],
  ['numeric', '0001fff000000000270f', '0'],
  ['text', 'efbbbf61', '\ufeffa'],
  ['name', '61'.repeat(63), 'a'.repeat(63)],
  ['date', 'ffda97a7', '4714-11-24 BC'],
  ['date', '7fda970c', '5874897-12-31'],
  ['time', '000000141dd76000', '24:00:00'],
  ['timestamp', 'fd0f7cc1411fa000', '4714-11-24 00:00:00 BC'],
  ['timestamp', '7fffff5bb3b29fff', '294276-12-31 23:59:59.999999'],
  ['jsonb', '01207b2262223a312c226122203a205b5d7d20', '{"a": [], "b": 1}'],
  // an array's flags need not match its NULLs; lower bounds other than 1 are dropped
  ['int4[]', '0000000100000001000000170000000100000001000000040000002a', '{42}'],
  ['int4[]', '00000001000000000000001700000001000000050000000400000009', '[5:5]={9}', '{9}'],
  ['int4[]', '0000000200000000000000170000000000000001000000050000000a', '{}'],
  ['int4[]', '00000001000000000000001700000000fffffff6', '{}'],
];

describe('receive accepts what PostgreSQL 15 accepts', () => {
  for (const [type, hex, pgText, basaltText] of receiveOnly) {
    test(`${type} ${hex}`, () => {
      const t = typeOf(type);
      assert.equal(formatValue(t, decodeBinary(t, fromHex(hex), ctx0, 1), ctx0), basaltText ?? pgText);
    });
  }
});

/** [type, hex, SQLSTATE, message, false when BasaltDB differs from PostgreSQL on purpose]. */
const receiveErrors: readonly (readonly [type: string, hex: string, code: string, message: string, asPg?: false])[] = [
  ['int4', '000000', '08P01', 'insufficient data left in message'],
  ['int4', '0000000001', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['int2', '', '08P01', 'insufficient data left in message'],
  ['int8', '00000000000000', '08P01', 'insufficient data left in message'],
  ['float8', '3ff0000000000000ff', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['bool', '', '08P01', 'no data left in message'],
  ['bool', '0100', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['text', 'ff', '22021', 'invalid byte sequence for encoding "UTF8": 0xff'],
  ['text', '61c328', '22021', 'invalid byte sequence for encoding "UTF8": 0xc3 0x28'],
  ['text', '61006263', '22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
  ['text', 'e282', '22021', 'invalid byte sequence for encoding "UTF8": 0xe2 0x82'],
  ['text', 'eda080', '22021', 'invalid byte sequence for encoding "UTF8": 0xed 0xa0 0x80'],
  ['text', 'f4908080', '22021', 'invalid byte sequence for encoding "UTF8": 0xf4 0x90 0x80 0x80'],
  ['text', 'c0af', '22021', 'invalid byte sequence for encoding "UTF8": 0xc0 0xaf'],
  ['text', 'e080af', '22021', 'invalid byte sequence for encoding "UTF8": 0xe0 0x80 0xaf'],
  ['varchar', '80', '22021', 'invalid byte sequence for encoding "UTF8": 0x80'],
  ['name', '61'.repeat(64), '42622', 'identifier too long'],
  ['"char"', '', '08P01', 'no data left in message'],
  ['"char"', '6162', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['date', '7ffffff0', '22008', 'date out of range'],
  ['date', 'ffda97a6', '22008', 'date out of range'],
  ['date', '7fda970d', '22008', 'date out of range'],
  ['time', 'ffffffffffffffff', '22008', 'time out of range'],
  ['time', '000000141dd76001', '22008', 'time out of range'],
  ['timestamp', '7ffffffffffffffe', '22008', 'timestamp out of range'],
  ['timestamp', '7fffff5bb3b2a000', '22008', 'timestamp out of range'],
  ['timestamptz', '8000000000000001', '22008', 'timestamp out of range'],
  ['timestamptz', 'fd0f7cc1411f9fff', '22008', 'timestamp out of range'],
  ['interval', '000000000000000100000002', '08P01', 'insufficient data left in message'],
  ['numeric', '000100000000000100', '08P01', 'insufficient data left in message'],
  ['numeric', '0000000012340000', '22P03', 'invalid sign in external "numeric" value'],
  ['numeric', '00010000000000002710', '22P03', 'invalid digit in external "numeric" value'],
  ['numeric', '0001000000000000ffff', '22P03', 'invalid digit in external "numeric" value'],
  ['numeric', '0000000000004000', '22P03', 'invalid scale in external "numeric" value'],
  ['numeric', '00000000000000000000', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['uuid', '00'.repeat(15), '08P01', 'insufficient data left in message'],
  ['uuid', '00'.repeat(17), '22P03', 'incorrect binary data format in bind parameter 1'],
  ['jsonb', '027b7d', 'XX000', 'unsupported jsonb version number 2'],
  ['jsonb', '', '08P01', 'insufficient data left in message'],
  ['jsonb', '017b', '22P02', 'invalid input syntax for type json'],
  ['jsonb', '01ff', '22021', 'invalid byte sequence for encoding "UTF8": 0xff'],
  ['json', '7b', '22P02', 'invalid input syntax for type json'],
  ['oid', '000001', '08P01', 'insufficient data left in message'],
  ['int4[]', '00000001000000000000001700000001', '08P01', 'insufficient data left in message'],
  ['int4[]', '000000000000000200000017', '22P03', 'invalid array flags'],
  ['int4[]', 'ffffffff0000000000000017', '22P03', 'invalid number of dimensions: -1'],
  ['int4[]', '000000070000000000000017', '54000', 'number of array dimensions (7) exceeds the maximum allowed (6)'],
  ['int4[]', '000000010000000000000019000000010000000100000004', '42804', 'binary data has array element type 25 (text) instead of expected 23 (integer)'],
  ['text[]', '000000010000000000000413000000010000000100000001', '42804', 'binary data has array element type 1043 (character varying) instead of expected 25 (text)'],
  ['int4[]', '0000000100000000000000170000000200000001ffffffff00000004', '22P03', 'insufficient data left in message'],
  ['int4[]', '0000000100000000000000170000000100000001fffffffe', '22P03', 'insufficient data left in message'],
  ['int4[]', '00000001000000000000001700000001000000010000000500000000ff', '22P03', 'improper binary format in array element 1'],
  ['int4[]', '00000001000000000000001700000002000000010000000400000001000000030000ff', '08P01', 'insufficient data left in message'],
  ['int4[]', '000000010000000000000017ffffffff00000001', '54000', 'array size exceeds the maximum allowed (134217727)'],
  ['int4[]', '00000001000000000000001708000000000000010000', '54000', 'array size exceeds the maximum allowed (134217727)'],
  ['int4[]', '000000010000000000000017000000017fffffff', '54000', 'array lower bound is too large: 2147483647'],
  ['int4[]', '000000010000000100000017000000010000000100000004000000090000', '22P03', 'incorrect binary data format in bind parameter 1'],
  ['bool[]', '0000000100000000000000100000000100000001000000020101', '22P03', 'improper binary format in array element 1'],
  // BasaltDB arrays are one-dimensional (PostgreSQL accepts this {{1,2},{3,4}})
  [
    'int4[]',
    '000000020000000000000017000000020000000100000002000000010000000400000001000000040000000200000004000000030000000400000004',
    '0A000',
    'multidimensional arrays are not supported',
    false,
  ],
  // a typmod on the target applies as an assignment (Bind parameters never carry one in PostgreSQL)
  ['varchar(2)', '616263', '22001', 'value too long for type character varying(2)', false],
  ['numeric(5,2)', '00000000d0000000', '22003', 'numeric field overflow', false],
];

describe('receive errors are PostgreSQL 15 errors', () => {
  for (const [type, hex, code, message] of receiveErrors) {
    test(`${type} ${hex.length > 60 ? hex.slice(0, 60) + '…' : hex}`, () => {
      assert.throws(
        () => decodeBinary(typeOf(type), fromHex(hex), ctx0, 1),
        (e: unknown) => e instanceof SqlError && e.code === code && e.message === message,
      );
    });
  }
  test('the parameter number is left out when none is given', () => {
    assert.throws(() => decodeBinary(typeOf('int4'), fromHex('0000000001'), ctx0), { code: '22P03', message: 'incorrect binary data format' });
  });
  test('record has no binary format', () => {
    const t = sqlType('record');
    assert.throws(() => decodeBinary(t, fromHex('00'), ctx0), { code: '0A000', message: 'no binary input function available for type record' });
    assert.throws(() => encodeBinary(t, '(1,2)', ctx0), { code: '0A000', message: 'no binary output function available for type record' });
  });
});

test('a numeric of more than 32767 base-10000 digits round-trips', () => {
  // Regression: ndigits was written as int16 (PostgreSQL's uint16) and encoding threw a RangeError.
  const v = Numeric.of(10n ** 146000n - 1n, 16000);
  const bytes = encodeBinary(typeOf('numeric'), v, ctx0);
  assert.equal(toHex(bytes.subarray(0, 8)), (32500 + 4000).toString(16).padStart(4, '0') + '7ef3' + '0000' + (16000).toString(16).padStart(4, '0'));
  assert.deepStrictEqual(decodeBinary(typeOf('numeric'), bytes, ctx0), v);
});

describe('writer', () => {
  test('writeBinary appends length-prefixed columns and -1 for NULL', () => {
    const w = new BinaryWriter(4);
    writeBinary(w, typeOf('int4'), 7, ctx0);
    writeBinary(w, typeOf('text'), null, ctx0);
    writeBinary(w, typeOf('text'), 'héllo', ctx0);
    writeBinary(w, typeOf('text'), '', ctx0);
    writeBinary(w, typeOf('int4[]'), [1, null], ctx0);
    assert.equal(
      toHex(w.copy(0)),
      '0000000400000007' + 'ffffffff' + '0000000668c3a96c6c6f' + '00000000' + '00000020' + '00000001000000010000001700000002000000010000000400000001ffffffff',
    );
  });
  test('encodeBinary returns a copy that later calls do not overwrite', () => {
    const a = encodeBinary(typeOf('int4'), 1, ctx0);
    const big = encodeBinary(typeOf('text'), 'x'.repeat(3 << 20), ctx0);
    const b = encodeBinary(typeOf('int4'), 2, ctx0);
    assert.equal(toHex(a), '00000001');
    assert.equal(big.length, 3 << 20);
    assert.equal(toHex(b), '00000002');
  });
  test('a decoded bytea does not share the received buffer', () => {
    const msg = fromHex('deadbeef');
    const v = decodeBinary(typeOf('bytea'), msg.subarray(1, 3), ctx0) as Uint8Array;
    msg[1] = 0;
    assert.equal(toHex(v), 'adbe');
  });
  test('unknown and void', () => {
    assert.equal(toHex(encodeBinary(sqlType('unknown'), 'ab', ctx0)), '6162');
    assert.equal(decodeBinary(sqlType('unknown'), fromHex('6162'), ctx0), 'ab');
    assert.equal(encodeBinary(sqlType('void'), '', ctx0).length, 0);
    assert.equal(decodeBinary(sqlType('void'), new Uint8Array(0), ctx0), '');
  });
});

// ---------------------------------------------------------------------------------------------
// Seeded random round trips (numeric's digit grouping, 64-bit integers, text, arrays).

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

function randomDigits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
}

/** A random value of type t (one of the kinds below). */
function randomValue(r: () => number, t: SqlType): Value {
  if (t.array) {
    const n = Math.floor(r() * 5);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(r() < 0.2 ? null : randomValue(r, sqlType(t.base, t.mod)));
    return out;
  }
  switch (t.base) {
    case 'numeric': {
      // Zeros at either end exercise the stripping of zero base-10000 digits.
      const digits = (r() < 0.3 ? '0'.repeat(Math.floor(r() * 9)) : '') + randomDigits(r, 1 + Math.floor(r() * 45)) + (r() < 0.3 ? '0'.repeat(Math.floor(r() * 9)) : '');
      const coef = BigInt(digits) * (r() < 0.5 ? -1n : 1n);
      return Numeric.of(coef, Math.floor(r() * 30));
    }
    case 'int8':
      return BigInt.asIntN(64, BigInt(Math.floor(r() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(r() * 2 ** 32))) >> BigInt(Math.floor(r() * 64));
    case 'float8': {
      const b = Buffer.alloc(8);
      b.writeUInt32BE(Math.floor(r() * 2 ** 32), 0);
      b.writeUInt32BE(Math.floor(r() * 2 ** 32), 4);
      const x = b.readDoubleBE(0);
      return Number.isNaN(x) ? 0 : x;
    }
    case 'text': {
      let s = '';
      const n = Math.floor(r() * 8);
      for (let i = 0; i < n; i++) {
        const pick = r();
        const cp = pick < 0.5 ? 1 + Math.floor(r() * 0x7f) : pick < 0.8 ? 0x80 + Math.floor(r() * 0xd780) : 0x10000 + Math.floor(r() * 0xfffff);
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    case 'timestamptz':
      return BigInt(Math.floor((r() - 0.5) * 2 ** 52)) * 32n;
    case 'interval':
      return new Interval(Math.floor((r() - 0.5) * 2 ** 32), Math.floor((r() - 0.5) * 2 ** 32), BigInt(Math.floor((r() - 0.5) * 2 ** 53)) * 1024n);
    default:
      throw new Error(`no random ${t.base}`);
  }
}

const randomTypes = ['numeric', 'int8', 'float8', 'text', 'timestamptz', 'interval', 'numeric[]', 'text[]', 'int8[]'].map(typeOf);

test('seeded random values round-trip', () => {
  const seed = Number(process.env['BINARY_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`pg-binary random round trips: BINARY_SEED=${seed}`);
  const r = rng(seed);
  for (let i = 0; i < 3000; i++) {
    const t = randomTypes[i % randomTypes.length] as SqlType;
    const v = randomValue(r, t);
    const bytes = encodeBinary(t, v, ctx0);
    assert.deepStrictEqual(decodeBinary(t, bytes, ctx0), v, `seed ${seed}, value ${i}: ${formatValue(t, v, ctx0)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Live checks against a real PostgreSQL 15 (BASALT_PG_URL): every expectation above, and the
// encoder's bytes through PostgreSQL's receive functions.

const pgUrl = process.env['BASALT_PG_URL'];

interface LiveClient {
  query(config: { text: string; values?: unknown[]; types?: unknown }): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

const rawStrings = { getTypeParser: () => (v: string) => v };
const sessionDefaults: Settings = { TimeZone: 'UTC', DateStyle: 'ISO, MDY', IntervalStyle: 'postgres', extra_float_digits: '1' };

async function connect(url: string): Promise<LiveClient> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c as unknown as LiveClient;
}

async function applySettings(c: LiveClient, s: Settings): Promise<void> {
  for (const [k, v] of Object.entries({ ...sessionDefaults, ...s })) await c.query({ text: `SET ${k} = '${v}'` });
}

/** PostgreSQL's text output of `bytes` received in binary format as a `type` parameter, or its error. */
async function receive(c: LiveClient, type: string, bytes: Uint8Array): Promise<string | { code: string; message: string }> {
  try {
    const r = await c.query({ text: `SELECT $1::${type} AS v`, values: [Buffer.from(bytes)], types: rawStrings });
    return r.rows[0]?.['v'] as string;
  } catch (e) {
    const err = e as { code: string; message: string };
    return { code: err.code, message: err.message };
  }
}

describe('against a live PostgreSQL 15', { skip: pgUrl === undefined ? 'set BASALT_PG_URL to check against a real server' : false }, () => {
  test('every case: PostgreSQL prints the same text and sends the same bytes', async () => {
    const c = await connect(pgUrl as string);
    try {
      const groups: StyledGroup[] = [[{}, cases], ...styledCases];
      for (const [settings, group] of groups) {
        await applySettings(c, settings);
        for (const [type, sql] of group) {
          const sendFn = (await c.query({ text: 'SELECT typsend::text AS f FROM pg_type WHERE oid = $1::regtype', values: [type.replace(/\(.*\)/, '')] })).rows[0]?.['f'];
          const r = await c.query({ text: `SELECT (${sql})::${type} AS v, encode(${String(sendFn)}((${sql})::${type}), 'hex') AS h`, types: rawStrings });
          const found = group.find((x) => x[0] === type && x[1] === sql) as Case;
          assert.deepEqual([r.rows[0]?.['v'], r.rows[0]?.['h']], [found[2], found[3]], `${JSON.stringify(settings)} ${type} ${sql}`);
        }
      }
    } finally {
      await c.end();
    }
  });

  test('PostgreSQL receives the encoder bytes as the same value', async () => {
    const c = await connect(pgUrl as string);
    try {
      await applySettings(c, {});
      for (const [type, , text, hex] of cases) {
        const t = typeOf(type);
        const bytes = encodeBinary(t, decodeBinary(t, fromHex(hex), ctx0), ctx0);
        assert.equal(await receive(c, type, bytes), text, `${type} ${text}`);
      }
    } finally {
      await c.end();
    }
  });

  test('receive-only bytes and receive errors are what PostgreSQL answers', async () => {
    const c = await connect(pgUrl as string);
    try {
      await applySettings(c, {});
      for (const [type, hex, pgText] of receiveOnly) assert.equal(await receive(c, type, fromHex(hex)), pgText, `${type} ${hex}`);
      for (const [type, hex, code, message, asPg] of receiveErrors) {
        if (asPg === false) continue;
        assert.deepEqual(await receive(c, type, fromHex(hex)), { code, message }, `${type} ${hex}`);
      }
    } finally {
      await c.end();
    }
  });

  test('seeded random numerics: PostgreSQL reads the encoder bytes as the same number', async () => {
    const seed = Number(process.env['BINARY_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`pg-binary live numerics: BINARY_SEED=${seed}`);
    const r = rng(seed);
    const c = await connect(pgUrl as string);
    try {
      for (let i = 0; i < 300; i++) {
        const t = typeOf(i % 3 === 0 ? 'numeric[]' : 'numeric');
        const v = randomValue(r, t);
        assert.equal(await receive(c, i % 3 === 0 ? 'numeric[]' : 'numeric', encodeBinary(t, v, ctx0)), formatValue(t, v, ctx0), `seed ${seed}, value ${i}`);
      }
    } finally {
      await c.end();
    }
  });
});
