/**
 * On-disk page formats. Every page starts with the same 16-byte header and is protected by a
 * CRC32C over everything after the checksum field. All integers are little-endian.
 *
 * Common header (all page types)
 * | offset | size | field                                                             |
 * |--------|------|-------------------------------------------------------------------|
 * | 0      | 4    | crc32c of bytes [4, pageSize)                                      |
 * | 4      | 1    | page type: 1 meta, 2 branch, 3 leaf, 4 overflow, 5 freelist       |
 * | 5      | 1    | reserved (0)                                                      |
 * | 6      | 2    | entry count (branch keys, leaf entries, freelist entries)          |
 * | 8      | 4    | this page's own number (catches misdirected writes and reads)     |
 * | 12     | 4    | type-specific: branch leftmost child; freelist next page;         |
 * |        |      | overflow index of this page within its run; 0 otherwise          |
 *
 * Leaf entry (packed from offset 16, in key order)
 * | size | field                                                        |
 * |------|--------------------------------------------------------------|
 * | 1    | flags: 0 inline value, 1 value in an overflow run            |
 * | 2    | key length k                                                 |
 * | 4    | value length v                                               |
 * | k    | key bytes                                                    |
 * | v/4  | inline: the v value bytes; overflow: u32 first page of the run |
 *
 * Branch entry (packed from offset 16): u16 key length k, u32 child page, k key bytes. A branch
 * with n keys has n+1 children; child 0 is in the header. Keys in child i+1 are >= key i.
 *
 * Overflow run: ceil(v / (pageSize-16)) consecutive pages; each has the common header (type 4,
 * field 12 = its index in the run) and carries pageSize-16 bytes of the value.
 *
 * Freelist page: field 12 = next freelist page (0 ends the chain); entries are u32 page numbers.
 *
 * Meta page (pages 0 and 1, written alternately; the valid one with the higher epoch wins)
 * | offset | size | field                                                         |
 * |--------|------|---------------------------------------------------------------|
 * | 16     | 8    | magic "BASALTDB"                                              |
 * | 24     | 4    | format version (1)                                            |
 * | 28     | 4    | page size                                                     |
 * | 32     | 8    | checkpoint epoch (u64)                                        |
 * | 40     | 4    | root page of the tree (0: empty tree)                         |
 * | 44     | 4    | tree height (0: empty, 1: root is a leaf)                     |
 * | 48     | 4    | page count (file length in pages)                             |
 * | 52     | 4    | first freelist page (0: none)                                 |
 * | 56     | 4    | free page count                                               |
 * | 60     | 8    | WAL position the checkpoint covers (LSN, u64)                 |
 * | 68     | 8    | entry count (u64)                                             |
 */
import { CorruptionError } from '../errors.js';
import { crc32c } from '../util/crc32c.js';

export const PAGE_META = 1;
export const PAGE_BRANCH = 2;
export const PAGE_LEAF = 3;
export const PAGE_OVERFLOW = 4;
export const PAGE_FREELIST = 5;

export const pageHeaderBytes = 16;
export const leafEntryHeaderBytes = 7;
export const branchEntryHeaderBytes = 6;
export const overflowRefBytes = 4;
export const formatVersion = 1;
const MAGIC = 'BASALTDB';

const PAGE_TYPE_NAMES: Record<number, string> = {
  [PAGE_META]: 'meta',
  [PAGE_BRANCH]: 'branch',
  [PAGE_LEAF]: 'leaf',
  [PAGE_OVERFLOW]: 'overflow',
  [PAGE_FREELIST]: 'freelist',
};

export function pageTypeName(type: number): string {
  return PAGE_TYPE_NAMES[type] ?? `unknown(${type})`;
}

