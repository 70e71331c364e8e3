/**
 * Correctly rounded float8 trigonometry (sin, cos, tan, asin, acos, atan, atan2), as the C
 * library PostgreSQL calls computes them (glibc's IBM-derived functions round correctly) and
 * JavaScript's Math functions do not always (one unit in the last place off now and then).
 * Each value is computed in bigint fixed point with ~40 significant digits (π by Machin's formula,
 * Taylor series after argument reduction), then Number() of its decimal picks the nearest double.
 * Arguments are exact: a double's decimal expansion is finite.
 */
import { Numeric } from '../types/index.js';
import { exactDecimal, isqrt } from './numeric-math.js';

const sigDigits = 40;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** atan(1/n) · 10^s for an integer n > 1 (Machin's series). */
function atanInv(n: bigint, s: number): bigint {
  const one = pow10(s + 5);
  let term = one / n;
  const n2 = n * n;
  let sum = 0n;
  for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
    sum += (sign * term) / k;
    term /= n2;
  }
  return sum / 100000n;
}

const piCache = new Map<number, bigint>();
/** π · 10^s. */
function pi(s: number): bigint {
  let v = piCache.get(s);
  if (v === undefined) {
    v = 16n * atanInv(5n, s + 3) - 4n * atanInv(239n, s + 3);
    v /= 1000n;
    if (piCache.size > 64) piCache.clear();
    piCache.set(s, v);
  }
  return v;
}

/** x (finite double) as fixed point with s decimals (truncated). */
function fixed(x: number, s: number): bigint {
  const d = exactDecimal(x);
  return d.scale <= s ? d.coef * pow10(s - d.scale) : d.coef / pow10(d.scale - s);
}

function fixedToNumber(v: bigint, s: number): number {
  return Number(Numeric.of(v, s).toString());
}

/** Decimals needed for ~40 significant digits of a result near `approx`. */
function scaleFor(approx: number): number {
  const a = Math.abs(approx);
  const lead = a === 0 || !Number.isFinite(a) ? 0 : Math.floor(Math.log10(a));
  return sigDigits + Math.max(0, -lead);
}

/** sin and cos of r (|r| ≤ ~0.8) at scale s. */
function sinCosSmall(r: bigint, s: number): [bigint, bigint] {
  const one = pow10(s);
  const r2 = (r * r) / one;
  let term = r;
  let sin = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sin += term;
    term = -(term * r2) / one / ((k + 1n) * (k + 2n));
  }
  term = one;
  let cos = 0n;
  for (let k = 0n; term !== 0n; k += 2n) {
    cos += term;
    term = -(term * r2) / one / ((k + 1n) * (k + 2n));
  }
  return [sin, cos];
}

/** [sin x, cos x] at scale s for a finite double x. */
function sinCos(x: number, s: number): [bigint, bigint] {
  const mag = Math.max(0, Math.ceil(Math.log10(Math.abs(x) + 1)));
  const w = s + mag + 10;
  const xv = fixed(x, w);
  const halfPi = pi(w) / 2n;
  // k = round(x / (π/2)), r = x − k·π/2
  let k = xv / halfPi;
  let r = xv - k * halfPi;
  if (r > halfPi / 2n) {
    k += 1n;
    r -= halfPi;
  } else if (r < -halfPi / 2n) {
    k -= 1n;
    r += halfPi;
  }
  const [sn, cs] = sinCosSmall(r, w);
  const q = Number(((k % 4n) + 4n) % 4n);
  const down = pow10(w - s);
  const sinV = [sn, cs, -sn, -cs][q]!;
  const cosV = [cs, -sn, -cs, sn][q]!;
  return [sinV / down, cosV / down];
}

export function crSin(x: number, approx: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) < 1e-8) return approx;
  const s = scaleFor(approx);
  return fixedToNumber(sinCos(x, s)[0], s);
}

export function crCos(x: number, approx: number): number {
  if (!Number.isFinite(x)) return approx;
  const s = scaleFor(approx);
  return fixedToNumber(sinCos(x, s)[1], s);
}

export function crTan(x: number, approx: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) < 1e-8) return approx;
  const s = scaleFor(approx) + 5;
  const w = s + scaleFor(Math.cos(x)) - sigDigits + 5;
  const [sn, cs] = sinCos(x, w);
  if (cs === 0n) return approx;
  return fixedToNumber((sn * pow10(s)) / cs, s);
}

/** atan(v) for a fixed-point v (scale s), result at scale s. */
function atanFixed(v: bigint, s: number): bigint {
  const one = pow10(s);
  const neg = v < 0n;
  let a = neg ? -v : v;
  let invert = false;
  if (a > one) {
    a = (one * one) / a;
    invert = true;
  }
  // Halve the angle until small: atan(a) = 2·atan(a / (1 + sqrt(1 + a²))).
  let doublings = 0n;
  while (a > one / 100n) {
    a = (a * one) / (one + isqrt(one * one + a * a));
    doublings++;
  }
  const a2 = (a * a) / one;
  let term = a;
  let sum = 0n;
  for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
    sum += (sign * term) / k;
    term = (term * a2) / one;
  }
  let r = sum * 2n ** doublings;
  if (invert) r = pi(s) / 2n - r;
  return neg ? -r : r;
}

export function crAtan(x: number, approx: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) < 1e-8) return approx;
  const s = scaleFor(approx) + 5;
  const w = s + Math.max(0, Math.ceil(Math.log10(Math.abs(x)))) + 5;
  return fixedToNumber(atanFixed(fixed(x, w), w) / pow10(w - s), s);
}

export function crAsin(x: number, approx: number): number {
  if (!Number.isFinite(approx) || x === 0 || Math.abs(x) < 1e-8 || Math.abs(x) >= 1) return approx;
  const s = scaleFor(approx) + 5;
  const w = s + 20;
  const one = pow10(w);
  const xv = fixed(x, w);
  const root = isqrt(one * one - xv * xv);
  return fixedToNumber(atanFixed((xv * one) / root, w) / pow10(w - s), s);
}

export function crAcos(x: number, approx: number): number {
  if (!Number.isFinite(approx) || Math.abs(x) >= 1 || approx === 0) return approx;
  const s = scaleFor(approx) + 5;
  const w = s + 20;
  const one = pow10(w);
  const xv = fixed(x, w);
  const root = isqrt(one * one - xv * xv);
  const asin = xv === 0n ? 0n : atanFixed((xv * one) / root, w);
  return fixedToNumber((pi(w) / 2n - asin) / pow10(w - s), s);
}

export function crAtan2(y: number, x: number, approx: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0 || approx === 0) return approx;
  const s = scaleFor(approx) + 5;
  const w = s + 20 + Math.max(0, Math.ceil(Math.abs(Math.log10(Math.abs(y / x)))));
  const ratio = (fixed(y, w) * pow10(w)) / fixed(x, w);
  let a = atanFixed(ratio, w);
  if (x < 0) a += y >= 0 ? pi(w) : -pi(w);
  return fixedToNumber(a / pow10(w - s), s);
}
