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

/** Shortest digits of a float4 value that read back through Math.fround. */
function shortestFloat4(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return s;
  }
  return x.toPrecision(9);
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
  if (extraFloatDigits > 0) digits = float4 ? shortestFloat4(a) : String(a);
  else digits = a.toPrecision(Math.max(1, precision + extraFloatDigits));
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
