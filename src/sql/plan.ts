/**
 * Physical plan nodes. A node yields rows (arrays of values) for a given outer frame; reads are
 * synchronous (the store's reads are), so nodes are generators. `explain()` prints the node the
 * way PostgreSQL's EXPLAIN (COSTS OFF) does.
 *
 * A node may also yield `PAUSE` (see runtime.ts): loops over rows ask `rt.pauseDue()` and yield
 * it, and every consumer passes it up untouched (`if (r === PAUSE) { yield PAUSE; continue; }`)
 * before looking at the row, so it is never counted, kept or output.
 */
import type { AggregateImpl, SetFunctionImpl } from './functions/index.js';
import { SqlError } from './errors.js';
import { PAUSE, type Frame, type Row, type Runtime } from './runtime.js';
import { compareValues, equalityKey, type SqlType, type Value } from './types/index.js';

/** A compiled expression: its static type and its evaluator. */
export interface CExpr {
  readonly type: SqlType;
  readonly ev: (f: Frame) => Value;
  /** Display text for EXPLAIN. */
  readonly text: string;
}

export interface PlanNode {
  /** Number of values in each row. */
  readonly width: number;
  rows(outer: Frame | null): Iterable<Row>;
  explain(out: string[], indent: string): void;
}

export function explainChild(out: string[], indent: string, child: PlanNode): void {
  const start = out.length;
  child.explain(out, indent + '      ');
  out[start] = indent + '  ->  ' + out[start]!.trimStart();
}

function detail(out: string[], indent: string, label: string, text: string): void {
  out.push(`${indent}  ${label}: ${text}`);
}

/** Truth of a predicate value: only true passes (NULL and false do not). */
function passes(v: Value): boolean {
  return v === true;
}

// ---- leaves ---------------------------------------------------------------------------------

/** One empty row: SELECT without FROM. */
export class ResultNode implements PlanNode {
  readonly width = 0;
  *rows(): Iterable<Row> {
    yield [];
  }
  explain(out: string[], indent: string): void {
    out.push(indent + 'Result');
  }
}

export class ValuesNode implements PlanNode {
  constructor(
    readonly exprs: readonly (readonly CExpr[])[],
    readonly width: number,
  ) {}
  *rows(outer: Frame | null): Iterable<Row> {
    const f: Frame = { row: [], outer };
    for (const r of this.exprs) yield r.map((e) => e.ev(f));
  }
  explain(out: string[], indent: string): void {
    out.push(`${indent}Values Scan on "*VALUES*"`);
  }
}

/** A set-returning function in FROM. */
export class FunctionScanNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly fn: SetFunctionImpl,
    private readonly args: readonly CExpr[],
    private readonly ordinality: boolean,
    private readonly name: string,
  ) {}
  get width(): number {
    return this.fn.columns.length + (this.ordinality ? 1 : 0);
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const f: Frame = { row: [], outer };
    const args = this.args.map((a) => a.ev(f));
    if (this.fn.strict && args.some((a) => a === null)) return;
    const rt = this.rt;
    let n = 0;
    for (const r of this.fn.fn(args, rt.ctx)) {
      if (rt.pauseDue()) yield PAUSE;
      const row = r.slice();
      if (this.ordinality) row.push(BigInt(++n));
      yield row;
    }
  }
  explain(out: string[], indent: string): void {
    out.push(`${indent}Function Scan on ${this.name}`);
  }
}

/**
 * Set-returning functions of a select list (PostgreSQL's ProjectSet): each input row comes out
 * once per value the functions yield, run in lock step, with the values of a function that has
 * stopped as NULL, until every one has stopped. The functions' values follow the input row.
 */
