/**
 * PostgreSQL's binary format (format code 1) for every BasaltDB type: the bytes a type's `*send`
 * function writes into a DataRow column and its `*recv` function reads from a Bind parameter.
 * All integers are big-endian two's complement.
 *
 * | type                   | bytes                                                                     |
 * |------------------------|---------------------------------------------------------------------------|
 * | bool                   | 1: 0 or 1 (receive: any non-zero byte is true)                            |
 * | int2, int4, int8       | 2, 4, 8: signed integer                                                   |
 * | oid, regclass          | 4: unsigned integer                                                       |
 * | float4, float8         | 4, 8: IEEE 754                                                            |
 * | numeric                | uint16 ndigits, int16 weight, uint16 sign, uint16 dscale, ndigits × int16 |
 * |                        | base-10000 digits, most significant first; value = Σ digit[i] ×           |
 * |                        | 10000^(weight - i); sign 0x0000 +, 0x4000 −, 0xC000 NaN, 0xD000           |
 * |                        | +Infinity, 0xF000 −Infinity; dscale = digits shown after the point.       |
 * |                        | Sent stripped of leading and trailing zero digits; zero has ndigits 0;    |
 * |                        | NaN and ±Infinity have no digits and dscale 0 (NaN) or 0x20 (±Infinity,   |
 * |                        | an artifact of PostgreSQL's storage format, copied for identical bytes).  |
 * | text, varchar, bpchar, | the UTF-8 bytes, no terminator (bpchar keeps its padding)                 |
 * | name, unknown, json    |                                                                           |
 * | "char"                 | 1: the byte (0 for the empty "char")                                      |
 * | bytea                  | the bytes                                                                 |
 * | date                   | int32 days since 2000-01-01; 0x7FFFFFFF infinity, 0x80000000 -infinity    |
 * | time                   | int64 microseconds since midnight (0 … 86400000000)                       |
 * | timestamp, timestamptz | int64 microseconds since 2000-01-01 00:00 (UTC for timestamptz);          |
 * |                        | int64 max infinity, int64 min -infinity                                   |
 * | interval               | int64 microseconds, int32 days, int32 months                              |
 * | uuid                   | 16 bytes                                                                  |
 * | jsonb                  | 1 byte version (1), then the text as jsonb's output function writes it    |
 * | void                   | nothing                                                                   |
 * | t[]                    | int32 ndim, int32 flags (1 if any element is NULL), uint32 element        |
 * |                        | type OID, ndim × (int32 length, int32 lower bound), then each element:    |
 * |                        | int32 byte length (-1 for NULL) and its bytes. An empty array has         |
 * |                        | ndim 0 and nothing after the OID. BasaltDB arrays are one-dimensional     |
 * |                        | with lower bound 1: a received lower bound is ignored, a received         |
 * |                        | multi-dimensional array with elements is refused (0A000).                 |
 *
 * Receiving checks what PostgreSQL 15's recv functions check, with their SQLSTATEs and messages:
 * a short buffer is 08P01 `insufficient data left in message` (`no data left in message` for a
 * one-byte read), bytes left over are 22P03 `incorrect binary data format in bind parameter N`,
 * bad UTF-8 22021, out-of-range dates and timestamps 22008, malformed numeric and array headers
 * 22P03. A typmod on the target type is applied as an assignment would (numeric(p,s) rounds,
 * varchar(n) refuses what does not fit, timestamp(p) rounds).
 *
 * Encoding runs once per row per column: it writes into one reusable buffer (BinaryWriter) and
 * only the returned copy is allocated; `writeBinary` appends a length-prefixed column to a
 * caller's writer with no allocation at all for fixed-size types.
 */
import { isUtf8 } from 'node:buffer';
import { SqlError } from '../../sql/errors.js';
import {
  castValue,
  elementType,
  formatTypeName,
  Interval,
  Jsonb,
  Numeric,
  parseValue,
  sqlType,
  typeFromOid,
  typeOid,
  type SqlType,
  type TypeContext,
  type Value,
} from '../../sql/types/index.js';

