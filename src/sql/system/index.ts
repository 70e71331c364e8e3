/**
 * The system catalogs: pg_catalog and information_schema as virtual relations over our catalog,
 * the catalog functions, and the object-identifier casts. The public face of src/sql/system.
 *
 * The planner calls three hooks: `bindSystemRelation` when a FROM item names a relation (a system
 * relation binds to a scan that builds its rows from the planner's catalog when it runs; nothing
 * is built for statements that do not mention one), `systemFunction` for calls, and `systemCast`
 * for casts. The session may put `oidNames` in its TypeContext so regclass values print as names.
 */
import type * as ast from '../ast.js';
import type { Catalog, ViewInfo } from '../catalog.js';
import type { BExpr } from '../expr.js';
import type { PlanNode } from '../plan.js';
import type { Runtime } from '../runtime.js';
import { Scope } from '../scope.js';
import type { CoercionContext, SqlType } from '../types/index.js';
import { systemCast as castHook, systemFunction as functionHook, type SystemPlanner } from './functions.js';
import { systemRelationByName } from './registry.js';
import { SystemScanNode, type SystemRelationDef } from './relation.js';

export { oidNames, sizePretty } from './functions.js';
export { builtinOfType, pgTypmod } from './builtin-types.js';
export { systemRelations } from './registry.js';
export type { SystemRelationDef } from './relation.js';

/** The planner, as the hooks use it. */
export interface PlannerLike {
  readonly rt: Runtime;
  readonly catalog: Catalog;
  searchPath: readonly string[];
  readonly relationsRead: Set<number>;
  parseView: (text: string) => ast.Query;
  compile(e: ast.Expr, scope: Scope): BExpr;
  tryCoerce(e: BExpr, to: SqlType, context: CoercionContext): BExpr | null;
  planQuery(q: ast.Query, scope: Scope): { readonly columns: readonly { readonly type: SqlType }[] };
}

const viewTypeCache = new WeakMap<Catalog, Map<number, readonly SqlType[]>>();

/** A view's column types: its query planned along the search path it was created with. */
function viewTypes(p: PlannerLike, v: ViewInfo): readonly SqlType[] {
  const cache = p.catalog.frozen ? viewTypeCache.get(p.catalog) : undefined;
  const known = cache?.get(v.oid);
  if (known !== undefined) return known;
  const saved = p.searchPath;
  const read = [...p.relationsRead];
  let types: readonly SqlType[];
  try {
    if (v.searchPath !== undefined) p.searchPath = v.searchPath;
    types = p.planQuery(p.parseView(v.text), new Scope(null)).columns.map((c) => c.type);
  } catch {
    types = [];
  } finally {
    p.searchPath = saved;
    p.relationsRead.clear();
    for (const oid of read) p.relationsRead.add(oid);
  }
  if (p.catalog.frozen) {
    let m = viewTypeCache.get(p.catalog);
    if (m === undefined) viewTypeCache.set(p.catalog, (m = new Map()));
    m.set(v.oid, types);
  }
  return types;
}

const adapters = new WeakMap<PlannerLike, SystemPlanner>();

function adapt(p: PlannerLike): SystemPlanner {
  let a = adapters.get(p);
  if (a === undefined) {
    a = {
      rt: p.rt,
      catalog: p.catalog,
      get searchPath() {
        return p.searchPath;
      },
      compile: (e, scope) => p.compile(e, scope),
      tryCoerce: (e, to, context) => p.tryCoerce(e, to, context),
      viewTypes: (v) => viewTypes(p, v),
    };
    adapters.set(p, a);
  }
  return a;
}

/** The system relation a FROM item names, if it names one. Unqualified names look in pg_catalog first, as PostgreSQL does. */
function systemRelationFor(p: PlannerLike, name: ast.QualifiedName): SystemRelationDef | undefined {
  if (name.schema !== null) {
    return name.schema === 'pg_catalog' || name.schema === 'information_schema' ? systemRelationByName(name.schema, name.name) : undefined;
  }
  const sys = systemRelationByName('pg_catalog', name.name);
  if (sys !== undefined) return sys;
  for (const s of p.searchPath) {
    if (s === 'information_schema') return systemRelationByName(s, name.name);
    if (s !== 'pg_catalog' && p.catalog.relation(s, name.name) !== undefined) return undefined;
  }
  return undefined;
}

/** Bind a FROM item that names a system relation; undefined when it names something else. */
export function bindSystemRelation(p: PlannerLike, item: ast.TableRef, scope: Scope): PlanNode | undefined {
  const def = systemRelationFor(p, item.name);
  if (def === undefined) return undefined;
  const alias = item.alias?.name ?? def.name;
  const names = item.alias?.columns ?? [];
  const cols = def.columns.map((c, i) => ({ name: names[i] ?? c.name, type: c.type, merged: false, system: false }));
  scope.addRel(alias, item.alias === null ? def.schema : null, cols);
  const sp = adapt(p);
  const context = { catalog: p.catalog, searchPath: p.searchPath, rt: p.rt, viewTypes: (v: ViewInfo) => sp.viewTypes(v) };
  return new SystemScanNode(p.rt, def, context, alias);
}

/** Compile a catalog function call, or undefined when the name is not one of them. */
export function systemFunction(p: PlannerLike, e: ast.FuncCall, scope: Scope): BExpr | undefined {
  return functionHook(adapt(p), e, scope);
}

/** Compile a cast to an object-identifier type (or from one to text), or undefined. */
export function systemCast(p: PlannerLike, e: ast.Cast, scope: Scope): BExpr | undefined {
  return castHook(adapt(p), e, scope);
}
