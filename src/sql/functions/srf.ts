/**
 * Set-returning functions: generate_series (int4, int8, numeric, timestamp[tz] with an interval
 * step), unnest, generate_subscripts, json(b)_array_elements(_text), json(b)_each(_text),
 * json(b)_object_keys, regexp_matches, regexp_split_to_table, string_to_table.
 * Each yields rows lazily (generators), so `generate_series(1, 1e9) LIMIT 3` costs three rows.
 */
import { SqlError } from '../errors.js';
import { Jsonb, Numeric, T, arrayOf, elementType, formatTypeName, resolveOperator } from '../types/index.js';
import type { Interval, JsonNode, SqlType, TypeContext, Value } from '../types/index.js';
import { jsonNodeText, parseJsonText } from './json.js';
import { regexpMatches, regexpSplit } from './regex.js';
import { coercibleImplicitly, sameType, selectCandidate } from './registry.js';
import { stringToArray } from './string.js';

export interface SetFunctionImpl {
  readonly args: readonly SqlType[];
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  readonly fn: (args: readonly Value[], ctx: TypeContext) => Iterable<readonly Value[]>;
  readonly strict: boolean;
}

type Factory = (args: readonly SqlType[]) => SetFunctionImpl | undefined;
const statics = new Map<string, SetFunctionImpl[]>();
const dynamics = new Map<string, Factory>();

function srf(name: string, args: readonly SqlType[], columns: SetFunctionImpl['columns'], fn: SetFunctionImpl['fn'], strict = true): void {
  let list = statics.get(name);
  if (list === undefined) statics.set(name, (list = []));
  list.push({ args, columns, fn, strict });
}

const col = (name: string, type: SqlType): { readonly name: string; readonly type: SqlType } => ({ name, type });

export function resolveSetFunction(name: string, args: readonly SqlType[]): SetFunctionImpl | undefined {
  const list = statics.get(name);
  if (list !== undefined) {
    const cands: SetFunctionImpl[] = [];
    for (const f of list) {
      if (f.args.length !== args.length) continue;
      let exact = true;
      let ok = true;
      for (let i = 0; i < args.length; i++) {
        if (sameType(args[i]!, f.args[i]!)) continue;
        exact = false;
        if (!coercibleImplicitly(args[i]!, f.args[i]!)) ok = false;
      }
      if (exact) return f;
      if (ok) cands.push(f);
    }
    const chosen = selectCandidate(cands, args, () => `function ${name}(${args.map((a) => formatTypeName(a)).join(', ')})`);
    if (chosen !== undefined) return chosen;
  }
  const dyn = dynamics.get(name);
  return dyn === undefined ? undefined : dyn(args);
}

function zeroStep(): SqlError {
  return new SqlError('22023', 'step size cannot equal zero');
}

// ---------------------------------------------------------------------------------------------
// generate_series

function* seriesInt(start: number, stop: number, step: number): Generator<readonly Value[]> {
  if (step === 0) throw zeroStep();
  for (let i = start; step > 0 ? i <= stop : i >= stop; i += step) yield [i];
}
function* seriesBig(start: bigint, stop: bigint, step: bigint): Generator<readonly Value[]> {
  if (step === 0n) throw zeroStep();
  for (let i = start; step > 0n ? i <= stop : i >= stop; i += step) yield [i];
}
function* seriesNumeric(start: Numeric, stop: Numeric, step: Numeric): Generator<readonly Value[]> {
  for (const [v, what] of [
    [start, 'start'],
    [stop, 'stop'],
    [step, 'step size'],
  ] as const) {
    if (v.isNaN()) throw new SqlError('22023', `${what} value cannot be NaN`.replace('step size value', 'step size'));
    if (v.isInfinite()) throw new SqlError('22023', `${what} value cannot be infinity`.replace('step size value', 'step size'));
  }
  if (step.isZero()) throw zeroStep();
  const up = step.sign() > 0;
  for (let i = start; up ? i.cmp(stop) <= 0 : i.cmp(stop) >= 0; i = i.add(step)) yield [i];
}
const gs = 'generate_series';
srf(gs, [T.int4, T.int4], [col(gs, T.int4)], (a) => seriesInt(a[0] as number, a[1] as number, 1));
srf(gs, [T.int4, T.int4, T.int4], [col(gs, T.int4)], (a) => seriesInt(a[0] as number, a[1] as number, a[2] as number));
srf(gs, [T.int8, T.int8], [col(gs, T.int8)], (a) => seriesBig(a[0] as bigint, a[1] as bigint, 1n));
srf(gs, [T.int8, T.int8, T.int8], [col(gs, T.int8)], (a) => seriesBig(a[0] as bigint, a[1] as bigint, a[2] as bigint));
srf(gs, [T.numeric, T.numeric], [col(gs, T.numeric)], (a) => seriesNumeric(a[0] as Numeric, a[1] as Numeric, Numeric.one));
srf(gs, [T.numeric, T.numeric, T.numeric], [col(gs, T.numeric)], (a) => seriesNumeric(a[0] as Numeric, a[1] as Numeric, a[2] as Numeric));

for (const tt of [T.timestamp, T.timestamptz]) {
  const add = resolveOperator('+', tt, T.interval);
  srf(gs, [tt, tt, T.interval], [col(gs, tt)], (a, ctx) => seriesTime(a[0] as bigint, a[1] as bigint, a[2] as Interval, ctx, add));
}

