// Seeded generation of the tables the differential SQL test queries: a few tables over integer,
// bigint, numeric(p,s), double precision, text, varchar(n), boolean, date and timestamp columns,
// with NULLs and duplicate values on purpose, primary keys, UNIQUE and plain (multi-column) indexes.
// Double precision values are multiples of 1/4 of modest size so that sums are exact whatever the
// order the rows are added in (two engines may aggregate in different orders).

/** Small deterministic PRNG (mulberry32). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}

/** Value category of a column or expression, as far as the query generator cares. */
export type Category = 'int' | 'num' | 'float' | 'text' | 'bool' | 'date' | 'ts';

export interface Column {
  readonly name: string;
  readonly sqlType: string;
  readonly category: Category;
  readonly nullable: boolean;
  /** Literals (SQL text) values are drawn from; also useful to the query generator. */
  readonly pool: readonly string[];
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** Rows as SQL literal text (or NULL), one entry per column. */
  readonly rows: readonly (readonly string[])[];
  /** `id` is the PRIMARY KEY (so unique and NOT NULL). */
  readonly hasPk?: boolean;
  /** Name of the column with a UNIQUE constraint, if any. */
  readonly uniqueColumn?: string;
}

export interface Schema {
  readonly seed: number;
  readonly tables: readonly Table[];
  /**
   * Scratch copies of `tables` (s0, s1, …: same columns, constraints and rows, plus a CHECK on k)
   * that DML statements modify inside BEGIN … ROLLBACK.
   */
  readonly scratch: readonly Table[];
  /** A parent/child table for recursive walks: tree(id PRIMARY KEY, parent, link, label, w). */
  readonly tree: Table;
  /** CREATE TABLE, CREATE INDEX and INSERT statements, in order, without trailing semicolons. */
  readonly statements: readonly string[];
}

export function quoteText(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const INT_POOL = ['0', '1', '-1', '2', '3', '5', '7', '10', '42', '-100', '1000000', '2147483647', '-2147483648'];
const SMALL_INT_POOL = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '-1'];
const BIGINT_POOL = ['0', '1', '-1', '3', '10', '4294967296', '123456789012', '9223372036854775807',
  '-9223372036854775808'];
const TEXT_POOL = ['a', 'b', 'abc', 'Abc', 'ab', 'a_c', 'a%c', 'a\\c', '', 'zeta', 'hello world', 'x', "O'Brien",
  'caf\u00e9', 'B'];
const DATE_POOL = ['2024-01-01', '2024-01-02', '2023-12-31', '2000-02-29', '1999-12-31', '2024-06-15', '1970-01-01'];
const TIME_POOL = ['00:00:00', '12:30:00', '23:59:59', '08:15:30.5', '12:30:00.25'];

function numericPool(rng: Rng, precision: number, scale: number): string[] {
  const out = ['0', '1'];
  const intDigits = precision - scale;
  for (let i = 0; i < 8; i++) {
    const whole = rng.int(10 ** Math.min(intDigits, 6));
    const frac = scale > 0 ? rng.int(10 ** scale).toString().padStart(scale, '0') : '';
    out.push(`${rng.chance(0.3) ? '-' : ''}${whole}${scale > 0 ? `.${frac}` : ''}`);
  }
  const max = '9'.repeat(intDigits) + (scale > 0 ? `.${'9'.repeat(scale)}` : '');
  out.push(max, `-${max}`);
  return out;
}

function floatPool(rng: Rng): string[] {
  const out = ['0', '1', '-1', '0.5', '0.25', '-2.75', '1000000'];
  for (let i = 0; i < 6; i++) out.push(String((rng.int(16001) - 8000) / 4));
  return out;
}

