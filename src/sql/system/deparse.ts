/**
 * Expressions, index, constraint and view definitions printed as PostgreSQL's pg_get_expr,
 * pg_get_indexdef, pg_get_constraintdef and pg_get_viewdef print them.
 *
 * PostgreSQL stores analysed expression trees and prints them back; we store the text as written.
 * So the text is parsed and analysed again here into a small tree that mirrors what PostgreSQL's
 * analyser would have built — constants typed by their context (an untyped literal compared with
 * a text column becomes the constant `'x'::text`), implicit casts where an argument's type differs
 * from the operator's or function's (`(0)::numeric`), IN lists as `= ANY (ARRAY[…])`, BETWEEN as
 * two comparisons — and printed by PostgreSQL's rules:
 *
 * - constants: a non-negative integer or a decimal numeric bare, booleans as true/false, anything
 *   else quoted with `::type` (`'-1'::integer`, `'1000'::numeric`, `'{}'::boolean[]`);
 * - implicit casts are shown inside operator, function and array arguments, hidden at the top
 *   and directly under AND/OR/NOT;
 * - plain mode wraps every operator, boolean, null test and cast argument in parentheses;
 *   pretty mode only where precedence needs them.
 *
 * Anything the analyser does not understand is printed as written (never an error: a client
 * asking for a definition must get an answer).
 */
import type * as ast from '../ast.js';
import type { Catalog, IndexInfo, TableInfo, ViewInfo } from '../catalog.js';
import { parse, parseExpression } from '../parser.js';
import { isAggregate, resolveAggregate, resolveFunction, resolveFunctionOperator } from '../functions/index.js';
import {
  arrayOf,
  castKind,
  commonType,
  defaultTypeContext,
  elementType,
  formatTypeName,
  formatValue,
  parseValue,
  resolveOperator,
  resolveTypeName,
  sqlType,
  T,
  type SqlType,
} from '../types/index.js';
import { constraintByOid, isVisible, quoteIdent, regclassName, regclassOid, type ConstraintRow } from './model.js';

/** What definitions are printed against. */
export interface DeparseContext {
  readonly catalog: Catalog;
  readonly searchPath: readonly string[];
}

// ---- the analysed tree ------------------------------------------------------------------------------

type Node =
  | { readonly k: 'const'; readonly type: SqlType; readonly text: string | null; readonly label?: string }
  | { readonly k: 'var'; readonly text: string; readonly type: SqlType }
  | { readonly k: 'op'; readonly op: string; readonly left: Node | null; readonly right: Node; readonly type: SqlType }
  | { readonly k: 'func'; readonly name: string; readonly args: readonly Node[]; readonly type: SqlType; readonly star?: boolean; readonly distinct?: boolean }
  | { readonly k: 'keyword'; readonly text: string; readonly type: SqlType }
  | { readonly k: 'cast'; readonly arg: Node; readonly type: SqlType; readonly implicit: boolean }
  | { readonly k: 'bool'; readonly op: 'AND' | 'OR' | 'NOT'; readonly args: readonly Node[] }
  | { readonly k: 'test'; readonly arg: Node; readonly test: string }
  | { readonly k: 'distinct'; readonly left: Node; readonly right: Node; readonly negated: boolean }
  | { readonly k: 'anyall'; readonly op: string; readonly left: Node; readonly right: Node; readonly all: boolean }
  | { readonly k: 'array'; readonly elems: readonly Node[]; readonly type: SqlType }
  | { readonly k: 'minmax'; readonly name: string; readonly args: readonly Node[]; readonly type: SqlType }
  | { readonly k: 'case'; readonly whens: readonly (readonly [Node, Node])[]; readonly else: Node | null; readonly type: SqlType }
  | { readonly k: 'subscript'; readonly arg: Node; readonly index: string; readonly type: SqlType }
  | { readonly k: 'raw'; readonly text: string; readonly type: SqlType };

class Unsupported extends Error {}

/** Column references resolve through this. */
type Columns = (ref: ast.ColumnRef) => { text: string; type: SqlType } | undefined;

const integerTypes = new Set(['int2', 'int4', 'int8']);
const floatTypes = new Set(['float4', 'float8']);
/** Operators PostgreSQL has across int2/int4/int8 and across float4/float8 (no cast is inserted). */
const crossTypeOps = new Set(['=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/']);

function typeOf(n: Node): SqlType {
  switch (n.k) {
    case 'bool':
    case 'test':
    case 'distinct':
    case 'anyall':
      return T.bool;
    default:
      return n.type;
  }
}

