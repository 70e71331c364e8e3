/**
 * Catalog functions (format_type, pg_get_*def, pg_table_is_visible, size and privilege functions,
 * current_schemas, …) and the casts to PostgreSQL's object-identifier types (regclass from a name,
 * regtype, regnamespace, regrole, regproc), compiled by the planner's hook with the statement's
 * catalog and search path.
 *
 * regtype, regnamespace, regrole and regproc are not types of ours: a cast to one yields the oid
 * (type oid), found by name when the argument is text. Printing one as text goes through a cast
 * to text, which the hook recognises (`x::regtype::text` → the type's name), as do the
 * `x::regclass::text` forms clients use.
 */
import type * as ast from '../ast.js';
import type { Catalog, ViewInfo } from '../catalog.js';
import { storagePrefix } from '../catalog.js';
import { SqlError } from '../errors.js';
import type { BExpr } from '../expr.js';
import type { Runtime } from '../runtime.js';
import type { Scope } from '../scope.js';
import { castKind, parseValue, sqlType, T, type CoercionContext, type SqlType, type Value } from '../types/index.js';
import { formatTypeOid } from './builtin-types.js';
import { constraintDefByOid, exprDef, indexDef, viewDef } from './deparse.js';
import {
  isVisible,
  lookupIn,
  lookupUnqualified,
  quoteIdent,
  regclassName,
  regclassOid,
  regtypeOid,
  relationByOid,
  roleName,
  schemaName,
  schemaOid,
  splitQualifiedName,
  type AnyRelation,
} from './model.js';
import { backendPid } from './pg-catalog.js';

/** What the hook needs from the planner. */
export interface SystemPlanner {
  readonly rt: Runtime;
  readonly catalog: Catalog;
  readonly searchPath: readonly string[];
  compile(e: ast.Expr, scope: Scope): BExpr;
  tryCoerce(e: BExpr, to: SqlType, context: CoercionContext): BExpr | null;
  viewTypes(v: ViewInfo): readonly SqlType[];
}

/** Arguments, padded with NULLs to four. */
type Args = readonly [Value, Value, Value, Value];
type Impl = (args: Args) => Value;

interface Signature {
  readonly args: readonly SqlType[];
  readonly result: SqlType;
  readonly fn: Impl;
  /** A NULL argument gives NULL without calling fn (default true). */
  readonly strict?: boolean;
}

/**
 * Compile a call against the first signature its arguments fit (implicitly), or undefined. As in
 * PostgreSQL's resolution, an untyped literal prefers a signature taking a string there.
 */
function call(p: SystemPlanner, e: ast.FuncCall, scope: Scope, sigs: readonly Signature[]): BExpr | undefined {
  const compiled = e.args.map((a) => p.compile(a, scope));
  const unknownAt = compiled.map((c) => c.type.base === 'unknown' && !c.type.array);
  const stringy = (t: SqlType): boolean => !t.array && (t.base === 'text' || t.base === 'name' || t.base === 'varchar');
  const fits = sigs.filter((sig) => sig.args.length === compiled.length);
  const ordered = [...fits.filter((sig) => sig.args.every((t, i) => !unknownAt[i] || stringy(t))), ...fits.filter((sig) => !sig.args.every((t, i) => !unknownAt[i] || stringy(t)))];
  let failure: unknown = null;
  for (const sig of ordered) {
    const cast: BExpr[] = [];
    let ok = true;
    for (let i = 0; i < compiled.length; i++) {
      let c: BExpr | null;
      try {
        c = p.tryCoerce(compiled[i]!, sig.args[i]!, 'implicit');
      } catch (err) {
        failure ??= err;
        c = null;
      }
      if (c === null) {
        ok = false;
        break;
      }
      cast.push(c);
    }
    if (!ok) continue;
    const evs = cast.map((c) => c.ev);
    const strict = sig.strict ?? true;
    const fn = sig.fn;
    const name = e.name.name;
    return {
      type: sig.result,
      text: `${name}(${cast.map((c) => c.text).join(', ')})`,
      ev: (f) => {
        const vals = evs.map((ev) => ev(f));
        if (strict && vals.some((v) => v === null)) return null;
        return fn([vals[0] ?? null, vals[1] ?? null, vals[2] ?? null, vals[3] ?? null]);
      },
    };
  }
  if (failure !== null) throw failure;
  return undefined;
}