// ---------------------------------------------------------------------------------------------
// Limits and constants (PostgreSQL's names in comments).

/** MAXDIM: dimensions an array may have. */
const arrayDimsMax = 6;
/** MaxArraySize: elements an array may have. */
const arrayElementsMax = 134217727;
/** FirstGenbkiObjectId: OIDs below it are built in, so an element type mismatch is reported. */
const builtinOidEnd = 10000;
/** NAMEDATALEN: a name holds at most 63 bytes. */
const nameBytesEnd = 64;
/** NUMERIC_DSCALE_MASK: the display scale's bits. */
const numericDscaleMask = 0x3fff;
const numericPos = 0x0000;
const numericNeg = 0x4000;
const numericNaN = 0xc000;
const numericPinf = 0xd000;
const numericNinf = 0xf000;
/** The dscale numeric_send writes for ±Infinity: (0xD000 & NUMERIC_SHORT_DSCALE_MASK) >> 7. */
const numericInfinityDscale = 0x20;
/** Days since 2000-01-01 a finite date may have: [julian 0, DATE_END_JULIAN). */
const dateDaysMin = -2451545;
const dateDaysEnd = 2147483494 - 2451545;
const dateInfinity = 0x7fffffff;
const dateMinusInfinity = -0x80000000;
/** USECS_PER_DAY: time is 0 … 24:00:00. */
const timeMicrosMax = 86_400_000_000;
/** MIN_TIMESTAMP and END_TIMESTAMP (4714-11-24 BC … 294277-01-01). */
const timestampMin = -211813488000000000n;
const timestampEnd = 9223371331200000000n;
const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------------------------
// Writing.

/** A growable output buffer; `pos` is the end of what is written. Reuse it across rows. */
export class BinaryWriter {
  buf: Buffer;
  pos = 0;

  constructor(size = 256) {
    this.buf = Buffer.allocUnsafe(size);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = Buffer.allocUnsafe(size);
    this.buf.copy(b, 0, 0, this.pos);
    this.buf = b;
  }

  u8(n: number): void {
    this.ensure(1);
    this.buf[this.pos++] = n & 0xff;
  }

  i16(n: number): void {
    this.ensure(2);
    this.buf.writeInt16BE(n, this.pos);
    this.pos += 2;
  }

  u16(n: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(n, this.pos);
    this.pos += 2;
  }

  i32(n: number): void {
    this.ensure(4);
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4;
  }

  u32(n: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(n >>> 0, this.pos);
    this.pos += 4;
  }

  i64(n: bigint): void {
    if (n >= -0x20000000000000n && n <= 0x20000000000000n) {
      // Safe-integer fast path (timestamps of this era, most int8 values): no bigint arithmetic.
      this.i64n(Number(n));
      return;
    }
    this.ensure(8);
    this.buf.writeBigInt64BE(n, this.pos);
    this.pos += 8;
  }

  /** An int64 given as a safe integer. */
  i64n(x: number): void {
    this.ensure(8);
    const hi = Math.floor(x / 0x100000000);
    this.buf.writeInt32BE(hi, this.pos);
    this.buf.writeUInt32BE(x - hi * 0x100000000, this.pos + 4);
    this.pos += 8;
  }

  f32(x: number): void {
    this.ensure(4);
    this.buf.writeFloatBE(x, this.pos);
    this.pos += 4;
  }

