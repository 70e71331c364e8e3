/**
 * Casts: which coercion context allows from → to (PostgreSQL's pg_cast plus its automatic I/O
 * conversion casts), and the conversions themselves.
 */
import { SqlError } from '../errors.js';
import {
  dateToTimestamp,
  splitTimestamp,
  timestampToDate,
  timestampToTz,
  tzToTimestamp,
  isFiniteTimestamp,
} from './datetime.js';
import { roundHalfEven } from './float.js';
import { Interval, usecPerDay } from './interval.js';
import { applyTypmod, formatValue, int2Max, int2Min, int4Max, int4Min, int8Max, int8Min, parseValue } from './io.js';
import { Jsonb, type JsonNode } from './jsonb.js';
import { formatTypeName } from './names.js';
import { Numeric } from './numeric.js';
import { elementType, sqlType, type BaseType, type SqlType, type TypeContext, type Value } from './type.js';

export type CoercionContext = 'implicit' | 'assignment' | 'explicit';

/** pg_cast among our base types: 'i' implicit, 'a' assignment, 'e' explicit. */
const pgCast: Readonly<Record<string, 'i' | 'a' | 'e'>> = (() => {
  const table: Record<string, 'i' | 'a' | 'e'> = {};
  const src =
    'bool>int4:e bool>text:a bool>bpchar:a bool>varchar:a char>int4:e char>text:i char>bpchar:a char>varchar:a ' +
    'name>text:i name>bpchar:a name>varchar:a int8>int2:a int8>int4:a int8>oid:i int8>float4:i int8>float8:i ' +
    'int8>numeric:i int8>regclass:i int2>int8:i int2>int4:i int2>oid:i int2>float4:i int2>float8:i int2>numeric:i ' +
    'int2>regclass:i int4>bool:e int4>char:e int4>int8:i int4>int2:a int4>oid:i int4>float4:i int4>float8:i ' +
    'int4>numeric:i int4>regclass:i text>char:a text>name:i text>bpchar:i text>varchar:i text>regclass:i ' +
    'oid>int8:a oid>int4:a oid>regclass:i json>jsonb:a float4>int8:a float4>int2:a float4>int4:a float4>float8:i ' +
    'float4>numeric:a float8>int8:a float8>int2:a float8>int4:a float8>float4:a float8>numeric:a bpchar>char:a ' +
    'bpchar>name:i bpchar>text:i bpchar>varchar:i varchar>char:a varchar>name:i varchar>text:i varchar>bpchar:i ' +
    'varchar>regclass:i date>timestamp:i date>timestamptz:i time>interval:i timestamp>date:a timestamp>time:a ' +
    'timestamp>timestamptz:i timestamptz>date:a timestamptz>time:a timestamptz>timestamp:a interval>time:a ' +
    'numeric>int8:a numeric>int2:a numeric>int4:a numeric>float4:i numeric>float8:i regclass>int8:a ' +
    'regclass>int4:a regclass>oid:i jsonb>bool:e jsonb>int8:e jsonb>int2:e jsonb>int4:e jsonb>json:a ' +
    'jsonb>float4:e jsonb>float8:e jsonb>numeric:e';
  for (const e of src.split(' ')) {
    const [pair, ctx] = e.split(':') as [string, 'i' | 'a' | 'e'];
    table[pair] = ctx;
  }
  return table;
})();

const contexts = { i: 'implicit', a: 'assignment', e: 'explicit' } as const;

function isStringBase(b: BaseType): boolean {
  return b === 'text' || b === 'varchar' || b === 'bpchar' || b === 'name';
}

/** Which context allows casting from → to; null when no cast exists. */
export function castKind(from: SqlType, to: SqlType): CoercionContext | null {
  if (from.base === 'unknown' && !from.array) return 'implicit';
  if (from.base === to.base && from.array === to.array) return 'implicit';
  if (from.array || to.array) {
    if (from.array && to.array) return castKind(elementType(from), elementType(to));
    // Arrays to and from strings go through I/O.
    if (from.array && isStringBase(to.base)) return 'assignment';
    if (to.array && isStringBase(from.base)) return 'explicit';
    return null;
  }
  const c = pgCast[`${from.base}>${to.base}`];
  if (c !== undefined) return contexts[c];
  if (from.base === 'void' || from.base === 'record' || to.base === 'void' || to.base === 'record' || to.base === 'unknown') return null;
  // Automatic I/O conversion casts.
  if (isStringBase(to.base)) return 'assignment';
  if (isStringBase(from.base)) return 'explicit';
  return null;
}

