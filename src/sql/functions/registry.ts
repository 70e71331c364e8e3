/**
 * The table of built-in functions and PostgreSQL's function resolution over it
 * (parse_func.c's func_get_detail / func_select_candidate, simplified to the built-ins):
 *
 * 1. Candidates: the static overloads of the name with as many arguments as the call.
 * 2. An exact match (every argument's base type and arrayness equal the declared one) wins.
 * 3. Otherwise keep the candidates each argument of which converts implicitly (an `unknown`
 *    literal converts to anything). One left: it.
 * 4. Several: keep those with the most exact matches; then those with the most preferred types
 *    (float8, text, timestamptz, interval) where a coercion is needed; then, for `unknown`
 *    arguments, prefer the string category when some candidate takes one there, else a category
 *    that all candidates share. Still several: 42725 `function f(…) is not unique`.
 * 5. No static candidate: the name's dynamic resolvers (polymorphic and "any"-variadic functions,
 *    which compute their own signature from the argument types) are asked in turn.
 */
import { SqlError } from '../errors.js';
import { castKind, formatTypeName, isPreferredType, typeCategory } from '../types/index.js';
import type { SqlType, TypeContext, Value } from '../types/index.js';

export type Volatility = 'immutable' | 'stable' | 'volatile';

export interface FunctionImpl {
  readonly args: readonly SqlType[];
  readonly result: SqlType;
  readonly fn: (args: readonly Value[], ctx: TypeContext) => Value;
  readonly strict: boolean;
  readonly volatility: Volatility;
}

export type DynamicResolver = (args: readonly SqlType[]) => FunctionImpl | undefined;

const staticFns = new Map<string, FunctionImpl[]>();
const dynamicFns = new Map<string, DynamicResolver[]>();

export interface DefOptions {
  readonly strict?: boolean;
  readonly volatility?: Volatility;
}

/** Register one overload under one or more names. */
export function def(
  names: string | readonly string[],
  args: readonly SqlType[],
  result: SqlType,
  fn: (args: readonly Value[], ctx: TypeContext) => Value,
  opts: DefOptions = {},
): void {
  const impl: FunctionImpl = { args, result, fn, strict: opts.strict ?? true, volatility: opts.volatility ?? 'immutable' };
  for (const name of typeof names === 'string' ? [names] : names) {
    let list = staticFns.get(name);
    if (list === undefined) staticFns.set(name, (list = []));
    list.push(impl);
  }
}

/** Register a resolver that builds the signature from the call's argument types. */
export function defDynamic(names: string | readonly string[], resolver: DynamicResolver): void {
  for (const name of typeof names === 'string' ? [names] : names) {
    let list = dynamicFns.get(name);
    if (list === undefined) dynamicFns.set(name, (list = []));
    list.push(resolver);
  }
}

export function isFunctionName(name: string): boolean {
  return staticFns.has(name) || dynamicFns.has(name);
}

export function sameType(a: SqlType, b: SqlType): boolean {
  return a.base === b.base && a.array === b.array;
}

/** Can an argument of type `from` be passed where `to` is declared, without an explicit cast? */
export function coercibleImplicitly(from: SqlType, to: SqlType): boolean {
  if (sameType(from, to)) return true;
  if (from.base === 'unknown' && !from.array) return true;
  return castKind(from, to) === 'implicit';
}

function describeCall(name: string, args: readonly SqlType[]): string {
  return `${name}(${args.map((a) => formatTypeName(a)).join(', ')})`;
}

const isUnknown = (t: SqlType): boolean => t.base === 'unknown' && !t.array;

