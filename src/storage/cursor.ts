/**
 * Ordered iteration over the tree between optional bounds, forward or reverse. Copy-on-write
 * trees have no sibling links, so the cursor keeps its root-to-leaf path. When the tree changes
 * between two steps (its `version` moved), the cursor re-seeks past the last key it returned.
 */
import { scanReadAheadPagesMax } from '../limits.js';
import type { BTree } from './btree.js';
import { lowerBound, upperBound } from './btree.js';
import type { BranchNode, LeafNode, LeafValue } from './node.js';

export interface KeyBounds {
  /** Lower bound (inclusive when `lowInclusive`). */
  low?: string;
  lowInclusive: boolean;
  /** Upper bound (inclusive when `highInclusive`). */
  high?: string;
  highInclusive: boolean;
  reverse: boolean;
}

export class Cursor {
  private path: BranchNode[] = [];
  private idx: number[] = [];
  private leaf: LeafNode | undefined;
  private pos = 0;
  private version = -1;
  private last: string | undefined;
  private done = false;

  constructor(
    private readonly tree: BTree,
    private readonly bounds: KeyBounds,
  ) {}

  /** The next entry in scan order, or undefined at the end. */
  next(): [string, LeafValue] | undefined {
    if (this.done) return undefined;
    const tree = this.tree;
    if (this.version !== tree.version) this.reseek();
    else this.advance();
    const leaf = this.leaf;
    if (leaf === undefined || this.pos < 0 || this.pos >= leaf.keys.length) return this.finish();
    const key = leaf.keys[this.pos]!;
    if (!this.inBounds(key)) return this.finish();
    this.last = key;
    return [key, leaf.vals[this.pos]!];
  }

  private finish(): undefined {
    this.done = true;
    this.leaf = undefined;
    this.path = [];
    this.idx = [];
    return undefined;
  }

  private inBounds(key: string): boolean {
    const b = this.bounds;
    if (b.reverse) {
      if (b.low === undefined) return true;
      return b.lowInclusive ? key >= b.low : key > b.low;
    }
    if (b.high === undefined) return true;
    return b.highInclusive ? key <= b.high : key < b.high;
  }

  /** Position on the first entry in scan order after `last` (or from the start bound). */
  private reseek(): void {
    const tree = this.tree;
    const b = this.bounds;
    this.version = tree.version;
    this.path = [];
    this.idx = [];
    this.leaf = undefined;
    if (tree.root === 0) return;
    let target: string | undefined;
    let inclusive: boolean;
    if (this.last !== undefined) {
      target = this.last;
      inclusive = false;
    } else if (b.reverse) {
      target = b.high;
      inclusive = b.highInclusive;
    } else {
      target = b.low;
      inclusive = b.lowInclusive;
    }
    let node = tree.node(tree.root);
    while (!node.isLeaf) {
      let i: number;
      if (target === undefined) i = b.reverse ? node.children.length - 1 : 0;
      else i = upperBound(node.keys, target);
      this.path.push(node);
      this.idx.push(i);
      node = tree.child(node, i);
    }
    this.leaf = node;
    const keys = node.keys;
    if (target === undefined) {
      this.pos = b.reverse ? keys.length - 1 : 0;
    } else if (b.reverse) {
      // last key < target (or <= target when inclusive)
      this.pos = (inclusive ? upperBound(keys, target) : lowerBound(keys, target)) - 1;
    } else {
      this.pos = inclusive ? lowerBound(keys, target) : upperBound(keys, target);
    }
    if (this.pos < 0 || this.pos >= keys.length) this.stepLeaf();
  }

  private advance(): void {
    if (this.leaf === undefined) return;
    this.pos += this.bounds.reverse ? -1 : 1;
    if (this.pos < 0 || this.pos >= this.leaf.keys.length) this.stepLeaf();
  }

  /** Move to the neighbouring leaf in scan direction (skipping empty ones). */
  private stepLeaf(): void {
    const tree = this.tree;
    const reverse = this.bounds.reverse;
    for (;;) {
      // climb until a branch has a next child in our direction
      let depth = this.path.length - 1;
      while (depth >= 0) {
        const i = this.idx[depth]!;
        const n = this.path[depth]!.children.length;
        if (reverse ? i > 0 : i < n - 1) break;
        depth--;
      }
      if (depth < 0) {
        this.leaf = undefined;
        return;
      }
      this.path.length = depth + 1;
      this.idx.length = depth + 1;
      this.idx[depth]! += reverse ? -1 : 1;
      // descend to the extreme leaf of that child
      let parent = this.path[depth]!;
      let ci = this.idx[depth]!;
      for (;;) {
        const pg = parent.children[ci]!;
        if (tree.pool.peek(pg) === undefined) tree.readAhead(parent, ci, reverse, scanReadAheadPagesMax);
        const child = tree.child(parent, ci);
        if (child.isLeaf) {
          this.leaf = child;
          this.pos = reverse ? child.keys.length - 1 : 0;
          break;
        }
        ci = reverse ? child.children.length - 1 : 0;
        this.path.push(child);
        this.idx.push(ci);
        parent = child;
      }
      if (this.leaf.keys.length > 0) return;
    }
  }
}
