/**
 * A growable byte writer and a cursor reader shared by the key and row codecs.
 */
import { CorruptionError } from '../../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Scratch space for float conversions (single-threaded: used and read back immediately). */
const scratch = new DataView(new ArrayBuffer(8));

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 64) {
    this.buf = new Uint8Array(size);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Unsigned LEB128. */
  varint(n: number): void {
    this.ensure(5);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  u16be(n: number): void {
    this.ensure(2);
    this.buf[this.pos++] = (n >>> 8) & 0xff;
    this.buf[this.pos++] = n & 0xff;
  }

  u32be(n: number): void {
    this.ensure(4);
    this.buf[this.pos++] = (n >>> 24) & 0xff;
    this.buf[this.pos++] = (n >>> 16) & 0xff;
    this.buf[this.pos++] = (n >>> 8) & 0xff;
    this.buf[this.pos++] = n & 0xff;
  }

  /** n as 8 bytes big-endian two's complement (n within int64 or uint64). */
  u64be(n: bigint): void {
    if (n >= -0x20000000000000n && n <= 0x20000000000000n) {
      // Safe-integer fast path: no bigint arithmetic.
      const x = Number(n);
      const hi = Math.floor(x / 0x100000000);
      this.u32be(hi >>> 0);
      this.u32be((x - hi * 0x100000000) >>> 0);
      return;
    }
    const u = BigInt.asUintN(64, n);
    this.u32be(Number(u >> 32n));
    this.u32be(Number(u & 0xffffffffn));
  }

  f64(x: number): void {
    scratch.setFloat64(0, x, true);
    this.ensure(8);
    for (let i = 0; i < 8; i++) this.buf[this.pos++] = scratch.getUint8(i);
  }

  f32(x: number): void {
    scratch.setFloat32(0, x, true);
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.pos++] = scratch.getUint8(i);
  }

  /** The UTF-8 bytes of s, written in place (lone surrogates become U+FFFD, as TextEncoder does). */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        b[p++] = c;
        continue;
      }
      if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          b[p++] = 0xf0 | (cp >> 18);
          b[p++] = 0x80 | ((cp >> 12) & 0x3f);
          b[p++] = 0x80 | ((cp >> 6) & 0x3f);
          b[p++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    }
    this.pos = p;
  }

  /** UTF-8 byte length of s (as utf8() writes it). */
  static utf8Length(s: string): number {
    let n = s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 2;
        i++;
      } else n += 2;
    }
    return n;
  }

  /** A copy of the bytes written; a writer grown past 64 KiB drops its big buffer. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    if (this.buf.length > 65536) this.buf = new Uint8Array(256);
    return out;
  }
}

export class ByteReader {
  pos = 0;
  /** XOR mask applied to every byte read (0xff inside a descending key column). */
  mask = 0;

  constructor(readonly buf: Uint8Array) {}

  corrupt(what: string): CorruptionError {
    return new CorruptionError(`bad ${what} at byte ${this.pos} of ${this.buf.length}`);
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw this.corrupt('end of data');
    return ((this.buf[this.pos++] as number) ^ this.mask) & 0xff;
  }

  peek(): number {
    if (this.pos >= this.buf.length) throw this.corrupt('end of data');
    return ((this.buf[this.pos] as number) ^ this.mask) & 0xff;
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw this.corrupt('length');
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    if (this.mask !== 0) for (let i = 0; i < n; i++) out[i] = ((out[i] as number) ^ this.mask) & 0xff;
    return out;
  }

  varint(): number {
    let n = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
    throw this.corrupt('varint');
  }

  u16be(): number {
    return (this.byte() << 8) | this.byte();
  }

  u32be(): number {
    return ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
  }

  /** 8 bytes big-endian as a signed int64. */
  i64be(): bigint {
    const hi = this.u32be();
    const lo = this.u32be();
    const h = hi | 0;
    // Safe-integer fast path.
    if (h >= -0x200000 && h < 0x200000) return BigInt(h * 0x100000000 + lo);
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  }

  f64(): number {
    for (let i = 0; i < 8; i++) scratch.setUint8(i, this.byte());
    return scratch.getFloat64(0, true);
  }

  f32(): number {
    for (let i = 0; i < 4; i++) scratch.setUint8(i, this.byte());
    return scratch.getFloat32(0, true);
  }

  utf8(n: number): string {
    if (this.pos + n > this.buf.length) throw this.corrupt('length');
    const s = decoder.decode(this.mask === 0 ? this.buf.subarray(this.pos, this.pos + n) : this.bytes(n));
    if (this.mask === 0) this.pos += n;
    return s;
  }
}