function sameBase(a: SqlType, b: SqlType): boolean {
  return a.base === b.base && a.array === b.array;
}

/** A constant of type `t` from literal text (normalised through the type's input and output). */
function typedConst(t: SqlType, text: string): Node {
  try {
    const v = parseValue(sqlType(t.base, -1, t.array), text, defaultTypeContext);
    return { k: 'const', type: t, text: v === null ? null : formatValue(sqlType(t.base, -1, t.array), v, defaultTypeContext) };
  } catch {
    return { k: 'const', type: t, text };
  }
}

class Analyzer {
  constructor(
    private readonly ctx: DeparseContext,
    private readonly columns: Columns,
  ) {}

  /** `n` as type `to` in an implicit context: a typed constant, itself, or an implicit cast. */
  coerce(n: Node, to: SqlType): Node {
    const from = typeOf(n);
    if (to.base === 'unknown' || sameBase(from, to)) return n;
    const bare = sqlType(to.base, -1, to.array);
    if (n.k === 'const' && from.base === 'unknown') return n.text === null ? { k: 'const', type: bare, text: null } : typedConst(bare, n.text);
    if (n.k === 'array' && from.base === 'unknown') return n;
    return { k: 'cast', arg: n, type: sqlType(to.base, -1, to.array), implicit: true };
  }

  expr(e: ast.Expr): Node {
    switch (e.kind) {
      case 'column': {
        const c = this.columns(e);
        if (c === undefined) throw new Unsupported();
        return { k: 'var', text: c.text, type: c.type };
      }
      case 'literal':
        return this.literal(e);
      case 'unary': {
        if (e.op === '-' && e.operand.kind === 'literal' && (e.operand.type === 'integer' || e.operand.type === 'numeric')) {
          return this.literal({ ...e.operand, value: '-' + e.operand.value });
        }
        const a = this.expr(e.operand);
        const impl = resolveOperator(e.op, null, typeOf(a));
        if (impl === undefined) throw new Unsupported();
        return { k: 'op', op: e.op, left: null, right: this.coerce(a, impl.right), type: impl.result };
      }
      case 'binary':
        return this.binary(e.op === '!=' ? '<>' : e.op, this.expr(e.left), this.expr(e.right));
      case 'bool':
        return { k: 'bool', op: e.op === 'and' ? 'AND' : 'OR', args: e.args.map((a) => this.coerce(this.expr(a), T.bool)) };
      case 'not':
        return { k: 'bool', op: 'NOT', args: [this.coerce(this.expr(e.arg), T.bool)] };
      case 'isnull':
        return { k: 'test', arg: this.expr(e.arg), test: e.negated ? 'IS NOT NULL' : 'IS NULL' };
      case 'isbool':
        return { k: 'test', arg: this.coerce(this.expr(e.arg), T.bool), test: `IS ${e.negated ? 'NOT ' : ''}${e.value.toUpperCase()}` };
      case 'isdistinct': {
        const op = this.binary('=', this.expr(e.left), this.expr(e.right));
        if (op.k !== 'op' || op.left === null) throw new Unsupported();
        return { k: 'distinct', left: op.left, right: op.right, negated: e.negated };
      }
      case 'between': {
        if (e.symmetric) throw new Unsupported();
        const x = this.expr(e.arg);
        const lo = this.binary(e.negated ? '<' : '>=', x, this.expr(e.low));
        const hi = this.binary(e.negated ? '>' : '<=', x, this.expr(e.high));
        return { k: 'bool', op: e.negated ? 'OR' : 'AND', args: [lo, hi] };
      }
      case 'like': {
        if (e.escape !== null || e.op === 'similar') throw new Unsupported();
        const op = (e.negated ? '!' : '') + (e.op === 'ilike' ? '~~*' : '~~');
        return this.binary(op, this.expr(e.arg), this.expr(e.pattern));
      }
      case 'inlist':
        return this.inList(e);
      case 'quantified': {
        if (e.array === null) throw new Unsupported();
        return this.anyAll(e.op === '!=' ? '<>' : e.op, this.expr(e.left), this.expr(e.array), e.quantifier === 'all');
      }
      case 'case':
        return this.caseExpr(e);
      case 'cast':
        return this.cast(e);
      case 'func':
        return this.func(e);
      case 'array': {
        const elems = e.elements.map((x) => this.expr(x));
        if (elems.length === 0) throw new Unsupported();
        const t = commonType(elems.map(typeOf), 'ARRAY');
        const et = t.base === 'unknown' ? T.text : t;
        return { k: 'array', elems: elems.map((x) => this.coerce(x, et)), type: arrayOf(sqlType(et.base, -1, false)) };
      }
      case 'special':
        return this.special(e);
      case 'collate':
        return this.expr(e.arg);
      case 'subscript': {
        if (e.slice || e.index === null) throw new Unsupported();
        const a = this.expr(e.arg);
        const i = this.expr(e.index);
        return { k: 'subscript', arg: a, index: printTop(this.coerce(i, T.int4), false), type: elementType(typeOf(a)) };
      }
      default:
        throw new Unsupported();
    }
  }