const nameArr = sqlType('name', -1, true);

function num(v: Value): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}

/**
 * Approximate on-disk size of a relation, in 8 kB pages: a table's rows (key, value and a heap
 * tuple's overhead), an index's entries (a primary key's entries are the table's row keys), at
 * least one page for an index or a sequence (PostgreSQL's metapage and sequence page).
 */
function relationBytes(p: SystemPlanner, r: AnyRelation | undefined): bigint {
  if (r === undefined || !('kind' in r)) return 0n;
  if (r.kind === 'sequence') return 8192n;
  if (r.kind !== 'table' && r.kind !== 'index') return 0n;
  const primary = r.kind === 'index' && r.primary;
  let bytes = 0;
  const prefix = storagePrefix(r.storage);
  const tx = p.rt.tx as { rangeLatest?: (o: { prefix: Uint8Array }) => Iterable<[Uint8Array, Uint8Array]>; range: (o: { prefix: Uint8Array }) => Iterable<[Uint8Array, Uint8Array]> };
  const scan = tx.rangeLatest !== undefined ? tx.rangeLatest({ prefix }) : tx.range({ prefix });
  let n = 0;
  for (const [k, v] of scan) {
    // A heap tuple's header and item pointer (28 bytes); an index tuple's (16 bytes).
    bytes += primary ? k.length + 16 : r.kind === 'index' ? k.length + v.length + 16 : k.length + v.length + 28;
    if ((++n & 4095) === 0) p.rt.check();
  }
  const pages = Math.ceil(bytes / 8192);
  return BigInt((r.kind === 'index' ? Math.max(1, pages) : pages) * 8192);
}

function indexesBytes(p: SystemPlanner, table: number): bigint {
  let total = 0n;
  for (const ix of p.catalog.indexes(table)) total += relationBytes(p, ix);
  return total;
}

/** pg_size_pretty: bytes, kB, MB, GB, TB, rounding half up at each step past 10240 of the unit below. */
export function sizePretty(bytes: bigint): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  const limit = 10n * 1024n;
  const neg = size < 0n;
  let abs = neg ? -size : size;
  let i = 0;
  if (abs < limit) return `${size} ${units[0]}`;
  // Each step halves with rounding (PostgreSQL shifts by 9 bits, rounds, then by 1).
  while (i < units.length - 1) {
    const next = abs >> 9n;
    const half = (next + 1n) >> 1n;
    i++;
    if (half < limit || i === units.length - 1) {
      abs = half;
      break;
    }
    abs = abs >> 10n;
  }
  size = neg ? -abs : abs;
  return `${size} ${units[i]}`;
}

function nameOfSchema(p: SystemPlanner, oid: number): string {
  const s = schemaName(p.catalog, oid);
  return s === undefined ? String(oid) : quoteIdent(s);
}

function relation(p: SystemPlanner, oid: Value): AnyRelation | undefined {
  return relationByOid(p.catalog, num(oid));
}

/** pg_get_serial_sequence(table, column): the owned sequence's qualified name, or NULL. */
function serialSequence(p: SystemPlanner, tableText: string, column: string): Value {
  const parts = splitQualifiedName(tableText);
  const r = parts.length === 1 ? lookupUnqualified(p.catalog, p.searchPath, parts[0]!) : lookupIn(p.catalog, parts[parts.length - 2]!, parts[parts.length - 1]!);
  if (r === undefined) throw new SqlError('42P01', `relation "${tableText}" does not exist`);
  if (!('kind' in r) || r.kind !== 'table') return null;
  // The column name is taken literally (PostgreSQL neither folds nor unquotes it).
  const colName = column;
  const col = r.columns.find((c) => !c.dropped && c.name === colName);
  if (col === undefined) throw new SqlError('42703', `column "${colName}" of relation "${r.name}" does not exist`);
  const seq = p.catalog.ownedSequences(r.oid).find((s) => s.ownedBy !== null && s.ownedBy.attnum === col.attnum);
  return seq === undefined ? null : `${quoteIdent(seq.schema)}.${quoteIdent(seq.name)}`;
}

