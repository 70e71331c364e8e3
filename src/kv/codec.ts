/**
 * Conversions between the public key/value types and the engine's internal forms:
 * internal keys are one-byte strings (each char one byte) prefixed with the keyspace id, and
 * commits are WAL records (wal/record.ts) built straight from the caller's data.
 */
import { InvalidArgumentError, KeyTooLargeError, ValueTooLargeError } from '../errors.js';
import { keyBytesMax, valueBytesMax } from '../limits.js';
import { OP_DELETE, OP_PUT, recordHeaderBytes } from '../wal/index.js';
import type { Bytes } from './types.js';
import { asBuffer, latin1Slice, latin1Write } from '../util/bytes.js';

/** Bytes of keyspace prefix on every internal key. */
export const keyspacePrefixBytes = 2;

export function keyspacePrefix(id: number): string {
  return String.fromCharCode(id >>> 8, id & 0xff);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The bytes of `b` as a one-byte string. */
export function toByteString(b: Bytes, what: string): string {
  if (typeof b === 'string') return isAscii(b) ? b : Buffer.from(b, 'utf8').toString('latin1');
  if (b instanceof Uint8Array) return latin1Slice(asBuffer(b), 0, b.byteLength);
  throw new InvalidArgumentError(`${what} must be a string or a Uint8Array, got ${b === null ? 'null' : typeof b}`);
}

/** Scratch space to build binary internal keys in one native call. */
const keyScratch = Buffer.allocUnsafe(keyspacePrefixBytes + keyBytesMax);

/** A user key as an internal key, checked against `keyBytesMax`. */
export function internalKey(prefix: string, key: Bytes): string {
  if (key instanceof Uint8Array) {
    if (key.length > keyBytesMax) throw new KeyTooLargeError(key.length, keyBytesMax);
    keyScratch[0] = prefix.charCodeAt(0);
    keyScratch[1] = prefix.charCodeAt(1);
    keyScratch.set(key, keyspacePrefixBytes);
    return latin1Slice(keyScratch, 0, keyspacePrefixBytes + key.length);
  }
  const s = toByteString(key, 'key');
  if (s.length > keyBytesMax) throw new KeyTooLargeError(s.length, keyBytesMax);
  return prefix + s;
}

export function valueBytes(value: Bytes): Uint8Array {
  let v: Uint8Array;
  if (typeof value === 'string') v = Buffer.from(value, 'utf8');
  else if (value instanceof Uint8Array) v = value;
  else throw new InvalidArgumentError(`value must be a string or a Uint8Array, got ${value === null ? 'null' : typeof value}`);
  if (v.length > valueBytesMax) throw new ValueTooLargeError(v.length, valueBytesMax);
  return v;
}

/** One validated operation, ready to be framed. */
export interface Op {
  readonly key: string;
  /** undefined for a delete */
  readonly value: Uint8Array | undefined;
}

export function opBytes(op: Op): number {
  return op.value === undefined ? 3 + op.key.length : 7 + op.key.length + op.value.length;
}

/** Frame operations into a WAL record (header space reserved, sealed by the log). */
export function encodeRecord(ops: readonly Op[], bytes: number): Uint8Array {
  const rec = Buffer.allocUnsafe(recordHeaderBytes + 4 + bytes);
  let off = recordHeaderBytes;
  rec.writeUInt32LE(ops.length, off);
  off += 4;
  for (const op of ops) {
    const v = op.value;
    rec[off] = v === undefined ? OP_DELETE : OP_PUT;
    rec.writeUInt16LE(op.key.length, off + 1);
    off += 3;
    if (v !== undefined) {
      rec.writeUInt32LE(v.length, off);
      off += 4;
    }
    off += latin1Write(rec, op.key, off);
    if (v !== undefined) {
      rec.set(v, off);
      off += v.length;
    }
  }
  return rec;
}

/** Decode a commit payload, calling `put`/`del` per operation. Damage is reported by `bad`. */
export function decodeRecord(
  payload: Uint8Array,
  put: (key: string, value: Uint8Array) => void,
  del: (key: string) => void,
  bad: (what: string) => Error,
): void {
  const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (buf.length < 4) throw bad('record shorter than its operation count');
  const count = buf.readUInt32LE(0);
  let off = 4;
  for (let i = 0; i < count; i++) {
    if (off + 3 > buf.length) throw bad(`operation ${i} runs past the record`);
    const type = buf[off]!;
    const klen = buf.readUInt16LE(off + 1);
    off += 3;
    if (type === OP_PUT) {
      if (off + 4 > buf.length) throw bad(`operation ${i} runs past the record`);
      const vlen = buf.readUInt32LE(off);
      off += 4;
      if (off + klen + vlen > buf.length) throw bad(`operation ${i} runs past the record`);
      const key = latin1Slice(buf, off, off + klen);
      off += klen;
      put(key, buf.subarray(off, off + vlen));
      off += vlen;
    } else if (type === OP_DELETE) {
      if (off + klen > buf.length) throw bad(`operation ${i} runs past the record`);
      del(latin1Slice(buf, off, off + klen));
      off += klen;
    } else {
      throw bad(`operation ${i} has unknown type ${type}`);
    }
  }
  if (off !== buf.length) throw bad(`record has ${buf.length - off} trailing bytes`);
}
