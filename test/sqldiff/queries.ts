// Seeded random SELECT generator over a generated schema (schema.ts). Expressions that can raise
// an error (division by zero, overflow) appear only where every engine must evaluate them on the
// same rows: select lists of queries without LIMIT, outside AND/OR. Elsewhere arithmetic is made
// safe (numeric casts, NULLIF on divisors) so that evaluation order cannot change the outcome.
// Each query records how much of its result is determined: the exact order, the order of some
// key columns only, or the multiset (or, under LIMIT without an order, just the row count).

import { quoteText, Rng } from './schema.js';
import type { Category, Column, Schema, Table } from './schema.js';

export interface GeneratedQuery {
  readonly sql: string;
  /** Number of output columns. */
  readonly columns: number;
  /** The row order is fully determined (ORDER BY over every output column). */
  readonly ordered: boolean;
  /** 0-based output columns whose sequence of values is determined (the ORDER BY keys); all when ordered. */
  readonly orderColumns: readonly number[];
  /** The multiset of rows is determined (false under LIMIT/OFFSET without a total order: count only). */
  readonly complete: boolean;
  /** Generator kind (kinds.ts); absent for the original SELECT kind. */
  readonly kind?: string;
  /**
   * For DML: run inside BEGIN … ROLLBACK, and after the statement (when it succeeded on both)
   * compare this query's rows too (the scratch table's contents, fully ordered).
   */
  readonly check?: string;
}

interface ColRef { readonly sql: string; readonly category: Category }
interface Scope { readonly cols: readonly ColRef[]; readonly parent: Scope | undefined }
interface Expr { readonly sql: string; readonly category: Category }

const NUMERIC: readonly Category[] = ['int', 'num', 'float'];
const ORDERED: readonly Category[] = ['int', 'num', 'float', 'text', 'date', 'ts'];
const ALL: readonly Category[] = ['int', 'num', 'float', 'text', 'bool', 'date', 'ts'];
const SQL_TYPE: Record<Category, string> = {
  int: 'integer', num: 'numeric', float: 'double precision', text: 'text', bool: 'boolean', date: 'date',
  ts: 'timestamp',
};

export class Gen {
  private alias = 0;
  subDepth = 0;
  constructor(readonly rng: Rng, readonly schema: Schema) {}

  newAlias(): string {
    return `a${++this.alias}`;
  }

  scopeOf(table: Table, alias: string, parent: Scope | undefined): Scope {
    return { cols: table.columns.map((c) => ({ sql: `${alias}.${c.name}`, category: c.category })), parent };
  }

  columnOf(scope: Scope, cat: Category): ColRef | undefined {
    const own = scope.cols.filter((c) => c.category === cat);
    if (scope.parent !== undefined && (own.length === 0 || this.rng.chance(0.15))) {
      const outer = this.columnOf(scope.parent, cat);
      if (outer !== undefined) return outer;
    }
    return own.length === 0 ? undefined : this.rng.pick(own);
  }

  /** A literal; `big` allows 1e300 (float overflow/underflow) where errors are allowed. */
  literal(cat: Category, big = false): string {
    const r = this.rng;
    if (r.chance(0.05)) return `CAST(NULL AS ${SQL_TYPE[cat]})`;
    switch (cat) {
      case 'int': return r.pick(['0', '1', '2', '3', '5', '-1', '10', '100', '2147483647', '-2147483648']);
      case 'num': return r.pick(['0.5', '2.5', '-1.25', '100.00', '3.14159', '0.001', '99999.99']);
      case 'float': return r.pick(['0.5::float8', '2.25::float8', '-1::float8', '0::float8', ...(big ? ['1e300::float8'] : [])]);
      case 'text': return quoteText(r.pick(['a', 'abc', 'b', '', 'zeta', 'Abc', 'x', 'hello world']));
      case 'bool': return r.pick(['true', 'false']);
      case 'date': return `DATE '${r.pick(['2024-01-01', '2023-12-31', '2000-02-29', '2024-06-15'])}'`;
      case 'ts': return `TIMESTAMP '${r.pick(['2024-01-01 12:30:00', '2024-01-01 00:00:00', '1999-12-31 23:59:59'])}'`;
    }
  }

