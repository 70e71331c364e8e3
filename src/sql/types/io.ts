/**
 * The types' input and output functions (text ⇄ value) and typmod coercion, as PostgreSQL's
 * `*in`/`*out` functions behave: same accepted syntaxes, same SQLSTATEs and messages.
 */
import { SqlError } from '../errors.js';
import { formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp, roundMicros } from './datetime.js';
import { formatFloat, parseFloat8 } from './float.js';
import { Interval, parseInterval, roundInterval } from './interval.js';
import { Jsonb, validateJson } from './jsonb.js';
import { formatTypeName, numericPrecisionScale } from './names.js';
import { Numeric } from './numeric.js';
import { elementType, type SqlType, type TypeContext, type Value } from './type.js';

const intRe = /^\s*[+-]?\d+\s*$/;

export const int2Min = -32768;
export const int2Max = 32767;
export const int4Min = -2147483648;
export const int4Max = 2147483647;
export const int8Min = -(2n ** 63n);
export const int8Max = 2n ** 63n - 1n;

const intLabels = { int2: 'smallint', int4: 'integer', int8: 'bigint' } as const;

function parseInt32(text: string, base: 'int2' | 'int4'): number {
  const label = intLabels[base];
  if (!intRe.test(text)) throw new SqlError('22P02', `invalid input syntax for type ${label}: "${text}"`);
  const n = Number(text);
  const ok = base === 'int2' ? n >= int2Min && n <= int2Max : n >= int4Min && n <= int4Max;
  if (!ok) throw new SqlError('22003', `value "${text}" is out of range for type ${label}`);
  return n + 0;
}

function parseInt64(text: string): bigint {
  if (!intRe.test(text)) throw new SqlError('22P02', `invalid input syntax for type bigint: "${text}"`);
  const n = BigInt(text.trim());
  if (n < int8Min || n > int8Max) throw new SqlError('22003', `value "${text}" is out of range for type bigint`);
  return n;
}

/** parse_bool: t/true/yes/on/1 and f/false/no/off/0, case-insensitive, unique prefixes. */
export function parseBool(text: string): boolean {
  const s = text.trim().toLowerCase();
  if (s.length > 0) {
    if ('true'.startsWith(s) || 'yes'.startsWith(s) || s === 'on' || s === '1') return true;
    if ('false'.startsWith(s) || 'no'.startsWith(s) || (s.length >= 2 && 'off'.startsWith(s)) || s === '0') return false;
  }
  throw new SqlError('22P02', `invalid input syntax for type boolean: "${text}"`);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** byteain: `\x` hex or the escape format (`\\`, `\ooo`, other characters as their UTF-8 bytes). */
export function parseBytea(text: string): Uint8Array {
  if (text.startsWith('\\x') || text.startsWith('\\X')) {
    const out = new Uint8Array((text.length - 2) >> 1);
    let n = 0;
    for (let i = 2; i < text.length; ) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      const hi = hexValue(c);
      if (hi < 0) throw new SqlError('22023', `invalid hexadecimal digit: "${text[i]}"`);
      if (i + 1 >= text.length) throw new SqlError('22023', 'invalid hexadecimal data: odd number of digits');
      const lo = hexValue(text.charCodeAt(i + 1));
      if (lo < 0) throw new SqlError('22023', `invalid hexadecimal digit: "${text[i + 1]}"`);
      out[n++] = (hi << 4) | lo;
      i += 2;
    }
    return n === out.length ? out : out.slice(0, n);
  }
  const raw = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const b = raw[i] as number;
    if (b !== 0x5c) {
      out.push(b);
      i++;
      continue;
    }
    const b1 = raw[i + 1];
    if (b1 === 0x5c) {
      out.push(0x5c);
      i += 2;
      continue;
    }
    const b2 = raw[i + 2];
    const b3 = raw[i + 3];
    if (b1 !== undefined && b2 !== undefined && b3 !== undefined && b1 >= 48 && b1 <= 51 && b2 >= 48 && b2 <= 55 && b3 >= 48 && b3 <= 55) {
      out.push((b1 - 48) * 64 + (b2 - 48) * 8 + (b3 - 48));
      i += 4;
      continue;
    }
    throw new SqlError('22P02', 'invalid input syntax for type bytea');
  }
  return Uint8Array.from(out);
}

const hexDigits = '0123456789abcdef';

export function formatBytea(b: Uint8Array): string {
  let s = '\\x';
  for (let i = 0; i < b.length; i++) {
    const v = b[i] as number;
    s += (hexDigits[v >> 4] as string) + (hexDigits[v & 15] as string);
  }
  return s;
}

