/**
 * Tables and indexes on the key-value store.
 *
 * | key (in keyspace `sql`)                                  | value                          |
 * |----------------------------------------------------------|--------------------------------|
 * | 0x01 table.storage (u32 BE) ‖ encodeKey(primary key)     | encodeRow(all columns by attnum) |
 * | 0x01 table.storage ‖ encodeKey([int8 row id])  (no PK)   | encodeRow(…)                   |
 * | 0x01 index.storage ‖ encodeKey(index columns) ‖ row key   | row key (the part after the table's prefix) |
 *
 * Appending the row key to an index entry makes every entry unique, so NULLs and duplicates need
 * no special case; a unique index checks for an existing entry with the same column values
 * (under a lock on that prefix) before it inserts.
 *
 * In the executor a table row is laid out as its visible columns in order, followed by one hidden
 * value: the row key (a Uint8Array), which UPDATE and DELETE use to find the row again.
 */
import type { TransactionKeyspace } from '../kv/index.js';
import { visibleColumns, storagePrefix, type ColumnInfo, type IndexInfo, type TableInfo, type Catalog } from './catalog.js';
import type { CExpr, PlanNode } from './plan.js';
import { PAUSE, type Frame, type Row, type Runtime } from './runtime.js';
import { decodeRow, encodeKey, encodeRow, T, type SqlType, type Value } from './types/index.js';

/** How a table's stored rows map to executor rows. */
export class TableLayout {
  readonly visible: readonly ColumnInfo[];
  readonly storedTypes: readonly SqlType[];
  /** attnum → position in the executor row (-1 for dropped). */
  readonly position: readonly number[];
  readonly prefix: Uint8Array;
  /** Primary key attnums, or [] when rows are keyed by row id. */
  readonly keyAttnums: readonly number[];
  readonly keyTypes: readonly SqlType[];
  readonly indexes: readonly IndexInfo[];

  constructor(
    readonly table: TableInfo,
    catalog: Catalog,
  ) {
    this.visible = visibleColumns(table);
    this.storedTypes = table.columns.map((c) => c.type);
    const pos: number[] = [];
    let p = 0;
    for (const c of table.columns) pos.push(c.dropped ? -1 : p++);
    this.position = pos;
    this.prefix = storagePrefix(table.storage);
    this.indexes = catalog.indexes(table.oid);
    const pk = table.primaryKey === 0 ? undefined : this.indexes.find((i) => i.oid === table.primaryKey);
    this.keyAttnums = pk === undefined ? [] : pk.columns.map((c) => c.attnum);
    this.keyTypes = pk === undefined ? [T.int8] : this.keyAttnums.map((a) => table.columns[a]!.type);
  }

  /** Width of an executor row: visible columns plus the hidden row key. */
  get width(): number {
    return this.visible.length + 1;
  }

  /** Stored bytes → executor row [visible…, rowKey]. */
  decode(rowKey: Uint8Array, bytes: Uint8Array): Row {
    const stored = decodeRow(this.storedTypes, bytes);
    const cols = this.table.columns;
    const out = new Array<Value>(this.visible.length + 1);
    for (let a = 0; a < cols.length; a++) {
      const p = this.position[a]!;
      if (p < 0) continue;
      out[p] = a < stored.length ? stored[a]! : cols[a]!.missing;
    }
    out[this.visible.length] = rowKey;
    return out;
  }

  /** Executor values of the visible columns → stored bytes (dropped columns stored as NULL). */
  encode(values: readonly Value[]): Uint8Array {
    const cols = this.table.columns;
    const stored = new Array<Value>(cols.length);
    for (let a = 0; a < cols.length; a++) {
      const p = this.position[a]!;
      stored[a] = p < 0 ? null : values[p]!;
    }
    return encodeRow(this.storedTypes, stored);
  }

  /** The row key (without the storage prefix) of a row with these visible values (primary key tables). */
  rowKey(values: readonly Value[]): Uint8Array {
    return encodeKey(
      this.keyTypes,
      this.keyAttnums.map((a) => values[this.position[a]!]!),
    );
  }

  fullKey(rowKey: Uint8Array): Uint8Array {
    return concat(this.prefix, rowKey);
  }

  /** The key columns' values of an index for a row (visible values). */
  indexValues(index: IndexInfo, values: readonly Value[]): Value[] {
    return index.columns.map((c) => values[this.position[c.attnum]!]!);
  }

  indexTypes(index: IndexInfo): SqlType[] {
    return index.columns.map((c) => this.table.columns[c.attnum]!.type);
  }

  /** The index entry key of a row, and the prefix that the unique check locks and probes. */
  indexEntry(index: IndexInfo, values: readonly Value[], rowKey: Uint8Array): { key: Uint8Array; prefix: Uint8Array; hasNull: boolean } {
    const vals = this.indexValues(index, values);
    const prefix = concat(storagePrefix(index.storage), encodeKey(this.indexTypes(index), vals));
    return { key: concat(prefix, rowKey), prefix, hasNull: vals.some((v) => v === null) };
  }
}