function makeColumn(rng: Rng, name: string, kind: number): Column {
  const nullable = rng.chance(0.8);
  switch (kind) {
    case 0:
      return { name, sqlType: 'integer', category: 'int', nullable, pool: rng.chance(0.5) ? SMALL_INT_POOL : INT_POOL };
    case 1:
      return { name, sqlType: 'bigint', category: 'int', nullable, pool: BIGINT_POOL };
    case 2: {
      const precision = rng.pick([5, 10, 12]);
      const scale = rng.pick([0, 2, 3]);
      return { name, sqlType: `numeric(${precision},${scale})`, category: 'num', nullable,
        pool: numericPool(rng, precision, scale) };
    }
    case 3:
      return { name, sqlType: 'double precision', category: 'float', nullable, pool: floatPool(rng) };
    case 4:
      return { name, sqlType: 'text', category: 'text', nullable, pool: TEXT_POOL.map(quoteText) };
    case 5: {
      const n = rng.pick([5, 12]);
      return { name, sqlType: `varchar(${n})`, category: 'text', nullable,
        pool: TEXT_POOL.filter((s) => s.length <= n).map(quoteText) };
    }
    case 6:
      return { name, sqlType: 'boolean', category: 'bool', nullable, pool: ['true', 'false'] };
    case 7:
      return { name, sqlType: 'date', category: 'date', nullable, pool: DATE_POOL.map((d) => `DATE '${d}'`) };
    default:
      return { name, sqlType: 'timestamp', category: 'ts', nullable,
        pool: DATE_POOL.flatMap((d) => TIME_POOL.slice(0, 3).map((t) => `TIMESTAMP '${d} ${t}'`))
          .concat(TIME_POOL.slice(3).map((t) => `TIMESTAMP '2024-01-01 ${t}'`)) };
  }
}

export interface SchemaOptions {
  readonly tables?: number;
  readonly maxRows?: number;
}

