/**
 * Aggregates: each is a (state, step, final) triple over a mutable state object made by init().
 *
 * Result types follow PostgreSQL: count → int8; sum(int2|int4) → int8, sum(int8|numeric) →
 * numeric, sum(float4) → float4, sum(float8) → float8, sum(interval) → interval; avg(ints|numeric)
 * → numeric (numeric division's scale), avg(floats) → float8; stddev/variance on ints/numeric →
 * numeric (exact, as numeric.c computes them), on floats → float8 (Youngs-Cramer as float.c).
 * Resolution uses the same rules as functions (registry.selectCandidate); polymorphic aggregates
 * (min, max, array_agg, json_agg, count(x) …) take their type from the argument.
 */
import { SqlError } from '../errors.js';
import { Interval, Jsonb, Numeric, T, arrayOf, compareValues, formatTypeName } from '../types/index.js';
import type { JsonNode, SqlType, TypeContext, Value } from '../types/index.js';
import { makeJsonObject, toJsonNode, toJsonText } from './json-convert.js';
import { numericSqrtScale } from './numeric-math.js';
import { coercibleImplicitly, sameType, selectCandidate } from './registry.js';
import { textOf } from './string.js';

export interface AggregateImpl {
  readonly args: readonly SqlType[];
  readonly result: SqlType;
  init(): unknown;
  step(state: unknown, args: readonly Value[], ctx: TypeContext): unknown;
  final(state: unknown, ctx: TypeContext): Value;
  readonly strict: boolean;
}

type AggFactory = (args: readonly SqlType[]) => AggregateImpl | undefined;

interface StaticAgg {
  readonly args: readonly SqlType[];
  readonly impl: AggregateImpl;
}

const staticAggs = new Map<string, StaticAgg[]>();
const dynamicAggs = new Map<string, AggFactory>();

function agg(names: string | readonly string[], impl: AggregateImpl): void {
  for (const name of typeof names === 'string' ? [names] : names) {
    let list = staticAggs.get(name);
    if (list === undefined) staticAggs.set(name, (list = []));
    list.push({ args: impl.args, impl });
  }
}

function aggDynamic(names: string | readonly string[], f: AggFactory): void {
  for (const name of typeof names === 'string' ? [names] : names) dynamicAggs.set(name, f);
}

export function isAggregate(name: string): boolean {
  return staticAggs.has(name) || dynamicAggs.has(name);
}

export function resolveAggregate(name: string, args: readonly SqlType[]): AggregateImpl | undefined {
  if (!isAggregate(name)) return undefined;
  const list = staticAggs.get(name);
  if (list !== undefined) {
    const cands: StaticAgg[] = [];
    for (const c of list) {
      if (c.args.length !== args.length) continue;
      let exact = true;
      let ok = true;
      for (let i = 0; i < args.length; i++) {
        if (sameType(args[i]!, c.args[i]!)) continue;
        exact = false;
        if (!coercibleImplicitly(args[i]!, c.args[i]!)) ok = false;
      }
      if (exact) return c.impl;
      if (ok) cands.push(c);
    }
    const what = (): string => `function ${name}(${args.map((a) => formatTypeName(a)).join(', ')})`;
    const chosen = selectCandidate(cands, args, what);
    if (chosen !== undefined) return chosen.impl;
  }
  const dyn = dynamicAggs.get(name);
  const r = dyn === undefined ? undefined : dyn(args);
  if (r !== undefined) return r;
  throw new SqlError('42883', `function ${name}(${args.map((a) => formatTypeName(a)).join(', ')}) does not exist`, {
    hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
  });
}

// ---------------------------------------------------------------------------------------------
// count

interface Count {
  n: number;
}
const countImpl = (args: readonly SqlType[]): AggregateImpl => ({
  args,
  result: T.int8,
  init: (): Count => ({ n: 0 }),
  step: (s) => {
    (s as Count).n++;
    return s;
  },
  final: (s) => BigInt((s as Count).n),
  strict: true,
});
agg('count', countImpl([]));
aggDynamic('count', (args) => (args.length === 1 ? countImpl([args[0]!.base === 'unknown' ? T.text : args[0]!]) : undefined));

