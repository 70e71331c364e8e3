/**
 * The number generators of YCSB's core workload (package `site.ycsb.generator`), seeded.
 *
 * Each class here has the YCSB class of the same name as its definition; the differences are
 * listed on the class. Every random draw comes from a `Prng` (bench/lib/prng.ts) that the caller
 * passes in, so the same seed gives the same sequence on every run, engine and platform. YCSB
 * draws from `ThreadLocalRandom`/`java.util.Random`, so the numbers differ from a Java run while
 * the distributions are the same.
 *
 *   YCSB class                      here                           used by
 *   UniformLongGenerator            UniformLongGenerator           uniform keys, field chooser, scan length
 *   CounterGenerator                CounterGenerator               load key sequence
 *   AcknowledgedCounterGenerator    AcknowledgedCounterGenerator   run-phase inserts; bound of every key choice
 *   ZipfianGenerator                ZipfianGenerator               inside the two below
 *   ScrambledZipfianGenerator       ScrambledZipfianGenerator      requestdistribution=zipfian (A, B, C, E, F)
 *   SkewedLatestGenerator           SkewedLatestGenerator          requestdistribution=latest (D)
 *   DiscreteGenerator               DiscreteGenerator              operation chooser
 */
import type { Prng } from '../lib/prng.js';
import { fnvResult, fnvhash64Halves, modHalves } from './fnv64.js';

/** `ZipfianGenerator.ZIPFIAN_CONSTANT`. */
export const zipfianConstant = 0.99;
/**
 * `ScrambledZipfianGenerator.ITEM_COUNT`: the fixed item space the scrambled generator draws
 * from before hashing. YCSB releases define it as 10^10 (10 billion), which is the item count its
 * precomputed `ZETAN` belongs to: zeta(10^10, 0.99) = 26.469... (the test checks this). One later
 * revision of the file reads 10^16 while keeping the same ZETAN, which no longer matches it.
 */
export const scrambledItemCount = 10_000_000_000;
/** `ScrambledZipfianGenerator.ZETAN`: zeta(scrambledItemCount, 0.99), precomputed by YCSB. */
export const scrambledZetan = 26.46902820178302;

export interface NumberGenerator {
  /** The next value of the distribution. */
  next(): number;
  /** The value `next` returned last (for counters: see the class). */
  lastValue(): number;
}

function assertInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

/** Uniform integers in [lb, ub], both inclusive. */
export class UniformLongGenerator implements NumberGenerator {
  private readonly interval: number;
  private last: number;

  constructor(
    private readonly prng: Prng,
    readonly lb: number,
    readonly ub: number,
  ) {
    assertInteger(lb, 'lb');
    assertInteger(ub, 'ub');
    if (ub < lb) throw new RangeError(`empty interval [${lb}, ${ub}]`);
    this.interval = ub - lb + 1;
    this.last = lb;
  }

  next(): number {
    // YCSB: abs(nextLong()) % interval + lb; the same uniform law without the modulo bias.
    this.last = this.lb + this.prng.nextInt(this.interval);
    return this.last;
  }

  lastValue(): number {
    return this.last;
  }
}

/** 0-based sequence start, start+1, ...; `lastValue` is the last number handed out. */
export class CounterGenerator implements NumberGenerator {
  protected counter: number;

  constructor(start: number) {
    assertInteger(start, 'start');
    this.counter = start;
  }

  next(): number {
    return this.counter++;
  }

  lastValue(): number {
    return this.counter - 1;
  }
}

/**
 * A counter whose `lastValue` is the highest value v such that every value from the start up
 * to v has been acknowledged (an insert is acknowledged once the database has it). Key choosers
 * are bounded by it, so a read never targets a key whose insert is still in flight.
 * YCSB keeps a window of 2^20 pending acknowledgements and fails beyond that; so does this.
 */
export class AcknowledgedCounterGenerator extends CounterGenerator {
  static readonly windowSize = 2 ** 20;
  private readonly window = new Uint8Array(AcknowledgedCounterGenerator.windowSize);
  private limit: number;

  constructor(start: number) {
    super(start);
    this.limit = start - 1;
  }

  override lastValue(): number {
    return this.limit;
  }

  /** Values handed out by `next` and not yet acknowledged. */
  get pending(): number {
    return this.counter - 1 - this.limit;
  }

