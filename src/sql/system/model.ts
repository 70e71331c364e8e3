/**
 * The catalog as PostgreSQL's system catalogs see it: schemas, relations (ours and the system
 * relations themselves), constraints with their own oids, column defaults, roles, and the
 * name ↔ oid lookups behind regclass, regtype, regnamespace and pg_table_is_visible().
 *
 * Check and foreign-key constraints and column defaults have no oid in our catalog; they get one
 * derived from their table's oid, in a range user objects never reach:
 *
 * | bits  | 31 | 30 … 10                 | 9 … 8                                | 7 … 0              |
 * |-------|----|-------------------------|--------------------------------------|--------------------|
 * | value | 1  | table oid (low 21 bits) | 0 check, 1 foreign key, 2 default     | index in the table |
 *
 * A primary key or unique constraint uses its index's oid (PostgreSQL gives it a separate one; no
 * client relies on the two differing).
 */
import type { Catalog, ForeignKeyInfo, IndexInfo, Relation, RoleInfo, SchemaInfo, TableInfo } from '../catalog.js';
import type { ReferentialAction } from '../ast.js';
import { SqlError } from '../errors.js';
import { resolveTypeName, typeOid } from '../types/index.js';
import { builtinTypeByName } from './builtin-types.js';
import { systemRelationByName, systemRelationByOid, systemRelations } from './registry.js';
import type { SystemRelationDef } from './relation.js';

export const pgCatalogOid = 11;
export const pgToastOid = 99;
export const informationSchemaOid = 13000;
/** pg_class, the classid of relations and constraints' owning objects in pg_depend. */
export const pgClassOid = 1259;
export const heapAmOid = 2;
export const btreeAmOid = 403;
/** The role owning public in PostgreSQL 15 (pg_database_owner). */
export const databaseOwnerRoleOid = 6171;
export const databaseOid = 5;

export interface ConstraintRow {
  readonly oid: number;
  readonly name: string;
  readonly type: 'p' | 'u' | 'c' | 'f';
  readonly table: TableInfo;
  /** The index of a primary key or unique constraint; for a foreign key, the referenced unique index. */
  readonly index: IndexInfo | null;
  /** 1-based column numbers. */
  readonly key: readonly number[];
  readonly refTable: TableInfo | null;
  readonly refKey: readonly number[];
  readonly fk: ForeignKeyInfo | null;
  /** CHECK expression text as written. */
  readonly check: string | null;
}

export interface AttrDefRow {
  readonly oid: number;
  readonly table: TableInfo;
  /** 1-based. */
  readonly adnum: number;
  readonly text: string;
}

function derivedOid(table: number, kind: number, i: number): number {
  return (0x80000000 | ((table & 0x1fffff) << 10) | (kind << 8) | (i & 0xff)) >>> 0;
}

/** Data derived from a catalog, cached while the catalog is frozen (committed catalogs never change). */
interface Derived {
  constraints?: ConstraintRow[];
  constraintByOid?: Map<number, ConstraintRow>;
  attrdefs?: AttrDefRow[];
}

const derivedCache = new WeakMap<Catalog, Derived>();

function derived(catalog: Catalog): Derived {
  if (!catalog.frozen) return {};
  let d = derivedCache.get(catalog);
  if (d === undefined) derivedCache.set(catalog, (d = {}));
  return d;
}

// ---- schemas ---------------------------------------------------------------------------------------

/** Schemas in PostgreSQL's physical order: pg_toast, pg_catalog, public, information_schema, then ours by oid. */
export function schemas(catalog: Catalog): SchemaInfo[] {
  const out: SchemaInfo[] = [{ kind: 'schema', oid: pgToastOid, name: 'pg_toast' }];
  for (const o of catalog.all()) if (o.kind === 'schema') out.push(o);
  const builtin = ['pg_toast', 'pg_catalog', 'public', 'information_schema'];
  const rank = (s: SchemaInfo): number => {
    const i = builtin.indexOf(s.name);
    return i >= 0 && s.oid < 16384 ? i : builtin.length;
  };
  return out.sort((a, b) => rank(a) - rank(b) || a.oid - b.oid);
}

export function schemaOid(catalog: Catalog, name: string): number {
  if (name === 'pg_toast') return pgToastOid;
  return catalog.schema(name)?.oid ?? 0;
}

export function schemaName(catalog: Catalog, oid: number): string | undefined {
  if (oid === pgToastOid) return 'pg_toast';
  const s = catalog.get(oid);
  return s !== undefined && s.kind === 'schema' ? s.name : undefined;
}

// ---- relations ---------------------------------------------------------------------------------------

/** A user relation or a system one. */
export type AnyRelation = Relation | SystemRelationDef;

export function isSystem(r: AnyRelation): r is SystemRelationDef {
  return r.kind === 'r' || r.kind === 'v';
}

/** The relation with this oid (ours or a system one). */
export function relationByOid(catalog: Catalog, oid: number): AnyRelation | undefined {
  const o = catalog.get(oid);
  if (o !== undefined) return o.kind === 'schema' || o.kind === 'role' ? undefined : o;
  return systemRelationByOid(oid);
}