// ---------------------------------------------------------------------------------------------
// sum / avg

/** Integer sums: a float-exact JS number while it stays below 2^52, spilled into a bigint beyond. */
interface IntSum {
  n: number;
  small: number;
  big: bigint;
}
interface NumSum {
  n: bigint;
  sum: Numeric;
}
interface FloatAcc {
  n: number;
  sx: number;
  sxx: number;
}
interface IntervalSum {
  n: number;
  sum: Interval;
}
interface NumVar {
  n: bigint;
  sx: Numeric;
  sxx: Numeric;
}

const toBig = (v: Value | undefined): bigint => (typeof v === 'bigint' ? v : BigInt(v as number));

const spillAt = 2 ** 52;

function intSum(arg: SqlType, result: SqlType, avg: boolean): AggregateImpl {
  const isBig = arg.base === 'int8';
  return {
    args: [arg],
    result,
    init: (): IntSum => ({ n: 0, small: 0, big: 0n }),
    step: (s, a) => {
      const st = s as IntSum;
      st.n++;
      if (isBig) st.big += a[0] as bigint;
      else {
        st.small += a[0] as number;
        if (st.small > spillAt || st.small < -spillAt) {
          st.big += BigInt(st.small);
          st.small = 0;
        }
      }
      return st;
    },
    final: (s) => {
      const st = s as IntSum;
      if (st.n === 0) return null;
      const sum = st.big + BigInt(st.small);
      if (avg) return Numeric.fromBigInt(sum).div(Numeric.fromBigInt(BigInt(st.n)));
      if (result.base === 'int8') {
        if (sum > 9223372036854775807n || sum < -9223372036854775808n) throw new SqlError('22003', 'bigint out of range');
        return sum;
      }
      return Numeric.fromBigInt(sum);
    },
    strict: true,
  };
}
agg('sum', intSum(T.int2, T.int8, false));
agg('sum', intSum(T.int4, T.int8, false));
agg('sum', intSum(T.int8, T.numeric, false));
agg('avg', intSum(T.int2, T.numeric, true));
agg('avg', intSum(T.int4, T.numeric, true));
agg('avg', intSum(T.int8, T.numeric, true));

function numericSum(avg: boolean): AggregateImpl {
  return {
    args: [T.numeric],
    result: T.numeric,
    init: (): NumSum => ({ n: 0n, sum: Numeric.zero }),
    step: (s, a) => {
      const st = s as NumSum;
      st.n++;
      st.sum = st.sum.add(a[0] as Numeric);
      return st;
    },
    final: (s) => {
      const st = s as NumSum;
      if (st.n === 0n) return null;
      return avg ? st.sum.div(Numeric.fromBigInt(st.n)) : st.sum;
    },
    strict: true,
  };
}
agg('sum', numericSum(false));
agg('avg', numericSum(true));

/** float accumulation (float8_accum): N, Sx, Sxx by the Youngs-Cramer update. */
function floatAcc(s: FloatAcc, x: number): void {
  const n0 = s.n;
  s.n += 1;
  s.sx += x;
  if (n0 > 0) {
    const tmp = x * s.n - s.sx;
    s.sxx += (tmp * tmp) / (s.n * n0);
  } else if (!Number.isFinite(x)) s.sxx = NaN;
}

