/**
 * Window functions: the input is kept in memory, split into partitions, each sorted by the
 * window's ORDER BY; every call appends one value to each row. Frames follow PostgreSQL: ROWS,
 * RANGE (UNBOUNDED / CURRENT ROW bounds, and offsets on numeric keys) and GROUPS, with EXCLUDE.
 */
import { SqlError } from './errors.js';
import { explainChild, groupKey, sortComparator, type AggSpec, type CExpr, type PlanNode, type SortKey } from './plan.js';
import { PAUSE, type Frame, type Row, type Runtime } from './runtime.js';
import { castValue, compareValues, resolveOperator, type SqlType, type Value } from './types/index.js';

export interface WindowBound {
  readonly type: 'unbounded preceding' | 'preceding' | 'current row' | 'following' | 'unbounded following';
  readonly offset: CExpr | null;
}

export interface WindowCall {
  readonly name: string;
  readonly args: CExpr[];
  /** For an aggregate used as a window function. */
  readonly agg: AggSpec | null;
  readonly partition: readonly CExpr[];
  readonly order: ReadonlyArray<{ readonly expr: CExpr; readonly desc: boolean; readonly nullsFirst: boolean }>;
  readonly frame: { readonly mode: 'rows' | 'range' | 'groups'; readonly start: WindowBound; readonly end: WindowBound; readonly exclude: 'no others' | 'current row' | 'group' | 'ties' } | null;
  readonly type: SqlType;
}

interface Item {
  readonly row: Row;
  readonly index: number;
  readonly pkeys: Value[];
  readonly okeys: Value[];
}

