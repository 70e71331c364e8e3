/**
 * Order-preserving key encoding of a tuple: unsigned lexicographic order of the bytes equals
 * compareValues order, column by column. Every column encoding is self-delimiting (no encoding
 * is a prefix of another), so columns concatenate and a key of the first k columns is a byte
 * prefix of the key of all of them.
 *
 * | part                 | bytes                                                                  |
 * |----------------------|------------------------------------------------------------------------|
 * | column header        | 0x01 value follows · 0x02 NULL (after every value: ASC NULLS LAST)     |
 * | bool                 | 0x00 / 0x01                                                             |
 * | int2/int4/date       | 2/4 bytes big-endian, sign bit flipped (date ±infinity = int32 min/max) |
 * | oid, regclass        | 4 bytes big-endian unsigned                                             |
 * | int8, time, timestamp(tz) | 8 bytes big-endian, sign bit flipped                              |
 * | float4/float8        | IEEE float64 big-endian: positive → sign bit set, negative → all bits flipped; -0 → 0; NaN canonical (greatest) |
 * | numeric              | class byte (0x01 -inf, 0x02 negative, 0x03 zero, 0x04 positive, 0x05 +inf, 0x06 NaN); nonzero: 4-byte exponent (sign flipped) and base-100 digit pairs as 1..100, then 0x00; negative: all of these bytes inverted |
 * | text types, bytea    | bytes with 0x00 → 0x00 0xFF, terminated by 0x00 0x01 (bpchar without trailing spaces) |
 * | interval             | 16-byte span (months × 30 days + days × 24 h + µs), sign flipped        |
 * | jsonb                | top class byte (0x01 [], 0x02 scalar, 0x03 array, 0x04 object), then the node: type byte (0 null, 1 string, 2 number, 3 bool, 4 array, 5 object), payload; arrays/objects: 4-byte count first |
 * | arrays               | per element 0x01 + value or 0x02 for NULL, then 0x00                     |
 *
 * A descending column has all of its bytes (header included) inverted, reversing its order.
 * Equal values encode equally (numeric 1.0 = 1.00, -0 = 0, '1 mon' = '30 days'), so decodeKey
 * returns a value equal to the original, not always the same representation.
 */
import { ByteReader, ByteWriter } from './bytes.js';
import { Interval } from './interval.js';
import { Jsonb, makeObject, type JsonNode, type JsonObject } from './jsonb.js';
import { Numeric, pow10 } from './numeric.js';
import { bpcharTrimmedLength } from './compare.js';
import { elementType, type SqlType, type Value } from './type.js';

const headerValue = 0x01;
const headerNull = 0x02;
const int32Min = -2147483648;
const int32Max = 2147483647;

/** One writer reused by every call (encodeKey runs no user code, so it is never re-entered). */
const shared = new ByteWriter(256);

export function encodeKey(types: readonly SqlType[], values: readonly Value[], desc?: readonly boolean[]): Uint8Array {
  const w = shared;
  w.pos = 0;
  for (let i = 0; i < values.length; i++) {
    const t = types[i] as SqlType;
    const start = w.pos;
    const v = values[i] as Value;
    if (v === null) w.byte(headerNull);
    else {
      w.byte(headerValue);
      encodeValue(w, t, v);
    }
    if (desc !== undefined && desc[i] === true) {
      const b = w.buf;
      for (let j = start; j < w.pos; j++) b[j] = ~(b[j] as number) & 0xff;
    }
  }
  return w.finish();
}

export function decodeKey(types: readonly SqlType[], bytes: Uint8Array, desc?: readonly boolean[]): Value[] {
  const r = new ByteReader(bytes);
  const out: Value[] = [];
  for (let i = 0; i < types.length && r.pos < bytes.length; i++) {
    r.mask = desc !== undefined && desc[i] === true ? 0xff : 0;
    const h = r.byte();
    if (h === headerNull) out.push(null);
    else if (h === headerValue) out.push(decodeValue(r, types[i] as SqlType));
    else throw r.corrupt('key column header');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const f64 = new DataView(new ArrayBuffer(8));

function encodeFloat(w: ByteWriter, x: number): void {
  if (x === 0) x = 0;
  if (Number.isNaN(x)) x = NaN;
  f64.setFloat64(0, x, false);
  const neg = (f64.getUint8(0) & 0x80) !== 0;
  w.ensure(8);
  for (let i = 0; i < 8; i++) {
    const b = f64.getUint8(i);
    w.buf[w.pos++] = neg ? ~b & 0xff : i === 0 ? b | 0x80 : b;
  }
}

function decodeFloat(r: ByteReader): number {
  const first = r.peek();
  const neg = (first & 0x80) === 0;
  for (let i = 0; i < 8; i++) {
    const b = r.byte();
    f64.setUint8(i, neg ? ~b & 0xff : i === 0 ? b & 0x7f : b);
  }
  return f64.getFloat64(0, false);
}

function encodeString(w: ByteWriter, bytes: Uint8Array): void {
  w.ensure(bytes.length + 2);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0) {
      w.byte(0);
      w.byte(0xff);
    } else {
      w.ensure(1);
      w.buf[w.pos++] = b;
    }
  }
  w.byte(0);
  w.byte(1);
}

