/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna) seeded through splitmix32.
 * Same seed, same sequence, on every platform: all arithmetic is 32-bit integer math.
 */

/** One step of splitmix32; returns the next state and output. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Turns any seed (a number or a string) into 32 bits. */
export function seedBits(seed: number | string): number {
  if (typeof seed === 'number') return (seed >>> 0) ^ Math.floor(seed / 4294967296);
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let s = seedBits(seed);
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [s, out] = splitmix32(s);
    this.d = out;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextU32() >>> 5; // 27 bits
    const low = this.nextU32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** A uniform integer in [0, n), for n up to 2^53. */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Fills `out` with random bytes. */
  fill(out: Uint8Array): Uint8Array {
    for (let i = 0; i < out.length; i += 4) {
      let x = this.nextU32();
      for (let j = i; j < i + 4 && j < out.length; j++) {
        out[j] = x & 0xff;
        x >>>= 8;
      }
    }
    return out;
  }

  /** An independent generator derived from this one's seed stream and a label. */
  fork(label: string): Prng {
    return new Prng(this.nextU32() ^ seedBits(label));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A pseudo-random permutation of [0, n) that needs no memory: a 4-round Feistel network over
 * the smallest even-bit domain covering n, with cycle walking to stay inside [0, n).
 * `at(i)` for i = 0..n-1 visits every index exactly once, in an order fixed by the seed.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: Uint32Array;

  constructor(
    readonly size: number,
    seed: number | string,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** 32) {
      throw new RangeError(`permutation size ${size} out of range`);
    }
    let bits = Math.max(2, Math.ceil(Math.log2(size)));
    if (bits % 2 === 1) bits++;
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
    const prng = new Prng(seed);
    this.keys = new Uint32Array([prng.nextU32(), prng.nextU32(), prng.nextU32(), prng.nextU32()]);
  }

  at(index: number): number {
    let x = index;
    // Cycle walking: the domain is at most 4x the size, so the expected walk is short.
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    const half = 2 ** this.halfBits;
    let left = Math.floor(x / half);
    let right = x % half;
    for (let round = 0; round < 4; round++) {
      let f = Math.imul(right ^ (this.keys[round] ?? 0), 0x9e3779b1);
      f ^= f >>> 15;
      f = Math.imul(f, 0x85ebca77);
      f ^= f >>> 13;
      const next = (left ^ f) & this.mask;
      left = right;
      right = next >>> 0;
    }
    return left * half + right;
  }
}
