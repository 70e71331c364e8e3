/**
 * Name scopes of the planner: which relations a query level sees, how a column name resolves to
 * a slot of the row, and what the grouped and windowed phases of a SELECT may reference.
 */
import type * as ast from './ast.js';
import { SqlError } from './errors.js';
import type { TableInfo } from './catalog.js';
import type { TableLayout } from './table.js';
import type { PlanNode } from './plan.js';
import type { SqlType } from './types/index.js';

export interface ColBinding {
  readonly name: string;
  readonly type: SqlType;
  /** Not found by unqualified names (a column merged by JOIN USING) and not expanded by `*`. */
  readonly merged: boolean;
  /** The hidden row key of a table: never visible by name or `*`. */
  readonly system: boolean;
}

export interface RelBinding {
  /** The name qualifying its columns (an alias or the table name); '' for a USING merge. */
  readonly alias: string;
  readonly schema: string | null;
  readonly columns: ColBinding[];
  /** Position of its first column in the row. */
  readonly offset: number;
  readonly table: TableInfo | null;
  readonly layout: TableLayout | null;
  /** Nullable side of an outer join (its key may be NULL). */
  nullable: boolean;
}

/** A WITH query as FROM items see it. */
export interface CteBinding {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  /** Makes the plan node that reads it. */
  readonly scan: () => PlanNode;
}

/** What the grouped phase exposes: group expressions and aggregate calls, by slot. */
export interface GroupInfo {
  /** exprKey → slot of the grouped row. */
  readonly byKey: Map<string, number>;
  /** Input slots of plain column group keys → slot of the grouped row. */
  readonly byInputSlot: Map<number, number>;
  readonly aggs: Map<ast.FuncCall, number>;
  /** Types of the grouped row's slots. */
  readonly types: SqlType[];
}

export interface ResolvedColumn {
  readonly depth: number;
  readonly slot: number;
  readonly type: SqlType;
  readonly rel: RelBinding;
  readonly name: string;
}

export class Scope {
  readonly rels: RelBinding[] = [];
  width = 0;
  /** 'input': rows of FROM; 'grouped': rows after aggregation (plus window results). */
  phase: 'input' | 'grouped' = 'input';
  group: GroupInfo | null = null;
  /** Window function calls → slot (after the input or grouped row). */
  windows: Map<ast.FuncCall, number> | null = null;
  /** The clause being compiled, for "aggregate functions are not allowed in WHERE". */
  clause = 'WHERE';
  /** Whether aggregates may appear (SELECT list, HAVING, ORDER BY of a SELECT). */
  aggAllowed = false;
  /** Set when a column of an enclosing scope was referenced from this scope or one inside it. */
  correlated = false;
  /** Leave select-list outputs of type unknown as they are (an INSERT source: the target types them). */
  keepUnknownOutputs = false;
  /** WITH queries visible from this scope (looked up through the parents too). */
  ctes: Map<string, CteBinding> | null = null;

  constructor(readonly parent: Scope | null) {}

  /** A scope holding copies of `rels` moved so that the first starts at slot 0. */
  static rebased(rels: readonly RelBinding[], parent: Scope | null): Scope {
    const s = new Scope(parent);
    if (rels.length === 0) return s;
    const base = Math.min(...rels.map((r) => r.offset));
    for (const r of rels) {
      s.rels.push({ ...r, offset: r.offset - base });
      s.width = Math.max(s.width, r.offset - base + r.columns.length);
    }
    return s;
  }

  /** Insert a relation at `index` of the star order, keeping its offset (a JOIN USING merge). */
  insertRel(index: number, rel: RelBinding): void {
    this.rels.splice(index, 0, rel);
    this.width = Math.max(this.width, rel.offset + rel.columns.length);
  }