  private literal(e: ast.Literal): Node {
    switch (e.type) {
      case 'null':
        return { k: 'const', type: T.unknown, text: null };
      case 'bool':
        return { k: 'const', type: T.bool, text: e.value ? 't' : 'f' };
      case 'integer': {
        const b = BigInt(e.value);
        const t = b >= -2147483648n && b <= 2147483647n ? T.int4 : b >= -9223372036854775808n && b <= 9223372036854775807n ? T.int8 : T.numeric;
        return { k: 'const', type: t, text: b.toString() };
      }
      case 'numeric':
        return typedConst(T.numeric, e.value);
      case 'string':
        return { k: 'const', type: T.unknown, text: e.value };
      case 'typed':
        return typedConst(resolveTypeName(e.typeName), e.value);
      case 'bitstring':
        throw new Unsupported();
    }
  }

  private binary(op: string, l: Node, r: Node): Node {
    const lt = typeOf(l);
    const rt = typeOf(r);
    if (crossTypeOps.has(op) && ((integerTypes.has(lt.base) && integerTypes.has(rt.base)) || (floatTypes.has(lt.base) && floatTypes.has(rt.base))) && !lt.array && !rt.array) {
      const wider = lt.base === 'int8' || rt.base === 'int8' ? T.int8 : lt.base === 'float8' || rt.base === 'float8' ? T.float8 : lt.base === 'int4' || rt.base === 'int4' ? T.int4 : lt;
      const result = op === '+' || op === '-' || op === '*' || op === '/' ? wider : T.bool;
      return { k: 'op', op, left: l, right: r, type: result };
    }
    const impl = resolveOperator(op, lt, rt) ?? resolveFunctionOperator(op, lt, rt);
    if (impl === undefined || impl.left === null) throw new Unsupported();
    return { k: 'op', op, left: this.coerce(l, impl.left), right: this.coerce(r, impl.right), type: impl.result };
  }

  private anyAll(op: string, l: Node, arr: Node, all: boolean): Node {
    const at = typeOf(arr);
    if (arr.k === 'const' && at.base === 'unknown') {
      const et = typeOf(l).base === 'unknown' ? T.text : sqlType(typeOf(l).base);
      return this.anyAll(op, l, this.coerce(arr, arrayOf(et)), all);
    }
    if (!at.array) throw new Unsupported();
    const cmp = this.binary(op, l, { k: 'raw', text: '', type: elementType(at) });
    if (cmp.k !== 'op' || cmp.left === null) throw new Unsupported();
    const want = arrayOf(typeOf(cmp.right));
    return { k: 'anyall', op, left: cmp.left, right: this.coerce(arr, want), all };
  }

  private inList(e: ast.InList): Node {
    const x = this.expr(e.arg);
    const items = e.list.map((i) => this.expr(i));
    const t0 = commonType([typeOf(x), ...items.map(typeOf)], 'IN');
    const t = t0.base === 'unknown' ? T.text : sqlType(t0.base);
    const arr: Node = { k: 'array', elems: items.map((i) => this.coerce(i, t)), type: arrayOf(t) };
    return this.anyAll(e.negated ? '<>' : '=', this.coerce(x, t), arr, e.negated);
  }

  private caseExpr(e: ast.CaseExpr): Node {
    const operand = e.operand === null ? null : this.expr(e.operand);
    const conds = e.whens.map((w) => (operand === null ? this.coerce(this.expr(w.when), T.bool) : this.binary('=', operand, this.expr(w.when))));
    const results = e.whens.map((w) => this.expr(w.then));
    const els = e.else === null ? null : this.expr(e.else);
    const all = els === null ? results : [...results, els];
    const t0 = commonType(all.map(typeOf), 'CASE');
    const t = t0.base === 'unknown' ? T.text : t0;
    return { k: 'case', whens: conds.map((c, i) => [c, this.coerce(results[i]!, t)] as const), else: els === null ? null : this.coerce(els, t), type: t };
  }

