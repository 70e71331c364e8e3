/**
 * Mathematical functions with PostgreSQL's overloads: integer, float8 and numeric versions where
 * PostgreSQL has them (numeric results exact for numeric inputs), its errors (22003, 22012,
 * 2201E, 2201F, 2201G) and its rounding (round(float8) rounds half to even, round(numeric) half
 * away from zero).
 */
import { SqlError } from '../errors.js';
import { Numeric, T } from '../types/index.js';
import type { Value } from '../types/index.js';
import { crExp, crLn, crPow, factorial, numericExp, numericPowFrac, numericLn, numericLog, numericSqrt } from './numeric-math.js';
import { crAcos, crAsin, crAtan, crAtan2, crCos, crSin, crTan } from './float-trig.js';
import { def } from './registry.js';

const num = (v: Value | undefined): Numeric => v as Numeric;
const f8 = (v: Value | undefined): number => v as number;
const i4 = (v: Value | undefined): number => v as number;
const i8 = (v: Value | undefined): bigint => v as bigint;

const int2Max = 32767;
const int4Max = 2147483647;
const int8Max = 9223372036854775807n;
const int8Min = -9223372036854775808n;

function intOutOfRange(t: 'smallint' | 'integer' | 'bigint'): SqlError {
  return new SqlError('22003', `${t} out of range`);
}

function checkI4(n: number): number {
  if (n > int4Max || n < -int4Max - 1) throw intOutOfRange('integer');
  return n;
}

function checkI8(n: bigint): bigint {
  if (n > int8Max || n < int8Min) throw intOutOfRange('bigint');
  return n;
}

/** A float8 result: overflow and underflow raise as PostgreSQL's float8 functions do. */
function checkF8(r: number, inf: boolean, zeroOk: boolean): number {
  if (!Number.isFinite(r) && !Number.isNaN(r) && !inf) throw new SqlError('22003', 'value out of range: overflow');
  if (r === 0 && !zeroOk) throw new SqlError('22003', 'value out of range: underflow');
  return r;
}

