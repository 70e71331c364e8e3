/**
 * pg_catalog's relations, computed from our catalog. Column lists and types are PostgreSQL 15's
 * (types we do not have are represented by the nearest one: int2vector as smallint[], oidvector
 * as oid[], regproc and xid as oid, pg_node_tree and aclitem as text). Relations for features
 * BasaltDB does not have (inheritance, partitioning, triggers, policies, publications, extensions,
 * rules, comments) are empty, as they are in a fresh PostgreSQL database.
 */
import type { Catalog, ColumnInfo, IndexInfo, RoleInfo, SequenceInfo, TableInfo, ViewInfo } from '../catalog.js';
import type { Row } from '../runtime.js';
import { settingDefs } from '../settings.js';
import { parseValue, T, typeOid, type SqlType, type Value } from '../types/index.js';
import { builtinOfType, builtinTypes, formatTypeOid, pgTypmod } from './builtin-types.js';
import { defaultNodeTree, indexDef, viewDef } from './deparse.js';
import {
  actionCode,
  allRelations,
  attrdefs,
  btreeAmOid,
  constraints,
  databaseOid,
  databaseOwnerRoleOid,
  heapAmOid,
  isSystem,
  pgCatalogOid,
  pgClassOid,
  relkind,
  roleName,
  roles,
  schemaOid,
  schemas,
  type AnyRelation,
} from './model.js';
import { columns, type SystemColumn, type SystemContext, type SystemRelationDef } from './relation.js';

const bootstrapOid = 10;

function def(name: string, oid: number, kind: 'r' | 'v', spec: string, rows: (ctx: SystemContext) => Row[]): SystemRelationDef {
  const cols = columns(spec);
  return { schema: 'pg_catalog', name, oid, kind, columns: cols, rows: (ctx) => fit(name, cols, rows(ctx)) };
}

/** Rows must match the column list (a programmer error otherwise). */
function fit(name: string, cols: readonly SystemColumn[], rows: Row[]): Row[] {
  for (const r of rows) if (r.length !== cols.length) throw new Error(`pg_catalog.${name}: a row of ${r.length} values for ${cols.length} columns`);
  return rows;
}

const empty = (): Row[] => [];

function ownerName(ctx: SystemContext): string {
  return roleName(ctx.catalog, bootstrapOid) ?? 'postgres';
}

// ---- relations -------------------------------------------------------------------------------

function tablesOf(catalog: Catalog): TableInfo[] {
  const out: TableInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'table') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

function indexesOf(catalog: Catalog): IndexInfo[] {
  const out: IndexInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'index') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

function sequencesOf(catalog: Catalog): SequenceInfo[] {
  const out: SequenceInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'sequence') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

function viewsOf(catalog: Catalog): ViewInfo[] {
  const out: ViewInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'view') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

function hasTriggers(catalog: Catalog, t: TableInfo): boolean {
  return t.foreignKeys.length > 0 || catalog.referencing(t.oid).length > 0;
}

function relnatts(r: AnyRelation): number {
  if (isSystem(r)) return r.columns.length;
  switch (r.kind) {
    case 'table':
      return r.columns.length;
    case 'index':
      return r.columns.length;
    case 'sequence':
      return 3;
    case 'view':
      return r.columns.length;
  }
}

function classRow(ctx: SystemContext, r: AnyRelation): Row {
  const catalog = ctx.catalog;
  const kind = relkind(r);
  const table = !isSystem(r) && r.kind === 'table' ? r : null;
  const am = kind === 'r' ? heapAmOid : kind === 'i' ? btreeAmOid : 0;
  const storage = !isSystem(r) && (r.kind === 'table' || r.kind === 'index') ? r.storage : 0;
  const hasIndex = table !== null && catalog.indexes(table.oid).length > 0;
  return [
    r.oid,
    r.name,
    schemaOid(catalog, r.schema),
    0, // reltype
    0, // reloftype
    bootstrapOid,
    am,
    kind === 'v' || isSystem(r) ? 0 : storage === 0 ? r.oid : storage,
    0, // reltablespace
    0, // relpages
    kind === 'S' || kind === 'v' ? 0 : -1, // reltuples
    0, // relallvisible
    0, // reltoastrelid
    hasIndex,
    false, // relisshared
    'p',
    kind,
    relnatts(r),
    table === null ? 0 : table.checks.length,
    kind === 'v', // relhasrules: a view is its _RETURN rule
    table !== null && hasTriggers(catalog, table),
    false, // relhassubclass
    false, // relrowsecurity
    false, // relforcerowsecurity
    true, // relispopulated
    kind === 'r' ? 'd' : 'n',
    false, // relispartition
    0, // relrewrite
    0, // relfrozenxid
    0, // relminmxid
    null, // relacl
    null, // reloptions
    null, // relpartbound
  ];
}