export class ProjectSetNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    readonly child: PlanNode,
    private readonly srfs: ReadonlyArray<{ readonly fn: SetFunctionImpl; readonly args: readonly CExpr[] }>,
  ) {}
  get width(): number {
    return this.child.width + this.srfs.length;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    const srfs = this.srfs;
    const n = srfs.length;
    const f = { row: [] as Row, outer };
    for (const row of this.child.rows(outer)) {
      if (row === PAUSE) {
        yield PAUSE;
        continue;
      }
      f.row = row;
      const its: Array<Iterator<readonly Value[]> | null> = srfs.map((s) => {
        const args = s.args.map((a) => a.ev(f));
        return s.fn.strict && args.some((a) => a === null) ? null : s.fn.fn(args, rt.ctx)[Symbol.iterator]();
      });
      for (;;) {
        let live = false;
        const out = row.slice();
        for (let i = 0; i < n; i++) {
          const it = its[i];
          const next = it === null || it === undefined ? null : it.next();
          if (next === null || next.done === true) {
            its[i] = null;
            out.push(null);
          } else {
            live = true;
            out.push(next.value[0] ?? null);
          }
        }
        if (!live) break;
        if (rt.pauseDue()) yield PAUSE;
        yield out;
      }
    }
  }
  explain(out: string[], indent: string): void {
    out.push(`${indent}ProjectSet`);
    explainChild(out, indent, this.child);
  }
}

// ---- row-at-a-time operators -------------------------------------------------------------------

export class FilterNode implements PlanNode {
  constructor(
    readonly child: PlanNode,
    private readonly pred: CExpr,
  ) {}
  get width(): number {
    return this.child.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const pred = this.pred.ev;
    const f = { row: [] as Row, outer };
    for (const row of this.child.rows(outer)) {
      if (row === PAUSE) {
        yield PAUSE;
        continue;
      }
      f.row = row;
      if (passes(pred(f))) yield row;
    }
  }
  explain(out: string[], indent: string): void {
    const start = out.length;
    this.child.explain(out, indent);
    // PostgreSQL shows a filter on the node it applies to, after that node's other details.
    let at = start + 1;
    while (at < out.length && out[at]!.startsWith(`${indent}  `) && !out[at]!.startsWith(`${indent}  ->`)) at++;
    out.splice(at, 0, `${indent}  Filter: ${this.pred.text}`);
  }
}

export class ProjectNode implements PlanNode {
  constructor(
    private readonly child: PlanNode,
    private readonly exprs: readonly CExpr[],
  ) {}
  get width(): number {
    return this.exprs.length;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const exprs = this.exprs;
    const n = exprs.length;
    const f = { row: [] as Row, outer };
    for (const row of this.child.rows(outer)) {
      if (row === PAUSE) {
        yield PAUSE;
        continue;
      }
      f.row = row;
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = exprs[i]!.ev(f);
      yield out;
    }
  }
  explain(out: string[], indent: string): void {
    this.child.explain(out, indent);
  }
}

/** Keeps the first `width` values of each row (drops sort-only columns). */
export class TrimNode implements PlanNode {
  constructor(
    private readonly child: PlanNode,
    readonly width: number,
  ) {}
  *rows(outer: Frame | null): Iterable<Row> {
    const w = this.width;
    for (const row of this.child.rows(outer)) yield row === PAUSE || row.length === w ? row : row.slice(0, w);
  }
  explain(out: string[], indent: string): void {
    this.child.explain(out, indent);
  }
}

// ---- joins ------------------------------------------------------------------------------------

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti';

function nulls(n: number): Row {
  return new Array<Value>(n).fill(null);
}

/**
 * Nested loop join. The right side runs once per execution and is kept in memory, unless it is
 * `correlated` (it reads the left row: LATERAL, or an index lookup keyed by the left row), in
 * which case it runs again for every left row with the joined frame as its outer frame.
 */
