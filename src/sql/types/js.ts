/**
 * Values ⇄ JavaScript: results as node-postgres maps them, and query parameters from JS values.
 */
import { SqlError } from '../errors.js';
import { formatDate, timestampInfinity, timestampMinusInfinity } from './datetime.js';
import { formatValue, parseValue, int8Max, int8Min, int4Max, int4Min, int2Max, int2Min } from './io.js';
import { Interval } from './interval.js';
import { Jsonb } from './jsonb.js';
import { formatTypeName } from './names.js';
import { Numeric } from './numeric.js';
import { arrayOf, elementType, T, type SqlType, type TypeContext, type Value } from './type.js';
import { castValue } from './cast.js';

export interface JsOptions {
  readonly int8As: 'string' | 'bigint' | 'number';
  readonly numericAs: 'string' | 'number';
}

/** ms between 1970-01-01 and 2000-01-01. */
const epochMs = 946_684_800_000;
const isoCtx: TypeContext = {
  timeZone: 'UTC',
  dateStyle: 'ISO, MDY',
  intervalStyle: 'postgres',
  extraFloatDigits: 1,
  statementTime: 0n,
  transactionTime: 0n,
};

function timestampToDate(ts: bigint): Date | number {
  if (ts === timestampInfinity) return Infinity;
  if (ts === timestampMinusInfinity) return -Infinity;
  let ms = ts / 1000n;
  if (ts < 0n && ms * 1000n !== ts) ms -= 1n;
  return new Date(Number(ms) + epochMs);
}

/** Result value → JavaScript (v may be null). */
export function toJs(t: SqlType, v: Value, opts: JsOptions, ctx: TypeContext): unknown {
  if (v === null) return null;
  if (t.array) {
    const e = elementType(t);
    return (v as readonly Value[]).map((x) => toJs(e, x, opts, ctx));
  }
  switch (t.base) {
    case 'bool':
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
    case 'oid':
    case 'regclass':
      return v;
    case 'int8':
      return opts.int8As === 'bigint' ? v : opts.int8As === 'number' ? Number(v) : String(v);
    case 'numeric':
      return opts.numericAs === 'number' ? (v as Numeric).toNumber() : (v as Numeric).toString();
    case 'date':
      return formatDate(v as number, isoCtx);
    case 'timestamp':
    case 'timestamptz':
      return timestampToDate(v as bigint);
    case 'bytea':
      return Buffer.from(v as Uint8Array);
    case 'json':
      return JSON.parse(v as string);
    case 'jsonb':
      return (v as Jsonb).toJs();
    case 'void':
      return null;
    default:
      return formatValue(t, v, ctx);
  }
}

function mismatch(x: unknown, t: SqlType): SqlError {
  const kind = x === null ? 'null' : Array.isArray(x) ? 'array' : x instanceof Date ? 'Date' : typeof x;
  return new SqlError('42804', `cannot use a JavaScript ${kind} as a value of type ${formatTypeName(t)}`);
}