const pgClass = def(
  'pg_class',
  1259,
  'r',
  `oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid relfilenode:oid reltablespace:oid
   relpages:int4 reltuples:float4 relallvisible:int4 reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char
   relkind:char relnatts:int2 relchecks:int2 relhasrules:bool relhastriggers:bool relhassubclass:bool relrowsecurity:bool
   relforcerowsecurity:bool relispopulated:bool relreplident:char relispartition:bool relrewrite:oid relfrozenxid:xid
   relminmxid:xid relacl:_aclitem reloptions:_text relpartbound:pg_node_tree`,
  (ctx) => allRelations(ctx.catalog).map((r) => classRow(ctx, r)),
);

const pgNamespace = def('pg_namespace', 2615, 'r', 'oid:oid nspname:name nspowner:oid nspacl:_aclitem', (ctx) =>
  schemas(ctx.catalog).map((s) => [s.oid, s.name, s.name === 'public' ? databaseOwnerRoleOid : bootstrapOid, null]),
);

// ---- columns -------------------------------------------------------------------------------------

function attributeRow(relid: number, name: string, type: SqlType | null, attnum: number, notNull: boolean, hasDefault: boolean, identity: string, dropped: boolean): Row {
  const b = type === null ? null : builtinOfType(type);
  return [
    relid,
    name,
    type === null ? 0 : typeOid(type),
    -1, // attstattarget
    b === null ? 0 : b.len,
    attnum,
    type !== null && type.array ? 1 : 0,
    -1, // attcacheoff
    type === null ? -1 : pgTypmod(type),
    b === null ? false : b.byval,
    b === null ? 'i' : b.align,
    b === null ? 'p' : b.storage,
    '', // attcompression
    notNull,
    hasDefault,
    false, // atthasmissing
    identity,
    '', // attgenerated
    dropped,
    true, // attislocal
    0, // attinhcount
    b === null ? 0 : b.collation,
    null,
    null,
    null,
    null,
  ];
}

function tableAttributes(t: TableInfo): Row[] {
  return t.columns.map((c: ColumnInfo) => {
    const n = c.attnum + 1;
    if (c.dropped) return attributeRow(t.oid, `........pg.dropped.${n}........`, null, n, false, false, '', true);
    const identity = c.identity === 'always' ? 'a' : c.identity === 'by default' ? 'd' : '';
    return attributeRow(t.oid, c.name, c.type, n, c.notNull, c.default !== null && c.identity === null, identity, false);
  });
}

/** A catalog table's fixed-width columns are NOT NULL (PostgreSQL's rule for its bootstrap catalogs); view columns never are. */
function catalogNotNull(r: SystemRelationDef, t: SqlType): boolean {
  return r.kind === 'r' && !t.array && builtinOfType(t).len > 0;
}

function relationAttributes(ctx: SystemContext, r: AnyRelation): Row[] {
  if (isSystem(r)) return r.columns.map((c, i) => attributeRow(r.oid, c.name, c.type, i + 1, catalogNotNull(r, c.type), false, '', false));
  switch (r.kind) {
    case 'table':
      return tableAttributes(r);
    case 'index': {
      const t = ctx.catalog.get(r.table);
      if (t === undefined || t.kind !== 'table') return [];
      return r.columns.map((ic, i) => {
        const c = t.columns[ic.attnum]!;
        return attributeRow(r.oid, c.name, c.type, i + 1, false, false, '', false);
      });
    }
    case 'sequence':
      return [
        attributeRow(r.oid, 'last_value', T.int8, 1, true, false, '', false),
        attributeRow(r.oid, 'log_cnt', T.int8, 2, true, false, '', false),
        attributeRow(r.oid, 'is_called', T.bool, 3, true, false, '', false),
      ];
    case 'view': {
      const types = ctx.viewTypes(r);
      return r.columns.map((name, i) => attributeRow(r.oid, name, types[i] ?? T.text, i + 1, false, false, '', false));
    }
  }
}

const pgAttribute = def(
  'pg_attribute',
  1249,
  'r',
  `attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 attndims:int4 attcacheoff:int4
   atttypmod:int4 attbyval:bool attalign:char attstorage:char attcompression:char attnotnull:bool atthasdef:bool
   atthasmissing:bool attidentity:char attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4
   attcollation:oid attacl:_aclitem attoptions:_text attfdwoptions:_text attmissingval:anyarray`,
  (ctx) => allRelations(ctx.catalog).flatMap((r) => relationAttributes(ctx, r)),
);

