/**
 * The B+tree: bytewise-ordered keys (one-byte strings), inline or overflow values, splits and
 * merges, copy-on-write page allocation.
 *
 * Copy-on-write: a clean node is on disk at a page the last durable (or in-flight) checkpoint
 * references. Before a write changes it, `cow` moves it to a freshly allocated page and releases
 * the old one to the pager's pending list; its parent (already writable, since writes descend from
 * the root) is pointed at the new page. So a checkpoint only ever writes pages no durable meta
 * references, and any crash leaves the last durable tree intact.
 */
import { CorruptionError } from '../errors.js';
import { assert } from '../util/assert.js';
import type { BufferPool } from './buffer-pool.js';
import { asBuffer, latin1Slice } from '../util/bytes.js';
import {
  PAGE_BRANCH,
  PAGE_LEAF,
  PAGE_OVERFLOW,
  leafEntryHeaderBytes,
  pageHeaderBytes,
  verifyPage,
  view,
} from './page-format.js';
import {
  BranchNode,
  LeafNode,
  Overflow,
  branchEntryBytes,
  decodeBranch,
  decodeLeaf,
  leafEntryBytes,
  type LeafValue,
  type Node,
} from './node.js';
import type { Pager } from './pager.js';
import { invalidateHeads, searchNode } from './search.js';

/** First index whose key is > `key` (the child to descend into in a branch). */
export function upperBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is >= `key`. */
export function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The shortest string s with left < s <= right (a separator for a split). */
function separator(left: string, right: string): string {
  const n = Math.min(left.length, right.length);
  let i = 0;
  while (i < n && left.charCodeAt(i) === right.charCodeAt(i)) i++;
  return right.slice(0, i + 1);
}

export interface TreeRoot {
  root: number;
  height: number;
  entries: number;
}

export class BTree {
  root: number;
  height: number;
  entries: number;
  /** Bumped on every change; cursors re-seek when it moved. */
  version = 0;
  /** Nodes changed since the last checkpoint serialization. */
  readonly dirtyNodes = new Set<Node>();
  /** Overflow runs allocated but not yet written. */
  readonly pendingOverflow = new Set<Overflow>();
  /** Bytes the next checkpoint will write. */
  dirtyBytes = 0;
  /**
   * Set while a checkpoint encodes its cut in the background: called with a frozen node just
   * before a write changes it or frees its page, so the checkpoint encodes the state of the cut.
   */
  encodeFrozen: ((node: Node) => void) | null = null;
  readonly pageSize: number;
  /** Largest leaf entry kept inline; larger values go to overflow runs. */
  readonly inlineEntryMax: number;
  /** A node below this many bytes tries to merge with a sibling. */
  readonly mergeBelowBytes: number;
  readonly overflowPayload: number;

