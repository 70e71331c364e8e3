// The query kinds of the differential SQL test beyond plain SELECTs, and the seeded mix of kinds.
// Every kind draws from its own PRNG (derived from the seed and the kind's name), so a kind's
// queries do not change when other kinds are added or left out: `--kinds select` replays the
// original generator exactly.
//   window     window functions: ranking, lag/lead, first/last/nth_value, aggregates over
//              ROWS/RANGE/GROUPS frames with offsets and EXCLUDE (ordered on a unique key where
//              the result depends on the order among peers); RANGE frames without offsets
//   windowrange  the same with RANGE offset PRECEDING/FOLLOWING over int/numeric/float/date/timestamp keys
//   cte        WITH: several CTEs, later ones reading earlier ones, referenced more than once
//   recursive  WITH RECURSIVE: bounded counters, walks over tree(parent/link), UNION reachability
//   order      DISTINCT ON, NULLS FIRST/LAST, LIMIT/OFFSET, FETCH FIRST … WITH TIES,
//              generate_series in FROM
//   lateral    LATERAL subqueries and functions
//   func       string, math and date/time functions and casts
//   tochar     the same plus to_char of double precision and the EEEE pattern
//   dml        INSERT … SELECT / VALUES, ON CONFLICT, UPDATE … FROM, DELETE … USING with RETURNING
//              on the scratch tables, inside BEGIN … ROLLBACK, then the table's contents
// Determinism rules: a result that depends on the order among peers is ordered on a unique key
// (`id` of a table with a primary key); float values are multiples of 1/4 so sums are exact;
// expressions that can fail appear only where every row is evaluated by both engines.

import { Gen } from './queries.js';
import type { GeneratedQuery } from './queries.js';
import { quoteText, Rng } from './schema.js';
import type { Category, Column, Schema, Table } from './schema.js';

export const KINDS = ['select', 'window', 'windowrange', 'cte', 'recursive', 'order', 'lateral', 'func', 'tochar', 'dml'] as const;
export type Kind = typeof KINDS[number];

/** Relative weights of the kinds in a mix. */
const WEIGHT: Record<Kind, number> = {
  select: 10, window: 3, windowrange: 2, cte: 2, recursive: 1, order: 2, lateral: 1, func: 3, tochar: 1, dml: 2,
};

/** The kinds `npm run sqldiff` runs without --kinds: all of them. */
export const DEFAULT_KINDS: readonly Kind[] = KINDS;

function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const NUMERIC: readonly Category[] = ['int', 'num', 'float'];
const ORDERED: readonly Category[] = ['int', 'num', 'float', 'text', 'date', 'ts'];
const ALL: readonly Category[] = ['int', 'num', 'float', 'text', 'bool', 'date', 'ts'];

interface Expr { readonly sql: string; readonly category: Category }

function cols(t: Table, alias: string, cat?: Category): string[] {
  return t.columns.filter((c) => cat === undefined || c.category === cat).map((c) => `${alias}.${c.name}`);
}

function allColumns(t: Table): string {
  return t.columns.map((c) => c.name).join(', ');
}

/** Positions 1..n, for ORDER BY over every output column. */
function positions(n: number): string {
  return Array.from({ length: n }, (_, i) => String(i + 1)).join(', ');
}

function query(sql: string, columns: number, kind: Kind, extra: Partial<GeneratedQuery> = {}): GeneratedQuery {
  return { sql, columns, ordered: true, orderColumns: [], complete: true, kind, ...extra };
}

class KindGen extends Gen {
  constructor(rng: Rng, schema: Schema, readonly kind: Kind) {
    super(rng, schema);
  }

  get r(): Rng {
    return this.rng;
  }

  pkTables(): Table[] {
    return this.schema.tables.filter((t) => t.hasPk === true);
  }

  colOf(t: Table, cats: readonly Category[]): Column | undefined {
    const options = t.columns.filter((c) => cats.includes(c.category));
    return options.length === 0 ? undefined : this.r.pick(options);
  }

  // ---------------------------------------------------------------- window functions

  windowQuery(): GeneratedQuery {
    const r = this.r;
    const t = r.pick(this.pkTables());
    const a = this.newAlias();
    const scope = this.scopeOf(t, a, undefined);
    const n = 1 + r.int(3);
    const items: string[] = [];
    const named = r.chance(0.15);
    let windowClause = '';
    let namedPartition = '';
    if (named) {
      const p = this.colOf(t, ALL);
      namedPartition = p === undefined ? '' : `PARTITION BY ${a}.${p.name}`;
      windowClause = ` WINDOW w AS (${namedPartition})`;
    }
    for (let i = 0; i < n; i++) items.push(this.windowItem(t, a, named));
    const where = r.chance(0.4) ? ` WHERE ${this.cond(scope, 1, false).sql}` : '';
    return query(`SELECT ${a}.id, ${items.join(', ')} FROM ${t.name} ${a}${where}${windowClause} ORDER BY ${a}.id`,
      n + 1, this.kind);
  }