const pgAttrdef = def('pg_attrdef', 2604, 'r', 'oid:oid adrelid:oid adnum:int2 adbin:pg_node_tree', (ctx) =>
  attrdefs(ctx.catalog).map((d) => [d.oid, d.table.oid, d.adnum, defaultNodeTree(d.adnum, d.text)]),
);

// ---- types -----------------------------------------------------------------------------------------

const pgType = def(
  'pg_type',
  1247,
  'r',
  `oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char typcategory:char
   typispreferred:bool typisdefined:bool typdelim:char typrelid:oid typsubscript:regproc typelem:oid typarray:oid
   typinput:regproc typoutput:regproc typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc
   typanalyze:regproc typalign:char typstorage:char typnotnull:bool typbasetype:oid typtypmod:int4 typndims:int4
   typcollation:oid typdefaultbin:pg_node_tree typdefault:text typacl:_aclitem`,
  () =>
    builtinTypes.map((t) => [
      t.oid,
      t.name,
      pgCatalogOid,
      bootstrapOid,
      t.len,
      t.byval,
      t.kind,
      t.category,
      t.preferred,
      true,
      ',',
      0,
      0,
      t.elem,
      t.array,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      t.align,
      t.storage,
      false,
      0,
      -1,
      0,
      t.collation,
      null,
      null,
      null,
    ]),
);

// ---- indexes and constraints ------------------------------------------------------------------------

/** Default btree operator classes by type oid (varchar uses text_ops, regclass oid_ops). */
const opclassSpec = `
1978 int4_ops 23 1976
1979 int2_ops 21 1976
1981 oid_ops 26 1989
3122 date_ops 1082 434
3123 float8_ops 701 1970
3124 int8_ops 20 1976
3125 numeric_ops 1700 1988
3126 text_ops 25 1994
3127 timestamptz_ops 1184 434
3128 timestamp_ops 1114 434
10003 bool_ops 16 424
10004 bpchar_ops 1042 426
10006 bytea_ops 17 428
10007 char_ops 18 429
10012 float4_ops 700 1970
10022 interval_ops 1186 1982
10028 name_ops 19 1994
10038 time_ops 1083 1996
10065 uuid_ops 2950 2968
10088 jsonb_ops 3802 4033
`;

const opclasses = opclassSpec
  .trim()
  .split('\n')
  .map((l) => {
    const [oid, name, type, family] = l.split(' ');
    return { oid: Number(oid), name: name!, type: Number(type), family: Number(family) };
  });

function opclassOf(t: SqlType): number {
  const oid = t.array ? 0 : t.base === 'varchar' ? 25 : t.base === 'regclass' ? 26 : typeOid(t);
  return opclasses.find((o) => o.type === oid)?.oid ?? 0;
}

function indexRow(catalog: Catalog, ix: IndexInfo): Row {
  const t = catalog.get(ix.table) as TableInfo;
  const cols = ix.columns.map((c) => t.columns[c.attnum]!);
  return [
    ix.oid,
    ix.table,
    ix.columns.length,
    ix.columns.length,
    ix.unique,
    ix.nullsNotDistinct === true,
    ix.primary,
    false, // indisexclusion
    true, // indimmediate
    false, // indisclustered
    true, // indisvalid
    false, // indcheckxmin
    true, // indisready
    true, // indislive
    false, // indisreplident
    ix.columns.map((c) => c.attnum + 1),
    cols.map((c) => builtinOfType(c.type).collation),
    cols.map((c) => opclassOf(c.type)),
    ix.columns.map((c) => (c.desc ? 1 : 0) | (c.nullsFirst ? 2 : 0)),
    null,
    null,
  ];
}

const pgIndex = def(
  'pg_index',
  2610,
  'r',
  `indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool indnullsnotdistinct:bool indisprimary:bool
   indisexclusion:bool indimmediate:bool indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool
   indislive:bool indisreplident:bool indkey:int2vector indcollation:oidvector indclass:oidvector indoption:int2vector
   indexprs:pg_node_tree indpred:pg_node_tree`,
  (ctx) => indexesOf(ctx.catalog).map((ix) => indexRow(ctx.catalog, ix)),
);

