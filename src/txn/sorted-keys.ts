/**
 * An ordered set of byte-string keys (one-byte strings, compared with `<`), kept as a list of
 * sorted chunks so that insert and delete cost O(log n + chunk) and ordered lookups O(log n).
 * Used by the version store, whose keys need range iteration while it keeps changing: callers
 * walk it with `after`/`before` lookups instead of long-lived positions.
 */

const chunkKeysMax = 512;

export class SortedKeys {
  private chunks: string[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Index of the chunk that would hold `key`: the last chunk whose first key is <= key (0 if none). */
  private chunkFor(key: string): number {
    const cs = this.chunks;
    let lo = 0;
    let hi = cs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (cs[mid]![0]! <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  add(key: string): void {
    const cs = this.chunks;
    if (cs.length === 0) {
      cs.push([key]);
      this.count = 1;
      return;
    }
    const ci = this.chunkFor(key);
    const c = cs[ci]!;
    const i = lowerIndex(c, key);
    if (c[i] === key) return;
    c.splice(i, 0, key);
    this.count++;
    if (c.length > chunkKeysMax) cs.splice(ci + 1, 0, c.splice(c.length >>> 1));
  }

  delete(key: string): void {
    const cs = this.chunks;
    if (cs.length === 0) return;
    const ci = this.chunkFor(key);
    const c = cs[ci]!;
    const i = lowerIndex(c, key);
    if (c[i] !== key) return;
    c.splice(i, 1);
    this.count--;
    if (c.length === 0) cs.splice(ci, 1);
  }

  /** The smallest key > `key` (>= when `inclusive`), or undefined. */
  after(key: string, inclusive: boolean): string | undefined {
    const cs = this.chunks;
    if (cs.length === 0) return undefined;
    let ci = this.chunkFor(key);
    const c = cs[ci]!;
    let i = inclusive ? lowerIndex(c, key) : upperIndex(c, key);
    if (i < c.length) return c[i];
    ci++;
    i = 0;
    return ci < cs.length ? cs[ci]![0] : undefined;
  }

  /** The largest key < `key` (<= when `inclusive`); with `key` undefined, the largest key. */
  before(key: string | undefined, inclusive: boolean): string | undefined {
    const cs = this.chunks;
    if (cs.length === 0) return undefined;
    if (key === undefined) {
      const last = cs[cs.length - 1]!;
      return last[last.length - 1];
    }
    const ci = this.chunkFor(key);
    const c = cs[ci]!;
    const i = (inclusive ? upperIndex(c, key) : lowerIndex(c, key)) - 1;
    if (i >= 0) return c[i];
    if (ci === 0) return undefined;
    const prev = cs[ci - 1]!;
    return prev[prev.length - 1];
  }

  /** The smallest key, or undefined. */
  first(): string | undefined {
    return this.chunks.length === 0 ? undefined : this.chunks[0]![0];
  }
}

/** First index whose key is >= `key`. */
function lowerIndex(a: string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > `key`. */
function upperIndex(a: string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