/** pg_class.relkind. */
export function relkind(r: AnyRelation): string {
  if (isSystem(r)) return r.kind;
  switch (r.kind) {
    case 'table':
      return 'r';
    case 'index':
      return 'i';
    case 'sequence':
      return 'S';
    case 'view':
      return 'v';
  }
}

/** Every relation, ours and the system ones, by oid. */
export function allRelations(catalog: Catalog): AnyRelation[] {
  const out: AnyRelation[] = [...systemRelations()];
  for (const o of catalog.all()) if (o.kind !== 'schema' && o.kind !== 'role') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

/** The relation `name` as an unqualified name finds it along the search path (pg_catalog first unless listed). */
export function lookupUnqualified(catalog: Catalog, searchPath: readonly string[], name: string): AnyRelation | undefined {
  const path = searchPath.includes('pg_catalog') ? searchPath : ['pg_catalog', ...searchPath];
  for (const s of path) {
    const r = lookupIn(catalog, s, name);
    if (r !== undefined) return r;
  }
  return undefined;
}

export function lookupIn(catalog: Catalog, schema: string, name: string): AnyRelation | undefined {
  if (schema === 'pg_catalog' || schema === 'information_schema') {
    const sys = systemRelationByName(schema, name);
    if (sys !== undefined) return sys;
  }
  return catalog.relation(schema, name);
}

/** pg_table_is_visible: the relation is what its unqualified name finds. */
export function isVisible(catalog: Catalog, searchPath: readonly string[], r: AnyRelation): boolean {
  return lookupUnqualified(catalog, searchPath, r.name) === r;
}

// ---- names (regclass and friends) ------------------------------------------------------------------

/** quote_ident(): quotes unless the name is a plain lower-case identifier that is not a keyword. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !reservedWords.has(name)) return name;
  return '"' + name.replace(/"/g, '""') + '"';
}

/** Keywords quote_ident() must quote (reserved, column-name and type-function-name keywords). */
const reservedWords = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case ' +
    'cast char character check coalesce collate collation column concurrently constraint create cross current_catalog ' +
    'current_date current_role current_schema current_time current_timestamp current_user dec decimal default deferrable ' +
    'desc distinct do else end except exists extract false fetch float for foreign freeze from full grant greatest group ' +
    'grouping having ilike in initially inner inout int integer intersect interval into is isnull join lateral leading ' +
    'least left like limit localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric ' +
    'offset on only or order out outer overlaps overlay placing position precision primary real references returning ' +
    'right row select session_user setof similar smallint some substring symmetric system_user table tablesample then ' +
    'time timestamp to trailing treat trim true union unique user using values varchar variadic verbose when where window ' +
    'with xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'
  ).split(' '),
);

/** regclass output: the name, schema-qualified when the search path does not find it. */
export function regclassName(catalog: Catalog, searchPath: readonly string[], oid: number): string | undefined {
  const r = relationByOid(catalog, oid);
  if (r === undefined) return undefined;
  return isVisible(catalog, searchPath, r) ? quoteIdent(r.name) : `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`;
}

/** Split a possibly qualified, possibly quoted name: `a.b`, `"A"."b c"`, `A` (folded to lower case). */
export function splitQualifiedName(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  const s = text.trim();
  while (i <= s.length) {
    let part = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          break;
        }
        part += s[i++];
      }
      if (s[i] !== '"') throw new SqlError('42602', `invalid name syntax`);
      i++;
    } else {
      const start = i;
      while (i < s.length && s[i] !== '.') i++;
      part = s.slice(start, i).trim().toLowerCase();
      if (part === '') throw new SqlError('42602', `invalid name syntax`);
    }
    parts.push(part);
    if (i >= s.length) break;
    if (s[i] !== '.') throw new SqlError('42602', `invalid name syntax`);
    i++;
  }
  return parts;
}

/** regclass input: a relation name (qualified or found along the search path) or a number. */
export function regclassOid(catalog: Catalog, searchPath: readonly string[], text: string): number | undefined {
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  const parts = splitQualifiedName(text);
  let r: AnyRelation | undefined;
  if (parts.length === 1) r = lookupUnqualified(catalog, searchPath, parts[0]!);
  else if (parts.length === 2) r = lookupIn(catalog, parts[0]!, parts[1]!);
  else if (parts.length === 3) r = lookupIn(catalog, parts[1]!, parts[2]!);
  return r?.oid;
}

export function regclassOidOrThrow(catalog: Catalog, searchPath: readonly string[], text: string): number {
  const oid = regclassOid(catalog, searchPath, text);
  if (oid === undefined) throw new SqlError('42P01', `relation "${text}" does not exist`);
  return oid;
}

