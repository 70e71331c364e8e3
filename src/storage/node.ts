/**
 * In-memory B+tree nodes, distinct from the on-disk byte format (page-format.ts): keys and inline
 * values are one-byte ("latin1") strings, which V8 compares and stores compactly. Nodes are
 * translated from pages when read and back to pages at checkpoint.
 */
import { CorruptionError } from '../errors.js';
import { asBuffer, latin1Slice, latin1Write } from '../util/bytes.js';
import {
  PAGE_BRANCH,
  PAGE_LEAF,
  branchEntryHeaderBytes,
  leafEntryHeaderBytes,
  overflowRefBytes,
  pageHeaderBytes,
  sealPage,
  view,
  writeHeader,
} from './page-format.js';

/** A value stored in a run of overflow pages. `data` holds it until its run is written. */
export class Overflow {
  constructor(
    readonly pgno: number,
    readonly len: number,
    public data: Uint8Array | null,
  ) {}
}

export type LeafValue = string | Overflow;

/** Fields shared by leaves and branches: identity, dirtiness and buffer-pool bookkeeping. */
abstract class NodeBase {
  /** Page number the node lives at (or will be written to, when dirty). */
  pgno: number;
  /** Encoded size in bytes, header included. */
  used: number;
  keys: string[];
  /** Modified since the last checkpoint; never evicted. */
  dirty = false;
  /** Its page is being written by a checkpoint; not evicted until the write lands. */
  writing = false;
  /** Part of a checkpoint's cut but not yet encoded: must be encoded before it changes. */
  frozen = false;
  /** CLOCK reference bit. */
  ref = true;
  /** Position in the buffer pool's clock array, -1 when not resident. */
  slot = -1;
  /** Bytes this node is charged in the buffer pool (fixed while resident). */
  charged = 0;
  /**
   * Search accelerator (see search.ts): 4 bytes of each key after the node's common prefix, as
   * numbers, so a binary search mostly compares numbers in one array instead of chasing
   * string objects. Null until first needed; reset by every change to `keys`.
   */
  heads: number[] | null = null;
  /** Length of the prefix all keys of the node share (valid with `heads`). */
  headSkip = 0;
  /** That prefix (valid with `heads`). */
  headPrefix = '';
  /** Searches since `heads` was dropped (they are built after a few). */
  unindexedSearches = 0;
  /** The branch whose `kids` holds this node (see BranchNode.kids); cleared on eviction. */
  parent: BranchNode | undefined = undefined;
  constructor(pgno: number, keys: string[], used: number) {
    this.pgno = pgno;
    this.keys = keys;
    this.used = used;
  }
  /** Estimated heap bytes of the decoded node. */
  memBytes(): number {
    return this.used + 56 * this.keys.length + 160;
  }
}

export class LeafNode extends NodeBase {
  readonly isLeaf = true;
  vals: LeafValue[];
  constructor(pgno: number, keys: string[], vals: LeafValue[], used: number) {
    super(pgno, keys, used);
    this.vals = vals;
  }
}

export class BranchNode extends NodeBase {
  readonly isLeaf = false;
  /** children.length === keys.length + 1 */
  children: number[];
  /**
   * Resident child nodes by position (undefined where not looked up yet), kept the same length
   * as `children` and changed in lockstep with it, so a descent follows object references
   * instead of looking page numbers up in the buffer pool. An entry is valid while the child is
   * resident (`slot >= 0`); eviction clears it.
   */
  kids: Array<Node | undefined>;
  constructor(pgno: number, keys: string[], children: number[], used: number) {
    super(pgno, keys, used);
    this.children = children;
    this.kids = new Array<Node | undefined>(children.length).fill(undefined);
  }
}

export type Node = LeafNode | BranchNode;

export function leafEntryBytes(key: string, val: LeafValue): number {
  return leafEntryHeaderBytes + key.length + (typeof val === 'string' ? val.length : overflowRefBytes);
}

export function branchEntryBytes(key: string): number {
  return branchEntryHeaderBytes + key.length;
}

