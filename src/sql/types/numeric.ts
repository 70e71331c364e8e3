/**
 * Numeric: PostgreSQL's exact decimal type.
 *
 * A finite value is `coef × 10^-scale` where `coef` is a signed bigint and `scale` (≥ 0) is the
 * *display scale*: the number of digits shown after the decimal point. `1.10` is (110, 2) and stays
 * so; `1.10 + 2` keeps scale 2 and prints `3.10`, as PostgreSQL does. Equal values may have
 * different scales (1.0 = 1.00): compare with `cmp`, hash with `key()`.
 *
 * The special values NaN, Infinity and -Infinity (PostgreSQL 14+) are flags; their coef is 0.
 * PostgreSQL's order puts NaN above every other value (NaN = NaN), Infinity above every finite.
 *
 * Scale rules (PostgreSQL's numeric.c): add/sub → max(s1, s2); mul → s1 + s2; div → at least 16
 * significant digits (select_div_scale), at least max(s1, s2), at most 1000, rounded half away
 * from zero; mod → max(s1, s2).
 */
import { SqlError } from '../errors.js';

const enum Kind {
  Finite = 0,
  NaN = 1,
  PosInf = 2,
  NegInf = 3,
}

/** NUMERIC_MIN_SIG_DIGITS: significant digits a division result gets at least. */
const minSigDigits = 16;
/** NUMERIC_MAX_DISPLAY_SCALE. */
export const numericMaxDisplayScale = 1000;
/** NUMERIC_MAX_PRECISION: the largest p in numeric(p,s). */
export const numericMaxPrecision = 1000;
/** Digits before the decimal point PostgreSQL can store (weight limit 131072 decimal digits). */
const maxIntegerDigits = 131072;

const pow10Cache: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) {
    let p = pow10Cache[n];
    if (p === undefined) {
      p = 10n ** BigInt(n);
      pow10Cache[n] = p;
    }
    return p;
  }
  return 10n ** BigInt(n);
}

function abs(b: bigint): bigint {
  return b < 0n ? -b : b;
}

/** n / d rounded half away from zero (d ≠ 0). */
export function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  if (2n * abs(r) >= abs(d)) return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
  return q;
}

function decimalDigits(b: bigint): number {
  return b === 0n ? 0 : abs(b).toString().length;
}

function invalid(s: string): SqlError {
  return new SqlError('22P02', `invalid input syntax for type numeric: "${s}"`);
}

export class Numeric {
  private readonly kind: Kind;
  /** The signed coefficient (0 for the special values). */
  readonly coef: bigint;
  /** The display scale: digits after the decimal point (0 for the special values). */
  readonly scale: number;

  private constructor(kind: Kind, coef: bigint, scale: number) {
    this.kind = kind;
    this.coef = coef;
    this.scale = scale;
  }

  static readonly NaN = new Numeric(Kind.NaN, 0n, 0);
  static readonly Infinity = new Numeric(Kind.PosInf, 0n, 0);
  static readonly NegativeInfinity = new Numeric(Kind.NegInf, 0n, 0);
  static readonly zero = new Numeric(Kind.Finite, 0n, 0);
  static readonly one = new Numeric(Kind.Finite, 1n, 0);

  /** coef × 10^-scale. */
  static of(coef: bigint, scale = 0): Numeric {
    if (scale < 0) return new Numeric(Kind.Finite, coef * pow10(-scale), 0);
    return new Numeric(Kind.Finite, coef, scale);
  }

  static fromBigInt(b: bigint): Numeric {
    return new Numeric(Kind.Finite, b, 0);
  }

  /**
   * A JavaScript number as float8 → numeric converts it: 15 significant digits (DBL_DIG), or
   * `digits` (6 for float4). NaN and ±Infinity map to the special values.
   */
  static fromNumber(n: number, digits = 15): Numeric {
    if (Number.isNaN(n)) return Numeric.NaN;
    if (n === Infinity) return Numeric.Infinity;
    if (n === -Infinity) return Numeric.NegativeInfinity;
    if (Number.isInteger(n) && Math.abs(n) < 1e15) return new Numeric(Kind.Finite, BigInt(n), 0);
    return Numeric.fromString(n.toPrecision(digits)).stripTrailingZeros();
  }

