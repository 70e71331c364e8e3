/**
 * The btree order of each type's non-null values, and equality keys consistent with it.
 *
 * Floats: -0 = 0, NaN = NaN and above every other value. Numeric: NaN above Infinity. Text, name,
 * varchar: code point order (collation "C"). bpchar: trailing spaces ignored. bytea: bytewise.
 * Interval: 30-day months, 24-hour days. Arrays: element by element, NULL elements greater than
 * any value, then the shorter array first. jsonb: see jsonb.ts.
 */
import type { Interval } from './interval.js';
import { compareCodePoints, Jsonb, type JsonNode, type JsonObject } from './jsonb.js';
import { Numeric } from './numeric.js';
import { elementType, type SqlType, type Value } from './type.js';

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFloats(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  return na === nb ? 0 : na ? 1 : -1;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return cmpNum(a.length, b.length);
}

/** bpchar's significant length: without trailing spaces. */
export function bpcharTrimmedLength(s: string): number {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 32) n--;
  return n;
}

function compareBpchar(a: string, b: string): number {
  const la = bpcharTrimmedLength(a);
  const lb = bpcharTrimmedLength(b);
  return compareCodePoints(la === a.length ? a : a.slice(0, la), lb === b.length ? b : b.slice(0, lb));
}

function compareArrays(elem: SqlType, a: readonly Value[], b: readonly Value[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i] as Value;
    const y = b[i] as Value;
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? 1 : -1;
    }
    const c = compareValues(elem, x, y);
    if (c !== 0) return c;
  }
  return cmpNum(a.length, b.length);
}

/** Total order of non-null values of one type. */
export function compareValues(t: SqlType, a: Value, b: Value): number {
  if (t.array) return compareArrays(elementType(t), a as readonly Value[], b as readonly Value[]);
  switch (t.base) {
    case 'bool':
      return a === b ? 0 : a === false ? -1 : 1;
    case 'int2':
    case 'int4':
    case 'oid':
    case 'regclass':
    case 'date':
    case 'time':
      return cmpNum(a as number, b as number);
    case 'float4':
    case 'float8':
      return compareFloats(a as number, b as number);
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return cmpBig(a as bigint, b as bigint);
    case 'numeric':
      return (a as Numeric).cmp(b as Numeric);
    case 'bpchar':
      return compareBpchar(a as string, b as string);
    case 'bytea':
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 'interval':
      return (a as Interval).cmp(b as Interval);
    case 'jsonb':
      return Jsonb.compare(a as Jsonb, b as Jsonb);
    case 'text':
    case 'varchar':
    case 'name':
    case 'char':
    case 'uuid':
    case 'json':
    case 'unknown':
    case 'record':
    case 'void':
      return a === b ? 0 : compareCodePoints(a as string, b as string);
  }
}

/** Canonical text of a jsonb node for equality (numbers without trailing zeros). */
function jsonKey(n: JsonNode): string {
  if (n === null) return 'n';
  if (typeof n === 'boolean') return n ? 't' : 'f';
  if (typeof n === 'string') return 's' + JSON.stringify(n);
  if (n instanceof Numeric) return 'd' + n.key();
  if (Array.isArray(n)) {
    let s = '[';
    for (const e of n as readonly JsonNode[]) s += jsonKey(e) + ',';
    return s + ']';
  }
  let s = '{';
  for (const [k, v] of n as JsonObject) s += JSON.stringify(k) + ':' + jsonKey(v) + ',';
  return s + '}';
}

/** A primitive with key(a) === key(b) ⇔ compareValues(t, a, b) === 0. */
export function equalityKey(t: SqlType, v: Value): string | number | bigint | boolean {
  if (v === null) return '\u0000null';
  if (t.array) {
    const e = elementType(t);
    let s = '';
    for (const x of v as readonly Value[]) {
      if (x === null) {
        s += 'N;';
        continue;
      }
      const k = String(equalityKey(e, x));
      s += 'V' + k.length + ':' + k + ';';
    }
    return s;
  }
  switch (t.base) {
    case 'float4':
    case 'float8': {
      const x = v as number;
      return Number.isNaN(x) ? 'NaN' : x === 0 ? 0 : x;
    }
    case 'numeric':
      return (v as Numeric).key();
    case 'bpchar': {
      const s = v as string;
      const n = bpcharTrimmedLength(s);
      return n === s.length ? s : s.slice(0, n);
    }
    case 'bytea':
      return Buffer.from(v as Uint8Array).toString('latin1');
    case 'interval':
      return (v as Interval).span();
    case 'jsonb':
      return jsonKey((v as Jsonb).root);
    default:
      return v as string | number | bigint | boolean;
  }
}
