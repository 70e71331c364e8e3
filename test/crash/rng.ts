/** A small seeded pseudo-random generator (splitmix32-style) so crash rounds replay from a seed. */

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.next() % items.length]!;
  }
}

/** Mix two numbers into a new 32-bit seed (for per-round seeds derived from the run's seed). */
export function deriveSeed(seed: number, salt: number): number {
  const r = new Rng((seed ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  r.next();
  return r.next();
}

/** A fresh random seed for a run that was given none. */
export function randomSeed(): number {
  return (Math.random() * 0x1_0000_0000) >>> 0;
}
