// Key and row encodings: key byte order equals compareValues order for random values of every
// type (seeded; the seed is printed), prefixes and descending columns; rows round-trip exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  arrayOf,
  compareValues,
  decodeKey,
  decodeRow,
  defaultTypeContext as ctx,
  encodeKey,
  encodeRow,
  equalityKey,
  formatValue,
  Interval,
  Jsonb,
  Numeric,
  sqlType,
  T,
  type JsonNode,
  type SqlType,
  type Value,
} from '../../src/sql/types/index.js';
import { Rng, seedFrom } from '../lib/rng.js';

function randomString(rng: Rng, maxLen: number): string {
  const n = rng.int(maxLen + 1);
  let s = '';
  for (let i = 0; i < n; i++) {
    switch (rng.int(6)) {
      case 0:
        s += String.fromCharCode(rng.range(0, 4));
        break;
      case 1:
        s += ' ';
        break;
      case 2:
        s += String.fromCodePoint(rng.pick([0xe9, 0x7ff, 0x800, 0xfffd, 0xe000, 0x1f600, 0x10000]));
        break;
      default:
        s += String.fromCharCode(rng.range(97, 100));
    }
  }
  return s;
}

function randomNumeric(rng: Rng): Numeric {
  switch (rng.int(12)) {
    case 0:
      return Numeric.NaN;
    case 1:
      return Numeric.Infinity;
    case 2:
      return Numeric.NegativeInfinity;
    case 3:
      return Numeric.of(0n, rng.int(4));
    default: {
      const digits = rng.range(1, 25);
      let c = 0n;
      for (let i = 0; i < digits; i++) c = c * 10n + BigInt(rng.int(10));
      if (rng.int(2) === 0) c = -c;
      return Numeric.of(c, rng.int(30));
    }
  }
}

function randomJson(rng: Rng, depth: number): JsonNode {
  switch (rng.int(depth > 2 ? 4 : 6)) {
    case 0:
      return null;
    case 1:
      return rng.int(2) === 0;
    case 2:
      // jsonb strings cannot hold U+0000 (PostgreSQL's text cannot).
      return randomString(rng, 3).replace(/\u0000/g, '');
    case 3: {
      const n = randomNumeric(rng);
      return n.isFinite() ? n : Numeric.of(BigInt(rng.range(-5, 5)));
    }
    case 4: {
      const n = rng.int(3);
      const a: JsonNode[] = [];
      for (let i = 0; i < n; i++) a.push(randomJson(rng, depth + 1));
      return a;
    }
    default: {
      const n = rng.int(3);
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[rng.pick(['a', 'b', 'aa', 'é', ''])] = new Jsonb(randomJson(rng, depth + 1));
      return Jsonb.fromJs(o).root;
    }
  }
}

const extremesInt8 = [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 1n];

function randomValue(rng: Rng, t: SqlType): Value {
  if (t.array) {
    const n = rng.int(4);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(rng.int(5) === 0 ? null : randomValue(rng, sqlType(t.base, t.mod, false)));
    return out;
  }
  switch (t.base) {
    case 'bool':
      return rng.int(2) === 0;
    case 'int2':
      return rng.range(-32768, 32767);
    case 'int4':
      return rng.pick([-2147483648, 2147483647, 0, rng.range(-1000, 1000), (rng.u32() | 0)]);
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return rng.int(4) === 0 ? rng.pick(extremesInt8) : BigInt.asIntN(50, (BigInt(rng.u32()) << 32n) | BigInt(rng.u32()));
    case 'float4':
    case 'float8': {
      const specials = [NaN, Infinity, -Infinity, 0, -0, 5e-324, -1.5, 1e300];
      const x = rng.int(3) === 0 ? rng.pick(specials) : (rng.next() - 0.5) * 10 ** rng.range(-10, 10);
      return t.base === 'float4' ? Math.fround(x) : x;
    }
    case 'numeric':
      return randomNumeric(rng);
    case 'date':
      return rng.int(6) === 0 ? rng.pick([Infinity, -Infinity]) : rng.range(-2451545, 2000000);
    case 'time':
      return rng.range(0, 86_400_000_000);
    case 'interval':
      return new Interval(rng.range(-30, 30), rng.range(-40, 40), BigInt(rng.range(-1e9, 1e9)) * BigInt(rng.range(0, 100000)));
    case 'bytea': {
      const n = rng.int(5);
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = rng.pick([0, 1, 0x7f, 0xff, rng.int(256)]);
      return b;
    }
    case 'bpchar':
      return randomString(rng, 4) + ' '.repeat(rng.int(3));
    case 'uuid':
      return [8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => rng.pick([...'0123456789abcdef'])).join('')).join('-');
    case 'jsonb':
      return new Jsonb(randomJson(rng, 0));
    case 'oid':
      return rng.u32();
    default:
      return randomString(rng, 6);
  }
}

const allTypes: readonly SqlType[] = [
  T.bool, T.int2, T.int4, T.int8, T.float4, T.float8, T.numeric, T.text, sqlType('varchar', 10), T.bpchar, T.name,
  T.bytea, T.date, T.time, T.timestamp, T.timestamptz, T.interval, T.uuid, T.jsonb, T.oid,
  arrayOf(T.int4), arrayOf(T.text), arrayOf(T.numeric), arrayOf(T.float8),
];

function byteCompare(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  return Math.sign(a.length - b.length);
}

/** compareValues order of one column, NULL last. */
function cmpNullable(t: SqlType, a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return Math.sign(compareValues(t, a, b));
}

