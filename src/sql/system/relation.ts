/**
 * Virtual relations: the shape of a system relation (pg_catalog or information_schema), the plan
 * node that scans one, and the context its rows are built from.
 *
 * Rows are built when the scan first runs in an execution, from the catalog the statement was
 * planned against (a transaction that ran DDL plans against its private catalog, so the system
 * relations show its own uncommitted changes, as PostgreSQL's catalogs do), and kept for the rest
 * of that execution (a correlated subquery over pg_attrdef scans it once per outer row).
 */
import type { Catalog, ViewInfo } from '../catalog.js';
import type { PlanNode } from '../plan.js';
import { PAUSE, type Frame, type Row, type Runtime } from '../runtime.js';
import { sqlType, T, type SqlType } from '../types/index.js';

/** What a system relation's rows are computed from. */
export interface SystemContext {
  readonly catalog: Catalog;
  readonly searchPath: readonly string[];
  readonly rt: Runtime;
  /** The column types of a view (its query planned as a FROM item would plan it). */
  readonly viewTypes: (v: ViewInfo) => readonly SqlType[];
}

export interface SystemColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface SystemRelationDef {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  /** PostgreSQL's oid for it (catalog tables have fixed oids; views get the ones PostgreSQL 15 gives them). */
  readonly oid: number;
  /** relkind: 'r' for catalog tables, 'v' for the views over them. */
  readonly kind: 'r' | 'v';
  readonly columns: readonly SystemColumn[];
  readonly rows: (ctx: SystemContext) => Row[];
}

/** Type names of the column specs → our types (catalog-only types map to the nearest one we have). */
const specTypes: Readonly<Record<string, SqlType>> = {
  oid: T.oid,
  name: T.name,
  char: T.char,
  bool: T.bool,
  int2: T.int2,
  int4: T.int4,
  int8: T.int8,
  float4: T.float4,
  float8: T.float8,
  text: T.text,
  varchar: T.varchar,
  bytea: T.bytea,
  timestamptz: T.timestamptz,
  interval: T.interval,
  regproc: T.oid,
  xid: T.oid,
  regtype: T.text,
  pg_node_tree: T.text,
  anyarray: T.text,
  inet: T.text,
  pg_lsn: T.text,
  int2vector: sqlType('int2', -1, true),
  oidvector: sqlType('oid', -1, true),
  _aclitem: sqlType('text', -1, true),
  _text: sqlType('text', -1, true),
  _int2: sqlType('int2', -1, true),
  _oid: sqlType('oid', -1, true),
  _char: sqlType('char', -1, true),
  _name: sqlType('name', -1, true),
};

/** Columns from a spec `name:type name:type …`. */
export function columns(spec: string): SystemColumn[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((c) => {
      const [name, type] = c.split(':') as [string, string];
      const t = specTypes[type];
      if (t === undefined) throw new Error(`system relation column ${name}: unknown type ${type}`);
      return { name, type: t };
    });
}

/** Scan of a system relation: builds its rows once per execution. */
export class SystemScanNode implements PlanNode {
  private cache: Row[] | null = null;
  private execId = -1;

  constructor(
    private readonly rt: Runtime,
    readonly def: SystemRelationDef,
    private readonly context: SystemContext,
    private readonly alias: string,
  ) {}

  get width(): number {
    return this.def.columns.length;
  }

  *rows(_outer: Frame | null): Iterable<Row> {
    const rt = this.rt;
    if (this.cache === null || this.execId !== rt.execId) {
      this.cache = this.def.rows(this.context);
      this.execId = rt.execId;
    }
    for (const r of this.cache) {
      if (rt.pauseDue()) yield PAUSE;
      yield r.slice();
    }
  }

  explain(out: string[], indent: string): void {
    out.push(`${indent}Seq Scan on ${this.def.name}${this.alias === this.def.name ? '' : ' ' + this.alias}`);
  }
}
