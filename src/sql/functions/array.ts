/**
 * Array functions over one-dimensional arrays (lower bound 1): array_length/lower/upper/ndims/dims,
 * cardinality, array_append/prepend/cat, array_position(s), array_remove/replace, trim_array.
 * anyarray/anyelement arguments unify as PostgreSQL does: an unknown literal takes the other
 * argument's type; otherwise element and array types must agree.
 */
import { SqlError } from '../errors.js';
import { T, arrayOf, elementType, equalityKey } from '../types/index.js';
import type { SqlType, Value } from '../types/index.js';
import { defDynamic, sameType } from './registry.js';
import type { FunctionImpl } from './registry.js';

type Arr = readonly Value[];

/** Unify (anyarray, anyelement) argument types → the array type, or undefined. */
function unify(arr: SqlType, el: SqlType): SqlType | undefined {
  const arrUnknown = arr.base === 'unknown' && !arr.array;
  const elUnknown = el.base === 'unknown' && !el.array;
  if (arrUnknown && elUnknown) return arrayOf(T.text);
  if (arrUnknown) return el.array ? undefined : arrayOf(el);
  if (!arr.array) return undefined;
  if (elUnknown) return arr;
  return sameType(elementType(arr), el) ? arr : undefined;
}

/** anyarray/anyelement (unlike anycompatible) cannot take their type from an untyped literal. */
export function polymorphicUnknown(): SqlError {
  return new SqlError('42804', 'could not determine polymorphic type because input has type unknown');
}

function impl(args: readonly SqlType[], result: SqlType, fn: FunctionImpl['fn'], strict = true): FunctionImpl {
  return { args, result, fn, strict, volatility: 'immutable' };
}

/** A polymorphic function taking one anyarray argument first. */
function arrayFirst(name: string, rest: readonly SqlType[], result: ((arr: SqlType) => SqlType) | SqlType, fn: FunctionImpl['fn']): void {
  defDynamic(name, (args) => {
    if (args.length !== rest.length + 1) return undefined;
    const arr = args[0]!;
    if (arr.base === 'unknown' && !arr.array) throw polymorphicUnknown();
    if (!arr.array) return undefined;
    return impl([arr, ...rest], typeof result === 'function' ? result(arr) : result, fn);
  });
}

const len = (v: Value | undefined): number => (v as Arr).length;
arrayFirst('array_length', [T.int4], T.int4, (a) => (a[1] === 1 && len(a[0]) > 0 ? len(a[0]) : null));
arrayFirst('array_lower', [T.int4], T.int4, (a) => (a[1] === 1 && len(a[0]) > 0 ? 1 : null));
arrayFirst('array_upper', [T.int4], T.int4, (a) => (a[1] === 1 && len(a[0]) > 0 ? len(a[0]) : null));
arrayFirst('array_ndims', [], T.int4, (a) => (len(a[0]) > 0 ? 1 : null));
arrayFirst('array_dims', [], T.text, (a) => (len(a[0]) > 0 ? `[1:${len(a[0])}]` : null));
arrayFirst('cardinality', [], T.int4, (a) => len(a[0]));
arrayFirst('trim_array', [T.int4], (t) => t, (a) => {
  const n = a[1] as number;
  if (n < 0 || n > len(a[0])) {
    throw new SqlError('2202E', 'number of elements to trim must be between 0 and ' + len(a[0]));
  }
  return (a[0] as Arr).slice(0, len(a[0]) - n);
});

defDynamic('array_append', (args) => {
  if (args.length !== 2) return undefined;
  const t = unify(args[0]!, args[1]!);
  if (t === undefined) return undefined;
  return impl([t, elementType(t)], t, (a) => [...((a[0] as Arr | null) ?? []), a[1] ?? null], false);
});
defDynamic('array_prepend', (args) => {
  if (args.length !== 2) return undefined;
  const t = unify(args[1]!, args[0]!);
  if (t === undefined) return undefined;
  return impl([elementType(t), t], t, (a) => [a[0] ?? null, ...((a[1] as Arr | null) ?? [])], false);
});
defDynamic('array_cat', (args) => {
  if (args.length !== 2) return undefined;
  const [x, y] = args as [SqlType, SqlType];
  const xu = x.base === 'unknown' && !x.array;
  const yu = y.base === 'unknown' && !y.array;
  let t: SqlType | undefined;
  if (xu && yu) t = arrayOf(T.text);
  else if (xu) t = y.array ? y : undefined;
  else if (yu) t = x.array ? x : undefined;
  else t = x.array && sameType(x, y) ? x : undefined;
  if (t === undefined) return undefined;
  return impl([t, t], t, (a) => {
    if (a[0] === null && a[1] === null) return null;
    return [...((a[0] as Arr | null) ?? []), ...((a[1] as Arr | null) ?? [])];
  }, false);
});

/** IS NOT DISTINCT FROM on elements of type el. */
function sameValue(el: SqlType, x: Value, y: Value): boolean {
  if (x === null || y === null) return x === y;
  return equalityKey(el, x) === equalityKey(el, y);
}

function positionImpl(args: readonly SqlType[], withStart: boolean): FunctionImpl | undefined {
  const t = unify(args[0]!, args[1]!);
  if (t === undefined) return undefined;
  const el = elementType(t);
  const decl = withStart ? [t, el, T.int4] : [t, el];
  return impl(decl, T.int4, (a) => {
    if (a[0] === null) return null;
    const arr = a[0] as Arr;
    let from = 0;
    if (withStart) {
      if (a[2] === null) throw new SqlError('22004', 'initial position must not be null');
      from = Math.max((a[2] as number) - 1, 0);
    }
    for (let i = from; i < arr.length; i++) if (sameValue(el, arr[i]!, a[1] ?? null)) return i + 1;
    return null;
  }, false);
}
defDynamic('array_position', (args) => (args.length === 2 ? positionImpl(args, false) : args.length === 3 ? positionImpl(args, true) : undefined));
defDynamic('array_positions', (args) => {
  if (args.length !== 2) return undefined;
  const t = unify(args[0]!, args[1]!);
  if (t === undefined) return undefined;
  const el = elementType(t);
  return impl([t, el], arrayOf(T.int4), (a) => {
    if (a[0] === null) return null;
    const out: number[] = [];
    (a[0] as Arr).forEach((v, i) => {
      if (sameValue(el, v, a[1] ?? null)) out.push(i + 1);
    });
    return out;
  }, false);
});
defDynamic('array_remove', (args) => {
  if (args.length !== 2) return undefined;
  const t = unify(args[0]!, args[1]!);
  if (t === undefined) return undefined;
  const el = elementType(t);
  return impl([t, el], t, (a) => (a[0] === null ? null : (a[0] as Arr).filter((v) => !sameValue(el, v, a[1] ?? null))), false);
});
defDynamic('array_replace', (args) => {
  if (args.length !== 3) return undefined;
  const t = unify(args[0]!, args[1]!);
  if (t === undefined || unify(t, args[2]!) === undefined) return undefined;
  const el = elementType(t);
  return impl([t, el, el], t, (a) => (a[0] === null ? null : (a[0] as Arr).map((v) => (sameValue(el, v, a[1] ?? null) ? (a[2] ?? null) : v))), false);
});

