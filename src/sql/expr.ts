/**
 * The expression compiler: binds names and types (PostgreSQL's resolution rules for literals of
 * unknown type, parameters, operators, functions and implicit casts) and turns each expression
 * into a closure over a Frame.
 */
import type * as ast from './ast.js';
import { SqlError } from './errors.js';
import { isAggregate, likeMatcher, resolveFunction, resolveFunctionOperator, similarMatcher, type FunctionImpl } from './functions/index.js';
import type { CExpr, PlanNode } from './plan.js';
import { syncRows, type Frame, type Runtime } from './runtime.js';
import { exprKey, type Scope } from './scope.js';
import {
  arrayOf,
  castKind,
  castValue,
  commonType,
  compareValues,
  elementType,
  equalityKey,
  formatTypeName,
  parseValue,
  resolveOperator,
  resolveTypeName,
  sqlType,
  T,
  type CoercionContext,
  type OperatorImpl,
  type SqlType,
  type Value,
} from './types/index.js';
import { Numeric } from './types/index.js';

/** A bound expression: a CExpr plus what coercion needs to know about it. */
export interface BExpr extends CExpr {
  /** An untyped string literal's text (type unknown). */
  readonly lit?: string;
  /** The NULL literal (type unknown). */
  readonly nullLit?: boolean;
  /** A parameter whose type the context has not fixed yet (0-based index). */
  readonly param?: number;
  /** A constant: `ev` ignores the frame. */
  readonly constant?: boolean;
  /** A constant whose folding raised (ev rethrows). */
  readonly failed?: boolean;
  /** A plain column of the input row: its slot. */
  readonly slot?: number;
  readonly pos?: number;
}

const contextRank: Record<CoercionContext, number> = { implicit: 0, assignment: 1, explicit: 2 };

export function sameType(a: SqlType, b: SqlType): boolean {
  return a.base === b.base && a.array === b.array;
}

export function constant(type: SqlType, value: Value, text: string): BExpr {
  return { type, ev: () => value, text, constant: true };
}

/** Children of an expression node (not descending into subqueries). */
export function exprChildren(e: ast.Expr): ast.Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.operand];
    case 'binary':
    case 'isdistinct':
      return [e.left, e.right];
    case 'bool':
      return [...e.args];
    case 'not':
    case 'isnull':
    case 'isbool':
    case 'collate':
    case 'cast':
      return [e.arg];
    case 'between':
      return [e.arg, e.low, e.high];
    case 'like':
      return e.escape === null ? [e.arg, e.pattern] : [e.arg, e.pattern, e.escape];
    case 'inlist':
      return [e.arg, ...e.list];
    case 'insubquery':
      return [e.arg];
    case 'quantified':
      return e.array === null ? [e.left] : [e.left, e.array];
    case 'case':
      return [...(e.operand === null ? [] : [e.operand]), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else === null ? [] : [e.else])];
    case 'func':
      return [
        ...e.args,
        ...e.orderBy.map((o) => o.expr),
        ...(e.filter === null ? [] : [e.filter]),
        ...(e.over === null ? [] : [...e.over.partitionBy, ...e.over.orderBy.map((o) => o.expr)]),
      ];
    case 'array':
      return [...e.elements];
    case 'subscript':
      return [e.arg, ...(e.index === null ? [] : [e.index]), ...(e.upper === null ? [] : [e.upper])];
    case 'row':
      return [...e.items];
    case 'column':
    case 'literal':
    case 'param':
    case 'exists':
    case 'subquery':
    case 'star':
    case 'special':
    case 'default':
      return [];
  }
}

/** Kinds folded when every leaf below them is a constant (operators and functions fold themselves). */
const foldableKinds: ReadonlySet<ast.Expr['kind']> = new Set(['not', 'isnull', 'isbool', 'isdistinct', 'between', 'like', 'inlist', 'bool', 'case', 'array', 'subscript', 'quantified', 'func']);

const volatileFunctions: ReadonlySet<string> = new Set(['random', 'nextval', 'setval', 'currval', 'lastval', 'clock_timestamp', 'gen_random_uuid', 'timeofday', 'setseed', 'set_config', 'txid_current']);

/** No columns, parameters, subqueries, aggregates or volatile calls anywhere below. */
function isConstantTree(e: ast.Expr): boolean {
  switch (e.kind) {
    case 'column':
    case 'param':
    case 'subquery':
    case 'exists':
    case 'insubquery':
    case 'star':
    case 'default':
    case 'row':
      return false;
    case 'quantified':
      if (e.query !== null) return false;
      break;
    case 'func':
      if (e.over !== null || e.star || volatileFunctions.has(e.name.name) || isAggregate(e.name.name) || isWindowOnly(e.name.name) || e.orderBy.length > 0 || e.filter !== null) return false;
      break;
    default:
      break;
  }
  return exprChildren(e).every(isConstantTree);
}

function isNullConstant(e: BExpr): boolean {
  return e.constant === true && e.failed !== true && constantValue(e) === null;
}

/** The value of a constant expression (null when it would raise). */
function constantValue(e: BExpr): Value {
  try {
    return e.ev({ row: [], outer: null });
  } catch {
    return null;
  }
}

/** Display text of a value for EXPLAIN. */
function literalText(e: ast.Literal): string {
  switch (e.type) {
    case 'null':
      return 'NULL';
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'integer':
    case 'numeric':
      return e.value;
    case 'string':
    case 'bitstring':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'typed':
      return `'${e.value.replace(/'/g, "''")}'::${e.typeName.name}`;
  }
}

/** The frame `depth` levels out. */
function frameAt(f: Frame, depth: number): Frame {
  let g = f;
  for (let i = 0; i < depth; i++) g = g.outer!;
  return g;
}

export interface SubqueryPlan {
  readonly node: PlanNode;
  readonly types: readonly SqlType[];
  /** Reads columns of enclosing queries (must run again for each outer row). */
  readonly correlated: boolean;
}

function withOffset(err: unknown, pos: number | undefined): unknown {
  if (err instanceof SqlError && err.offset === undefined && pos !== undefined) err.offset = pos;
  return err;
}

export abstract class ExprCompiler {
  constructor(readonly rt: Runtime) {}