  private cast(e: ast.Cast): Node {
    const name = e.type.name;
    if (name === 'regclass' && !e.type.array) {
      const a = this.expr(e.arg);
      if (a.k === 'const' && a.text !== null && (typeOf(a).base === 'unknown' || typeOf(a).base === 'text')) return this.regclassConst(a.text);
    }
    const to = resolveTypeName(e.type);
    const a = this.expr(e.arg);
    if (a.k === 'const' && typeOf(a).base === 'unknown') {
      const bare = sqlType(to.base, -1, to.array);
      const c = a.text === null ? ({ k: 'const', type: bare, text: null } as Node) : typedConst(bare, a.text);
      return to.mod >= 0 ? { k: 'cast', arg: c, type: to, implicit: false } : c;
    }
    if (castKind(typeOf(a), to) === null) throw new Unsupported();
    return { k: 'cast', arg: a, type: to, implicit: false };
  }

  /** `'name'::regclass`: printed as regclass output prints the relation (qualified when not visible). */
  regclassConst(text: string): Node {
    const oid = regclassOid(this.ctx.catalog, this.ctx.searchPath, text);
    const name = oid === undefined ? text : (regclassName(this.ctx.catalog, this.ctx.searchPath, oid) ?? text);
    return { k: 'const', type: T.regclass, text: name, label: 'regclass' };
  }

  private func(e: ast.FuncCall): Node {
    const name = e.name.name;
    if (e.over !== null || e.filter !== null || e.orderBy.length > 0) throw new Unsupported();
    if (e.star) return { k: 'func', name, args: [], type: T.int8, star: true };
    if (name === 'nextval' || name === 'currval') {
      const a = e.args[0];
      if (e.args.length === 1 && a !== undefined && a.kind === 'literal' && a.type === 'string') {
        return { k: 'func', name, args: [this.regclassConst(a.value)], type: T.int8 };
      }
    }
    const args = e.args.map((a) => this.expr(a));
    if (name === 'coalesce' || name === 'greatest' || name === 'least' || name === 'nullif') {
      const t0 = commonType(args.map(typeOf), name.toUpperCase());
      const t = t0.base === 'unknown' ? T.text : t0;
      return { k: 'minmax', name: name.toUpperCase(), args: args.map((a) => this.coerce(a, t)), type: t };
    }
    const types = args.map((a) => typeOf(a));
    const impl = isAggregate(name) ? resolveAggregate(name, types) : resolveFunction(name, types);
    if (impl === undefined) throw new Unsupported();
    return { k: 'func', name, args: args.map((a, i) => this.coerce(a, impl.args[i] ?? typeOf(a))), type: impl.result, distinct: e.distinct };
  }

  private special(e: ast.SpecialValue): Node {
    const p = e.precision === null ? '' : `(${e.precision})`;
    switch (e.name) {
      case 'current_date':
        return { k: 'keyword', text: 'CURRENT_DATE', type: T.date };
      case 'current_time':
        return { k: 'keyword', text: 'CURRENT_TIME' + p, type: T.time };
      case 'current_timestamp':
        return { k: 'keyword', text: 'CURRENT_TIMESTAMP' + p, type: T.timestamptz };
      case 'localtime':
        return { k: 'keyword', text: 'LOCALTIME' + p, type: T.time };
      case 'localtimestamp':
        return { k: 'keyword', text: 'LOCALTIMESTAMP' + p, type: T.timestamp };
      case 'current_user':
      case 'user':
        return { k: 'keyword', text: 'CURRENT_USER', type: T.name };
      case 'session_user':
        return { k: 'keyword', text: 'SESSION_USER', type: T.name };
      case 'current_schema':
        return { k: 'keyword', text: 'CURRENT_SCHEMA', type: T.name };
      case 'current_catalog':
        return { k: 'keyword', text: 'CURRENT_CATALOG', type: T.name };
    }
  }
}

// ---- printing ------------------------------------------------------------------------------------------