export class NestLoopNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    readonly left: PlanNode,
    private readonly right: PlanNode,
    readonly type: JoinType,
    private readonly cond: CExpr | null,
    private readonly correlated: boolean,
  ) {}
  get width(): number {
    return this.left.width + this.right.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const { type, cond, rt } = this;
    const lw = this.left.width;
    const rw = this.right.width;
    let cached: Row[] | null = null;
    if (!this.correlated) {
      cached = [];
      for (const r of this.right.rows(outer)) {
        if (r === PAUSE) {
          yield PAUSE;
          continue;
        }
        rt.hold();
        cached.push(r);
      }
    }
    const matched = cached !== null && (type === 'right' || type === 'full') ? new Uint8Array(cached.length) : null;
    const f = { row: [] as Row, outer };
    const lf = { row: [] as Row, outer };
    for (const l of this.left.rows(outer)) {
      if (l === PAUSE) {
        yield PAUSE;
        continue;
      }
      let any = false;
      lf.row = l;
      const rights = cached ?? this.right.rows(lf);
      let i = -1;
      for (const r of rights) {
        if (r === PAUSE) {
          yield PAUSE;
          continue;
        }
        i++;
        // The pairs of a cross product are rows produced by this loop alone: it pauses too.
        if (rt.pauseDue()) yield PAUSE;
        const joined = l.concat(r);
        if (cond !== null) {
          f.row = joined;
          if (!passes(cond.ev(f))) continue;
        }
        any = true;
        if (matched !== null) matched[i] = 1;
        if (type === 'semi') break;
        if (type === 'anti') break;
        yield joined;
      }
      if (type === 'semi' && any) yield l;
      else if (type === 'anti' && !any) yield l;
      else if (!any && (type === 'left' || type === 'full')) yield l.concat(nulls(rw));
    }
    if (matched !== null && cached !== null) {
      for (let i = 0; i < cached.length; i++) {
        if (rt.pauseDue()) yield PAUSE;
        if (matched[i] === 0) yield nulls(lw).concat(cached[i]!);
      }
    }
  }
  explain(out: string[], indent: string): void {
    const name = this.type === 'inner' ? 'Nested Loop' : `Nested Loop ${joinLabel(this.type)}`;
    out.push(indent + name);
    if (this.cond !== null) detail(out, indent, 'Join Filter', this.cond.text);
    explainChild(out, indent, this.left);
    explainChild(out, indent, this.right);
  }
}

function joinLabel(t: JoinType): string {
  switch (t) {
    case 'inner':
      return '';
    case 'left':
      return 'Left Join';
    case 'right':
      return 'Right Join';
    case 'full':
      return 'Full Join';
    case 'semi':
      return 'Semi Join';
    case 'anti':
      return 'Anti Join';
  }
}

/**
 * Hash join on equality keys: builds a table of the right side's rows by key, then probes it with
 * each left row. A NULL key never matches. `residual` filters matched pairs (outer-join ON
 * conditions that are not equalities).
 */
export class HashJoinNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    readonly left: PlanNode,
    private readonly right: PlanNode,
    readonly type: JoinType,
    private readonly leftKeys: readonly CExpr[],
    private readonly rightKeys: readonly CExpr[],
    private readonly residual: CExpr | null,
    private readonly condText: string,
  ) {}
  get width(): number {
    return this.left.width + this.right.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const { type, residual, rt } = this;
    const lw = this.left.width;
    const rw = this.right.width;
    const table = new Map<unknown, number[]>();
    const rights: Row[] = [];
    const rf = { row: [] as Row, outer };
    for (const r of this.right.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      rt.tick();
      rt.hold();
      const idx = rights.length;
      rights.push(r);
      rf.row = r;
      const k = hashKey(this.rightKeys, rf);
      if (k === null) continue;
      const list = table.get(k);
      if (list === undefined) table.set(k, [idx]);
      else list.push(idx);
    }
    const matched = type === 'right' || type === 'full' ? new Uint8Array(rights.length) : null;
    const lf = { row: [] as Row, outer };
    const f = { row: [] as Row, outer };
    for (const l of this.left.rows(outer)) {
      if (l === PAUSE) {
        yield PAUSE;
        continue;
      }
      rt.tick();
      lf.row = l;
      const k = hashKey(this.leftKeys, lf);
      const list = k === null ? undefined : table.get(k);
      let any = false;
      if (list !== undefined) {
        for (const i of list) {
          // One key may match many rows: this loop produces rows of its own.
          if (rt.pauseDue()) yield PAUSE;
          const joined = l.concat(rights[i]!);
          if (residual !== null) {
            f.row = joined;
            if (!passes(residual.ev(f))) continue;
          }
          any = true;
          if (matched !== null) matched[i] = 1;
          if (type === 'semi' || type === 'anti') break;
          yield joined;
        }
      }
      if (type === 'semi' && any) yield l;
      else if (type === 'anti' && !any) yield l;
      else if (!any && (type === 'left' || type === 'full')) yield l.concat(nulls(rw));
    }
    if (matched !== null) {
      for (let i = 0; i < rights.length; i++) {
        if (rt.pauseDue()) yield PAUSE;
        if (matched[i] === 0) yield nulls(lw).concat(rights[i]!);
      }
    }
  }
  explain(out: string[], indent: string): void {
    const label = joinLabel(this.type);
    out.push(indent + (label === '' ? 'Hash Join' : `Hash ${label}`));
    detail(out, indent, 'Hash Cond', this.condText);
    if (this.residual !== null) detail(out, indent, 'Join Filter', this.residual.text);
    explainChild(out, indent, this.left);
    const start = out.length;
    out.push(indent + '      Hash');
    explainChild(out, indent + '      ', this.right);
    out[start] = indent + '  ->  Hash';
  }
}