  /** An expression of the category that mentions a column (never constant-folded into an error). */
  columnish(scope: Scope, cat: Category, depth: number, allowError: boolean): Expr {
    const col = this.columnOf(scope, cat);
    if (col === undefined || (depth > 0 && this.rng.chance(0.3))) {
      if (col === undefined && depth <= 0) return { sql: this.literal(cat), category: cat };
      return this.expr(scope, cat, depth, allowError);
    }
    return { sql: col.sql, category: cat };
  }

  expr(scope: Scope, cat: Category, depth: number, allowError: boolean): Expr {
    const r = this.rng;
    if (cat === 'bool') return this.cond(scope, depth, allowError);
    if (depth <= 0 || r.chance(0.35)) {
      const col = this.columnOf(scope, cat);
      if (col !== undefined && r.chance(0.8)) return { sql: col.sql, category: cat };
      return { sql: this.literal(cat, allowError), category: cat };
    }
    const choice = r.int(10);
    if (choice < 4 && NUMERIC.includes(cat)) return this.arith(scope, cat, depth, allowError);
    if (choice < 4 && cat === 'text') {
      const a = this.columnish(scope, 'text', depth - 1, allowError);
      return r.chance(0.5)
        ? { sql: `(${a.sql} || ${this.expr(scope, 'text', depth - 1, allowError).sql})`, category: 'text' }
        : { sql: `${r.pick(['lower', 'upper'])}(${a.sql})`, category: 'text' };
    }
    if (choice < 4 && cat === 'date') {
      return { sql: `(${this.columnish(scope, 'date', 0, allowError).sql} + ${r.int(40) - 20})`, category: 'date' };
    }
    if (choice < 6) {
      const whens = 1 + r.int(2);
      let sql = 'CASE';
      for (let i = 0; i < whens; i++) {
        sql += ` WHEN ${this.cond(scope, depth - 1, false).sql} THEN ${this.expr(scope, cat, depth - 1, allowError).sql}`;
      }
      if (r.chance(0.6)) sql += ` ELSE ${this.expr(scope, cat, depth - 1, allowError).sql}`;
      return { sql: `${sql} END`, category: cat };
    }
    if (choice < 7) {
      return { sql: `COALESCE(${this.columnish(scope, cat, depth - 1, allowError).sql}, ${this.expr(scope, cat, depth - 1, allowError).sql})`, category: cat };
    }
    if (choice < 8) {
      return { sql: `NULLIF(${this.columnish(scope, cat, depth - 1, allowError).sql}, ${this.literal(cat)})`, category: cat };
    }
    if (choice < 9 && this.subDepth === 0) return this.scalarSubquery(scope, cat);
    return this.columnish(scope, cat, depth - 1, allowError);
  }

  arith(scope: Scope, cat: Category, depth: number, allowError: boolean): Expr {
    const r = this.rng;
    const left = this.columnish(scope, cat, depth - 1, allowError);
    const rightCat = cat === 'float' ? r.pick(NUMERIC) : cat === 'num' ? r.pick(['int', 'num'] as const) : 'int';
    const right = this.expr(scope, rightCat, depth - 1, allowError);
    const resultCat: Category = cat === 'float' || rightCat === 'float' ? 'float' : cat === 'num' || rightCat === 'num' ? 'num' : 'int';
    const ops = resultCat === 'float' ? ['+', '-', '*', '/'] : ['+', '-', '*', '/', '%'];
    const op = r.pick(ops);
    if (allowError) return { sql: `(${left.sql} ${op} ${right.sql})`, category: resultCat };
    // Safe forms: exact numeric (no overflow) and NULLIF on divisors; floats stay small (+, -, /).
    if (resultCat === 'float') {
      const fop = r.pick(['+', '-', '/']);
      return { sql: fop === '/' ? `(${left.sql} / NULLIF(${right.sql}, 0))` : `(${left.sql} ${fop} ${right.sql})`, category: 'float' };
    }
    const l = `${left.sql}::numeric`;
    const rr = `${right.sql}::numeric`;
    return {
      sql: op === '/' || op === '%' ? `(${l} ${op} NULLIF(${rr}, 0))` : `(${l} ${op} ${rr})`,
      category: 'num',
    };
  }

