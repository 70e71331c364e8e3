/**
 * The buffer pool: decoded nodes by page number, with a byte capacity and CLOCK (second-chance)
 * eviction. Dirty nodes and nodes whose checkpoint write is in flight are never evicted; the
 * checkpointer makes them clean. Overflow values are never cached here.
 */
import { cacheEvictScanMax } from '../limits.js';
import type { Node } from './node.js';

export class BufferPool {
  private readonly map = new Map<number, Node>();
  private readonly clock: Node[] = [];
  private hand = 0;
  /** Bytes charged by resident nodes. */
  bytes = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(public capacityBytes: number) {}

  get size(): number {
    return this.map.size;
  }

  /** Look a page up; counts a hit and sets the reference bit. */
  get(pgno: number): Node | undefined {
    const node = this.map.get(pgno);
    if (node !== undefined) {
      this.hits++;
      node.ref = true;
    }
    return node;
  }

  /** Look a page up without touching counters or the reference bit. */
  peek(pgno: number): Node | undefined {
    return this.map.get(pgno);
  }

  /** Add a node (new, or read from disk) and evict clean nodes if over capacity. */
  add(node: Node): void {
    node.ref = true;
    node.slot = this.clock.length;
    node.charged = node.memBytes();
    this.clock.push(node);
    this.map.set(node.pgno, node);
    this.bytes += node.charged;
    if (this.bytes > this.capacityBytes) this.evict();
  }

  /** The node moved to a new page number (copy-on-write). */
  rekey(node: Node, oldPgno: number): void {
    this.map.delete(oldPgno);
    this.map.set(node.pgno, node);
  }

  /** Re-charge a node whose size changed. */
  recharge(node: Node): void {
    const now = node.memBytes();
    this.bytes += now - node.charged;
    node.charged = now;
  }

  /** Drop a node that the tree no longer references. */
  remove(node: Node): void {
    if (node.slot < 0) return;
    this.map.delete(node.pgno);
    this.unslot(node);
  }

  private unslot(node: Node): void {
    const parent = node.parent;
    if (parent !== undefined) {
      const i = parent.kids.indexOf(node);
      if (i >= 0) parent.kids[i] = undefined;
      node.parent = undefined;
    }
    const last = this.clock.pop()!;
    if (last !== node) {
      this.clock[node.slot] = last;
      last.slot = node.slot;
    }
    node.slot = -1;
    this.bytes -= node.charged;
    node.charged = 0;
  }

  /** Evict clean, unreferenced nodes until under capacity or no candidate is left. */
  evict(): void {
    const clock = this.clock;
    // Bounded work per call: when most nodes are dirty or being written, a full sweep on every
    // miss would make each read O(pool size). What is not evicted now is evicted on later calls.
    let budget = Math.min(clock.length * 2, cacheEvictScanMax);
    while (this.bytes > this.capacityBytes && budget-- > 0 && clock.length > 0) {
      if (this.hand >= clock.length) this.hand = 0;
      const node = clock[this.hand]!;
      if (node.dirty || node.writing) {
        this.hand++;
      } else if (node.ref) {
        node.ref = false;
        this.hand++;
      } else {
        this.map.delete(node.pgno);
        this.unslot(node); // the last node moved into this slot; look at it next
        this.evictions++;
      }
    }
  }

  /** Every resident node (for checkpoint and checks). */
  nodes(): IterableIterator<Node> {
    return this.map.values();
  }

  clear(): void {
    this.map.clear();
    this.clock.length = 0;
    this.bytes = 0;
  }
}