function bad(pgno: number, what: string): CorruptionError {
  return new CorruptionError(`page ${pgno}: ${what}`, { page: pgno });
}

/** Decode a verified leaf page. Structural damage is reported as CorruptionError. */
export function decodeLeaf(page: Uint8Array, pgno: number): LeafNode {
  const buf = asBuffer(page);
  const dv = view(page);
  const count = dv.getUint16(6, true);
  const keys = new Array<string>(count);
  const vals = new Array<LeafValue>(count);
  let off = pageHeaderBytes;
  const end = page.length;
  for (let i = 0; i < count; i++) {
    if (off + leafEntryHeaderBytes > end) throw bad(pgno, `leaf entry ${i} runs past the page`);
    const flags = buf[off]!;
    const klen = dv.getUint16(off + 1, true);
    const vlen = dv.getUint32(off + 3, true);
    off += leafEntryHeaderBytes;
    if (off + klen > end) throw bad(pgno, `leaf key ${i} runs past the page`);
    keys[i] = latin1Slice(buf, off, off + klen);
    off += klen;
    if (flags === 0) {
      if (off + vlen > end) throw bad(pgno, `leaf value ${i} runs past the page`);
      vals[i] = latin1Slice(buf, off, off + vlen);
      off += vlen;
    } else if (flags === 1) {
      if (off + overflowRefBytes > end) throw bad(pgno, `overflow reference ${i} runs past the page`);
      vals[i] = new Overflow(dv.getUint32(off, true), vlen, null);
      off += overflowRefBytes;
    } else {
      throw bad(pgno, `leaf entry ${i} has unknown flags ${flags}`);
    }
  }
  return new LeafNode(pgno, keys, vals, off);
}

/** Decode a verified branch page. */
export function decodeBranch(page: Uint8Array, pgno: number): BranchNode {
  const buf = asBuffer(page);
  const dv = view(page);
  const count = dv.getUint16(6, true);
  const keys = new Array<string>(count);
  const children = new Array<number>(count + 1);
  children[0] = dv.getUint32(12, true);
  let off = pageHeaderBytes;
  const end = page.length;
  for (let i = 0; i < count; i++) {
    if (off + branchEntryHeaderBytes > end) throw bad(pgno, `branch entry ${i} runs past the page`);
    const klen = dv.getUint16(off, true);
    children[i + 1] = dv.getUint32(off + 2, true);
    off += branchEntryHeaderBytes;
    if (off + klen > end) throw bad(pgno, `branch key ${i} runs past the page`);
    keys[i] = latin1Slice(buf, off, off + klen);
    off += klen;
  }
  return new BranchNode(pgno, keys, children, off);
}

/** Encode a node into `buf` (one page, contents ignored) and seal it. */
export function encodeNode(node: Node, buf: Buffer): Uint8Array {
  const dv = view(buf);
  let off = pageHeaderBytes;
  const keys = node.keys;
  if (node.isLeaf) {
    writeHeader(dv, PAGE_LEAF, keys.length, node.pgno, 0);
    const vals = node.vals;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const val = vals[i]!;
      const inline = typeof val === 'string';
      buf[off] = inline ? 0 : 1;
      dv.setUint16(off + 1, key.length, true);
      dv.setUint32(off + 3, inline ? val.length : val.len, true);
      off += leafEntryHeaderBytes;
      off += latin1Write(buf, key, off);
      if (inline) {
        off += latin1Write(buf, val, off);
      } else {
        dv.setUint32(off, val.pgno, true);
        off += overflowRefBytes;
      }
    }
  } else {
    writeHeader(dv, PAGE_BRANCH, keys.length, node.pgno, node.children[0]!);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      dv.setUint16(off, key.length, true);
      dv.setUint32(off + 2, node.children[i + 1]!, true);
      off += branchEntryHeaderBytes;
      off += latin1Write(buf, key, off);
    }
  }
  if (off !== node.used) throw new Error(`encodeNode: page ${node.pgno} encoded ${off} bytes, accounted ${node.used}`);
  buf.fill(0, off); // no stale memory in the file
  sealPage(buf);
  return buf;
}