  pickTableWith(cat: Category): { table: Table; column: Column } | undefined {
    const options = this.schema.tables.flatMap((t) => t.columns.filter((c) => c.category === cat).map((c) => ({ table: t, column: c })));
    return options.length === 0 ? undefined : this.rng.pick(options);
  }

  scalarSubquery(scope: Scope, cat: Category): Expr {
    const found = this.pickTableWith(cat);
    if (found === undefined || !ORDERED.includes(cat)) return { sql: this.literal(cat), category: cat };
    const alias = this.newAlias();
    const inner = this.scopeOf(found.table, alias, scope);
    this.subDepth++;
    const where = this.rng.chance(0.7) ? ` WHERE ${this.cond(inner, 1, false).sql}` : '';
    this.subDepth--;
    const agg = this.rng.pick(['max', 'min']);
    return { sql: `(SELECT ${agg}(${alias}.${found.column.name}) FROM ${found.table.name} ${alias}${where})`, category: cat };
  }

  cond(scope: Scope, depth: number, allowError: boolean): Expr {
    const r = this.rng;
    const kind = depth <= 0 ? r.int(6) : r.int(12);
    const cat = r.pick(ORDERED);
    const sub = depth - 1;
    let sql: string;
    switch (kind) {
      case 0: case 1: {
        const lcat = cat;
        const rcat = NUMERIC.includes(lcat) ? r.pick(NUMERIC) : lcat;
        const op = r.pick(['=', '<>', '<', '<=', '>', '>=']);
        sql = `${this.columnish(scope, lcat, sub, allowError).sql} ${op} ${r.chance(0.5) ? this.literal(rcat) : this.expr(scope, rcat, sub, allowError).sql}`;
        break;
      }
      case 2:
        sql = `${this.columnish(scope, r.pick(ALL), sub, allowError).sql} IS ${r.chance(0.5) ? 'NOT ' : ''}NULL`;
        break;
      case 3: {
        const a = this.literal(cat);
        const b = this.literal(cat);
        sql = `${this.columnish(scope, cat, sub, allowError).sql} ${r.chance(0.3) ? 'NOT ' : ''}BETWEEN ${a} AND ${b}`;
        break;
      }
      case 4: {
        const n = 1 + r.int(4);
        const items = Array.from({ length: n }, () => (r.chance(0.1) ? 'NULL' : this.literal(cat)));
        sql = `${this.columnish(scope, cat, sub, allowError).sql} ${r.chance(0.3) ? 'NOT ' : ''}IN (${items.join(', ')})`;
        break;
      }
      case 5: {
        const col = this.columnOf(scope, 'text');
        const bcol = this.columnOf(scope, 'bool');
        if (col === undefined) {
          sql = bcol !== undefined ? bcol.sql : 'true';
          break;
        }
        const pattern = r.pick(['a%', '%c', '_b%', 'abc', '%', 'a\\%c', '%o%', '', 'A%', '__']);
        sql = `${col.sql} ${r.chance(0.3) ? 'NOT ' : ''}LIKE ${quoteText(pattern)}`;
        break;
      }
      case 6: case 7:
        sql = `${this.cond(scope, sub, false).sql} ${r.pick(['AND', 'OR'])} ${this.cond(scope, sub, false).sql}`;
        break;
      case 8:
        sql = `NOT ${this.cond(scope, sub, false).sql}`;
        break;
      case 9: {
        const bcol = this.columnOf(scope, 'bool');
        sql = bcol !== undefined ? bcol.sql : `${this.columnish(scope, 'int', 0, false).sql} > 0`;
        break;
      }
      default: {
        if (this.subDepth > 0) {
          sql = `${this.columnish(scope, cat, 0, false).sql} IS NOT NULL`;
          break;
        }
        const table = r.pick(this.schema.tables);
        const alias = this.newAlias();
        const inner = this.scopeOf(table, alias, scope);
        this.subDepth++;
        if (kind === 10) {
          const found = this.pickTableWith(cat);
          const ftable = found?.table ?? table;
          const fcol = found?.column.name ?? 'k';
          const fcat = found?.column.category ?? 'int';
          const fscope = this.scopeOf(ftable, alias, scope);
          const where = r.chance(0.6) ? ` WHERE ${this.cond(fscope, 0, false).sql}` : '';
          sql = `${this.columnish(scope, fcat, 0, false).sql} ${r.chance(0.3) ? 'NOT ' : ''}IN (SELECT ${alias}.${fcol} FROM ${ftable.name} ${alias}${where})`;
        } else {
          const outerK = this.columnOf(scope, 'int')?.sql ?? '1';
          sql = `${r.chance(0.3) ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table.name} ${alias} WHERE ${alias}.k = ${outerK}${r.chance(0.5) ? ` AND ${this.cond(inner, 0, false).sql}` : ''})`;
        }
        this.subDepth--;
      }
    }
    return { sql: `(${sql})`, category: 'bool' };
  }

