/**
 * Compact row encoding of stored values. Round-trips exactly: numeric display scale, float -0
 * and NaN payload-free, bpchar padding, interval fields, jsonb numbers' scales.
 *
 * | part         | bytes                                                              |
 * |--------------|--------------------------------------------------------------------|
 * | column count | varint n (a row written before ALTER TABLE ADD COLUMN has fewer)    |
 * | null bitmap  | ceil(n / 8) bytes, bit i set = column i is NULL                     |
 * | values       | each non-null column in order:                                      |
 * | bool         | 1 byte                                                              |
 * | int2 / int4, oid, regclass | 2 / 4 bytes big-endian two's complement / unsigned    |
 * | date         | float64 (days, ±Infinity)                                           |
 * | time         | float64 µs                                                          |
 * | int8, timestamp(tz) | 8 bytes big-endian two's complement                          |
 * | float4 / float8 | float32 / float64 little-endian                                 |
 * | numeric      | 1 byte kind (0 finite, 1 NaN, 2 +inf, 3 -inf); finite: varint scale, 1 byte sign, varint length + magnitude bytes (big-endian) |
 * | uuid         | 16 bytes                                                            |
 * | bytea, text types, json | varint length + bytes (UTF-8)                            |
 * | interval     | 4 bytes months, 4 bytes days, 8 bytes µs                            |
 * | jsonb        | varint length + its text (canonical output, parsed back)            |
 * | array        | varint count, null bitmap, then the non-null elements as above      |
 */
import { ByteReader, ByteWriter } from './bytes.js';
import { Interval } from './interval.js';
import { Jsonb } from './jsonb.js';
import { Numeric } from './numeric.js';
import { elementType, type SqlType, type Value } from './type.js';

/** One writer reused by every call (encodeRow runs no user code, so it is never re-entered). */
const shared = new ByteWriter(256);

export function encodeRow(types: readonly SqlType[], values: readonly Value[]): Uint8Array {
  const w = shared;
  w.pos = 0;
  writeValues(w, types, null, values);
  return w.finish();
}

export function decodeRow(types: readonly SqlType[], bytes: Uint8Array): Value[] {
  const r = new ByteReader(bytes);
  const out = readValues(r, types, null);
  if (r.pos !== bytes.length) throw r.corrupt('row length');
  return out;
}

/** Writes count, null bitmap and values; `elem` set means an array of that element type. */
function writeValues(w: ByteWriter, types: readonly SqlType[] | null, elem: SqlType | null, values: readonly Value[]): void {
  const n = values.length;
  w.varint(n);
  const bitmapAt = w.pos;
  const bitmapBytes = (n + 7) >> 3;
  w.ensure(bitmapBytes);
  for (let i = 0; i < bitmapBytes; i++) w.buf[w.pos++] = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as Value;
    if (v === null) {
      w.buf[bitmapAt + (i >> 3)] = (w.buf[bitmapAt + (i >> 3)] as number) | (1 << (i & 7));
      continue;
    }
    writeValue(w, elem ?? ((types as readonly SqlType[])[i] as SqlType), v);
  }
}

function readValues(r: ByteReader, types: readonly SqlType[] | null, elem: SqlType | null): Value[] {
  const n = r.varint();
  if (types !== null && n > types.length) throw r.corrupt('row column count');
  const bitmap = r.bytes((n + 7) >> 3);
  const out: Value[] = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    if (((bitmap[i >> 3] as number) & (1 << (i & 7))) !== 0) out[i] = null;
    else out[i] = readValue(r, elem ?? ((types as readonly SqlType[])[i] as SqlType));
  }
  return out;
}

function writeBytes(w: ByteWriter, b: Uint8Array): void {
  w.varint(b.length);
  w.bytes(b);
}

function writeInt64(w: ByteWriter, v: bigint): void {
  w.u64be(v);
}

