/**
 * Operators of the type layer (arithmetic, comparison, bitwise, concatenation, date/time
 * arithmetic, array containment) and PostgreSQL's operator resolution over them
 * (oper_select_candidate): an exact match first; otherwise the candidates every input reaches
 * by implicit coercion, narrowed to the most exact matches, then the most preferred types.
 * An 'unknown' input (a string literal) takes the other side's type; two unknowns are text.
 */
import { SqlError } from '../errors.js';
import { castKind, castValue } from './cast.js';
import { canCoerceImplicitly, commonType, isPreferredType } from './common-type.js';
import { compareFloats, compareValues } from './compare.js';
import {
  dateToTimestamp,
  isFiniteTimestamp,
  postgresEpochJdate,
  timePlusInterval,
  timestampMinus,
  timestampPlusInterval,
  timestamptzPlusInterval,
} from './datetime.js';
import { Interval, usecPerDay } from './interval.js';
import { int2Max, int2Min, int4Max, int4Min, int8Max, int8Min } from './io.js';
import { Numeric } from './numeric.js';
import { arrayOf, elementType, sqlType, T, type BaseType, type SqlType, type TypeContext, type Value } from './type.js';

export interface OperatorImpl {
  readonly left: SqlType | null;
  readonly right: SqlType;
  readonly result: SqlType;
  readonly fn: (a: Value, b: Value, ctx: TypeContext) => Value;
}

type Fn = OperatorImpl['fn'];

const table = new Map<string, OperatorImpl[]>();

function def(op: string, left: SqlType | null, right: SqlType, result: SqlType, fn: Fn): void {
  let list = table.get(op);
  if (list === undefined) {
    list = [];
    table.set(op, list);
  }
  list.push({ left, right, result, fn });
}

// ---------------------------------------------------------------------------------------------
// Errors and range checks

const intNames = { int2: 'smallint', int4: 'integer', int8: 'bigint' } as const;
type IntBase = keyof typeof intNames;

function outOfRange(b: IntBase): SqlError {
  return new SqlError('22003', `${intNames[b]} out of range`);
}

function divZero(): SqlError {
  return new SqlError('22012', 'division by zero');
}

function checkInt(r: number, b: 'int2' | 'int4'): number {
  if (b === 'int4' ? r < int4Min || r > int4Max : r < int2Min || r > int2Max) throw outOfRange(b);
  return r + 0;
}

function checkInt8(r: bigint): bigint {
  if (r < int8Min || r > int8Max) throw outOfRange('int8');
  return r;
}

function big(v: Value): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

function overflow(): SqlError {
  return new SqlError('22003', 'value out of range: overflow');
}

function underflow(): SqlError {
  return new SqlError('22003', 'value out of range: underflow');
}

// ---------------------------------------------------------------------------------------------
// Integers

const intTypes: readonly IntBase[] = ['int2', 'int4', 'int8'];
const intRank: Readonly<Record<IntBase, number>> = { int2: 0, int4: 1, int8: 2 };

function intArith(op: string, res: IntBase): Fn {
  if (res === 'int8') {
    switch (op) {
      case '+':
        return (a, b) => checkInt8(big(a) + big(b));
      case '-':
        return (a, b) => checkInt8(big(a) - big(b));
      case '*':
        return (a, b) => checkInt8(big(a) * big(b));
      case '/':
        return (a, b) => {
          const d = big(b);
          if (d === 0n) throw divZero();
          return checkInt8(big(a) / d);
        };
      default:
        return (a, b) => {
          const d = big(b);
          if (d === 0n) throw divZero();
          return big(a) % d;
        };
    }
  }
  switch (op) {
    case '+':
      return (a, b) => checkInt((a as number) + (b as number), res);
    case '-':
      return (a, b) => checkInt((a as number) - (b as number), res);
    case '*':
      return (a, b) => checkInt((a as number) * (b as number), res);
    case '/':
      return (a, b) => {
        if (b === 0) throw divZero();
        return checkInt(Math.trunc((a as number) / (b as number)), res);
      };
    default:
      return (a, b) => {
        if (b === 0) throw divZero();
        return ((a as number) % (b as number)) + 0;
      };
  }
}

