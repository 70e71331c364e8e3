/**
 * Binary search within a node, accelerated by "heads": for each key, the 4 bytes that follow the
 * prefix shared by the node's first and last key, packed big-endian into a number. Heads
 * are monotone in key order (a missing byte counts as 0, ties fall back to the full string), so
 * the search compares numbers in one contiguous array and touches key strings only on ties.
 * Measured on 1M random 16-byte keys this removes most of the cache misses of a plain string
 * binary search.
 */
import type { Node } from './node.js';

/** Searches of an unchanged node before its heads are built. */
const headsAfterSearches = 3;

/** The node's keys changed: drop its heads. */
export function invalidateHeads(node: Node): void {
  node.heads = null;
  node.unindexedSearches = 0;
}

function headAt(key: string, skip: number): number {
  const n = key.length;
  return (
    ((skip < n ? key.charCodeAt(skip) : 0) * 0x1000000 +
      ((skip + 1 < n ? key.charCodeAt(skip + 1) : 0) << 16) +
      ((skip + 2 < n ? key.charCodeAt(skip + 2) : 0) << 8) +
      (skip + 3 < n ? key.charCodeAt(skip + 3) : 0)) >>>
    0
  );
}

function buildHeads(node: Node): number[] {
  const keys = node.keys;
  const n = keys.length;
  const first = keys[0]!;
  const last = keys[n - 1]!;
  const max = Math.min(first.length, last.length);
  let skip = 0;
  while (skip < max && first.charCodeAt(skip) === last.charCodeAt(skip)) skip++;
  // A plain array of numbers stays on the V8 heap next to the node (a typed array's backing
  // store is a separate allocation: one more cache miss per node visited).
  // A flat copy (not a slice of the first key) so that testing it costs one string, not two.
  const codes = new Array<number>(skip);
  for (let i = 0; i < skip; i++) codes[i] = first.charCodeAt(i);
  node.headPrefix = String.fromCharCode(...codes);
  const heads = new Array<number>(n);
  for (let i = 0; i < n; i++) heads[i] = headAt(keys[i]!, skip) + 0.5; // +0.5: stored unboxed as doubles
  node.headSkip = skip;
  node.heads = heads;
  return heads;
}

/**
 * First index whose key is > `key` (`strict`) or >= `key` (not strict). Keys of the node must be
 * sorted ascending.
 */
export function searchNode(node: Node, key: string, strict: boolean): number {
  const keys = node.keys;
  const n = keys.length;
  // Leaves are small and, under random access, each is searched only a few times while cached:
  // building their heads costs more than it saves (measured). Branches are few and hot.
  if (n < 8 || node.isLeaf) return plainSearch(keys, key, 0, n, strict);
  let heads = node.heads;
  if (heads === null) {
    // A node being written to would rebuild its heads on every write: build them only once it
    // has been searched a few times without changing.
    if (++node.unindexedSearches < headsAfterSearches) return plainSearch(keys, key, 0, n, strict);
    heads = buildHeads(node);
  }
  // Every key of the node starts with the prefix: a key that does not sorts before or after all.
  const prefix = node.headPrefix;
  if (!key.startsWith(prefix)) return key < prefix ? 0 : n;
  const h = headAt(key, node.headSkip) + 0.5;
  // [lo, hi): indices whose head equals h
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (heads[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  hi = n;
  while (end < hi) {
    const mid = (end + hi) >>> 1;
    if (heads[mid]! <= h) end = mid + 1;
    else hi = mid;
  }
  return lo === end ? lo : plainSearch(keys, key, lo, end, strict);
}

function plainSearch(keys: readonly string[], key: string, lo: number, hi: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (strict ? k <= key : k < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