  windowItem(t: Table, a: string, named: boolean): string {
    const r = this.r;
    // Order: by id (total, one key), by a column then id (total), by a column (peers), or none.
    const mode = r.pick(['id', 'keyid', 'keyid', 'key', 'key', 'none'] as const);
    const key = this.colOf(t, ORDERED);
    const dir = (): string => (r.chance(0.4) ? ' DESC' : r.chance(0.3) ? ' ASC' : '');
    const nulls = (): string => (r.chance(0.3) ? r.pick([' NULLS FIRST', ' NULLS LAST']) : '');
    let order = '';
    let keyCat: Category | undefined;
    let singleKey = false;
    let total = false;
    if (mode === 'id' || key === undefined) {
      order = `ORDER BY ${a}.id${dir()}`;
      keyCat = 'int';
      singleKey = true;
      total = true;
    } else if (mode === 'keyid') {
      order = `ORDER BY ${a}.${key.name}${dir()}${nulls()}, ${a}.id${dir()}`;
      total = true;
    } else if (mode === 'key') {
      order = `ORDER BY ${a}.${key.name}${dir()}${nulls()}`;
      keyCat = key.category;
      singleKey = true;
    }
    const partition = !named && r.chance(0.5)
      ? `PARTITION BY ${[this.colOf(t, ALL), this.colOf(t, ALL)].slice(0, 1 + r.int(2)).map((c) => `${a}.${c?.name ?? 'k'}`).join(', ')}`
      : '';
    // The function.
    let fn: string;
    let framed = false;
    const kind = r.int(total ? 10 : 4);
    const valueCol = this.colOf(t, ALL) ?? t.columns[1];
    const v = `${a}.${valueCol?.name ?? 'k'}`;
    const vcat = valueCol?.category ?? 'int';
    if (kind === 0) fn = r.pick(['rank()', 'dense_rank()']);
    else if (kind === 1) fn = r.pick(['percent_rank()', 'cume_dist()', 'rank()']);
    else if (kind === 2 || kind === 3) {
      fn = this.windowAggregate(t, a);
      framed = true;
    } else if (kind === 4) fn = r.pick(['row_number()', `ntile(${1 + r.int(4)})`]);
    else if (kind === 5 || kind === 6) {
      const f = r.pick(['lag', 'lead']);
      const args = [v];
      if (r.chance(0.7)) args.push(r.pick(['0', '1', '1', '2', '3', '-1']));
      if (args.length === 2 && r.chance(0.5)) args.push(this.literal(vcat));
      fn = `${f}(${args.join(', ')})`;
    } else if (kind === 7 || kind === 8) {
      fn = r.pick([`first_value(${v})`, `last_value(${v})`, `nth_value(${v}, ${r.pick(['1', '2', '3'])})`]);
      framed = true;
    } else {
      fn = this.windowAggregate(t, a);
      framed = true;
    }
    let frame = '';
    if (framed && order !== '' && r.chance(0.75)) frame = this.frame(total, singleKey, keyCat);
    const spec = [named ? 'w' : '', partition, order, frame].filter((s) => s !== '').join(' ');
    return `${fn} OVER (${spec})`;
  }

  windowAggregate(t: Table, a: string): string {
    const r = this.r;
    const k = r.int(5);
    if (k === 0) return r.chance(0.5) ? 'count(*)' : `count(${a}.${this.colOf(t, ALL)?.name ?? 'k'})`;
    if (k === 1) {
      const c = this.colOf(t, ORDERED);
      return `${r.pick(['min', 'max'])}(${a}.${c?.name ?? 'k'})`;
    }
    const c = this.colOf(t, NUMERIC);
    return `${r.pick(['sum', 'avg', 'sum', 'min', 'max'])}(${a}.${c?.name ?? 'k'})`;
  }

  /** A valid frame clause: ROWS only under a total order; RANGE offsets only over one numeric/date key. */
  frame(total: boolean, singleKey: boolean, keyCat: Category | undefined): string {
    const r = this.r;
    const rangeOffset = this.kind === 'windowrange' && singleKey && keyCat !== undefined
      && ['int', 'num', 'float', 'date', 'ts'].includes(keyCat);
    const units = this.kind === 'windowrange' && rangeOffset ? ['RANGE']
      : [...(total ? ['ROWS', 'ROWS'] : []), 'RANGE', 'GROUPS'];
    const unit = r.pick(units);
    const offsets = unit !== 'RANGE' || rangeOffset;
    const offset = (): string => {
      if (unit !== 'RANGE') return r.pick(['0', '1', '1', '2', '3']);
      if (keyCat === 'date') return r.pick(["interval '1 day'", "interval '3 days'", "interval '1 month'"]);
      if (keyCat === 'ts') return r.pick(["interval '12 hours'", "interval '1 day'", "interval '400 days'"]);
      if (keyCat === 'int') return r.pick(['0', '1', '2', '5']);
      return r.pick(['1', '2', '0.5', '100']);
    };
    // Bounds by rank: 0 UNBOUNDED PRECEDING, 1 n PRECEDING, 2 CURRENT ROW, 3 n FOLLOWING, 4 UNBOUNDED FOLLOWING.
    const bound = (i: number): string => {
      switch (i) {
        case 0: return 'UNBOUNDED PRECEDING';
        case 1: return `${offset()} PRECEDING`;
        case 2: return 'CURRENT ROW';
        case 3: return `${offset()} FOLLOWING`;
        default: return 'UNBOUNDED FOLLOWING';
      }
    };
    const allowed = offsets ? [0, 1, 2, 3, 4] : [0, 2, 4];
    let s = r.pick(allowed.filter((i) => i < 4));
    let e = r.pick(allowed.filter((i) => i > 0 && i >= s));
    if (s === 3 && e < 3) e = 3;
    if (e < s) [s, e] = [e, s];
    let sql = r.chance(0.2) && s !== 4 && e === 2 ? `${unit} ${bound(s)}` : `${unit} BETWEEN ${bound(s)} AND ${bound(e)}`;
    if (r.chance(0.35)) sql += ` EXCLUDE ${r.pick(['CURRENT ROW', 'GROUP', 'TIES', 'NO OTHERS'])}`;
    return sql;
  }

  // ---------------------------------------------------------------- WITH

