/**
 * Transcendental functions on numeric, exact to the result scale PostgreSQL chooses (numeric.c's
 * sqrt/exp/ln/log rscale rules), computed in bigint fixed point with guard digits:
 * - sqrt: integer square root of the scaled coefficient;
 * - ln: x = m·10^k, m square-rooted toward 1, then 2·atanh((m-1)/(m+1)); ln 10 the same way;
 * - exp: |x| halved until small, Taylor series, squared back; negative x via 1/exp(|x|).
 * Result scales: NUMERIC_MIN_SIG_DIGITS (16) significant digits at least, never less than the
 * input's display scale, at most 1000.
 */
import { SqlError } from '../errors.js';
import { Numeric } from '../types/index.js';

const minSigDigits = 16;
const minDisplayScale = 0;
const maxDisplayScale = 1000;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function clampScale(s: number, ...scales: number[]): number {
  return Math.min(Math.max(s, minDisplayScale, ...scales), maxDisplayScale);
}

/** x (finite) as a fixed-point bigint with `s` decimals (truncated). */
function toFixed(x: Numeric, s: number): bigint {
  return x.scale <= s ? x.coef * pow10(s - x.scale) : x.coef / pow10(x.scale - s);
}

/** Round a fixed-point value at scale `from` to scale `to` (half away from zero) → Numeric. */
function fromFixed(v: bigint, from: number, to: number): Numeric {
  if (to >= from) return Numeric.of(v * pow10(to - from), to);
  const d = pow10(from - to);
  const q = v / d;
  const r = v % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const adj = twice >= d ? (v < 0n ? -1n : 1n) : 0n;
  return Numeric.of(q + adj, to);
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration from above converges monotonically down to floor(sqrt(n)).
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Base-10000 weight of a nonzero finite numeric (PostgreSQL's NumericVar.weight). */
function weight10000(x: Numeric): number {
  const digits = (x.coef < 0n ? -x.coef : x.coef).toString().length;
  return Math.floor((digits - 1 - x.scale) / 4);
}

/** log10(|x|) as a float, for huge or tiny x too. */
function log10Abs(x: Numeric): number {
  const s = (x.coef < 0n ? -x.coef : x.coef).toString();
  const lead = Number('0.' + s.slice(0, 17));
  return Math.log10(lead) + s.length - x.scale;
}

export function numericSqrt(x: Numeric): Numeric {
  if (x.isNaN()) return x;
  if (x.sign() < 0) throw new SqlError('2201F', 'cannot take square root of a negative number');
  if (x.isInfinite()) return x;
  if (x.isZero()) return Numeric.of(0n, clampScale(minSigDigits, x.scale));
  const sweight = Math.trunc(((weight10000(x) + 1) * 4) / 2) - 1;
  const r = clampScale(minSigDigits - sweight, x.scale);
  const g = Math.max(r + 1, Math.ceil(x.scale / 2));
  const q = isqrt(x.coef * pow10(2 * g - x.scale));
  return fromFixed(q, g, r);
}

/** sqrt(x) rounded to scale r (x ≥ 0, finite). */
export function numericSqrtScale(x: Numeric, r: number): Numeric {
  if (!x.isFinite()) return x;
  const g = Math.max(r + 1, Math.ceil(x.scale / 2));
  return fromFixed(isqrt(x.coef * pow10(2 * g - x.scale)), g, r);
}

/** PostgreSQL's estimate_ln_dweight: the decimal weight of ln(x). */
function lnDweight(x: Numeric): number {
  const one = Numeric.one;
  if (x.cmp(Numeric.fromString('0.9')) >= 0 && x.cmp(Numeric.fromString('1.1')) <= 0) {
    const d = x.sub(one);
    if (d.isZero()) return 0;
    return Math.floor(log10Abs(d));
  }
  const ln = log10Abs(x) * Math.LN10;
  return ln === 0 ? 0 : Math.trunc(Math.log10(Math.abs(ln)));
}

const ln10Cache = new Map<number, bigint>();

/** ln(m) for fixed-point m (scale s) in (0, 10], result at scale s. */
function lnSmall(m: bigint, s: number): bigint {
  const one = pow10(s);
  let factor = 1n;
  let v = m;
  const near = one / 100n;
  for (let i = 0; i < 64 && (v - one > near || one - v > near); i++) {
    v = isqrt(v * one);
    factor *= 2n;
  }
  // 2·atanh(z), z = (v-1)/(v+1)
  const z = ((v - one) * one) / (v + one);
  const z2 = (z * z) / one;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) / one;
  }
  return 2n * sum * factor;
}

