/**
 * Operators that live with the functions rather than the types: json/jsonb navigation
 * (-> ->> #> #>>), jsonb containment and existence (@> <@ ? ?| ?&), jsonb || and - and #-,
 * LIKE family (~~ ~~* !~~ !~~*, which the planner maps LIKE/ILIKE to), regular expressions
 * (~ ~* !~ !~*) and array containment/overlap (@> <@ &&).
 * Resolution: PostgreSQL's rules over this table (exact match, implicit coercions, unknown
 * literals preferring the string category), as registry.selectCandidate implements them.
 */
import { Jsonb, T, arrayOf, elementType, equalityKey, formatTypeName } from '../types/index.js';
import type { JsonNode, OperatorImpl, SqlType, TypeContext, Value } from '../types/index.js';
import {
  concatJsonb,
  contains,
  deleteIndex,
  deleteKey,
  deletePath,
  getField,
  getIndex,
  getPath,
  hasKey,
  nodeAsText,
  nodeOf,
  wrapNode,
} from './json.js';
import { likeMatcher } from './like.js';
import { compileRegex } from './regex.js';
import type { RegexFlags } from './regex.js';
import { coercibleImplicitly, sameType, selectCandidate } from './registry.js';

const table = new Map<string, OperatorImpl[]>();

function op(name: string, left: SqlType, right: SqlType, result: SqlType, fn: (a: Value, b: Value, ctx: TypeContext) => Value): void {
  let list = table.get(name);
  if (list === undefined) table.set(name, (list = []));
  list.push({ left, right, result, fn });
}

// ---------------------------------------------------------------------------------------------
// LIKE family: compiled matchers cached by pattern (the pattern is usually a constant).

/** A LIKE operator with its own one-entry cache: the pattern is nearly always the same on every row. */
function likeOp(icase: boolean, negate: boolean): (a: Value, b: Value) => Value {
  let lastPattern: string | null = null;
  let matcher: (s: string) => boolean = () => false;
  return (a, b) => {
    const p = b as string;
    if (p !== lastPattern) {
      matcher = likeMatcher(p, null, icase);
      lastPattern = p;
    }
    return matcher(a as string) !== negate;
  };
}

/** A regex operator with a one-entry cache of the compiled pattern. */
function regexOp(icase: boolean, negate: boolean): (a: Value, b: Value) => Value {
  let lastPattern: string | null = null;
  let re: RegExp | null = null;
  return (a, b) => {
    const p = b as string;
    if (p !== lastPattern || re === null) {
      re = compileRegex(p, icase ? icaseFlags : noFlags);
      lastPattern = p;
    }
    return re.test(a as string) !== negate;
  };
}

const noFlags: RegexFlags = { global: false, icase: false, newline: false, expanded: false, quote: false };
const icaseFlags: RegexFlags = { ...noFlags, icase: true };

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

for (const st of [T.text, T.bpchar, T.name]) {
  op('~~', st, T.text, T.bool, likeOp(false, false));
  op('!~~', st, T.text, T.bool, likeOp(false, true));
  op('~~*', st, T.text, T.bool, likeOp(true, false));
  op('!~~*', st, T.text, T.bool, likeOp(true, true));
  op('~', st, T.text, T.bool, regexOp(false, false));
  op('!~', st, T.text, T.bool, regexOp(false, true));
  op('~*', st, T.text, T.bool, regexOp(true, false));
  op('!~*', st, T.text, T.bool, regexOp(true, true));
}
const byteaLike = likeOp(false, false);
const byteaNotLike = likeOp(false, true);
op('~~', T.bytea, T.bytea, T.bool, (a, b) => byteaLike(latin1(a as Uint8Array), latin1(b as Uint8Array)));
op('!~~', T.bytea, T.bytea, T.bool, (a, b) => byteaNotLike(latin1(a as Uint8Array), latin1(b as Uint8Array)));

// ---------------------------------------------------------------------------------------------
// json / jsonb

/** jsonb stores a top-level scalar as a one-element array: `'1'::jsonb -> 0` (or -1) is 1. */
function jsonbIndex(n: JsonNode, idx: number): JsonNode | undefined {
  if (!Array.isArray(n) && !(n instanceof Map)) return idx === 0 || idx === -1 ? n : undefined;
  return getIndex(n, idx);
}