  /** Plan a subquery whose enclosing scope is `scope`. */
  abstract planSubquery(q: ast.Query, scope: Scope): SubqueryPlan;
  /** Special functions needing the catalog or session (nextval, pg_typeof, current_setting…), or undefined. */
  abstract compileSpecialFunction(e: ast.FuncCall, scope: Scope): BExpr | undefined;

  // ---- coercion -------------------------------------------------------------------------------

  /** Cast `e` to `to` if the context allows; null when no such cast exists in that context. */
  tryCoerce(e: BExpr, to: SqlType, context: CoercionContext): BExpr | null {
    if (to.base === 'unknown' || to.base === 'record') return e;
    const rt = this.rt;
    if (e.nullLit === true) return { ...constant(to, null, e.text), nullLit: true };
    if (e.lit !== undefined && e.type.base === 'unknown') {
      const text = e.lit;
      let v: Value;
      try {
        // As a cast from unknown: the length limit of varchar(n) truncates in an explicit cast.
        v = castValue(text, T.unknown, to, context, rt.ctx);
      } catch (err) {
        throw withOffset(err, e.pos);
      }
      return constant(to, v, e.text);
    }
    if (e.param !== undefined && e.type.base === 'unknown') {
      const i = e.param;
      const known = rt.paramTypes[i];
      if (known === null || known === undefined) rt.paramTypes[i] = to;
      else if (!sameType(known, to)) return this.tryCoerce({ type: known, ev: e.ev, text: e.text }, to, context);
      return { type: to, ev: e.ev, text: e.text };
    }
    if (e.type.base === 'unknown') {
      // A value of unknown type (an untyped literal passed through a subquery) converts by the
      // target type's input function, in any context, as PostgreSQL's unknown does.
      const ev0 = e.ev;
      const out: BExpr = {
        type: to,
        text: e.text,
        ev: (f) => {
          const v = ev0(f);
          return v === null ? null : castValue(v, T.unknown, to, context, rt.ctx);
        },
      };
      return e.constant === true ? this.fold(out) : out;
    }
    const from = e.type;
    if (sameType(from, to)) {
      if (to.mod < 0 || from.mod === to.mod || context === 'implicit') return from === e.type ? e : { type: from, ev: e.ev, text: e.text, ...(e.constant === true ? { constant: true } : {}) };
    }
    const kind = castKind(from, to);
    if (kind === null || contextRank[kind] > contextRank[context]) return null;
    const ctxName = context;
    const ev = e.ev;
    const out: BExpr = {
      type: to,
      text: e.text,
      ev: (f) => {
        const v = ev(f);
        return v === null ? null : castValue(v, from, to, ctxName, rt.ctx);
      },
    };
    return e.constant === true ? this.fold(out) : out;
  }

  coerce(e: BExpr, to: SqlType, context: CoercionContext, pos?: number): BExpr {
    const c = this.tryCoerce(e, to, context);
    if (c !== null) return c;
    throw new SqlError('42804', `${context === 'explicit' ? 'cannot cast type' : 'cannot coerce type'} ${formatTypeName(e.type)} to ${formatTypeName(to)}`, pos === undefined ? {} : { offset: pos });
  }

  /** A boolean condition (WHERE, ON, HAVING, CASE WHEN…). */
  condition(e: ast.Expr, scope: Scope, clause: string): BExpr {
    const c = this.compile(e, scope);
    if (c.type.base === 'bool' && !c.type.array) return c;
    const b = this.tryCoerce(c, T.bool, 'implicit');
    if (b === null) {
      throw new SqlError('42804', `argument of ${clause} must be type boolean, not type ${formatTypeName(c.type)}`, { offset: e.pos });
    }
    return b;
  }

  /** Coerce several expressions to their common type (UNION, CASE, COALESCE, IN, VALUES…). */
  unify(exprs: readonly BExpr[], context: string): { type: SqlType; exprs: BExpr[] } {
    const type = commonType(
      exprs.map((e) => e.type),
      context,
    );
    let t = type.base === 'unknown' ? T.text : type;
    // As select_common_type: the typmod survives only when every input has that same typmod.
    if (t.mod >= 0 && !exprs.every((e) => e.type.base === t.base && e.type.array === t.array && e.type.mod === t.mod)) t = sqlType(t.base, -1, t.array);
    return { type: t, exprs: exprs.map((e) => this.coerce(e, t, 'implicit')) };
  }

  // ---- expressions ----------------------------------------------------------------------------

  compile(e: ast.Expr, scope: Scope): BExpr {
    if (scope.phase === 'grouped' || scope.windows !== null) {
      const hit = this.groupedSlot(e, scope);
      if (hit !== undefined) return hit;
    }
    const r = this.compileNode(e, scope);
    // An expression over constants only is folded, as PostgreSQL's planner does.
    if (r.constant !== true && r.lit === undefined && r.param === undefined && foldableKinds.has(e.kind) && isConstantTree(e)) return this.fold(r);
    return r;
  }

  private compileNode(e: ast.Expr, scope: Scope): BExpr {
    switch (e.kind) {
      case 'column':
        return this.column(e, scope);
      case 'literal':
        return this.literal(e);
      case 'param':
        return this.param(e);
      case 'unary':
        return this.unary(e, scope);
      case 'binary':
        return this.binary(e.op, this.compile(e.left, scope), this.compile(e.right, scope), e.pos);
      case 'bool':
        return this.boolOp(e, scope);
      case 'not': {
        const a = this.condition(e.arg, scope, 'NOT');
        const ev = a.ev;
        return { type: T.bool, text: `(NOT ${a.text})`, ev: (f) => (ev(f) === null ? null : !ev(f)) };
      }
      case 'isnull': {
        const a = this.compile(e.arg, scope);
        const ev = a.ev;
        const neg = e.negated;
        return { type: T.bool, text: `(${a.text} IS ${neg ? 'NOT ' : ''}NULL)`, ev: (f) => (ev(f) === null) !== neg };
      }
      case 'isbool': {
        const a = this.condition(e.arg, scope, 'IS');
        const ev = a.ev;
        const want = e.value === 'true' ? true : e.value === 'false' ? false : null;
        const neg = e.negated;
        return { type: T.bool, text: `(${a.text} IS ${neg ? 'NOT ' : ''}${e.value.toUpperCase()})`, ev: (f) => (ev(f) === want) !== neg };
      }
      case 'isdistinct':
        return this.isDistinct(e, scope);
      case 'between':
        return this.between(e, scope);
      case 'like':
        return this.like(e, scope);
      case 'inlist':
        return this.inList(e, scope);
      case 'insubquery':
        return this.inSubquery(e, scope);
      case 'exists':
        return this.exists(e, scope);
      case 'subquery':
        return this.scalarSubquery(e, scope);
      case 'quantified':
        return this.quantified(e, scope);
      case 'case':
        return this.caseExpr(e, scope);
      case 'cast':
        return this.cast(e, scope);
      case 'func':
        return this.func(e, scope);
      case 'array':
        return this.array(e, scope);
      case 'subscript':
        return this.subscript(e, scope);
      case 'row':
        throw new SqlError('0A000', 'row expressions are only supported in comparisons and IN', { offset: e.pos });
      case 'star':
        throw new SqlError('42601', 'a star (*) is only allowed in a select list or count(*)', { offset: e.pos });
      case 'special':
        return this.special(e);
      case 'collate':
        return this.compile(e.arg, scope);
      case 'default':
        throw new SqlError('42601', 'DEFAULT is not allowed in this context', { offset: e.pos });
    }
  }

