/**
 * real and double precision text forms, as PostgreSQL 15 writes them with extra_float_digits ≥ 1:
 * the shortest digits that read back to the same value, in fixed notation when the decimal
 * exponent is in [-4, P) (P = 15 for float8, 6 for float4) and as `d.ddde+XX` otherwise.
 * extra_float_digits ≤ 0 rounds to P + extra_float_digits significant digits (%g).
 */
import { SqlError } from '../errors.js';

const floatSyntax = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function typeLabel(float4: boolean): string {
  return float4 ? 'real' : 'double precision';
}

/** float4in / float8in. */
export function parseFloat8(text: string, float4: boolean): number {
  const s = text.trim();
  if (!floatSyntax.test(s)) {
    const w = s.toLowerCase();
    if (w === 'nan') return NaN;
    if (w === 'infinity' || w === '+infinity' || w === 'inf' || w === '+inf') return Infinity;
    if (w === '-infinity' || w === '-inf') return -Infinity;
    throw new SqlError('22P02', `invalid input syntax for type ${typeLabel(float4)}: "${text}"`);
  }
  const d = Number(s);
  const v = float4 ? Math.fround(d) : d;
  if (!Number.isFinite(v) || (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, '')))) {
    throw new SqlError('22003', `"${text}" is out of range for type ${typeLabel(float4)}`);
  }
  return v;
}

/**
 * Is the decimal `s` exactly halfway between x and a neighbouring value? (x > 0 is an integer
 * ≥ 2^53 for float8, ≥ 2^24 for float4; `mantissaBits` 52 or 23.) PostgreSQL's Ryu never prints
 * such a boundary value although round-half-even would read it back to x, so neither do we.
 * Only integers this large can sit exactly on a boundary with fewer than 17 digits.
 */
function onBoundary(s: string, x: number, mantissaBits: number): boolean {
  const a = BigInt(x);
  const e = a.toString(2).length - 1;
  let ulp = 1n << BigInt(e - mantissaBits);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (m === null) return false;
  const frac = m[2] ?? '';
  const k = Number(m[3] ?? 0) - frac.length;
  const d = BigInt((m[1] as string) + frac);
  const scale = k < 0 ? 10n ** BigInt(-k) : 1n;
  const value = k >= 0 ? d * 10n ** BigInt(k) : d;
  const target = a * scale;
  if (value < target && a === 1n << BigInt(e)) ulp /= 2n; // below a power of two the gap halves
  const diff = value > target ? value - target : target - value;
  return 2n * diff === ulp * scale;
}

/** Shortest digits that read back to x (positive, finite), skipping exact-boundary values. */
function shortest(x: number, float4: boolean): string {
  const large = float4 ? x >= 16777216 : x >= 9007199254740992;
  if (!float4 && !large) return String(x);
  for (let p = 1; p <= 17; p++) {
    const s = x.toPrecision(p);
    const back = float4 ? Math.fround(Number(s)) : Number(s);
    if (back === x && !(large && onBoundary(s, x, float4 ? 23 : 52))) return s;
  }
  return x.toPrecision(17);
}

/** Digits and exponent of a (finite, nonzero, positive) decimal string from toPrecision/String. */
function layout(s: string, precision: number): string {
  // Normalise into mantissa digits and decimal exponent.
  let mant: string;
  let exp: number;
  const e = s.indexOf('e');
  const body = e >= 0 ? s.slice(0, e) : s;
  exp = e >= 0 ? Number(s.slice(e + 1)) : 0;
  const dot = body.indexOf('.');
  let intPart = dot >= 0 ? body.slice(0, dot) : body;
  const frac = dot >= 0 ? body.slice(dot + 1) : '';
  mant = intPart + frac;
  exp += intPart.length - 1;
  // Strip leading zeros (0.00123 → 123, exponent adjusts).
  let lead = 0;
  while (lead < mant.length - 1 && mant[lead] === '0') lead++;
  exp -= lead;
  mant = mant.slice(lead).replace(/0+$/, '');
  if (mant === '') mant = '0';
  if (exp < -4 || exp >= precision) {
    const m = mant.length > 1 ? mant[0] + '.' + mant.slice(1) : mant;
    const ee = Math.abs(exp);
    return `${m}e${exp < 0 ? '-' : '+'}${ee < 10 ? '0' + ee : ee}`;
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + mant;
  if (mant.length <= exp + 1) return mant + '0'.repeat(exp + 1 - mant.length);
  intPart = mant.slice(0, exp + 1);
  return intPart + '.' + mant.slice(exp + 1);
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * x (positive, finite) rounded to p significant digits the way C's printf("%.*g") does: from
 * the exact binary value, ties to even (toPrecision breaks ties upward). Returns `d.ddde±x`.
 */
function roundedDigits(x: number, p: number): string {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const exp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = exp - 1075;
  }
  // Exact decimal: digits × 10^-frac.
  let digits: string;
  let frac: number;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    frac = 0;
  } else {
    digits = (m * 5n ** BigInt(-e)).toString();
    frac = -e;
  }
  const decExp = digits.length - 1 - frac; // exponent of the leading digit
  if (digits.length <= p) return `${digits[0]}.${digits.slice(1)}e${decExp}`;
  let head = BigInt(digits.slice(0, p));
  const rest = digits.slice(p);
  const first = rest.charCodeAt(0) - 48;
  const tail = /[1-9]/.test(rest.slice(1));
  if (first > 5 || (first === 5 && (tail || head % 2n === 1n))) head += 1n;
  let h = head.toString();
  let outExp = decExp;
  if (h.length > p) {
    h = h.slice(0, p);
    outExp++;
  }
  return `${h[0]}.${h.slice(1)}e${outExp}`;
}

/** float4out / float8out under extra_float_digits. */
export function formatFloat(x: number, float4: boolean, extraFloatDigits = 1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const precision = float4 ? 6 : 15;
  const neg = x < 0;
  const a = neg ? -x : x;
  let digits: string;
  if (extraFloatDigits > 0) digits = shortest(a, float4);
  else digits = roundedDigits(a, Math.max(1, precision + extraFloatDigits));
  const p = extraFloatDigits > 0 ? precision : Math.max(1, precision + extraFloatDigits);
  const out = layout(digits, p);
  return neg ? '-' + out : out;
}

/** rint(): round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