type FloatFinal = (s: FloatAcc) => number | null;
function floatAgg(names: string | readonly string[], arg: SqlType, result: SqlType, final: FloatFinal): void {
  agg(names, {
    args: [arg],
    result,
    init: (): FloatAcc => ({ n: 0, sx: 0, sxx: 0 }),
    step: (s, a) => {
      floatAcc(s as FloatAcc, a[0] as number);
      return s;
    },
    final: (s) => final(s as FloatAcc),
    strict: true,
  });
}
// sum(float4) adds in float4 (float4pl), rounding at every step.
agg('sum', {
  args: [T.float4],
  result: T.float4,
  init: (): FloatAcc => ({ n: 0, sx: 0, sxx: 0 }),
  step: (s, a) => {
    const st = s as FloatAcc;
    st.n++;
    st.sx = Math.fround(st.sx + (a[0] as number));
    return st;
  },
  final: (s) => ((s as FloatAcc).n === 0 ? null : (s as FloatAcc).sx),
  strict: true,
});
floatAgg('sum', T.float8, T.float8, (s) => (s.n === 0 ? null : s.sx));
for (const ft of [T.float4, T.float8]) {
  floatAgg('avg', ft, T.float8, (s) => (s.n === 0 ? null : s.sx / s.n));
  floatAgg(['var_samp', 'variance'], ft, T.float8, (s) => (s.n <= 1 ? null : s.sxx / (s.n - 1)));
  floatAgg('var_pop', ft, T.float8, (s) => (s.n === 0 ? null : s.sxx / s.n));
  floatAgg(['stddev_samp', 'stddev'], ft, T.float8, (s) => (s.n <= 1 ? null : Math.sqrt(s.sxx / (s.n - 1))));
  floatAgg('stddev_pop', ft, T.float8, (s) => (s.n === 0 ? null : Math.sqrt(s.sxx / s.n)));
}

function intervalSum(avg: boolean): AggregateImpl {
  return {
    args: [T.interval],
    result: T.interval,
    init: (): IntervalSum => ({ n: 0, sum: Interval.zero }),
    step: (s, a) => {
      const st = s as IntervalSum;
      st.n++;
      st.sum = st.sum.add(a[0] as Interval);
      return st;
    },
    final: (s) => {
      const st = s as IntervalSum;
      if (st.n === 0) return null;
      return avg ? st.sum.div(st.n) : st.sum;
    },
    strict: true,
  };
}
agg('sum', intervalSum(false));
agg('avg', intervalSum(true));

// numeric variance family (numeric_stddev_internal)
function numericVar(names: string | readonly string[], arg: SqlType, sample: boolean, sqrt: boolean): void {
  const isNumeric = arg.base === 'numeric';
  agg(names, {
    args: [arg],
    result: T.numeric,
    init: (): NumVar => ({ n: 0n, sx: Numeric.zero, sxx: Numeric.zero }),
    step: (s, a) => {
      const st = s as NumVar;
      const x = isNumeric ? (a[0] as Numeric) : Numeric.fromBigInt(toBig(a[0]));
      st.n++;
      st.sx = st.sx.add(x);
      st.sxx = st.sxx.add(x.mul(x));
      return st;
    },
    final: (s) => {
      const st = s as NumVar;
      if (st.n === 0n || (sample && st.n === 1n)) return null;
      if (st.sx.isNaN() || st.sxx.isNaN() || !st.sx.isFinite()) return Numeric.NaN;
      const n = Numeric.fromBigInt(st.n);
      const num = n.mul(st.sxx).sub(st.sx.mul(st.sx));
      if (num.sign() <= 0) return Numeric.zero;
      const den = sample ? n.mul(Numeric.fromBigInt(st.n - 1n)) : n.mul(n);
      const v = num.div(den);
      return sqrt ? numericSqrtScale(v, v.scale) : v;
    },
    strict: true,
  });
}
for (const it of [T.int2, T.int4, T.int8, T.numeric]) {
  numericVar(['var_samp', 'variance'], it, true, false);
  numericVar('var_pop', it, false, false);
  numericVar(['stddev_samp', 'stddev'], it, true, true);
  numericVar('stddev_pop', it, false, true);
}

// ---------------------------------------------------------------------------------------------
// bool_and / bool_or / every, bit_and / bit_or / bit_xor