function ln10(s: number): bigint {
  let v = ln10Cache.get(s);
  if (v === undefined) {
    v = lnSmall(10n * pow10(s), s);
    ln10Cache.set(s, v);
  }
  return v;
}

/** ln(x) for finite positive x at fixed scale s. */
function lnFixed(x: Numeric, s: number): bigint {
  const digits = (x.coef < 0n ? -x.coef : x.coef).toString().length;
  const k = digits - 1 - x.scale; // x = m · 10^k, m in [1, 10)
  const m = Numeric.of(x.coef, x.scale + k);
  return lnSmall(toFixed(m, s), s) + BigInt(k) * ln10(s);
}

function checkLnArg(x: Numeric): void {
  if (x.isZero()) throw new SqlError('2201E', 'cannot take logarithm of zero');
  if (x.sign() < 0) throw new SqlError('2201E', 'cannot take logarithm of a negative number');
}

export function numericLn(x: Numeric): Numeric {
  if (x.isNaN()) return x;
  checkLnArg(x);
  if (x.isInfinite()) return x;
  const r = clampScale(minSigDigits - lnDweight(x), x.scale);
  const s = r + 12;
  return fromFixed(lnFixed(x, s), s, r);
}

/** log(base, x). */
export function numericLog(base: Numeric, x: Numeric): Numeric {
  if (base.isNaN() || x.isNaN()) return Numeric.NaN;
  checkLnArg(base);
  checkLnArg(x);
  if (base.isInfinite() || x.isInfinite()) {
    if (base.isInfinite() && x.isInfinite()) return Numeric.NaN;
    if (x.isInfinite()) return x;
    return Numeric.zero;
  }
  if (base.cmp(Numeric.one) === 0) throw new SqlError('22012', 'division by zero');
  const r = clampScale(minSigDigits - (lnDweight(x) - lnDweight(base)), base.scale, x.scale);
  const s = r + 12 + Math.max(0, -lnDweight(base));
  const lb = lnFixed(base, s);
  const lx = lnFixed(x, s);
  const q = (lx * pow10(s)) / lb;
  return fromFixed(q, s, r);
}

export function numericExp(x: Numeric): Numeric {
  if (x.isNaN()) return x;
  if (x.isInfinite()) return x.sign() > 0 ? x : Numeric.zero;
  const val = x.toNumber();
  if (val > 2303) throw new SqlError('22003', 'value overflows numeric format');
  const r = clampScale(minSigDigits - Math.trunc(val * 0.434294481903252), x.scale);
  return expToScale(x, val, r);
}

/** exp(x) rounded to scale r; `val` is x as a float (for sizing the computation). */
function expToScale(x: Numeric | bigint, val: number, r: number, xScale = 0): Numeric {
  if (val > 2303) throw new SqlError('22003', 'value overflows numeric format');
  if (val < -2302 - r) return Numeric.of(0n, r);
  const neg = val < 0;
  const mag = Math.abs(val) * 0.434294481903252; // decimal digits of exp(|x|)
  const s = r + 20 + Math.ceil(mag) * (neg ? 2 : 1);
  const one = pow10(s);
  let v: bigint;
  if (typeof x === 'bigint') {
    const a = x < 0n ? -x : x;
    v = s >= xScale ? a * pow10(s - xScale) : a / pow10(xScale - s);
  } else v = toFixed(x.abs(), s);
  let k = 0;
  while (v > one / 100n) {
    v /= 2n;
    k++;
  }
  let term = one;
  let sum = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * v) / one / n;
    sum += term;
  }
  for (let i = 0; i < k; i++) sum = (sum * sum) / one;
  if (neg) sum = (one * one) / sum;
  return fromFixed(sum, s, r);
}