function writeText(w: ByteWriter, s: string): void {
  w.varint(s.length < 128 && isAscii(s) ? s.length : ByteWriter.utf8Length(s));
  w.utf8(s);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

function writeValue(w: ByteWriter, t: SqlType, v: Value): void {
  if (t.array) return writeValues(w, null, elementType(t), v as readonly Value[]);
  switch (t.base) {
    case 'bool':
      return w.byte(v ? 1 : 0);
    case 'int2':
      return w.u16be((v as number) & 0xffff);
    case 'int4':
    case 'oid':
    case 'regclass':
      return w.u32be((v as number) >>> 0);
    case 'date':
    case 'time':
      return w.f64(v as number);
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return writeInt64(w, v as bigint);
    case 'float4':
      return w.f32(v as number);
    case 'float8':
      return w.f64(v as number);
    case 'numeric': {
      const n = v as Numeric;
      if (n.isNaN()) return w.byte(1);
      if (n.isInfinite()) return w.byte(n.sign() > 0 ? 2 : 3);
      w.byte(0);
      w.varint(n.scale);
      const neg = n.coef < 0n;
      const mag = neg ? -n.coef : n.coef;
      w.byte(neg ? 1 : 0);
      if (mag <= 0xffffffffn) {
        // Small coefficients: length 0–4, big-endian, no string conversion.
        let x = Number(mag);
        const len = x === 0 ? 0 : x < 0x100 ? 1 : x < 0x10000 ? 2 : x < 0x1000000 ? 3 : 4;
        w.varint(len);
        for (let i = len - 1; i >= 0; i--) w.byte(Math.floor(x / 2 ** (8 * i)) & 0xff);
        x = 0;
        return;
      }
      let hex = mag.toString(16);
      if (hex.length & 1) hex = '0' + hex;
      return writeBytes(w, Buffer.from(hex, 'hex'));
    }
    case 'uuid':
      return w.bytes(Buffer.from((v as string).replace(/-/g, ''), 'hex'));
    case 'bytea':
      return writeBytes(w, v as Uint8Array);
    case 'interval': {
      const iv = v as Interval;
      w.u32be(iv.months >>> 0);
      w.u32be(iv.days >>> 0);
      return writeInt64(w, iv.micros);
    }
    case 'jsonb':
      return writeText(w, (v as Jsonb).toString());
    default:
      return writeText(w, v as string);
  }
}

function readValue(r: ByteReader, t: SqlType): Value {
  if (t.array) return readValues(r, null, elementType(t));
  switch (t.base) {
    case 'bool':
      return r.byte() !== 0;
    case 'int2':
      return (r.u16be() << 16) >> 16;
    case 'int4':
      return r.u32be() | 0;
    case 'oid':
    case 'regclass':
      return r.u32be();
    case 'date':
    case 'time':
      return r.f64();
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return r.i64be();
    case 'float4':
      return r.f32();
    case 'float8':
      return r.f64();
    case 'numeric': {
      const kind = r.byte();
      if (kind === 1) return Numeric.NaN;
      if (kind === 2) return Numeric.Infinity;
      if (kind === 3) return Numeric.NegativeInfinity;
      if (kind !== 0) throw r.corrupt('numeric kind');
      const scale = r.varint();
      const neg = r.byte() === 1;
      const len = r.varint();
      let m: bigint;
      if (len <= 4) {
        let x = 0;
        for (let i = 0; i < len; i++) x = x * 256 + r.byte();
        m = BigInt(x);
      } else m = BigInt('0x' + Buffer.from(r.bytes(len)).toString('hex'));
      return Numeric.of(neg ? -m : m, scale);
    }
    case 'uuid': {
      const h = Buffer.from(r.bytes(16)).toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'bytea':
      return r.bytes(r.varint());
    case 'interval': {
      const months = r.u32be() | 0;
      const days = r.u32be() | 0;
      return new Interval(months, days, r.i64be());
    }
    case 'jsonb':
      return Jsonb.parse(r.utf8(r.varint()));
    default:
      return r.utf8(r.varint());
  }
}