interface BoolAcc {
  v: boolean | null;
}
function boolAgg(names: string | readonly string[], and: boolean): void {
  agg(names, {
    args: [T.bool],
    result: T.bool,
    init: (): BoolAcc => ({ v: null }),
    step: (s, a) => {
      const st = s as BoolAcc;
      const x = a[0] as boolean;
      st.v = st.v === null ? x : and ? st.v && x : st.v || x;
      return st;
    },
    final: (s) => (s as BoolAcc).v,
    strict: true,
  });
}
boolAgg(['bool_and', 'every'], true);
boolAgg('bool_or', false);

interface BitAcc {
  v: bigint | null;
}
for (const [name, op] of [
  ['bit_and', (x: bigint, y: bigint) => x & y],
  ['bit_or', (x: bigint, y: bigint) => x | y],
  ['bit_xor', (x: bigint, y: bigint) => x ^ y],
] as const) {
  for (const it of [T.int2, T.int4, T.int8]) {
    agg(name, {
      args: [it],
      result: it,
      init: (): BitAcc => ({ v: null }),
      step: (s, a) => {
        const st = s as BitAcc;
        const x = toBig(a[0]);
        st.v = st.v === null ? x : op(st.v, x);
        return st;
      },
      final: (s) => {
        const v = (s as BitAcc).v;
        return v === null ? null : it.base === 'int8' ? v : Number(v);
      },
      strict: true,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// min / max

interface MinMax {
  v: Value;
}
/** Types without a btree order in PostgreSQL's min/max: bool, json, jsonb, uuid, bytea. */
const noMinMax = new Set(['bool', 'json', 'jsonb', 'uuid', 'bytea', 'void', 'record']);
for (const name of ['min', 'max'] as const) {
  const sign = name === 'min' ? -1 : 1;
  aggDynamic(name, (args) => {
    if (args.length !== 1) return undefined;
    let t = args[0]!;
    if (t.base === 'unknown' && !t.array) t = T.text;
    if (noMinMax.has(t.base) && !t.array) return undefined;
    if (t.base === 'varchar' || t.base === 'name') t = t.array ? t : T.text;
    const type = t;
    return {
      args: [type],
      result: type,
      init: (): MinMax => ({ v: null }),
      step: (s, a) => {
        const st = s as MinMax;
        const x = a[0]!;
        if (st.v === null || compareValues(type, x, st.v) * sign > 0) st.v = x;
        return st;
      },
      final: (s) => (s as MinMax).v,
      strict: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// string_agg, array_agg, json_agg, jsonb_agg, json(b)_object_agg

interface StrAcc {
  parts: string[] | null;
  seps: string[];
}
agg('string_agg', {
  args: [T.text, T.text],
  result: T.text,
  init: (): StrAcc => ({ parts: null, seps: [] }),
  step: (s, a) => {
    const st = s as StrAcc;
    if (a[0] === null) return st;
    if (st.parts === null) st.parts = [a[0] as string];
    else {
      st.parts.push((a[1] as string | null) ?? '', a[0] as string);
    }
    return st;
  },
  final: (s) => {
    const p = (s as StrAcc).parts;
    return p === null ? null : p.join('');
  },
  strict: false,
});

interface BytesAcc {
  parts: Uint8Array[] | null;
}
agg('string_agg', {
  args: [T.bytea, T.bytea],
  result: T.bytea,
  init: (): BytesAcc => ({ parts: null }),
  step: (s, a) => {
    const st = s as BytesAcc;
    if (a[0] === null) return st;
    if (st.parts === null) st.parts = [a[0] as Uint8Array];
    else st.parts.push((a[1] as Uint8Array | null) ?? new Uint8Array(0), a[0] as Uint8Array);
    return st;
  },
  final: (s) => {
    const p = (s as BytesAcc).parts;
    return p === null ? null : new Uint8Array(Buffer.concat(p));
  },
  strict: false,
});

interface ListAcc {
  items: Value[] | null;
}
aggDynamic('array_agg', (args) => {
  if (args.length !== 1) return undefined;
  let t = args[0]!;
  if (t.base === 'unknown') t = T.text;
  if (t.array) {
    throw new SqlError('0A000', 'array_agg of arrays (multidimensional arrays) is not supported');
  }
  return {
    args: [t],
    result: arrayOf(t),
    init: (): ListAcc => ({ items: null }),
    step: (s, a) => {
      const st = s as ListAcc;
      (st.items ??= []).push(a[0] ?? null);
      return st;
    },
    final: (s) => (s as ListAcc).items,
    strict: false,
  };
});

interface TextListAcc {
  items: string[] | null;
}
aggDynamic('json_agg', (args) => {
  if (args.length !== 1) return undefined;
  const t = args[0]!.base === 'unknown' ? T.text : args[0]!;
  return {
    args: [t],
    result: T.json,
    init: (): TextListAcc => ({ items: null }),
    step: (s, a, ctx) => {
      const st = s as TextListAcc;
      (st.items ??= []).push(toJsonText(t, a[0] ?? null, ctx));
      return st;
    },
    final: (s) => {
      const items = (s as TextListAcc).items;
      return items === null ? null : '[' + items.join(', ') + ']';
    },
    strict: false,
  };
});

interface NodeListAcc {
  items: JsonNode[] | null;
}
aggDynamic('jsonb_agg', (args) => {
  if (args.length !== 1) return undefined;
  const t = args[0]!.base === 'unknown' ? T.text : args[0]!;
  return {
    args: [t],
    result: T.jsonb,
    init: (): NodeListAcc => ({ items: null }),
    step: (s, a, ctx) => {
      const st = s as NodeListAcc;
      (st.items ??= []).push(toJsonNode(t, a[0] ?? null, ctx));
      return st;
    },
    final: (s) => {
      const items = (s as NodeListAcc).items;
      return items === null ? null : new Jsonb(items);
    },
    strict: false,
  };
});

interface PairAcc {
  pairs: [string, JsonNode][] | null;
  texts: string[] | null;
}
function keyText(t: SqlType, v: Value | undefined, ctx: TypeContext): string {
  if (v === null || v === undefined) throw new SqlError('22023', 'field name must not be null');
  return textOf(t, v, ctx) ?? '';
}
aggDynamic('jsonb_object_agg', (args) => {
  if (args.length !== 2) return undefined;
  const [kt, vt] = args.map((a) => (a.base === 'unknown' ? T.text : a)) as [SqlType, SqlType];
  return {
    args: [kt, vt],
    result: T.jsonb,
    init: (): PairAcc => ({ pairs: null, texts: null }),
    step: (s, a, ctx) => {
      const st = s as PairAcc;
      (st.pairs ??= []).push([keyText(kt, a[0], ctx), toJsonNode(vt, a[1] ?? null, ctx)]);
      return st;
    },
    final: (s) => {
      const p = (s as PairAcc).pairs;
      return p === null ? null : new Jsonb(makeJsonObject(p));
    },
    strict: false,
  };
});
aggDynamic('json_object_agg', (args) => {
  if (args.length !== 2) return undefined;
  const [kt, vt] = args.map((a) => (a.base === 'unknown' ? T.text : a)) as [SqlType, SqlType];
  return {
    args: [kt, vt],
    result: T.json,
    init: (): PairAcc => ({ pairs: null, texts: null }),
    step: (s, a, ctx) => {
      const st = s as PairAcc;
      const k = keyText(kt, a[0], ctx);
      (st.texts ??= []).push(toJsonText(T.text, k, ctx) + ' : ' + toJsonText(vt, a[1] ?? null, ctx));
      return st;
    },
    final: (s) => {
      const p = (s as PairAcc).texts;
      return p === null ? null : '{ ' + p.join(', ') + ' }';
    },
    strict: false,
  };
});