/** regtype input: a type name as SQL writes it (`int`, `character varying`, `text[]`, `pg_catalog.int4`, `_int4`). */
export function regtypeOid(text: string): number | undefined {
  let s = text.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s);
  s = s.replace(/^pg_catalog\./, '').replace(/^"(.*)"$/, '$1');
  let array = false;
  if (s.endsWith('[]')) {
    array = true;
    s = s.slice(0, -2).trim();
  }
  const m = /^([a-z_ ]+?)\s*(\([\d\s,]*\))?$/.exec(s);
  const base = m === null ? s : m[1]!.trim();
  const direct = builtinTypeByName(base);
  if (direct !== undefined) return array ? (direct.array === 0 ? undefined : direct.array) : direct.oid;
  try {
    return typeOid(resolveTypeName({ name: base === 'char' ? 'bpchar' : base, mods: [], array, pos: 0 }));
  } catch {
    return undefined;
  }
}

// ---- roles ----------------------------------------------------------------------------------------

export function roles(catalog: Catalog): RoleInfo[] {
  return catalog.roles();
}

export function roleName(catalog: Catalog, oid: number): string | undefined {
  const r = catalog.get(oid);
  return r !== undefined && r.kind === 'role' ? r.name : undefined;
}

// ---- constraints and defaults ------------------------------------------------------------------------

const actionCodes: Readonly<Record<ReferentialAction, string>> = { 'no action': 'a', restrict: 'r', cascade: 'c', 'set null': 'n', 'set default': 'd' };

export function actionCode(a: ReferentialAction): string {
  return actionCodes[a];
}

/** The unique index of `table` whose columns are exactly `cols` (in any order), primary key first. */
function referencedIndex(catalog: Catalog, table: number, cols: readonly number[]): IndexInfo | null {
  for (const ix of catalog.indexes(table)) {
    if (!ix.unique || ix.columns.length !== cols.length) continue;
    if (ix.columns.every((c) => cols.includes(c.attnum))) return ix;
  }
  return null;
}

function tables(catalog: Catalog): TableInfo[] {
  const out: TableInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'table') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

/** Every constraint, in the order PostgreSQL creates them for a CREATE TABLE: per table, keys, checks, foreign keys. */
export function constraints(catalog: Catalog): ConstraintRow[] {
  const d = derived(catalog);
  if (d.constraints !== undefined) return d.constraints;
  const out: ConstraintRow[] = [];
  for (const t of tables(catalog)) {
    for (const ix of catalog.indexes(t.oid)) {
      if (!ix.constraint) continue;
      out.push({ oid: ix.oid, name: ix.name, type: ix.primary ? 'p' : 'u', table: t, index: ix, key: ix.columns.map((c) => c.attnum + 1), refTable: null, refKey: [], fk: null, check: null });
    }
    t.checks.forEach((c, i) => {
      out.push({ oid: derivedOid(t.oid, 0, i), name: c.name, type: 'c', table: t, index: null, key: checkColumns(t, c.text), refTable: null, refKey: [], fk: null, check: c.text });
    });
    t.foreignKeys.forEach((fk, i) => {
      const ref = catalog.get(fk.refTable);
      const refTable = ref !== undefined && ref.kind === 'table' ? ref : null;
      out.push({
        oid: derivedOid(t.oid, 1, i),
        name: fk.name,
        type: 'f',
        table: t,
        index: refTable === null ? null : referencedIndex(catalog, refTable.oid, fk.refColumns),
        key: fk.columns.map((a) => a + 1),
        refTable,
        refKey: fk.refColumns.map((a) => a + 1),
        fk,
        check: null,
      });
    });
  }
  d.constraints = out;
  return out;
}

export function constraintByOid(catalog: Catalog, oid: number): ConstraintRow | undefined {
  const d = derived(catalog);
  if (d.constraintByOid === undefined) {
    const m = new Map<number, ConstraintRow>();
    for (const c of constraints(catalog)) m.set(c.oid, c);
    if (!catalog.frozen) return m.get(oid);
    d.constraintByOid = m;
  }
  return d.constraintByOid.get(oid);
}

/** Columns a CHECK expression mentions (1-based), by a scan of its identifiers. */
function checkColumns(t: TableInfo, text: string): number[] {
  const words = new Set<string>();
  const re = /"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)|'(?:[^']|'')*'/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] !== undefined) words.add(m[1].replace(/""/g, '"'));
    else if (m[2] !== undefined) words.add(m[2].toLowerCase());
  }
  const out: number[] = [];
  for (const c of t.columns) if (!c.dropped && words.has(c.name)) out.push(c.attnum + 1);
  return out;
}

/** Column defaults (pg_attrdef): every column with a default that is not an identity column. */
export function attrdefs(catalog: Catalog): AttrDefRow[] {
  const d = derived(catalog);
  if (d.attrdefs !== undefined) return d.attrdefs;
  const out: AttrDefRow[] = [];
  for (const t of tables(catalog)) {
    for (const c of t.columns) {
      if (c.dropped || c.default === null || c.identity !== null) continue;
      out.push({ oid: derivedOid(t.oid, 2, c.attnum), table: t, adnum: c.attnum + 1, text: c.default });
    }
  }
  d.attrdefs = out;
  return out;
}