function intBitwise(op: string, res: IntBase): Fn {
  if (res === 'int8') {
    switch (op) {
      case '&':
        return (a, b) => (a as bigint) & (b as bigint);
      case '|':
        return (a, b) => (a as bigint) | (b as bigint);
      case '#':
        return (a, b) => (a as bigint) ^ (b as bigint);
      case '<<':
        return (a, b) => BigInt.asIntN(64, (a as bigint) << BigInt((b as number) & 63));
      default:
        return (a, b) => (a as bigint) >> BigInt((b as number) & 63);
    }
  }
  const wrap = res === 'int2' ? (x: number): number => (x << 16) >> 16 : (x: number): number => x | 0;
  switch (op) {
    case '&':
      return (a, b) => (a as number) & (b as number);
    case '|':
      return (a, b) => (a as number) | (b as number);
    case '#':
      return (a, b) => (a as number) ^ (b as number);
    case '<<':
      return (a, b) => wrap((a as number) << (b as number));
    default:
      return (a, b) => (a as number) >> (b as number);
  }
}

function cmpFn(op: string, cmp: (a: Value, b: Value) => number): Fn {
  switch (op) {
    case '=':
      return (a, b) => cmp(a, b) === 0;
    case '<>':
      return (a, b) => cmp(a, b) !== 0;
    case '<':
      return (a, b) => cmp(a, b) < 0;
    case '<=':
      return (a, b) => cmp(a, b) <= 0;
    case '>':
      return (a, b) => cmp(a, b) > 0;
    default:
      return (a, b) => cmp(a, b) >= 0;
  }
}

const comparisonOps = ['=', '<>', '<', '<=', '>', '>='] as const;

function mixedIntCmp(a: Value, b: Value): number {
  return (a as number | bigint) < (b as number | bigint) ? -1 : (a as number | bigint) > (b as number | bigint) ? 1 : 0;
}

for (const l of intTypes) {
  for (const r of intTypes) {
    const res = intRank[l] >= intRank[r] ? l : r;
    for (const op of ['+', '-', '*', '/']) def(op, T[l], T[r], T[res], intArith(op, res));
    for (const op of comparisonOps) def(op, T[l], T[r], T.bool, cmpFn(op, mixedIntCmp));
  }
  def('%', T[l], T[l], T[l], intArith('%', l));
  for (const op of ['&', '|', '#']) def(op, T[l], T[l], T[l], intBitwise(op, l));
  for (const op of ['<<', '>>']) def(op, T[l], T.int4, T[l], intBitwise(op, l));
  if (l === 'int8') {
    def('-', null, T.int8, T.int8, (_a, b) => checkInt8(-(b as bigint)));
    def('@', null, T.int8, T.int8, (_a, b) => checkInt8((b as bigint) < 0n ? -(b as bigint) : (b as bigint)));
    def('~', null, T.int8, T.int8, (_a, b) => ~(b as bigint));
  } else {
    def('-', null, T[l], T[l], (_a, b) => checkInt(-(b as number), l));
    def('@', null, T[l], T[l], (_a, b) => checkInt(Math.abs(b as number), l));
    def('~', null, T[l], T[l], (_a, b) => ~(b as number));
  }
  def('+', null, T[l], T[l], (_a, b) => b);
}

// ---------------------------------------------------------------------------------------------
// Floats

function floatResult(r: number, a: number, b: number, f4: boolean, zeroOk: boolean): number {
  const v = f4 ? Math.fround(r) : r;
  if (!Number.isFinite(v) && !Number.isNaN(v) && Number.isFinite(a) && Number.isFinite(b)) throw overflow();
  if (v === 0 && !zeroOk) throw underflow();
  return v;
}