  /** numeric's input function: `  -1.50e3 `, `.5`, `5.`, `NaN`, `Infinity`, `-inf` (case-insensitive). */
  static fromString(s: string): Numeric {
    const r = Numeric.tryParse(s);
    if (r === undefined) throw invalid(s);
    return r;
  }

  /** As fromString, undefined on bad syntax (still throws on overflow). */
  static tryParse(s: string): Numeric | undefined {
    let i = 0;
    let end = s.length;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
    if (i === end) return undefined;
    let neg = false;
    const c0 = s.charCodeAt(i);
    if (c0 === 43 || c0 === 45) {
      neg = c0 === 45;
      i++;
    }
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      if (c !== 46) {
        const word = s.slice(i, end).toLowerCase();
        if (word === 'nan' && c0 !== 43 && c0 !== 45) return Numeric.NaN;
        if (word === 'infinity' || word === 'inf') return neg ? Numeric.NegativeInfinity : Numeric.Infinity;
        return undefined;
      }
    }
    let digits = '';
    let frac = 0;
    let seenDigit = false;
    let seenPoint = false;
    for (; i < end; i++) {
      const ch = s.charCodeAt(i);
      if (ch >= 48 && ch <= 57) {
        seenDigit = true;
        digits += s[i];
        if (seenPoint) frac++;
      } else if (ch === 95 && seenDigit && i + 1 < end && isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i - 1))) {
        // PostgreSQL 16 accepts underscores; 15 does not.
        return undefined;
      } else if (ch === 46 && !seenPoint) {
        seenPoint = true;
      } else break;
    }
    if (!seenDigit) return undefined;
    let exp = 0;
    if (i < end && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
      i++;
      let eneg = false;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) {
        eneg = s.charCodeAt(i) === 45;
        i++;
      }
      const start = i;
      while (i < end && isDigit(s.charCodeAt(i))) i++;
      if (i === start) return undefined;
      const e = Number(s.slice(start, i));
      if (e > 1000 + maxIntegerDigits) throw new SqlError('22003', 'value overflows numeric format');
      exp = eneg ? -e : e;
    }
    if (i !== end) return undefined;
    let coef = BigInt(digits);
    if (neg) coef = -coef;
    let scale = frac - exp;
    if (scale < 0) {
      coef *= pow10(-scale);
      scale = 0;
    }
    if (scale > numericMaxDisplayScale) {
      // PostgreSQL rounds input to the maximum display scale.
      coef = divRound(coef, pow10(scale - numericMaxDisplayScale));
      scale = numericMaxDisplayScale;
    }
    const n = new Numeric(Kind.Finite, coef, scale);
    if (n.integerDigits() > maxIntegerDigits) throw new SqlError('22003', 'value overflows numeric format');
    return n;
  }

  isNaN(): boolean {
    return this.kind === Kind.NaN;
  }
  isFinite(): boolean {
    return this.kind === Kind.Finite;
  }
  isInfinite(): boolean {
    return this.kind === Kind.PosInf || this.kind === Kind.NegInf;
  }
  isZero(): boolean {
    return this.kind === Kind.Finite && this.coef === 0n;
  }
  /** -1, 0 or 1 (NaN → 0 is never asked: callers check isNaN first). */
  sign(): number {
    if (this.kind === Kind.PosInf) return 1;
    if (this.kind === Kind.NegInf) return -1;
    if (this.kind === Kind.NaN) return 0;
    return this.coef > 0n ? 1 : this.coef < 0n ? -1 : 0;
  }
  /** Is the value a whole number (finite)? */
  isInteger(): boolean {
    return this.kind === Kind.Finite && (this.scale === 0 || this.coef % pow10(this.scale) === 0n);
  }

  /** Digits before the decimal point of |value| (0 for |value| < 1). */
  integerDigits(): number {
    const d = decimalDigits(this.coef) - this.scale;
    return d > 0 ? d : 0;
  }

  /** numeric's output function. */
  toString(): string {
    switch (this.kind) {
      case Kind.NaN:
        return 'NaN';
      case Kind.PosInf:
        return 'Infinity';
      case Kind.NegInf:
        return '-Infinity';
      case Kind.Finite:
        break;
    }
    const neg = this.coef < 0n;
    let d = abs(this.coef).toString();
    if (this.scale === 0) return neg ? '-' + d : d;
    if (d.length <= this.scale) d = '0'.repeat(this.scale - d.length + 1) + d;
    const cut = d.length - this.scale;
    const s = d.slice(0, cut) + '.' + d.slice(cut);
    return neg ? '-' + s : s;
  }

  /** A primitive equal for equal values (1.0 and 1.00 share it). */
  key(): string {
    if (this.kind !== Kind.Finite) return this.toString();
    return this.stripTrailingZeros().toString();
  }

  /** The same value with the smallest display scale that shows it exactly. */
  stripTrailingZeros(): Numeric {
    if (this.kind !== Kind.Finite || this.scale === 0) return this;
    if (this.coef === 0n) return Numeric.zero;
    let c = this.coef;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === this.scale ? this : new Numeric(Kind.Finite, c, s);
  }

  /** float8 value (nearest double). */
  toNumber(): number {
    switch (this.kind) {
      case Kind.NaN:
        return NaN;
      case Kind.PosInf:
        return Infinity;
      case Kind.NegInf:
        return -Infinity;
      case Kind.Finite:
        return this.scale === 0 ? Number(this.coef) : Number(this.toString());
    }
  }

  /** Rounded (half away from zero) to an integer; throws 22003 for NaN/Infinity with `typeName`'s message. */
  toBigInt(typeName = 'bigint'): bigint {
    if (this.kind === Kind.NaN) throw new SqlError('0A000', `cannot convert NaN to ${typeName}`);
    if (this.kind !== Kind.Finite) throw new SqlError('0A000', `cannot convert infinity to ${typeName}`);
    return this.scale === 0 ? this.coef : divRound(this.coef, pow10(this.scale));
  }

  /** The value with display scale `scale`, rounded half away from zero (round(x, s) for s ≥ 0; s < 0 rounds left of the point and keeps scale 0). */
  round(scale: number): Numeric {
    if (this.kind !== Kind.Finite) return this;
    if (scale >= this.scale) return scale === this.scale ? this : new Numeric(Kind.Finite, this.coef * pow10(scale - this.scale), scale);
    if (scale >= 0) return new Numeric(Kind.Finite, divRound(this.coef, pow10(this.scale - scale)), scale);
    const q = divRound(this.coef, pow10(this.scale - scale));
    return new Numeric(Kind.Finite, q * pow10(-scale), 0);
  }

  /** Truncated toward zero to `scale` digits (trunc(x, s)). */
  trunc(scale: number): Numeric {
    if (this.kind !== Kind.Finite) return this;
    if (scale >= this.scale) return scale === this.scale ? this : new Numeric(Kind.Finite, this.coef * pow10(scale - this.scale), scale);
    if (scale >= 0) return new Numeric(Kind.Finite, this.coef / pow10(this.scale - scale), scale);
    const q = this.coef / pow10(this.scale - scale);
    return new Numeric(Kind.Finite, q * pow10(-scale), 0);
  }

  /** floor(x), scale 0. */
  floor(): Numeric {
    if (this.kind !== Kind.Finite || this.scale === 0) return this;
    const p = pow10(this.scale);
    let q = this.coef / p;
    if (this.coef < 0n && q * p !== this.coef) q -= 1n;
    return new Numeric(Kind.Finite, q, 0);
  }

  /** ceil(x), scale 0. */
  ceil(): Numeric {
    if (this.kind !== Kind.Finite || this.scale === 0) return this;
    const p = pow10(this.scale);
    let q = this.coef / p;
    if (this.coef > 0n && q * p !== this.coef) q += 1n;
    return new Numeric(Kind.Finite, q, 0);
  }

  /**
   * Apply numeric(precision, scale): round to `scale`, then raise 22003 `numeric field overflow`
   * when the integer part needs more than precision - scale digits.
   */
  applyTypmod(precision: number, scale: number): Numeric {
    if (this.kind === Kind.NaN) return this;
    if (this.kind !== Kind.Finite) {
      throw new SqlError('22003', 'numeric field overflow', {
        detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
      });
    }
    const r = this.round(scale);
    const maxDigits = precision - scale;
    if (r.coef !== 0n && decimalDigits(r.coef) - scale > maxDigits) {
      throw new SqlError('22003', 'numeric field overflow', {
        detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxDigits > 0 ? '10^' + maxDigits : '1'}.`,
      });
    }
    return r;
  }

  neg(): Numeric {
    switch (this.kind) {
      case Kind.NaN:
        return this;
      case Kind.PosInf:
        return Numeric.NegativeInfinity;
      case Kind.NegInf:
        return Numeric.Infinity;
      case Kind.Finite:
        return this.coef === 0n ? this : new Numeric(Kind.Finite, -this.coef, this.scale);
    }
  }

  abs(): Numeric {
    if (this.kind === Kind.NegInf) return Numeric.Infinity;
    if (this.kind === Kind.Finite && this.coef < 0n) return new Numeric(Kind.Finite, -this.coef, this.scale);
    return this;
  }

  add(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      if (this.kind === Kind.Finite) return o;
      if (o.kind === Kind.Finite || o.kind === this.kind) return this;
      return Numeric.NaN;
    }
    if (this.scale === o.scale) return new Numeric(Kind.Finite, this.coef + o.coef, this.scale);
    if (this.scale > o.scale) return new Numeric(Kind.Finite, this.coef + o.coef * pow10(this.scale - o.scale), this.scale);
    return new Numeric(Kind.Finite, this.coef * pow10(o.scale - this.scale) + o.coef, o.scale);
  }

  sub(o: Numeric): Numeric {
    return this.add(o.neg());
  }

  mul(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      const s = this.sign() * o.sign();
      return s === 0 ? Numeric.NaN : s > 0 ? Numeric.Infinity : Numeric.NegativeInfinity;
    }
    let scale = this.scale + o.scale;
    let coef = this.coef * o.coef;
    if (scale > numericMaxDisplayScale) {
      coef = divRound(coef, pow10(scale - numericMaxDisplayScale));
      scale = numericMaxDisplayScale;
    }
    return new Numeric(Kind.Finite, coef, scale);
  }

  /** Division with PostgreSQL's result scale; 22012 on zero divisor. */
  div(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      if (this.kind !== Kind.Finite) {
        if (o.kind !== Kind.Finite) return Numeric.NaN;
        if (o.coef === 0n) throw new SqlError('22012', 'division by zero');
        return this.sign() * o.sign() > 0 ? Numeric.Infinity : Numeric.NegativeInfinity;
      }
      return Numeric.zero;
    }
    if (o.coef === 0n) throw new SqlError('22012', 'division by zero');
    return this.divScale(o, divScale(this, o));
  }

  /** Division rounded to `rscale` digits after the point (half away from zero). */
  divScale(o: Numeric, rscale: number): Numeric {
    if (o.coef === 0n) throw new SqlError('22012', 'division by zero');
    const n = this.coef * pow10(rscale + o.scale);
    const d = o.coef * pow10(this.scale);
    return new Numeric(Kind.Finite, divRound(n, d), rscale);
  }

  /** Integer quotient truncated toward zero (div(x, y)). */
  divTrunc(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      if (o.isZero()) throw new SqlError('22012', 'division by zero');
      if (this.kind !== Kind.Finite) return o.kind !== Kind.Finite ? Numeric.NaN : this.sign() * o.sign() > 0 ? Numeric.Infinity : Numeric.NegativeInfinity;
      return Numeric.zero;
    }
    if (o.coef === 0n) throw new SqlError('22012', 'division by zero');
    return new Numeric(Kind.Finite, (this.coef * pow10(o.scale)) / (o.coef * pow10(this.scale)), 0);
  }

  /** Remainder with the dividend's sign; scale max(s1, s2). */
  mod(o: Numeric): Numeric {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) {
      if (this.kind === Kind.NaN || o.kind === Kind.NaN) return Numeric.NaN;
      if (this.kind !== Kind.Finite) {
        if (o.isZero()) throw new SqlError('22012', 'division by zero');
        return Numeric.NaN;
      }
      return this;
    }
    if (o.coef === 0n) throw new SqlError('22012', 'division by zero');
    const scale = this.scale > o.scale ? this.scale : o.scale;
    const a = this.coef * pow10(scale - this.scale);
    const b = o.coef * pow10(scale - o.scale);
    return new Numeric(Kind.Finite, a % b, scale);
  }

  /** Total order: -Infinity < finite < Infinity < NaN; NaN = NaN. */
  cmp(o: Numeric): number {
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) return rank(this.kind) - rank(o.kind);
    if (this.scale === o.scale) return this.coef < o.coef ? -1 : this.coef > o.coef ? 1 : 0;
    const a = this.scale > o.scale ? this.coef : this.coef * pow10(o.scale - this.scale);
    const b = o.scale > this.scale ? o.coef : o.coef * pow10(this.scale - o.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(o: Numeric): boolean {
    return this.cmp(o) === 0;
  }

  /**
   * numeric ^ numeric. Integer exponents are exact (scale max(16, base scale), as PostgreSQL's
   * power_var_int); other exponents go through float8 (about 15 significant digits).
   */
  pow(o: Numeric): Numeric {
    if (this.kind === Kind.NaN || o.kind === Kind.NaN) {
      if (this.kind === Kind.Finite && this.coef === pow10(this.scale)) return Numeric.one.round(minSigDigits);
      if (o.isZero()) return Numeric.one.round(minSigDigits);
      return Numeric.NaN;
    }
    if (this.isZero() && o.sign() < 0) throw new SqlError('2201F', 'zero raised to a negative power is undefined');
    if (this.sign() < 0 && !o.isInteger() && o.kind === Kind.Finite) {
      throw new SqlError('2201F', 'a negative number raised to a non-integer power yields a complex result');
    }
    if (this.kind !== Kind.Finite || o.kind !== Kind.Finite) return Numeric.fromNumber(Math.pow(this.toNumber(), o.toNumber()));
    const rscale = Math.min(Math.max(minSigDigits, this.scale, o.scale), numericMaxDisplayScale);
    if (o.isInteger()) {
      const e = o.toBigInt();
      if (e === 0n) return Numeric.one.round(rscale);
      const ae = e < 0n ? -e : e;
      const weight = Math.abs(Math.log10(Math.abs(this.toNumber()) || 1) * Number(ae));
      if (weight > maxIntegerDigits) {
        if (e > 0n || Math.abs(this.toNumber()) < 1) throw new SqlError('22003', 'value overflows numeric format');
        return Numeric.zero.round(rscale);
      }
      const num = this.coef ** ae;
      const scale = this.scale * Number(ae);
      const p = new Numeric(Kind.Finite, num, scale);
      if (e > 0n) return p.round(Math.max(rscale, 0));
      return Numeric.one.divScale(p, rscale);
    }
    return powFraction(this, o);
  }
}

function rank(k: Kind): number {
  switch (k) {
    case Kind.NegInf:
      return -2;
    case Kind.Finite:
      return 0;
    case Kind.PosInf:
      return 2;
    case Kind.NaN:
      return 3;
  }
}

/** PostgreSQL's base-10000 weight and leading digit of a nonzero finite value. */
function weightAndFirst(n: Numeric): [number, bigint] {
  if (n.coef === 0n) return [0, 0n];
  const e10 = decimalDigits(n.coef) - 1 - n.scale;
  const weight = Math.floor(e10 / 4);
  const shift = n.scale + 4 * weight;
  const a = abs(n.coef);
  const first = shift >= 0 ? a / pow10(shift) : a * pow10(-shift);
  return [weight, first];
}

/** select_div_scale: the result scale PostgreSQL gives a / b. */
function divScale(a: Numeric, b: Numeric): number {
  const [w1, f1] = weightAndFirst(a);
  const [w2, f2] = weightAndFirst(b);
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  let rscale = minSigDigits - qweight * 4;
  rscale = Math.max(rscale, a.scale, b.scale, 0);
  return Math.min(rscale, numericMaxDisplayScale);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// ---------------------------------------------------------------------------------------------
// x ^ y for a non-integer y: exp(y · ln x) in bigint fixed point with guard digits, rounded to
// the scale PostgreSQL's power_var picks (16 significant digits of the estimated result).

/** Integer square root (floor) of n ≥ 0. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
    x = y;
  }
}

/** x as fixed point with `s` decimals (truncated). */
function fixed(x: Numeric, s: number): bigint {
  return x.scale <= s ? x.coef * pow10(s - x.scale) : x.coef / pow10(x.scale - s);
}

/** ln(v) for a fixed-point v (scale s) in [1, 10]. */
function lnUnit(v: bigint, s: number): bigint {
  const one = pow10(s);
  const close = one / 1000n;
  let doublings = 0n;
  // Square roots bring v near 1, where the atanh series converges fast.
  while (v - one > close) {
    v = isqrt(v * one);
    doublings++;
  }
  const z = ((v - one) * one) / (v + one);
  const z2 = (z * z) / one;
  let sum = 0n;
  let power = z;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power = (power * z2) / one;
  }
  return (2n * sum) << doublings;
}

const ln10s = new Map<number, bigint>();

/** ln(x) of a finite x > 0 in fixed point with s decimals. */
function lnFixed(x: Numeric, s: number): bigint {
  const e = decimalDigits(x.coef) - 1 - x.scale; // x = m · 10^e, 1 ≤ m < 10
  const m = fixed(Numeric.of(x.coef, x.scale + e), s);
  let ln10 = ln10s.get(s);
  if (ln10 === undefined) {
    ln10 = lnUnit(10n * pow10(s), s);
    ln10s.set(s, ln10);
  }
  return lnUnit(m, s) + BigInt(e) * ln10;
}

/** exp(v) for a fixed-point v (scale s), in fixed point with the same scale. */
function expFixed(v: bigint, s: number): bigint {
  const one = pow10(s);
  const neg = v < 0n;
  let a = neg ? -v : v;
  let halvings = 0;
  while (a > one / 100n) {
    a /= 2n;
    halvings++;
  }
  let sum = one;
  let term = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * a) / one / n;
    sum += term;
  }
  for (let i = 0; i < halvings; i++) sum = (sum * sum) / one;
  return neg ? (one * one) / sum : sum;
}

function powFraction(x: Numeric, y: Numeric): Numeric {
  // Estimated log10 of the result sizes the scale and the working precision.
  const log10x = Math.log10(Math.abs(x.toNumber())) || (decimalDigits(x.coef) - x.scale);
  const log10r = log10x * y.toNumber();
  if (log10r > maxIntegerDigits) throw new SqlError('22003', 'value overflows numeric format');
  let rscale = minSigDigits - Math.trunc(log10r);
  rscale = Math.min(Math.max(rscale, x.scale, y.scale, 0), numericMaxDisplayScale);
  if (log10r < -rscale - 1) return Numeric.of(0n, rscale);
  const s = rscale + 24 + Math.ceil(Math.abs(log10r)) + decimalDigits(y.coef) - y.scale;
  const product = (lnFixed(x, s) * fixed(y, s)) / pow10(s);
  const r = expFixed(product, s);
  return Numeric.of(divRound(r, pow10(s - rscale)), rscale);
}