/** uuid_in: 32 hex digits, optional braces, a hyphen allowed after any group of four digits. */
export function parseUuid(text: string): string {
  let s = text;
  const fail = (): SqlError => new SqlError('22P02', `invalid input syntax for type uuid: "${text}"`);
  if (s.startsWith('{')) {
    if (!s.endsWith('}')) throw fail();
    s = s.slice(1, -1);
  }
  let hex = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 45) {
      if (hex.length === 0 || hex.length % 4 !== 0 || hex.length === 32 || s.charCodeAt(i - 1) === 45) throw fail();
      continue;
    }
    if (hexValue(c) < 0) throw fail();
    hex += s[i];
  }
  if (hex.length !== 32) throw fail();
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseOid(text: string): number {
  if (!intRe.test(text)) throw new SqlError('22P02', `invalid input syntax for type oid: "${text}"`);
  const n = Number(text);
  if (n < -2147483648 || n > 4294967295) throw new SqlError('22003', `value "${text}" is out of range for type oid`);
  return n < 0 ? n + 4294967296 : n;
}

/** Length in characters (code points). */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

/** The first `n` characters (code points) of s. */
export function charPrefix(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return s.slice(0, i);
}

/**
 * varchar(n) / char(n) length coercion. `explicit` truncates (a cast); otherwise a value longer
 * than n raises 22001 unless only spaces are cut. char(n) pads with spaces.
 */
export function coerceString(t: SqlType, s: string, explicit: boolean): string {
  const n = t.mod;
  if (n < 0 || (t.base !== 'varchar' && t.base !== 'bpchar')) return s;
  const len = s.length <= n ? s.length : charLength(s);
  if (len > n) {
    const head = charPrefix(s, n);
    if (!explicit && !/^ *$/.test(s.slice(head.length))) {
      throw new SqlError('22001', `value too long for type ${formatTypeName(t)}`);
    }
    s = head;
  } else if (t.base === 'bpchar' && len < n) s = s + ' '.repeat(n - len);
  return s;
}