function currentSchemas(p: SystemPlanner, implicit: boolean): Value {
  const out: string[] = [];
  for (const s of p.searchPath) if (p.catalog.schema(s) !== undefined && !out.includes(s)) out.push(s);
  const withoutCatalog = out.filter((s) => s !== 'pg_catalog');
  if (!implicit) return p.searchPath.includes('pg_catalog') && p.searchPath.indexOf('pg_catalog') < p.searchPath.length - 1 ? out : withoutCatalog;
  return out.includes('pg_catalog') && p.searchPath.indexOf('pg_catalog') < p.searchPath.length - 1 ? out : ['pg_catalog', ...withoutCatalog];
}

const alwaysTrue: Impl = () => true;
const nothing: Impl = () => null;

/** The catalog functions, by name: their signatures given the planner. */
function signatures(p: SystemPlanner, name: string): readonly Signature[] | undefined {
  const ctx = { catalog: p.catalog, searchPath: p.searchPath, viewTypes: (v: ViewInfo) => p.viewTypes(v) };
  switch (name) {
    case 'pg_get_userbyid':
      return [{ args: [T.oid], result: T.name, fn: ([o]) => roleName(p.catalog, num(o)) ?? `unknown (OID=${num(o)})` }];
    case 'pg_table_is_visible':
      return [
        {
          args: [T.oid],
          result: T.bool,
          fn: ([o]) => {
            const r = relation(p, o);
            return r === undefined ? null : isVisible(p.catalog, p.searchPath, r);
          },
        },
      ];
    case 'pg_type_is_visible':
    case 'pg_function_is_visible':
    case 'pg_operator_is_visible':
    case 'pg_opclass_is_visible':
    case 'pg_opfamily_is_visible':
    case 'pg_collation_is_visible':
    case 'pg_conversion_is_visible':
    case 'pg_statistics_obj_is_visible':
    case 'pg_ts_config_is_visible':
    case 'pg_ts_dict_is_visible':
    case 'pg_ts_parser_is_visible':
    case 'pg_ts_template_is_visible':
      return [{ args: [T.oid], result: T.bool, fn: alwaysTrue }];
    case 'format_type':
      return [{ args: [T.oid, T.int4], result: T.text, strict: false, fn: ([o, m]) => (o === null ? null : formatTypeOid(num(o), m === null ? null : num(m))) }];
    case 'pg_get_expr':
      return [
        { args: [T.text, T.oid], result: T.text, fn: ([t, r]) => getExpr(t as string, r, false) },
        { args: [T.text, T.oid, T.bool], result: T.text, fn: ([t, r, pr]) => getExpr(t as string, r, pr === true) },
      ];
    case 'pg_get_indexdef': {
      const f = (o: Value, col: number, pretty: boolean): Value => {
        const ix = p.catalog.get(num(o));
        return ix === undefined || ix.kind !== 'index' ? null : indexDef(ctx, ix, col, pretty);
      };
      return [
        { args: [T.oid], result: T.text, fn: ([o]) => f(o, 0, false) },
        { args: [T.oid, T.int4, T.bool], result: T.text, fn: ([o, c, pr]) => f(o, num(c), pr === true) },
      ];
    }
    case 'pg_get_constraintdef':
      return [
        { args: [T.oid], result: T.text, fn: ([o]) => constraintDefByOid(ctx, num(o), false) },
        { args: [T.oid, T.bool], result: T.text, fn: ([o, pr]) => constraintDefByOid(ctx, num(o), pr === true) },
      ];
    case 'pg_get_viewdef': {
      const byOid = (o: Value, pretty: boolean): Value => {
        const v = p.catalog.get(num(o));
        return v === undefined || v.kind !== 'view' ? null : viewDef(ctx, v, pretty);
      };
      const byName = (t: Value, pretty: boolean): Value => byOid(regclassOid(p.catalog, p.searchPath, t as string) ?? -1, pretty);
      return [
        { args: [T.oid], result: T.text, fn: ([o]) => byOid(o, false) },
        { args: [T.oid, T.bool], result: T.text, fn: ([o, pr]) => byOid(o, pr === true) },
        { args: [T.oid, T.int4], result: T.text, fn: ([o]) => byOid(o, true) },
        { args: [T.text], result: T.text, fn: ([t]) => byName(t, false) },
        { args: [T.text, T.bool], result: T.text, fn: ([t, pr]) => byName(t, pr === true) },
      ];
    }
    case 'pg_get_serial_sequence':
      return [{ args: [T.text, T.text], result: T.text, fn: ([t, c]) => serialSequence(p, t as string, c as string) }];
    case 'pg_get_triggerdef':
    case 'pg_get_ruledef':
      return [
        { args: [T.oid], result: T.text, fn: nothing },
        { args: [T.oid, T.bool], result: T.text, fn: nothing },
      ];
    case 'pg_get_statisticsobjdef':
    case 'pg_get_statisticsobjdef_columns':
    case 'pg_get_functiondef':
    case 'pg_get_function_arguments':
    case 'pg_get_function_identity_arguments':
    case 'pg_get_function_result':
    case 'pg_get_partkeydef':
    case 'pg_get_partition_constraintdef':
      return [{ args: [T.oid], result: T.text, fn: nothing }];
    case 'pg_relation_is_publishable':
      return [{ args: [T.oid], result: T.bool, fn: ([o]) => relation(p, o) !== undefined }];
    case 'pg_partition_ancestors':
    case 'pg_partition_root':
      // No partitioning: a relation is its own (only) ancestor and root.
      return [{ args: [T.regclass], result: T.regclass, fn: ([o]) => o }];
    case 'pg_tablespace_location':
      return [{ args: [T.oid], result: T.text, fn: () => '' }];
    case 'obj_description':
      return [
        { args: [T.oid], result: T.text, strict: false, fn: nothing },
        { args: [T.oid, T.name], result: T.text, strict: false, fn: nothing },
      ];
    case 'col_description':
      return [{ args: [T.oid, T.int4], result: T.text, strict: false, fn: nothing }];
    case 'shobj_description':
      return [{ args: [T.oid, T.name], result: T.text, strict: false, fn: nothing }];
    case 'getdatabaseencoding':
      return [{ args: [], result: T.name, fn: () => 'UTF8' }];
    case 'pg_encoding_to_char':
      return [{ args: [T.int4], result: T.name, fn: ([n]) => (num(n) === 6 ? 'UTF8' : num(n) === 0 ? 'SQL_ASCII' : '') }];
    case 'pg_char_to_encoding':
      return [{ args: [T.name], result: T.int4, fn: ([s]) => ((s as string).toUpperCase().replace(/[-_]/g, '') === 'UTF8' ? 6 : (s as string).toUpperCase() === 'SQL_ASCII' ? 0 : -1) }];
    case 'pg_relation_size':
      return [
        { args: [T.regclass], result: T.int8, fn: ([o]) => relationBytes(p, relation(p, o)) },
        { args: [T.regclass, T.text], result: T.int8, fn: ([o, fork]) => (fork === 'main' ? relationBytes(p, relation(p, o)) : 0n) },
      ];
    case 'pg_table_size':
      return [{ args: [T.regclass], result: T.int8, fn: ([o]) => relationBytes(p, relation(p, o)) }];
    case 'pg_indexes_size':
      return [{ args: [T.regclass], result: T.int8, fn: ([o]) => indexesBytes(p, num(o)) }];
    case 'pg_total_relation_size':
      return [{ args: [T.regclass], result: T.int8, fn: ([o]) => relationBytes(p, relation(p, o)) + indexesBytes(p, num(o)) }];
    case 'pg_database_size': {
      const all = (): bigint => {
        let total = 0n;
        for (const o of p.catalog.all()) if (o.kind === 'table' || o.kind === 'index') total += relationBytes(p, o);
        return total + 7_700_000n;
      };
      return [
        { args: [T.name], result: T.int8, fn: all },
        { args: [T.oid], result: T.int8, fn: all },
      ];
    }
    case 'pg_size_pretty':
      return [
        { args: [T.int8], result: T.text, fn: ([b]) => sizePretty(b as bigint) },
        { args: [T.numeric], result: T.text, fn: ([b]) => sizePretty(BigInt((b as { toString(): string }).toString().replace(/\..*$/, ''))) },
      ];
    case 'has_table_privilege':
    case 'has_schema_privilege':
    case 'has_database_privilege':
    case 'has_sequence_privilege':
    case 'has_function_privilege':
    case 'has_column_privilege':
    case 'has_any_column_privilege':
    case 'has_tablespace_privilege':
    case 'has_type_privilege':
    case 'has_language_privilege':
    case 'has_foreign_data_wrapper_privilege':
    case 'has_server_privilege':
    case 'pg_has_role':
      // No privilege system: every role may do everything (as a superuser may).
      return [
        { args: [T.text, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.oid, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.text, T.text, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.name, T.text, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.name, T.oid, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.oid, T.text, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.text, T.text, T.text, T.text], result: T.bool, fn: alwaysTrue },
        { args: [T.oid, T.int2, T.text], result: T.bool, fn: alwaysTrue },
      ];
    case 'current_schemas':
      return [{ args: [T.bool], result: nameArr, fn: ([b]) => currentSchemas(p, b === true) }];
    case 'pg_backend_pid':
      return [{ args: [], result: T.int4, fn: () => backendPid(p) }];
    case 'pg_postmaster_start_time':
    case 'pg_conf_load_time':
      return [{ args: [], result: T.timestamptz, fn: () => startTime }];
    case 'pg_is_in_recovery':
    case 'pg_jit_available':
    case 'row_security_active':
      return name === 'row_security_active' ? [{ args: [T.oid], result: T.bool, fn: () => false }, { args: [T.text], result: T.bool, fn: () => false }] : [{ args: [], result: T.bool, fn: () => false }];
    case 'to_regclass':
      return [{ args: [T.text], result: T.regclass, fn: ([t]) => safe(() => regclassOid(p.catalog, p.searchPath, t as string)) ?? null }];
    case 'to_regtype':
      return [{ args: [T.text], result: T.oid, fn: ([t]) => regtypeOid(t as string) ?? null }];
    case 'to_regnamespace':
      return [{ args: [T.text], result: T.oid, fn: ([t]) => p.catalog.schema(t as string)?.oid ?? null }];
    case 'to_regrole':
      return [{ args: [T.text], result: T.oid, fn: ([t]) => p.catalog.role(t as string)?.oid ?? null }];
    case 'inet_server_addr':
    case 'inet_client_addr':
      return [{ args: [], result: T.text, strict: false, fn: nothing }];
    case 'inet_server_port':
    case 'inet_client_port':
      return [{ args: [], result: T.int4, strict: false, fn: nothing }];
    default:
      return undefined;
  }

  function getExpr(text: string, rel: Value, pretty: boolean): Value {
    const r = rel === null ? undefined : relationByOid(p.catalog, num(rel));
    const table = r !== undefined && 'kind' in r && r.kind === 'table' ? r : null;
    return exprDef(ctx, table, text, pretty);
  }
}