/** x ^ y for a non-integer y (x > 0): exp(y · ln x) at PostgreSQL's power_var result scale. */
export function numericPowFrac(x: Numeric, y: Numeric): Numeric {
  const lnx = Math.log(x.toNumber()) || log10Abs(x) * Math.LN10;
  const val = lnx * y.toNumber();
  const r = clampScale(minSigDigits - Math.trunc(val * 0.434294481903252), x.scale, y.scale);
  const s = r + 20 + Math.ceil(Math.abs(val) * 0.434294481903252);
  const prod = lnFixed(x, s) * toFixed(y, s);
  return expToScale(prod, val, r, 2 * s);
}

/** factorial(n): exact. */
export function factorial(n: bigint): Numeric {
  if (n < 0n) throw new SqlError('22003', 'factorial of a negative number is undefined');
  if (n > 32177n) throw new SqlError('22003', 'value overflows numeric format');
  let f = 1n;
  for (let i = 2n; i <= n; i++) f *= i;
  return Numeric.fromBigInt(f);
}

// ---------------------------------------------------------------------------------------------
// Correctly rounded float8 exp/ln/power.
// PostgreSQL calls the C library, whose exp, log and pow (glibc 2.28+) round correctly where
// JavaScript's Math functions may be one unit in the last place off. These compute the value to
// ~34 significant digits in bigint fixed point; Number() of that decimal then rounds correctly.

const guardDigits = 34;

/** The exact decimal value of a finite double. */
export function exactDecimal(x: number): Numeric {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (e === 0) e = 1;
  else m |= 1n << 52n;
  e -= 1075;
  const coef = neg ? -m : m;
  return e >= 0 ? Numeric.fromBigInt(coef << BigInt(e)) : Numeric.of(coef * 5n ** BigInt(-e), -e);
}

/** A fixed-point value (scale s) → the nearest double. */
/** The double nearest the fixed-point value v × 10^-s (through its exact decimal text, so correctly rounded). */
function fixedToDouble(v: bigint, s: number): number {
  return Number(Numeric.of(v, s).toString());
}

export function crExp(x: number, approx: number): number {
  if (!Number.isFinite(approx) || approx === 0 || !Number.isFinite(x)) return approx;
  const mag = Math.floor(x * 0.434294481903252);
  const r = Math.max(0, guardDigits - mag);
  if (r > 1000) return approx;
  return Number(expToScale(exactDecimal(x), x, r).toString());
}

export function crLn(x: number, approx: number): number {
  if (!(x > 0) || !Number.isFinite(x) || approx === 0) return approx;
  const small = Math.max(0, -Math.floor(Math.log10(Math.abs(approx))));
  const s = guardDigits + small;
  return fixedToDouble(lnFixed(exactDecimal(x), s), s);
}

/** x^y for finite x ≠ 0, finite y, when the approximation is a normal finite number. */
export function crPow(x: number, y: number, approx: number): number {
  if (!Number.isFinite(approx) || approx === 0 || !Number.isFinite(x) || !Number.isFinite(y) || x === 0) return approx;
  if (y === 0 || x === 1) return approx;
  const ax = Math.abs(x);
  const lnMag = Math.log(ax) * y; // ≈ ln |result|
  const mag = Math.floor(lnMag * 0.434294481903252);
  const r = Math.max(0, guardDigits - mag);
  if (r > 1000) return approx;
  const s = r + 20 + Math.ceil(Math.abs(lnMag) * 0.434294481903252);
  const prod = lnFixed(exactDecimal(ax), s) * toFixed(exactDecimal(y), s);
  const v = Number(expToScale(prod, lnMag, r, 2 * s).toString());
  return x < 0 && Math.abs(y % 2) === 1 ? -v : v;
}