/** A composite hash key of the key expressions, or null when one is NULL. */
function hashKey(keys: readonly CExpr[], f: Frame): unknown {
  if (keys.length === 1) {
    const k = keys[0]!;
    const v = k.ev(f);
    return v === null ? null : equalityKey(k.type, v);
  }
  let s = '';
  for (const k of keys) {
    const v = k.ev(f);
    if (v === null) return null;
    const e = equalityKey(k.type, v);
    s += typeof e === 'string' ? `s${e.length}:${e}` : typeof e === 'bigint' ? `b${e}` : `${typeof e}${String(e)}`;
    s += '\u0000';
  }
  return s;
}

/** A key for grouping and DISTINCT: NULLs group together. */
export function groupKey(types: readonly SqlType[], row: Row, count: number): unknown {
  if (count === 1) {
    const v = row[0]!;
    return v === null ? groupNull : equalityKey(types[0]!, v);
  }
  let s = '';
  for (let i = 0; i < count; i++) {
    const v = row[i]!;
    if (v === null) s += 'N';
    else {
      const e = equalityKey(types[i]!, v);
      s += typeof e === 'string' ? `s${e.length}:${e}` : typeof e === 'bigint' ? `b${e}` : `${typeof e}${String(e)}`;
    }
    s += '\u0000';
  }
  return s;
}
const groupNull = Symbol('null');

// ---- aggregation ------------------------------------------------------------------------------

export interface AggSpec {
  readonly impl: AggregateImpl;
  readonly args: readonly CExpr[];
  readonly distinct: boolean;
  readonly filter: CExpr | null;
  readonly orderBy: readonly SortKeyExpr[];
  readonly text: string;
}

export interface SortKeyExpr {
  readonly expr: CExpr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

interface AggState {
  state: unknown;
  seen: Set<unknown> | null;
  /** With ORDER BY inside the call: the collected [args, keys] rows, stepped at the end. */
  buffered: Array<{ args: Value[]; keys: Value[] }> | null;
}

/**
 * Hash aggregation: one output row per group, [group values…, aggregate results…]. With no
 * GROUP BY, exactly one row, even over no input.
 */
export class AggregateNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly child: PlanNode,
    private readonly groups: readonly CExpr[],
    private readonly aggs: readonly AggSpec[],
  ) {}
  get width(): number {
    return this.groups.length + this.aggs.length;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const { groups, aggs, rt } = this;
    const ng = groups.length;
    const types = groups.map((g) => g.type);
    const table = new Map<unknown, { keys: Row; states: AggState[] }>();
    const order: Array<{ keys: Row; states: AggState[] }> = [];
    const f = { row: [] as Row, outer };
    for (const row of this.child.rows(outer)) {
      if (row === PAUSE) {
        yield PAUSE;
        continue;
      }
      rt.tick();
      f.row = row;
      const keys = new Array<Value>(ng);
      for (let i = 0; i < ng; i++) keys[i] = groups[i]!.ev(f);
      const gk = ng === 0 ? 0 : groupKey(types, keys, ng);
      let g = table.get(gk);
      if (g === undefined) {
        rt.hold();
        g = { keys, states: aggs.map((a) => this.newState(a)) };
        table.set(gk, g);
        order.push(g);
      }
      for (let i = 0; i < aggs.length; i++) this.step(aggs[i]!, g.states[i]!, f);
    }
    if (ng === 0 && order.length === 0) order.push({ keys: [], states: aggs.map((a) => this.newState(a)) });
    for (const g of order) {
      if (rt.pauseDue()) yield PAUSE;
      const out = g.keys.slice();
      for (let i = 0; i < aggs.length; i++) out.push(this.finish(aggs[i]!, g.states[i]!));
      yield out;
    }
  }

  private newState(a: AggSpec): AggState {
    return { state: a.impl.init(), seen: a.distinct ? new Set() : null, buffered: a.orderBy.length > 0 ? [] : null };
  }

  private step(a: AggSpec, s: AggState, f: Frame): void {
    if (a.filter !== null && !passes(a.filter.ev(f))) return;
    const args = a.args.map((e) => e.ev(f));
    if (a.impl.strict && args.some((v) => v === null)) return;
    if (s.seen !== null) {
      const k = groupKey(
        a.args.map((e) => e.type),
        args,
        args.length,
      );
      if (s.seen.has(k)) return;
      s.seen.add(k);
    }
    if (s.buffered !== null) {
      s.buffered.push({ args, keys: a.orderBy.map((k) => k.expr.ev(f)) });
      return;
    }
    s.state = a.impl.step(s.state, args, this.rt.ctx);
  }

  private finish(a: AggSpec, s: AggState): Value {
    if (s.buffered !== null) {
      const keys = a.orderBy;
      s.buffered.sort((x, y) => compareRows(x.keys, y.keys, keys));
      for (const b of s.buffered) s.state = a.impl.step(s.state, b.args, this.rt.ctx);
    }
    return a.impl.final(s.state, this.rt.ctx);
  }

  explain(out: string[], indent: string): void {
    out.push(indent + (this.groups.length === 0 ? 'Aggregate' : 'HashAggregate'));
    if (this.groups.length > 0) detail(out, indent, 'Group Key', this.groups.map((g) => g.text).join(', '));
    explainChild(out, indent, this.child);
  }
}