  f64(x: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(x, this.pos);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** The UTF-8 bytes of s (a lone surrogate becomes U+FFFD). */
  utf8(s: string): void {
    if (s.length === 0) return;
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A copy of the bytes from `start` to the end. */
  copy(start: number): Uint8Array {
    const out = new Uint8Array(this.pos - start);
    this.buf.copy(out, 0, start, this.pos);
    return out;
  }
}

const shared = new BinaryWriter(1024);

/** The value's binary representation (value not null): what the type's send function writes. */
export function encodeBinary(type: SqlType, value: Value, ctx: TypeContext): Uint8Array {
  shared.pos = 0;
  writeValue(shared, type, value, ctx);
  const out = shared.copy(0);
  // Drop a buffer a huge value grew, so one big row does not pin memory.
  if (shared.buf.length > 1 << 20) shared.buf = Buffer.allocUnsafe(1024);
  return out;
}

/** Append a DataRow column: int32 length (-1 for NULL) and the value's binary representation. */
export function writeBinary(w: BinaryWriter, type: SqlType, value: Value, ctx: TypeContext): void {
  if (value === null) {
    w.i32(-1);
    return;
  }
  w.i32(0);
  const start = w.pos;
  writeValue(w, type, value, ctx);
  w.buf.writeInt32BE(w.pos - start, start - 4);
}

function writeValue(w: BinaryWriter, t: SqlType, v: Value, ctx: TypeContext): void {
  if (t.array) {
    writeArray(w, t, v as readonly Value[], ctx);
    return;
  }
  switch (t.base) {
    case 'bool':
      w.u8(v ? 1 : 0);
      return;
    case 'int2':
      w.i16(v as number);
      return;
    case 'int4':
      w.i32(v as number);
      return;
    case 'int8':
      w.i64(v as bigint);
      return;
    case 'oid':
    case 'regclass':
      w.u32(v as number);
      return;
    case 'float4':
      w.f32(v as number);
      return;
    case 'float8':
      w.f64(v as number);
      return;
    case 'numeric':
      writeNumeric(w, v as Numeric);
      return;
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
    case 'json':
    case 'unknown':
      w.utf8(v as string);
      return;
    case 'char':
      w.u8((v as string).length === 0 ? 0 : (v as string).charCodeAt(0));
      return;
    case 'bytea':
      w.bytes(v as Uint8Array);
      return;
    case 'date':
      w.i32(v === Infinity ? dateInfinity : v === -Infinity ? dateMinusInfinity : (v as number));
      return;
    case 'time':
      w.i64n(v as number);
      return;
    case 'timestamp':
    case 'timestamptz':
      w.i64(v as bigint);
      return;
    case 'interval': {
      const iv = v as Interval;
      w.i64(iv.micros);
      w.i32(iv.days);
      w.i32(iv.months);
      return;
    }
    case 'uuid':
      writeUuid(w, v as string);
      return;
    case 'jsonb':
      w.u8(1);
      w.utf8((v as Jsonb).toString());
      return;
    case 'void':
      return;
    case 'record':
      throw unsupported(t, 'output');
  }
}

/** Base-10000 digits of a finite nonzero |coef| × 10^-scale, stripped of zero digits. */
function writeNumeric(w: BinaryWriter, n: Numeric): void {
  if (!n.isFinite()) {
    w.i16(0);
    w.i16(0);
    w.u16(n.isNaN() ? numericNaN : n.sign() > 0 ? numericPinf : numericNinf);
    // PostgreSQL reads the dscale of a stored special value out of its short header's dscale
    // bits: 0 for NaN, 0x20 for ±Infinity. Sent as it does, so the bytes are identical.
    w.u16(n.isNaN() ? 0 : numericInfinityDscale);
    return;
  }
  const coef = n.coef;
  if (coef === 0n) {
    w.i16(0);
    w.i16(0);
    w.u16(numericPos);
    w.u16(n.scale);
    return;
  }
  const s = (coef < 0n ? -coef : coef).toString();
  const intDigits = s.length - n.scale;
  // The group of the first (nonzero) decimal digit, and how many positions of that group, from
  // that digit on, the string fills; groups after the string's end are zero.
  const weight = Math.floor((intDigits - 1) / 4);
  const firstLen = intDigits - 4 * weight;
  // Trailing zero digits of the string make trailing zero groups: count only up to the last
  // nonzero decimal digit.
  let last = s.length;
  while (last > 0 && s.charCodeAt(last - 1) === 48) last--;
  const ndigits = last <= firstLen ? 1 : 1 + Math.ceil((last - firstLen) / 4);
  w.u16(ndigits);
  w.i16(weight);
  w.u16(coef < 0n ? numericNeg : numericPos);
  w.u16(n.scale);
  // Position p (0-based) in the string of the group's first position: firstLen - 4 for group 0.
  let p = firstLen - 4;
  for (let g = 0; g < ndigits; g++, p += 4) {
    let d = 0;
    for (let k = p; k < p + 4; k++) d = d * 10 + (k >= 0 && k < last ? s.charCodeAt(k) - 48 : 0);
    w.i16(d);
  }
}

function hexNibble(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}

function writeUuid(w: BinaryWriter, s: string): void {
  w.ensure(16);
  let i = 0;
  for (let b = 0; b < 16; b++) {
    if (s.charCodeAt(i) === 45) i++;
    w.buf[w.pos++] = (hexNibble(s.charCodeAt(i)) << 4) | hexNibble(s.charCodeAt(i + 1));
    i += 2;
  }
}

function writeArray(w: BinaryWriter, t: SqlType, v: readonly Value[], ctx: TypeContext): void {
  const elem = elementType(t);
  let hasNull = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === null) hasNull = 1;
  w.i32(v.length === 0 ? 0 : 1);
  w.i32(hasNull);
  w.u32(typeOid(elem));
  if (v.length === 0) return;
  w.i32(v.length);
  w.i32(1);
  for (let i = 0; i < v.length; i++) writeBinary(w, elem, v[i] as Value, ctx);
}

function unsupported(t: SqlType, direction: 'input' | 'output'): SqlError {
  return new SqlError('0A000', `no binary ${direction} function available for type ${formatTypeName(t)}`);
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** A cursor over a received value, with pq_getmsg*'s errors. */
class Reader {
  readonly buf: Buffer;
  pos: number;
  readonly end: number;

  constructor(buf: Buffer, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new SqlError('08P01', 'insufficient data left in message');
  }

  u8(): number {
    if (this.pos >= this.end) throw new SqlError('08P01', 'no data left in message');
    return this.buf[this.pos++] as number;
  }

  i16(): number {
    this.need(2);
    const n = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return n;
  }

  u16(): number {
    this.need(2);
    const n = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return n;
  }

  i32(): number {
    this.need(4);
    const n = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return n;
  }

  u32(): number {
    this.need(4);
    const n = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return n;
  }

  i64(): bigint {
    this.need(8);
    const hi = this.buf.readInt32BE(this.pos);
    const lo = this.buf.readUInt32BE(this.pos + 4);
    this.pos += 8;
    if (hi >= -0x200000 && hi < 0x200000) return BigInt(hi * 0x100000000 + lo);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  f32(): number {
    this.need(4);
    const x = this.buf.readFloatBE(this.pos);
    this.pos += 4;
    return x;
  }

  f64(): number {
    this.need(8);
    const x = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return x;
  }

  /** A copy of the next n bytes. */
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = new Uint8Array(n);
    this.buf.copy(out, 0, this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** pq_getmsgtext: the rest as text, refused (22021) unless it is valid UTF-8 without NUL. */
  text(): string {
    const b = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    if (!isUtf8(b) || b.indexOf(0) >= 0) throw badEncoding(b);
    return b.toString('utf8');
  }
}

/** pg_verify_mbstr's error: the bytes of the first character that is not valid UTF-8. */
function badEncoding(b: Uint8Array): SqlError {
  let i = 0;
  while (i < b.length) {
    const n = validUtf8CharLength(b, i);
    if (n === 0) break;
    i += n;
  }
  const c = b[i] ?? 0;
  const mbLen = c < 0x80 ? 1 : (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 1;
  const shown: string[] = [];
  for (let j = i; j < i + mbLen && j < b.length; j++) shown.push('0x' + (b[j] as number).toString(16).padStart(2, '0'));
  return new SqlError('22021', `invalid byte sequence for encoding "UTF8": ${shown.join(' ')}`);
}

/** The byte length of the valid UTF-8 character (not NUL) at b[i], or 0. */
function validUtf8CharLength(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c === 0) return 0;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => i + k < b.length && ((b[i + k] as number) & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1] as number;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // surrogate
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1] as number;
    if (c === 0xf0 && c1 < 0x90) return 0; // overlong
    if (c === 0xf4 && c1 >= 0x90) return 0; // beyond U+10FFFF
    return 4;
  }
  return 0;
}

/**
 * A Bind parameter in binary format → its value (as the type's receive function reads it, then
 * the type's typmod as an assignment applies it). `paramNumber` (1-based) goes into the message
 * PostgreSQL gives when bytes are left over: `incorrect binary data format in bind parameter N`.
 */
export function decodeBinary(type: SqlType, bytes: Uint8Array, ctx: TypeContext, paramNumber?: number): Value {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf, 0, buf.length);
  const v = readValue(r, type, ctx);
  if (r.pos !== r.end) {
    const where = paramNumber === undefined ? '' : ` in bind parameter ${paramNumber}`;
    throw new SqlError('22P03', `incorrect binary data format${where}`);
  }
  return v;
}

function readValue(r: Reader, t: SqlType, ctx: TypeContext): Value {
  if (t.array) return readArray(r, t, ctx);
  const v = readScalar(r, t, ctx);
  if (t.mod < 0) return v;
  return castValue(v, sqlType(t.base), t, 'assignment', ctx);
}

function readScalar(r: Reader, t: SqlType, ctx: TypeContext): Value {
  switch (t.base) {
    case 'bool':
      return r.u8() !== 0;
    case 'int2':
      return r.i16();
    case 'int4':
      return r.i32();
    case 'int8':
      return r.i64();
    case 'oid':
    case 'regclass':
      return r.u32();
    case 'float4':
      return r.f32();
    case 'float8':
      return r.f64();
    case 'numeric':
      return readNumeric(r);
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'unknown':
      return r.text();
    case 'name': {
      const start = r.pos;
      const s = r.text();
      if (r.pos - start >= nameBytesEnd) {
        throw new SqlError('42622', 'identifier too long', { detail: `Identifier must be less than ${nameBytesEnd} characters.` });
      }
      return s;
    }
    case 'char': {
      const c = r.u8();
      return c === 0 ? '' : String.fromCharCode(c);
    }
    case 'bytea':
      return r.bytes(r.remaining());
    case 'date':
      return readDate(r);
    case 'time': {
      const us = r.i64();
      if (us < 0n || us > BigInt(timeMicrosMax)) throw new SqlError('22008', 'time out of range');
      return Number(us);
    }
    case 'timestamp':
    case 'timestamptz': {
      const ts = r.i64();
      if (ts !== int64Min && ts !== int64Max && (ts < timestampMin || ts >= timestampEnd)) {
        throw new SqlError('22008', 'timestamp out of range');
      }
      return ts;
    }
    case 'interval': {
      const micros = r.i64();
      const days = r.i32();
      const months = r.i32();
      return new Interval(months, days, micros);
    }
    case 'uuid':
      return readUuid(r);
    case 'json':
      return parseValue(t, r.text(), ctx);
    case 'jsonb': {
      r.need(1);
      const version = r.u8();
      if (version !== 1) throw new SqlError('XX000', `unsupported jsonb version number ${version}`);
      return Jsonb.parse(r.text());
    }
    case 'void':
      return '';
    case 'record':
      throw unsupported(t, 'input');
  }
}

function readDate(r: Reader): number {
  const d = r.i32();
  if (d === dateInfinity) return Infinity;
  if (d === dateMinusInfinity) return -Infinity;
  if (d < dateDaysMin || d >= dateDaysEnd) throw new SqlError('22008', 'date out of range');
  return d;
}

function readNumeric(r: Reader): Numeric {
  const ndigits = r.u16();
  const weight = r.i16();
  const sign = r.u16();
  if (sign !== numericPos && sign !== numericNeg && sign !== numericNaN && sign !== numericPinf && sign !== numericNinf) {
    throw new SqlError('22P03', 'invalid sign in external "numeric" value');
  }
  const dscale = r.u16();
  if ((dscale & numericDscaleMask) !== dscale) throw new SqlError('22P03', 'invalid scale in external "numeric" value');
  let digits = '';
  for (let i = 0; i < ndigits; i++) {
    const d = r.i16();
    if (d < 0 || d >= 10000) throw new SqlError('22P03', 'invalid digit in external "numeric" value');
    digits += i === 0 ? String(d) : String(d).padStart(4, '0');
  }
  if (sign === numericNaN) return Numeric.NaN;
  if (sign === numericPinf) return Numeric.Infinity;
  if (sign === numericNinf) return Numeric.NegativeInfinity;
  if (ndigits === 0) return Numeric.of(0n, dscale);
  // value = G × 10^e with G the digits read as one integer; digits past dscale are cut off.
  const e = 4 * (weight - ndigits + 1);
  const g = BigInt(digits);
  const k = e + dscale;
  let coef = k >= 0 ? g * 10n ** BigInt(k) : g / 10n ** BigInt(-k);
  if (sign === numericNeg) coef = -coef;
  return Numeric.of(coef, dscale);
}

const hex = '0123456789abcdef';

function readUuid(r: Reader): string {
  r.need(16);
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    const b = r.buf[r.pos + i] as number;
    s += (hex[b >> 4] as string) + (hex[b & 15] as string);
  }
  r.pos += 16;
  return s;
}