function floatArith(op: string, f4: boolean): Fn {
  switch (op) {
    case '+':
      return (a, b) => floatResult((a as number) + (b as number), a as number, b as number, f4, true);
    case '-':
      return (a, b) => floatResult((a as number) - (b as number), a as number, b as number, f4, true);
    case '*':
      return (a, b) => floatResult((a as number) * (b as number), a as number, b as number, f4, a === 0 || b === 0);
    default:
      return (a, b) => {
        if (b === 0 && !Number.isNaN(a as number)) throw divZero();
        return floatResult((a as number) / (b as number), a as number, b as number, f4, a === 0 || !Number.isFinite(b as number));
      };
  }
}

const floatTypes = ['float4', 'float8'] as const;
for (const l of floatTypes) {
  for (const r of floatTypes) {
    const f4 = l === 'float4' && r === 'float4';
    const res = f4 ? T.float4 : T.float8;
    for (const op of ['+', '-', '*', '/']) def(op, T[l], T[r], res, floatArith(op, f4));
    for (const op of comparisonOps) def(op, T[l], T[r], T.bool, cmpFn(op, (a, b) => compareFloats(a as number, b as number)));
  }
  def('-', null, T[l], T[l], (_a, b) => -(b as number));
  def('+', null, T[l], T[l], (_a, b) => b);
  def('@', null, T[l], T[l], (_a, b) => Math.abs(b as number));
}

/** float8 ^ float8 (dpow). */
function dpow(x: number, y: number): number {
  if (Number.isNaN(x)) return y === 0 ? 1 : NaN;
  if (Number.isNaN(y)) return x === 1 ? 1 : NaN;
  if (x === 0 && y < 0) throw new SqlError('2201F', 'zero raised to a negative power is undefined');
  if (x < 0 && Number.isFinite(y) && Math.floor(y) !== y) {
    throw new SqlError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  }
  if (x === -1 && !Number.isFinite(y)) return 1;
  const r = Math.pow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw overflow();
  if (r === 0 && x !== 0 && Number.isFinite(x) && Number.isFinite(y)) throw underflow();
  return r;
}
def('^', T.float8, T.float8, T.float8, (a, b) => dpow(a as number, b as number));
def('|/', null, T.float8, T.float8, (_a, b) => {
  if ((b as number) < 0) throw new SqlError('2201F', 'cannot take square root of a negative number');
  return Math.sqrt(b as number);
});
def('||/', null, T.float8, T.float8, (_a, b) => Math.cbrt(b as number));

// ---------------------------------------------------------------------------------------------
// Numeric

def('+', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).add(b as Numeric));
def('-', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).sub(b as Numeric));
def('*', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).mul(b as Numeric));
def('/', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).div(b as Numeric));
def('%', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).mod(b as Numeric));
def('^', T.numeric, T.numeric, T.numeric, (a, b) => (a as Numeric).pow(b as Numeric));
def('-', null, T.numeric, T.numeric, (_a, b) => (b as Numeric).neg());
def('+', null, T.numeric, T.numeric, (_a, b) => b);
def('@', null, T.numeric, T.numeric, (_a, b) => (b as Numeric).abs());

// ---------------------------------------------------------------------------------------------
// Comparisons of every other scalar type

const ordered: readonly BaseType[] = [
  'numeric', 'bool', 'text', 'bpchar', 'name', 'char', 'bytea', 'date', 'time', 'timestamp', 'timestamptz',
  'interval', 'uuid', 'jsonb', 'oid',
];
for (const b of ordered) {
  const t = T[b as keyof typeof T];
  for (const op of comparisonOps) def(op, t, t, T.bool, cmpFn(op, (x, y) => compareValues(t, x, y)));
}

// ---------------------------------------------------------------------------------------------
// Concatenation