function compareRows(a: readonly Value[], b: readonly Value[], keys: readonly SortKeyExpr[]): number {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? (k.nullsFirst ? -1 : 1) : k.nullsFirst ? 1 : -1;
    }
    const c = compareValues(k.expr.type, x, y);
    if (c !== 0) return k.desc ? -c : c;
  }
  return 0;
}

// ---- sorting, distinct, limits ------------------------------------------------------------------

export interface SortKey {
  readonly col: number;
  readonly type: SqlType;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
  readonly text: string;
}

export function sortComparator(keys: readonly SortKey[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.col]!;
      const y = b[k.col]!;
      let c: number;
      if (x === null || y === null) {
        if (x === y) continue;
        c = x === null ? (k.nullsFirst ? -1 : 1) : k.nullsFirst ? 1 : -1;
        return c;
      }
      c = compareValues(k.type, x, y);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}

export class SortNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly child: PlanNode,
    readonly keys: readonly SortKey[],
  ) {}
  get width(): number {
    return this.child.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    const all: Row[] = [];
    for (const r of this.child.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      rt.tick();
      rt.hold();
      all.push(r);
    }
    all.sort(sortComparator(this.keys));
    for (const r of all) {
      if (rt.pauseDue()) yield PAUSE;
      yield r;
    }
  }
  explain(out: string[], indent: string): void {
    out.push(indent + 'Sort');
    detail(out, indent, 'Sort Key', this.keys.map((k) => k.text + (k.desc ? ' DESC' : '') + (k.nullsFirst !== k.desc ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : '')).join(', '));
    explainChild(out, indent, this.child);
  }
}

/** DISTINCT over the first `count` columns; `consecutive`: rows arrive sorted (DISTINCT ON keeps the first of each run). */
export class DistinctNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly child: PlanNode,
    private readonly types: readonly SqlType[],
    private readonly cols: readonly number[],
    private readonly consecutive: boolean,
  ) {}
  get width(): number {
    return this.child.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const cols = this.cols;
    const key = new Array<Value>(cols.length);
    if (this.consecutive) {
      let last: unknown = undefined;
      let first = true;
      for (const r of this.child.rows(outer)) {
        if (r === PAUSE) {
          yield PAUSE;
          continue;
        }
        for (let i = 0; i < cols.length; i++) key[i] = r[cols[i]!]!;
        const k = groupKey(this.types, key, cols.length);
        if (first || k !== last) {
          first = false;
          last = k;
          yield r;
        }
      }
      return;
    }
    const seen = new Set<unknown>();
    for (const r of this.child.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      for (let i = 0; i < cols.length; i++) key[i] = r[cols[i]!]!;
      const k = groupKey(this.types, key, cols.length);
      if (seen.has(k)) continue;
      this.rt.hold();
      seen.add(k);
      yield r;
    }
  }
  explain(out: string[], indent: string): void {
    out.push(indent + (this.consecutive ? 'Unique' : 'HashAggregate'));
    explainChild(out, indent, this.child);
  }
}