  /** FROM clause over one table or a join of two. */
  from(): { sql: string; scope: Scope } {
    const r = this.rng;
    const t1 = r.pick(this.schema.tables);
    const a1 = this.newAlias();
    const s1 = this.scopeOf(t1, a1, undefined);
    if (r.chance(0.6)) return { sql: `${t1.name} ${a1}`, scope: s1 };
    const t2 = r.pick(this.schema.tables);
    const a2 = this.newAlias();
    const s2 = this.scopeOf(t2, a2, undefined);
    const scope: Scope = { cols: [...s1.cols, ...s2.cols], parent: undefined };
    const key = r.pick(['k', 'id']);
    const key2 = r.pick(['k', 'id']);
    let on = `${a1}.${key} = ${a2}.${key2}`;
    if (r.chance(0.3)) on += ` AND ${this.cond(scope, 0, false).sql}`;
    return { sql: `${t1.name} ${a1} ${r.pick(['JOIN', 'LEFT JOIN', 'INNER JOIN'])} ${t2.name} ${a2} ON ${on}`, scope };
  }

  /** A plain SELECT (no ORDER BY / LIMIT) with the given output categories. */
  simpleSelect(cats: readonly Category[], allowError: boolean, distinct: boolean): string {
    const f = this.from();
    const items = cats.map((c) => this.expr(f.scope, c, 2, allowError && this.rng.chance(0.5)).sql);
    const where = this.rng.chance(0.6) ? ` WHERE ${this.cond(f.scope, 2, false).sql}` : '';
    return `SELECT ${distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${f.sql}${where}`;
  }

  aggregateSelect(): { sql: string; columns: number } {
    const r = this.rng;
    const f = this.from();
    const groupCount = r.int(3);
    const groups: string[] = [];
    for (let i = 0; i < groupCount; i++) {
      const c = this.columnOf(f.scope, r.pick(ALL));
      if (c !== undefined && !groups.includes(c.sql)) groups.push(c.sql);
    }
    const aggs: string[] = [];
    const aggCount = 1 + r.int(3);
    for (let i = 0; i < aggCount; i++) aggs.push(this.aggregate(f.scope));
    const where = r.chance(0.5) ? ` WHERE ${this.cond(f.scope, 1, false).sql}` : '';
    const groupBy = groups.length > 0 ? ` GROUP BY ${groups.join(', ')}` : '';
    const having = r.chance(0.4)
      ? ` HAVING ${this.aggregate(f.scope)} ${r.pick(['>', '<', '>=', '=', '<>'])} ${r.pick(['0', '1', '2', '5', '100'])}`
      : '';
    return { sql: `SELECT ${[...groups, ...aggs].join(', ')} FROM ${f.sql}${where}${groupBy}${having}`, columns: groups.length + aggs.length };
  }