/** PostgreSQL's get_const_expr: bare when the literal would read back as the same type, else quoted with a label. */
function printConst(n: Extract<Node, { k: 'const' }>, showType: boolean): string {
  if (n.text === null) return showType && n.type.base !== 'unknown' ? `NULL::${formatTypeName(n.type)}` : 'NULL';
  const t = n.type;
  const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  let out: string;
  let label = false;
  if (t.array) {
    out = quote(n.text);
    label = true;
  } else if (t.base === 'int4') {
    if (n.text.startsWith('-')) {
      out = quote(n.text);
      label = true;
    } else out = n.text;
  } else if (t.base === 'numeric') {
    if (/^[0-9]/.test(n.text) && /[.eE]/.test(n.text)) out = n.text;
    else {
      out = quote(n.text);
      label = true;
    }
    if (t.mod >= 0) label = true;
  } else if (t.base === 'bool') {
    out = n.text === 't' || n.text === 'true' ? 'true' : 'false';
  } else if (t.base === 'unknown') {
    out = quote(n.text);
  } else {
    out = quote(n.text);
    label = true;
  }
  if (showType && label) out += '::' + (n.label ?? formatTypeName(t));
  return out;
}

interface PrintState {
  readonly pretty: boolean;
}

function opPriority(op: string): 'lo' | 'hi' | null {
  if (op === '+' || op === '-') return 'lo';
  if (op === '*' || op === '/' || op === '%') return 'hi';
  return null;
}

function isCast(n: Node | null): boolean {
  return n !== null && n.k === 'cast';
}

/** PostgreSQL's isSimpleNode: may `n` be printed without parentheses under `parent` (pretty mode)? */
function isSimple(n: Node, parent: Node | null): boolean {
  switch (n.k) {
    case 'const':
    case 'var':
    case 'func':
    case 'keyword':
    case 'array':
    case 'minmax':
    case 'subscript':
    case 'raw':
      return true;
    case 'case':
      return true;
    case 'cast':
      return isSimple(n.arg, n);
    case 'op':
      if (parent !== null && parent.k === 'op' && n.left !== null) {
        const mine = opPriority(n.op);
        const theirs = parent.left === null ? null : opPriority(parent.op);
        if (mine === null || theirs === null) return false;
        if (mine === 'hi' && theirs === 'lo') return true;
        if (mine === 'lo' && theirs === 'hi') return false;
        return parent.left === n;
      }
      return underParent(parent);
    case 'test':
    case 'distinct':
    case 'anyall':
      return underParent(parent);
    case 'bool':
      if (parent !== null && parent.k === 'bool') {
        if (n.op === 'NOT' || n.op === 'AND') return parent.op === 'AND' || parent.op === 'OR';
        return parent.op === 'OR';
      }
      return underParent(parent);
  }
}

function underParent(parent: Node | null): boolean {
  if (parent === null) return false;
  if (isCast(parent)) return false;
  switch (parent.k) {
    case 'func':
    case 'bool':
    case 'array':
    case 'minmax':
    case 'case':
    case 'subscript':
      return true;
    default:
      return false;
  }
}

function paren(n: Node, st: PrintState, showImplicit: boolean, parent: Node): string {
  const s = print(n, st, showImplicit, parent);
  return st.pretty && !isSimple(n, parent) ? `(${s})` : s;
}

function print(n: Node, st: PrintState, showImplicit: boolean, parent: Node | null): string {
  const open = st.pretty ? '' : '(';
  const close = st.pretty ? '' : ')';
  switch (n.k) {
    case 'const':
      return printConst(n, true);
    case 'var':
    case 'keyword':
    case 'raw':
      return n.text;
    case 'op':
      if (n.left === null) return `${open}${n.op} ${paren(n.right, st, true, n)}${close}`;
      return `${open}${paren(n.left, st, true, n)} ${n.op} ${paren(n.right, st, true, n)}${close}`;
    case 'func':
      if (n.star) return `${n.name}(*)`;
      return `${n.name}(${n.distinct === true ? 'DISTINCT ' : ''}${n.args.map((a) => print(a, st, true, n)).join(', ')})`;
    case 'cast': {
      if (n.implicit && !showImplicit) return paren(n.arg, st, false, parent ?? n);
      const label = formatTypeName(n.type);
      const a = n.arg;
      if (a.k === 'const' && sameBase(a.type, n.type) && a.type.mod < 0) return `${printConst(a, false)}::${label}`;
      const inner = st.pretty ? paren(a, st, false, n) : `(${print(a, st, false, n)})`;
      return `${inner}::${label}`;
    }
    case 'bool':
      if (n.op === 'NOT') return `${open}NOT ${paren(n.args[0]!, st, false, n)}${close}`;
      return `${open}${n.args.map((a) => paren(a, st, false, n)).join(` ${n.op} `)}${close}`;
    case 'test':
      return `${open}${paren(n.arg, st, true, n)} ${n.test}${close}`;
    case 'distinct':
      return `${open}${paren(n.left, st, true, n)} IS ${n.negated ? 'NOT ' : ''}DISTINCT FROM ${paren(n.right, st, true, n)}${close}`;
    case 'anyall':
      return `${open}${paren(n.left, st, true, n)} ${n.op} ${n.all ? 'ALL' : 'ANY'} (${paren(n.right, st, true, n)})${close}`;
    case 'array':
      return `ARRAY[${n.elems.map((e) => print(e, st, true, n)).join(', ')}]`;
    case 'minmax':
      return `${n.name}(${n.args.map((a) => print(a, st, true, n)).join(', ')})`;
    case 'subscript':
      return `${paren(n.arg, st, true, n)}[${n.index}]`;
    case 'case': {
      const lines = ['', 'CASE'];
      for (const [c, r] of n.whens) lines.push(`    WHEN ${print(c, st, false, n)} THEN ${print(r, st, true, n)}`);
      if (n.else !== null) lines.push(`    ELSE ${print(n.else, st, true, n)}`);
      lines.push('END');
      return lines.join('\n');
    }
  }
}