export class LimitNode implements PlanNode {
  constructor(
    private readonly child: PlanNode,
    private readonly limit: CExpr | null,
    private readonly offset: CExpr | null,
    /** WITH TIES: rows equal to the last one under these keys are kept too. */
    private readonly ties: readonly SortKey[] | null,
  ) {}
  get width(): number {
    return this.child.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const f: Frame = { row: [], outer };
    const count = (e: CExpr | null, what: string): number => {
      if (e === null) return -1;
      const v = e.ev(f);
      if (v === null) return -1;
      const n = typeof v === 'bigint' ? Number(v) : Number(v);
      if (n < 0) throw new SqlError('2201W', `${what} must not be negative`);
      return n;
    };
    const limit = count(this.limit, 'LIMIT');
    const offset = Math.max(0, count(this.offset, 'OFFSET'));
    if (limit === 0 && this.ties === null) return;
    let i = 0;
    let n = 0;
    let last: Row | null = null;
    const cmp = this.ties === null ? null : sortComparator(this.ties);
    for (const r of this.child.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      if (i++ < offset) continue;
      if (limit >= 0 && n >= limit) {
        if (cmp === null || last === null || cmp(last, r) !== 0) return;
      }
      n++;
      last = r;
      yield r;
    }
  }
  explain(out: string[], indent: string): void {
    out.push(indent + 'Limit');
    explainChild(out, indent, this.child);
  }
}

// ---- set operations -----------------------------------------------------------------------------