const pgConstraint = def(
  'pg_constraint',
  2606,
  'r',
  `oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool convalidated:bool conrelid:oid
   contypid:oid conindid:oid conparentid:oid confrelid:oid confupdtype:char confdeltype:char confmatchtype:char
   conislocal:bool coninhcount:int4 connoinherit:bool conkey:_int2 confkey:_int2 conpfeqop:_oid conppeqop:_oid
   conffeqop:_oid confdelsetcols:_int2 conexclop:_oid conbin:pg_node_tree`,
  (ctx) =>
    constraints(ctx.catalog).map((c) => [
      c.oid,
      c.name,
      schemaOid(ctx.catalog, c.table.schema),
      c.type,
      false,
      false,
      true,
      c.table.oid,
      0,
      c.index === null ? 0 : c.index.oid,
      0,
      c.refTable === null ? 0 : c.refTable.oid,
      c.fk === null ? ' ' : actionCode(c.fk.onUpdate),
      c.fk === null ? ' ' : actionCode(c.fk.onDelete),
      c.fk === null ? ' ' : 's',
      true,
      0,
      c.type !== 'c',
      c.key,
      c.type === 'f' ? c.refKey : null,
      null,
      null,
      null,
      null,
      null,
      c.check,
    ]),
);

const pgSequence = def(
  'pg_sequence',
  2224,
  'r',
  'seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 seqcache:int8 seqcycle:bool',
  (ctx) => sequencesOf(ctx.catalog).map((s) => [s.oid, typeOid(seqType(s)), s.start, s.increment, s.max, s.min, 1n, s.cycle]),
);

function seqType(s: SequenceInfo): SqlType {
  return s.type === 'int2' ? T.int2 : s.type === 'int4' ? T.int4 : T.int8;
}

/** pg_depend: what psql and pg_get_serial_sequence read — sequences owned by columns ('a' serial, 'i' identity). */
const pgDepend = def(
  'pg_depend',
  2608,
  'r',
  'classid:oid objid:oid objsubid:int4 refclassid:oid refobjid:oid refobjsubid:int4 deptype:char',
  (ctx) => {
    const out: Row[] = [];
    for (const s of sequencesOf(ctx.catalog)) {
      if (s.ownedBy === null) continue;
      const t = ctx.catalog.get(s.ownedBy.table);
      const col = t !== undefined && t.kind === 'table' ? t.columns[s.ownedBy.attnum] : undefined;
      const identity = col !== undefined && col.identity !== null;
      out.push([pgClassOid, s.oid, 0, pgClassOid, s.ownedBy.table, s.ownedBy.attnum + 1, identity ? 'i' : 'a']);
    }
    return out;
  },
);

// ---- database, roles, settings -----------------------------------------------------------------------

const pgDatabase = def(
  'pg_database',
  1262,
  'r',
  `oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool datallowconn:bool datconnlimit:int4
   datfrozenxid:xid datminmxid:xid dattablespace:oid datcollate:text datctype:text daticulocale:text datcollversion:text
   datacl:_aclitem`,
  (ctx) => [[databaseOid, ctx.rt.services.databaseName, bootstrapOid, 6, 'c', false, true, -1, 0, 1, 1663, 'C.UTF-8', 'C.UTF-8', null, null, null]],
);

function validUntil(ctx: SystemContext, r: RoleInfo): Value {
  return r.validUntil === null ? null : parseValue(T.timestamptz, r.validUntil, ctx.rt.ctx);
}

const pgAuthid = def(
  'pg_authid',
  1260,
  'r',
  `oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool
   rolreplication:bool rolbypassrls:bool rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz`,
  (ctx) => roles(ctx.catalog).map((r) => [r.oid, r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.login, r.replication, r.bypassrls, r.connectionLimit, r.password, validUntil(ctx, r)]),
);

const pgRoles = def(
  'pg_roles',
  12000,
  'v',
  `rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool rolcanlogin:bool rolreplication:bool
   rolconnlimit:int4 rolpassword:text rolvaliduntil:timestamptz rolbypassrls:bool rolconfig:_text oid:oid`,
  (ctx) => roles(ctx.catalog).map((r) => [r.name, r.superuser, r.inherit, r.createrole, r.createdb, r.login, r.replication, r.connectionLimit, '********', validUntil(ctx, r), r.bypassrls, null, r.oid]),
);

const userColumns = 'usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool usebypassrls:bool passwd:text valuntil:timestamptz useconfig:_text';

const pgUser = def('pg_user', 12014, 'v', userColumns, (ctx) =>
  roles(ctx.catalog)
    .filter((r) => r.login)
    .map((r) => [r.name, r.oid, r.createdb, r.superuser, r.replication, r.bypassrls, '********', validUntil(ctx, r), null]),
);

const pgShadow = def('pg_shadow', 12005, 'v', userColumns, (ctx) =>
  roles(ctx.catalog)
    .filter((r) => r.login)
    .map((r) => [r.name, r.oid, r.createdb, r.superuser, r.replication, r.bypassrls, r.password, validUntil(ctx, r), null]),
);