  /** In the grouped or windowed phase: a group expression, aggregate or window call by its slot. */
  private groupedSlot(e: ast.Expr, scope: Scope): BExpr | undefined {
    if (e.kind === 'literal' || e.kind === 'param') return undefined;
    if (scope.windows !== null && e.kind === 'func' && e.over !== null) {
      const slot = scope.windows.get(e);
      if (slot !== undefined) return this.slot(slot, this.windowTypes.get(e)!, e);
    }
    const g = scope.group;
    if (scope.phase !== 'grouped' || g === null) return undefined;
    if (e.kind === 'func' && e.over === null) {
      const slot = g.aggs.get(e);
      if (slot !== undefined) return this.slot(slot, g.types[slot]!, e);
    }
    const slot = g.byKey.get(exprKey(e));
    if (slot !== undefined) return this.slot(slot, g.types[slot]!, e);
    return undefined;
  }

  /** Types of window call results (set by the planner). */
  readonly windowTypes = new Map<ast.FuncCall, SqlType>();

  private slot(slot: number, type: SqlType, e: ast.Expr): BExpr {
    return { type, text: deparse(e), ev: (f) => f.row[slot]! };
  }

  private column(e: ast.ColumnRef, scope: Scope): BExpr {
    const r = scope.resolve(e);
    let slot = r.slot;
    let depth = r.depth;
    // A column of a grouped scope (this one or an enclosing one) must be a GROUP BY key.
    let s: Scope = scope;
    for (let d = 0; d < depth; d++) s = s.parent!;
    if (s.phase === 'grouped') {
      const g = s.group!;
      const gs = g.byInputSlot.get(slot);
      if (gs === undefined) {
        throw new SqlError(
          '42803',
          `column "${r.rel.alias === '' ? r.name : `${r.rel.alias}.${r.name}`}" must appear in the GROUP BY clause or be used in an aggregate function`,
          { offset: e.pos },
        );
      }
      slot = gs;
    }
    const text = e.qualifier.length > 0 ? `${e.qualifier.join('.')}.${e.name}` : e.name;
    if (depth === 0) return { type: r.type, text, ev: (f) => f.row[slot]!, ...(s.phase === 'grouped' ? {} : { slot }) };
    if (depth === 1) return { type: r.type, text, ev: (f) => f.outer!.row[slot]! };
    return { type: r.type, text, ev: (f) => frameAt(f, depth).row[slot]! };
  }

  private literal(e: ast.Literal): BExpr {
    const text = literalText(e);
    switch (e.type) {
      case 'null':
        return { ...constant(T.unknown, null, text), nullLit: true, pos: e.pos };
      case 'bool':
        return constant(T.bool, e.value, text);
      case 'integer': {
        const b = BigInt(e.value);
        if (b >= -2147483648n && b <= 2147483647n) return constant(T.int4, Number(b), text);
        if (b >= -9223372036854775808n && b <= 9223372036854775807n) return constant(T.int8, b, text);
        return constant(T.numeric, Numeric.fromString(e.value), text);
      }
      case 'numeric':
        return constant(T.numeric, Numeric.fromString(e.value), text);
      case 'string':
        return { ...constant(T.unknown, e.value, text), lit: e.value, pos: e.pos };
      case 'bitstring':
        throw new SqlError('0A000', 'bit string literals are not supported', { offset: e.pos });
      case 'typed': {
        const t = resolveTypeName(e.typeName);
        let v: Value;
        try {
          v = parseValue(t, e.value, this.rt.ctx);
        } catch (err) {
          throw withOffset(err, e.pos);
        }
        return constant(t, v, text);
      }
    }
  }

  private param(e: ast.Param): BExpr {
    const i = e.index - 1;
    const rt = this.rt;
    while (rt.paramTypes.length <= i) rt.paramTypes.push(null);
    const known = rt.paramTypes[i];
    const text = `$${e.index}`;
    const ev = (): Value => rt.params[i] ?? null;
    if (known !== null && known !== undefined) return { type: known, ev, text };
    return { type: T.unknown, ev, text, param: i, pos: e.pos };
  }

  private unary(e: ast.Unary, scope: Scope): BExpr {
    const a = this.compile(e.operand, scope);
    // A negative numeric literal stays a literal (so -2147483648 is an integer).
    if (e.op === '-' && e.operand.kind === 'literal' && (e.operand.type === 'integer' || e.operand.type === 'numeric')) {
      return this.literal({ ...e.operand, value: '-' + e.operand.value });
    }
    const impl = resolveOperator(e.op, null, a.type) ?? resolveFunctionOperator(e.op, null, a.type);
    if (impl === undefined) {
      throw new SqlError('42883', `operator does not exist: ${e.op} ${formatTypeName(a.type)}`, {
        offset: e.pos,
        hint: 'No operator matches the given name and argument type. You might need to add an explicit type cast.',
      });
    }
    const x = this.coerce(a, impl.right, 'implicit');
    const ev = x.ev;
    const fn = impl.fn;
    const rt = this.rt;
    const out: BExpr = { type: impl.result, text: `(${e.op}${x.text})`, ev: (f) => {
      const v = ev(f);
      return v === null ? null : fn(null, v, rt.ctx);
    } };
    return x.constant === true ? this.fold(out) : out;
  }