  cte(name: string): CteBinding | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const c = s.ctes?.get(name);
      if (c !== undefined) return c;
    }
    return undefined;
  }

  addRel(alias: string, schema: string | null, columns: ColBinding[], table: TableInfo | null = null, layout: TableLayout | null = null): RelBinding {
    const rel: RelBinding = { alias, schema, columns, offset: this.width, table, layout, nullable: false };
    this.rels.push(rel);
    this.width += columns.length;
    return rel;
  }

  /** Resolve a column reference through this scope and the enclosing ones. */
  resolve(ref: ast.ColumnRef): ResolvedColumn {
    let depth = 0;
    let sawQualifier = ref.qualifier.length === 0;
    for (let s: Scope | null = this; s !== null; s = s.parent, depth++) {
      const found = s.find(ref);
      if (found === 'qualifier') {
        sawQualifier = true;
        continue;
      }
      if (found !== null) {
        if (depth > 0) for (let t: Scope | null = this; t !== null && t !== s; t = t.parent) t.correlated = true;
        return { depth, slot: found.rel.offset + found.index, type: found.rel.columns[found.index]!.type, rel: found.rel, name: ref.name };
      }
    }
    const display = [...ref.qualifier, ref.name].join('.');
    if (!sawQualifier) {
      throw new SqlError('42P01', `missing FROM-clause entry for table "${ref.qualifier[ref.qualifier.length - 1]}"`, { offset: ref.pos });
    }
    const hint = this.fuzzyHint(ref);
    throw new SqlError('42703', `column ${ref.qualifier.length === 0 ? `"${ref.name}"` : display} does not exist`, hint === undefined ? { offset: ref.pos } : { offset: ref.pos, hint });
  }

  /**
   * PostgreSQL's "Perhaps you meant to reference the column …" hint: the visible columns closest
   * to the misspelt name by edit distance (at most 3, and at most half the candidate's length);
   * one or two equally close candidates are named, more are not.
   */
  private fuzzyHint(ref: ast.ColumnRef): string | undefined {
    const qualifier = ref.qualifier.length === 0 ? null : ref.qualifier[ref.qualifier.length - 1]!;
    let best = fuzzyDistanceMax + 1;
    let found: string[] = [];
    for (let sc: Scope | null = this; sc !== null; sc = sc.parent) {
      for (const rel of sc.rels) {
        if (rel.alias === '' || (qualifier !== null && rel.alias !== qualifier)) continue;
        for (const col of rel.columns) {
          if (col.system) continue;
          const d = editDistance(ref.name, col.name);
          if (d > Math.floor(col.name.length / 2)) continue;
          const name = `"${rel.alias}.${col.name}"`;
          if (d < best) {
            best = d;
            found = [name];
          } else if (d === best) found.push(name);
        }
      }
    }
    if (found.length === 1) return `Perhaps you meant to reference the column ${found[0]}.`;
    if (found.length === 2) return `Perhaps you meant to reference the column ${found[0]} or the column ${found[1]}.`;
    return undefined;
  }

  /** Find in this scope only: the binding, 'qualifier' (the table exists here but not the column), or null. */
  private find(ref: ast.ColumnRef): { rel: RelBinding; index: number } | 'qualifier' | null {
    let hit: { rel: RelBinding; index: number } | null = null;
    let qualifierSeen = false;
    const q = ref.qualifier;
    for (const rel of this.rels) {
      if (q.length > 0) {
        if (rel.alias !== q[q.length - 1]) continue;
        if (q.length >= 2 && rel.schema !== null && rel.schema !== q[q.length - 2]) continue;
        qualifierSeen = true;
      }
      const cols = rel.columns;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        if (c.system || c.name !== ref.name) continue;
        if (q.length === 0 && c.merged) continue;
        if (hit !== null) {
          throw new SqlError('42702', `column reference "${ref.name}" is ambiguous`, { offset: ref.pos });
        }
        hit = { rel, index: i };
      }
    }
    if (hit !== null) return hit;
    return qualifierSeen ? 'qualifier' : null;
  }

  /** Whether a relation named `alias` exists at this level. */
  hasRel(alias: string): boolean {
    return this.rels.some((r) => r.alias === alias);
  }
}

/** A structural key of an expression, ignoring positions (to match GROUP BY expressions). */
export function exprKey(e: unknown): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'pos' ? undefined : typeof v === 'bigint' ? v.toString() : v));
}

/** The largest edit distance a "Perhaps you meant" hint accepts (PostgreSQL's MAX_FUZZY_DISTANCE). */
const fuzzyDistanceMax = 3;

/** Levenshtein distance (insert, delete and substitute each cost 1). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