/** A string's UTF-8 bytes, escaped and terminated as encodeString does, written in place. */
function encodeText(w: ByteWriter, s: string): void {
  const start = w.pos;
  w.utf8(s);
  let zeros = 0;
  for (let i = start; i < w.pos; i++) if (w.buf[i] === 0) zeros++;
  if (zeros > 0) {
    // Rare: U+0000 inside the text. Re-encode through the escaping path.
    const raw = w.buf.slice(start, w.pos);
    w.pos = start;
    return encodeString(w, raw);
  }
  w.byte(0);
  w.byte(1);
}

function decodeStringBytes(r: ByteReader): Uint8Array {
  const out: number[] = [];
  for (;;) {
    const b = r.byte();
    if (b !== 0) {
      out.push(b);
      continue;
    }
    const n = r.byte();
    if (n === 1) break;
    if (n !== 0xff) throw r.corrupt('key string escape');
    out.push(0);
  }
  return Uint8Array.from(out);
}

const textDecoder = new TextDecoder();

function encodeNumeric(w: ByteWriter, n: Numeric): void {
  if (n.isNaN()) return w.byte(0x06);
  if (n.isInfinite()) return w.byte(n.sign() > 0 ? 0x05 : 0x01);
  const s = n.stripTrailingZeros();
  if (s.coef === 0n) return w.byte(0x03);
  const neg = s.coef < 0n;
  w.byte(neg ? 0x02 : 0x04);
  const start = w.pos;
  const digits = (neg ? -s.coef : s.coef).toString();
  // value = 0.d1d2… × 10^exp
  const exp = digits.length - s.scale;
  w.u32be((exp ^ 0x80000000) >>> 0);
  for (let i = 0; i < digits.length; i += 2) {
    const hi = digits.charCodeAt(i) - 48;
    const lo = i + 1 < digits.length ? digits.charCodeAt(i + 1) - 48 : 0;
    w.byte(hi * 10 + lo + 1);
  }
  w.byte(0);
  if (neg) for (let j = start; j < w.pos; j++) w.buf[j] = ~(w.buf[j] as number) & 0xff;
}

function decodeNumeric(r: ByteReader): Numeric {
  const cls = r.byte();
  switch (cls) {
    case 0x06:
      return Numeric.NaN;
    case 0x05:
      return Numeric.Infinity;
    case 0x01:
      return Numeric.NegativeInfinity;
    case 0x03:
      return Numeric.zero;
    case 0x02:
    case 0x04:
      break;
    default:
      throw r.corrupt('numeric key class');
  }
  const neg = cls === 0x02;
  const saved = r.mask;
  if (neg) r.mask ^= 0xff;
  const exp = (r.u32be() ^ 0x80000000) | 0;
  let digits = '';
  for (;;) {
    const b = r.byte();
    if (b === 0) break;
    const p = b - 1;
    digits += (p < 10 ? '0' : '') + p;
  }
  r.mask = saved;
  digits = digits.replace(/0+$/, '');
  let coef = BigInt(digits === '' ? '0' : digits);
  let scale = digits.length - exp;
  if (scale < 0) {
    coef *= pow10(-scale);
    scale = 0;
  }
  return Numeric.of(neg ? -coef : coef, scale);
}

/** An int64 as 8 bytes big-endian with the sign bit flipped. */
function encodeInt64(w: ByteWriter, v: bigint): void {
  const start = w.pos;
  w.u64be(v);
  w.buf[start] = (w.buf[start] as number) ^ 0x80;
}

function encodeBigSigned(w: ByteWriter, v: bigint, bytes: number): void {
  const bits = BigInt(bytes * 8);
  const u = BigInt.asUintN(Number(bits), v) ^ (1n << (bits - 1n));
  for (let i = bytes - 1; i >= 0; i--) w.byte(Number((u >> BigInt(i * 8)) & 0xffn));
}

function decodeBigSigned(r: ByteReader, bytes: number): bigint {
  let u = 0n;
  for (let i = 0; i < bytes; i++) u = (u << 8n) | BigInt(r.byte());
  const bits = BigInt(bytes * 8);
  return BigInt.asIntN(Number(bits), u ^ (1n << (bits - 1n)));
}

function encodeJsonNode(w: ByteWriter, n: JsonNode): void {
  if (n === null) return w.byte(0);
  if (typeof n === 'string') {
    w.byte(1);
    return encodeText(w, n);
  }
  if (n instanceof Numeric) {
    w.byte(2);
    return encodeNumeric(w, n);
  }
  if (typeof n === 'boolean') {
    w.byte(3);
    return w.byte(n ? 1 : 0);
  }
  if (Array.isArray(n)) {
    w.byte(4);
    w.u32be(n.length);
    for (const e of n as readonly JsonNode[]) encodeJsonNode(w, e);
    return;
  }
  const o = n as JsonObject;
  w.byte(5);
  w.u32be(o.size);
  for (const [k, v] of o) {
    encodeText(w, k);
    encodeJsonNode(w, v);
  }
}