function fromNumber(x: number, t: SqlType, ctx: TypeContext): Value {
  switch (t.base) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'oid':
    case 'regclass': {
      const label = t.base === 'int2' ? 'smallint' : t.base === 'int8' ? 'bigint' : t.base === 'int4' ? 'integer' : 'oid';
      if (!Number.isInteger(x)) throw new SqlError('22P02', `invalid input syntax for type ${label}: "${String(x)}"`);
      if (t.base === 'int8') {
        const b = BigInt(x);
        if (b < int8Min || b > int8Max) throw new SqlError('22003', `value "${String(x)}" is out of range for type bigint`);
        return b;
      }
      const ok = t.base === 'int2' ? x >= int2Min && x <= int2Max : t.base === 'int4' ? x >= int4Min && x <= int4Max : x >= 0 && x <= 4294967295;
      if (!ok) throw new SqlError('22003', `value "${String(x)}" is out of range for type ${label}`);
      return x + 0;
    }
    case 'float4':
      return Math.fround(x);
    case 'float8':
      return x;
    case 'numeric':
      return castValue(Numeric.fromString(Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity'), T.numeric, t, 'assignment', ctx);
    case 'jsonb':
      return Jsonb.fromJs(x);
    case 'json':
      return JSON.stringify(x);
    default:
      return parseValue(t, String(x), ctx);
  }
}

function fromDate(x: Date, t: SqlType, ctx: TypeContext): Value {
  const ms = x.getTime();
  if (Number.isNaN(ms)) throw new SqlError('22007', `invalid input syntax for type ${formatTypeName(t)}: "Invalid Date"`);
  const us = (BigInt(ms) - BigInt(epochMs)) * 1000n;
  switch (t.base) {
    case 'timestamptz':
      return castValue(us, T.timestamptz, t, 'assignment', ctx);
    case 'timestamp':
      return castValue(us, T.timestamp, t, 'assignment', ctx);
    case 'date':
      return Math.floor((ms - epochMs) / 86_400_000);
    case 'text':
    case 'varchar':
    case 'bpchar':
      return parseValue(t, x.toISOString(), ctx);
    case 'json':
      return JSON.stringify(x);
    case 'jsonb':
      return Jsonb.fromJs(x.toISOString());
    default:
      throw mismatch(x, t);
  }
}

/** A JavaScript parameter value → a value of type t. */
export function fromJs(x: unknown, t: SqlType, ctx: TypeContext): Value {
  if (x === null || x === undefined) return null;
  if (t.array) {
    if (typeof x === 'string') return parseValue(t, x, ctx);
    if (!Array.isArray(x)) throw mismatch(x, t);
    const e = elementType(t);
    return x.map((y: unknown) => fromJs(y, e, ctx));
  }
  if (t.base === 'json' && typeof x !== 'string') return JSON.stringify(x instanceof Jsonb ? x.toJs() : x);
  if (t.base === 'jsonb') {
    if (x instanceof Jsonb) return x;
    if (typeof x === 'string') return parseValue(t, x, ctx);
    return Jsonb.fromJs(x);
  }
  if (typeof x === 'string') return parseValue(t, x, ctx);
  if (typeof x === 'number') return fromNumber(x, t, ctx);
  if (typeof x === 'bigint') {
    if (t.base === 'int8' || t.base === 'int2' || t.base === 'int4' || t.base === 'numeric' || t.base === 'float4' || t.base === 'float8' || t.base === 'oid') {
      if (x < int8Min || x > int8Max) throw new SqlError('22003', `value "${x}" is out of range for type bigint`);
      return castValue(x, T.int8, t, 'assignment', ctx);
    }
    return parseValue(t, x.toString(), ctx);
  }
  if (typeof x === 'boolean') {
    if (t.base === 'bool') return x;
    if (t.base === 'text' || t.base === 'varchar' || t.base === 'bpchar') return parseValue(t, x ? 'true' : 'false', ctx);
    throw mismatch(x, t);
  }
  if (x instanceof Date) return fromDate(x, t, ctx);
  if (x instanceof Uint8Array) {
    if (t.base === 'bytea') return Uint8Array.from(x);
    return parseValue(t, Buffer.from(x).toString('utf8'), ctx);
  }
  if (x instanceof Numeric) {
    if (t.base === 'numeric') return castValue(x, T.numeric, t, 'assignment', ctx);
    return castValue(x, T.numeric, t, 'explicit', ctx);
  }
  if (x instanceof Interval) {
    if (t.base === 'interval') return x;
    throw mismatch(x, t);
  }
  throw mismatch(x, t);
}

/** The type a parameter gets from its JS value when the statement does not fix it. */
export function inferJsType(x: unknown): SqlType {
  if (x === null || x === undefined) return T.unknown;
  switch (typeof x) {
    case 'number':
      return Number.isInteger(x) && x >= int4Min && x <= int4Max ? T.int4 : T.float8;
    case 'string':
      return T.text;
    case 'bigint':
      return T.int8;
    case 'boolean':
      return T.bool;
    default:
      break;
  }
  if (x instanceof Date) return T.timestamptz;
  if (x instanceof Uint8Array) return T.bytea;
  if (x instanceof Numeric) return T.numeric;
  if (x instanceof Interval) return T.interval;
  if (x instanceof Jsonb) return T.jsonb;
  if (Array.isArray(x)) {
    let elem: SqlType | null = null;
    for (const e of x as unknown[]) {
      if (e === null || e === undefined) continue;
      const t = inferJsType(e);
      if (t.array) return T.jsonb;
      if (elem === null) elem = t;
      else if (elem !== t) {
        if ((elem === T.int4 && t === T.float8) || (elem === T.float8 && t === T.int4)) elem = T.float8;
        else return T.jsonb;
      }
    }
    return arrayOf(elem ?? T.text);
  }
  return T.jsonb;
}
