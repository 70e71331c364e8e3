/**
 * A YCSB record (fields field0..field{F-1}) as one value, encoded the same way for every engine.
 *
 * YCSB hands a database binding a map of field name -> bytes; how the binding stores it is its
 * own business. Here every engine stores the record as one value in this layout, so each one
 * stores, reads and rewrites exactly the same bytes (SQLite: a BLOB column next to the key).
 *
 *   offset        size   content
 *   0             1      F, the field count (1..255); field names are implicit: field0..field{F-1}
 *   1             2·F    length of each field in bytes, u16 little-endian, in field order
 *   1 + 2·F       Σ len  the field bytes, concatenated in field order
 *
 * With YCSB's defaults (10 fields of 100 bytes) a record is 1 + 20 + 1000 = 1021 bytes.
 *
 * Field contents: YCSB fills fields with random printable ASCII (`RandomByteIterator`). Drawing
 * fresh random bytes for every write would cost ~1 µs per record inside the timed loop, so fields
 * are taken from a pool of `fieldPoolSize` distinct random printable fields made once per seed.
 * With 16,384 fields in the pool, a 4 KiB block (about 4 records, 40 fields) holds a repeated
 * field in fewer than 5% of blocks, so block compression (LevelDB's snappy) gains nothing that
 * YCSB's own data would not give it.
 */
import { Prng } from '../lib/prng.js';

export const fieldCountMax = 255;
export const fieldLengthMax = 0xffff;
/** Distinct field contents per pool. */
export const fieldPoolSize = 16384;

/** Bytes of an encoded record whose fields have the given lengths. */
export function recordBytes(fieldCount: number, fieldLength: number): number {
  return 1 + 2 * fieldCount + fieldCount * fieldLength;
}

/** Encodes fields into the record layout above. */
export function encodeRecord(fields: readonly Uint8Array[]): Buffer {
  const count = fields.length;
  if (count < 1 || count > fieldCountMax) throw new RangeError(`field count ${count} not in 1..${fieldCountMax}`);
  let total = 1 + 2 * count;
  for (const f of fields) {
    if (f.length > fieldLengthMax) throw new RangeError(`field of ${f.length} bytes exceeds ${fieldLengthMax}`);
    total += f.length;
  }
  const out = Buffer.allocUnsafe(total);
  out[0] = count;
  let at = 1 + 2 * count;
  for (let i = 0; i < count; i++) {
    const f = fields[i] as Uint8Array;
    out.writeUInt16LE(f.length, 1 + 2 * i);
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/**
 * The fields of an encoded record (views into `record`), or undefined if `record` is not a
 * well-formed record (wrong count, lengths that overrun or underrun the value).
 */
export function decodeRecord(record: Uint8Array): Uint8Array[] | undefined {
  const count = record[0];
  if (count === undefined || count < 1) return undefined;
  const header = 1 + 2 * count;
  if (record.length < header) return undefined;
  const fields: Uint8Array[] = [];
  let at = header;
  for (let i = 0; i < count; i++) {
    const length = (record[1 + 2 * i] ?? 0) | ((record[2 + 2 * i] ?? 0) << 8);
    if (at + length > record.length) return undefined;
    fields.push(record.subarray(at, at + length));
    at += length;
  }
  return at === record.length ? fields : undefined;
}

/**
 * A new record equal to `record` with field `index` replaced by `value` (the "modify" of YCSB's
 * update with writeallfields=false: one field is rewritten, the record is written back whole).
 * Throws if `record` is malformed or has no such field.
 */
export function withField(record: Uint8Array, index: number, value: Uint8Array): Buffer {
  const count = record[0] ?? 0;
  if (!(index >= 0 && index < count)) throw new RangeError(`field ${index} not in record of ${count}`);
  // Walk the header for the field's offset and the record's total (no per-field views).
  let at = 1 + 2 * count;
  let offset = -1;
  let length = 0;
  for (let i = 0; i < count; i++) {
    const len = (record[1 + 2 * i] ?? 0) | ((record[2 + 2 * i] ?? 0) << 8);
    if (i === index) {
      offset = at;
      length = len;
    }
    at += len;
  }
  if (at !== record.length) throw new Error('withField: malformed record');
  if (length === value.length) {
    // Same length (always, with constant field lengths): copy and overwrite in place.
    const out = Buffer.from(record);
    out.set(value, offset);
    return out;
  }
  const fields = decodeRecord(record) as Uint8Array[];
  fields[index] = value;
  return encodeRecord(fields);
}

const pools = new Map<string, FieldPool>();

/** `fieldPoolSize` immutable random printable fields of one length, one pool per (seed, length). */
export class FieldPool {
  private readonly fields: Buffer[] = [];

  private constructor(
    seed: number,
    readonly fieldLength: number,
  ) {
    const prng = new Prng(`ycsb-fields/${seed}/${fieldLength}`);
    const slab = Buffer.allocUnsafe(fieldPoolSize * fieldLength);
    for (let i = 0; i < slab.length; i++) slab[i] = 0x20 + Math.floor((prng.nextU32() / 4294967296) * 95);
    for (let i = 0; i < fieldPoolSize; i++) this.fields.push(slab.subarray(i * fieldLength, (i + 1) * fieldLength));
  }

  static get(seed: number, fieldLength: number): FieldPool {
    if (!(Number.isInteger(fieldLength) && fieldLength >= 0 && fieldLength <= fieldLengthMax)) {
      throw new RangeError(`field length ${fieldLength} not in 0..${fieldLengthMax}`);
    }
    const key = `${seed}/${fieldLength}`;
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = new FieldPool(seed, fieldLength);
      pools.set(key, pool);
    }
    return pool;
  }

  /** Field `index` mod the pool size. Never mutate it: engines may hold on to written bytes. */
  field(index: number): Buffer {
    return this.fields[index % fieldPoolSize] as Buffer;
  }

  /**
   * A fresh encoded record of `fieldCount` fields, field i being `field(indexes[i])`: the same
   * bytes as `encodeRecord` of those fields, written in one pass.
   */
  record(fieldCount: number, indexes: ArrayLike<number>): Buffer {
    if (fieldCount < 1 || fieldCount > fieldCountMax) throw new RangeError(`field count ${fieldCount} not in 1..${fieldCountMax}`);
    const length = this.fieldLength;
    const out = Buffer.allocUnsafe(recordBytes(fieldCount, length));
    out[0] = fieldCount;
    let at = 1 + 2 * fieldCount;
    for (let i = 0; i < fieldCount; i++) {
      out[1 + 2 * i] = length & 0xff;
      out[2 + 2 * i] = length >>> 8;
      out.set(this.field(indexes[i] ?? 0), at);
      at += length;
    }
    return out;
  }
}