  aggregate(scope: Scope): string {
    const r = this.rng;
    const kind = r.int(7);
    if (kind === 0) return 'count(*)';
    if (kind === 1) return `count(${this.columnOf(scope, r.pick(ALL))?.sql ?? '*'})`;
    if (kind === 2) {
      const c = this.columnOf(scope, r.pick(ALL));
      return c === undefined ? 'count(*)' : `count(DISTINCT ${c.sql})`;
    }
    if (kind === 3) return `sum(CASE WHEN ${this.cond(scope, 0, false).sql} THEN 1 ELSE 0 END)`;
    const c = this.columnOf(scope, r.pick(NUMERIC));
    if (c === undefined) return 'count(*)';
    return `${r.pick(['sum', 'avg', 'min', 'max'])}(${c.sql})`;
  }

  orderBy(columns: number): { sql: string; ordered: boolean; orderColumns: number[] } {
    const r = this.rng;
    const mode = r.int(20);
    if (mode < 6) return { sql: '', ordered: false, orderColumns: [] };
    const all = mode < 15 || columns === 1;
    const perm = r.shuffle(Array.from({ length: columns }, (_, i) => i));
    const keys = all ? perm : perm.slice(0, 1 + r.int(columns - 1));
    const items = keys.map((k) => {
      let item = String(k + 1);
      if (r.chance(0.5)) item += r.chance(0.5) ? ' DESC' : ' ASC';
      if (r.chance(0.5)) item += r.chance(0.5) ? ' NULLS FIRST' : ' NULLS LAST';
      return item;
    });
    return { sql: ` ORDER BY ${items.join(', ')}`, ordered: all, orderColumns: keys };
  }

  query(): GeneratedQuery {
    const r = this.rng;
    const wantLimit = r.chance(0.3);
    const kind = r.int(20);
    let body: string;
    let columns: number;
    if (kind < 10) {
      columns = 1 + r.int(4);
      const cats = Array.from({ length: columns }, () => r.pick(ALL));
      body = this.simpleSelect(cats, !wantLimit, r.chance(0.2));
    } else if (kind < 15) {
      const agg = this.aggregateSelect();
      body = agg.sql;
      columns = agg.columns;
    } else {
      columns = 1 + r.int(3);
      const cats = Array.from({ length: columns }, () => r.pick(ALL));
      const op = `${r.pick(['UNION', 'INTERSECT', 'EXCEPT'])}${r.chance(0.4) ? ' ALL' : ''}`;
      body = `${this.simpleSelect(cats, !wantLimit, false)} ${op} ${this.simpleSelect(cats, !wantLimit, false)}`;
    }
    const order = this.orderBy(columns);
    let limit = '';
    let complete = true;
    if (wantLimit && (order.sql !== '' || r.chance(0.2))) {
      limit = ` LIMIT ${r.int(8)}${r.chance(0.4) ? ` OFFSET ${r.int(5)}` : ''}`;
      complete = order.ordered;
    }
    return {
      sql: `${body}${order.sql}${limit}`,
      columns,
      ordered: order.ordered,
      orderColumns: order.orderColumns,
      complete,
    };
  }
}

/** `count` queries for a seed; the same seed and schema give the same queries. */
export function generateQueries(schema: Schema, seed: number, count: number): GeneratedQuery[] {
  const gen = new Gen(new Rng(seed ^ 0x0badc0de), schema);
  return Array.from({ length: count }, () => gen.query());
}