const startTime = BigInt(Date.now() - 946_684_800_000) * 1000n;

function safe<R>(fn: () => R): R | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The hook for calls: a catalog function, or undefined (not one of ours). */
export function systemFunction(p: SystemPlanner, e: ast.FuncCall, scope: Scope): BExpr | undefined {
  if (e.name.schema !== null && e.name.schema !== 'pg_catalog') return undefined;
  const sigs = signatures(p, e.name.name);
  if (sigs === undefined) return undefined;
  return call(p, e, scope, sigs);
}

// ---- object identifier casts ---------------------------------------------------------------------------------

const regNames = new Set(['regclass', 'regtype', 'regproc', 'regprocedure', 'regnamespace', 'regrole', 'regoper', 'regoperator', 'regcollation', 'regconfig', 'regdictionary']);

function isTextual(t: SqlType): boolean {
  return !t.array && (t.base === 'unknown' || t.base === 'text' || t.base === 'varchar' || t.base === 'name' || t.base === 'bpchar');
}

/** The oid an object name denotes for reg type `reg`. */
function regIn(p: SystemPlanner, reg: string, text: string): number {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  switch (reg) {
    case 'regclass': {
      const o = regclassOid(p.catalog, p.searchPath, s);
      if (o === undefined) throw new SqlError('42P01', `relation "${s}" does not exist`);
      return o;
    }
    case 'regtype': {
      const o = regtypeOid(s);
      if (o === undefined) throw new SqlError('42704', `type "${s}" does not exist`);
      return o;
    }
    case 'regnamespace': {
      const parts = splitQualifiedName(s);
      const o = parts.length === 1 ? schemaOid(p.catalog, parts[0]!) : 0;
      if (o === 0) throw new SqlError('3F000', `schema "${s}" does not exist`);
      return o;
    }
    case 'regrole': {
      const parts = splitQualifiedName(s);
      const r = parts.length === 1 ? p.catalog.role(parts[0]!) : undefined;
      if (r === undefined) throw new SqlError('42704', `role "${s}" does not exist`);
      return r.oid;
    }
    case 'regproc':
    case 'regprocedure':
      throw new SqlError('42883', `function "${s}" does not exist`);
    default:
      throw new SqlError('42704', `${reg} "${s}" does not exist`);
  }
}