function printTop(n: Node, pretty: boolean): string {
  return print(n, { pretty }, false, null);
}

// ---- entry points ----------------------------------------------------------------------------------------

function tableColumns(t: TableInfo | null, qualify: string | null): Columns {
  return (ref) => {
    if (t === null) return undefined;
    if (ref.qualifier.length > 0 && ref.qualifier[ref.qualifier.length - 1] !== t.name) return undefined;
    const c = t.columns.find((x) => !x.dropped && x.name === ref.name);
    if (c === undefined) return undefined;
    return { text: (qualify === null ? '' : quoteIdent(qualify) + '.') + quoteIdent(c.name), type: c.type };
  };
}

/**
 * Our stand-in for PostgreSQL's node tree of a column default (pg_attrdef.adbin): the column
 * number and the expression text, so that pg_get_expr can type the expression by its column.
 */
export function defaultNodeTree(adnum: number, text: string): string {
  return `{DEFAULT :adnum ${adnum} :expr ${text}}`;
}

const defaultTree = /^\{DEFAULT :adnum (\d+) :expr ([\s\S]*)\}$/;

/** pg_get_expr(node tree, relation, pretty): a default (typed as its column, as stored) or any expression of `table`. */
export function exprDef(ctx: DeparseContext, table: TableInfo | null, tree: string, pretty: boolean): string {
  const m = defaultTree.exec(tree);
  const text = m === null ? tree : m[2]!;
  try {
    const e = parseExpression(text);
    const an = new Analyzer(ctx, tableColumns(table, null));
    let n = an.expr(e);
    const col = m === null || table === null ? undefined : table.columns[Number(m[1]) - 1];
    if (col !== undefined) n = an.coerce(n, col.type);
    return printTop(n, pretty);
  } catch {
    return text;
  }
}

/** The expression of a CHECK constraint as pg_get_constraintdef prints it inside CHECK (…). */
function checkDef(ctx: DeparseContext, table: TableInfo, text: string, pretty: boolean): string {
  return exprDef(ctx, table, text, pretty);
}

function relationName(ctx: DeparseContext, r: { readonly schema: string; readonly name: string; readonly oid: number }, qualifyAlways: boolean): string {
  const rel = ctx.catalog.get(r.oid);
  const visible = rel !== undefined && rel.kind !== 'schema' && rel.kind !== 'role' && isVisible(ctx.catalog, ctx.searchPath, rel);
  return !qualifyAlways && visible ? quoteIdent(r.name) : `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`;
}

