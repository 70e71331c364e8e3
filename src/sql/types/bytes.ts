/**
 * A growable byte writer and a cursor reader shared by the key and row codecs.
 */
import { CorruptionError } from '../../errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private readonly view8 = new DataView(new ArrayBuffer(8));

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

  u64be(n: bigint): void {
    this.u32be(Number((n >> 32n) & 0xffffffffn));
    this.u32be(Number(n & 0xffffffffn));
  }

  f64(x: number): void {
    this.view8.setFloat64(0, x, true);
    this.ensure(8);
    for (let i = 0; i < 8; i++) this.buf[this.pos++] = this.view8.getUint8(i);
  }

  f32(x: number): void {
    this.view8.setFloat32(0, x, true);
    this.ensure(4);
    for (let i = 0; i < 4; i++) this.buf[this.pos++] = this.view8.getUint8(i);
  }

  utf8(s: string): Uint8Array {
    return encoder.encode(s);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export class ByteReader {
  pos = 0;
  /** XOR mask applied to every byte read (0xff inside a descending key column). */
  mask = 0;
  private readonly view8 = new DataView(new ArrayBuffer(8));

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

  u64be(): bigint {
    const hi = BigInt(this.u32be());
    return (hi << 32n) | BigInt(this.u32be());
  }

  f64(): number {
    for (let i = 0; i < 8; i++) this.view8.setUint8(i, this.byte());
    return this.view8.getFloat64(0, true);
  }

  f32(): number {
    for (let i = 0; i < 4; i++) this.view8.setUint8(i, this.byte());
    return this.view8.getFloat32(0, true);
  }

  utf8(n: number): string {
    if (this.pos + n > this.buf.length) throw this.corrupt('length');
    const s = decoder.decode(this.mask === 0 ? this.buf.subarray(this.pos, this.pos + n) : this.bytes(n));
    if (this.mask === 0) this.pos += n;
    return s;
  }
}