const pgAuthMembers = def('pg_auth_members', 1261, 'r', 'roleid:oid member:oid grantor:oid admin_option:bool', (ctx) =>
  roles(ctx.catalog).flatMap((r) => (r.memberOf ?? []).map((m) => [m.role, r.oid, m.grantor, m.admin])),
);

const pgSettings = def(
  'pg_settings',
  12104,
  'v',
  `name:text setting:text unit:text category:text short_desc:text extra_desc:text context:text vartype:text source:text
   min_val:text max_val:text enumvals:_text boot_val:text reset_val:text sourcefile:text sourceline:int4 pending_restart:bool`,
  (ctx) => {
    const out: Row[] = [];
    for (const [key, d] of [...settingDefs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      let value: string | undefined;
      try {
        value = ctx.rt.services.setting(key);
      } catch {
        value = d.default;
      }
      const timeout = key.endsWith('timeout');
      const setting = value ?? d.default;
      const source = setting === d.default ? 'default' : 'session';
      out.push([d.display, setting, timeout ? 'ms' : null, 'Client Connection Defaults', d.description, null, d.readOnly === true ? 'internal' : 'user', timeout ? 'integer' : 'string', source, null, null, null, d.default, d.default, null, null, false]);
    }
    return out;
  },
);

const pgTablespace = def('pg_tablespace', 1213, 'r', 'oid:oid spcname:name spcowner:oid spcacl:_aclitem spcoptions:_text', () => [
  [1663, 'pg_default', bootstrapOid, null, null],
  [1664, 'pg_global', bootstrapOid, null, null],
]);

const pgAm = def('pg_am', 2601, 'r', 'oid:oid amname:name amhandler:regproc amtype:char', () => [
  [2, 'heap', 0, 't'],
  [403, 'btree', 0, 'i'],
  [405, 'hash', 0, 'i'],
  [783, 'gist', 0, 'i'],
  [2742, 'gin', 0, 'i'],
  [4000, 'spgist', 0, 'i'],
  [3580, 'brin', 0, 'i'],
]);

const pgOpclass = def(
  'pg_opclass',
  2616,
  'r',
  'oid:oid opcmethod:oid opcname:name opcnamespace:oid opcowner:oid opcfamily:oid opcintype:oid opcdefault:bool opckeytype:oid',
  () => opclasses.map((o) => [o.oid, btreeAmOid, o.name, pgCatalogOid, bootstrapOid, o.family, o.type, true, 0]),
);

const pgCollation = def(
  'pg_collation',
  3456,
  'r',
  `oid:oid collname:name collnamespace:oid collowner:oid collprovider:char collisdeterministic:bool collencoding:int4
   collcollate:text collctype:text colliculocale:text collversion:text`,
  () => [
    [100, 'default', pgCatalogOid, bootstrapOid, 'd', true, -1, null, null, null, null],
    [950, 'C', pgCatalogOid, bootstrapOid, 'c', true, -1, 'C', 'C', null, null],
    [951, 'POSIX', pgCatalogOid, bootstrapOid, 'c', true, -1, 'POSIX', 'POSIX', null, null],
  ],
);

const pgLanguage = def(
  'pg_language',
  2612,
  'r',
  'oid:oid lanname:name lanowner:oid lanispl:bool lanpltrusted:bool lanplcallfoid:oid laninline:oid lanvalidator:oid lanacl:_aclitem',
  () => [
    [12, 'internal', bootstrapOid, false, false, 0, 0, 0, null],
    [13, 'c', bootstrapOid, false, false, 0, 0, 0, null],
    [14, 'sql', bootstrapOid, false, true, 0, 0, 0, null],
  ],
);

// ---- views over the catalog ------------------------------------------------------------------------------

const pgTables = def(
  'pg_tables',
  12033,
  'v',
  'schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool hasrules:bool hastriggers:bool rowsecurity:bool',
  (ctx) => {
    const owner = ownerName(ctx);
    return allRelations(ctx.catalog)
      .filter((r) => relkind(r) === 'r')
      .map((r) => {
        const t = isSystem(r) ? null : (r as TableInfo);
        return [r.schema, r.name, owner, null, t !== null && ctx.catalog.indexes(t.oid).length > 0, false, t !== null && hasTriggers(ctx.catalog, t), false];
      });
  },
);

const pgViews = def('pg_views', 12028, 'v', 'schemaname:name viewname:name viewowner:name definition:text', (ctx) => {
  const owner = ownerName(ctx);
  return viewsOf(ctx.catalog).map((v) => [v.schema, v.name, owner, viewDef(ctx, v, false)]);
});

const pgMatviews = def(
  'pg_matviews',
  12038,
  'v',
  'schemaname:name matviewname:name matviewowner:name tablespace:name hasindexes:bool ispopulated:bool definition:text',
  empty,
);

const pgIndexes = def('pg_indexes', 12043, 'v', 'schemaname:name tablename:name indexname:name tablespace:name indexdef:text', (ctx) =>
  indexesOf(ctx.catalog).map((ix) => {
    const t = ctx.catalog.get(ix.table) as TableInfo;
    return [ix.schema, t.name, ix.name, null, indexDef(ctx, ix, 0, false)];
  }),
);

const pgSequences = def(
  'pg_sequences',
  12048,
  'v',
  `schemaname:name sequencename:name sequenceowner:name data_type:regtype start_value:int8 min_value:int8 max_value:int8
   increment_by:int8 cycle:bool cache_size:int8 last_value:int8`,
  (ctx) => {
    const owner = ownerName(ctx);
    return sequencesOf(ctx.catalog).map((s) => [s.schema, s.name, owner, formatTypeOid(typeOid(seqType(s)), null), s.start, s.min, s.max, s.increment, s.cycle, 1n, null]);
  },
);

const pgStatActivity = def(
  'pg_stat_activity',
  12222,
  'v',
  `datid:oid datname:name pid:int4 leader_pid:int4 usesysid:oid usename:name application_name:text client_addr:inet
   client_hostname:text client_port:int4 backend_start:timestamptz xact_start:timestamptz query_start:timestamptz
   state_change:timestamptz wait_event_type:text wait_event:text state:text backend_xid:xid backend_xmin:xid query_id:int8
   query:text backend_type:text`,
  (ctx) => {
    const s = ctx.rt.services;
    const role = ctx.catalog.role(s.userName);
    let app: string | undefined;
    try {
      app = s.setting('application_name');
    } catch {
      app = '';
    }
    const now = ctx.rt.ctx.statementTime;
    return [[databaseOid, s.databaseName, backendPid(ctx), null, role?.oid ?? null, s.userName, app ?? '', null, null, null, null, ctx.rt.ctx.transactionTime, now, now, null, null, 'active', null, null, null, null, 'client backend']];
  },
);

/** The backend pid the server gives the session (0 for an embedded session). */
export function backendPid(ctx: { readonly rt: SystemContext['rt'] }): number {
  const pid = (ctx.rt.services as { readonly backendPid?: number }).backendPid;
  return typeof pid === 'number' ? pid : 0;
}

const statTableColumns = `relid:oid schemaname:name relname:name seq_scan:int8 seq_tup_read:int8 idx_scan:int8 idx_tup_fetch:int8
   n_tup_ins:int8 n_tup_upd:int8 n_tup_del:int8 n_tup_hot_upd:int8 n_live_tup:int8 n_dead_tup:int8 n_mod_since_analyze:int8
   n_ins_since_vacuum:int8 last_vacuum:timestamptz last_autovacuum:timestamptz last_analyze:timestamptz
   last_autoanalyze:timestamptz vacuum_count:int8 autovacuum_count:int8 analyze_count:int8 autoanalyze_count:int8`;

function statTableRows(ctx: SystemContext, userOnly: boolean): Row[] {
  return allRelations(ctx.catalog)
    .filter((r) => relkind(r) === 'r' && (!userOnly || !isSystem(r)))
    .map((r) => [r.oid, r.schema, r.name, 0n, 0n, isSystem(r) ? null : 0n, isSystem(r) ? null : 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, null, null, null, null, 0n, 0n, 0n, 0n]);
}

const pgStatUserTables = def('pg_stat_user_tables', 12161, 'v', statTableColumns, (ctx) => statTableRows(ctx, true));
const pgStatAllTables = def('pg_stat_all_tables', 12142, 'v', statTableColumns, (ctx) => statTableRows(ctx, false));

const statIndexColumns = 'relid:oid indexrelid:oid schemaname:name relname:name indexrelname:name idx_scan:int8 idx_tup_read:int8 idx_tup_fetch:int8';

function statIndexRows(ctx: SystemContext): Row[] {
  return indexesOf(ctx.catalog).map((ix) => {
    const t = ctx.catalog.get(ix.table) as TableInfo;
    return [t.oid, ix.oid, ix.schema, t.name, ix.name, 0n, 0n, 0n];
  });
}

const pgStatUserIndexes = def('pg_stat_user_indexes', 12192, 'v', statIndexColumns, statIndexRows);
const pgStatAllIndexes = def('pg_stat_all_indexes', 12183, 'v', statIndexColumns, statIndexRows);

const pgStatioUserTables = def(
  'pg_statio_user_tables',
  12179,
  'v',
  `relid:oid schemaname:name relname:name heap_blks_read:int8 heap_blks_hit:int8 idx_blks_read:int8 idx_blks_hit:int8
   toast_blks_read:int8 toast_blks_hit:int8 tidx_blks_read:int8 tidx_blks_hit:int8`,
  (ctx) => tablesOf(ctx.catalog).map((t) => [t.oid, t.schema, t.name, 0n, 0n, 0n, 0n, null, null, null, null]),
);

const pgStatDatabase = def(
  'pg_stat_database',
  12266,
  'v',
  `datid:oid datname:name numbackends:int4 xact_commit:int8 xact_rollback:int8 blks_read:int8 blks_hit:int8
   tup_returned:int8 tup_fetched:int8 tup_inserted:int8 tup_updated:int8 tup_deleted:int8 conflicts:int8 temp_files:int8
   temp_bytes:int8 deadlocks:int8 checksum_failures:int8 checksum_last_failure:timestamptz blk_read_time:float8
   blk_write_time:float8 session_time:float8 active_time:float8 idle_in_transaction_time:float8 sessions:int8
   sessions_abandoned:int8 sessions_fatal:int8 sessions_killed:int8 stats_reset:timestamptz`,
  (ctx) => [[databaseOid, ctx.rt.services.databaseName, 1, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, null, null, 0, 0, 0, 0, 0, 0n, 0n, 0n, 0n, null]],
);

const pgPolicies = def(
  'pg_policies',
  12018,
  'v',
  'schemaname:name tablename:name policyname:name permissive:text roles:_name cmd:text qual:text with_check:text',
  empty,
);

// ---- relations for features BasaltDB does not have: always empty ---------------------------------------

const emptyRelations: SystemRelationDef[] = [
  def('pg_description', 2609, 'r', 'objoid:oid classoid:oid objsubid:int4 description:text', empty),
  def('pg_shdescription', 2396, 'r', 'objoid:oid classoid:oid description:text', empty),
  def('pg_inherits', 2611, 'r', 'inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool', empty),
  def(
    'pg_partitioned_table',
    3350,
    'r',
    'partrelid:oid partstrat:char partnatts:int2 partdefid:oid partattrs:int2vector partclass:oidvector partcollation:oidvector partexprs:pg_node_tree',
    empty,
  ),
  def('pg_enum', 3501, 'r', 'oid:oid enumtypid:oid enumsortorder:float4 enumlabel:name', empty),
  def(
    'pg_extension',
    3079,
    'r',
    'oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text extconfig:_oid extcondition:_text',
    empty,
  ),
  def(
    'pg_trigger',
    2620,
    'r',
    `oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char tgisinternal:bool tgconstrrelid:oid
     tgconstrindid:oid tgconstraint:oid tgdeferrable:bool tginitdeferred:bool tgnargs:int2 tgattr:int2vector tgargs:bytea
     tgqual:pg_node_tree tgoldtable:name tgnewtable:name`,
    empty,
  ),
  def('pg_policy', 3256, 'r', 'oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:_oid polqual:pg_node_tree polwithcheck:pg_node_tree', empty),
  def(
    'pg_statistic_ext',
    3381,
    'r',
    'oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:int4 stxkeys:int2vector stxkind:_char stxexprs:pg_node_tree',
    empty,
  ),
  def('pg_publication', 6104, 'r', 'oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool pubupdate:bool pubdelete:bool pubtruncate:bool pubviaroot:bool', empty),
  def('pg_publication_rel', 6106, 'r', 'oid:oid prpubid:oid prrelid:oid prqual:pg_node_tree prattrs:int2vector', empty),
  def('pg_publication_namespace', 6237, 'r', 'oid:oid pnpubid:oid pnnspid:oid', empty),
  def('pg_rewrite', 2618, 'r', 'oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool ev_qual:pg_node_tree ev_action:pg_node_tree', empty),
  def('pg_event_trigger', 3466, 'r', 'oid:oid evtname:name evtevent:name evtowner:oid evtfoid:oid evtenabled:char evttags:_text', empty),
  def('pg_foreign_table', 3118, 'r', 'ftrelid:oid ftserver:oid ftoptions:_text', empty),
  def('pg_foreign_server', 1417, 'r', 'oid:oid srvname:name srvowner:oid srvfdw:oid srvtype:text srvversion:text srvacl:_aclitem srvoptions:_text', empty),
  def('pg_foreign_data_wrapper', 2328, 'r', 'oid:oid fdwname:name fdwowner:oid fdwhandler:oid fdwvalidator:oid fdwacl:_aclitem fdwoptions:_text', empty),
  def('pg_init_privs', 3394, 'r', 'objoid:oid classoid:oid objsubid:int4 privtype:char initprivs:_aclitem', empty),
  def('pg_default_acl', 826, 'r', 'oid:oid defaclrole:oid defaclnamespace:oid defaclobjtype:char defaclacl:_aclitem', empty),
  def('pg_seclabel', 3596, 'r', 'objoid:oid classoid:oid objsubid:int4 provider:text label:text', empty),
  def('pg_range', 3541, 'r', 'rngtypid:oid rngsubtype:oid rngmultitypid:oid rngcollation:oid rngsubopc:oid rngcanonical:regproc rngsubdiff:regproc', empty),
  def(
    'pg_proc',
    1255,
    'r',
    `oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 prorows:float4 provariadic:oid
     prosupport:regproc prokind:char prosecdef:bool proleakproof:bool proisstrict:bool proretset:bool provolatile:char
     proparallel:char pronargs:int2 pronargdefaults:int2 prorettype:oid proargtypes:oidvector proallargtypes:_oid
     proargmodes:_char proargnames:_text proargdefaults:pg_node_tree protrftypes:_oid prosrc:text probin:text
     prosqlbody:pg_node_tree proconfig:_text proacl:_aclitem`,
    empty,
  ),
  def(
    'pg_operator',
    2617,
    'r',
    `oid:oid oprname:name oprnamespace:oid oprowner:oid oprkind:char oprcanmerge:bool oprcanhash:bool oprleft:oid
     oprright:oid oprresult:oid oprcom:oid oprnegate:oid oprcode:regproc oprrest:regproc oprjoin:regproc`,
    empty,
  ),
  def('pg_db_role_setting', 2964, 'r', 'setdatabase:oid setrole:oid setconfig:_text', empty),
  def('pg_conversion', 2607, 'r', 'oid:oid conname:name connamespace:oid conowner:oid conforencoding:int4 contoencoding:int4 conproc:regproc condefault:bool', empty),
  def('pg_ts_config', 3602, 'r', 'oid:oid cfgname:name cfgnamespace:oid cfgowner:oid cfgparser:oid', empty),
  def('pg_ts_dict', 3600, 'r', 'oid:oid dictname:name dictnamespace:oid dictowner:oid dicttemplate:oid dictinitoption:text', empty),
  def('pg_ts_parser', 3601, 'r', 'oid:oid prsname:name prsnamespace:oid prsstart:regproc prstoken:regproc prsend:regproc prsheadline:regproc prslextype:regproc', empty),
  def('pg_ts_template', 3764, 'r', 'oid:oid tmplname:name tmplnamespace:oid tmplinit:regproc tmpllexize:regproc', empty),
  def('pg_cast', 2605, 'r', 'oid:oid castsource:oid casttarget:oid castfunc:oid castcontext:char castmethod:char', empty),
  def(
    'pg_locks',
    12073,
    'v',
    `locktype:text database:oid relation:oid page:int4 tuple:int2 virtualxid:text transactionid:xid classid:oid objid:oid
     objsubid:int2 virtualtransaction:text pid:int4 mode:text granted:bool fastpath:bool waitstart:timestamptz`,
    empty,
  ),
  def('pg_prepared_xacts', 12090, 'v', 'transaction:xid gid:text prepared:timestamptz owner:name database:name', empty),
  def('pg_available_extensions', 12081, 'v', 'name:name default_version:text installed_version:text comment:text', empty),
  def(
    'pg_subscription',
    6100,
    'r',
    `oid:oid subdbid:oid subskiplsn:pg_lsn subname:name subowner:oid subenabled:bool subbinary:bool substream:bool
     subtwophasestate:char subdisableonerr:bool subconninfo:text subslotname:name subsynccommit:text subpublications:_text`,
    empty,
  ),
];

export const pgCatalogRelations: readonly SystemRelationDef[] = [
  pgClass,
  pgNamespace,
  pgAttribute,
  pgAttrdef,
  pgType,
  pgIndex,
  pgConstraint,
  pgSequence,
  pgDepend,
  pgDatabase,
  pgAuthid,
  pgRoles,
  pgUser,
  pgShadow,
  pgAuthMembers,
  pgSettings,
  pgTablespace,
  pgAm,
  pgOpclass,
  pgCollation,
  pgLanguage,
  pgTables,
  pgViews,
  pgMatviews,
  pgIndexes,
  pgSequences,
  pgStatActivity,
  pgStatUserTables,
  pgStatAllTables,
  pgStatUserIndexes,
  pgStatAllIndexes,
  pgStatioUserTables,
  pgStatDatabase,
  pgPolicies,
  ...emptyRelations,
];