  acknowledge(value: number): void {
    if (!(value > this.limit && value < this.counter)) {
      throw new RangeError(`acknowledge(${value}): not an outstanding value (limit ${this.limit}, next ${this.counter})`);
    }
    const size = AcknowledgedCounterGenerator.windowSize;
    const slot = value % size;
    if (this.window[slot] === 1) throw new Error('too many unacknowledged insertion keys');
    this.window[slot] = 1;
    // Move the limit over the contiguous run of acknowledged values (at most one window).
    let index = this.limit + 1;
    for (let steps = 0; steps < size && this.window[index % size] === 1; steps++) {
      this.window[index % size] = 0;
      index++;
    }
    this.limit = index - 1;
  }
}

const zetaCache = new Map<string, number>();

/**
 * zeta(n, θ) = Σ_{i=1..n} 1/i^θ, continued from `initialSum` = zeta(start, θ): YCSB's
 * `zetastatic(st, n, theta, initialsum)`, summed in the same (ascending) order.
 */
export function zetaStatic(start: number, n: number, theta: number, initialSum: number): number {
  let sum = initialSum;
  for (let i = start; i < n; i++) sum += 1 / Math.pow(i + 1, theta);
  return sum;
}

/** zeta(n, θ) from scratch, remembered per process (every client of a run needs the same ones). */
export function zeta(n: number, theta: number): number {
  const key = `${n}:${theta}`;
  let value = zetaCache.get(key);
  if (value === undefined) {
    value = zetaStatic(0, n, theta, 0);
    zetaCache.set(key, value);
  }
  return value;
}

/**
 * Zipfian integers in [min, max]: min is the most popular, then min+1, ... with
 * P(rank i) = (1/i^θ) / zeta(n, θ) for ranks i = 1..n. The algorithm is Gray et al., "Quickly
 * Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as in YCSB's ZipfianGenerator:
 * ranks 1 and 2 are decided exactly from u·zeta(n); the rest by the closed-form approximation
 * n · (η·u − η + 1)^(1/(1−θ)).
 *
 * `nextLong(itemCount)` with a larger count than before extends zeta incrementally (YCSB's
 * behaviour when inserts grow the key space); a smaller count keeps the larger zeta, as YCSB does
 * unless `allowitemcountdecrease` is set. Difference: on growth YCSB recomputes η from the item
 * count given at construction (a slip); this recomputes it from the current count, as Gray's
 * formula says. For 1M items grown by 50K inserts, η differs by 0.3% between the two.
 */
export class ZipfianGenerator implements NumberGenerator {
  readonly items: number;
  readonly base: number;
  readonly theta: number;
  private readonly alpha: number;
  private readonly zeta2theta: number;
  private readonly half: number;
  private zetan: number;
  private eta: number;
  private countForZeta: number;
  private last: number;

  constructor(
    private readonly prng: Prng,
    min: number,
    max: number,
    theta: number = zipfianConstant,
    zetan?: number,
  ) {
    assertInteger(min, 'min');
    assertInteger(max, 'max');
    if (max < min) throw new RangeError(`empty zipfian range [${min}, ${max}]`);
    if (!(theta > 0 && theta < 1)) throw new RangeError(`zipfian constant ${theta} not in (0, 1)`);
    this.items = max - min + 1;
    this.base = min;
    this.theta = theta;
    this.alpha = 1 / (1 - theta);
    this.zeta2theta = zetaStatic(0, 2, theta, 0);
    this.half = Math.pow(0.5, theta);
    this.zetan = zetan ?? zeta(this.items, theta);
    this.countForZeta = this.items;
    this.eta = this.etaFor(this.items);
    this.last = min;
  }

  /** zeta(n, θ) for the current item count. */
  get zetaN(): number {
    return this.zetan;
  }

  private etaFor(n: number): number {
    return (1 - Math.pow(2 / n, 1 - this.theta)) / (1 - this.zeta2theta / this.zetan);
  }

  next(): number {
    return this.nextLong(this.items);
  }

  /** A value in [base, base + itemCount) for the current item count. */
  nextLong(itemCount: number): number {
    if (itemCount > this.countForZeta) {
      this.zetan = zetaStatic(this.countForZeta, itemCount, this.theta, this.zetan);
      this.countForZeta = itemCount;
      this.eta = this.etaFor(itemCount);
    }
    const u = this.prng.nextFloat();
    const uz = u * this.zetan;
    let ret: number;
    if (uz < 1) ret = this.base;
    else if (uz < 1 + this.half) ret = this.base + 1;
    else ret = this.base + Math.floor(itemCount * Math.pow(this.eta * u - this.eta + 1, this.alpha));
    this.last = ret;
    return ret;
  }