  cteQuery(): GeneratedQuery {
    const r = this.r;
    const count = 1 + r.int(3);
    const ctes: Table[] = [];
    const defs: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `c${i}`;
      // Earlier CTEs may be read by later ones.
      const sub = new Gen(r, { ...this.schema, tables: [...this.schema.tables, ...ctes] });
      const f = sub.from();
      const idCol = f.scope.cols[0]?.sql ?? '1';
      const kCol = f.scope.cols[1]?.sql ?? '1';
      const extra = 1 + r.int(3);
      const columns: Column[] = [
        { name: 'id', sqlType: 'integer', category: 'int', nullable: true, pool: [] },
        { name: 'k', sqlType: 'integer', category: 'int', nullable: true, pool: [] },
      ];
      const items: string[] = [];
      let body: string;
      if (r.chance(0.3)) {
        // Aggregate CTE: one row per k.
        for (let x = 0; x < extra; x++) {
          items.push(`${sub.aggregate(f.scope)} AS x${x}`);
          columns.push({ name: `x${x}`, sqlType: 'numeric', category: 'num', nullable: true, pool: [] });
        }
        const where = r.chance(0.4) ? ` WHERE ${sub.cond(f.scope, 1, false).sql}` : '';
        body = `SELECT ${kCol} AS id, count(*)::integer AS k, ${items.join(', ')} FROM ${f.sql}${where} GROUP BY ${kCol}`;
      } else {
        for (let x = 0; x < extra; x++) {
          const cat = r.pick(ALL);
          items.push(`${sub.expr(f.scope, cat, 2, false).sql} AS x${x}`);
          columns.push({ name: `x${x}`, sqlType: cat, category: cat, nullable: true, pool: [] });
        }
        const where = r.chance(0.5) ? ` WHERE ${sub.cond(f.scope, 2, false).sql}` : '';
        body = `SELECT ${idCol} AS id, ${kCol} AS k, ${items.join(', ')} FROM ${f.sql}${where}`;
      }
      const mat = r.chance(0.2) ? r.pick(['MATERIALIZED ', 'NOT MATERIALIZED ']) : '';
      defs.push(`${name} AS ${mat}(${body})`);
      ctes.push({ name, columns, rows: [] });
    }
    // The main query reads only the CTEs; joins of a CTE with itself reference it twice.
    const main = new Gen(r, { ...this.schema, tables: r.chance(0.7) ? [...ctes] : [...ctes, ...this.schema.tables] });
    const used = ctes[ctes.length - 1] as Table;
    let q: GeneratedQuery;
    if (r.chance(0.3)) {
      // Explicitly twice: the last CTE against itself.
      const x = main.newAlias();
      const y = main.newAlias();
      const sx = main.scopeOf(used, x, undefined);
      const e = main.expr(sx, r.pick(ALL), 1, false).sql;
      q = { sql: `SELECT ${x}.id, ${y}.id, ${e} FROM ${used.name} ${x} ${r.pick(['JOIN', 'LEFT JOIN'])} ${used.name} ${y} ON ${x}.k = ${y}.${r.pick(['k', 'id'])} ORDER BY 1, 2, 3`,
        columns: 3, ordered: true, orderColumns: [], complete: true };
    } else {
      q = main.query();
    }
    return { ...q, sql: `WITH ${defs.join(', ')} ${q.sql}`, kind: 'cte' };
  }

  // ---------------------------------------------------------------- WITH RECURSIVE

  recursiveQuery(): GeneratedQuery {
    const r = this.r;
    const form = r.int(6);
    const tree = this.schema.tree;
    const n = tree.rows.length;
    if (form === 0) {
      // Bounded counter with a second column.
      const start = r.pick(['0', '1', '-3']);
      const bound = r.pick(['5', '10', '20']);
      const step = r.pick(['1', '2', '3']);
      const [init, next] = r.pick([['1', 'v * 2'], ['0', 'v + n'], ["'a'::text", "v || 'b'"], ["DATE '2024-01-30'", 'v + 1'],
        ['1.5', 'v * 1.5'], ["TIMESTAMP '2024-01-31 12:00:00'", "v + interval '1 month'"]] as const);
      const all = r.chance(0.8) ? 'UNION ALL' : 'UNION';
      return query(`WITH RECURSIVE r(n, v) AS (SELECT ${start}, ${init} ${all} SELECT n + ${step}, ${next} FROM r WHERE n < ${bound}) SELECT n, v FROM r ORDER BY n, v`, 2, 'recursive');
    }
    if (form === 1) {
      // Counter joined with a table afterwards.
      const t = r.pick(this.schema.tables);
      const a = this.newAlias();
      const c = this.colOf(t, NUMERIC);
      const agg = c === undefined ? `count(${a}.id)` : `${r.pick(['sum', 'max', 'min', 'count'])}(${a}.${c.name})`;
      return query(`WITH RECURSIVE r(n) AS (VALUES (${r.pick(['-1', '0', '1'])}) UNION ALL SELECT n + 1 FROM r WHERE n < ${r.pick(['4', '8', '12'])}) SELECT r.n, count(${a}.id), ${agg} FROM r LEFT JOIN ${t.name} ${a} ON ${a}.k = r.n GROUP BY r.n ORDER BY r.n`, 3, 'recursive');
    }
    if (form === 2 || form === 3) {
      // Downward walk from roots or one node, with depth, path and running total.
      const startWhere = form === 2 ? 'parent IS NULL' : `id = ${1 + r.int(n)}`;
      const depthLimit = r.chance(0.5) ? ` WHERE w.depth < ${1 + r.int(4)}` : '';
      const filter = r.chance(0.3) ? ` AND c.w ${r.pick(['>', '<', '<>'])} ${r.int(15)}` : '';
      const cte = `WITH RECURSIVE walk(id, depth, path, total) AS (SELECT id, 0, label, w FROM tree WHERE ${startWhere} UNION ALL SELECT c.id, w.depth + 1, w.path || '/' || c.label, w.total + c.w FROM tree c JOIN walk w ON c.parent = w.id${filter}${depthLimit})`;
      const tail = r.pick([
        ['SELECT id, depth, path, total FROM walk ORDER BY 1, 2, 3, 4', 4],
        ['SELECT depth, count(*), sum(total), max(path) FROM walk GROUP BY depth ORDER BY depth', 4],
        ['SELECT w.id, w.depth, t.parent, length(w.path) FROM walk w JOIN tree t ON t.id = w.id ORDER BY 1, 2, 3, 4', 4],
      ] as const);
      return query(`${cte} ${tail[0]}`, tail[1], 'recursive');
    }
    if (form === 4) {
      // Ancestors of a node.
      return query(`WITH RECURSIVE anc(id, parent, depth) AS (SELECT id, parent, 0 FROM tree WHERE id = ${1 + r.int(n)} UNION ALL SELECT p.id, p.parent, a.depth + 1 FROM tree p JOIN anc a ON p.id = a.parent) SELECT id, parent, depth FROM anc ORDER BY depth`, 3, 'recursive');
    }
    // Reachability over link/parent edges (cycles), terminated by UNION.
    const edge = r.pick(['t.link', 't.parent', 'COALESCE(t.link, t.parent)']);
    const start = r.chance(0.5) ? `VALUES (${1 + r.int(n)})` : `SELECT id FROM tree WHERE w ${r.pick(['<', '>'])} ${r.int(10)}`;
    const tail = r.chance(0.5) ? 'SELECT id FROM reach ORDER BY id' : 'SELECT count(*), min(id), max(id) FROM reach';
    return query(`WITH RECURSIVE reach(id) AS (${start} UNION SELECT ${edge} FROM tree t JOIN reach ON t.id = reach.id WHERE ${edge} IS NOT NULL) ${tail}`, tail.startsWith('SELECT id') ? 1 : 3, 'recursive');
  }

  // ---------------------------------------------------------------- DISTINCT ON, ORDER BY, LIMIT, FETCH, generate_series, LATERAL

  orderQuery(): GeneratedQuery {
    const r = this.r;
    const form = r.int(4);
    const pk = this.pkTables();
    if (form === 0) {
      // DISTINCT ON (keys) … ORDER BY keys, id: the chosen row per key is determined.
      const t = r.pick(pk);
      const a = this.newAlias();
      const scope = this.scopeOf(t, a, undefined);
      const keys = [...new Set([this.colOf(t, ALL)?.name ?? 'k', ...(r.chance(0.3) ? [this.colOf(t, ALL)?.name ?? 'k'] : [])])];
      const keySql = keys.map((k) => `${a}.${k}`);
      const extra = Array.from({ length: 1 + r.int(2) }, () => this.expr(scope, r.pick(ALL), 1, false).sql);
      const order = keySql.map((k) => `${k}${r.pick(['', ' DESC', ' ASC'])}${r.pick(['', ' NULLS FIRST', ' NULLS LAST'])}`);
      const where = r.chance(0.4) ? ` WHERE ${this.cond(scope, 1, false).sql}` : '';
      const limit = r.chance(0.3) ? ` LIMIT ${r.int(6)}${r.chance(0.5) ? ` OFFSET ${r.int(4)}` : ''}` : '';
      return query(`SELECT DISTINCT ON (${keySql.join(', ')}) ${[...keySql, `${a}.id`, ...extra].join(', ')} FROM ${t.name} ${a}${where} ORDER BY ${order.join(', ')}, ${a}.id${r.pick(['', ' DESC'])}${limit}`,
        keySql.length + 1 + extra.length, 'order');
    }
    if (form === 1) {
      // ORDER BY with NULLS FIRST/LAST over columns, id last; LIMIT/OFFSET or OFFSET … FETCH.
      const t = r.pick(pk);
      const a = this.newAlias();
      const scope = this.scopeOf(t, a, undefined);
      const keys = Array.from({ length: 1 + r.int(2) }, () => `${a}.${this.colOf(t, ALL)?.name ?? 'k'}`);
      const order = keys.map((k) => `${k}${r.pick(['', ' DESC', ' ASC'])}${r.pick(['', ' NULLS FIRST', ' NULLS LAST'])}`);
      // No failing expressions: under LIMIT/OFFSET an engine may evaluate the select list for fewer rows.
      const items = [`${a}.id`, ...keys, ...Array.from({ length: r.int(2) }, () => this.expr(scope, r.pick(ALL), 1, false).sql)];
      const limit = r.pick([
        ` LIMIT ${r.int(8)}`, ` LIMIT ${r.int(8)} OFFSET ${r.int(6)}`, ` OFFSET ${r.int(6)}`, ' LIMIT ALL',
        ` OFFSET ${r.int(4)} ROWS FETCH NEXT ${1 + r.int(5)} ROWS ONLY`, ' FETCH FIRST ROW ONLY', ` LIMIT NULL OFFSET ${r.int(3)}`,
      ]);
      return query(`SELECT ${items.join(', ')} FROM ${t.name} ${a} ORDER BY ${order.join(', ')}, ${a}.id${r.pick(['', ' DESC'])}${limit}`, items.length, 'order');
    }
    if (form === 2) {
      // FETCH FIRST n ROWS WITH TIES: the multiset is determined, the order of the key only.
      const t = r.pick(this.schema.tables);
      const a = this.newAlias();
      const scope = this.scopeOf(t, a, undefined);
      const key = `${a}.${this.colOf(t, ORDERED)?.name ?? 'k'}`;
      const extra = Array.from({ length: 1 + r.int(2) }, () => this.expr(scope, r.pick(ALL), 1, false).sql);
      const offset = r.chance(0.4) ? ` OFFSET ${r.int(4)} ROWS` : '';
      return query(`SELECT ${key}, ${extra.join(', ')} FROM ${t.name} ${a} ORDER BY ${key}${r.pick(['', ' DESC'])}${r.pick(['', ' NULLS FIRST', ' NULLS LAST'])}${offset} FETCH FIRST ${1 + r.int(5)} ROWS WITH TIES`,
        // OFFSET may cut into a group of ties: then which of its rows remain is not determined.
        1 + extra.length, 'order', { ordered: false, orderColumns: [0], complete: offset === '' });
    }
    if (form === 3) {
      // generate_series in FROM.
      const series = r.pick([
        () => `generate_series(${r.int(3) - 1}, ${r.int(10)})`,
        () => `generate_series(${r.int(10)}, ${r.int(3)}, ${r.pick(['-1', '-2', '2', '3'])})`,
        () => `generate_series(${r.pick(['1', '2'])}::bigint, 5::bigint)`,
        () => `generate_series(0.5, ${r.pick(['3', '4.25'])}, ${r.pick(['0.75', '1', '0.5'])})`,
        () => `generate_series(TIMESTAMP '2024-01-30 00:00:00', TIMESTAMP '2024-03-01 00:00:00', interval '${r.pick(['1 week', '10 days', '1 month'])}')`,
        () => `generate_series(1, 3, ${r.pick(['0', '1'])})`,
      ])();
      const t = r.pick(this.schema.tables);
      const a = this.newAlias();
      if (r.chance(0.4)) {
        return query(`SELECT g.x, g.n FROM ${series} WITH ORDINALITY AS g(x, n) ORDER BY g.n`, 2, 'order');
      }
      if (series.includes('TIMESTAMP')) {
        return query(`SELECT g, extract(month from g), g + interval '1 day' FROM ${series} AS g ORDER BY 1`, 3, 'order');
      }
      const c = this.colOf(t, ORDERED);
      return query(`SELECT g, count(${a}.id), max(${a}.${c?.name ?? 'k'}) FROM ${series} AS g LEFT JOIN ${t.name} ${a} ON ${a}.k = g GROUP BY g ORDER BY g`, 3, 'order');
    }
    throw new Error('unreachable');
  }

  lateralQuery(): GeneratedQuery {
    const r = this.r;
    const pk = this.pkTables();
    const t = r.pick(this.schema.tables);
    const a = this.newAlias();
    const inner = r.pick(pk);
    const b = this.newAlias();
    const c = this.colOf(inner, ALL)?.name ?? 'k';
    const lateral = r.pick([
      () => `CROSS JOIN LATERAL (SELECT ${b}.id AS bid, ${b}.${c} AS bc FROM ${inner.name} ${b} WHERE ${b}.k ${r.pick(['=', '<=', '>'])} ${a}.k ORDER BY ${b}.${c}${r.pick(['', ' DESC'])}, ${b}.id LIMIT ${1 + r.int(3)}) l`,
      () => `LEFT JOIN LATERAL (SELECT count(*) AS bid, max(${b}.${c}) AS bc FROM ${inner.name} ${b} WHERE ${b}.id ${r.pick(['<=', '>', '='])} ${a}.k) l ON true`,
      () => `LEFT JOIN LATERAL (SELECT ${b}.id AS bid, ${b}.${c} AS bc FROM ${inner.name} ${b} WHERE ${b}.k = ${a}.k) l ON l.bid ${r.pick(['<', '>', '<>'])} ${a}.k`,
      () => `, LATERAL (SELECT g AS bid, g * 2 AS bc FROM generate_series(0, ${a}.k) g) l`,
      () => `JOIN LATERAL (SELECT ${a}.k + ${b}.id AS bid, ${b}.${c} AS bc FROM ${inner.name} ${b} WHERE ${b}.id < 4) l ON true`,
    ])();
    const [cat] = [r.pick(ALL)];
    const scope = this.scopeOf(t, a, undefined);
    const e = this.expr(scope, cat, 1, false).sql;
    return query(`SELECT ${a}.k, l.bid, l.bc, ${e} FROM ${t.name} ${a} ${lateral}`, 4, 'lateral', { ordered: false });
  }

  // ---------------------------------------------------------------- functions and casts

  /** A function call or cast over a column of some category. */
  func(scope: ReturnType<Gen['scopeOf']>, allowError: boolean): Expr {
    const r = this.r;
    const cat = r.pick(ALL);
    const col = (c: Category): string => this.columnOf(scope, c)?.sql ?? this.literal(c);
    const small = (): string => r.pick(['0', '1', '2', '3', '5', '-1']);
    switch (cat) {
      case 'text': {
        const s = col('text');
        const lit = (): string => quoteText(r.pick(['a', 'b', 'c', 'ab', '', ' ', 'x', 'lo', '%', '/']));
        const f = r.int(18);
        const safeLen = allowError ? small() : r.pick(['0', '1', '2', '3', '5']);
        switch (f) {
          case 0: return { sql: `${r.pick(['lower', 'upper', 'initcap', 'reverse'])}(${s})`, category: 'text' };
          case 1: return { sql: r.chance(0.5) ? `substr(${s}, ${small()})` : `substr(${s}, ${small()}, ${safeLen})`, category: 'text' };
          case 2: return { sql: `position(${lit()} in ${s})`, category: 'int' };
          case 3: return { sql: `replace(${s}, ${lit()}, ${lit()})`, category: 'text' };
          case 4: return { sql: `split_part(${s}, ${lit()}, ${allowError ? r.pick(['1', '2', '0', '-1']) : r.pick(['1', '2', '-1'])})`, category: 'text' };
          case 5: return { sql: `${r.pick(['lpad', 'rpad'])}(${s}, ${r.pick(['0', '3', '6', '-1'])}${r.chance(0.6) ? `, ${lit()}` : ''})`, category: 'text' };
          case 6: return { sql: r.pick([`trim(${s})`, `ltrim(${s})`, `rtrim(${s}, 'c')`, `trim(both 'a' from ${s})`, `trim(leading 'a' from ${s})`, `btrim(${s}, 'ab')`]), category: 'text' };
          case 7: return { sql: `concat(${s}, ${col(r.pick(ALL))}, ${lit()})`, category: 'text' };
          case 8: return { sql: `concat_ws(${lit()}, ${s}, ${col(r.pick(ALL))})`, category: 'text' };
          case 9: return { sql: `${r.pick(['length', 'char_length', 'octet_length', 'ascii'])}(${s})`, category: 'int' };
          case 10: return { sql: `${r.pick(['left', 'right'])}(${s}, ${small()})`, category: 'text' };
          case 11: return { sql: `repeat(${s}, ${r.pick(['0', '1', '2', '3'])})`, category: 'text' };
          case 12: return { sql: `strpos(${s}, ${lit()})`, category: 'int' };
          case 13: return { sql: `translate(${s}, 'abc', 'xy')`, category: 'text' };
          case 14: return { sql: `starts_with(${s}, ${lit()})`, category: 'bool' };
          case 15: return { sql: `(${s})::varchar(${r.pick(['1', '3'])})`, category: 'text' };
          case 16: return r.chance(0.5) ? { sql: `md5(${s})`, category: 'text' }
            : allowError ? { sql: `(${r.pick([s, "' 12 '", "'-7'", "'1e3'", "'3.5'"])})::${r.pick(['integer', 'numeric', 'double precision', 'bigint'])}`, category: 'num' }
              : { sql: `(${r.pick(["' 12 '", "'-7'", "'3.5'", "'1e3'"])})::numeric`, category: 'num' };
          default: return { sql: `(${s} ${r.pick(['<', '>=', '='])} ${lit()})`, category: 'bool' };
        }
      }
      case 'int': case 'num': case 'float': {
        const x = col(cat);
        const f = r.int(16);
        switch (f) {
          case 0: return { sql: cat === 'float' ? `round(${x})` : `round(${x}${cat === 'num' || r.chance(0.3) ? `, ${r.pick(['0', '1', '2', '-1'])}` : ''})`, category: cat === 'float' ? 'float' : 'num' };
          case 1: return { sql: cat === 'float' ? `trunc(${x})` : `trunc(${x}::numeric, ${r.pick(['0', '1', '-1'])})`, category: cat === 'float' ? 'float' : 'num' };
          case 2: return { sql: `abs(${x})`, category: cat };
          case 3: {
            const d = allowError ? r.pick(['0', '3', '-2', '7']) : r.pick(['3', '-2', '7']);
            return { sql: cat === 'float' ? `mod(${x}::numeric, ${d})` : `mod(${x}, ${d})`, category: cat === 'int' ? 'int' : 'num' };
          }
          case 4: return { sql: allowError ? `power(${x}, ${r.pick(['2', '0.5', '3', '-1'])})` : `power(${x}::numeric % 100, 2)`, category: cat === 'float' ? 'float' : 'num' };
          case 5: return { sql: allowError ? `sqrt(${x})` : `sqrt(abs(${x}))`, category: cat === 'float' ? 'float' : 'num' };
          case 6: return { sql: `${r.pick(['ceil', 'floor', 'sign'])}(${x})`, category: cat === 'int' ? 'float' : cat };
          case 7: return { sql: `(${x})::${r.pick(['integer', 'bigint', 'smallint'])}`, category: 'int' };
          case 8: return { sql: `(${x})::numeric(${r.pick(['10,2', '5,1', '12,4'])})`, category: 'num' };
          case 9: return { sql: `(${x})::double precision`, category: 'float' };
          // Bracketed so that the text is compared as text, not canonicalised as a number.
          case 10: return { sql: `('[' || (${x})::text || ']')`, category: 'text' };
          case 11: return { sql: `${r.pick(['greatest', 'least'])}(${x}, ${this.literal(cat)}, ${this.literal(cat)})`, category: cat };
          case 12: return { sql: `div(${x}::numeric, ${r.pick(['3', '2.5', '-4'])})`, category: 'num' };
          case 13: return { sql: `round((${x})::numeric / 7, ${r.pick(['2', '4'])})`, category: 'num' };
          case 14: return { sql: allowError ? `(${x})::numeric(4,1)` : `ln(abs(${x}::numeric) + 1)`, category: 'num' };
          default: {
            const full = this.kind === 'tochar';
            const fmt = r.pick(['999999.99', 'FM999999.00', 'S9999', '0000', 'FM9,999,999', 'FM990.0', ...(full ? ['9.99EEEE'] : [])]);
            const arg = cat === 'float' && !full ? `(${x})::numeric` : x;
            return { sql: r.chance(0.5) ? `('[' || to_char(${arg}, '${fmt}') || ']')` : `('[' || ((${x})::numeric)::text || ']')`, category: 'text' };
          }
        }
      }
      case 'date': case 'ts': {
        const d = col('date');
        const ts = col('ts');
        const tsx = r.chance(0.5) ? ts : `${d}::timestamp`;
        const f = r.int(15);
        switch (f) {
          case 0: return { sql: `date_trunc('${r.pick(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute'])}', ${tsx})`, category: 'ts' };
          case 1: return { sql: `extract(${r.pick(['year', 'month', 'day', 'dow', 'isodow', 'doy', 'week', 'quarter', 'hour', 'minute', 'second', 'isoyear', 'decade', 'century', 'epoch'])} from ${tsx})`, category: 'num' };
          case 2: return { sql: `extract(${r.pick(['year', 'month', 'day', 'dow', 'doy', 'epoch', 'julian'])} from ${d})`, category: 'num' };
          case 3: return { sql: `(${d} ${r.pick(['+', '-'])} ${r.int(400) - 100})`, category: 'date' };
          case 4: return { sql: `(${d} - ${this.literal('date')})`, category: 'int' };
          case 5: return { sql: `(${tsx} ${r.pick(['+', '-'])} interval '${r.pick(['1 day', '2 hours 30 minutes', '1 month', '1 year 2 months', '-3 days', '45 seconds', '1 mon -1 day'])}')`, category: 'ts' };
          case 6: return { sql: `(${tsx} - ${this.literal('ts')})::text`, category: 'text' };
          case 7: return { sql: `age(${tsx}, TIMESTAMP '2000-01-01 00:00:00')::text`, category: 'text' };
          case 8: return { sql: `to_char(${tsx}, '${r.pick(['YYYY-MM-DD', 'YYYY-MM-DD HH24:MI:SS', 'DD/MM/YY', 'Mon DD, YYYY', 'HH12:MI AM', 'YYYY"Q"Q', 'Day', 'FMMonth FMDD', 'DDD', 'IYYY-IW', 'WW', 'J', 'MS US'])}')`, category: 'text' };
          case 9: return { sql: `(${d} + interval '${r.pick(['1 day', '36 hours', '1 month'])}')`, category: 'ts' };
          case 10: return { sql: `(${tsx})::date`, category: 'date' };
          case 11: return { sql: `('[' || (${r.chance(0.5) ? d : tsx})::text || ']')`, category: 'text' };
          case 12: return { sql: `make_date(extract(year from ${d})::integer, ${r.pick(['1', '2', '12'])}, ${r.pick(['1', '28', '29'])})`, category: 'date' };
          case 13: {
            const iv = `(interval '${r.pick(['1 day', '90 minutes', '1 month 3 days', '25 hours', '-2 days 3 hours'])}' * ${r.pick(['2', '0.5', '-1'])})`;
            return r.pick([
              { sql: `${iv}::text`, category: 'text' as Category },
              { sql: `extract(${r.pick(['epoch', 'day', 'hour', 'month'])} from ${iv})`, category: 'num' as Category },
              { sql: `${r.pick(['justify_hours', 'justify_days', 'justify_interval'])}(${iv})::text`, category: 'text' as Category },
            ]);
          }
          default: return { sql: `date_part('${r.pick(['year', 'month', 'day', 'hour', 'epoch'])}', ${tsx})`, category: 'float' };
        }
      }
      default: {
        const b = col('bool');
        const f = r.int(4);
        if (f === 0) return { sql: `(${b})::text`, category: 'text' };
        if (f === 1) return { sql: `(${b})::integer`, category: 'int' };
        if (f === 2) return { sql: `(${col('int')})::boolean`, category: 'bool' };
        return { sql: allowError ? `(${r.pick(["'t'", "'yes'", "'off'", "'maybe'", "'1'"])})::boolean` : `(${b} IS TRUE)`, category: 'bool' };
      }
    }
  }

  funcQuery(): GeneratedQuery {
    const r = this.r;
    // Drawn (keeps the seeded stream) but unused: with ORDER BY on constant columns a LIMIT reads
    // rows in an engine-specific order, and a cast that fails (numeric(12,4) overflow) on a row
    // PostgreSQL never reads makes a false mismatch. LIMIT is covered by the order kind.
    const wantLimit = r.chance(0.2) && false;
    const f = this.from();
    const n = 1 + r.int(4);
    const items = Array.from({ length: n }, () => this.func(f.scope, !wantLimit && r.chance(0.6)).sql);
    const where = r.chance(0.4) ? ` WHERE ${this.cond(f.scope, 1, false).sql}` : '';
    if (r.chance(0.15)) {
      // Group by a function result.
      const g = this.func(f.scope, false).sql;
      return query(`SELECT ${g}, count(*) FROM ${f.sql}${where} GROUP BY 1 ORDER BY 1`, 2, this.kind);
    }
    const order = this.orderBy(n);
    let limit = '';
    let complete = true;
    if (wantLimit && order.sql !== '') {
      limit = ` LIMIT ${r.int(8)}`;
      complete = order.ordered;
    }
    return query(`SELECT ${items.join(', ')} FROM ${f.sql}${where}${order.sql}${limit}`, n, this.kind,
      { ordered: order.ordered, orderColumns: order.orderColumns, complete });
  }

  // ---------------------------------------------------------------- DML

  /** A value for a column of a scratch table: same type, or a constraint error (class 23) at worst. */
  columnValue(c: Column, ref: string | undefined, unique: boolean): string {
    const r = this.r;
    if (c.nullable && r.chance(0.1)) return 'NULL';
    if (!c.nullable && r.chance(0.03)) return 'NULL';
    if (c.name === 'k') return ref !== undefined && r.chance(0.5) ? `${ref} + ${r.pick(['1', '-1', '200'])}` : r.pick(c.pool);
    // The UNIQUE column stays injective over the source rows (a constant would make which row wins
    // an ON CONFLICT depend on the scan order).
    if (unique) return ref === undefined ? String(1000 + r.int(50)) : r.pick([ref, `${ref} + 100000`, `-${ref}`]);
    if (ref === undefined || r.chance(0.4)) return c.pool.length > 0 ? r.pick(c.pool) : 'NULL';
    switch (c.category) {
      case 'int': return ref;
      case 'num': return `-${ref}`;
      case 'float': return r.pick([`${ref} * 2`, `-${ref}`]);
      case 'text': return r.pick([`lower(${ref})`, `upper(${ref})`]);
      case 'bool': return `NOT ${ref}`;
      case 'date': return `${ref} + 1`;
      case 'ts': return `${ref} + interval '1 hour'`;
    }
  }

  dmlQuery(): GeneratedQuery {
    const r = this.r;
    const ti = r.int(this.schema.scratch.length);
    const s = this.schema.scratch[ti] as Table;
    const src = this.schema.tables[ti] as Table;
    const check = `SELECT * FROM ${s.name} ORDER BY ${positions(s.columns.length)}`;
    // `RETURNING *` only without FROM/USING (it would include a joined row, which one is arbitrary).
    const returning = (alias: string, star = '*'): string => r.pick([` RETURNING ${star}`, ` RETURNING ${alias}.id, ${alias}.k`, ` RETURNING ${cols(s, alias).slice(0, 3).join(', ')}`, '']);
    // INSERT's target alias (AS s) only sometimes; otherwise the table's own name qualifies.
    const insAlias = r.chance(0.5) ? 's' : s.name;
    const asClause = insAlias === 's' ? ' AS s' : '';
    const ret = (sql: string, columns?: number): GeneratedQuery => query(sql, columns ?? s.columns.length, 'dml', { ordered: false, check });
    const form = r.int(6);
    const pk = s.hasPk === true;
    const target = pk ? 'id' : s.uniqueColumn;
    if (form === 0 || (form <= 2 && target === undefined)) {
      // INSERT … SELECT from the matching original table (same types), ids shifted injectively.
      const a = this.newAlias();
      const scope = this.scopeOf(src, a, undefined);
      const values = s.columns.map((c, ci) => {
        if (ci === 0) return r.pick([`${a}.id`, `${a}.id + 100`, `${a}.id + 5`, `40 - ${a}.id`]);
        return this.columnValue(c, `${a}.${c.name}`, c.name === s.uniqueColumn);
      });
      const where = r.chance(0.6) ? ` WHERE ${this.cond(scope, 1, false).sql}` : '';
      const conflict = pk && r.chance(0.5) ? ' ON CONFLICT DO NOTHING' : '';
      return ret(`INSERT INTO ${s.name}${asClause} (${allColumns(s)}) SELECT ${values.join(', ')} FROM ${src.name} ${a}${where}${conflict}${returning(insAlias)}`);
    }
    if (form === 1 || form === 2) {
      // INSERT … VALUES … ON CONFLICT (target) DO NOTHING / DO UPDATE.
      const rows = 1 + r.int(4);
      const used = new Set<string>();
      const tuples: string[] = [];
      for (let i = 0; i < rows; i++) {
        const vals = s.columns.map((c, ci) => {
          if (ci === 0) {
            let id = String(1 + r.int(40));
            if (pk && used.has(id) && r.chance(0.8)) id = String(41 + i);
            used.add(id);
            return id;
          }
          if (c.name === s.uniqueColumn) return r.chance(0.5) ? String(r.int(30) * 7 - 50) : String(2000 + i);
          if (c.nullable && r.chance(0.1)) return 'NULL';
          return c.pool.length > 0 ? r.pick(c.pool) : 'NULL';
        });
        tuples.push(`(${vals.join(', ')})`);
      }
      let action: string;
      if (form === 1) action = 'DO NOTHING';
      else {
        const sets = r.shuffle(s.columns.slice(1)).slice(0, 1 + r.int(2)).map((c) => {
          if (c.name === 'k') return r.pick(['k = EXCLUDED.k', `k = ${insAlias}.k + 1`, `k = COALESCE(${insAlias}.k, 0) + COALESCE(EXCLUDED.k, 0)`]);
          return r.chance(0.7) ? `${c.name} = EXCLUDED.${c.name}` : `${c.name} = ${insAlias}.${c.name}`;
        });
        const where = r.chance(0.3) ? ` WHERE ${r.pick([`${insAlias}.k IS NOT NULL`, `${insAlias}.k > EXCLUDED.k`, 'EXCLUDED.k <> 3', `${insAlias}.id % 2 = 0`])}` : '';
        action = `DO UPDATE SET ${sets.join(', ')}${where}`;
      }
      const conflictTarget = r.chance(0.15) && action === 'DO NOTHING' ? '' : ` (${target ?? 'id'})`;
      return ret(`INSERT INTO ${s.name}${asClause} (${allColumns(s)}) VALUES ${tuples.join(', ')} ON CONFLICT${conflictTarget} ${action}${returning(insAlias)}`);
    }
    if (form === 3 || form === 4) {
      // UPDATE [… FROM a source unique per target row].
      const sa = 's';
      const sScope = this.scopeOf(s, sa, undefined);
      const withFrom = form === 4;
      let from = '';
      let joinCond = '';
      let bRef: ((c: Column) => string) | undefined;
      if (withFrom) {
        const b = this.newAlias();
        if (r.chance(0.5)) {
          // The original table joined on the same id (one row per id only if it has a key).
          const other = src.hasPk === true ? src : this.pkTables()[0] as Table;
          from = ` FROM ${other.name} ${b}`;
          joinCond = `${sa}.id = ${b}.id`;
          if (other === src) bRef = (c) => `${b}.${c.name}`;
        } else {
          const t = r.pick(this.schema.tables);
          const c = this.colOf(t, NUMERIC);
          from = ` FROM (SELECT k, count(*) AS n, max(${c?.name ?? 'id'}) AS m FROM ${t.name} GROUP BY k) ${b}`;
          joinCond = `${sa}.k = ${b}.k`;
          if (r.chance(0.5)) joinCond += ` AND ${b}.n ${r.pick(['>', '<', '='])} ${r.pick(['1', '2'])}`;
        }
      }
      const sets = r.shuffle(s.columns).slice(0, 1 + r.int(2)).map((c) => {
        if (c.name === 'id') return pk ? `id = ${r.pick(['id + 100', '1', 'id'])}` : 'id = id + 100';
        if (c.name === s.uniqueColumn) return `${c.name} = ${r.pick(['NULL', `${c.name} + 100000`, '-50'])}`;
        const ref = bRef !== undefined && r.chance(0.5) ? bRef(c) : `${sa}.${c.name}`;
        return `${c.name} = ${this.columnValue(c, ref, false)}`;
      });
      const conds = [joinCond, r.chance(0.7) ? this.cond(sScope, 1, false).sql : ''].filter((x) => x !== '');
      const where = conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '';
      return ret(`UPDATE ${s.name} AS ${sa} SET ${sets.join(', ')}${from}${where}${returning(sa, withFrom ? `${sa}.*` : '*')}`);
    }
    // DELETE [… USING].
    const sScope = this.scopeOf(s, 's', undefined);
    if (r.chance(0.5)) {
      const t = r.pick(this.schema.tables);
      const b = this.newAlias();
      const bScope = this.scopeOf(t, b, undefined);
      const extra = r.chance(0.6) ? ` AND ${this.cond({ cols: [...sScope.cols, ...bScope.cols], parent: undefined }, 1, false).sql}` : '';
      return ret(`DELETE FROM ${s.name} AS s USING ${t.name} ${b} WHERE s.${r.pick(['k', 'id'])} = ${b}.${r.pick(['k', 'id'])}${extra}${returning('s', 's.*')}`);
    }
    const where = r.chance(0.8) ? ` WHERE ${this.cond(sScope, 2, false).sql}` : '';
    return ret(`DELETE FROM ${s.name} AS s${where}${returning('s')}`);
  }

  next(): GeneratedQuery {
    switch (this.kind) {
      case 'select': return this.query();
      case 'window': case 'windowrange': return this.windowQuery();
      case 'cte': return this.cteQuery();
      case 'recursive': return this.recursiveQuery();
      case 'order': return this.orderQuery();
      case 'lateral': return this.lateralQuery();
      case 'func': case 'tochar': return this.funcQuery();
      case 'dml': return this.dmlQuery();
    }
  }
}

