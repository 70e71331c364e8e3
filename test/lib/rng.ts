/**
 * The seeded pseudo-random generator of the tests (mulberry32), and seed helpers: every seeded
 * test prints its seed so that a failure replays.
 */

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Mix two numbers into a new 32-bit seed (for per-round seeds derived from a run's seed). */
export function deriveSeed(seed: number, salt: number): number {
  const r = new Rng((seed ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  r.u32();
  return r.u32();
}

/** A fresh random seed for a run that was given none. */
export function randomSeed(): number {
  return (Math.random() * 0x1_0000_0000) >>> 0;
}

/** A seed from the environment variable `name`, or a fresh one; printed so a failure replays. */
export function seedFrom(name: string, what: string): number {
  const fromEnv = process.env[name];
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : randomSeed();
  console.log(`# ${what}: seed ${seed} (replay with ${name}=${seed})`);
  return seed;
}
