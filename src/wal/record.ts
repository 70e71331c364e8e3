/**
 * WAL record framing. A record is one committed batch. LSN = the record's byte position in the
 * logical log (segments are consecutive slices of it).
 *
 * | offset | size | field                                              |
 * |--------|------|----------------------------------------------------|
 * | 0      | 4    | crc32c of bytes [4, 16 + length)                   |
 * | 4      | 4    | payload length                                     |
 * | 8      | 8    | LSN of this record (u64); a stale record elsewhere fails this check |
 * | 16     | len  | payload                                            |
 *
 * Payload of a commit: u32 operation count, then per operation
 * | size | field                                   |
 * |------|-----------------------------------------|
 * | 1    | type: 1 put, 2 delete                   |
 * | 2    | key length k                            |
 * | 4    | value length v (put only)               |
 * | k    | key bytes (keyspace prefix included)    |
 * | v    | value bytes (put only)                  |
 */
import { crc32c } from '../util/crc32c.js';

export const recordHeaderBytes = 16;
export const OP_PUT = 1;
export const OP_DELETE = 2;

/** Fill in length, LSN and checksum of a record whose payload is already at offset 16. */
export function sealRecord(rec: Uint8Array, lsn: number): void {
  const dv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  dv.setUint32(4, rec.length - recordHeaderBytes, true);
  dv.setUint32(8, lsn % 0x100000000, true);
  dv.setUint32(12, Math.floor(lsn / 0x100000000), true);
  dv.setUint32(0, crc32c(rec, 4, rec.length), true);
}

/** Result of looking for a record at a position of a segment buffer. */
export type RecordProbe =
  | { readonly kind: 'ok'; readonly payload: Uint8Array; readonly size: number }
  | { readonly kind: 'bad' };

/** Validate the record at `buf[pos…]`, which must carry `lsn`. */
export function probeRecord(buf: Uint8Array, pos: number, lsn: number, maxPayload: number): RecordProbe {
  if (pos + recordHeaderBytes > buf.length) return { kind: 'bad' };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = dv.getUint32(pos + 4, true);
  if (len > maxPayload || pos + recordHeaderBytes + len > buf.length) return { kind: 'bad' };
  const lo = dv.getUint32(pos + 8, true);
  const hi = dv.getUint32(pos + 12, true);
  if (lo !== lsn % 0x100000000 || hi !== Math.floor(lsn / 0x100000000)) return { kind: 'bad' };
  if (dv.getUint32(pos, true) !== crc32c(buf, pos + 4, pos + recordHeaderBytes + len)) return { kind: 'bad' };
  return { kind: 'ok', payload: buf.subarray(pos + recordHeaderBytes, pos + recordHeaderBytes + len), size: recordHeaderBytes + len };
}

/** Whether any valid record (carrying its own position as LSN) starts in `buf[from…]`. */
export function anyValidRecordAfter(buf: Uint8Array, from: number, segStart: number, maxPayload: number): number | undefined {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const end = buf.length - recordHeaderBytes;
  for (let q = from; q <= end; q++) {
    const lsn = segStart + q;
    // cheap pre-filter on the LSN field before the checksum
    if (dv.getUint32(q + 8, true) !== lsn % 0x100000000) continue;
    if (probeRecord(buf, q, lsn, maxPayload).kind === 'ok') return lsn;
  }
  return undefined;
}