/** pg_get_constraintdef(oid, pretty). */
export function constraintDef(ctx: DeparseContext, c: ConstraintRow, pretty: boolean): string {
  const names = (t: TableInfo, key: readonly number[]): string => key.map((a) => quoteIdent(t.columns[a - 1]?.name ?? '?')).join(', ');
  switch (c.type) {
    case 'p':
      return `PRIMARY KEY (${names(c.table, c.key)})`;
    case 'u':
      return `UNIQUE ${c.index?.nullsNotDistinct === true ? 'NULLS NOT DISTINCT ' : ''}(${names(c.table, c.key)})`;
    case 'c':
      return `CHECK (${checkDef(ctx, c.table, c.check ?? '', pretty)})`;
    case 'f': {
      const ref = c.refTable;
      const fk = c.fk!;
      let s = `FOREIGN KEY (${names(c.table, c.key)}) REFERENCES ${ref === null ? '?' : relationName(ctx, ref, false)}(${ref === null ? '' : names(ref, c.refKey)})`;
      if (fk.onUpdate !== 'no action') s += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`;
      if (fk.onDelete !== 'no action') s += ` ON DELETE ${fk.onDelete.toUpperCase()}`;
      return s;
    }
  }
}

export function constraintDefByOid(ctx: DeparseContext, oid: number, pretty: boolean): string | null {
  const c = constraintByOid(ctx.catalog, oid);
  return c === undefined ? null : constraintDef(ctx, c, pretty);
}

/** pg_get_indexdef(oid, column, pretty): the CREATE INDEX statement, or one key column's name (column > 0). */
export function indexDef(ctx: DeparseContext, ix: IndexInfo, column: number, pretty: boolean): string {
  const t = ctx.catalog.get(ix.table);
  if (t === undefined || t.kind !== 'table') return '';
  if (column > 0) {
    const c = ix.columns[column - 1];
    return c === undefined ? '' : quoteIdent(t.columns[c.attnum]!.name);
  }
  const cols = ix.columns.map((c) => {
    let s = quoteIdent(t.columns[c.attnum]!.name);
    if (c.desc) s += c.nullsFirst ? ' DESC' : ' DESC NULLS LAST';
    else if (c.nullsFirst) s += ' NULLS FIRST';
    return s;
  });
  const table = pretty ? relationName(ctx, t, false) : `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${table} USING btree (${cols.join(', ')})${ix.nullsNotDistinct === true ? ' NULLS NOT DISTINCT' : ''}`;
}

// ---- views --------------------------------------------------------------------------------------------------

interface ViewRel {
  readonly alias: string;
  readonly table: TableInfo | null;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
}

/** pg_get_viewdef(view, pretty): the view's query as PostgreSQL prints it, or its text as written. */
export function viewDef(ctx: DeparseContext & { readonly viewTypes?: (v: ViewInfo) => readonly SqlType[] }, v: ViewInfo, pretty: boolean): string {
  try {
    const stmt = parse(v.text)[0]?.statement;
    if (stmt === undefined || stmt.kind !== 'query') throw new Unsupported();
    const vctx: DeparseContext = { catalog: ctx.catalog, searchPath: v.searchPath ?? ctx.searchPath };
    return ' ' + new ViewPrinter(vctx, pretty).query(stmt, v.columns) + ';';
  } catch {
    return ' ' + v.text.trim() + ';';
  }
}

class ViewPrinter {
  private rels: ViewRel[] = [];

  constructor(
    private readonly ctx: DeparseContext,
    private readonly pretty: boolean,
  ) {}

  private analyzer(): Analyzer {
    const rels = this.rels;
    return new Analyzer(this.ctx, (ref) => {
      const q = ref.qualifier[ref.qualifier.length - 1];
      const hits: Array<{ text: string; type: SqlType }> = [];
      for (const r of rels) {
        if (q !== undefined && r.alias !== q) continue;
        const c = r.columns.find((x) => x.name === ref.name);
        if (c !== undefined) hits.push({ text: `${quoteIdent(r.alias)}.${quoteIdent(c.name)}`, type: c.type });
      }
      return hits.length === 1 ? hits[0] : undefined;
    });
  }

  private expr(e: ast.Expr): string {
    return printTop(this.analyzer().expr(e), this.pretty);
  }

  query(q: ast.Query, names: readonly string[]): string {
    if (q.with !== null || q.body.kind !== 'select' || q.locking !== null) throw new Unsupported();
    const sel = q.body;
    const parts: string[] = [];
    const from = sel.from.map((f) => this.fromItem(f, 0));
    const items: string[] = [];
    const outputs: Array<{ expr: ast.Expr; name: string }> = [];
    for (const it of sel.items) {
      if (it.expr.kind === 'star') {
        const q0 = it.expr.qualifier;
        for (const r of this.rels) {
          if (q0.length > 0 && r.alias !== q0[q0.length - 1]) continue;
          for (const c of r.columns) outputs.push({ expr: { kind: 'column', qualifier: [r.alias], name: c.name, pos: 0 }, name: c.name });
        }
        continue;
      }
      outputs.push({ expr: it.expr, name: it.alias ?? defaultName(it.expr) });
    }
    outputs.forEach((o, i) => {
      const an = this.analyzer();
      const node = an.expr(o.expr);
      const text = printTop(typeOf(node).base === 'unknown' ? an.coerce(node, T.text) : node, this.pretty);
      const name = names[i] ?? o.name;
      const implied = o.expr.kind === 'column' && o.expr.name === name;
      items.push(implied ? text : `${text} AS ${quoteIdent(name)}`);
    });
    parts.push(`SELECT ${sel.distinct !== null ? (sel.distinct.length > 0 ? `DISTINCT ON (${sel.distinct.map((d) => this.expr(d)).join(', ')}) ` : 'DISTINCT ') : ''}${items.join(',\n    ')}`);
    if (from.length > 0) parts.push(`   FROM ${from.join(',\n    ')}`);
    if (sel.where !== null) parts.push(`  WHERE ${this.expr(sel.where)}`);
    if (sel.groupBy.length > 0) parts.push(`  GROUP BY ${sel.groupBy.map((g) => this.groupItem(g, outputs)).join(', ')}`);
    if (sel.having !== null) parts.push(` HAVING ${this.expr(sel.having)}`);
    if (q.orderBy.length > 0) {
      const keys = q.orderBy.map((o) => {
        const byPos = o.expr.kind === 'literal' && o.expr.type === 'integer' ? outputs[Number(o.expr.value) - 1] : undefined;
        let s = this.sortKey(byPos !== undefined ? byPos.expr : o.expr);
        if (o.desc) s += ' DESC';
        if (o.nullsFirst !== null && o.nullsFirst !== o.desc) s += o.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
        return s;
      });
      parts.push(`  ORDER BY ${keys.join(', ')}`);
    }
    if (q.offset !== null) parts.push(` OFFSET ${this.expr(q.offset)}`);
    if (q.limit !== null) parts.push(` LIMIT ${this.expr(q.limit)}`);
    return parts.join('\n');
  }

  private groupItem(g: ast.Expr, outputs: ReadonlyArray<{ expr: ast.Expr }>): string {
    if (g.kind === 'literal' && g.type === 'integer') {
      const o = outputs[Number(g.value) - 1];
      if (o !== undefined) return this.sortKey(o.expr);
    }
    return this.sortKey(g);
  }

  /** An ORDER BY or GROUP BY key: a column as is; otherwise parenthesised (pretty) or a function call parenthesised. */
  private sortKey(e: ast.Expr): string {
    const n = this.analyzer().expr(e);
    const s = printTop(n, this.pretty);
    if (n.k === 'var' || n.k === 'const') return s;
    return this.pretty || n.k === 'func' ? `(${s})` : s;
  }

  private fromItem(f: ast.FromItem, depth: number): string {
    switch (f.kind) {
      case 'table': {
        if (f.alias !== null && f.alias.columns.length > 0) throw new Unsupported();
        const r = f.name.schema === null ? this.lookup(f.name.name) : this.ctx.catalog.relation(f.name.schema, f.name.name);
        if (r === undefined || r.kind !== 'table') throw new Unsupported();
        const alias = f.alias?.name ?? r.name;
        this.rels.push({ alias, table: r, columns: r.columns.filter((c) => !c.dropped).map((c) => ({ name: c.name, type: c.type })) });
        const name = relationName(this.ctx, r, false);
        return f.alias === null ? name : `${name} ${quoteIdent(alias)}`;
      }
      case 'join': {
        if (f.natural || f.using !== null || f.alias !== null) throw new Unsupported();
        const l = this.fromItem(f.left, depth + 1);
        const r = this.fromItem(f.right, depth + 1);
        const word = f.type === 'inner' ? 'JOIN' : f.type === 'cross' ? 'CROSS JOIN' : `${f.type.toUpperCase()} JOIN`;
        const on = f.on === null ? '' : ` ON ${this.pretty ? this.expr(f.on) : `(${this.expr(f.on)})`}`;
        const s = `${l}\n     ${word} ${r}${on}`;
        return this.pretty || depth > 0 ? s : `(${s})`;
      }
      default:
        throw new Unsupported();
    }
  }

  private lookup(name: string): ReturnType<Catalog['relation']> {
    for (const s of this.ctx.searchPath) {
      const r = this.ctx.catalog.relation(s, name);
      if (r !== undefined) return r;
    }
    return undefined;
  }
}

/** PostgreSQL's name for an unaliased output column. */
function defaultName(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'func':
      return e.name.name;
    case 'cast':
      return e.arg.kind === 'column' || e.arg.kind === 'func' ? defaultName(e.arg) : e.type.name;
    case 'case':
      return 'case';
    default:
      return '?column?';
  }
}