export function view(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Fill in the common header's checksum. Call last, after the body is written. */
export function sealPage(page: Uint8Array): void {
  view(page).setUint32(0, crc32c(page, 4, page.length), true);
}

/** Write the common header fields (not the checksum). */
export function writeHeader(dv: DataView, type: number, count: number, pgno: number, extra: number): void {
  dv.setUint8(4, type);
  dv.setUint8(5, 0);
  dv.setUint16(6, count, true);
  dv.setUint32(8, pgno, true);
  dv.setUint32(12, extra, true);
}

/**
 * Verify a page read from disk: checksum, self page number and (when given) the expected type.
 * Returns the page type. Throws CorruptionError naming the page.
 */
export function verifyPage(page: Uint8Array, pgno: number, expectType?: number): number {
  const dv = view(page);
  const stored = dv.getUint32(0, true);
  const actual = crc32c(page, 4, page.length);
  if (stored !== actual) {
    throw new CorruptionError(
      `page ${pgno}: checksum mismatch (stored ${hex(stored)}, computed ${hex(actual)})`,
      { page: pgno },
    );
  }
  const self = dv.getUint32(8, true);
  if (self !== pgno) throw new CorruptionError(`page ${pgno}: header names page ${self}`, { page: pgno });
  const type = dv.getUint8(4);
  if (expectType !== undefined && type !== expectType) {
    throw new CorruptionError(
      `page ${pgno}: expected a ${pageTypeName(expectType)} page, found ${pageTypeName(type)}`,
      { page: pgno },
    );
  }
  return type;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** The decoded contents of a meta page. */
export interface Meta {
  pageSize: number;
  epoch: number;
  root: number;
  height: number;
  pageCount: number;
  freeHead: number;
  freeCount: number;
  ckptLsn: number;
  entries: number;
}

export function encodeMeta(meta: Meta, slot: 0 | 1): Uint8Array {
  const page = new Uint8Array(meta.pageSize);
  const dv = view(page);
  writeHeader(dv, PAGE_META, 0, slot, 0);
  for (let i = 0; i < MAGIC.length; i++) page[16 + i] = MAGIC.charCodeAt(i);
  dv.setUint32(24, formatVersion, true);
  dv.setUint32(28, meta.pageSize, true);
  dv.setBigUint64(32, BigInt(meta.epoch), true);
  dv.setUint32(40, meta.root, true);
  dv.setUint32(44, meta.height, true);
  dv.setUint32(48, meta.pageCount, true);
  dv.setUint32(52, meta.freeHead, true);
  dv.setUint32(56, meta.freeCount, true);
  dv.setBigUint64(60, BigInt(meta.ckptLsn), true);
  dv.setBigUint64(68, BigInt(meta.entries), true);
  sealPage(page);
  return page;
}

/** Page size claimed by a meta page's bytes, before the page is verified (for locating page 1). */
export function peekMetaPageSize(buf: Uint8Array): number {
  return buf.length >= 32 ? view(buf).getUint32(28, true) : 0;
}

/** Decode and verify a meta page; throws CorruptionError if it is not a valid meta page. */
export function decodeMeta(page: Uint8Array, slot: 0 | 1): Meta {
  verifyPage(page, slot, PAGE_META);
  const dv = view(page);
  for (let i = 0; i < MAGIC.length; i++) {
    if (page[16 + i] !== MAGIC.charCodeAt(i)) throw new CorruptionError(`meta page ${slot}: bad magic`, { page: slot });
  }
  const version = dv.getUint32(24, true);
  if (version !== formatVersion) {
    throw new CorruptionError(`meta page ${slot}: unsupported format version ${version}`, { page: slot });
  }
  const meta: Meta = {
    pageSize: dv.getUint32(28, true),
    epoch: Number(dv.getBigUint64(32, true)),
    root: dv.getUint32(40, true),
    height: dv.getUint32(44, true),
    pageCount: dv.getUint32(48, true),
    freeHead: dv.getUint32(52, true),
    freeCount: dv.getUint32(56, true),
    ckptLsn: Number(dv.getBigUint64(60, true)),
    entries: Number(dv.getBigUint64(68, true)),
  };
  if (meta.pageSize !== page.length) {
    throw new CorruptionError(`meta page ${slot}: page size ${meta.pageSize} disagrees with ${page.length}`, { page: slot });
  }
  const sane =
    meta.pageCount >= 2 &&
    meta.root < meta.pageCount &&
    meta.freeHead < meta.pageCount &&
    (meta.root === 0) === (meta.height === 0) &&
    meta.height <= 64;
  if (!sane) throw new CorruptionError(`meta page ${slot}: fields out of range`, { page: slot });
  return meta;
}