/** Pick the best candidate among `cands` (all of them accept `args` implicitly) as func_select_candidate does. */
export function selectCandidate<C extends { readonly args: readonly SqlType[] }>(
  cands: readonly C[],
  args: readonly SqlType[],
  what: () => string,
): C | undefined {
  if (cands.length <= 1) return cands[0];
  // 1. Most exact matches.
  let best = filterMax(cands, (c) => {
    let n = 0;
    for (let i = 0; i < args.length; i++) if (sameType(args[i]!, c.args[i]!)) n++;
    return n;
  });
  if (best.length === 1) return best[0];
  // 2. Most exact-or-preferred matches, counting only preferred types of the input's own category.
  best = filterMax(best, (c) => {
    let n = 0;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const d = c.args[i]!;
      if (isUnknown(a)) continue;
      if (sameType(a, d) || (isPreferredType(d) && typeCategory(d) === typeCategory(a))) n++;
    }
    return n;
  });
  if (best.length === 1) return best[0];
  // 3. Unknown literals: per position, the string category if any candidate takes one, else the
  //    one category all candidates share (a conflict abandons this step); prefer preferred types.
  const cats: (string | null)[] = [];
  const hasPreferred: boolean[] = [];
  let resolved = true;
  for (let i = 0; i < args.length && resolved; i++) {
    cats.push(null);
    hasPreferred.push(false);
    if (!isUnknown(args[i]!)) continue;
    for (const c of best) {
      const d = c.args[i]!;
      const cat = typeCategory(d);
      if (cats[i] === null) {
        cats[i] = cat;
        hasPreferred[i] = isPreferredType(d);
      } else if (cat === cats[i]) hasPreferred[i] = hasPreferred[i]! || isPreferredType(d);
      else if (cat === 'S') {
        cats[i] = 'S';
        hasPreferred[i] = isPreferredType(d);
      } else if (cats[i] !== 'S') resolved = false;
    }
  }
  if (resolved && args.some(isUnknown)) {
    const kept = best.filter((c) =>
      args.every((a, i) => !isUnknown(a) || (typeCategory(c.args[i]!) === cats[i] && (!hasPreferred[i] || isPreferredType(c.args[i]!)))),
    );
    if (kept.length > 0) best = kept;
    if (best.length === 1) return best[0];
  }
  // 4. Known arguments all of one type: assume the unknown ones are of it too.
  const known = args.filter((a) => !isUnknown(a));
  if (known.length > 0 && known.length < args.length && known.every((k) => sameType(k, known[0]!))) {
    const k = known[0]!;
    const fit = best.filter((c) => args.every((a, i) => !isUnknown(a) || coercibleImplicitly(k, c.args[i]!)));
    if (fit.length === 1) return fit[0];
  }
  const subject = what();
  throw new SqlError('42725', subject.startsWith('operator') ? subject : `${subject} is not unique`, {
    hint: `Could not choose a best candidate ${subject.startsWith('operator') ? 'operator' : 'function'}. You might need to add explicit type casts.`,
  });
}

function filterMax<C>(xs: readonly C[], score: (c: C) => number): C[] {
  let max = -1;
  let out: C[] = [];
  for (const x of xs) {
    const s = score(x);
    if (s > max) {
      max = s;
      out = [x];
    } else if (s === max) out.push(x);
  }
  return out;
}

export function resolveFunction(name: string, args: readonly SqlType[]): FunctionImpl | undefined {
  const list = staticFns.get(name);
  if (list !== undefined) {
    let exact: FunctionImpl | undefined;
    const cands: FunctionImpl[] = [];
    for (const f of list) {
      if (f.args.length !== args.length) continue;
      let isExact = true;
      let ok = true;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        const d = f.args[i]!;
        if (!sameType(a, d)) {
          isExact = false;
          if (!coercibleImplicitly(a, d)) {
            ok = false;
            break;
          }
        }
      }
      if (!ok) continue;
      if (isExact) {
        exact = f;
        break;
      }
      cands.push(f);
    }
    if (exact !== undefined) return exact;
    const chosen = selectCandidate(cands, args, () => `function ${describeCall(name, args)}`);
    if (chosen !== undefined) return chosen;
  }
  const dyn = dynamicFns.get(name);
  if (dyn !== undefined) {
    for (const r of dyn) {
      const f = r(args);
      if (f !== undefined) return f;
    }
  }
  return undefined;
}