/** The layout of a table in a catalog (cached while the catalog is frozen, i.e. committed). */
export function layoutOf(table: TableInfo, catalog: Catalog): TableLayout {
  if (!catalog.frozen) return new TableLayout(table, catalog);
  const known = catalog.derived.get(table.oid) as TableLayout | undefined;
  if (known !== undefined && known.table === table) return known;
  const l = new TableLayout(table, catalog);
  catalog.derived.set(table.oid, l);
  return l;
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The smallest byte string greater than every string that starts with `p` (null: none). */
export function prefixSuccessor(p: Uint8Array): Uint8Array | null {
  let n = p.length;
  while (n > 0 && p[n - 1] === 0xff) n--;
  if (n === 0) return null;
  const out = p.slice(0, n);
  out[n - 1]!++;
  return out;
}

// ---- access paths ----------------------------------------------------------------------------------

/** A range over an index's (or the primary key's) leading columns, with bounds computed per execution. */
export interface IndexRange {
  /** null: the table's primary key (rows are stored in its order). */
  readonly index: IndexInfo | null;
  readonly indexName: string;
  /** Values of the leading columns compared with `=`. */
  readonly eq: readonly CExpr[];
  /** Alternatives for the column after `eq` (col IN (…)): one lookup each. */
  readonly inList: readonly CExpr[] | null;
  /** A range on the column after `eq`. */
  readonly lower: { readonly expr: CExpr; readonly inclusive: boolean } | null;
  readonly upper: { readonly expr: CExpr; readonly inclusive: boolean } | null;
  /** Types of the index's columns. */
  readonly types: readonly SqlType[];
  readonly condText: string;
}

/**
 * Scan of a table: sequential, or over a range of its primary key or of a secondary index (each
 * entry then fetches its row by key). Rows are [visible…, rowKey]. The range's bound expressions
 * may read the outer frame (an index lookup inside a join or a correlated subquery).
 */
export class TableScanNode implements PlanNode {
  constructor(
    private readonly rt: Runtime,
    readonly layout: TableLayout,
    private readonly alias: string,
    readonly range: IndexRange | null,
    /** Read the newest committed rows rather than the snapshot (constraint checks). */
    private readonly latest = false,
  ) {}

  get width(): number {
    return this.layout.width;
  }

  private scan(tx: TransactionKeyspace, opts: { gte?: Uint8Array; gt?: Uint8Array; lt?: Uint8Array; prefix?: Uint8Array }): Iterable<[Uint8Array, Uint8Array]> {
    return this.latest ? tx.rangeLatest(opts) : tx.range(opts);
  }

  *rows(outer: Frame | null): Iterable<Row> {
    const { rt, layout } = this;
    const tx = rt.tx;
    const range = this.range;
    const plen = layout.prefix.length;
    if (range === null) {
      for (const [k, v] of this.scan(tx, { prefix: layout.prefix })) {
        if (rt.pauseDue()) yield PAUSE;
        yield layout.decode(k.subarray(plen), v);
      }
      return;
    }
    const f: Frame = { row: [], outer };
    const eq: Value[] = [];
    for (const e of range.eq) {
      const v = e.ev(f);
      if (v === null) return;
      eq.push(v);
    }
    const storage = range.index === null ? layout.prefix : storagePrefix(range.index.storage);
    const n = eq.length;
    const types = range.types;
    const prefixes: Array<{ prefix: Uint8Array; gte?: Uint8Array; gt?: Uint8Array; lt?: Uint8Array }> = [];
    if (range.inList !== null) {
      const seen = new Set<string>();
      for (const e of range.inList) {
        const v = e.ev(f);
        if (v === null) continue;
        const p = concat(storage, encodeKey(types.slice(0, n + 1), [...eq, v]));
        const id = Buffer.from(p).toString('latin1');
        if (seen.has(id)) continue;
        seen.add(id);
        prefixes.push({ prefix: p });
      }
      prefixes.sort((a, b) => Buffer.compare(a.prefix, b.prefix));
    } else {
      const base = concat(storage, encodeKey(types.slice(0, n), eq));
      const opts: { prefix: Uint8Array; gte?: Uint8Array; gt?: Uint8Array; lt?: Uint8Array } = { prefix: base };
      const t = types.slice(0, n + 1);
      if (range.lower !== null) {
        const v = range.lower.expr.ev(f);
        if (v === null) return;
        const k = concat(storage, encodeKey(t, [...eq, v]));
        if (range.lower.inclusive) opts.gte = k;
        else {
          const s = prefixSuccessor(k);
          if (s === null) return;
          opts.gte = s;
        }
      }
      if (range.upper !== null) {
        const v = range.upper.expr.ev(f);
        if (v === null) return;
        const k = concat(storage, encodeKey(t, [...eq, v]));
        if (range.upper.inclusive) {
          const s = prefixSuccessor(k);
          if (s !== null) opts.lt = s;
        } else opts.lt = k;
      } else if (range.lower !== null) {
        // A range has no NULLs: they sort after every value.
        opts.lt = concat(storage, encodeKey(t, [...eq, null]));
      }
      prefixes.push(opts);
    }
    for (const opts of prefixes) {
      if (range.index === null) {
        for (const [k, v] of this.scan(tx, opts)) {
          if (rt.pauseDue()) yield PAUSE;
          yield layout.decode(k.subarray(plen), v);
        }
        continue;
      }
      for (const [, rowKey] of this.scan(tx, opts)) {
        if (rt.pauseDue()) yield PAUSE;
        const full = layout.fullKey(rowKey);
        const bytes = this.latest ? tx.getLatest(full) : tx.get(full);
        // An index entry always has its row in the same snapshot; a missing row is corruption.
        if (bytes === undefined) throw new Error(`index ${range.indexName} has an entry without a row`);
        yield layout.decode(rowKey, bytes);
      }
    }
  }

  explain(out: string[], indent: string): void {
    const name = this.layout.table.name;
    const on = this.alias === name ? name : `${name} ${this.alias}`;
    if (this.range === null) {
      out.push(`${indent}Seq Scan on ${on}`);
      return;
    }
    out.push(`${indent}Index Scan using ${this.range.indexName} on ${on}`);
    out.push(`${indent}  Index Cond: ${this.range.condText}`);
  }
}