/** rint(): round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r === 0 && x < 0 ? -0 : r;
}

// ---------------------------------------------------------------------------------------------
// abs, sign, rounding

def('abs', [T.int2], T.int2, (a) => {
  const n = Math.abs(i4(a[0]));
  if (n > int2Max) throw intOutOfRange('smallint');
  return n;
});
def('abs', [T.int4], T.int4, (a) => checkI4(Math.abs(i4(a[0]))));
def('abs', [T.int8], T.int8, (a) => checkI8(i8(a[0]) < 0n ? -i8(a[0]) : i8(a[0])));
def('abs', [T.float4], T.float4, (a) => Math.abs(f8(a[0])));
def('abs', [T.float8], T.float8, (a) => Math.abs(f8(a[0])));
def('abs', [T.numeric], T.numeric, (a) => num(a[0]).abs());
def('sign', [T.float8], T.float8, (a) => {
  const x = f8(a[0]);
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
});
def('sign', [T.numeric], T.numeric, (a) => {
  const x = num(a[0]);
  return x.isNaN() ? x : Numeric.fromBigInt(BigInt(x.sign()));
});
def(['ceil', 'ceiling'], [T.float8], T.float8, (a) => Math.ceil(f8(a[0])));
def(['ceil', 'ceiling'], [T.numeric], T.numeric, (a) => num(a[0]).ceil());
def('floor', [T.float8], T.float8, (a) => Math.floor(f8(a[0])));
def('floor', [T.numeric], T.numeric, (a) => num(a[0]).floor());
def('round', [T.float8], T.float8, (a) => rint(f8(a[0])));
def('round', [T.numeric], T.numeric, (a) => num(a[0]).round(0));
def('round', [T.numeric, T.int4], T.numeric, (a) => num(a[0]).round(clampRoundScale(i4(a[1]))));
def('trunc', [T.float8], T.float8, (a) => Math.trunc(f8(a[0])));
def('trunc', [T.numeric], T.numeric, (a) => num(a[0]).trunc(0));
def('trunc', [T.numeric, T.int4], T.numeric, (a) => num(a[0]).trunc(clampRoundScale(i4(a[1]))));

function clampRoundScale(s: number): number {
  return Math.max(-1000, Math.min(1000, s));
}

// ---------------------------------------------------------------------------------------------
// mod, div, gcd, lcm

def('mod', [T.int2, T.int2], T.int2, (a) => intMod(i4(a[0]), i4(a[1])));
def('mod', [T.int4, T.int4], T.int4, (a) => intMod(i4(a[0]), i4(a[1])));
def('mod', [T.int8, T.int8], T.int8, (a) => {
  if (i8(a[1]) === 0n) throw new SqlError('22012', 'division by zero');
  return i8(a[0]) % i8(a[1]);
});
def('mod', [T.numeric, T.numeric], T.numeric, (a) => num(a[0]).mod(num(a[1])));
def('div', [T.numeric, T.numeric], T.numeric, (a) => num(a[0]).divTrunc(num(a[1])));

function intMod(x: number, y: number): number {
  if (y === 0) throw new SqlError('22012', 'division by zero');
  const r = x % y;
  return r === 0 ? 0 : r;
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function gcdInt(a: bigint, b: bigint, max: bigint, name: 'integer' | 'bigint'): bigint {
  const g = gcdBig(a, b);
  if (g > max) throw intOutOfRange(name);
  return g;
}

function lcmInt(a: bigint, b: bigint, max: bigint, name: 'integer' | 'bigint'): bigint {
  if (a === 0n || b === 0n) return 0n;
  const l = (a / gcdBig(a, b)) * b;
  const r = l < 0n ? -l : l;
  if (r > max) throw intOutOfRange(name);
  return r;
}

def('gcd', [T.int4, T.int4], T.int4, (a) => Number(gcdInt(BigInt(i4(a[0])), BigInt(i4(a[1])), 2147483647n, 'integer')));
def('gcd', [T.int8, T.int8], T.int8, (a) => gcdInt(i8(a[0]), i8(a[1]), int8Max, 'bigint'));
def('lcm', [T.int4, T.int4], T.int4, (a) => Number(lcmInt(BigInt(i4(a[0])), BigInt(i4(a[1])), 2147483647n, 'integer')));
def('lcm', [T.int8, T.int8], T.int8, (a) => lcmInt(i8(a[0]), i8(a[1]), int8Max, 'bigint'));

/** gcd/lcm on numeric: both at a common scale, the result at the larger display scale. */
function numericGcdLcm(x: Numeric, y: Numeric, lcm: boolean): Numeric {
  if (x.isNaN() || y.isNaN()) return Numeric.NaN;
  if (!x.isFinite() || !y.isFinite()) return Numeric.NaN;
  const s = Math.max(x.scale, y.scale);
  const cx = x.coef * 10n ** BigInt(s - x.scale);
  const cy = y.coef * 10n ** BigInt(s - y.scale);
  if (!lcm) return Numeric.of(gcdBig(cx, cy), s);
  if (cx === 0n || cy === 0n) return Numeric.of(0n, s);
  const l = (cx / gcdBig(cx, cy)) * cy;
  return Numeric.of(l < 0n ? -l : l, s);
}
def('gcd', [T.numeric, T.numeric], T.numeric, (a) => numericGcdLcm(num(a[0]), num(a[1]), false));
def('lcm', [T.numeric, T.numeric], T.numeric, (a) => numericGcdLcm(num(a[0]), num(a[1]), true));
def('factorial', [T.int8], T.numeric, (a) => factorial(i8(a[0])));

// ---------------------------------------------------------------------------------------------
// Powers, roots, logarithms

function powF8(x: number, y: number): number {
  if (x === 0 && y < 0) throw new SqlError('2201F', 'zero raised to a negative power is undefined');
  if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) {
    throw new SqlError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  }
  if (Number.isNaN(x)) return y === 0 ? 1 : NaN;
  if (Number.isNaN(y)) return x === 1 ? 1 : NaN;
  const r = crPow(x, y, Math.pow(x, y));
  return checkF8(r, !Number.isFinite(x) || !Number.isFinite(y), r !== 0 || x === 0 || !Number.isFinite(y) || Math.abs(x) < 1 === y > 0);
}
def(['power', 'pow'], [T.float8, T.float8], T.float8, (a) => powF8(f8(a[0]), f8(a[1])));
def(['power', 'pow'], [T.numeric, T.numeric], T.numeric, (a) => {
  const x = num(a[0]);
  const y = num(a[1]);
  if (x.isFinite() && y.isFinite() && !y.isInteger() && x.sign() > 0) return numericPowFrac(x, y);
  return x.pow(y);
});
def('sqrt', [T.float8], T.float8, (a) => {
  const x = f8(a[0]);
  if (x < 0) throw new SqlError('2201F', 'cannot take square root of a negative number');
  return Math.sqrt(x);
});
def('sqrt', [T.numeric], T.numeric, (a) => numericSqrt(num(a[0])));
def('cbrt', [T.float8], T.float8, (a) => cbrt(f8(a[0])));