function noCast(from: SqlType, to: SqlType): SqlError {
  return new SqlError('42846', `cannot cast type ${formatTypeName(from)} to ${formatTypeName(to)}`);
}

const rangeLabels: Readonly<Partial<Record<BaseType, string>>> = { int2: 'smallint', int4: 'integer', int8: 'bigint' };

function intOutOfRange(b: BaseType): SqlError {
  return new SqlError('22003', `${rangeLabels[b] ?? 'integer'} out of range`);
}

/** A JS number (integral) into int2/int4 with the range check. */
function toInt32(n: number, b: 'int2' | 'int4'): number {
  const ok = b === 'int2' ? n >= int2Min && n <= int2Max : n >= int4Min && n <= int4Max;
  if (!ok || Number.isNaN(n)) throw intOutOfRange(b);
  return n + 0;
}

function toInt64(n: bigint): bigint {
  if (n < int8Min || n > int8Max) throw intOutOfRange('int8');
  return n;
}

/** float → int: rint, range-checked (float8 values ≥ 2^63 are out of range). */
function floatToInt(x: number, b: BaseType): number | bigint {
  if (Number.isNaN(x) || !Number.isFinite(x)) throw intOutOfRange(b);
  const r = roundHalfEven(x);
  if (b === 'int8') {
    if (r < -9223372036854775808 || r >= 9223372036854775808) throw intOutOfRange(b);
    return BigInt(r);
  }
  return toInt32(r, b as 'int2' | 'int4');
}

function float4Checked(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) && Number.isFinite(x)) throw new SqlError('22003', 'value out of range: overflow');
  if (f === 0 && x !== 0) throw new SqlError('22003', 'value out of range: underflow');
  return f;
}

const numericTypeNames: Readonly<Partial<Record<BaseType, string>>> = { int2: 'smallint', int4: 'integer', int8: 'bigint' };

/** Convert between the numeric types int2/int4/int8/float4/float8/numeric/oid/regclass. */
function castNumber(v: Value, from: BaseType, to: BaseType): Value {
  if (from === 'numeric') {
    const n = v as Numeric;
    switch (to) {
      case 'int2':
      case 'int4':
        if (n.isNaN() || n.isInfinite()) n.toBigInt(numericTypeNames[to]);
        return toInt32(Number(n.toBigInt(numericTypeNames[to])), to);
      case 'int8':
        if (n.isNaN() || n.isInfinite()) n.toBigInt('bigint');
        return toInt64(n.toBigInt('bigint'));
      case 'float4':
        return float4Checked(n.toNumber());
      case 'float8': {
        const x = n.toNumber();
        if (!Number.isFinite(x) && n.isFinite()) throw new SqlError('22003', 'value out of range: overflow');
        return x;
      }
      default:
        break;
    }
  }
  if (from === 'float4' || from === 'float8') {
    const x = v as number;
    switch (to) {
      case 'int2':
      case 'int4':
      case 'int8':
        return floatToInt(x, to);
      case 'float4':
        return float4Checked(x);
      case 'float8':
        return x;
      case 'numeric':
        return Numeric.fromNumber(x, from === 'float4' ? 6 : 15);
      default:
        break;
    }
  }
  // Integer sources (int2, int4, int8, oid, regclass).
  const big = typeof v === 'bigint' ? v : BigInt(v as number);
  switch (to) {
    case 'int2':
    case 'int4':
      if (from === 'oid' || from === 'regclass') return Number(BigInt.asIntN(32, big));
      if (big < -2147483648n || big > 2147483647n) throw intOutOfRange(to);
      return toInt32(Number(big), to);
    case 'int8':
      return big;
    case 'float4':
      return Math.fround(Number(big));
    case 'float8':
      return Number(big);
    case 'numeric':
      return Numeric.fromBigInt(big);
    case 'oid':
    case 'regclass':
      if (big < -2147483648n || big > 4294967295n) throw new SqlError('22003', 'OID out of range');
      return Number(BigInt.asUintN(32, big));
    default:
      break;
  }
  throw new SqlError('42846', `cannot cast type ${from} to ${to}`);
}

const numericBases = new Set<BaseType>(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'regclass']);

function jsonbTypeName(n: JsonNode): string {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return 'boolean';
  if (typeof n === 'string') return 'string';
  if (n instanceof Numeric) return 'numeric';
  return Array.isArray(n) ? 'array' : 'object';
}