  resolveBinary(op: string, l: BExpr, r: BExpr, pos: number): OperatorImpl {
    const impl = resolveOperator(op, l.type, r.type) ?? resolveFunctionOperator(op, l.type, r.type);
    if (impl === undefined) {
      throw new SqlError('42883', `operator does not exist: ${formatTypeName(l.type)} ${op} ${formatTypeName(r.type)}`, {
        offset: pos,
        hint: 'No operator matches the given name and argument types. You might need to add explicit type casts.',
      });
    }
    return impl;
  }

  binary(op0: string, l: BExpr, r: BExpr, pos: number): BExpr {
    const op = op0 === '!=' ? '<>' : op0;
    const impl = this.resolveBinary(op, l, r, pos);
    const a = this.coerce(l, impl.left ?? impl.right, 'implicit', pos);
    const b = this.coerce(r, impl.right, 'implicit', pos);
    // A strict operator with a constant NULL argument is NULL; the other argument never runs.
    if (isNullConstant(a) || isNullConstant(b)) return constant(impl.result, null, `(${a.text} ${op} ${b.text})`);
    const ea = a.ev;
    const eb = b.ev;
    const fn = impl.fn;
    const rt = this.rt;
    const out: BExpr = {
      type: impl.result,
      text: `(${a.text} ${op} ${b.text})`,
      ev: (f) => {
        // Both arguments are evaluated first (their errors are raised even when one is NULL).
        const x = ea(f);
        const y = eb(f);
        if (x === null || y === null) return null;
        return fn(x, y, rt.ctx);
      },
    };
    return a.constant === true && b.constant === true ? this.fold(out) : out;
  }

  /**
   * Evaluate a constant expression now, as PostgreSQL's planner folds immutable calls over
   * constants. An error is kept (the expression rethrows it when run) and recorded: the statement
   * fails with it after planning, unless the expression sits in a part the planner drops (a CASE
   * arm behind a constant-false condition, COALESCE arguments after a constant non-null one, the
   * rest of an AND after a constant false), which compile with `suppressFold` raised.
   */
  fold(e: BExpr): BExpr {
    let v: Value;
    try {
      v = e.ev({ row: [], outer: null });
    } catch (err) {
      if (this.suppressFold === 0) this.foldErrors.push(err);
      return {
        type: e.type,
        text: e.text,
        constant: true,
        failed: true,
        ev: () => {
          throw err;
        },
      };
    }
    return constant(e.type, v, e.text);
  }

  /** Errors of constant folding that survive into the plan (the first is raised after planning). */
  readonly foldErrors: unknown[] = [];
  /** > 0 while compiling a part the planner would drop. */
  suppressFold = 0;

  /** Run `fn` (compiling a part that never runs): its folding errors are not raised. */
  suppressed<R>(fn: () => R): R {
    this.suppressFold++;
    try {
      return fn();
    } finally {
      this.suppressFold--;
    }
  }

  /** Raise the first folding error of the plan, if any. */
  raiseFoldErrors(): void {
    if (this.foldErrors.length > 0) throw this.foldErrors[0];
  }