/** How reg type `reg` prints an oid. */
function regOut(p: SystemPlanner, reg: string, oid: number): string {
  switch (reg) {
    case 'regclass':
      return regclassName(p.catalog, p.searchPath, oid) ?? String(oid);
    case 'regtype': {
      if (oid === 0) return '-';
      const s = formatTypeOid(oid, null);
      return s === '???' ? String(oid) : s;
    }
    case 'regnamespace':
      return oid === 0 ? '-' : nameOfSchema(p, oid);
    case 'regrole': {
      if (oid === 0) return '-';
      const n = roleName(p.catalog, oid);
      return n === undefined ? String(oid) : quoteIdent(n);
    }
    default:
      return oid === 0 ? '-' : String(oid);
  }
}

/** `x::regtype` (and the other reg types), `'name'::regclass`, and `x::regclass::text`; undefined: not ours. */
export function systemCast(p: SystemPlanner, e: ast.Cast, scope: Scope): BExpr | undefined {
  const target = e.type.name;
  if (regNames.has(target)) return regCast(p, e, scope, target);
  if (target === 'int2vector' || target === 'oidvector') {
    return p.compile({ ...e, type: { ...e.type, name: target === 'int2vector' ? 'int2' : 'oid', array: true } }, scope);
  }
  if ((target === 'text' || target === 'varchar' || target === 'name') && !e.type.array && e.arg.kind === 'cast' && regNames.has(e.arg.type.name) && !e.arg.type.array) {
    const inner = regCast(p, e.arg, scope, e.arg.type.name) ?? p.compile(e.arg, scope);
    const reg = e.arg.type.name;
    const ev = inner.ev;
    const out: BExpr = { type: T.text, text: `(${inner.text})::text`, ev: (f) => {
      const v = ev(f);
      return v === null ? null : regOut(p, reg, num(v));
    } };
    if (target === 'text') return out;
    return p.tryCoerce(out, target === 'name' ? T.name : T.varchar, 'explicit') ?? undefined;
  }
  return undefined;
}