function decodeJsonNode(r: ByteReader): JsonNode {
  const t = r.byte();
  switch (t) {
    case 0:
      return null;
    case 1:
      return textDecoder.decode(decodeStringBytes(r));
    case 2:
      return decodeNumeric(r);
    case 3:
      return r.byte() === 1;
    case 4: {
      const n = r.u32be();
      const out: JsonNode[] = [];
      for (let i = 0; i < n; i++) out.push(decodeJsonNode(r));
      return out;
    }
    case 5: {
      const n = r.u32be();
      const pairs: [string, JsonNode][] = [];
      for (let i = 0; i < n; i++) {
        const k = textDecoder.decode(decodeStringBytes(r));
        pairs.push([k, decodeJsonNode(r)]);
      }
      return makeObject(pairs);
    }
    default:
      throw r.corrupt('jsonb key node');
  }
}

function encodeValue(w: ByteWriter, t: SqlType, v: Value): void {
  if (t.array) {
    const e = elementType(t);
    for (const x of v as readonly Value[]) {
      if (x === null) w.byte(headerNull);
      else {
        w.byte(headerValue);
        encodeValue(w, e, x);
      }
    }
    w.byte(0);
    return;
  }
  switch (t.base) {
    case 'bool':
      return w.byte(v ? 1 : 0);
    case 'int2':
      return w.u16be(((v as number) ^ 0x8000) & 0xffff);
    case 'int4':
      return w.u32be(((v as number) ^ 0x80000000) >>> 0);
    case 'date': {
      const d = v as number;
      const n = d === Infinity ? int32Max : d === -Infinity ? int32Min : d;
      return w.u32be((n ^ 0x80000000) >>> 0);
    }
    case 'oid':
    case 'regclass':
      return w.u32be(v as number);
    case 'time':
      return encodeInt64(w, BigInt(v as number));
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return encodeInt64(w, v as bigint);
    case 'float4':
    case 'float8':
      return encodeFloat(w, v as number);
    case 'numeric':
      return encodeNumeric(w, v as Numeric);
    case 'bytea':
      return encodeString(w, v as Uint8Array);
    case 'bpchar': {
      const s = v as string;
      return encodeText(w, s.slice(0, bpcharTrimmedLength(s)));
    }
    case 'interval':
      return encodeBigSigned(w, (v as Interval).span(), 16);
    case 'jsonb': {
      const root = (v as Jsonb).root;
      const isArr = Array.isArray(root);
      w.byte(isArr ? ((root as readonly JsonNode[]).length === 0 ? 0x01 : 0x03) : root instanceof Map ? 0x04 : 0x02);
      return encodeJsonNode(w, root);
    }
    default:
      return encodeText(w, v as string);
  }
}

const dayUs = 86_400_000_000n;
const monthUs = 30n * dayUs;

function decodeValue(r: ByteReader, t: SqlType): Value {
  if (t.array) {
    const e = elementType(t);
    const out: Value[] = [];
    for (;;) {
      const h = r.byte();
      if (h === 0) return out;
      if (h === headerNull) out.push(null);
      else if (h === headerValue) out.push(decodeValue(r, e));
      else throw r.corrupt('array key element');
    }
  }
  switch (t.base) {
    case 'bool':
      return r.byte() === 1;
    case 'int2':
      return (r.u16be() ^ 0x8000) << 16 >> 16;
    case 'int4':
      return (r.u32be() ^ 0x80000000) | 0;
    case 'date': {
      const n = (r.u32be() ^ 0x80000000) | 0;
      return n === int32Max ? Infinity : n === int32Min ? -Infinity : n;
    }
    case 'oid':
    case 'regclass':
      return r.u32be();
    case 'time':
      return Number(decodeBigSigned(r, 8));
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return decodeBigSigned(r, 8);
    case 'float4':
    case 'float8':
      return decodeFloat(r);
    case 'numeric':
      return decodeNumeric(r);
    case 'bytea':
      return decodeStringBytes(r);
    case 'bpchar': {
      const s = textDecoder.decode(decodeStringBytes(r));
      return t.mod > 0 && s.length < t.mod ? s + ' '.repeat(t.mod - s.length) : s;
    }
    case 'interval': {
      const span = decodeBigSigned(r, 16);
      const months = span / monthUs;
      let rest = span % monthUs;
      const days = rest / dayUs;
      rest %= dayUs;
      return new Interval(Number(months), Number(days), rest);
    }
    case 'jsonb': {
      r.byte();
      return new Jsonb(decodeJsonNode(r));
    }
    default:
      return textDecoder.decode(decodeStringBytes(r));
  }
}