def('||', T.text, T.text, T.text, (a, b) => (a as string) + (b as string));
def('||', T.bytea, T.bytea, T.bytea, (a, b) => {
  const x = a as Uint8Array;
  const y = b as Uint8Array;
  const out = new Uint8Array(x.length + y.length);
  out.set(x, 0);
  out.set(y, x.length);
  return out;
});

// ---------------------------------------------------------------------------------------------
// Date and time

const dateEndDays = 2147483494 - postgresEpochJdate;
const dateStartDays = -postgresEpochJdate;

function dateOutOfRange(): SqlError {
  return new SqlError('22008', 'date out of range');
}

function datePlus(d: number, n: number): number {
  if (!Number.isFinite(d)) return d;
  const r = d + n;
  if (r < dateStartDays || r >= dateEndDays) throw dateOutOfRange();
  return r;
}

def('+', T.date, T.int4, T.date, (a, b) => datePlus(a as number, b as number));
def('+', T.int4, T.date, T.date, (a, b) => datePlus(b as number, a as number));
def('-', T.date, T.int4, T.date, (a, b) => datePlus(a as number, -(b as number)));
def('-', T.date, T.date, T.int4, (a, b) => {
  if (!Number.isFinite(a as number) || !Number.isFinite(b as number)) throw new SqlError('22008', 'cannot subtract infinite dates');
  return (a as number) - (b as number);
});
def('+', T.date, T.interval, T.timestamp, (a, b) => timestampPlusInterval(dateToTimestamp(a as number), b as Interval));
def('+', T.interval, T.date, T.timestamp, (a, b) => timestampPlusInterval(dateToTimestamp(b as number), a as Interval));
def('-', T.date, T.interval, T.timestamp, (a, b) => timestampPlusInterval(dateToTimestamp(a as number), (b as Interval).neg()));
function datePlusTime(d: number, t: number): bigint {
  const ts = dateToTimestamp(d);
  return isFiniteTimestamp(ts) ? ts + BigInt(t) : ts;
}
def('+', T.date, T.time, T.timestamp, (a, b) => datePlusTime(a as number, b as number));
def('+', T.time, T.date, T.timestamp, (a, b) => datePlusTime(b as number, a as number));
def('+', T.timestamp, T.interval, T.timestamp, (a, b) => timestampPlusInterval(a as bigint, b as Interval));
def('+', T.interval, T.timestamp, T.timestamp, (a, b) => timestampPlusInterval(b as bigint, a as Interval));
def('-', T.timestamp, T.interval, T.timestamp, (a, b) => timestampPlusInterval(a as bigint, (b as Interval).neg()));
def('+', T.timestamptz, T.interval, T.timestamptz, (a, b, ctx) => timestamptzPlusInterval(a as bigint, b as Interval, ctx));
def('+', T.interval, T.timestamptz, T.timestamptz, (a, b, ctx) => timestamptzPlusInterval(b as bigint, a as Interval, ctx));
def('-', T.timestamptz, T.interval, T.timestamptz, (a, b, ctx) => timestamptzPlusInterval(a as bigint, (b as Interval).neg(), ctx));
def('-', T.timestamp, T.timestamp, T.interval, (a, b) => timestampMinus(a as bigint, b as bigint));
def('-', T.timestamptz, T.timestamptz, T.interval, (a, b) => timestampMinus(a as bigint, b as bigint));
def('+', T.interval, T.interval, T.interval, (a, b) => (a as Interval).add(b as Interval));
def('-', T.interval, T.interval, T.interval, (a, b) => (a as Interval).sub(b as Interval));
def('*', T.interval, T.float8, T.interval, (a, b) => (a as Interval).mul(b as number));
def('*', T.float8, T.interval, T.interval, (a, b) => (b as Interval).mul(a as number));
def('/', T.interval, T.float8, T.interval, (a, b) => (a as Interval).div(b as number));
def('-', null, T.interval, T.interval, (_a, b) => (b as Interval).neg());
def('+', null, T.interval, T.interval, (_a, b) => b);
def('+', T.time, T.interval, T.time, (a, b) => timePlusInterval(a as number, b as Interval));
def('+', T.interval, T.time, T.time, (a, b) => timePlusInterval(b as number, a as Interval));
def('-', T.time, T.interval, T.time, (a, b) => timePlusInterval(a as number, (b as Interval).neg()));
def('-', T.time, T.time, T.interval, (a, b) => new Interval(0, 0, BigInt((a as number) - (b as number))));
void usecPerDay;