function regCast(p: SystemPlanner, e: ast.Cast, scope: Scope, reg: string): BExpr | undefined {
  const arg = p.compile(e.arg, scope);
  const resultBase = reg === 'regclass' ? T.regclass : T.oid;
  if (e.type.array) {
    // '{int,int8}'::regtype[]: each element by name.
    if (!isTextual(arg.type)) return undefined;
    const ev = arg.ev;
    const ctx = p.rt;
    return {
      type: sqlType(resultBase.base, -1, true),
      text: `(${arg.text})::${reg}[]`,
      ev: (f) => {
        const v = ev(f);
        if (v === null) return null;
        const items = parseValue(sqlType('text', -1, true), v as string, ctx.ctx) as readonly Value[];
        return items.map((x) => (x === null ? null : regIn(p, reg, x as string)));
      },
    };
  }
  if (isTextual(arg.type)) {
    const ev = arg.ev;
    const out: BExpr = {
      type: resultBase,
      text: `(${arg.text})::${reg}`,
      ev: (f) => {
        const v = ev(f);
        return v === null ? null : regIn(p, reg, v as string);
      },
    };
    if (arg.constant === true || arg.lit !== undefined) {
      // A literal is looked up once, now (as PostgreSQL folds it): an unknown name fails the statement.
      const v = out.ev({ row: [], outer: null });
      return { type: resultBase, text: out.text, ev: () => v, constant: true };
    }
    return out;
  }
  if (reg === 'regclass') return undefined;
  if (castKind(arg.type, T.oid) === null && arg.type.base !== 'oid') return undefined;
  return p.tryCoerce(arg, T.oid, 'explicit') ?? undefined;
}

// ---- regclass I/O for the session's type context ----------------------------------------------------------

/** Names for regclass values (the session puts them in its TypeContext): print a relation by name, read one by name. */
export function oidNames(catalog: Catalog, searchPath: readonly string[]): { regclassName(oid: number): string | undefined; regclassOid(text: string): number | undefined } {
  return {
    regclassName: (oid) => regclassName(catalog, searchPath, oid),
    regclassOid: (text) => safe(() => regclassOid(catalog, searchPath, text)),
  };
}