export function parseKinds(text: string): Kind[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: Kind[] = [];
  for (const n of names) {
    if (n === 'all') out.push(...KINDS);
    else if ((KINDS as readonly string[]).includes(n)) out.push(n as Kind);
    else throw new Error(`unknown kind ${n} (known: ${KINDS.join(', ')}, all)`);
  }
  return [...new Set(out)];
}

/** `count` queries of the given kinds for a seed, mixed by weight; same seed and kinds, same queries. */
export function generateMix(schema: Schema, seed: number, count: number, kinds: readonly Kind[] = DEFAULT_KINDS): GeneratedQuery[] {
  if (kinds.length === 0) return [];
  const gens = new Map<Kind, KindGen>();
  for (const k of kinds) {
    // 'select' keeps the original generator's stream (queries.ts generateQueries).
    const rngSeed = k === 'select' ? seed ^ 0x0badc0de : (seed ^ hashName(k)) >>> 0;
    gens.set(k, new KindGen(new Rng(rngSeed), schema, k));
  }
  const picker = new Rng(seed ^ 0x6d1c);
  const total = kinds.reduce((s, k) => s + WEIGHT[k], 0);
  const out: GeneratedQuery[] = [];
  for (let i = 0; i < count; i++) {
    let x = picker.next() * total;
    let kind = kinds[kinds.length - 1] as Kind;
    for (const k of kinds) {
      x -= WEIGHT[k];
      if (x < 0) {
        kind = k;
        break;
      }
    }
    out.push((gens.get(kind) as KindGen).next());
  }
  return out;
}