/** jsonb → bool/number casts: the document must be a scalar of the right kind. */
function castJsonb(v: Jsonb, to: SqlType): Value {
  const r = v.root;
  if (to.base === 'bool') {
    if (typeof r === 'boolean') return r;
    throw new SqlError('22023', `cannot cast jsonb ${jsonbTypeName(r)} to type boolean`);
  }
  if (!(r instanceof Numeric)) throw new SqlError('22023', `cannot cast jsonb ${jsonbTypeName(r)} to type ${formatTypeName(to)}`);
  return to.base === 'numeric' ? r : castNumber(r, 'numeric', to.base);
}

/** Convert a non-null value of type `from` to type `to`. */
export function castValue(v: Value, from: SqlType, to: SqlType, context: CoercionContext, ctx: TypeContext): Value {
  const explicit = context === 'explicit';
  if (v === null) return null;
  if (from.base === 'unknown' && !from.array) {
    return applyTypmod(to, parseValue(sqlType(to.base, -1, to.array), v as string, ctx), explicit);
  }
  if (from.base === to.base && from.array === to.array) {
    if (from.base === 'bpchar' && to.mod < 0 && from.mod >= 0) return v;
    return applyTypmod(to, v, explicit);
  }
  if (from.array && to.array) {
    const fe = elementType(from);
    const te = elementType(to);
    if (castKind(fe, te) === null) throw noCast(from, to);
    const arr = v as readonly Value[];
    const out: Value[] = new Array<Value>(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = castValue(arr[i] as Value, fe, te, context, ctx);
    return out;
  }
  if (castKind(from, to) === null) throw noCast(from, to);
  if (from.array) return applyTypmod(to, formatValue(from, v, ctx), explicit);
  return applyTypmod(to, convert(v, from, to, ctx), explicit);
}

/** The conversion itself (typmod of `to` applied by the caller). */
function convert(v: Value, from: SqlType, to: SqlType, ctx: TypeContext): Value {
  const f = from.base;
  const t = to.base;
  if (numericBases.has(f) && numericBases.has(t)) return castNumber(v, f, t);
  if (isStringBase(t)) {
    if (isStringBase(f)) return f === 'bpchar' ? (v as string).replace(/ +$/, '') : v;
    if (f === 'bool') return v ? 'true' : 'false';
    if (f === 'char') return v;
    return formatValue(from, v, ctx);
  }
  if (isStringBase(f) || f === 'char') {
    const s = f === 'bpchar' ? (v as string).replace(/ +$/, '') : (v as string);
    return parseValue(sqlType(t, -1, to.array), s, ctx);
  }
  switch (`${f}>${t}`) {
    case 'bool>int4':
      return v ? 1 : 0;
    case 'int4>bool':
      return v !== 0;
    case 'int4>char': {
      const n = v as number;
      if (n < -128 || n > 127) throw new SqlError('22003', '"char" out of range');
      return n === 0 ? '' : String.fromCharCode(n & 0xff);
    }
    case 'date>timestamp':
      return dateToTimestamp(v as number);
    case 'date>timestamptz': {
      const ts = dateToTimestamp(v as number);
      return timestampToTz(ts, ctx);
    }
    case 'timestamp>date':
      return timestampToDate(v as bigint);
    case 'timestamptz>date':
      return timestampToDate(tzToTimestamp(v as bigint, ctx));
    case 'timestamp>time':
    case 'timestamptz>time': {
      const ts = f === 'timestamptz' ? tzToTimestamp(v as bigint, ctx) : (v as bigint);
      if (!isFiniteTimestamp(ts)) throw new SqlError('22008', 'timestamp out of range');
      return splitTimestamp(ts)[1];
    }
    case 'timestamp>timestamptz':
      return timestampToTz(v as bigint, ctx);
    case 'timestamptz>timestamp':
      return tzToTimestamp(v as bigint, ctx);
    case 'time>interval':
      return new Interval(0, 0, BigInt(v as number));
    case 'interval>time': {
      let us = (v as Interval).micros % usecPerDay;
      if (us < 0n) us += usecPerDay;
      return Number(us);
    }
    case 'json>jsonb':
      return Jsonb.parse(v as string);
    case 'jsonb>json':
      return (v as Jsonb).toString();
    default:
      if (f === 'jsonb') return castJsonb(v as Jsonb, to);
      throw noCast(from, to);
  }
}