  lastValue(): number {
    return this.last;
  }
}

/**
 * Zipfian popularity scattered over [min, max]: a zipfian rank drawn over YCSB's fixed space of
 * 10^10 + 1 items (with its precomputed zeta, so construction costs nothing whatever the record
 * count), hashed with FNV-64 and taken modulo the item count. Hot keys land all over the key
 * space, and several ranks may fold onto one item, so an item's frequency is the sum over the
 * ranks that hash to it. Only θ = 0.99 is offered: any other constant would need zeta over 10^10
 * terms (YCSB computes it; minutes of CPU).
 */
export class ScrambledZipfianGenerator implements NumberGenerator {
  readonly itemCount: number;
  private readonly gen: ZipfianGenerator;
  private last: number;

  constructor(
    prng: Prng,
    readonly min: number,
    readonly max: number,
  ) {
    assertInteger(min, 'min');
    assertInteger(max, 'max');
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    this.itemCount = max - min + 1;
    this.gen = new ZipfianGenerator(prng, 0, scrambledItemCount, zipfianConstant, scrambledZetan);
    this.last = min;
  }

  next(): number {
    const rank = this.gen.next();
    fnvhash64Halves(rank);
    this.last = this.min + modHalves(fnvResult.hi, fnvResult.lo, this.itemCount);
    return this.last;
  }

  lastValue(): number {
    return this.last;
  }
}

/**
 * "latest": zipfian over recency. With max = basis.lastValue() (the newest acknowledged insert),
 * returns max − zipfian(max): max itself is the most popular, then max−1, ... YCSB's exact
 * definition, including its edge: the zipfian draws from [0, max), so the result is in [1, max]
 * and item 0 is never chosen. The zipfian's item count grows with the basis (incremental zeta).
 */
export class SkewedLatestGenerator implements NumberGenerator {
  private readonly zipfian: ZipfianGenerator;
  private last: number;

  constructor(
    prng: Prng,
    private readonly basis: { lastValue(): number },
  ) {
    const max = basis.lastValue();
    if (max < 1) throw new RangeError(`latest needs at least 2 items, basis is at ${max}`);
    this.zipfian = new ZipfianGenerator(prng, 0, max - 1);
    this.last = max;
  }

  next(): number {
    const max = this.basis.lastValue();
    this.last = max - this.zipfian.nextLong(max);
    return this.last;
  }

  lastValue(): number {
    return this.last;
  }
}

/**
 * Picks one of a fixed set of values with the given weights (YCSB's operation chooser): one
 * uniform u in [0, 1), walked down the normalized weights in the order they were added.
 */
export class DiscreteGenerator<T> {
  private readonly values: T[] = [];
  private readonly weights: number[] = [];
  private normalized: Float64Array | undefined;
  private last: T | undefined;

  constructor(private readonly prng: Prng) {}

  addValue(weight: number, value: T): this {
    if (!(weight >= 0 && Number.isFinite(weight))) throw new RangeError(`weight ${weight} must be finite and >= 0`);
    this.values.push(value);
    this.weights.push(weight);
    this.normalized = undefined;
    return this;
  }

  private normalize(): Float64Array {
    let sum = 0;
    for (const w of this.weights) sum += w;
    if (!(sum > 0)) throw new RangeError('discrete generator has no positive weight');
    const normalized = new Float64Array(this.weights.length);
    for (let i = 0; i < normalized.length; i++) normalized[i] = (this.weights[i] ?? 0) / sum;
    this.normalized = normalized;
    return normalized;
  }

  next(): T {
    const normalized = this.normalized ?? this.normalize();
    let val = this.prng.nextFloat();
    const lastIndex = normalized.length - 1;
    let i = 0;
    for (; i < lastIndex; i++) {
      const pw = normalized[i] ?? 0;
      if (val < pw) break;
      val -= pw;
    }
    // YCSB asserts if rounding walks past the end; the last value takes that sliver here.
    const value = this.values[i] as T;
    this.last = value;
    return value;
  }

  lastValue(): T | undefined {
    return this.last;
  }
}