  constructor(
    readonly pager: Pager,
    readonly pool: BufferPool,
    state: TreeRoot,
  ) {
    this.root = state.root;
    this.height = state.height;
    this.entries = state.entries;
    this.pageSize = pager.pageSize;
    // A third of the usable page: the largest entry for which a split always leaves both halves
    // within a page (see splitIndex), so records of ~1 KiB stay inline in 4 KiB pages.
    this.inlineEntryMax = Math.floor((this.pageSize - pageHeaderBytes) / 3);
    this.mergeBelowBytes = Math.floor(this.pageSize / 4);
    this.overflowPayload = this.pageSize - pageHeaderBytes;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The node at `pgno`, from the pool or read, verified and decoded from disk. */
  node(pgno: number): Node {
    const hit = this.pool.get(pgno);
    if (hit !== undefined) return hit;
    return this.load(pgno, this.pager.read(pgno));
  }

  /** Child `i` of `branch`, through the branch's resident-kid reference when it has one. */
  child(branch: BranchNode, i: number): Node {
    const kid = branch.kids[i];
    if (kid !== undefined && kid.slot >= 0) {
      this.pool.hits++;
      kid.ref = true;
      return kid;
    }
    const node = this.node(branch.children[i]!);
    branch.kids[i] = node;
    node.parent = branch;
    return node;
  }

  /** Decode a page just read (verified or not) and add it to the pool. */
  private load(pgno: number, page: Uint8Array): Node {
    this.pool.misses++;
    const type = verifyPage(page, pgno);
    let node: Node;
    if (type === PAGE_LEAF) node = decodeLeaf(page, pgno);
    else if (type === PAGE_BRANCH) node = decodeBranch(page, pgno);
    else throw new CorruptionError(`page ${pgno}: expected a tree page, found type ${type}`, { page: pgno });
    this.pool.add(node);
    return node;
  }

  /**
   * Read ahead for an ordered scan: load up to `max` uncached children of `branch` from index
   * `from` in scan direction, coalescing neighbouring page numbers into single reads.
   */
  readAhead(branch: BranchNode, from: number, reverse: boolean, max: number): void {
    const want: number[] = [];
    const step = reverse ? -1 : 1;
    for (let i = from; i >= 0 && i < branch.children.length && want.length < max; i += step) {
      const pg = branch.children[i]!;
      if (this.pool.peek(pg) === undefined) want.push(pg);
    }
    if (want.length < 2) return;
    want.sort((a, b) => a - b);
    let i = 0;
    while (i < want.length) {
      let j = i + 1;
      while (j < want.length && want[j] === want[j - 1]! + 1) j++;
      const first = want[i]!;
      const n = j - i;
      const buf = this.pager.readRaw(first, n, true);
      for (let k = 0; k < n; k++) {
        const page = buf.subarray(k * this.pageSize, (k + 1) * this.pageSize);
        // A damaged neighbour is reported when the scan actually reaches it.
        try {
          this.load(first + k, page);
        } catch (err) {
          if (!(err instanceof CorruptionError)) throw err;
        }
      }
      i = j;
    }
  }

  /** The leaf value stored under `key`, or undefined. */
  get(key: string): LeafValue | undefined {
    if (this.root === 0) return undefined;
    let node = this.node(this.root);
    while (!node.isLeaf) node = this.child(node, searchNode(node, key, true));
    const i = searchNode(node, key, false);
    return i < node.keys.length && node.keys[i] === key ? node.vals[i] : undefined;
  }

  /** Read the bytes of an overflow value from its run, verifying every page. */
  readOverflow(ovf: Overflow): Uint8Array {
    if (ovf.data !== null) return ovf.data;
    const n = this.overflowPages(ovf.len);
    const raw = this.pager.readRaw(ovf.pgno, n, true);
    const out = Buffer.allocUnsafe(ovf.len);
    const ps = this.pageSize;
    for (let k = 0; k < n; k++) {
      const page = raw.subarray(k * ps, (k + 1) * ps);
      verifyPage(page, ovf.pgno + k, PAGE_OVERFLOW);
      const idx = view(page).getUint32(12, true);
      if (idx !== k) throw new CorruptionError(`page ${ovf.pgno + k}: overflow page index ${idx}, expected ${k}`, { page: ovf.pgno + k });
      const take = Math.min(this.overflowPayload, ovf.len - k * this.overflowPayload);
      out.set(page.subarray(pageHeaderBytes, pageHeaderBytes + take), k * this.overflowPayload);
    }
    return out;
  }

  overflowPages(len: number): number {
    return Math.max(1, Math.ceil(len / this.overflowPayload));
  }

  // ---- writing -------------------------------------------------------------------------------

  private markDirty(node: Node): void {
    node.dirty = true;
    this.dirtyNodes.add(node);
    this.dirtyBytes += this.pageSize;
  }

  /** Make a clean node writable: move it to a new page and release the old one. */
  private cow(node: Node): void {
    if (node.dirty) return;
    if (node.frozen) this.encodeFrozen!(node);
    const old = node.pgno;
    node.pgno = this.pager.alloc();
    this.pager.release(old);
    this.pool.rekey(node, old);
    this.markDirty(node);
  }

  private newLeaf(keys: string[], vals: LeafValue[], used: number): LeafNode {
    const leaf = new LeafNode(this.pager.alloc(), keys, vals, used);
    this.markDirty(leaf);
    this.pool.add(leaf);
    return leaf;
  }

  private newBranch(keys: string[], children: number[], used: number): BranchNode {
    const branch = new BranchNode(this.pager.alloc(), keys, children, used);
    this.markDirty(branch);
    this.pool.add(branch);
    return branch;
  }

  /** Free a node that left the tree. */
  private drop(node: Node): void {
    if (node.frozen) this.encodeFrozen!(node);
    this.pager.release(node.pgno);
    if (node.dirty) {
      this.dirtyNodes.delete(node);
      this.dirtyBytes -= this.pageSize;
      node.dirty = false;
    }
    this.pool.remove(node);
  }

  /** Free the pages of a value that left the tree. */
  private dropValue(val: LeafValue): void {
    if (typeof val === 'string') return;
    const n = this.overflowPages(val.len);
    if (this.pendingOverflow.delete(val)) this.dirtyBytes -= n * this.pageSize;
    this.pager.releaseRun(val.pgno, n);
  }

  /** Build the stored form of a value: an inline one-byte string or a new overflow run. */
  private storeValue(key: string, value: Uint8Array): LeafValue {
    if (leafEntryHeaderBytes + key.length + value.length <= this.inlineEntryMax) {
      return latin1Slice(asBuffer(value), 0, value.byteLength);
    }
    const n = this.overflowPages(value.length);
    const ovf = new Overflow(this.pager.allocRun(n), value.length, value.slice());
    this.pendingOverflow.add(ovf);
    this.dirtyBytes += n * this.pageSize;
    return ovf;
  }

  /**
   * Descend to the leaf for `key`, making every node on the way writable. Fills `path` with the
   * branches and `idx` with the child index taken in each.
   */
  private writablePath(key: string, path: BranchNode[], idx: number[]): LeafNode {
    let node = this.node(this.root);
    if (!node.dirty) {
      this.cow(node);
      this.root = node.pgno;
    }
    while (!node.isLeaf) {
      const i = searchNode(node, key, true);
      const child = this.child(node, i);
      if (!child.dirty) {
        this.cow(child);
        node.children[i] = child.pgno;
      }
      path.push(node);
      idx.push(i);
      node = child;
    }
    return node;
  }

  /**
   * Insert or replace. `onOld` (for the version store) sees the value being replaced, or
   * undefined, while it is still readable (before an overflow run is released).
   */
  put(key: string, value: Uint8Array, onOld?: (old: LeafValue | undefined) => void): void {
    this.version++;
    if (this.root === 0) {
      const leaf = this.newLeaf([], [], pageHeaderBytes);
      this.root = leaf.pgno;
      this.height = 1;
    }
    const path: BranchNode[] = [];
    const idx: number[] = [];
    const leaf = this.writablePath(key, path, idx);
    const stored = this.storeValue(key, value);
    const keys = leaf.keys;
    const i = searchNode(leaf, key, false);
    invalidateHeads(leaf);
    if (i < keys.length && keys[i] === key) {
      const old = leaf.vals[i]!;
      onOld?.(old);
      leaf.used += leafEntryBytes(key, stored) - leafEntryBytes(key, old);
      leaf.vals[i] = stored;
      this.dropValue(old);
    } else {
      onOld?.(undefined);
      keys.splice(i, 0, key);
      leaf.vals.splice(i, 0, stored);
      leaf.used += leafEntryBytes(key, stored);
      this.entries++;
    }
    if (leaf.used > this.pageSize) this.splitLeaf(leaf, path, idx, i === keys.length - 1);
    else this.pool.recharge(leaf);
  }

  /** Delete; returns whether the key was present. */
  delete(key: string, onOld?: (old: LeafValue | undefined) => void): boolean {
    const found = this.get(key);
    onOld?.(found);
    if (found === undefined) return false;
    this.version++;
    const path: BranchNode[] = [];
    const idx: number[] = [];
    const leaf = this.writablePath(key, path, idx);
    const i = searchNode(leaf, key, false);
    assert(leaf.keys[i] === key, 'deleted key present after writable descent');
    invalidateHeads(leaf);
    const old = leaf.vals[i]!;
    leaf.used -= leafEntryBytes(key, old);
    leaf.keys.splice(i, 1);
    leaf.vals.splice(i, 1);
    this.dropValue(old);
    this.entries--;
    this.pool.recharge(leaf);
    this.rebalance(leaf, path, idx);
    return true;
  }

  /** Split point by bytes: the first index whose prefix holds more than `target` bytes. */
  private splitIndex(sizes: number[], target: number): number {
    let acc = 0;
    for (let i = 0; i < sizes.length; i++) {
      acc += sizes[i]!;
      if (acc > target) return Math.max(1, Math.min(i, sizes.length - 1));
    }
    return sizes.length - 1;
  }

  private splitLeaf(leaf: LeafNode, path: BranchNode[], idx: number[], appended: boolean): void {
    const keys = leaf.keys;
    const sizes = keys.map((k, i) => leafEntryBytes(k, leaf.vals[i]!));
    // Appending at the end of a leaf (sequential load): leave the left page full.
    const s = appended && sizes[sizes.length - 1]! + pageHeaderBytes <= this.pageSize / 2
      ? keys.length - 1
      : this.splitIndex(sizes, (leaf.used - pageHeaderBytes) / 2);
    const rightKeys = keys.splice(s);
    const rightVals = leaf.vals.splice(s);
    invalidateHeads(leaf);
    let rightUsed = pageHeaderBytes;
    for (let i = s; i < sizes.length; i++) rightUsed += sizes[i]!;
    leaf.used -= rightUsed - pageHeaderBytes;
    this.pool.recharge(leaf);
    const right = this.newLeaf(rightKeys, rightVals, rightUsed);
    assert(leaf.used <= this.pageSize && right.used <= this.pageSize, 'leaf split leaves both halves within a page');
    this.insertChild(separator(keys[keys.length - 1]!, rightKeys[0]!), right, leaf, path, idx);
  }

  /** After `left` split off `rightPgno` with separator `sep`, insert it into the parent. */
  private insertChild(sep: string, right: Node, left: Node, path: BranchNode[], idx: number[]): void {
    if (path.length === 0) {
      const root = this.newBranch([sep], [left.pgno, right.pgno], pageHeaderBytes + branchEntryBytes(sep));
      root.kids[0] = left;
      root.kids[1] = right;
      left.parent = root;
      right.parent = root;
      this.root = root.pgno;
      this.height++;
      return;
    }
    const parent = path.pop()!;
    const i = idx.pop()!;
    parent.keys.splice(i, 0, sep);
    parent.children.splice(i + 1, 0, right.pgno);
    parent.kids.splice(i + 1, 0, right);
    right.parent = parent;
    invalidateHeads(parent);
    parent.used += branchEntryBytes(sep);
    if (parent.used > this.pageSize) this.splitBranch(parent, path, idx);
    else this.pool.recharge(parent);
  }

  private splitBranch(node: BranchNode, path: BranchNode[], idx: number[]): void {
    const sizes = node.keys.map(branchEntryBytes);
    const m = this.splitIndex(sizes, (node.used - pageHeaderBytes) / 2);
    const up = node.keys[m]!;
    const rightKeys = node.keys.splice(m + 1);
    node.keys.pop();
    invalidateHeads(node);
    const rightChildren = node.children.splice(m + 1);
    const rightKids = node.kids.splice(m + 1);
    let rightUsed = pageHeaderBytes;
    for (const k of rightKeys) rightUsed += branchEntryBytes(k);
    node.used -= rightUsed - pageHeaderBytes + branchEntryBytes(up);
    this.pool.recharge(node);
    const right = this.newBranch(rightKeys, rightChildren, rightUsed);
    right.kids = rightKids;
    for (const kid of rightKids) if (kid !== undefined) kid.parent = right;
    assert(node.used <= this.pageSize && right.used <= this.pageSize, 'branch split leaves both halves within a page');
    this.insertChild(up, right, node, path, idx);
  }

  /** After a delete: merge an underfull node with a sibling, and shrink the root. */
  private rebalance(node: Node, path: BranchNode[], idx: number[]): void {
    for (;;) {
      if (path.length === 0) {
        this.shrinkRoot(node);
        return;
      }
      if (node.used >= this.mergeBelowBytes && node.keys.length > 0) return;
      const parent = path[path.length - 1]!;
      const i = idx[idx.length - 1]!;
      if (!this.mergeWithSibling(node, parent, i)) return;
      path.pop();
      idx.pop();
      node = parent;
    }
  }

  private shrinkRoot(root: Node): void {
    if (root.isLeaf) {
      if (root.keys.length === 0) {
        this.drop(root);
        this.root = 0;
        this.height = 0;
      }
      return;
    }
    if (root.keys.length === 0) {
      const only = root.children[0]!;
      const kid = root.kids[0];
      if (kid !== undefined) kid.parent = undefined;
      this.drop(root);
      this.root = only;
      this.height--;
    }
  }

  /**
   * Merge `node` (child `i` of `parent`) with its left or right neighbour when the two fit in one
   * page. Returns whether a merge happened (the parent lost an entry).
   */
  private mergeWithSibling(node: Node, parent: BranchNode, i: number): boolean {
    const hasLeft = i > 0;
    const hasRight = i < parent.children.length - 1;
    for (const side of [hasLeft ? -1 : 0, hasRight ? 1 : 0]) {
      if (side === 0) continue;
      const li = side < 0 ? i - 1 : i;
      const sib = this.child(parent, side < 0 ? i - 1 : i + 1);
      const left = side < 0 ? sib : node;
      const right = side < 0 ? node : sib;
      const sep = parent.keys[li]!;
      const extra = left.isLeaf ? 0 : branchEntryBytes(sep);
      if (left.used + right.used - pageHeaderBytes + extra > this.pageSize) continue;
      if (!left.dirty) {
        this.cow(left);
        parent.children[li] = left.pgno;
      }
      if (left.isLeaf && right.isLeaf) {
        for (let k = 0; k < right.keys.length; k++) {
          left.keys.push(right.keys[k]!);
          left.vals.push(right.vals[k]!);
        }
      } else if (!left.isLeaf && !right.isLeaf) {
        left.keys.push(sep, ...right.keys);
        left.children.push(...right.children);
        for (const kid of right.kids) if (kid !== undefined) kid.parent = left;
        left.kids.push(...right.kids);
      } else {
        throw new CorruptionError(`pages ${left.pgno} and ${right.pgno}: siblings at different depths`, { page: right.pgno });
      }
      invalidateHeads(left);
      invalidateHeads(parent);
      left.used += right.used - pageHeaderBytes + extra;
      this.pool.recharge(left);
      parent.keys.splice(li, 1);
      parent.children.splice(li + 1, 1);
      parent.kids.splice(li + 1, 1);
      parent.used -= branchEntryBytes(sep);
      this.pool.recharge(parent);
      this.drop(right);
      return true;
    }
    return false;
  }
}