function typeNameOfOid(oid: number): string {
  const t = typeFromOid(oid);
  return t === undefined ? '???' : formatTypeName(t);
}

function tooManyElements(): SqlError {
  return new SqlError('54000', `array size exceeds the maximum allowed (${arrayElementsMax})`);
}

function readArray(r: Reader, t: SqlType, ctx: TypeContext): Value[] {
  const elem = elementType(t);
  const ndim = r.i32();
  if (ndim < 0) throw new SqlError('22P03', `invalid number of dimensions: ${ndim}`);
  if (ndim > arrayDimsMax) {
    throw new SqlError('54000', `number of array dimensions (${ndim}) exceeds the maximum allowed (${arrayDimsMax})`);
  }
  const flags = r.i32();
  if (flags !== 0 && flags !== 1) throw new SqlError('22P03', 'invalid array flags');
  const elemOid = r.u32();
  const expected = typeOid(elem);
  if (elemOid !== expected && elemOid < builtinOidEnd && expected < builtinOidEnd) {
    throw new SqlError(
      '42804',
      `binary data has array element type ${elemOid} (${typeNameOfOid(elemOid)}) instead of expected ${expected} (${typeNameOfOid(expected)})`,
    );
  }
  const dims: number[] = [];
  const lbounds: number[] = [];
  for (let i = 0; i < ndim; i++) {
    dims.push(r.i32());
    lbounds.push(r.i32());
  }
  // ArrayGetNItems, then ArrayCheckBounds.
  let count = ndim === 0 ? 0 : 1;
  for (const dim of dims) {
    count *= dim;
    if (dim < 0 || count > 0x7fffffff) throw tooManyElements();
  }
  if (count > arrayElementsMax) throw tooManyElements();
  for (let i = 0; i < ndim; i++) {
    const lbound = lbounds[i] as number;
    if (lbound + (dims[i] as number) > 0x7fffffff) throw new SqlError('54000', `array lower bound is too large: ${lbound}`);
  }
  const out: Value[] = [];
  if (count === 0) return out;
  if (ndim > 1) throw new SqlError('0A000', 'multidimensional arrays are not supported');
  for (let i = 0; i < count; i++) {
    const len = r.i32();
    if (len === -1) {
      out.push(null);
      continue;
    }
    if (len < -1 || len > r.remaining()) throw new SqlError('22P03', 'insufficient data left in message');
    const sub = new Reader(r.buf, r.pos, r.pos + len);
    out.push(readValue(sub, elem, ctx));
    if (sub.pos !== sub.end) throw new SqlError('22P03', `improper binary format in array element ${i + 1}`);
    r.pos += len;
  }
  return out;
}
