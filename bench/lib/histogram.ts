/**
 * A log-bucketed latency histogram in the spirit of HdrHistogram.
 *
 * Values are non-negative integers (the benchmarks record nanoseconds). Values below
 * `2 * subBuckets` get one exact bucket each; above that, every power of two is split into
 * `subBuckets` equal buckets, so a recorded value is known to within 1/`subBuckets` of itself
 * (0.8 % with 128 sub-buckets) whatever its magnitude, with a fixed, small memory footprint.
 *
 * Bucket layout (subBits = 7, subBuckets = 128):
 *
 * | index range      | values             | bucket width |
 * |------------------|--------------------|--------------|
 * | 0 .. 255         | 0 .. 255           | 1            |
 * | 256 .. 383       | 256 .. 511         | 2            |
 * | 384 .. 511       | 512 .. 1023        | 4            |
 * | (s+1)*128 + j    | (128+j) << s ...   | 2^s          |
 *
 * Values up to 2^53 fit (index < 6016).
 */

const subBits = 7;
const subBuckets = 1 << subBits;
const linearLimit = 2 * subBuckets;
const valueMax = Number.MAX_SAFE_INTEGER;
const bucketCount = (53 - subBits + 1) * subBuckets;
const two32 = 4294967296;

/** Index of the bucket holding `value` (an integer in [0, 2^53)). */
function bucketOf(value: number): number {
  if (value < linearLimit) return value;
  const exponent =
    value < two32 ? 31 - Math.clz32(value) : 63 - Math.clz32(Math.floor(value / two32));
  const shift = exponent - subBits;
  const sub = Math.floor(value / 2 ** shift);
  return shift * subBuckets + sub;
}

/** Smallest value that lands in bucket `index`. */
function bucketLow(index: number): number {
  if (index < linearLimit) return index;
  const shift = Math.floor(index / subBuckets) - 1;
  const sub = index - shift * subBuckets;
  return sub * 2 ** shift;
}

/** Largest value that lands in bucket `index`. */
function bucketHigh(index: number): number {
  if (index < linearLimit) return index;
  const shift = Math.floor(index / subBuckets) - 1;
  return bucketLow(index) + 2 ** shift - 1;
}

/** Percentiles and moments of a histogram, in the histogram's unit. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Serialized form: sparse `[bucketIndex, count]` pairs plus exact extremes. */
export interface HistogramJson {
  buckets: Array<[number, number]>;
  min: number;
  max: number;
  sum: number;
  count: number;
}

export class Histogram {
  private readonly counts = new Float64Array(bucketCount);
  private total = 0;
  private sum = 0;
  private minValue = Infinity;
  private maxValue = 0;

  /** Records one value; negatives count as 0, fractions are rounded, huge values are clamped. */
  record(value: number): void {
    const v = value <= 0 ? 0 : value >= valueMax ? valueMax : Math.round(value);
    const index = bucketOf(v);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total++;
    this.sum += v;
    if (v < this.minValue) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
  }

  get count(): number {
    return this.total;
  }

  /**
   * The value at quantile `q` (0..1): the highest value equivalent to the bucket holding the
   * q-th recorded value, clipped to the exact recorded extremes.
   */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < bucketCount; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.maxValue, Math.max(this.minValue, bucketHigh(i)));
    }
    return this.maxValue;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      min: this.total === 0 ? 0 : this.minValue,
      mean: this.total === 0 ? 0 : this.sum / this.total,
      p50: this.quantile(0.5),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      p999: this.quantile(0.999),
      max: this.maxValue,
    };
  }

  /** Adds every value of `other` to this histogram. */
  merge(other: Histogram): void {
    for (let i = 0; i < bucketCount; i++) {
      const c = other.counts[i] ?? 0;
      if (c !== 0) this.counts[i] = (this.counts[i] ?? 0) + c;
    }
    this.total += other.total;
    this.sum += other.sum;
    this.minValue = Math.min(this.minValue, other.minValue);
    this.maxValue = Math.max(this.maxValue, other.maxValue);
  }

  toJSON(): HistogramJson {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < bucketCount; i++) {
      const c = this.counts[i] ?? 0;
      if (c !== 0) buckets.push([i, c]);
    }
    return {
      buckets,
      min: this.total === 0 ? 0 : this.minValue,
      max: this.maxValue,
      sum: this.sum,
      count: this.total,
    };
  }

  static fromJSON(json: HistogramJson): Histogram {
    const h = new Histogram();
    for (const [index, c] of json.buckets) {
      if (index < 0 || index >= bucketCount) throw new RangeError(`bad histogram bucket ${index}`);
      h.counts[index] = c;
    }
    h.total = json.count;
    h.sum = json.sum;
    h.minValue = json.count === 0 ? Infinity : json.min;
    h.maxValue = json.max;
    return h;
  }
}

/** Exposed for the histogram's own tests: bucket bounds of the bucket holding `value`. */
export function bucketBounds(value: number): [number, number] {
  const i = bucketOf(value);
  return [bucketLow(i), bucketHigh(i)];
}