const textArr = arrayOf(T.text);
for (const jt of [T.json, T.jsonb]) {
  const wrap = (n: JsonNode | undefined): Value => (n === undefined ? null : wrapNode(jt, n));
  op('->', jt, T.text, jt, (a, b) => wrap(getField(nodeOf(jt, a), b as string)));
  const index = jt.base === 'jsonb' ? jsonbIndex : getIndex;
  op('->', jt, T.int4, jt, (a, b) => wrap(index(nodeOf(jt, a), b as number)));
  op('->>', jt, T.text, T.text, (a, b) => nodeAsText(getField(nodeOf(jt, a), b as string)));
  op('->>', jt, T.int4, T.text, (a, b) => nodeAsText(index(nodeOf(jt, a), b as number)));
  op('#>', jt, textArr, jt, (a, b) => wrap(getPath(nodeOf(jt, a), b as readonly Value[])));
  op('#>>', jt, textArr, T.text, (a, b) => nodeAsText(getPath(nodeOf(jt, a), b as readonly Value[])));
}
const root = (v: Value): JsonNode => (v as Jsonb).root;
op('@>', T.jsonb, T.jsonb, T.bool, (a, b) => contains(root(a), root(b)));
op('<@', T.jsonb, T.jsonb, T.bool, (a, b) => contains(root(b), root(a)));
op('?', T.jsonb, T.text, T.bool, (a, b) => hasKey(root(a), b as string));
op('?|', T.jsonb, textArr, T.bool, (a, b) => (b as readonly Value[]).some((k) => k !== null && hasKey(root(a), k as string)));
op('?&', T.jsonb, textArr, T.bool, (a, b) => (b as readonly Value[]).every((k) => k === null || hasKey(root(a), k as string)));
op('||', T.jsonb, T.jsonb, T.jsonb, (a, b) => new Jsonb(concatJsonb(root(a), root(b))));
op('-', T.jsonb, T.text, T.jsonb, (a, b) => new Jsonb(deleteKey(root(a), b as string)));
op('-', T.jsonb, T.int4, T.jsonb, (a, b) => new Jsonb(deleteIndex(root(a), b as number)));
op('-', T.jsonb, textArr, T.jsonb, (a, b) => {
  let n = root(a);
  for (const k of b as readonly Value[]) if (k !== null) n = deleteKey(n, k as string);
  return new Jsonb(n);
});
op('#-', T.jsonb, textArr, T.jsonb, (a, b) => new Jsonb(deletePath(root(a), (b as readonly Value[]).filter((x) => x !== null) as string[])));

// ---------------------------------------------------------------------------------------------
// Arrays: @> <@ && over the element type's equality (NULL elements never match).

function keySet(t: SqlType, arr: readonly Value[]): Set<string | number | bigint | boolean> {
  const s = new Set<string | number | bigint | boolean>();
  for (const v of arr) if (v !== null) s.add(equalityKey(t, v));
  return s;
}

function arrayContains(t: SqlType, a: readonly Value[], b: readonly Value[]): boolean {
  const have = keySet(t, a);
  for (const v of b) if (v === null || !have.has(equalityKey(t, v))) return false;
  return true;
}

function arrayOps(t: SqlType): OperatorImpl[] {
  const el = elementType(t);
  return [
    { left: t, right: t, result: T.bool, fn: (a, b) => arrayContains(el, a as readonly Value[], b as readonly Value[]) },
    { left: t, right: t, result: T.bool, fn: (a, b) => arrayContains(el, b as readonly Value[], a as readonly Value[]) },
    {
      left: t,
      right: t,
      result: T.bool,
      fn: (a, b) => {
        const have = keySet(el, a as readonly Value[]);
        for (const v of b as readonly Value[]) if (v !== null && have.has(equalityKey(el, v))) return true;
        return false;
      },
    },
  ];
}

const arrayOpIndex: Readonly<Record<string, number>> = { '@>': 0, '<@': 1, '&&': 2 };

export function resolveFunctionOperator(name: string, left: SqlType | null, right: SqlType): OperatorImpl | undefined {
  if (left === null) return undefined;
  const ai = arrayOpIndex[name];
  if (ai !== undefined && (left.array || right.array)) {
    const t = left.array ? (right.array && !sameType(left, right) ? undefined : left) : right.base === 'unknown' ? undefined : right;
    const arrT = t ?? (left.array ? left : right);
    if (!left.array && left.base !== 'unknown') return undefined;
    if (!right.array && right.base !== 'unknown') return undefined;
    if (left.array && right.array && !sameType(left, right)) {
      if (!coercibleImplicitly(right, left) && !coercibleImplicitly(left, right)) return undefined;
      const common = coercibleImplicitly(right, left) ? left : right;
      return arrayOps(common)[ai];
    }
    return arrayOps(arrT)[ai];
  }
  const list = table.get(name);
  if (list === undefined) return undefined;
  const args = [left, right];
  const cands: { args: readonly SqlType[]; impl: OperatorImpl }[] = [];
  for (const o of list) {
    const exact = sameType(left, o.left!) && sameType(right, o.right);
    if (exact) return o;
    if (coercibleImplicitly(left, o.left!) && coercibleImplicitly(right, o.right)) cands.push({ args: [o.left!, o.right], impl: o });
  }
  const chosen = selectCandidate(cands, args, () => `operator is not unique: ${formatTypeName(left)} ${name} ${formatTypeName(right)}`);
  return chosen?.impl;
}