export class SetOpNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly op: 'union' | 'intersect' | 'except',
    private readonly all: boolean,
    private readonly left: PlanNode,
    private readonly right: PlanNode,
    private readonly types: readonly SqlType[],
  ) {}
  get width(): number {
    return this.types.length;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const n = this.types.length;
    const key = (r: Row): unknown => groupKey(this.types, r, n);
    if (this.op === 'union') {
      if (this.all) {
        yield* this.left.rows(outer);
        yield* this.right.rows(outer);
        return;
      }
      const seen = new Set<unknown>();
      for (const side of [this.left, this.right]) {
        for (const r of side.rows(outer)) {
          if (r === PAUSE) {
            yield PAUSE;
            continue;
          }
          this.rt.tick();
          const k = key(r);
          if (seen.has(k)) continue;
          this.rt.hold();
          seen.add(k);
          yield r;
        }
      }
      return;
    }
    const counts = new Map<unknown, number>();
    for (const r of this.right.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      this.rt.tick();
      this.rt.hold();
      const k = key(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const emitted = new Set<unknown>();
    for (const r of this.left.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      this.rt.tick();
      const k = key(r);
      const c = counts.get(k) ?? 0;
      if (this.op === 'intersect') {
        if (c === 0) continue;
        if (this.all) counts.set(k, c - 1);
        else {
          if (emitted.has(k)) continue;
          emitted.add(k);
        }
        yield r;
      } else {
        if (this.all) {
          if (c > 0) {
            counts.set(k, c - 1);
            continue;
          }
          yield r;
        } else {
          if (c > 0 || emitted.has(k)) continue;
          emitted.add(k);
          yield r;
        }
      }
    }
  }
  explain(out: string[], indent: string): void {
    const name = this.op === 'union' ? (this.all ? 'Append' : 'HashAggregate') : `HashSetOp ${this.op === 'intersect' ? 'Intersect' : 'Except'}${this.all ? ' All' : ''}`;
    out.push(indent + name);
    explainChild(out, indent, this.left);
    explainChild(out, indent, this.right);
  }
}

// ---- common table expressions --------------------------------------------------------------------

/**
 * A WITH query: evaluated once per execution and kept (PostgreSQL's default for multiply-referenced
 * CTEs). The rows are kept only once all are read: a read stopped early (an error) leaves nothing
 * half-filled behind.
 */
export class CteState {
  private rowsCache: Row[] | null = null;
  private execId = -1;
  constructor(
    private readonly rt: Runtime,
    readonly name: string,
    public node: PlanNode | null,
    readonly width: number,
  ) {}
  *rows(outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    let rows = this.rowsCache;
    if (rows === null || this.execId !== rt.execId) {
      const out = yield* collectRows(rt, this.node!.rows(outer));
      this.rowsCache = rows = out;
      this.execId = rt.execId;
    }
    yield* replay(rt, rows);
  }
}

/** Every row of `source`, held in memory (counted by rt.hold), passing PAUSE up while it reads. */
function* collectRows(rt: Runtime, source: Iterable<Row>): Generator<Row, Row[]> {
  const out: Row[] = [];
  for (const r of source) {
    if (r === PAUSE) {
      yield PAUSE;
      continue;
    }
    rt.hold();
    out.push(r);
  }
  return out;
}

/** Kept rows, read again (pausing as a scan does). */
function* replay(rt: Runtime, rows: readonly Row[]): Iterable<Row> {
  for (let i = 0; i < rows.length; i++) {
    if (rt.pauseDue()) yield PAUSE;
    yield rows[i]!;
  }
}

export class CteScanNode implements PlanNode {
  constructor(private readonly cte: CteState) {}
  get width(): number {
    return this.cte.width;
  }
  rows(outer: Frame | null): Iterable<Row> {
    return this.cte.rows(outer);
  }
  explain(out: string[], indent: string): void {
    out.push(`${indent}CTE Scan on ${this.cte.name}`);
  }
}

/** The rows of the previous iteration of a recursive CTE, as its recursive term sees them. */
export class WorkTable {
  rows: Row[] = [];
}

export class WorkTableScanNode implements PlanNode {
  constructor(
    private readonly work: WorkTable,
    readonly width: number,
    private readonly name: string,
  ) {}
  rows(): Iterable<Row> {
    return this.work.rows;
  }
  explain(out: string[], indent: string): void {
    out.push(`${indent}WorkTable Scan on ${this.name}`);
  }
}

/** WITH RECURSIVE: the non-recursive term, then the recursive term over the last rows until none are new. */
export class RecursiveUnionNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly base: PlanNode,
    private readonly step: PlanNode,
    private readonly work: WorkTable,
    private readonly all: boolean,
    private readonly types: readonly SqlType[],
  ) {}
  get width(): number {
    return this.types.length;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const n = this.types.length;
    const seen = this.all ? null : new Set<unknown>();
    let current: Row[] = [];
    for (const r of this.base.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      if (seen !== null) {
        const k = groupKey(this.types, r, n);
        if (seen.has(k)) continue;
        seen.add(k);
      }
      current.push(r);
      yield r;
    }
    while (current.length > 0) {
      this.work.rows = current;
      const next: Row[] = [];
      for (const r of this.step.rows(outer)) {
        if (r === PAUSE) {
          yield PAUSE;
          continue;
        }
        // Each row of an iteration may be the only one (a counter): this loop pauses too.
        if (this.rt.pauseDue()) yield PAUSE;
        if (seen !== null) {
          const k = groupKey(this.types, r, n);
          if (seen.has(k)) continue;
          seen.add(k);
        }
        this.rt.hold();
        next.push(r);
        yield r;
      }
      current = next;
    }
  }
  explain(out: string[], indent: string): void {
    out.push(indent + 'Recursive Union');
    explainChild(out, indent, this.base);
    explainChild(out, indent, this.step);
  }
}

/** Runs a plan once per execution and replays its rows (for uncorrelated subqueries in FROM). */
export class MaterializeNode implements PlanNode {
  private cache: Row[] | null = null;
  private execId = -1;
  constructor(
    private readonly rt: Runtime,
    private readonly child: PlanNode,
  ) {}
  get width(): number {
    return this.child.width;
  }
  *rows(outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    let rows = this.cache;
    if (rows === null || this.execId !== rt.execId) {
      const out = yield* collectRows(rt, this.child.rows(outer));
      // Kept only once complete (as CteState).
      this.cache = rows = out;
      this.execId = rt.execId;
    }
    yield* replay(rt, rows);
  }
  explain(out: string[], indent: string): void {
    this.child.explain(out, indent);
  }
}