  private boolOp(e: ast.BoolOp, scope: Scope): BExpr {
    // A constant false (AND) or true (OR) decides the result: the arguments after it never run.
    const decisive = e.op === 'or';
    let decided = false;
    const compiled: BExpr[] = [];
    for (const a of e.args) {
      const c = decided ? this.suppressed(() => this.condition(a, scope, e.op.toUpperCase())) : this.condition(a, scope, e.op.toUpperCase());
      compiled.push(c);
      if (!decided && c.constant === true && c.failed !== true && constantValue(c) === decisive) decided = true;
    }
    // A constant true in an OR (false in an AND) decides it, wherever it stands.
    if (decided) return constant(T.bool, decisive, decisive ? 'true' : 'false');
    const args = compiled.map((c) => c.ev);
    const n = args.length;
    // AND: false wins, OR: true wins; otherwise NULL if any operand is NULL.
    return {
      type: T.bool,
      text: `(${e.args.map(deparse).join(e.op === 'and' ? ' AND ' : ' OR ')})`,
      ev: (f) => {
        let sawNull = false;
        for (let i = 0; i < n; i++) {
          const v = args[i]!(f);
          if (v === decisive) return decisive;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : !decisive;
      },
    };
  }

  /** `a = b` (or another comparison) of two row constructors or scalars, three-valued. */
  comparison(op: string, left: ast.Expr, right: ast.Expr, scope: Scope, pos: number): BExpr {
    if (left.kind === 'row' || right.kind === 'row') {
      const ls = left.kind === 'row' ? left.items : [left];
      const rs = right.kind === 'row' ? right.items : [right];
      if (ls.length !== rs.length) throw new SqlError('42601', 'unequal number of entries in row expressions', { offset: pos });
      const eqs = ls.map((l, i) => this.binary('=', this.compile(l, scope), this.compile(rs[i]!, scope), pos).ev);
      const cmps = op === '=' || op === '<>' ? null : ls.map((l, i) => this.binary(op, this.compile(l, scope), this.compile(rs[i]!, scope), pos).ev);
      const n = ls.length;
      return {
        type: T.bool,
        text: `(ROW(...) ${op} ROW(...))`,
        ev: (f) => {
          if (cmps === null) {
            let sawNull = false;
            for (let i = 0; i < n; i++) {
              const v = eqs[i]!(f);
              if (v === false) return op === '<>';
              if (v === null) sawNull = true;
            }
            return sawNull ? null : op === '=';
          }
          for (let i = 0; i < n; i++) {
            const eq = eqs[i]!(f);
            if (eq === null) return null;
            if (eq === false || i === n - 1) return cmps[i]!(f);
          }
          return null;
        },
      };
    }
    return this.binary(op, this.compile(left, scope), this.compile(right, scope), pos);
  }

  private isDistinct(e: ast.IsDistinct, scope: Scope): BExpr {
    const l = this.compile(e.left, scope);
    const r = this.compile(e.right, scope);
    const impl = this.resolveBinary('=', l, r, e.pos);
    const el = this.coerce(l, impl.left ?? impl.right, 'implicit', e.pos).ev;
    const er = this.coerce(r, impl.right, 'implicit', e.pos).ev;
    const fn = impl.fn;
    const rt = this.rt;
    const neg = e.negated;
    return {
      type: T.bool,
      text: `(${l.text} IS ${neg ? 'NOT ' : ''}DISTINCT FROM ${r.text})`,
      ev: (f) => {
        // Each operand is evaluated once; NULL is not distinct from NULL.
        const a = el(f);
        const b = er(f);
        const distinct = a === null || b === null ? a !== b : fn(a, b, rt.ctx) !== true;
        return neg ? !distinct : distinct;
      },
    };
  }

  private between(e: ast.Between, scope: Scope): BExpr {
    const x = this.compile(e.arg, scope);
    const lo = this.compile(e.low, scope);
    const hi = this.compile(e.high, scope);
    const ge = this.binary('>=', x, lo, e.pos).ev;
    const le = this.binary('<=', x, hi, e.pos).ev;
    const ge2 = e.symmetric ? this.binary('>=', x, hi, e.pos).ev : null;
    const le2 = e.symmetric ? this.binary('<=', x, lo, e.pos).ev : null;
    const neg = e.negated;
    const and = (a: Value, b: Value): Value => (a === false || b === false ? false : a === null || b === null ? null : true);
    const or = (a: Value, b: Value): Value => (a === true || b === true ? true : a === null || b === null ? null : false);
    return {
      type: T.bool,
      text: `(${x.text} ${neg ? 'NOT ' : ''}BETWEEN ${lo.text} AND ${hi.text})`,
      ev: (f) => {
        let v = and(ge(f), le(f));
        if (ge2 !== null && le2 !== null) v = or(v, and(ge2(f), le2(f)));
        return v === null ? null : neg ? !v : v;
      },
    };
  }

  private like(e: ast.Like, scope: Scope): BExpr {
    const x = this.coerce(this.compile(e.arg, scope), T.text, 'implicit', e.pos);
    const p = this.coerce(this.compile(e.pattern, scope), T.text, 'implicit', e.pos);
    const esc = e.escape === null ? null : this.coerce(this.compile(e.escape, scope), T.text, 'implicit', e.pos);
    const ci = e.op === 'ilike';
    const similar = e.op === 'similar';
    const neg = e.negated;
    const cache = new Map<string, (s: string) => boolean>();
    const ex = x.ev;
    const ep = p.ev;
    return {
      type: T.bool,
      text: `(${x.text} ${neg ? '!' : ''}~~${ci ? '*' : ''} ${p.text})`,
      ev: (f) => {
        const s = ex(f);
        if (s === null) return null;
        const pat = ep(f);
        if (pat === null) return null;
        let escape: string | null = null;
        if (esc !== null) {
          const ev = esc.ev(f);
          if (ev === null) return null;
          escape = ev as string;
        }
        const key = `${escape ?? '\\'}\u0000${pat as string}`;
        let m = cache.get(key);
        if (m === undefined) {
          m = similar ? similarMatcher(pat as string, escape) : likeMatcher(pat as string, escape, ci);
          if (cache.size > 64) cache.clear();
          cache.set(key, m);
        }
        const r = m(s as string);
        return neg ? !r : r;
      },
    };
  }

  private inList(e: ast.InList, scope: Scope): BExpr {
    if (e.arg.kind === 'row') {
      const ors = e.list.map((item) => this.comparison('=', e.arg, item, scope, e.pos).ev);
      return this.anyOf(ors, e.negated, 'IN (...)');
    }
    const x = this.compile(e.arg, scope);
    const items = e.list.map((i) => this.compile(i, scope));
    let unified: { type: SqlType; exprs: BExpr[] } | null = null;
    try {
      unified = this.unify([x, ...items], 'IN');
    } catch {
      unified = null;
    }
    if (unified !== null) {
      const [ux, ...uitems] = unified.exprs;
      const t = unified.type;
      // All-constant list: a hash lookup.
      if (uitems.every((i) => i.constant === true) && uitems.length > 4) {
        const set = new Set<unknown>();
        let hasNull = false;
        for (const i of uitems) {
          const v = i.ev({ row: [], outer: null });
          if (v === null) hasNull = true;
          else set.add(equalityKey(t, v));
        }
        const ev = ux!.ev;
        const neg = e.negated;
        return {
          type: T.bool,
          text: `(${ux!.text} ${neg ? '<> ALL' : '= ANY'} (...))`,
          ev: (f) => {
            const v = ev(f);
            if (v === null) return null;
            const hit = set.has(equalityKey(t, v));
            if (hit) return !neg;
            return hasNull ? null : neg;
          },
        };
      }
      const eqs = uitems.map((i) => this.binary('=', ux!, i, e.pos).ev);
      return this.anyOf(eqs, e.negated, `(${ux!.text} IN (...))`);
    }
    const eqs = items.map((i) => this.binary('=', x, i, e.pos).ev);
    return this.anyOf(eqs, e.negated, `(${x.text} IN (...))`);
  }

  private anyOf(tests: ReadonlyArray<(f: Frame) => Value>, negated: boolean, text: string): BExpr {
    const n = tests.length;
    return {
      type: T.bool,
      text,
      ev: (f) => {
        let sawNull = false;
        for (let i = 0; i < n; i++) {
          const v = tests[i]!(f);
          if (v === true) return !negated;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : negated;
      },
    };
  }

  /**
   * Evaluate a subquery plan for a frame, caching the rows of an uncorrelated one per execution.
   * An expression cannot pass PAUSE up: the subquery runs with pausing off (syncRows).
   */
  subqueryRows(sub: SubqueryPlan): (f: Frame) => Value[][] {
    const rt = this.rt;
    if (sub.correlated) return (f) => syncRows(rt, sub.node.rows(f));
    let cache: Value[][] | null = null;
    let execId = -1;
    return (f) => {
      if (cache === null || execId !== rt.execId) {
        cache = syncRows(rt, sub.node.rows(f));
        execId = rt.execId;
      }
      return cache;
    };
  }

  private inSubquery(e: ast.InSubquery, scope: Scope): BExpr {
    const sub = this.planSubquery(e.query, scope);
    const lefts = e.arg.kind === 'row' ? e.arg.items.map((i) => this.compile(i, scope)) : [this.compile(e.arg, scope)];
    if (lefts.length !== sub.types.length) {
      throw new SqlError('42601', `subquery has ${sub.types.length > lefts.length ? 'too many' : 'too few'} columns`, { offset: e.pos });
    }
    // Compare each left value with the subquery column through `=` resolved on their types.
    const cmps = lefts.map((l, i) => {
      const col: BExpr = { type: sub.types[i]!, text: 'subquery', ev: (f) => f.row[i]! };
      const impl = this.resolveBinary('=', l, col, e.pos);
      const lc = this.coerce(l, impl.left!, 'implicit', e.pos);
      const rtype = impl.right;
      const rfrom = sub.types[i]!;
      return { lc, impl, rtype, rfrom };
    });
    const rows = this.subqueryRows(sub);
    const neg = e.negated;
    const rt = this.rt;
    const n = lefts.length;
    return {
      type: T.bool,
      text: `(${lefts.map((l) => l.text).join(', ')} ${neg ? 'NOT IN' : 'IN'} (SubPlan))`,
      ev: (f) => {
        const lv = cmps.map((c) => c.lc.ev(f));
        let sawNull = false;
        for (const r of rows(f)) {
          let all = true;
          let rowNull = false;
          for (let i = 0; i < n; i++) {
            const c = cmps[i]!;
            const a = lv[i]!;
            const raw = r[i]!;
            if (a === null || raw === null) {
              rowNull = true;
              continue;
            }
            const b: Value = sameType(c.rfrom, c.rtype) ? raw : castValue(raw, c.rfrom, c.rtype, 'implicit', rt.ctx);
            const eq = c.impl.fn(a, b, rt.ctx);
            if (eq === false) {
              all = false;
              break;
            }
            if (eq === null) rowNull = true;
          }
          if (!all) continue;
          if (rowNull) {
            sawNull = true;
            continue;
          }
          return !neg;
        }
        return sawNull ? null : neg;
      },
    };
  }

  private exists(e: ast.Exists, scope: Scope): BExpr {
    const sub = this.planSubquery(e.query, scope);
    const rt = this.rt;
    let cache: boolean | null = null;
    let execId = -1;
    return {
      type: T.bool,
      text: 'EXISTS(SubPlan)',
      ev: (f) => {
        if (!sub.correlated && cache !== null && execId === rt.execId) return cache;
        const any = syncRows(rt, sub.node.rows(f), 1).length > 0;
        if (!sub.correlated) {
          cache = any;
          execId = rt.execId;
        }
        return any;
      },
    };
  }

  private scalarSubquery(e: ast.SubqueryExpr, scope: Scope): BExpr {
    const sub = this.planSubquery(e.query, scope);
    if (!e.array && sub.types.length !== 1) throw new SqlError('42601', 'subquery must return only one column', { offset: e.pos });
    const rt = this.rt;
    if (e.array) {
      if (sub.types.length !== 1) throw new SqlError('42601', 'subquery must return only one column', { offset: e.pos });
      const rows = this.subqueryRows(sub);
      return { type: arrayOf(sub.types[0]!), text: 'ARRAY(SubPlan)', ev: (f) => rows(f).map((r) => r[0]!) };
    }
    let cache: Value = null;
    let execId = -1;
    return {
      type: sub.types[0]!,
      text: '(SubPlan)',
      ev: (f) => {
        if (!sub.correlated && execId === rt.execId) return cache;
        // Two rows are enough to know there are too many.
        const rows = syncRows(rt, sub.node.rows(f), 2);
        if (rows.length > 1) throw new SqlError('21000', 'more than one row returned by a subquery used as an expression');
        const result: Value = rows.length === 0 ? null : rows[0]![0]!;
        if (!sub.correlated) {
          cache = result;
          execId = rt.execId;
        }
        return result;
      },
    };
  }

  private quantified(e: ast.Quantified, scope: Scope): BExpr {
    const op = e.op === '!=' ? '<>' : e.op;
    const l = this.compile(e.left, scope);
    const all = e.quantifier === 'all';
    const rt = this.rt;
    let elemType: SqlType;
    let values: (f: Frame) => readonly Value[] | null;
    if (e.query !== null) {
      const sub = this.planSubquery(e.query, scope);
      if (sub.types.length !== 1) throw new SqlError('42601', 'subquery has too many columns', { offset: e.pos });
      elemType = sub.types[0]!;
      const rows = this.subqueryRows(sub);
      values = (f) => rows(f).map((r) => r[0]!);
    } else {
      let a = this.compile(e.array!, scope);
      if ((a.lit !== undefined || a.param !== undefined) && a.type.base === 'unknown') a = this.coerce(a, arrayOf(l.type.base === 'unknown' ? T.text : sqlType(l.type.base)), 'implicit', e.pos);
      if (!a.type.array) {
        throw new SqlError('42809', `op ANY/ALL (array) requires array on right side`, { offset: e.pos });
      }
      elemType = elementType(a.type);
      const ev = a.ev;
      values = (f) => ev(f) as readonly Value[] | null;
    }
    const elem: BExpr = { type: elemType, text: 'x', ev: () => null };
    const impl = this.resolveBinary(op, l, elem, e.pos);
    const lc = this.coerce(l, impl.left!, 'implicit', e.pos);
    const needCast = !sameType(elemType, impl.right);
    const fn = impl.fn;
    return {
      type: T.bool,
      text: `(${lc.text} ${op} ${all ? 'ALL' : 'ANY'} (...))`,
      ev: (f) => {
        const arr = values(f);
        if (arr === null) return null;
        if (arr.length === 0) return all;
        const a = lc.ev(f);
        if (a === null) return null;
        let sawNull = false;
        for (const b of arr) {
          if (b === null) {
            sawNull = true;
            continue;
          }
          const bv: Value = needCast ? castValue(b, elemType, impl.right, 'implicit', rt.ctx) : b;
          const r = fn(a, bv, rt.ctx);
          if (r === null) sawNull = true;
          else if (all && r === false) return false;
          else if (!all && r === true) return true;
        }
        return sawNull ? null : all;
      },
    };
  }

  private caseExpr(e: ast.CaseExpr, scope: Scope): BExpr {
    const operand = e.operand === null ? null : this.compile(e.operand, scope);
    // As the planner simplifies CASE: an arm behind a constant false/NULL condition never runs,
    // nor does anything after a constant true one.
    let decided = false;
    const conds: BExpr[] = [];
    const results: BExpr[] = [];
    for (const w of e.whens) {
      const run = <R>(fn: () => R): R => (decided ? this.suppressed(fn) : fn());
      const c = run(() => (operand === null ? this.condition(w.when, scope, 'CASE') : this.binary('=', operand, this.compile(w.when, scope), w.when.pos)));
      conds.push(c);
      const cv = c.constant === true ? constantValue(c) : undefined;
      const dead = decided || cv === false || cv === null;
      results.push(dead ? this.suppressed(() => this.compile(w.then, scope)) : this.compile(w.then, scope));
      if (cv === true) decided = true;
    }
    const elseExpr = e.else === null ? null : decided ? this.suppressed(() => this.compile(e.else!, scope)) : this.compile(e.else, scope);
    const all = elseExpr === null ? results : [...results, elseExpr];
    const u = this.unify(all, 'CASE');
    // The planner's simplification: arms behind constant false/NULL conditions go; a constant
    // true condition ends the CASE there.
    const live: number[] = [];
    let final: BExpr | null = elseExpr === null ? constant(u.type, null, 'NULL') : u.exprs[results.length]!;
    for (let i = 0; i < conds.length; i++) {
      const c = conds[i]!;
      if (c.constant === true && c.failed !== true) {
        const v = constantValue(c);
        if (v === true) {
          final = u.exprs[i]!;
          break;
        }
        if (v === false || v === null) continue;
      }
      live.push(i);
    }
    if (live.length === 0) return final;
    const rs = live.map((i) => u.exprs[i]!.ev);
    const el = final.ev;
    const cs = live.map((i) => conds[i]!.ev);
    const n = cs.length;
    return {
      type: u.type,
      text: 'CASE ... END',
      ev: (f) => {
        for (let i = 0; i < n; i++) if (cs[i]!(f) === true) return rs[i]!(f);
        return el(f);
      },
    };
  }

  private cast(e: ast.Cast, scope: Scope): BExpr {
    const to = resolveTypeName(e.type);
    const a = this.compile(e.arg, scope);
    const c = this.tryCoerce(a, to, 'explicit');
    if (c === null) {
      throw new SqlError('42846', `cannot cast type ${formatTypeName(a.type)} to ${formatTypeName(to)}`, { offset: e.pos });
    }
    const out: BExpr = { type: c.type, ev: c.ev, text: `(${a.text})::${formatTypeName(to)}` };
    return a.constant === true ? this.fold(out) : out;
  }

  private array(e: ast.ArrayExpr, scope: Scope): BExpr {
    const items = e.elements.map((x) => this.compile(x, scope));
    if (items.length === 0) return { type: arrayOf(T.text), text: 'ARRAY[]', ev: () => [], lit: '{}' };
    const u = this.unify(items, 'ARRAY');
    const evs = u.exprs.map((x) => x.ev);
    if (u.type.array) throw new SqlError('0A000', 'multidimensional arrays are not supported', { offset: e.pos });
    return { type: arrayOf(u.type), text: 'ARRAY[...]', ev: (f) => evs.map((x) => x(f)) };
  }

  private subscript(e: ast.Subscript, scope: Scope): BExpr {
    const a = this.compile(e.arg, scope);
    if (!a.type.array) {
      throw new SqlError('42804', `cannot subscript type ${formatTypeName(a.type)} because it is not an array`, { offset: e.pos });
    }
    const idx = e.index === null ? null : this.coerce(this.compile(e.index, scope), T.int4, 'implicit', e.pos).ev;
    const ev = a.ev;
    if (!e.slice) {
      return {
        type: elementType(a.type),
        text: `${a.text}[...]`,
        ev: (f) => {
          const arr = ev(f) as Value[] | null;
          if (arr === null || idx === null) return null;
          const i = idx(f);
          if (i === null) return null;
          return arr[(i as number) - 1] ?? null;
        },
      };
    }
    const up = e.upper === null ? null : this.coerce(this.compile(e.upper, scope), T.int4, 'implicit', e.pos).ev;
    return {
      type: a.type,
      text: `${a.text}[...]`,
      ev: (f) => {
        const arr = ev(f) as Value[] | null;
        if (arr === null) return null;
        const lo = idx === null ? 1 : idx(f);
        const hi = up === null ? arr.length : up(f);
        if (lo === null || hi === null) return null;
        return arr.slice(Math.max(0, (lo as number) - 1), Math.max(0, hi as number));
      },
    };
  }

  private special(e: ast.SpecialValue): BExpr {
    const rt = this.rt;
    switch (e.name) {
      // The transaction's start time in the session's time zone (PostgreSQL's current_time is
      // time with time zone, which BasaltDB lacks: it gives the local time of day).
      case 'current_date':
        return { type: T.date, text: 'CURRENT_DATE', ev: () => castValue(rt.ctx.transactionTime, T.timestamptz, T.date, 'explicit', rt.ctx) };
      case 'current_time':
      case 'localtime':
        return { type: T.time, text: e.name === 'localtime' ? 'LOCALTIME' : 'CURRENT_TIME', ev: () => castValue(rt.ctx.transactionTime, T.timestamptz, T.time, 'explicit', rt.ctx) };
      case 'current_timestamp':
        return { type: T.timestamptz, text: 'CURRENT_TIMESTAMP', ev: () => rt.ctx.transactionTime };
      case 'localtimestamp':
        return { type: T.timestamp, text: 'LOCALTIMESTAMP', ev: () => castValue(rt.ctx.transactionTime, T.timestamptz, T.timestamp, 'explicit', rt.ctx) };
      case 'current_user':
      case 'session_user':
      case 'user':
        return { type: T.name, text: 'CURRENT_USER', ev: () => rt.services.userName };
      case 'current_schema':
        return { type: T.name, text: 'current_schema()', ev: () => 'public' };
      case 'current_catalog':
        return { type: T.name, text: 'current_catalog', ev: () => rt.services.databaseName };
    }
  }

  /** Call a built-in by name with compiled arguments (for special syntax). */
  callNamed(name: string, pos: number, args: readonly BExpr[]): BExpr {
    const impl = resolveFunction(
      name,
      args.map((a) => a.type),
    );
    if (impl === undefined) throw this.noFunction(name, args, pos);
    return this.callImpl(name, impl, args, pos);
  }

  noFunction(name: string, args: readonly BExpr[], pos: number): SqlError {
    return new SqlError('42883', `function ${name}(${args.map((a) => formatTypeName(a.type)).join(', ')}) does not exist`, {
      offset: pos,
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
    });
  }

  callImpl(name: string, impl: FunctionImpl, args: readonly BExpr[], pos: number): BExpr {
    const cast = args.map((a, i) => this.coerce(a, impl.args[i] ?? a.type, 'implicit', pos));
    const evs = cast.map((a) => a.ev);
    const n = evs.length;
    const fn = impl.fn;
    const strict = impl.strict;
    const rt = this.rt;
    const text = `${name}(${cast.map((a) => a.text).join(', ')})`;
    if (strict && cast.some(isNullConstant)) return constant(impl.result, null, text);
    const out: BExpr = {
      type: impl.result,
      text,
      ev: (f) => {
        const vals = new Array<Value>(n);
        let sawNull = false;
        for (let i = 0; i < n; i++) {
          const v = evs[i]!(f);
          if (v === null) sawNull = true;
          vals[i] = v;
        }
        if (sawNull && strict) return null;
        return fn(vals, rt.ctx);
      },
    };
    // Only immutable calls fold (a stable one such as now() must run at each execution of a cached plan).
    return impl.volatility === 'immutable' && cast.every((a) => a.constant === true) ? this.fold(out) : out;
  }

  private func(e: ast.FuncCall, scope: Scope): BExpr {
    const name = e.name.name;
    if (e.name.schema !== null && e.name.schema !== 'pg_catalog') {
      throw new SqlError('42883', `function ${e.name.schema}.${name} does not exist`, { offset: e.pos });
    }
    if (e.over !== null) {
      throw new SqlError('42P20', 'window functions are not allowed in ' + scope.clause, { offset: e.pos });
    }
    if (isAggregate(name) || e.star) {
      if (!scope.aggAllowed || scope.phase !== 'grouped') {
        throw new SqlError('42803', `aggregate functions are not allowed in ${scope.clause}`, { offset: e.pos });
      }
      throw new SqlError('42803', 'aggregate function calls cannot be nested', { offset: e.pos });
    }
    if (isWindowOnly(name)) throw new SqlError('42809', `window function ${name} requires an OVER clause`, { offset: e.pos });
    if (e.distinct || e.orderBy.length > 0 || e.filter !== null) {
      throw new SqlError('42809', `DISTINCT, ORDER BY or FILTER specified, but ${name} is not an aggregate function`, { offset: e.pos });
    }
    switch (name) {
      case 'coalesce':
      case 'greatest':
      case 'least':
        return this.variadicCommon(name, e, scope);
      case 'nullif': {
        if (e.args.length !== 2) throw new SqlError('42601', 'NULLIF requires two arguments', { offset: e.pos });
        const a = this.compile(e.args[0]!, scope);
        const b = this.compile(e.args[1]!, scope);
        const eq = this.binary('=', a, b, e.pos).ev;
        const ev = a.ev;
        const type = a.type.base === 'unknown' ? T.text : a.type;
        return { type, text: `NULLIF(${a.text}, ${b.text})`, ev: (f) => (eq(f) === true ? null : ev(f)) };
      }
    }
    const special = this.compileSpecialFunction(e, scope);
    if (special !== undefined) return special;
    const args = e.args.map((a) => this.compile(a, scope));
    const impl = resolveFunction(
      name,
      args.map((a) => a.type),
    );
    if (impl === undefined) throw this.noFunction(name, args, e.pos);
    return this.callImpl(name, impl, args, e.pos);
  }

  private variadicCommon(name: 'coalesce' | 'greatest' | 'least', e: ast.FuncCall, scope: Scope): BExpr {
    let decided = false;
    const args: BExpr[] = [];
    for (const a of e.args) {
      const c = decided ? this.suppressed(() => this.compile(a, scope)) : this.compile(a, scope);
      args.push(c);
      // COALESCE never evaluates the arguments after a constant non-null one.
      if (name === 'coalesce' && c.constant === true && c.lit === undefined && constantValue(c) !== null) decided = true;
      if (name === 'coalesce' && c.lit !== undefined) decided = true;
    }
    if (args.length === 0) throw new SqlError('42601', `syntax error at or near ")"`, { offset: e.pos });
    const u = this.unify(args, name.toUpperCase());
    const evs = u.exprs.map((a) => a.ev);
    const t = u.type;
    const text = `${name.toUpperCase()}(${u.exprs.map((a) => a.text).join(', ')})`;
    if (name === 'coalesce') {
      return {
        type: t,
        text,
        ev: (f) => {
          for (const ev of evs) {
            const v = ev(f);
            if (v !== null) return v;
          }
          return null;
        },
      };
    }
    // GREATEST/LEAST need the type's ordering: check a comparison exists.
    this.resolveBinary('<', { type: t, text: '', ev: () => null }, { type: t, text: '', ev: () => null }, e.pos);
    const sign = name === 'greatest' ? 1 : -1;
    return {
      type: t,
      text,
      ev: (f) => {
        let best: Value = null;
        for (const ev of evs) {
          const v = ev(f);
          if (v === null) continue;
          if (best === null || sign * compareValues(t, v, best) > 0) best = v;
        }
        return best;
      },
    };
  }
}

const windowOnly = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value']);
export function isWindowOnly(name: string): boolean {
  return windowOnly.has(name);
}

/** Display text of an AST expression (EXPLAIN, default column names of errors). */
export function deparse(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return [...e.qualifier, e.name].join('.');
    case 'literal':
      return literalText(e);
    case 'param':
      return `$${e.index}`;
    case 'unary':
      return `(${e.op}${deparse(e.operand)})`;
    case 'binary':
      return `(${deparse(e.left)} ${e.op} ${deparse(e.right)})`;
    case 'bool':
      return `(${e.args.map(deparse).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${deparse(e.arg)})`;
    case 'isnull':
      return `(${deparse(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'func':
      return `${e.name.name}(${e.star ? '*' : e.args.map(deparse).join(', ')})`;
    case 'cast':
      return `(${deparse(e.arg)})::${e.type.name}`;
    default:
      return e.kind;
  }
}
