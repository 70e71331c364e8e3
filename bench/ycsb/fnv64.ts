/**
 * YCSB's 64-bit FNV hash of a key number (`Utils.fnvhash64`), without BigInt.
 *
 * YCSB hashes a Java `long` as 8 octets, least significant first, FNV-1a style (xor the octet
 * into the state, then multiply by the 64-bit FNV prime 1099511628211), starting from the 64-bit
 * offset basis 0xcbf29ce484222325, and returns `Math.abs` of the signed 64-bit result. Key numbers
 * here are non-negative integers below 2^53, so the input is exact in a double.
 *
 * The 64-bit state is kept as two unsigned 32-bit halves (hi, lo). The prime is 2^40 + 0x1b3, so
 *   (hi·2^32 + lo) · (2^40 + 0x1b3)  mod 2^64
 *     = lo·0x1b3  +  2^32 · (hi·0x1b3 + lo·2^8)  mod 2^64
 * where lo·0x1b3 < 2^41 is exact in a double and its carry above bit 32 goes into hi.
 * A BigInt version costs about 1 µs per hash; this one a few tens of ns.
 *
 * Results are exposed as halves (`fnvHi`, `fnvLo` after `fnvhash64Halves`) plus exact helpers for
 * the two things YCSB does with a hash: print it in decimal (key names) and take it modulo an item
 * count (scrambled zipfian).
 */

const offsetBasisHi = 0xcbf29ce4;
const offsetBasisLo = 0x84222325;
/** The low part of the FNV-64 prime 2^40 + 0x1b3. */
const primeLow = 0x1b3;
const two32 = 4294967296;
/** 2^-32: multiplying by it is exact and cheaper than dividing by 2^32. */
const inverse32 = 1 / two32;

/** Halves of the last `fnvhash64Halves` result (module state: no allocation per hash). */
export const fnvResult = { hi: 0, lo: 0 };

/**
 * Computes YCSB's `fnvhash64(value)` into `fnvResult` as unsigned halves.
 * `value` must be an integer in [0, 2^53).
 *
 * Java's `Math.abs(Long.MIN_VALUE)` stays negative; here that single input (hash = 2^63) is
 * left as the unsigned value 2^63 (one hash value in 2^64).
 */
export function fnvhash64Halves(value: number): void {
  const inLo = value >>> 0; // ToUint32: value mod 2^32, exact for integers below 2^53
  const inHi = (value - inLo) / two32;
  let hi = offsetBasisHi;
  let lo = offsetBasisLo;
  // Octets 0..3 come from the low half of the input, 4..7 from the high half.
  for (let shift = 0; shift < 32; shift += 8) {
    lo = (lo ^ ((inLo >>> shift) & 0xff)) >>> 0;
    const product = lo * primeLow; // < 2^41: exact
    const productLo = product >>> 0; // ToUint32 reduces mod 2^32 exactly
    hi = (Math.imul(hi, primeLow) + (product - productLo) * inverse32 + (lo << 8)) >>> 0;
    lo = productLo;
  }
  for (let shift = 0; shift < 32; shift += 8) {
    lo = (lo ^ ((inHi >>> shift) & 0xff)) >>> 0;
    const product = lo * primeLow;
    const productLo = product >>> 0;
    hi = (Math.imul(hi, primeLow) + (product - productLo) * inverse32 + (lo << 8)) >>> 0;
    lo = productLo;
  }
  if (hi >= 0x80000000) {
    // Math.abs of a negative two's-complement value: negate (invert and add one).
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  fnvResult.hi = hi;
  fnvResult.lo = lo;
}

/**
 * x mod n for integers 0 <= x < 2^53 and 0 < n, exactly, several times faster than `%` on
 * doubles (which V8 hands to fmod). The rounded quotient x/n never reaches the next integer:
 * its distance to it is at least 1/n, while half an ulp of a quotient below 2^53/n is less than
 * 1/n. So floor(x/n) is the true quotient and the product and difference are exact.
 */
export function modExact(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

/** (hi·2^32 + lo) mod n, exact for 0 < n <= 2^37. */
export function modHalves(hi: number, lo: number, n: number): number {
  if (n <= 0x200000) {
    // n <= 2^21: hi · (2^32 mod n) + lo < 2^53.
    return modExact(hi * modExact(two32, n) + lo, n);
  }
  const hiShifted = modExact(modExact(hi * 65536, n) * 65536, n); // each product < 2^53
  return modExact(hiShifted + lo, n);
}

/** 2^32 = 42949 · 10^5 + 67296: lets a 64-bit value be split by 10^5 with exact doubles. */
const splitMultiplier = 42949;
const splitRemainder = 67296;
const splitBase = 100000;

/** Writes the `count` lowest decimal digits of int `x` (< 2^31) before `at`; returns the new start. */
function writeDigits(x: number, count: number, out: Uint8Array, at: number): number {
  let v = x | 0;
  for (let i = 0; i < count; i++) {
    const q = (v / 10) | 0;
    out[--at] = 0x30 + (v - q * 10);
    v = q;
  }
  return at;
}

/** Writes all decimal digits of int `x` (< 2^31, no leading zeros; "0" for 0) before `at`. */
function writeNumber(x: number, out: Uint8Array, at: number): number {
  let v = x | 0;
  do {
    const q = (v / 10) | 0;
    out[--at] = 0x30 + (v - q * 10);
    v = q;
  } while (v > 0);
  return at;
}

const tenTo8 = 100_000_000;

/**
 * Writes the decimal digits of hi·2^32 + lo (hi < 2^32) as ASCII at the end of `out`, exactly,
 * without BigInt or strings; returns the index of the first digit. `out` needs 20 bytes.
 */
export function decimalDigitsInto(hi: number, lo: number, out: Uint8Array): number {
  // value = hi·42949·10^5 + (hi·67296 + lo), every term below 2^53; then split the part above
  // 10^5 (< 2^48) by 10^8 so every digit loop runs on int32s.
  const low = hi * splitRemainder + lo;
  const tail = modExact(low, splitBase);
  const high = hi * splitMultiplier + (low - tail) / splitBase;
  if (high === 0) return writeNumber(tail, out, out.length);
  let at = writeDigits(tail, 5, out, out.length);
  const middle = modExact(high, tenTo8);
  const top = (high - middle) / tenTo8;
  if (top === 0) return writeNumber(middle, out, at);
  at = writeDigits(middle, 8, out, at);
  return writeNumber(top, out, at);
}

/** Decimal digits of hi·2^32 + lo (hi < 2^32), exactly, without BigInt. */
export function decimalHalves(hi: number, lo: number): string {
  const low = hi * splitRemainder + lo;
  const tail = modExact(low, splitBase);
  const high = hi * splitMultiplier + (low - tail) / splitBase;
  if (high === 0) return String(tail);
  const digits = String(tail);
  return String(high) + '00000'.slice(digits.length) + digits;
}

/** YCSB's `Utils.fnvhash64(value)` as a BigInt (convenient, slow: for tests and reports). */
export function fnvhash64(value: number): bigint {
  fnvhash64Halves(value);
  return (BigInt(fnvResult.hi) << 32n) | BigInt(fnvResult.lo);
}