const cbrt2 = 1.2599210498948731648; // 2^(1/3)
const sqrCbrt2 = 1.5874010519681994748; // 2^(2/3)
const cbrtFactor = [1 / sqrCbrt2, 1 / cbrt2, 1, cbrt2, sqrCbrt2];

/**
 * Cube root as the C library PostgreSQL is linked with computes it (glibc's s_cbrt: a polynomial
 * first guess on the mantissa, one Halley step, the exponent's third restored), so that results
 * print the same digits; Math.cbrt differs in the last bit for many inputs.
 */
export function cbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x + x;
  // frexp: |x| = xm · 2^xe with xm in [0.5, 1).
  let xe = Math.floor(Math.log2(Math.abs(x))) + 1;
  let xm = Math.abs(x) / 2 ** xe;
  if (xm >= 1) {
    xm /= 2;
    xe++;
  } else if (xm < 0.5) {
    xm *= 2;
    xe--;
  }
  if (!Number.isFinite(xm) || xm === 0) return Math.cbrt(x); // subnormal edge: scaling overflowed
  const u =
    0.35489576504391986 +
    (1.50819193781584896 +
      (-2.11499494167371287 + (2.4469312256353443 + (-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * xm) * xm) * xm) * xm) * xm) *
      xm;
  const t2 = u * u * u;
  const ym = ((u * (t2 + 2 * xm)) / (2 * t2 + xm)) * cbrtFactor[2 + (xe % 3)]!;
  const e = Math.trunc(xe / 3);
  return (x > 0 ? ym : -ym) * 2 ** e;
}
def('exp', [T.float8], T.float8, (a) => {
  const x = f8(a[0]);
  const r = crExp(x, Math.exp(x));
  return checkF8(r, !Number.isFinite(x), Number.isFinite(x) ? r !== 0 : true);
});
def('exp', [T.numeric], T.numeric, (a) => numericExp(num(a[0])));

function lnF8(x: number): number {
  if (x === 0) throw new SqlError('2201E', 'cannot take logarithm of zero');
  if (x < 0) throw new SqlError('2201E', 'cannot take logarithm of a negative number');
  return crLn(x, Math.log(x));
}
def('ln', [T.float8], T.float8, (a) => lnF8(f8(a[0])));
def('ln', [T.numeric], T.numeric, (a) => numericLn(num(a[0])));
def(['log', 'log10'], [T.float8], T.float8, (a) => {
  lnF8(f8(a[0]));
  return Math.log10(f8(a[0]));
});
def(['log', 'log10'], [T.numeric], T.numeric, (a) => numericLog(Numeric.fromBigInt(10n), num(a[0])));
def('log', [T.numeric, T.numeric], T.numeric, (a) => numericLog(num(a[0]), num(a[1])));

// ---------------------------------------------------------------------------------------------
// Trigonometry and constants

/** PostgreSQL's RADIANS_PER_DEGREE: degrees() divides by it, radians() multiplies by it. */
const radiansPerDegree = 0.0174532925199432957692;
def('pi', [], T.float8, () => Math.PI);
def('degrees', [T.float8], T.float8, (a) => f8(a[0]) / radiansPerDegree);
def('radians', [T.float8], T.float8, (a) => f8(a[0]) * radiansPerDegree);

function trig(name: string, f: (x: number) => number, domain: (x: number) => boolean): void {
  def(name, [T.float8], T.float8, (a) => {
    const x = f8(a[0]);
    if (Number.isNaN(x)) return NaN;
    if (!domain(x)) throw new SqlError('22003', 'input is out of range');
    return f(x);
  });
}
const finite = (x: number): boolean => Number.isFinite(x);
trig('sin', (x) => crSin(x, Math.sin(x)), finite);
trig('cos', (x) => crCos(x, Math.cos(x)), finite);
trig('tan', (x) => crTan(x, Math.tan(x)), finite);
trig('cot', (x) => 1 / crTan(x, Math.tan(x)), finite);
trig('asin', (x) => crAsin(x, Math.asin(x)), (x) => x >= -1 && x <= 1);
trig('acos', (x) => crAcos(x, Math.acos(x)), (x) => x >= -1 && x <= 1);
trig('atan', (x) => crAtan(x, Math.atan(x)), () => true);
trig('sinh', Math.sinh, () => true);
trig('cosh', Math.cosh, () => true);
trig('tanh', Math.tanh, () => true);
def('atan2', [T.float8, T.float8], T.float8, (a) => crAtan2(f8(a[0]), f8(a[1]), Math.atan2(f8(a[0]), f8(a[1]))));