// ---------------------------------------------------------------------------------------------
// Resolution

function sameType(a: SqlType, b: SqlType): boolean {
  return a.base === b.base && a.array === b.array;
}

function isStringLike(t: SqlType): boolean {
  return !t.array && (t.base === 'text' || t.base === 'varchar' || t.base === 'bpchar' || t.base === 'name' || t.base === 'char');
}

/** Operators on arrays, built per element type on first use. */
const arrayOps = new Map<string, OperatorImpl | undefined>();

function arrayOperator(op: string, left: SqlType, right: SqlType): OperatorImpl | undefined {
  const key = `${op}|${left.base}${left.array ? '[]' : ''}|${right.base}${right.array ? '[]' : ''}`;
  if (arrayOps.has(key)) return arrayOps.get(key);
  const r = buildArrayOperator(op, left, right);
  arrayOps.set(key, r);
  return r;
}

function buildArrayOperator(op: string, left: SqlType, right: SqlType): OperatorImpl | undefined {
  const l = sqlType(left.base, -1, left.array);
  const r = sqlType(right.base, -1, right.array);
  if ((comparisonOps as readonly string[]).includes(op)) {
    if (!l.array || !r.array || l.base !== r.base) return undefined;
    return { left: l, right: r, result: T.bool, fn: cmpFn(op, (x, y) => compareValues(l, x, y)) };
  }
  if (op === '||') {
    if (l.array && r.array) {
      let t: SqlType;
      try {
        t = arrayOf(commonType([elementType(l), elementType(r)], 'ARRAY'));
      } catch {
        return undefined;
      }
      return { left: t, right: t, result: t, fn: (a, b) => [...(a as Value[]), ...(b as Value[])] };
    }
    // anycompatible || anycompatiblearray: the element must share a type category with the array's elements.
    let elem: SqlType;
    try {
      elem = commonType([l.array ? elementType(l) : l, r.array ? elementType(r) : r], 'ARRAY');
    } catch {
      return undefined;
    }
    const at = arrayOf(elem);
    if (l.array) return { left: at, right: elem, result: at, fn: (a, b) => [...(a as Value[]), b] };
    return { left: elem, right: at, result: at, fn: (a, b) => [a, ...(b as Value[])] };
  }
  if ((op === '@>' || op === '<@' || op === '&&') && l.array && r.array && l.base === r.base) {
    const elem = elementType(l);
    const contains = (a: readonly Value[], b: readonly Value[]): boolean => {
      for (const y of b) {
        if (y === null) return false;
        let found = false;
        for (const x of a) {
          if (x !== null && compareValues(elem, x, y) === 0) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    };
    if (op === '@>') return { left: l, right: r, result: T.bool, fn: (a, b) => contains(a as Value[], b as Value[]) };
    if (op === '<@') return { left: l, right: r, result: T.bool, fn: (a, b) => contains(b as Value[], a as Value[]) };
    return {
      left: l,
      right: r,
      result: T.bool,
      fn: (a, b) => {
        for (const y of b as Value[]) {
          if (y === null) continue;
          for (const x of a as Value[]) if (x !== null && compareValues(elem, x, y) === 0) return true;
        }
        return false;
      },
    };
  }
  return undefined;
}

/**
 * text || anynonarray and anynonarray || text (textanycat/anytextcat): the non-text side is
 * converted by its cast to text inside the operator, so its input type is the operand's own type.
 */
const textAnyCats = new Map<string, OperatorImpl>();

function textAnyCat(left: SqlType, right: SqlType): OperatorImpl {
  const l = isStringLike(left) || left.base === 'unknown' ? T.text : sqlType(left.base, -1, false);
  const r = isStringLike(right) || right.base === 'unknown' ? T.text : sqlType(right.base, -1, false);
  const key = `${l.base}|${r.base}`;
  let impl = textAnyCats.get(key);
  if (impl === undefined) {
    const lt = l;
    const rt = r;
    const fn: Fn =
      lt === T.text
        ? (a, b, ctx) => (a as string) + (castValue(b, rt, T.text, 'explicit', ctx) as string)
        : (a, b, ctx) => (castValue(a, lt, T.text, 'explicit', ctx) as string) + (b as string);
    impl = { left: l, right: r, result: T.text, fn };
    textAnyCats.set(key, impl);
  }
  return impl;
}

/** PostgreSQL's operator resolution; undefined when no operator matches. */
export function resolveOperator(op: string, left: SqlType | null, right: SqlType): OperatorImpl | undefined {
  if (op === '!=') op = '<>';
  if (op === '||' && left !== null && !left.array && !right.array) {
    // 'lit' || 1 and 1 || 'lit': the literal is text and the other side goes through text.
    const lu = left.base === 'unknown';
    const ru = right.base === 'unknown';
    if ((lu && !ru && !isStringLike(right) && right.base !== 'bytea') || (ru && !lu && !isStringLike(left) && left.base !== 'bytea')) {
      return castKind(lu ? right : left, T.text) === null ? undefined : textAnyCat(lu ? T.text : left, ru ? T.text : right);
    }
  }
  let l = left;
  let r = right;
  if (l !== null) {
    const lu = l.base === 'unknown' && !l.array;
    const ru = r.base === 'unknown' && !r.array;
    if (lu && ru) l = r = T.text;
    else if (lu) l = r;
    else if (ru) r = l;
  }
  if (l !== null && (l.array || r.array)) return arrayOperator(op, l, r);
  const cands = table.get(op);
  if (cands !== undefined) {
    // 1. An exact match.
    for (const c of cands) {
      if ((c.left === null) === (l === null) && (l === null || sameType(c.left as SqlType, l)) && sameType(c.right, r)) return c;
    }
    const best = selectCandidate(cands, l, r);
    if (best !== undefined) return best;
  }
  if (op === '||' && l !== null && (isStringLike(l) || isStringLike(r)) && castKind(l, T.text) !== null && castKind(r, T.text) !== null) {
    return isStringLike(l) && isStringLike(r) ? table.get('||')?.[0] : textAnyCat(l, r);
  }
  return undefined;
}

function selectCandidate(cands: readonly OperatorImpl[], l: SqlType | null, r: SqlType): OperatorImpl | undefined {
  let best: OperatorImpl | undefined;
  let bestExact = -1;
  let bestPreferred = -1;
  for (const c of cands) {
    if ((c.left === null) !== (l === null)) continue;
    if (l !== null && !canCoerceImplicitly(l, c.left as SqlType)) continue;
    if (!canCoerceImplicitly(r, c.right)) continue;
    let exact = 0;
    let preferred = 0;
    if (l !== null) {
      if (sameType(l, c.left as SqlType)) exact++;
      else if (isPreferredType(c.left as SqlType)) preferred++;
    }
    if (sameType(r, c.right)) exact++;
    else if (isPreferredType(c.right)) preferred++;
    if (exact > bestExact || (exact === bestExact && preferred > bestPreferred)) {
      best = c;
      bestExact = exact;
      bestPreferred = preferred;
    }
  }
  return best;
}
