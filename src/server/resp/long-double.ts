/**
 * INCRBYFLOAT and HINCRBYFLOAT arithmetic as Redis does it on x86-64: numbers are C `long double`
 * (80-bit x87, a 64-bit mantissa), parsed with strtold, added with one rounding, and printed with
 * "%.17Lf" minus trailing zeros. So 0.1 + 0.2 is "0.3" (not 0.30000000000000004) and
 * 12345678901234567890 + 1 is exact. Emulated exactly with BigInt: a value is m · 2^e with
 * 2^63 <= m < 2^64 (or zero), rounded to nearest, ties to even.
 */

interface LongDouble {
  neg: boolean;
  /** Mantissa: 0 (the value is zero) or in [2^63, 2^64). */
  m: bigint;
  e: number;
}

const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;
/** Largest binary exponent of a long double: values at or past 2^16384 are infinite. */
const MAX_EXP2 = 16384;
/** Longest number text Redis parses as a long double (MAX_LONG_DOUBLE_CHARS). */
const textBytesMax = 5 * 1024;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** num/den (positive) rounded to a 64-bit mantissa. */
function fromRatio(neg: boolean, num: bigint, den: bigint): LongDouble {
  if (num === 0n) return { neg, m: 0n, e: 0 };
  let e = bitLength(num) - bitLength(den) - 64;
  for (;;) {
    const n2 = e >= 0 ? num : num << BigInt(-e);
    const d2 = e >= 0 ? den << BigInt(e) : den;
    let q = n2 / d2;
    if (q >= TWO64) {
      e++;
      continue;
    }
    if (q < TWO63) {
      e--;
      continue;
    }
    const r2 = (n2 - q * d2) * 2n;
    if (r2 > d2 || (r2 === d2 && (q & 1n) === 1n)) q++;
    if (q === TWO64) return { neg, m: TWO63, e: e + 1 };
    return { neg, m: q, e };
  }
}

/** Parse as strtold does (decimal, hex with p-exponent, inf); null for anything else or NaN. */
export function parseLongDouble(text: string): LongDouble | null {
  if (text.length === 0 || text.length > textBytesMax) return null;
  if (/^[+-]?inf(inity)?$/i.test(text)) return { neg: text[0] === '-', m: TWO63, e: MAX_EXP2 };
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (dec !== null) {
    const int = dec[2] ?? '';
    const frac = dec[3] ?? '';
    if (int === '' && frac === '') return null;
    const exp = Number(dec[4] ?? '0') - frac.length;
    if (!Number.isFinite(exp) || Math.abs(exp) > 100_000) return null;
    const digits = BigInt(int + frac);
    return exp >= 0 ? fromRatio(dec[1] === '-', digits * 10n ** BigInt(exp), 1n) : fromRatio(dec[1] === '-', digits, 10n ** BigInt(-exp));
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(text);
  if (hex !== null) {
    const int = hex[2] ?? '';
    const frac = hex[3] ?? '';
    if (int === '' && frac === '') return null;
    const exp = Number(hex[4] ?? '0') - 4 * frac.length;
    if (!Number.isFinite(exp) || Math.abs(exp) > 100_000) return null;
    const digits = BigInt(`0x${int + frac || '0'}`);
    return exp >= 0 ? fromRatio(hex[1] === '-', digits << BigInt(exp), 1n) : fromRatio(hex[1] === '-', digits, 1n << BigInt(-exp));
  }
  return null;
}

function isInfinite(x: LongDouble): boolean {
  return x.m !== 0n && x.e + 64 > MAX_EXP2;
}

/** a + b with one rounding. */
function add(a: LongDouble, b: LongDouble): LongDouble {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const av = (a.m << BigInt(a.e - e)) * (a.neg ? -1n : 1n);
  const bv = (b.m << BigInt(b.e - e)) * (b.neg ? -1n : 1n);
  const s = av + bv;
  if (s === 0n) return { neg: false, m: 0n, e: 0 };
  const neg = s < 0n;
  const mag = neg ? -s : s;
  return e >= 0 ? fromRatio(neg, mag << BigInt(e), 1n) : fromRatio(neg, mag, 1n << BigInt(-e));
}

/** "%.17Lf" with trailing zeros (and a bare point) removed, "-0" as "0": Redis's LD_STR_HUMAN. */
function format(x: LongDouble): string {
  let q: bigint;
  const scale = 10n ** 17n;
  if (x.e >= 0) {
    q = (x.m << BigInt(x.e)) * scale;
  } else {
    const num = x.m * scale;
    const sh = BigInt(-x.e);
    q = num >> sh;
    const r2 = (num - (q << sh)) * 2n;
    const den = 1n << sh;
    if (r2 > den || (r2 === den && (q & 1n) === 1n)) q++;
  }
  let digits = q.toString().padStart(18, '0');
  digits = `${digits.slice(0, -17)}.${digits.slice(-17)}`.replace(/0+$/, '').replace(/\.$/, '');
  if (x.neg && digits !== '0') digits = `-${digits}`;
  return digits;
}

/** Whether `text` is a finite long double (null: it does not parse). */
export function longDoubleFinite(text: string): boolean | null {
  const x = parseLongDouble(text);
  return x === null ? null : !isInfinite(x);
}

/**
 * The text INCRBYFLOAT stores and replies: `current` (null: absent, i.e. 0) plus `increment`.
 * Returns 'bad-current' / 'bad-increment' when one does not parse, 'not-finite' when the sum is
 * infinite (Redis: "increment would produce NaN or Infinity").
 */
export function incrByFloat(current: string | null, increment: string): string | 'bad-current' | 'bad-increment' | 'not-finite' {
  const by = parseLongDouble(increment);
  if (by === null) return 'bad-increment';
  const cur = current === null ? { neg: false, m: 0n, e: 0 } : parseLongDouble(current);
  if (cur === null) return 'bad-current';
  if (isInfinite(by) || isInfinite(cur)) return 'not-finite';
  const sum = add(cur, by);
  if (isInfinite(sum)) return 'not-finite';
  return format(sum);
}