// ---------------------------------------------------------------------------------------------
// random / setseed: a seeded generator (xorshift128+ over two 32-bit halves), process-wide.

let s0 = (Math.random() * 0x100000000) >>> 0 || 1;
let s1 = (Math.random() * 0x100000000) >>> 0 || 2;
let s2 = (Math.random() * 0x100000000) >>> 0 || 3;
let s3 = (Math.random() * 0x100000000) >>> 0 || 4;

/** xoshiro128** step → 32 random bits. */
function next32(): number {
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function random(): number {
  // 53 random bits → [0, 1).
  const hi = next32() >>> 5;
  const lo = next32() >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

def('random', [], T.float8, () => random(), { volatility: 'volatile' });
def(
  'setseed',
  [T.float8],
  T.void,
  (a) => {
    const x = f8(a[0]);
    if (!(x >= -1 && x <= 1)) throw new SqlError('22003', `setseed parameter ${x} is out of allowed range [-1,1]`);
    const seed = Math.floor(x * 2147483647) | 0;
    s0 = seed ^ 0x9e3779b9 || 1;
    s1 = Math.imul(seed, 0x85ebca6b) ^ 0xc2b2ae35;
    s2 = 0x27d4eb2f;
    s3 = 0x165667b1;
    for (let i = 0; i < 8; i++) next32();
    return null;
  },
  { volatility: 'volatile' },
);

// ---------------------------------------------------------------------------------------------
// width_bucket

function bucketF8(op: number, lo: number, hi: number, count: number): number {
  if (count <= 0) throw new SqlError('2201G', 'count must be greater than zero');
  if (Number.isNaN(op) || Number.isNaN(lo) || Number.isNaN(hi)) {
    throw new SqlError('2201G', 'operand, lower bound, and upper bound cannot be NaN');
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new SqlError('2201G', 'lower and upper bounds must be finite');
  if (lo === hi) throw new SqlError('2201G', 'lower bound cannot equal upper bound');
  let r: number;
  if (lo < hi) {
    if (op < lo) r = 0;
    else if (op >= hi) r = count + 1;
    else r = Math.floor(((op - lo) / (hi - lo)) * count) + 1;
  } else {
    if (op > lo) r = 0;
    else if (op <= hi) r = count + 1;
    else r = Math.floor(((lo - op) / (lo - hi)) * count) + 1;
  }
  return checkI4(Math.min(r, count + 1));
}
def('width_bucket', [T.float8, T.float8, T.float8, T.int4], T.int4, (a) => bucketF8(f8(a[0]), f8(a[1]), f8(a[2]), i4(a[3])));
def('width_bucket', [T.numeric, T.numeric, T.numeric, T.int4], T.int4, (a) => {
  const [op, lo, hi] = [num(a[0]), num(a[1]), num(a[2])];
  const count = i4(a[3]);
  if (count <= 0) throw new SqlError('2201G', 'count must be greater than zero');
  if (op.isNaN() || lo.isNaN() || hi.isNaN()) throw new SqlError('2201G', 'operand, lower bound, and upper bound cannot be NaN');
  if (!lo.isFinite() || !hi.isFinite()) throw new SqlError('2201G', 'lower and upper bounds must be finite');
  const c = lo.cmp(hi);
  if (c === 0) throw new SqlError('2201G', 'lower bound cannot equal upper bound');
  const n = Numeric.fromBigInt(BigInt(count));
  if (c < 0) {
    if (op.cmp(lo) < 0) return 0;
    if (op.cmp(hi) >= 0) return checkI4(count + 1);
    return Number(op.sub(lo).mul(n).divTrunc(hi.sub(lo)).toBigInt()) + 1;
  }
  if (op.cmp(lo) > 0) return 0;
  if (op.cmp(hi) <= 0) return checkI4(count + 1);
  return Number(lo.sub(op).mul(n).divTrunc(lo.sub(hi)).toBigInt()) + 1;
});