function* seriesTime(
  start: bigint,
  stop: bigint,
  step: Interval,
  ctx: TypeContext,
  add: ReturnType<typeof resolveOperator>,
): Generator<readonly Value[]> {
  if (add === undefined) throw new SqlError('XX000', 'timestamp + interval is not available');
  const sign = step.months !== 0 ? Math.sign(step.months) : step.days !== 0 ? Math.sign(step.days) : step.micros > 0n ? 1 : step.micros < 0n ? -1 : 0;
  if (sign === 0) throw zeroStep();
  let i = start;
  for (;;) {
    if (sign > 0 ? i > stop : i < stop) return;
    yield [i];
    i = add.fn(i, step, ctx) as bigint;
  }
}

// ---------------------------------------------------------------------------------------------
// unnest, generate_subscripts

dynamics.set('unnest', (args) => {
  if (args.length !== 1 || !args[0]!.array) return undefined;
  const t = args[0]!;
  return {
    args: [t],
    columns: [col('unnest', elementType(t))],
    fn: function* (a) {
      for (const v of a[0] as readonly Value[]) yield [v];
    },
    strict: true,
  };
});

dynamics.set('generate_subscripts', (args) => {
  if ((args.length !== 2 && args.length !== 3) || !args[0]!.array) return undefined;
  const decl = args.length === 2 ? [args[0]!, T.int4] : [args[0]!, T.int4, T.bool];
  return {
    args: decl,
    columns: [col('generate_subscripts', T.int4)],
    fn: function* (a) {
      const n = (a[0] as readonly Value[]).length;
      if (a[1] !== 1 || n === 0) return;
      if (a[2] === true) for (let i = n; i >= 1; i--) yield [i];
      else for (let i = 1; i <= n; i++) yield [i];
    },
    strict: true,
  };
});

// ---------------------------------------------------------------------------------------------
// json / jsonb

function rootOf(v: Value, isJson: boolean): JsonNode {
  return isJson ? parseJsonText(v as string) : (v as Jsonb).root;
}

function jsonSrfs(prefix: 'json' | 'jsonb'): void {
  const isJson = prefix === 'json';
  const jt = isJson ? T.json : T.jsonb;
  const wrap = (n: JsonNode): Value => (isJson ? jsonNodeText(n, true) : new Jsonb(n));
  srf(`${prefix}_array_elements`, [jt], [col('value', jt)], function* (a) {
    for (const n of arrayOrThrow(rootOf(a[0]!, isJson))) yield [wrap(n)];
  });
  srf(`${prefix}_array_elements_text`, [jt], [col('value', T.text)], function* (a) {
    for (const n of arrayOrThrow(rootOf(a[0]!, isJson))) yield [n === null ? null : typeof n === 'string' ? n : jsonNodeText(n, isJson)];
  });
  for (const suffix of ['', '_text']) {
    const name = `${prefix}_each${suffix}`;
    srf(name, [jt], [col('key', T.text), col('value', suffix === '' ? jt : T.text)], function* (a) {
      const root = rootOf(a[0]!, isJson);
      if (!(root instanceof Map)) throw new SqlError('22023', `cannot call ${name} on a non-object`);
      for (const [k, v] of root as ReadonlyMap<string, JsonNode>) {
        if (suffix === '') yield [k, wrap(v)];
        else yield [k, v === null ? null : typeof v === 'string' ? v : jsonNodeText(v, isJson)];
      }
    });
  }
  const keysName = `${prefix}_object_keys`;
  srf(keysName, [jt], [col(keysName, T.text)], function* (a) {
    const root = rootOf(a[0]!, isJson);
    if (Array.isArray(root)) throw new SqlError('22023', `cannot call ${keysName} on an array`);
    if (!(root instanceof Map)) throw new SqlError('22023', `cannot call ${keysName} on a scalar`);
    for (const k of (root as ReadonlyMap<string, JsonNode>).keys()) yield [k];
  });
}

function arrayOrThrow(n: JsonNode): readonly JsonNode[] {
  if (Array.isArray(n)) return n as readonly JsonNode[];
  if (n instanceof Map) throw new SqlError('22023', 'cannot extract elements from an object');
  throw new SqlError('22023', 'cannot extract elements from a scalar');
}
jsonSrfs('json');
jsonSrfs('jsonb');

// ---------------------------------------------------------------------------------------------
// regexp_matches, regexp_split_to_table, string_to_table

const textArr = arrayOf(T.text);
srf('regexp_matches', [T.text, T.text], [col('regexp_matches', textArr)], function* (a) {
  for (const m of regexpMatches(a[0] as string, a[1] as string, null)) yield [m];
});
srf('regexp_matches', [T.text, T.text, T.text], [col('regexp_matches', textArr)], function* (a) {
  for (const m of regexpMatches(a[0] as string, a[1] as string, a[2] as string)) yield [m];
});
srf('regexp_split_to_table', [T.text, T.text], [col('regexp_split_to_table', T.text)], function* (a) {
  for (const p of regexpSplit(a[0] as string, a[1] as string, null, 'regexp_split_to_table')) yield [p];
});
srf('regexp_split_to_table', [T.text, T.text, T.text], [col('regexp_split_to_table', T.text)], function* (a) {
  for (const p of regexpSplit(a[0] as string, a[1] as string, a[2] as string, 'regexp_split_to_table')) yield [p];
});
srf(
  'string_to_table',
  [T.text, T.text],
  [col('string_to_table', T.text)],
  function* (a) {
    if (a[0] === null) return;
    for (const p of stringToArray(a[0] as string, a[1] as string | null, null)) yield [p];
  },
  false,
);
srf(
  'string_to_table',
  [T.text, T.text, T.text],
  [col('string_to_table', T.text)],
  function* (a) {
    if (a[0] === null) return;
    for (const p of stringToArray(a[0] as string, a[1] as string | null, a[2] as string | null)) yield [p];
  },
  false,
);