/** The tables for one seed; same seed, same statements. */
export function generateSchema(seed: number, options: SchemaOptions = {}): Schema {
  const rng = new Rng(seed ^ 0x5eed5c4e);
  const tableCount = options.tables ?? 3 + rng.int(2);
  const maxRows = options.maxRows ?? 30;
  const tables: Table[] = [];
  const statements: string[] = [];
  const defsOf: string[][] = [];

  for (let t = 0; t < tableCount; t++) {
    const name = `t${t}`;
    const hasPk = t === 0 || rng.chance(0.6);
    // Every kind at least once across the first table; later tables pick at random.
    const kinds = t === 0 ? rng.shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8]).slice(0, 6 + rng.int(4))
      : Array.from({ length: 3 + rng.int(4) }, () => rng.int(9));
    const columns: Column[] = [
      { name: 'id', sqlType: 'integer', category: 'int', nullable: !hasPk, pool: SMALL_INT_POOL },
      { name: 'k', sqlType: 'integer', category: 'int', nullable: true, pool: SMALL_INT_POOL },
      ...kinds.map((k, i) => makeColumn(rng, `c${i}`, k)),
    ];
    // Empty tables now and then: aggregates and joins over nothing.
    const rowCount = rng.chance(0.1) ? 0 : 1 + rng.int(maxRows);
    // A UNIQUE column: distinct values (or NULLs).
    const uniqueCol = rng.chance(0.6) ? columns.findIndex((c, i) => i >= 2 && c.category === 'int') : -1;
    const rows: string[][] = [];
    const ids = rng.shuffle(Array.from({ length: rowCount }, (_, i) => i + 1));
    for (let r = 0; r < rowCount; r++) {
      const row = columns.map((c, ci) => {
        if (ci === 0 && hasPk) return String(ids[r]);
        if (ci === uniqueCol) return c.nullable && rng.chance(0.2) ? 'NULL' : String(r * 7 - 50);
        if (c.nullable && rng.chance(0.15)) return 'NULL';
        return rng.pick(c.pool);
      });
      // A duplicate of an earlier row, apart from the key, now and then.
      const earlier = rows[rng.int(rows.length)];
      if (earlier !== undefined && rng.chance(0.15)) {
        rows.push(row.map((v, ci) => (ci === 0 && hasPk) || ci === uniqueCol ? v : earlier[ci] ?? v));
      } else {
        rows.push(row);
      }
    }
    const defs = columns.map((c, ci) => {
      let def = `${c.name} ${c.sqlType}`;
      if (ci === 0 && hasPk) def += ' PRIMARY KEY';
      else if (!c.nullable) def += ' NOT NULL';
      if (ci === uniqueCol) def += ' UNIQUE';
      return def;
    });
    statements.push(`CREATE TABLE ${name} (${defs.join(', ')})`);
    statements.push(`CREATE INDEX ${name}_k ON ${name} (k)`);
    const other = columns[2 + rng.int(columns.length - 2)];
    if (other !== undefined) statements.push(`CREATE INDEX ${name}_multi ON ${name} (k, ${other.name})`);
    if (hasPk && rng.chance(0.5)) statements.push(`CREATE UNIQUE INDEX ${name}_uniq2 ON ${name} (id, k)`);
    for (let r = 0; r < rows.length; r += 10) {
      const chunk = rows.slice(r, r + 10).map((row) => `(${row.join(', ')})`);
      statements.push(`INSERT INTO ${name} (${columns.map((c) => c.name).join(', ')}) VALUES ${chunk.join(', ')}`);
    }
    const uniqueName = uniqueCol >= 0 ? columns[uniqueCol]?.name : undefined;
    tables.push({ name, columns, rows, hasPk, ...(uniqueName !== undefined ? { uniqueColumn: uniqueName } : {}) });
    defsOf.push(defs);
  }
  // Scratch copies, after the originals; no random draws here so the originals stay as they were.
  const scratch: Table[] = [];
  tables.forEach((t, ti) => {
    const name = `s${ti}`;
    const defs = defsOf[ti] ?? [];
    statements.push(`CREATE TABLE ${name} (${[...defs, 'CHECK (k IS NULL OR k BETWEEN -100 AND 100)'].join(', ')})`);
    for (let r = 0; r < t.rows.length; r += 10) {
      const chunk = t.rows.slice(r, r + 10).map((row) => `(${row.join(', ')})`);
      statements.push(`INSERT INTO ${name} (${t.columns.map((c) => c.name).join(', ')}) VALUES ${chunk.join(', ')}`);
    }
    scratch.push({ ...t, name });
  });
  const tree = generateTree(new Rng(seed ^ 0x7ee7ee));
  statements.push('CREATE TABLE tree (id integer PRIMARY KEY, parent integer, link integer, label text, w integer)');
  for (let r = 0; r < tree.rows.length; r += 10) {
    const chunk = tree.rows.slice(r, r + 10).map((row) => `(${row.join(', ')})`);
    statements.push(`INSERT INTO tree (id, parent, link, label, w) VALUES ${chunk.join(', ')}`);
  }
  return { seed, tables, scratch, tree, statements };
}

/** Nodes 1..n: a few roots, every other node's parent a smaller id; `link` any node (cycles). */
function generateTree(rng: Rng): Table {
  const n = 12 + rng.int(20);
  const roots = 1 + rng.int(3);
  const rows: string[][] = [];
  for (let id = 1; id <= n; id++) {
    const parent = id <= roots ? 'NULL' : String(1 + rng.int(id - 1));
    const link = rng.chance(0.6) ? String(1 + rng.int(n)) : 'NULL';
    const label = quoteText(rng.pick(['a', 'b', 'c', 'node', 'x', 'yy']) + String(id));
    const w = rng.chance(0.1) ? 'NULL' : String(rng.int(26) - 5);
    rows.push([String(id), parent, link, label, w]);
  }
  const intCol = (name: string, nullable: boolean): Column => ({ name, sqlType: 'integer', category: 'int', nullable, pool: [] });
  return {
    name: 'tree',
    columns: [intCol('id', false), intCol('parent', true), intCol('link', true),
      { name: 'label', sqlType: 'text', category: 'text', nullable: false, pool: [] }, intCol('w', true)],
    rows,
    hasPk: true,
  };
}