test('encodeKey order equals compareValues order for every type (seeded)', () => {
  const seed = seedFrom('SQL_TYPES_SEED', 'sql-types-codec key order');
  const rng = new Rng(seed);
  for (const t of allTypes) {
    const values: Value[] = [];
    for (let i = 0; i < 120; i++) values.push(rng.int(10) === 0 ? null : randomValue(rng, t));
    const keys = values.map((v) => encodeKey([t], [v]));
    for (let i = 0; i < values.length; i++) {
      const vi = values[i] as Value;
      const decoded = decodeKey([t], keys[i] as Uint8Array)[0] as Value;
      assert.equal(cmpNullable(t, decoded, vi), 0, `decodeKey ${t.base} seed=${seed}`);
      for (let j = 0; j < values.length; j++) {
        const vj = values[j] as Value;
        const want = cmpNullable(t, vi, vj);
        const got = byteCompare(keys[i] as Uint8Array, keys[j] as Uint8Array);
        if (got !== want) {
          assert.fail(`${t.base}${t.array ? '[]' : ''} seed=${seed}: ${show(t, vi)} vs ${show(t, vj)}: keys ${got}, compareValues ${want}`);
        }
        if (vi !== null && vj !== null) {
          assert.equal(equalityKey(t, vi) === equalityKey(t, vj), want === 0, `equalityKey ${t.base} seed=${seed}: ${show(t, vi)} vs ${show(t, vj)}`);
        }
      }
    }
  }
});

function show(t: SqlType, v: Value): string {
  return v === null ? 'NULL' : JSON.stringify(formatValue(t, v, ctx));
}

test('multi-column keys: column order, descending columns with NULLs first, prefixes (seeded)', () => {
  const seed = seedFrom('SQL_TYPES_SEED', 'sql-types-codec multi-column keys');
  const rng = new Rng(seed);
  const types = [T.int4, T.text, T.numeric];
  const desc = [false, true, false];
  const rows: Value[][] = [];
  for (let i = 0; i < 150; i++) rows.push(types.map((t) => (rng.int(6) === 0 ? null : rng.int(3) === 0 ? randomValue(rng, t) : t === T.int4 ? rng.int(3) : t === T.text ? rng.pick(['a', 'b', '']) : Numeric.of(BigInt(rng.int(3))))));
  const tupleCmp = (a: Value[], b: Value[]): number => {
    for (let c = 0; c < types.length; c++) {
      const r = cmpNullable(types[c] as SqlType, a[c] as Value, b[c] as Value);
      if (r !== 0) return desc[c] === true ? -r : r;
    }
    return 0;
  };
  const keys = rows.map((r) => encodeKey(types, r, desc));
  for (let i = 0; i < rows.length; i++) {
    const full = keys[i] as Uint8Array;
    const prefix = encodeKey(types.slice(0, 2), (rows[i] as Value[]).slice(0, 2), desc);
    assert.deepEqual(full.subarray(0, prefix.length), prefix, `prefix seed=${seed}`);
    const back = decodeKey(types, full, desc);
    assert.equal(tupleCmp(back, rows[i] as Value[]), 0, `decode seed=${seed}`);
    for (let j = 0; j < rows.length; j++) {
      assert.equal(byteCompare(full, keys[j] as Uint8Array), tupleCmp(rows[i] as Value[], rows[j] as Value[]), `rows ${i} ${j} seed=${seed}`);
    }
  }
});

test('equal values encode equal keys: 1.0 = 1.00, -0 = 0, 1 mon = 30 days, bpchar padding', () => {
  // Regression: a NULL array element and the element U+0000 once shared an equality key.
  assert.notEqual(equalityKey(arrayOf(T.text), [null]), equalityKey(arrayOf(T.text), ['\u0000']));
  assert.deepEqual(encodeKey([T.numeric], [Numeric.fromString('1.0')]), encodeKey([T.numeric], [Numeric.fromString('1.00')]));
  assert.deepEqual(encodeKey([T.float8], [-0]), encodeKey([T.float8], [0]));
  assert.deepEqual(encodeKey([T.interval], [new Interval(1, 0, 0n)]), encodeKey([T.interval], [new Interval(0, 30, 0n)]));
  assert.deepEqual(encodeKey([T.bpchar], ['ab  ']), encodeKey([T.bpchar], ['ab']));
});

test('rows round-trip exactly, and a shorter stored row decodes to a shorter array (seeded)', () => {
  const seed = seedFrom('SQL_TYPES_SEED', 'sql-types-codec rows');
  const rng = new Rng(seed);
  for (let n = 0; n < 200; n++) {
    const types = allTypes;
    const values = types.map((t) => (rng.int(8) === 0 ? null : randomValue(rng, t)));
    const back = decodeRow(types, encodeRow(types, values));
    assert.equal(back.length, values.length);
    for (let i = 0; i < types.length; i++) {
      const t = types[i] as SqlType;
      const a = values[i] as Value;
      const b = back[i] as Value;
      if (a === null || b === null) assert.equal(b, a);
      else if (typeof a === 'number') assert.ok(Object.is(a, b), `${t.base} ${a} → ${String(b)} seed=${seed}`);
      else assert.equal(formatValue(t, b, ctx), formatValue(t, a, ctx), `${t.base} seed=${seed}`);
    }
  }
  const numeric = Numeric.fromString('3.10');
  assert.equal((decodeRow([T.numeric], encodeRow([T.numeric], [numeric]))[0] as Numeric).toString(), '3.10');
  const short = encodeRow([T.int4], [7]);
  assert.deepEqual(decodeRow([T.int4, T.text], short), [7]);
});
