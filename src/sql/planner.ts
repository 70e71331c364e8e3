/**
 * The query planner: binds a query's names and types and builds its plan.
 *
 * FROM items join left to right. Each WHERE conjunct goes as low as its columns allow: onto the
 * scan of the one table it reads (where an index or the primary key may serve it), onto the join
 * that first has all its tables (an equality there makes a hash join, or an index lookup per left
 * row when the right table has a matching index), or on top when it holds a subquery. Then
 * aggregation, HAVING, window functions, the select list, DISTINCT, ORDER BY and LIMIT.
 */
import type * as ast from './ast.js';
import type { Catalog, TableInfo } from './catalog.js';
import { SqlError } from './errors.js';
import { deparse, ExprCompiler, exprChildren, isWindowOnly, sameType, type BExpr, type SubqueryPlan } from './expr.js';
import { isAggregate, resolveAggregate, resolveSetFunction, type SetFunctionImpl } from './functions/index.js';
import {
  AggregateNode,
  CteScanNode,
  CteState,
  DistinctNode,
  FilterNode,
  FunctionScanNode,
  HashJoinNode,
  LimitNode,
  MaterializeNode,
  ProjectSetNode,
  NestLoopNode,
  ProjectNode,
  RecursiveUnionNode,
  ResultNode,
  SetOpNode,
  SortNode,
  TrimNode,
  ValuesNode,
  WorkTable,
  WorkTableScanNode,
  type AggSpec,
  type CExpr,
  type JoinType,
  type PlanNode,
  type SortKey,
} from './plan.js';
import type { Runtime } from './runtime.js';
import { exprKey, Scope, type ColBinding, type GroupInfo, type RelBinding } from './scope.js';
import { bindSystemRelation, systemCast, systemFunction } from './system/index.js';
import { layoutOf, TableLayout, TableScanNode, type IndexRange } from './table.js';
import { sqlType, T, type SqlType } from './types/index.js';
import { WindowNode, type WindowCall } from './window.js';

export interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface PlannedQuery {
  readonly node: PlanNode;
  readonly columns: readonly OutputColumn[];
}

function hasSubquery(e: ast.Expr): boolean {
  if (e.kind === 'exists' || e.kind === 'subquery' || e.kind === 'insubquery' || (e.kind === 'quantified' && e.query !== null)) return true;
  return exprChildren(e).some(hasSubquery);
}

/** Aggregate calls (not inside subqueries or window calls' own aggregation). */
function collectAggs(e: ast.Expr, out: ast.FuncCall[]): void {
  if (e.kind === 'func' && e.over === null && (isAggregate(e.name.name) || e.star)) {
    out.push(e);
    return;
  }
  if (e.kind === 'func' && e.over !== null) {
    // Arguments of a window call may hold aggregates of the grouped query.
    for (const c of exprChildren(e)) collectAggs(c, out);
    return;
  }
  for (const c of exprChildren(e)) collectAggs(c, out);
}

/** Functions that return a set (src/sql/functions/srf.ts), called in a select list. */
const setFunctionNames = new Set([
  'unnest',
  'generate_series',
  'generate_subscripts',
  'regexp_matches',
  'regexp_split_to_table',
  'string_to_table',
  'json_array_elements',
  'jsonb_array_elements',
  'json_array_elements_text',
  'jsonb_array_elements_text',
  'json_object_keys',
  'jsonb_object_keys',
]);

/** Set-returning calls of a select-list expression (not inside subqueries, aggregates or window calls). */
function collectSetFunctions(e: ast.Expr, out: ast.FuncCall[]): void {
  if (e.kind === 'func' && e.over === null && !isAggregate(e.name.name) && setFunctionNames.has(e.name.name) && (e.name.schema === null || e.name.schema === 'pg_catalog')) {
    out.push(e);
    return;
  }
  if (e.kind === 'func' && (e.over !== null || isAggregate(e.name.name))) return;
  for (const c of exprChildren(e)) collectSetFunctions(c, out);
}

function collectWindows(e: ast.Expr, out: ast.FuncCall[]): void {
  if (e.kind === 'func' && e.over !== null) {
    out.push(e);
    return;
  }
  for (const c of exprChildren(e)) collectWindows(c, out);
}

function splitAnd(e: ast.Expr | null): ast.Expr[] {
  if (e === null) return [];
  if (e.kind === 'bool' && e.op === 'and') return e.args.flatMap(splitAnd);
  return [e];
}

/** PostgreSQL's name for an output column without an alias. */
export function outputName(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'func':
      return e.name.name;
    case 'cast':
      return e.arg.kind === 'column' || e.arg.kind === 'func' || e.arg.kind === 'cast' ? outputName(e.arg) : typeColumnName(e.type);
    case 'case':
      return 'case';
    case 'array':
      return 'array';
    case 'exists':
      return 'exists';
    case 'subquery':
      return e.array ? 'array' : '?column?';
    case 'subscript':
      return outputName(e.arg);
    case 'special':
      return e.name === 'user' ? 'current_user' : e.name;
    case 'literal':
      return e.type === 'typed' ? typeColumnName(e.typeName) : e.type === 'bool' ? 'bool' : '?column?';
    case 'collate':
      return outputName(e.arg);
    default:
      return '?column?';
  }
}

const typeDisplay: Record<string, string> = {
  int2: 'int2',
  int4: 'int4',
  int8: 'int8',
  float4: 'float4',
  float8: 'float8',
  bool: 'bool',
  bpchar: 'bpchar',
  varchar: 'varchar',
  timestamptz: 'timestamptz',
};

function typeColumnName(t: ast.TypeName): string {
  const n = typeDisplay[t.name] ?? t.name;
  return t.array ? n : n;
}

interface Conjunct {
  readonly expr: ast.Expr;
  /** Indexes of the FROM units it reads; null: all (it holds a subquery). */
  readonly units: Set<number> | null;
  used: boolean;
}

interface Unit {
  readonly item: ast.FromItem;
  readonly rels: RelBinding[];
  readonly offset: number;
  readonly width: number;
}

export class Planner extends ExprCompiler {
  constructor(
    rt: Runtime,
    readonly catalog: Catalog,
    public searchPath: readonly string[],
    private readonly specialFn: (p: Planner, e: ast.FuncCall, scope: Scope) => BExpr | undefined,
  ) {
    super(rt);
  }

  compileSpecialFunction(e: ast.FuncCall, scope: Scope): BExpr | undefined {
    return systemFunction(this, e, scope) ?? this.specialFn(this, e, scope);
  }

  /** Casts to object-identifier types (regclass from a name, regtype, …) compile in src/sql/system. */
  override compile(e: ast.Expr, scope: Scope): BExpr {
    if (e.kind === 'func') {
      const srf = this.setFunctionSlots.get(e);
      if (srf !== undefined) {
        const slot = srf.slot;
        return { type: srf.type, text: deparse(e), ev: (f) => f.row[slot]! };
      }
    }
    if (e.kind === 'cast') {
      let c: BExpr | undefined;
      try {
        c = systemCast(this, e, scope);
      } catch (err) {
        // In a grouped query the whole cast may be a GROUP BY key: let the ordinary path find it.
        if (!(err instanceof SqlError && err.code === '42803')) throw err;
      }
      if (c !== undefined) return c;
    }
    return super.compile(e, scope);
  }

  planSubquery(q: ast.Query, scope: Scope): SubqueryPlan {
    const sub = new Scope(scope);
    const p = this.planQuery(q, sub);
    return { node: p.node, types: p.columns.map((c) => c.type), correlated: sub.correlated };
  }