/** name: at most 63 bytes, cut at a character boundary. */
function truncateName(s: string): string {
  if (s.length <= 21) return s;
  const b = Buffer.from(s, 'utf8');
  if (b.length <= 63) return s;
  let end = 63;
  while (end > 0 && ((b[end] as number) & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}

/**
 * Apply t's typmod to a value already of t's base: numeric(p,s) rounds (22003 on overflow),
 * varchar/char length, time/timestamp/interval precision. `explicit` is a cast (truncates strings).
 */
export function applyTypmod(t: SqlType, v: Value, explicit: boolean): Value {
  if (t.mod < 0 || v === null) return v;
  if (t.array) {
    const e = elementType(t);
    return (v as readonly Value[]).map((x) => applyTypmod(e, x, explicit));
  }
  switch (t.base) {
    case 'numeric': {
      const ps = numericPrecisionScale(t.mod) as [number, number];
      return (v as Numeric).applyTypmod(ps[0], ps[1]);
    }
    case 'varchar':
    case 'bpchar':
      return coerceString(t, v as string, explicit);
    case 'time':
      return Number(roundMicros(BigInt(v as number), t.mod));
    case 'timestamp':
    case 'timestamptz': {
      const ts = v as bigint;
      if (ts === int8Min || ts === int8Max) return ts;
      return roundMicros(ts, t.mod);
    }
    case 'interval':
      return roundInterval(v as Interval, t.mod);
    default:
      return v;
  }
}

/** The input function of a scalar type (no typmod). */
function parseScalar(t: SqlType, text: string, ctx: TypeContext): Value {
  switch (t.base) {
    case 'bool':
      return parseBool(text);
    case 'int2':
    case 'int4':
      return parseInt32(text, t.base);
    case 'int8':
      return parseInt64(text);
    case 'float4':
      return parseFloat8(text, true);
    case 'float8':
      return parseFloat8(text, false);
    case 'numeric':
      return Numeric.fromString(text);
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'unknown':
    case 'record':
      return text;
    case 'name':
      return truncateName(text);
    case 'char':
      return text.length === 0 ? '' : Buffer.from(text, 'utf8').subarray(0, 1).toString('latin1');
    case 'bytea':
      return parseBytea(text);
    case 'date':
      return parseDate(text, ctx);
    case 'time':
      return parseTime(text, t.mod, ctx);
    case 'timestamp':
      return parseTimestamp(text, false, t.mod, ctx);
    case 'timestamptz':
      return parseTimestamp(text, true, t.mod, ctx);
    case 'interval':
      return parseInterval(text, t.mod);
    case 'uuid':
      return parseUuid(text);
    case 'json':
      validateJson(text);
      return text;
    case 'jsonb':
      return Jsonb.parse(text);
    case 'oid':
      return parseOid(text);
    case 'regclass': {
      if (/^\s*\d+\s*$/.test(text)) return parseOid(text);
      const oid = ctx.oidNames?.regclassOid(text);
      if (oid !== undefined) return oid;
      throw new SqlError('42P01', `relation "${text}" does not exist`);
    }
    case 'void':
      return '';
  }
}

/** The type's input function: text → value, typmod applied (varchar/char too long → 22001). */
export function parseValue(t: SqlType, text: string, ctx: TypeContext): Value {
  if (t.array) return applyTypmod(t, parseArray(elementType(t), text, ctx), false);
  const v = parseScalar(t, text, ctx);
  return t.mod < 0 ? v : applyTypmod(t, v, false);
}

/** The type's output function (v non-null). */
export function formatValue(t: SqlType, v: Value, ctx: TypeContext): string {
  if (t.array) return formatArray(elementType(t), v as readonly Value[], ctx);
  switch (t.base) {
    case 'bool':
      return v ? 't' : 'f';
    case 'int2':
    case 'int4':
    case 'int8':
    case 'oid':
      return String(v);
    case 'regclass':
      return ctx.oidNames?.regclassName(v as number) ?? String(v);
    case 'float4':
      return formatFloat(v as number, true, ctx.extraFloatDigits);
    case 'float8':
      return formatFloat(v as number, false, ctx.extraFloatDigits);
    case 'numeric':
      return (v as Numeric).toString();
    case 'bytea':
      return formatBytea(v as Uint8Array);
    case 'date':
      return formatDate(v as number, ctx);
    case 'time':
      return formatTime(v as number);
    case 'timestamp':
      return formatTimestamp(v as bigint, false, ctx);
    case 'timestamptz':
      return formatTimestamp(v as bigint, true, ctx);
    case 'interval':
      return (v as Interval).toString(ctx.intervalStyle);
    case 'jsonb':
      return (v as Jsonb).toString();
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
    case 'char':
    case 'uuid':
    case 'json':
    case 'unknown':
    case 'record':
    case 'void':
      return v as string;
  }
}

// ---------------------------------------------------------------------------------------------
// Arrays: '{1,2,NULL,"a b"}'

function malformed(text: string, detail: string): SqlError {
  return new SqlError('22P02', `malformed array literal: "${text}"`, { detail });
}

function isArraySpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** array_in for a one-dimensional array (an optional `[lo:hi]=` prefix is accepted and ignored). */
export function parseArray(elem: SqlType, text: string, ctx: TypeContext): Value[] {
  let i = 0;
  const n = text.length;
  while (i < n && isArraySpace(text.charCodeAt(i))) i++;
  if (text[i] === '[') {
    const eq = text.indexOf('=', i);
    if (eq < 0 || !/^\[-?\d+:-?\d+\]\s*$/.test(text.slice(i, eq))) throw malformed(text, 'Array value must start with "{" or dimension information.');
    i = eq + 1;
    while (i < n && isArraySpace(text.charCodeAt(i))) i++;
  }
  if (text[i] !== '{') throw malformed(text, 'Array value must start with "{" or dimension information.');
  i++;
  const out: Value[] = [];
  while (i < n && isArraySpace(text.charCodeAt(i))) i++;
  if (text[i] === '}') {
    i++;
  } else {
    for (;;) {
      while (i < n && isArraySpace(text.charCodeAt(i))) i++;
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      const c = text[i];
      if (c === '{') throw new SqlError('0A000', 'multidimensional arrays are not supported');
      if (c === '}' || c === ',') throw malformed(text, `Unexpected "${c}" character.`);
      let item = '';
      let quoted = false;
      if (c === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (i >= n) throw malformed(text, 'Unexpected end of input.');
          const ch = text[i] as string;
          if (ch === '\\') {
            if (i + 1 >= n) throw malformed(text, 'Unexpected end of input.');
            item += text[i + 1];
            i += 2;
          } else if (ch === '"') {
            i++;
            break;
          } else {
            item += ch;
            i++;
          }
        }
        while (i < n && isArraySpace(text.charCodeAt(i))) i++;
      } else {
        let trailing = 0;
        while (i < n) {
          const ch = text[i] as string;
          if (ch === ',' || ch === '}') break;
          if (ch === '"' || ch === '{') throw malformed(text, `Unexpected "${ch}" character.`);
          if (ch === '\\') {
            if (i + 1 >= n) throw malformed(text, 'Unexpected end of input.');
            item += text[i + 1];
            trailing = 0;
            i += 2;
            continue;
          }
          item += ch;
          trailing = isArraySpace(ch.charCodeAt(0)) ? trailing + 1 : 0;
          i++;
        }
        if (trailing > 0) item = item.slice(0, item.length - trailing);
      }
      if (!quoted && item.toLowerCase() === 'null') out.push(null);
      else out.push(parseValue(elem, item, ctx));
      const d = text[i];
      if (d === ',') {
        i++;
        continue;
      }
      if (d === '}') {
        i++;
        break;
      }
      if (i >= n) throw malformed(text, 'Unexpected end of input.');
      throw malformed(text, `Unexpected array element.`);
    }
  }
  while (i < n && isArraySpace(text.charCodeAt(i))) i++;
  if (i < n) throw malformed(text, 'Junk after closing right brace.');
  return out;
}

function needsQuotes(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length === 4 && s.toLowerCase() === 'null') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92 || c === 123 || c === 125 || c === 44 || isArraySpace(c)) return true;
  }
  return false;
}

/** array_out. */
export function formatArray(elem: SqlType, v: readonly Value[], ctx: TypeContext): string {
  let s = '{';
  for (let i = 0; i < v.length; i++) {
    if (i > 0) s += ',';
    const e = v[i] as Value;
    if (e === null) {
      s += 'NULL';
      continue;
    }
    const t = formatValue(elem, e, ctx);
    s += needsQuotes(t) ? '"' + t.replace(/["\\]/g, '\\$&') + '"' : t;
  }
  return s + '}';
}