export class WindowNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    private readonly child: PlanNode,
    private readonly calls: readonly WindowCall[],
  ) {}

  get width(): number {
    return this.child.width + this.calls.length;
  }

  *rows(outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    const input: Row[] = [];
    for (const r of this.child.rows(outer)) {
      if (r === PAUSE) {
        yield PAUSE;
        continue;
      }
      rt.tick();
      rt.hold();
      input.push(r);
    }
    const results = this.calls.map(() => new Array<Value>(input.length).fill(null));
    for (let c = 0; c < this.calls.length; c++) yield* this.compute(this.calls[c]!, input, results[c]!, outer);
    for (let i = 0; i < input.length; i++) {
      if (rt.pauseDue()) yield PAUSE;
      const out = input[i]!.slice();
      for (let c = 0; c < this.calls.length; c++) out.push(results[c]![i]!);
      yield out;
    }
  }

  /** Fills `out` with one call's values; yields nothing but PAUSE. */
  private *compute(call: WindowCall, input: readonly Row[], out: Value[], outer: Frame | null): Generator<Row, void, undefined> {
    if (call.agg !== null && call.agg.distinct) throw new SqlError('0A000', 'DISTINCT is not implemented for window functions');
    const rt = this.rt;
    const f = { row: [] as Row, outer };
    const parts = new Map<unknown, Item[]>();
    const ptypes = call.partition.map((p) => p.type);
    for (let index = 0; index < input.length; index++) {
      if (rt.pauseDue()) yield PAUSE;
      const row = input[index]!;
      f.row = row;
      const pkeys = call.partition.map((p) => p.ev(f));
      const okeys = call.order.map((o) => o.expr.ev(f));
      const k = call.partition.length === 0 ? 0 : groupKey(ptypes, pkeys, pkeys.length);
      let list = parts.get(k);
      if (list === undefined) parts.set(k, (list = []));
      list.push({ row, index, pkeys, okeys });
    }
    const keys: SortKey[] = call.order.map((o, i) => ({ col: i, type: o.expr.type, desc: o.desc, nullsFirst: o.nullsFirst, text: '' }));
    const cmp = sortComparator(keys);
    for (const part of parts.values()) {
      if (keys.length > 0) part.sort((a, b) => cmp(a.okeys, b.okeys) || a.index - b.index);
      yield* this.computePartition(call, part, out, cmp, outer);
    }
  }

  /** Fills `out` for one partition; yields nothing but PAUSE (frames make this quadratic: it must pause). */
  private *computePartition(call: WindowCall, part: Item[], out: Value[], cmp: (a: Row, b: Row) => number, outer: Frame | null): Generator<Row, void, undefined> {
    const rt = this.rt;
    const n = part.length;
    // Peer groups: rows equal under ORDER BY (all rows are peers without ORDER BY).
    const group = new Int32Array(n);
    for (let i = 1; i < n; i++) group[i] = group[i - 1]! + (call.order.length > 0 && cmp(part[i - 1]!.okeys, part[i]!.okeys) !== 0 ? 1 : 0);
    const groupStart: number[] = [];
    const groupEnd: number[] = [];
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (groupStart[g] === undefined) groupStart[g] = i;
      groupEnd[g] = i;
    }
    const f = { row: [] as Row, outer };
    const arg = (i: number, a: number): Value => {
      f.row = part[i]!.row;
      return call.args[a]!.ev(f);
    };
    const ctx = this.rt.ctx;
    switch (call.name) {
      case 'row_number':
        for (let i = 0; i < n; i++) out[part[i]!.index] = BigInt(i + 1);
        return;
      case 'rank':
        for (let i = 0; i < n; i++) out[part[i]!.index] = BigInt(groupStart[group[i]!]! + 1);
        return;
      case 'dense_rank':
        for (let i = 0; i < n; i++) out[part[i]!.index] = BigInt(group[i]! + 1);
        return;
      case 'percent_rank':
        for (let i = 0; i < n; i++) out[part[i]!.index] = n <= 1 ? 0 : groupStart[group[i]!]! / (n - 1);
        return;
      case 'cume_dist':
        for (let i = 0; i < n; i++) out[part[i]!.index] = (groupEnd[group[i]!]! + 1) / n;
        return;
      case 'ntile': {
        for (let i = 0; i < n; i++) {
          const b = arg(i, 0);
          if (b === null) {
            out[part[i]!.index] = null;
            continue;
          }
          const buckets = Number(b);
          if (buckets <= 0) throw new SqlError('22014', 'argument of ntile must be greater than zero');
          const small = Math.floor(n / buckets);
          const big = n % buckets;
          const cut = big * (small + 1);
          out[part[i]!.index] = BigInt(i < cut ? Math.floor(i / (small + 1)) + 1 : big + Math.floor((i - cut) / Math.max(small, 1)) + 1);
        }
        return;
      }
      case 'lag':
      case 'lead': {
        const dir = call.name === 'lag' ? -1 : 1;
        for (let i = 0; i < n; i++) {
          const off = call.args.length > 1 ? arg(i, 1) : 1;
          if (off === null) {
            out[part[i]!.index] = null;
            continue;
          }
          const j = i + dir * Number(off);
          out[part[i]!.index] = j >= 0 && j < n ? arg(j, 0) : call.args.length > 2 ? arg(i, 2) : null;
        }
        return;
      }
    }
    // Frame-based: first_value, last_value, nth_value and aggregates.
    for (let i = 0; i < n; i++) {
      if (rt.pauseDue()) yield PAUSE;
      const [lo, hi] = this.frameBounds(call, part, i, group, groupStart, groupEnd);
      const members: number[] = [];
      for (let j = lo; j <= hi; j++) {
        rt.tick();
        if (this.excluded(call, i, j, group)) continue;
        members.push(j);
      }
      let v: Value = null;
      if (call.name === 'first_value') v = members.length > 0 ? arg(members[0]!, 0) : null;
      else if (call.name === 'last_value') v = members.length > 0 ? arg(members[members.length - 1]!, 0) : null;
      else if (call.name === 'nth_value') {
        const k = arg(i, 1);
        if (k !== null && Number(k) <= 0) throw new SqlError('22016', 'argument of nth_value must be greater than zero');
        const m = k === null ? undefined : members[Number(k) - 1];
        v = m === undefined ? null : arg(m, 0);
      } else {
        const agg = call.agg!;
        let state = agg.impl.init();
        for (const j of members) {
          f.row = part[j]!.row;
          if (agg.filter !== null && agg.filter.ev(f) !== true) continue;
          const args = agg.args.map((a) => a.ev(f));
          if (agg.impl.strict && args.some((x) => x === null)) continue;
          state = agg.impl.step(state, args, ctx);
        }
        v = agg.impl.final(state, ctx);
      }
      out[part[i]!.index] = v;
    }
  }

  private excluded(call: WindowCall, i: number, j: number, group: Int32Array): boolean {
    const ex = call.frame?.exclude ?? 'no others';
    if (ex === 'no others') return false;
    if (ex === 'current row') return i === j;
    if (ex === 'group') return group[i] === group[j];
    return group[i] === group[j] && i !== j;
  }

  /** Inclusive [lo, hi] positions of row i's frame. */
  private frameBounds(call: WindowCall, part: Item[], i: number, group: Int32Array, gs: number[], ge: number[]): [number, number] {
    const n = part.length;
    const fr = call.frame;
    if (fr === null) return call.order.length === 0 ? [0, n - 1] : [0, ge[group[i]!]!];
    const f: Frame = { row: part[i]!.row, outer: null };
    const offset = (b: WindowBound): Value => {
      const v = b.offset === null ? null : b.offset.ev(f);
      if (v === null) throw new SqlError('22013', 'frame starting offset must not be null');
      if ((typeof v === 'number' || typeof v === 'bigint') && v < 0) throw new SqlError('22013', 'frame starting offset must not be negative');
      return v;
    };
    const bound = (b: WindowBound, isStart: boolean): number => {
      switch (b.type) {
        case 'unbounded preceding':
          return 0;
        case 'unbounded following':
          return n - 1;
        case 'current row':
          if (fr.mode === 'rows') return i;
          return isStart ? gs[group[i]!]! : ge[group[i]!]!;
        case 'preceding':
        case 'following': {
          const sign = b.type === 'preceding' ? -1 : 1;
          const off = offset(b);
          if (fr.mode === 'rows') return i + sign * Number(off);
          if (fr.mode === 'groups') {
            const g = group[i]! + sign * Number(off);
            if (g < 0) return isStart ? 0 : -1;
            if (g >= gs.length) return isStart ? n : n - 1;
            return isStart ? gs[g]! : ge[g]!;
          }
          return this.rangeOffset(call, part, i, b, sign, off, isStart);
        }
      }
    };
    const lo = Math.max(0, bound(fr.start, true));
    const hi = Math.min(n - 1, bound(fr.end, false));
    return [lo, hi];
  }

  /**
   * RANGE with an offset, as PostgreSQL computes it: the frame head is the first row that is in
   * range of the current row (key ± offset, compared in the type of that sum: a date key with an
   * interval offset compares as timestamps), the frame end the last one before the first row out
   * of range; NULL keys are placed by NULLS FIRST/LAST alone.
   */
  private rangeOffset(call: WindowCall, part: Item[], i: number, b: WindowBound, sign: number, off: Value, isStart: boolean): number {
    if (call.order.length !== 1) throw new SqlError('42P20', 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column');
    const o = call.order[0]!;
    const kt = o.expr.type;
    const asc = !o.desc;
    const nullsFirst = o.nullsFirst;
    // sub: subtract the offset from the current key; less: the bound is "value <= sum".
    let sub = sign < 0;
    let less = !isStart;
    if (!asc) {
      sub = !sub;
      less = !less;
    }
    const ot = b.offset!.type;
    const op = resolveOperator(sub ? '-' : '+', kt, ot);
    if (op === undefined) throw new SqlError('42883', `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${kt.base} and offset type ${ot.base}`);
    const rt = op.result;
    const ctx = this.rt.ctx;
    const conv = (v: Value, from: SqlType, to: SqlType): Value => (v === null || (from.base === to.base && from.array === to.array) ? v : castValue(v, from, to, 'implicit', ctx));
    // ±infinity dates and timestamps stay infinite whatever the offset.
    const temporal = kt.base === 'date' || kt.base === 'timestamp' || kt.base === 'timestamptz';
    const infinite = (v: Value): boolean => temporal && (v === Infinity || v === -Infinity || v === 9223372036854775807n || v === -9223372036854775808n);
    const curr = part[i]!.okeys[0]!;
    let sum: Value = null;
    // A sum past the type's range is farther than any value: "less" holds for an addition, not for a subtraction.
    let overflow: boolean | null = null;
    if (curr !== null) {
      try {
        sum = infinite(curr) ? conv(curr, kt, rt) : op.fn(conv(curr, kt, op.left!), conv(off, ot, op.right), ctx);
      } catch (err) {
        if (!(err instanceof SqlError) || err.code !== '22003' || temporal) throw err;
        overflow = sub ? !less : less;
      }
    }
    const inRange = (v: Value): boolean => {
      if (overflow !== null) return overflow;
      const c = compareValues(rt, conv(v, kt, rt), sum);
      return less ? c <= 0 : c >= 0;
    };
    const n = part.length;
    let j = 0;
    for (; j < n; j++) {
      const v = part[j]!.okeys[0]!;
      if (v === null || curr === null) {
        if (isStart) {
          if (nullsFirst ? v !== null || curr === null : v === null || curr !== null) break;
        } else if (nullsFirst ? v !== null : curr !== null) break;
        continue;
      }
      if (isStart ? inRange(v) : !inRange(v)) break;
    }
    // j is the frame head, or (for the end) the frame tail, one past the last row of the frame.
    return isStart ? j : j - 1;
  }

  explain(out: string[], indent: string): void {
    out.push(indent + 'WindowAgg');
    explainChild(out, indent, this.child);
  }
}