  /** Find a relation by (optionally schema-qualified) name along the search path. */
  lookupRelation(name: ast.QualifiedName): ReturnType<Catalog['relation']> {
    if (name.schema !== null) return this.catalog.relation(name.schema, name.name);
    for (const s of this.searchPath) {
      const r = this.catalog.relation(s, name.name);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** The table `name`, or 42P01 (42809 when it is not a table). */
  table(name: ast.QualifiedName): TableInfo {
    const r = this.lookupRelation(name);
    const display = name.schema === null ? name.name : `${name.schema}.${name.name}`;
    if (r === undefined) throw new SqlError('42P01', `relation "${display}" does not exist`, { offset: name.pos });
    if (r.kind !== 'table') throw new SqlError('42809', `"${display}" is not a table`, { offset: name.pos });
    return r;
  }

  // ---- queries --------------------------------------------------------------------------------

  /** Plan a query in `scope` (a fresh scope whose parent is the enclosing query's). */
  planQuery(q: ast.Query, scope: Scope): PlannedQuery {
    if (q.with !== null) this.bindWith(q.with, scope);
    if (q.body.kind === 'select') return this.planSelect(q.body, q, scope);
    let p = this.planBody(q.body, scope);
    if (q.orderBy.length > 0 || q.limit !== null || q.offset !== null) p = this.orderLimitOutputs(p, q, scope);
    return p;
  }

  private planBody(b: ast.QueryBody, scope: Scope): PlannedQuery {
    switch (b.kind) {
      case 'select':
        return this.planSelect(b, null, scope);
      case 'values':
        return this.planValues(b.rows, scope, null);
      case 'query': {
        const s = new Scope(scope.parent);
        s.ctes = scope.ctes;
        const p = this.planQuery(b, s);
        if (s.correlated) scope.correlated = true;
        return p;
      }
      case 'setop':
        return this.planSetOp(b, scope);
    }
  }

  private planSetOp(b: ast.SetOp, scope: Scope): PlannedQuery {
    const side = (x: ast.QueryBody): PlannedQuery => {
      const s = new Scope(scope.parent);
      s.ctes = scope.ctes;
      const p = this.planBody(x, s);
      if (s.correlated) scope.correlated = true;
      return p;
    };
    const l = side(b.left);
    const r = side(b.right);
    const word = b.op.toUpperCase();
    if (l.columns.length !== r.columns.length) {
      throw new SqlError('42601', `each ${word} query must have the same number of columns`, { offset: b.pos });
    }
    const types: SqlType[] = [];
    const lc: BExpr[] = [];
    const rc: BExpr[] = [];
    for (let i = 0; i < l.columns.length; i++) {
      const a: BExpr = { type: l.columns[i]!.type, text: '', ev: (f) => f.row[i]! };
      const c: BExpr = { type: r.columns[i]!.type, text: '', ev: (f) => f.row[i]! };
      const u = this.unify([a, c], word);
      types.push(u.type);
      lc.push(u.exprs[0]!);
      rc.push(u.exprs[1]!);
    }
    const cast = (p: PlannedQuery, exprs: BExpr[]): PlanNode => (exprs.every((e, i) => e.type === p.columns[i]!.type) ? p.node : new ProjectNode(p.node, exprs));
    const node = new SetOpNode(this.rt, b.op, b.all, cast(l, lc), cast(r, rc), types);
    return { node, columns: l.columns.map((c, i) => ({ name: c.name, type: types[i]! })) };
  }

  /** VALUES rows: each column's type is the common type of its entries (or `targets` for INSERT). */
  planValues(rows: readonly (readonly ast.Expr[])[], scope: Scope, targets: readonly SqlType[] | null): PlannedQuery {
    const width = rows[0]?.length ?? 0;
    for (const r of rows) {
      if (r.length !== width) throw new SqlError('42601', 'VALUES lists must all be the same length', { offset: r[0]?.pos ?? 0 });
    }
    scope.clause = 'VALUES';
    const compiled = rows.map((r) => r.map((e) => (e.kind === 'default' ? null : this.compile(e, scope))));
    const types: SqlType[] = [];
    for (let c = 0; c < width; c++) {
      const col = compiled.map((r) => r[c]!).filter((e): e is BExpr => e !== null);
      if (targets !== null) {
        types.push(targets[c]!);
        continue;
      }
      types.push(col.length === 0 ? T.text : this.unify(col, 'VALUES').type);
    }
    const exprs = compiled.map((r) =>
      r.map((e, c) => (e === null ? valuesDefault : targets !== null ? this.coerce(e, types[c]!, 'assignment', rows[0]![c]!.pos) : this.coerce(e, types[c]!, 'implicit'))),
    );
    return { node: new ValuesNode(exprs, width), columns: types.map((t, i) => ({ name: `column${i + 1}`, type: t })) };
  }

  private bindWith(w: ast.WithClause, scope: Scope): void {
    scope.ctes ??= new Map();
    for (const cte of w.ctes) {
      if (cte.query.kind !== 'query') throw new SqlError('0A000', 'data-modifying statements in WITH are not supported', { offset: cte.pos });
      if (scope.ctes.has(cte.name)) throw new SqlError('42712', `WITH query name "${cte.name}" specified more than once`, { offset: cte.pos });
      const q = cte.query;
      const recursive = w.recursive && q.body.kind === 'setop' && q.body.op === 'union' && refersTo(q.body.right, cte.name);
      if (recursive && q.body.kind === 'setop') {
        this.bindRecursive(cte, q.body, scope);
        continue;
      }
      const s = new Scope(scope.parent);
      s.ctes = new Map(scope.ctes);
      const p = this.planQuery(q, s);
      const cols = renameColumns(p.columns, cte.columns, cte.name, cte.pos);
      const state = new CteState(this.rt, cte.name, s.correlated ? null : p.node, cols.length);
      if (s.correlated) {
        scope.correlated = true;
        const node = p.node;
        scope.ctes.set(cte.name, { name: cte.name, columns: cols, scan: () => node });
      } else scope.ctes.set(cte.name, { name: cte.name, columns: cols, scan: () => new CteScanNode(state) });
    }
  }

  private bindRecursive(cte: ast.CommonTableExpr, body: ast.SetOp, scope: Scope): void {
    const s = new Scope(scope.parent);
    s.ctes = new Map(scope.ctes);
    const base = this.planBody(body.left, s);
    const cols = renameColumns(base.columns, cte.columns, cte.name, cte.pos);
    const work = new WorkTable();
    const width = cols.length;
    s.ctes.set(cte.name, { name: cte.name, columns: cols, scan: () => new WorkTableScanNode(work, width, cte.name) });
    const s2 = new Scope(scope.parent);
    s2.ctes = s.ctes;
    const step = this.planBody(body.right, s2);
    if (step.columns.length !== width) throw new SqlError('42601', `each UNION query must have the same number of columns`, { offset: body.pos });
    const stepExprs = step.columns.map((c, i) => this.coerce({ type: c.type, text: '', ev: (f) => f.row[i]! }, cols[i]!.type, 'implicit', body.pos));
    const node = new RecursiveUnionNode(this.rt, base.node, new ProjectNode(step.node, stepExprs), work, body.all, cols.map((c) => c.type));
    const state = new CteState(this.rt, cte.name, node, width);
    scope.ctes!.set(cte.name, { name: cte.name, columns: cols, scan: () => new CteScanNode(state) });
  }

  // ---- SELECT -----------------------------------------------------------------------------------

  private planSelect(sel: ast.Select, q: ast.Query | null, scope: Scope): PlannedQuery {
    let node = this.planFrom(sel.from, sel.where, scope);
    const items = this.expandStars(sel.items, scope);

    // Aggregation.
    const aggCalls: ast.FuncCall[] = [];
    for (const it of items) if (it.expr !== null) collectAggs(it.expr, aggCalls);
    if (sel.having !== null) collectAggs(sel.having, aggCalls);
    if (q !== null) for (const o of q.orderBy) collectAggs(o.expr, aggCalls);
    const grouped = sel.groupBy.length > 0 || aggCalls.length > 0 || sel.having !== null;
    if (grouped) node = this.planAggregation(node, sel, items, aggCalls, scope);

    // Window functions.
    const winCalls: ast.FuncCall[] = [];
    for (const it of items) if (it.expr !== null) collectWindows(it.expr, winCalls);
    if (q !== null) for (const o of q.orderBy) collectWindows(o.expr, winCalls);
    if (winCalls.length > 0) node = this.planWindows(node, winCalls, sel, scope);

    // Set-returning functions in the select list.
    const srfCalls: ast.FuncCall[] = [];
    for (const it of items) if (it.expr !== null) collectSetFunctions(it.expr, srfCalls);
    if (srfCalls.length > 0) node = this.planProjectSet(node, srfCalls, scope);

    // Select list.
    scope.clause = 'SELECT';
    scope.aggAllowed = true;
    const outputs: BExpr[] = [];
    const columns: OutputColumn[] = [];
    for (const it of items) {
      let c = it.expr === null ? it.slotExpr! : this.compile(it.expr, scope);
      if (c.type.base === 'unknown' && !scope.keepUnknownOutputs) c = this.coerce(c, T.text, 'implicit');
      outputs.push(c);
      columns.push({ name: it.name, type: c.type });
    }
    const visible = outputs.length;
    const keys: Array<{ col: number; desc: boolean; nullsFirst: boolean }> = [];
    const distinctOn: number[] = [];
    if (q !== null) {
      scope.clause = 'ORDER BY';
      for (const o of q.orderBy) keys.push({ col: this.outputColumn(o.expr, items, outputs, scope, sel.distinct !== null && sel.distinct.length === 0), desc: o.desc, nullsFirst: o.nullsFirst ?? o.desc });
    }
    if (sel.distinct !== null && sel.distinct.length > 0) {
      scope.clause = 'DISTINCT ON';
      for (const e of sel.distinct) distinctOn.push(this.outputColumn(e, items, outputs, scope, false));
    }
    const inputOrder = grouped || winCalls.length > 0 ? null : rowOrder(node);
    node = new ProjectNode(node, outputs);
    // A constant sort key orders nothing (PostgreSQL drops it too, so a LIMIT then reads only the rows it returns).
    const sortKeys: SortKey[] = keys.filter((k) => outputs[k.col]!.constant !== true).map((k) => ({ ...k, type: outputs[k.col]!.type, text: outputs[k.col]!.text }));
    // Rows already in primary-key order need no sort for an ORDER BY on a prefix of the key.
    const presorted =
      inputOrder !== null &&
      sortKeys.length > 0 &&
      sortKeys.length <= inputOrder.length &&
      sortKeys.every((k, i) => !k.desc && !k.nullsFirst && outputs[k.col]!.slot === inputOrder[i]);

    const types = outputs.map((o) => o.type);
    if (sel.distinct !== null) {
      if (distinctOn.length > 0) {
        for (let i = 0; i < Math.min(distinctOn.length, sortKeys.length); i++) {
          if (sortKeys[i]!.col !== distinctOn[i] && !distinctOn.includes(sortKeys[i]!.col)) {
            throw new SqlError('42P10', 'SELECT DISTINCT ON expressions must match initial ORDER BY expressions', { offset: sel.pos });
          }
        }
        const onKeys: SortKey[] = distinctOn.filter((c) => !sortKeys.some((k) => k.col === c)).map((c) => ({ col: c, type: types[c]!, desc: false, nullsFirst: false, text: outputs[c]!.text }));
        node = new SortNode(this.rt, node, [...sortKeys, ...onKeys]);
        node = new DistinctNode(this.rt, node, distinctOn.map((c) => types[c]!), distinctOn, true);
      } else {
        node = new DistinctNode(this.rt, node, types.slice(0, visible), [...Array(visible).keys()], false);
        if (sortKeys.length > 0) node = new SortNode(this.rt, node, sortKeys);
      }
    } else if (sortKeys.length > 0 && !presorted) node = new SortNode(this.rt, node, sortKeys);
    if (q !== null) node = this.limit(node, q, scope, sortKeys);
    if (outputs.length > visible) node = new TrimNode(node, visible);
    return { node, columns };
  }

  private limit(node: PlanNode, q: ast.Query, scope: Scope, sortKeys: SortKey[]): PlanNode {
    if (q.limit === null && q.offset === null) return node;
    scope.clause = 'LIMIT';
    const phase = scope.phase;
    const lim = q.limit === null ? null : this.count(q.limit, scope, 'LIMIT');
    const off = q.offset === null ? null : this.count(q.offset, scope, 'OFFSET');
    scope.phase = phase;
    return new LimitNode(node, lim, off, q.withTies ? sortKeys : null);
  }

  private count(e: ast.Expr, _scope: Scope, what: string): CExpr {
    const s = new Scope(null);
    const c = this.compile(e, s);
    const t = c.type.base === 'unknown' || c.type.base === 'int4' || c.type.base === 'int2' ? T.int8 : c.type;
    if (t.base !== 'int8' && t.base !== 'numeric' && t.base !== 'float8' && t.base !== 'float4') {
      throw new SqlError('42804', `argument of ${what} must be type bigint, not type ${t.base}`, { offset: e.pos });
    }
    return this.coerce(c, T.int8, 'assignment', e.pos);
  }

  /**
   * The output column an ORDER BY or DISTINCT ON item refers to: an ordinal, an output name, or
   * an expression (appended as a hidden output column unless it equals a visible one).
   */
  private outputColumn(e: ast.Expr, items: readonly SelectEntry[], outputs: BExpr[], scope: Scope, distinct: boolean): number {
    if (e.kind === 'literal' && e.type === 'integer') {
      const n = Number(e.value);
      if (n < 1 || n > items.length) throw new SqlError('42P10', `${scope.clause} position ${n} is not in select list`, { offset: e.pos });
      return n - 1;
    }
    if (e.kind === 'column' && e.qualifier.length === 0) {
      const hits = items.map((it, i) => (it.name === e.name && it.aliased ? i : -1)).filter((i) => i >= 0);
      if (hits.length > 1) {
        const first = items[hits[0]!]!;
        if (!hits.every((h) => items[h]!.expr !== null && first.expr !== null && exprKey(items[h]!.expr) === exprKey(first.expr))) {
          throw new SqlError('42702', `${scope.clause} "${e.name}" is ambiguous`, { offset: e.pos });
        }
      }
      if (hits.length > 0) return hits[0]!;
    }
    const key = exprKey(e);
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (it.expr !== null && exprKey(it.expr) === key) return i;
    }
    if (distinct) throw new SqlError('42P10', 'for SELECT DISTINCT, ORDER BY expressions must appear in select list', { offset: e.pos });
    // Output names also match bare column names when no input column has that name.
    if (e.kind === 'column' && e.qualifier.length === 0) {
      const byName = items.findIndex((it) => it.name === e.name);
      try {
        return this.hidden(e, outputs, scope);
      } catch (err) {
        if (byName >= 0 && err instanceof SqlError && err.code === '42703') return byName;
        throw err;
      }
    }
    return this.hidden(e, outputs, scope);
  }

  private hidden(e: ast.Expr, outputs: BExpr[], scope: Scope): number {
    let c = this.compile(e, scope);
    if (c.type.base === 'unknown') c = this.coerce(c, T.text, 'implicit');
    outputs.push(c);
    return outputs.length - 1;
  }

  private orderLimitOutputs(p: PlannedQuery, q: ast.Query, scope: Scope): PlannedQuery {
    const cols = p.columns;
    const keys: SortKey[] = [];
    for (const o of q.orderBy) {
      let col = -1;
      if (o.expr.kind === 'literal' && o.expr.type === 'integer') {
        col = Number(o.expr.value) - 1;
        if (col < 0 || col >= cols.length) throw new SqlError('42P10', `ORDER BY position ${o.expr.value} is not in select list`, { offset: o.expr.pos });
      } else if (o.expr.kind === 'column' && o.expr.qualifier.length === 0) {
        col = cols.findIndex((c) => c.name === (o.expr as ast.ColumnRef).name);
      }
      if (col < 0) {
        throw new SqlError('0A000', 'invalid UNION/INTERSECT/EXCEPT ORDER BY clause', {
          offset: o.expr.pos,
          detail: 'Only result column names can be used, not expressions or functions.',
        });
      }
      keys.push({ col, type: cols[col]!.type, desc: o.desc, nullsFirst: o.nullsFirst ?? o.desc, text: cols[col]!.name });
    }
    let node = keys.length > 0 ? new SortNode(this.rt, p.node, keys) : p.node;
    node = this.limit(node, q, scope, keys);
    return { node, columns: cols };
  }

  private planAggregation(input: PlanNode, sel: ast.Select, items: readonly SelectEntry[], aggCalls: ast.FuncCall[], scope: Scope): PlanNode {
    scope.clause = 'GROUP BY';
    const groupAsts: ast.Expr[] = [];
    for (const g of sel.groupBy) {
      let e = g;
      if (g.kind === 'literal' && g.type === 'integer') {
        const n = Number(g.value);
        const it = items[n - 1];
        if (it === undefined) throw new SqlError('42P10', `GROUP BY position ${n} is not in select list`, { offset: g.pos });
        e = it.expr ?? it.source!;
      } else if (g.kind === 'column' && g.qualifier.length === 0) {
        try {
          scope.resolve(g);
        } catch (err) {
          const it = items.find((i) => i.name === g.name && i.expr !== null);
          if (it === undefined || !(err instanceof SqlError) || err.code !== '42703') throw err;
          e = it.expr!;
        }
      }
      groupAsts.push(e);
    }
    const groups = groupAsts.map((g) => {
      const c = this.compile(g, scope);
      return c.type.base === 'unknown' ? this.coerce(c, T.text, 'implicit') : c;
    });
    scope.clause = 'aggregate function calls';
    const aggs: AggSpec[] = [];
    const seen = new Map<string, number>();
    const aggSlot = new Map<ast.FuncCall, number>();
    for (const call of aggCalls) {
      const key = exprKey(call);
      const dup = seen.get(key);
      if (dup !== undefined) {
        aggSlot.set(call, groups.length + dup);
        continue;
      }
      const spec = this.aggregate(call, scope);
      seen.set(key, aggs.length);
      aggSlot.set(call, groups.length + aggs.length);
      aggs.push(spec);
    }
    const node = new AggregateNode(this.rt, input, groups, aggs);
    const info: GroupInfo = {
      byKey: new Map(),
      byInputSlot: new Map(),
      aggs: aggSlot,
      types: [...groups.map((g) => g.type), ...aggs.map((a) => a.impl.result)],
    };
    groupAsts.forEach((g, i) => {
      info.byKey.set(exprKey(g), i);
      if (g.kind === 'column') {
        const r = scope.resolve(g);
        if (r.depth === 0) info.byInputSlot.set(r.slot, i);
      }
    });
    scope.phase = 'grouped';
    scope.group = info;
    let out: PlanNode = node;
    if (sel.having !== null) {
      scope.clause = 'HAVING';
      scope.aggAllowed = true;
      out = new FilterNode(out, this.condition(sel.having, scope, 'HAVING'));
    }
    return out;
  }

  /** A ProjectSet over `input` for the select list's set-returning calls; their values follow the input row. */
  private planProjectSet(input: PlanNode, calls: ast.FuncCall[], scope: Scope): PlanNode {
    scope.clause = 'SELECT';
    const srfs: Array<{ fn: SetFunctionImpl; args: CExpr[] }> = [];
    for (const call of calls) {
      const args = call.args.map((a) => this.compile(a, scope));
      const fn = resolveSetFunction(
        call.name.name,
        args.map((a) => a.type),
      );
      if (fn === undefined) throw this.noFunction(call.name.name, args, call.pos);
      if (fn.columns.length !== 1) throw new SqlError('0A000', `${call.name.name}() returning a record is not supported in a select list`, { offset: call.pos });
      this.setFunctionSlots.set(call, { slot: input.width + srfs.length, type: fn.columns[0]!.type });
      srfs.push({ fn, args: args.map((a, i) => this.coerce(a, fn.args[i] ?? a.type, 'implicit', call.pos)) });
    }
    return new ProjectSetNode(this.rt, input, srfs);
  }

  /** Set-returning calls of select lists, by their slot in the ProjectSet's rows. */
  private readonly setFunctionSlots = new Map<ast.FuncCall, { slot: number; type: SqlType }>();

  private aggregate(call: ast.FuncCall, scope: Scope): AggSpec {
    const name = call.name.name;
    const args = call.star ? [] : call.args.map((a) => this.compile(a, scope));
    const impl = resolveAggregate(
      name,
      args.map((a) => a.type),
    );
    if (impl === undefined) throw this.noFunction(name, args, call.pos);
    const cast = args.map((a, i) => this.coerce(a, impl.args[i] ?? a.type, 'implicit', call.pos));
    const filter = call.filter === null ? null : this.condition(call.filter, scope, 'FILTER');
    const orderBy = call.orderBy.map((o) => ({ expr: this.compile(o.expr, scope), desc: o.desc, nullsFirst: o.nullsFirst ?? o.desc }));
    return { impl, args: cast, distinct: call.distinct, filter, orderBy, text: deparse(call) };
  }

  private planWindows(input: PlanNode, calls: ast.FuncCall[], sel: ast.Select, scope: Scope): PlanNode {
    scope.clause = 'window functions';
    const named = new Map(sel.windows.map((w) => [w.name, w.spec]));
    const specs: WindowCall[] = [];
    const map = new Map<ast.FuncCall, number>();
    const base = scope.phase === 'grouped' ? scope.group!.types.length : scope.width;
    for (const call of calls) {
      let spec = call.over!;
      if (spec.ref !== null) {
        const ref = named.get(spec.ref);
        if (ref === undefined) throw new SqlError('42704', `window "${spec.ref}" does not exist`, { offset: spec.pos });
        spec = { ...ref, orderBy: spec.orderBy.length > 0 ? spec.orderBy : ref.orderBy, frame: spec.frame ?? ref.frame };
      }
      const wc = this.windowCall(call, spec, scope);
      map.set(call, base + specs.length);
      this.windowTypes.set(call, wc.type);
      specs.push(wc);
    }
    scope.windows = map;
    return new WindowNode(this.rt, input, specs);
  }

  private windowCall(call: ast.FuncCall, spec: ast.WindowSpec, scope: Scope): WindowCall {
    const name = call.name.name;
    const partition = spec.partitionBy.map((e) => this.compile(e, scope));
    const order = spec.orderBy.map((o) => ({ expr: this.compile(o.expr, scope), desc: o.desc, nullsFirst: o.nullsFirst ?? o.desc }));
    const args = call.star ? [] : call.args.map((a) => this.compile(a, scope));
    let agg: AggSpec | null = null;
    let type: SqlType;
    if (isWindowOnly(name)) {
      switch (name) {
        case 'row_number':
        case 'rank':
        case 'dense_rank':
        case 'ntile':
          type = T.int8;
          break;
        case 'percent_rank':
        case 'cume_dist':
          type = T.float8;
          break;
        default:
          if (args.length === 0) throw this.noFunction(name, args, call.pos);
          // Polymorphic (anyelement): the argument's type without its typmod.
          type = args[0]!.type.base === 'unknown' ? T.text : sqlType(args[0]!.type.base, -1, args[0]!.type.array);
      }
      if (name === 'lag' || name === 'lead') {
        if (args.length >= 2) args[1] = this.coerce(args[1]!, T.int4, 'implicit', call.pos);
        if (args.length >= 3) args[2] = this.coerce(args[2]!, type, 'implicit', call.pos);
      }
      if (name === 'nth_value' || name === 'ntile') {
        const i = name === 'ntile' ? 0 : 1;
        if (args.length > i) args[i] = this.coerce(args[i]!, T.int4, 'implicit', call.pos);
      }
      if (args.length > 0 && args[0]!.type.base === 'unknown') args[0] = this.coerce(args[0]!, T.text, 'implicit');
    } else if (isAggregate(name) || call.star) {
      agg = this.aggregate(call, scope);
      type = agg.impl.result;
    } else {
      throw new SqlError('42809', `function ${name} is not a window function nor an aggregate`, { offset: call.pos });
    }
    let frame: WindowCall['frame'] = null;
    if (spec.frame !== null) {
      const fr = spec.frame;
      const off = (b: ast.WindowFrameBound): CExpr | null => (b.offset === null ? null : this.compile(b.offset, new Scope(null)));
      frame = { mode: fr.mode, start: { type: fr.start.type, offset: off(fr.start) }, end: fr.end === null ? { type: 'current row', offset: null } : { type: fr.end.type, offset: off(fr.end) }, exclude: fr.exclude };
    }
    return { name, args, agg, partition, order, frame, type };
  }

  // ---- select list ----------------------------------------------------------------------------

  private expandStars(items: readonly ast.SelectItem[], scope: Scope): SelectEntry[] {
    const out: SelectEntry[] = [];
    for (const it of items) {
      if (it.expr.kind !== 'star') {
        out.push({ expr: it.expr, name: it.alias ?? outputName(it.expr), aliased: it.alias !== null, slotExpr: null, source: null });
        continue;
      }
      const q = it.expr.qualifier;
      const rels = q.length === 0 ? scope.rels : scope.rels.filter((r) => r.alias === q[q.length - 1]);
      if (q.length > 0 && rels.length === 0) throw new SqlError('42P01', `missing FROM-clause entry for table "${q[q.length - 1]}"`, { offset: it.expr.pos });
      if (q.length === 0 && scope.rels.length === 0) throw new SqlError('42601', 'SELECT * with no tables specified is not valid', { offset: it.expr.pos });
      for (const rel of rels) {
        rel.columns.forEach((c, i) => {
          if (c.system || (q.length === 0 && c.merged)) return;
          const ref: ast.ColumnRef = { kind: 'column', qualifier: rel.alias === '' ? [] : [rel.alias], name: c.name, pos: it.expr.pos };
          out.push({ expr: null, name: c.name, aliased: false, slotExpr: this.relColumn(rel, i, scope, ref), source: ref });
        });
      }
    }
    return out;
  }

  /** A column of a relation by position (star expansion), honouring the grouped phase. */
  private relColumn(rel: RelBinding, i: number, scope: Scope, ref: ast.ColumnRef): BExpr {
    const c = rel.columns[i]!;
    let slot = rel.offset + i;
    if (scope.phase === 'grouped') {
      const gs = scope.group!.byInputSlot.get(slot);
      if (gs === undefined) {
        throw new SqlError('42803', `column "${rel.alias === '' ? c.name : `${rel.alias}.${c.name}`}" must appear in the GROUP BY clause or be used in an aggregate function`, { offset: ref.pos });
      }
      slot = gs;
    }
    const s = slot;
    return { type: c.type, text: c.name, ev: (f) => f.row[s]! };
  }

  // ---- FROM -----------------------------------------------------------------------------------

  /** Plan FROM and WHERE; binds the FROM relations into `scope`. */
  planFrom(items: readonly ast.FromItem[], where: ast.Expr | null, scope: Scope): PlanNode {
    scope.clause = 'WHERE';
    if (items.length === 0) {
      const node = new ResultNode();
      return where === null ? node : new FilterNode(node, this.condition(where, scope, 'WHERE'));
    }
    const units: Unit[] = [];
    const plans: PlanNode[] = [];
    // Bind and plan every FROM item except base tables, whose scans wait for their conjuncts.
    for (const item of items) {
      const offset = scope.width;
      const before = scope.rels.length;
      const plan = this.bindItem(item, scope, units.length === 0 ? null : scope.rels.slice());
      plans.push(plan);
      units.push({ item, rels: scope.rels.slice(before), offset, width: scope.width - offset });
    }
    checkDuplicateAliases(scope);
    const conj: Conjunct[] = splitAnd(where).map((e) => ({ expr: e, units: this.unitsOf(e, scope, units), used: false }));
    let node: PlanNode | null = null;
    for (let k = 0; k < units.length; k++) {
      const unit = units[k]!;
      const own = conj.filter((c) => !c.used && c.units !== null && c.units.size === 1 && c.units.has(k));
      const joinConj = k === 0 ? [] : conj.filter((c) => !c.used && c.units !== null && c.units.has(k) && Math.max(...c.units) === k && c.units.size > 1);
      const placeholder = plans[k]!;
      if (node === null) {
        node = placeholder instanceof PendingTable ? this.scanTable(placeholder, own, Scope.rebased(unit.rels, scope.parent), false) : this.filterUnit(placeholder, own, unit, scope);
        for (const c of own) c.used = true;
        continue;
      }
      const left: PlanNode = node;
      const partial = Scope.rebased(
        units.slice(0, k).flatMap((u) => u.rels),
        scope.parent,
      );
      node = this.joinUnit(left, placeholder, unit, own, joinConj, partial, units.slice(0, k + 1), scope);
    }
    const rest = conj.filter((c) => !c.used);
    if (rest.length > 0) {
      const pred = this.andAll(rest.map((c) => c.expr), scope);
      node = new FilterNode(node!, pred);
    }
    return node!;
  }

  private andAll(exprs: readonly ast.Expr[], scope: Scope): CExpr {
    if (exprs.length === 1) return this.condition(exprs[0]!, scope, 'WHERE');
    return this.condition({ kind: 'bool', op: 'and', args: exprs, pos: exprs[0]!.pos }, scope, 'WHERE');
  }

  /** Which FROM units an expression reads (null: treat as all, it holds a subquery). */
  private unitsOf(e: ast.Expr, scope: Scope, units: readonly Unit[]): Set<number> | null {
    if (hasSubquery(e)) return null;
    const out = new Set<number>();
    let ok = true;
    const visit = (x: ast.Expr): void => {
      if (!ok) return;
      if (x.kind === 'column') {
        let r;
        try {
          r = scope.resolve(x);
        } catch {
          ok = false;
          return;
        }
        if (r.depth > 0) return;
        const u = units.findIndex((u) => r.slot >= u.offset && r.slot < u.offset + u.width);
        if (u < 0 || r.rel.alias === '') ok = false;
        else out.add(u);
        return;
      }
      if (x.kind === 'func' && (x.over !== null || isAggregate(x.name.name))) {
        ok = false;
        return;
      }
      for (const c of exprChildren(x)) visit(c);
    };
    visit(e);
    return ok ? out : null;
  }

  private filterUnit(node: PlanNode, own: Conjunct[], unit: Unit, scope: Scope): PlanNode {
    if (node instanceof PendingJoin) return node.plan(own.map((c) => c.expr));
    if (own.length === 0) return node;
    const s = Scope.rebased(unit.rels, scope.parent);
    return new FilterNode(node, this.andAll(own.map((c) => c.expr), s));
  }

  /** Join the next unit to `left`, choosing an index lookup, a hash join or a nested loop. */
  private joinUnit(left: PlanNode, right: PlanNode, unit: Unit, own: Conjunct[], joinConj: Conjunct[], partial: Scope, upTo: readonly Unit[], scope: Scope): PlanNode {
    const joinedScope = Scope.rebased(
      upTo.flatMap((u) => u.rels),
      scope.parent,
    );
    for (const c of own) c.used = true;
    for (const c of joinConj) c.used = true;
    if (right instanceof PendingTable) {
      // An index lookup per left row when a join equality matches an index of the right table.
      const paramScope = Scope.rebased(unit.rels, partial);
      const plainScope = Scope.rebased(unit.rels, scope.parent);
      const withJoin = [...own, ...joinConj];
      const joined = this.chooseIndex(right.layout, withJoin.map((c) => c.expr), paramScope);
      const alone = this.chooseIndex(right.layout, own.map((c) => c.expr), plainScope);
      if (joined !== null && (alone === null || joined.score > alone.score)) {
        return new NestLoopNode(this.rt, left, this.scanWith(right, withJoin, paramScope, joined), 'inner', null, true);
      }
      const plain = this.scanWith(right, own, plainScope, alone);
      return this.equiJoin(left, plain, 'inner', joinConj.map((c) => c.expr), partial, Scope.rebased(unit.rels, scope.parent), joinedScope, false);
    }
    const lateral = right instanceof LateralItem;
    const r = lateral ? (right as LateralItem).node : this.filterUnit(right, own, unit, scope);
    if (lateral) {
      const node = new NestLoopNode(this.rt, left, r, 'inner', null, true);
      const conds = [...own, ...joinConj].map((c) => c.expr);
      return conds.length === 0 ? node : new FilterNode(node, this.andAll(conds, joinedScope));
    }
    return this.equiJoin(left, r, 'inner', joinConj.map((c) => c.expr), partial, Scope.rebased(unit.rels, scope.parent), joinedScope, false);
  }

  /**
   * Join with conditions `conds`: equalities between a left-only and a right-only expression of
   * the same type become hash keys; the rest filter the joined row.
   */
  private equiJoin(left: PlanNode, right: PlanNode, type: JoinType, conds: readonly ast.Expr[], leftScope: Scope, rightScope: Scope, joinedScope: Scope, rightCorrelated: boolean): PlanNode {
    const lk: CExpr[] = [];
    const rk: CExpr[] = [];
    const texts: string[] = [];
    const residual: ast.Expr[] = [];
    for (const c of conds) {
      const keys = rightCorrelated ? null : this.hashKeys(c, leftScope, rightScope);
      if (keys === null) residual.push(c);
      else {
        lk.push(keys[0]);
        rk.push(keys[1]);
        texts.push(deparse(c));
      }
    }
    const res = residual.length === 0 ? null : this.andAll(residual, joinedScope);
    if (lk.length > 0) return new HashJoinNode(this.rt, left, right, type, lk, rk, res, texts.join(' AND '));
    return new NestLoopNode(this.rt, left, right, type, res, rightCorrelated);
  }

  /** [left key, right key] of an equality usable by a hash join, or null. */
  private hashKeys(c: ast.Expr, leftScope: Scope, rightScope: Scope): [CExpr, CExpr] | null {
    if (c.kind !== 'binary' || c.op !== '=') return null;
    const tryPair = (a: ast.Expr, b: ast.Expr): [CExpr, CExpr] | null => {
      if (!onlyIn(a, leftScope) || !onlyIn(b, rightScope)) return null;
      const x = this.compile(a, leftScope);
      const y = this.compile(b, rightScope);
      let impl;
      try {
        impl = this.resolveBinary('=', x, y, c.pos);
      } catch {
        return null;
      }
      if (!sameType(impl.left!, impl.right)) return null;
      return [this.coerce(x, impl.left!, 'implicit'), this.coerce(y, impl.right, 'implicit')];
    };
    return tryPair(c.left, c.right) ?? tryPair(c.right, c.left);
  }

  /** Bind one FROM item's relations into `scope`; returns its plan (or a PendingTable). */
  /** `lateralRels`: the relations a LATERAL item may read (the FROM items before it, or a join's left side), or null. */
  private bindItem(item: ast.FromItem, scope: Scope, lateralRels: readonly RelBinding[] | null): PlanNode {
    switch (item.kind) {
      case 'table':
        return this.bindTable(item, scope);
      case 'subquery': {
        if (item.alias === null) throw new SqlError('42601', 'subquery in FROM must have an alias', { offset: item.pos });
        const lateral = item.lateral && lateralRels !== null;
        const parent = lateral ? Scope.rebased(lateralRels!, scope.parent) : scope.parent;
        const s = new Scope(parent);
        s.ctes = scope.ctes;
        const p = this.planQuery(item.query, s);
        if (s.correlated && !lateral) scope.correlated = true;
        const cols = renameColumns(p.columns, item.alias.columns, item.alias.name, item.pos);
        scope.addRel(item.alias.name, null, cols.map(plainCol));
        if (lateral && s.correlated) return new LateralItem(p.node);
        return s.correlated ? p.node : new MaterializeNode(this.rt, p.node);
      }
      case 'function':
        return this.bindFunction(item, scope, lateralRels);
      case 'values': {
        const s = new Scope(scope.parent);
        const p = this.planValues(item.rows, s, null);
        const alias = item.alias ?? { name: '*VALUES*', columns: [] };
        const cols = renameColumns(p.columns, alias.columns, alias.name, item.pos);
        scope.addRel(alias.name, null, cols.map(plainCol));
        return p.node;
      }
      case 'join':
        return this.bindJoin(item, scope);
    }
  }

  private bindTable(item: ast.TableRef, scope: Scope): PlanNode {
    if (item.name.schema === null) {
      const cte = scope.cte(item.name.name);
      if (cte !== undefined) {
        const alias = item.alias ?? { name: item.name.name, columns: [] };
        const cols = renameColumns(cte.columns, alias.columns, alias.name, item.pos);
        scope.addRel(alias.name, null, cols.map(plainCol));
        return cte.scan();
      }
    }
    const sys = bindSystemRelation(this, item, scope);
    if (sys !== undefined) return sys;
    const rel = this.lookupRelation(item.name);
    const display = item.name.schema === null ? item.name.name : `${item.name.schema}.${item.name.name}`;
    if (rel === undefined) throw new SqlError('42P01', `relation "${display}" does not exist`, { offset: item.name.pos });
    this.relationsRead.add(rel.oid);
    if (rel.kind === 'view') return this.bindView(rel, item, scope);
    if (rel.kind !== 'table') throw new SqlError('42809', `"${display}" is not a table or view`, { offset: item.name.pos });
    const layout = layoutOf(rel, this.catalog);
    const alias = item.alias?.name ?? rel.name;
    const names = item.alias?.columns ?? [];
    if (names.length > layout.visible.length) {
      throw new SqlError('42P10', `table "${alias}" has ${layout.visible.length} columns available but ${names.length} columns specified`, { offset: item.pos });
    }
    const cols: ColBinding[] = layout.visible.map((c, i) => ({ name: names[i] ?? c.name, type: c.type, merged: false, system: false }));
    cols.push({ name: 'ctid', type: T.bytea, merged: false, system: true });
    scope.addRel(alias, item.alias === null ? rel.schema : null, cols, rel, layout);
    return new PendingTable(layout, alias);
  }

  private bindView(view: Extract<ReturnType<Catalog['relation']>, { kind: 'view' }>, item: ast.TableRef, scope: Scope): PlanNode {
    const parsed = this.parseView(view.text);
    const s = new Scope(null);
    // Names in the view resolve along the search_path it was created with.
    const saved = this.searchPath;
    const read = [...this.relationsRead];
    if (view.searchPath !== undefined) this.searchPath = view.searchPath;
    let p: PlannedQuery;
    try {
      p = this.planQuery(parsed, s);
    } finally {
      this.searchPath = saved;
      // Only direct references count as a dependency: what the view reads is its own.
      this.relationsRead.clear();
      for (const oid of read) this.relationsRead.add(oid);
    }
    const alias = item.alias ?? { name: view.name, columns: [] };
    const base = p.columns.map((c, i) => ({ name: view.columns[i] ?? c.name, type: c.type }));
    const cols = renameColumns(base, alias.columns, alias.name, item.pos);
    scope.addRel(alias.name, item.alias === null ? view.schema : null, cols.map(plainCol));
    return new MaterializeNode(this.rt, p.node);
  }

  /** Oids of the tables and views bound so far (a view's dependencies). */
  readonly relationsRead = new Set<number>();

  /** Set by the session: parses a stored view's query. */
  parseView: (text: string) => ast.Query = () => {
    throw new Error('parseView not set');
  };

  private bindFunction(item: ast.FunctionRef, scope: Scope, lateralRels: readonly RelBinding[] | null): PlanNode {
    const lateralOk = lateralRels !== null;
    const call = item.call;
    const parent = lateralOk ? Scope.rebased(lateralRels, scope.parent) : scope.parent;
    const s = new Scope(parent);
    s.clause = 'functions in FROM';
    const args = call.args.map((a) => this.compile(a, s));
    const name = call.name.name;
    const srf = resolveSetFunction(
      name,
      args.map((a) => a.type),
    );
    const alias = item.alias ?? { name, columns: [] };
    let node: PlanNode;
    let cols: OutputColumn[];
    if (srf !== undefined) {
      const cast = args.map((a, i) => this.coerce(a, srf.args[i] ?? a.type, 'implicit', call.pos));
      node = new FunctionScanNode(this.rt, srf, cast, item.ordinality, name);
      cols = srf.columns.map((c) => ({ name: srf.columns.length === 1 && item.alias !== null && alias.columns.length === 0 ? alias.name : c.name, type: c.type }));
    } else {
      // A scalar function in FROM yields one row.
      const e = this.compile(call, s);
      node = new ProjectNode(new ResultNode(), [e]);
      cols = [{ name: item.alias !== null ? alias.name : name, type: e.type }];
    }
    if (item.ordinality) cols.push({ name: 'ordinality', type: T.int8 });
    const named = renameColumns(cols, alias.columns, alias.name, item.pos);
    scope.addRel(alias.name, null, named.map(plainCol));
    if (lateralOk && s.correlated) return new LateralItem(node);
    if (s.correlated) scope.correlated = true;
    return node;
  }

  /**
   * Bind a JOIN's relations (and its USING/NATURAL merged columns) now; plan it later, when the
   * WHERE conjuncts that can move into it are known (PendingJoin.plan).
   */
  private bindJoin(j: ast.JoinRef, scope: Scope): PlanNode {
    if (j.alias !== null) throw new SqlError('0A000', 'aliases on JOIN … USING are not supported', { offset: j.pos });
    const start = scope.rels.length;
    const offset = scope.width;
    const leftItem = this.bindItem(j.left, scope, null);
    const mid = scope.rels.length;
    const rightItem = this.bindItem(j.right, scope, scope.rels.slice(start, mid));
    if (rightItem instanceof LateralItem && (j.type === 'right' || j.type === 'full')) {
      throw new SqlError('42P10', `invalid reference to FROM-clause entry for table`, { offset: j.pos, detail: 'The combining JOIN type must be INNER or LEFT for a LATERAL reference.' });
    }
    const leftRels = scope.rels.slice(start, mid);
    const rightRels = scope.rels.slice(mid);
    const type: JoinType = j.type === 'cross' ? 'inner' : j.type;
    const leftScope = Scope.rebased(leftRels, scope.parent);
    const rightScope = Scope.rebased(rightRels, scope.parent);
    let usingCols: readonly string[] | null = j.using;
    if (j.natural) {
      const ln = new Set(leftRels.flatMap((r) => r.columns.filter((c) => !c.system && !c.merged).map((c) => c.name)));
      usingCols = [...new Set(rightRels.flatMap((r) => r.columns.filter((c) => !c.system && !c.merged && ln.has(c.name)).map((c) => c.name)))];
    }
    const on: ast.Expr[] = j.on === null ? [] : splitAnd(j.on);
    const merged: Array<{ name: string; l: number; r: number; type: SqlType }> = [];
    if (usingCols !== null) {
      for (const name of usingCols) {
        const lref: ast.ColumnRef = { kind: 'column', qualifier: [], name, pos: j.pos };
        let l;
        let r;
        try {
          l = leftScope.resolve(lref);
        } catch (err) {
          throw rewrapUsing(err, name, 'left', j.pos);
        }
        try {
          r = rightScope.resolve(lref);
        } catch (err) {
          throw rewrapUsing(err, name, 'right', j.pos);
        }
        const lx: BExpr = { type: l.type, text: name, ev: (f) => f.row[l.slot]! };
        const rx: BExpr = { type: r.type, text: name, ev: (f) => f.row[r.slot]! };
        const u = this.unify([lx, rx], 'JOIN/USING');
        merged.push({ name, l: l.slot, r: r.slot, type: u.type });
        const owner = (rels: RelBinding[], slot: number): string => rels.find((x) => x.offset - rels[0]!.offset <= slot && slot < x.offset - rels[0]!.offset + x.columns.length)!.alias;
        on.push({ kind: 'binary', op: '=', left: { ...lref, qualifier: [owner(leftRels, l.slot)] }, right: { ...lref, qualifier: [owner(rightRels, r.slot)] }, pos: j.pos } as ast.Binary);
      }
    }
    const lw = leftScope.width;
    const width = lw + rightScope.width;
    if (merged.length > 0) {
      // The merged columns come first in `*` and are what an unqualified name means.
      const names = new Set(merged.map((m) => m.name));
      for (const r of [...leftRels, ...rightRels]) {
        r.columns.forEach((c, i) => {
          if (names.has(c.name)) r.columns[i] = { ...c, merged: true };
        });
      }
      const mcols: ColBinding[] = merged.map((m) => ({ name: m.name, type: m.type, merged: false, system: false }));
      scope.insertRel(start, { alias: '', schema: null, columns: mcols, offset: offset + width, table: null, layout: null, nullable: false });
    }
    const parent = scope.parent;
    return new PendingJoin((pushed) => {
      // Conjuncts (WHERE ones moved in, and ON ones) go to the side they read when the join type allows.
      const toLeft: ast.Expr[] = [];
      const toRight: ast.Expr[] = [];
      const conds: ast.Expr[] = [];
      const above: ast.Expr[] = [];
      const side = (e: ast.Expr): 'left' | 'right' | 'both' => (onlyIn(e, leftScope) ? 'left' : onlyIn(e, rightScope) ? 'right' : 'both');
      for (const e of pushed) {
        const where = side(e);
        if (where === 'left' && (type === 'inner' || type === 'left')) toLeft.push(e);
        else if (where === 'right' && (type === 'inner' || type === 'right')) toRight.push(e);
        else if (type === 'inner') conds.push(e);
        else above.push(e);
      }
      for (const e of on) {
        const where = side(e);
        if (where === 'right' && (type === 'inner' || type === 'left')) toRight.push(e);
        else if (where === 'left' && (type === 'inner' || type === 'right')) toLeft.push(e);
        else conds.push(e);
      }
      const leftNode = this.planSide(leftItem, toLeft, leftRels, parent);
      const joinedScope = Scope.rebased([...leftRels, ...rightRels], parent);
      let node: PlanNode | null = null;
      if (rightItem instanceof PendingTable && (type === 'inner' || type === 'left')) {
        // An index lookup per left row when a join equality matches an index of the right table.
        const paramScope = Scope.rebased(rightRels, leftScope);
        const plainScope = Scope.rebased(rightRels, parent);
        const asConj = (es: ast.Expr[]): Conjunct[] => es.map((expr) => ({ expr, units: null, used: true }));
        const withJoin = [...toRight, ...conds];
        const joined = this.chooseIndex(rightItem.layout, withJoin, paramScope);
        const alone = this.chooseIndex(rightItem.layout, toRight, plainScope);
        if (joined !== null && (alone === null || joined.score > alone.score)) {
          // The right side's own conjuncts and the join conditions filter the lookup's rows.
          node = new NestLoopNode(this.rt, leftNode, this.scanWith(rightItem, asConj(withJoin), paramScope, joined), type, null, true);
        }
      }
      if (node === null && rightItem instanceof LateralItem) {
        // The right side reads the left row: run it per left row; every condition is a join filter.
        const all = [...toRight, ...conds];
        node = new NestLoopNode(this.rt, leftNode, rightItem.node, type, all.length === 0 ? null : this.andAll(all, joinedScope), true);
      }
      if (node === null) {
        const rightNode = this.planSide(rightItem, toRight, rightRels, parent);
        node = this.equiJoin(leftNode, rightNode, type, conds, leftScope, Scope.rebased(rightRels, parent), joinedScope, false);
      }
      if (merged.length > 0) {
        const exprs: CExpr[] = [];
        for (let i = 0; i < width; i++) exprs.push({ type: T.unknown, text: '', ev: (f) => f.row[i]! });
        for (const m of merged) {
          const li = m.l;
          const ri = lw + m.r;
          const ev = type === 'right' ? (f: { row: unknown[] }) => f.row[ri] : type === 'full' ? (f: { row: unknown[] }) => f.row[li] ?? f.row[ri] : (f: { row: unknown[] }) => f.row[li];
          exprs.push({ type: m.type, text: m.name, ev: ev as CExpr['ev'] });
        }
        node = new ProjectNode(node, exprs);
      }
      if (above.length > 0) {
        const all = Scope.rebased(scope.rels.slice(start, start + leftRels.length + rightRels.length + (merged.length > 0 ? 1 : 0)), parent);
        node = new FilterNode(node, this.andAll(above, all));
      }
      return node;
    }, width + (merged.length > 0 ? merged.length : 0));
  }

  /** Plan one input of a join with the conjuncts pushed to it. */
  private planSide(item: PlanNode, conj: ast.Expr[], rels: RelBinding[], parent: Scope | null): PlanNode {
    const s = Scope.rebased(rels, parent);
    const asConj = conj.map((expr) => ({ expr, units: null, used: true }));
    if (item instanceof PendingTable) return this.scanTable(item, asConj, s, false);
    if (item instanceof PendingJoin) return item.plan(conj);
    const node = item instanceof LateralItem ? item.node : item;
    return conj.length === 0 ? node : new FilterNode(node, this.andAll(conj, s));
  }

  private materializePending(p: PlanNode, scope: Scope, relIndex: number): PlanNode {
    if (p instanceof PendingJoin) return p.plan([]);
    if (p instanceof PendingTable) return this.scanTable(p, [], Scope.rebased([scope.rels[relIndex]!], scope.parent), false);
    if (p instanceof LateralItem) return p.node;
    return p;
  }

  // ---- table access -----------------------------------------------------------------------------

  /**
   * The scan of a table with its pushed-down conjuncts compiled in `s` (the table at slot 0;
   * enclosing scopes may be a join's left side, when `param`). Uses the primary key or an index
   * when a conjunct bounds its leading columns.
   */
  private scanTable(t: PendingTable, conj: readonly Conjunct[], s: Scope, _param: boolean): PlanNode {
    return this.scanWith(t, conj, s, this.chooseIndex(t.layout, conj.map((c) => c.expr), s));
  }

  private scanWith(t: PendingTable, conj: readonly Conjunct[], s: Scope, choice: { index: IndexRange; covered: Set<ast.Expr> } | null): PlanNode {
    let node: PlanNode = new TableScanNode(this.rt, t.layout, t.alias, choice === null ? null : choice.index);
    const rest = choice === null ? conj : conj.filter((c) => !choice.covered.has(c.expr));
    if (rest.length > 0) node = new FilterNode(node, this.andAll(rest.map((c) => c.expr), s));
    return node;
  }

  /** The index (or primary key) range that serves the conditions best, with its score, or null. */
  chooseIndex(layout: TableLayout, conds: readonly ast.Expr[], s: Scope): { index: IndexRange; score: number; covered: Set<ast.Expr> } | null {
    if (conds.length === 0) return null;
    const bounds = conds.flatMap((c) => this.boundsOf(c, s));
    if (bounds.length === 0) return null;
    const table = layout.table;
    const candidates: Array<{ index: IndexRange; score: number; covered: Set<ast.Expr> }> = [];
    const consider = (attnums: readonly number[], index: IndexRange['index'], name: string): void => {
      const types = attnums.map((a) => table.columns[a]!.type);
      const eq: CExpr[] = [];
      const texts: string[] = [];
      const used: Bound[] = [];
      let inList: CExpr[] | null = null;
      let lower: IndexRange['lower'] = null;
      let upper: IndexRange['upper'] = null;
      for (const a of attnums) {
        const mine = bounds.filter((b) => b.attnum === a);
        const e = mine.find((b) => b.op === '=');
        if (e !== undefined) {
          eq.push(e.value!);
          texts.push(e.text);
          used.push(e);
          continue;
        }
        const inl = mine.find((b) => b.op === 'in');
        if (inl !== undefined) {
          inList = inl.list!;
          texts.push(inl.text);
          used.push(inl);
          break;
        }
        for (const b of mine) {
          if ((b.op === '>' || b.op === '>=') && lower === null) {
            lower = { expr: b.value!, inclusive: b.op === '>=' };
            texts.push(b.text);
            used.push(b);
          }
          if ((b.op === '<' || b.op === '<=') && upper === null) {
            upper = { expr: b.value!, inclusive: b.op === '<=' };
            texts.push(b.text);
            used.push(b);
          }
        }
        break;
      }
      if (eq.length === 0 && inList === null && lower === null && upper === null) return;
      const full = eq.length === attnums.length;
      const score = eq.length * 10 + (inList !== null ? 5 : 0) + (lower !== null ? 2 : 0) + (upper !== null ? 2 : 0) + (full && index === null ? 3 : 0) + (full && index !== null && index.unique ? 2 : 0);
      // A conjunct all of whose bounds the range enforces needs no filter after the scan.
      const covered = new Set(bounds.filter((b) => used.includes(b)).map((b) => b.source));
      for (const b of bounds) if (!used.includes(b)) covered.delete(b.source);
      candidates.push({ index: { index, indexName: name, eq, inList, lower, upper, types, condText: texts.length === 1 ? texts[0]! : `(${texts.join(' AND ')})` }, score, covered });
    };
    const pk = layout.indexes.find((i) => i.primary);
    if (pk !== undefined) consider(pk.columns.map((c) => c.attnum), null, pk.name);
    for (const ix of layout.indexes) if (!ix.primary) consider(ix.columns.map((c) => c.attnum), ix, ix.name);
    if (candidates.length === 0) return null;
    candidates.sort((a, b) => b.score - a.score);
    return candidates[0]!;
  }

  /** Index bounds a conjunct gives: `col op value` where value does not read the table. */
  private boundsOf(c: ast.Expr, s: Scope): Bound[] {
    const colOf = (e: ast.Expr): { attnum: number; type: SqlType; expr: BExpr } | null => {
      if (e.kind !== 'column') return null;
      let r;
      try {
        r = s.resolve(e);
      } catch {
        return null;
      }
      if (r.depth !== 0) return null;
      const rel = s.rels[0]!;
      const table = rel.table!;
      const vis = rel.layout!.visible[r.slot];
      if (vis === undefined) return null;
      return { attnum: vis.attnum, type: table.columns[vis.attnum]!.type, expr: this.compile(e, s) };
    };
    const valueFor = (col: { type: SqlType; expr: BExpr }, op: string, v: ast.Expr, pos: number): CExpr | null => {
      if (!onlyOuter(v, s)) return null;
      const x = this.compile(v, s);
      let impl;
      try {
        impl = this.resolveBinary(op, col.expr, x, pos);
      } catch {
        return null;
      }
      if (!sameType(impl.left!, col.type) || !sameType(impl.right, col.type)) return null;
      // The bound compares in the column's type, without its typmod (no rounding, no overflow).
      return this.tryCoerce(x, sqlType(col.type.base, -1, col.type.array), 'implicit');
    };
    const flip: Record<string, string> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
    if (c.kind === 'binary' && flip[c.op] !== undefined) {
      for (const [a, b, op] of [
        [c.left, c.right, c.op],
        [c.right, c.left, flip[c.op]!],
      ] as const) {
        const col = colOf(a);
        if (col === null) continue;
        const v = valueFor(col, op, b, c.pos);
        if (v !== null) return [{ source: c, attnum: col.attnum, op, value: v, list: null, text: deparse(c) }];
      }
      return [];
    }
    if (c.kind === 'between' && !c.negated && !c.symmetric) {
      const col = colOf(c.arg);
      if (col === null) return [];
      const lo = valueFor(col, '>=', c.low, c.pos);
      const hi = valueFor(col, '<=', c.high, c.pos);
      const out: Bound[] = [];
      if (lo !== null) out.push({ source: c, attnum: col.attnum, op: '>=', value: lo, list: null, text: `(${deparse(c.arg)} >= ${deparse(c.low)})` });
      if (hi !== null) out.push({ source: c, attnum: col.attnum, op: '<=', value: hi, list: null, text: `(${deparse(c.arg)} <= ${deparse(c.high)})` });
      return out;
    }
    if (c.kind === 'inlist' && !c.negated) {
      const col = colOf(c.arg);
      if (col === null) return [];
      const list: CExpr[] = [];
      for (const item of c.list) {
        const v = valueFor(col, '=', item, c.pos);
        if (v === null) return [];
        list.push(v);
      }
      return [{ source: c, attnum: col.attnum, op: 'in', value: null, list, text: `(${deparse(c.arg)} = ANY (...))` }];
    }
    return [];
  }
}

interface Bound {
  /** The conjunct it came from. */
  readonly source: ast.Expr;
  readonly attnum: number;
  readonly op: string;
  readonly value: CExpr | null;
  readonly list: CExpr[] | null;
  readonly text: string;
}

interface SelectEntry {
  /** The expression, or null for a column from `*` (then slotExpr). */
  readonly expr: ast.Expr | null;
  readonly name: string;
  readonly aliased: boolean;
  readonly slotExpr: BExpr | null;
  /** For a `*` column: the column reference it stands for. */
  readonly source: ast.ColumnRef | null;
}

/** A base table whose scan is chosen once its conjuncts are known. */
class PendingTable implements PlanNode {
  constructor(
    readonly layout: TableLayout,
    readonly alias: string,
  ) {}
  get width(): number {
    return this.layout.width;
  }
  rows(): Iterable<never> {
    throw new Error('PendingTable is not executable');
  }
  explain(): void {}
}

/** A JOIN whose relations are bound; planned once the conjuncts it may take are known. */
class PendingJoin implements PlanNode {
  constructor(
    readonly plan: (pushed: ast.Expr[]) => PlanNode,
    readonly width: number,
  ) {}
  rows(): Iterable<never> {
    throw new Error('PendingJoin is not executable');
  }
  explain(): void {}
}

/** A LATERAL item that reads the rows before it. */
class LateralItem implements PlanNode {
  constructor(readonly node: PlanNode) {}
  get width(): number {
    return this.node.width;
  }
  rows(): Iterable<never> {
    throw new Error('LateralItem is not executable');
  }
  explain(): void {}
}

/** The value of a `DEFAULT` entry in INSERT … VALUES: the INSERT puts the column's default there. */
const valuesDefault: BExpr = { type: T.unknown, text: 'DEFAULT', ev: () => null };
export function isValuesDefault(e: CExpr): boolean {
  return e === valuesDefault;
}

/** Input slots by which a plan's rows are ordered (a primary-key scan and what keeps its order), or null. */
function rowOrder(node: PlanNode): number[] | null {
  if (node instanceof TableScanNode) {
    if (node.range !== null && node.range.index !== null) return null;
    const l = node.layout;
    if (l.keyAttnums.length === 0) return null;
    return l.keyAttnums.map((a) => l.position[a]!);
  }
  if (node instanceof FilterNode) return rowOrder(node.child);
  if ((node instanceof NestLoopNode || node instanceof HashJoinNode) && (node.type === 'inner' || node.type === 'left' || node.type === 'semi' || node.type === 'anti')) {
    return rowOrder(node.left);
  }
  return null;
}

function plainCol(c: OutputColumn): ColBinding {
  return { name: c.name, type: c.type, merged: false, system: false };
}

function renameColumns(cols: readonly OutputColumn[], names: readonly string[], alias: string, pos: number): OutputColumn[] {
  if (names.length > cols.length) {
    throw new SqlError('42P10', `table "${alias}" has ${cols.length} columns available but ${names.length} columns specified`, { offset: pos });
  }
  return cols.map((c, i) => ({ name: names[i] ?? c.name, type: c.type }));
}

function checkDuplicateAliases(scope: Scope): void {
  const seen = new Set<string>();
  for (const r of scope.rels) {
    if (r.alias === '' || r.alias === '*VALUES*') continue;
    if (seen.has(r.alias)) throw new SqlError('42712', `table name "${r.alias}" specified more than once`);
    seen.add(r.alias);
  }
}

function refersTo(b: ast.QueryBody, name: string): boolean {
  return JSON.stringify(b).includes(`"kind":"table","name":{"schema":null,"name":${JSON.stringify(name)}`);
}

/** The expression reads nothing of scope `s` itself (only enclosing scopes, constants, parameters). */
function onlyOuter(e: ast.Expr, s: Scope): boolean {
  if (hasSubquery(e)) return false;
  if (e.kind === 'column') {
    try {
      return s.resolve(e).depth > 0;
    } catch {
      return false;
    }
  }
  if (e.kind === 'func' && (isAggregate(e.name.name) || e.over !== null || e.name.name === 'random' || e.name.name === 'nextval')) return false;
  return exprChildren(e).every((c) => onlyOuter(c, s));
}

/** The expression reads scope `s` itself (at least one column at depth 0) and otherwise only enclosing scopes. */
function onlyIn(e: ast.Expr, s: Scope): boolean {
  let own = false;
  const visit = (x: ast.Expr): boolean => {
    if (hasSubquery(x)) return false;
    if (x.kind === 'column') {
      try {
        if (s.resolve(x).depth === 0) own = true;
        return true;
      } catch {
        return false;
      }
    }
    if (x.kind === 'func' && (isAggregate(x.name.name) || x.over !== null)) return false;
    return exprChildren(x).every(visit);
  };
  return visit(e) && own;
}


function rewrapUsing(err: unknown, name: string, side: 'left' | 'right', pos: number): unknown {
  if (err instanceof SqlError && err.code === '42703') {
    return new SqlError('42703', `column "${name}" specified in USING clause does not exist in ${side} table`, { offset: pos });
  }
  return err;
}
