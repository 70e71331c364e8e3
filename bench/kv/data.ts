/**
 * Keys and values of the key-value suite.
 *
 * Key i (0 <= i < 10^15) is 16 ASCII bytes: "k" then i as 15 zero-padded decimal digits, so
 * byte order equals numeric order and "the key of rank r" is simply key(r). Workloads visit
 * indexes in a seeded pseudo-random order (a `Permutation`), so inserts land all over the tree.
 *
 * Values are 100 bytes, drawn from a pool of 1024 distinct seeded random values (incompressible,
 * never mutated, so engines that keep a reference to a written value stay correct):
 * the value of key i is pool[i mod 1024], which lets reads be verified.
 */
import { Prng } from '../lib/prng.js';

export const keyBytes = 16;
export const valueBytes = 100;
const digits = keyBytes - 1;
const poolSize = 1024;

/** Writes key `i` into `out` at `offset`. */
export function writeKey(i: number, out: Uint8Array, offset = 0): void {
  out[offset] = 0x6b; // 'k'
  let x = i;
  for (let d = offset + digits; d > offset; d--) {
    out[d] = 0x30 + (x % 10);
    x = Math.floor(x / 10);
  }
}

/** A fresh buffer holding key `i`. */
export function makeKey(i: number): Buffer {
  const b = Buffer.allocUnsafe(keyBytes);
  writeKey(i, b);
  return b;
}

export class ValuePool {
  private readonly values: Buffer[] = [];

  constructor(seed: number) {
    const prng = new Prng(seed ^ 0x5eed);
    for (let i = 0; i < poolSize; i++) this.values.push(prng.fill(Buffer.allocUnsafe(valueBytes)) as Buffer);
  }

  valueFor(i: number): Buffer {
    return this.values[i % poolSize] as Buffer;
  }

  /** True when `value` is exactly what key `i` was written with. */
  matches(i: number, value: Uint8Array | undefined): boolean {
    return value !== undefined && Buffer.compare(this.valueFor(i), value) === 0;
  }
}

/**
 * A slab of `size` keys with reusable views: refilled with fresh random keys between timed
 * chunks, so the timed loop of a read workload neither allocates nor formats keys.
 */
export class KeySlab {
  readonly views: Buffer[] = [];
  readonly indexes: Float64Array;
  private readonly slab: Buffer;

  constructor(readonly size: number) {
    this.slab = Buffer.alloc(size * keyBytes);
    this.indexes = new Float64Array(size);
    for (let j = 0; j < size; j++) this.views.push(this.slab.subarray(j * keyBytes, (j + 1) * keyBytes));
  }

  /** Fills the slab with keys of uniformly random indexes in [0, records). */
  fill(prng: Prng, records: number): void {
    for (let j = 0; j < this.size; j++) {
      const i = prng.nextInt(records);
      this.indexes[j] = i;
      writeKey(i, this.slab, j * keyBytes);
    }
  }
}
