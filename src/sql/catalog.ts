/**
 * The SQL catalog: schemas, tables, columns, indexes, constraints, sequences, views and roles.
 *
 * The catalog lives in the `sql` keyspace beside the data, one record per object, and is written
 * by DDL inside the DDL statement's own transaction — so DDL commits or rolls back with the rest
 * of the transaction and survives crashes like any other write. In memory it is an immutable
 * `Catalog` value: a transaction that runs DDL works on a private copy (`Catalog.clone()`), and
 * commit installs that copy as the committed catalog. DDL transactions are serialised by the
 * catalog lock (see `locks.ts`), so a copy never loses another transaction's change.
 *
 * Key layout of the `sql` keyspace:
 *
 * | key                                   | value                                     |
 * |---------------------------------------|-------------------------------------------|
 * | 0x00 'o' oid (u32 BE)                 | one catalog object, JSON (see `CatalogObject`) |
 * | 0x00 'n'                              | `{"nextOid": n}`: no oid below n is handed out again (written ahead, outside transactions) |
 * | 0x00 'q' oid (u32 BE)                 | a sequence's state, JSON `{"last": "n", "called": bool}` |
 * | 0x00 'g' storage (u32 BE)             | a dropped storage id awaiting cleanup (empty value) |
 * | 0x01 storage (u32 BE) key…            | a table row (key: primary key or row id) or an index entry |
 *
 * Oids number every object and every storage area; they are never reused. TRUNCATE and ALTER
 * COLUMN TYPE give a table (and its indexes) new storage ids, leaving the old ones for cleanup.
 */
import type { Value } from './types/index.js';
import type { SqlType } from './types/index.js';
import { sqlType, type BaseType } from './types/index.js';
import type { ReferentialAction } from './ast.js';

export const firstUserOid = 16384;

export interface ColumnInfo {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** Default expression text (re-parsed when needed), or null. */
  readonly default: string | null;
  readonly identity: 'always' | 'by default' | null;
  /** Position in the stored row (0-based, stable for the column's life). */
  readonly attnum: number;
  readonly dropped: boolean;
  /** The value rows written before ADD COLUMN read for this column (null: NULL). */
  readonly missing: Value;
}

export interface CheckInfo {
  readonly name: string;
  readonly text: string;
}

export interface ForeignKeyInfo {
  readonly name: string;
  /** Referencing attnums. */
  readonly columns: readonly number[];
  readonly refTable: number;
  /** Referenced attnums (the columns of a primary key or unique index of refTable). */
  readonly refColumns: readonly number[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export interface TableInfo {
  readonly kind: 'table';
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  /** All columns by attnum, dropped ones included. */
  readonly columns: readonly ColumnInfo[];
  readonly storage: number;
  /** The primary key index's oid, or 0 (rows are then keyed by a hidden row id). */
  readonly primaryKey: number;
  readonly checks: readonly CheckInfo[];
  readonly foreignKeys: readonly ForeignKeyInfo[];
}

export interface IndexColumn {
  readonly attnum: number;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export interface IndexInfo {
  readonly kind: 'index';
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly table: number;
  readonly columns: readonly IndexColumn[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** Created by a PRIMARY KEY or UNIQUE constraint (dropped with it), or a plain CREATE INDEX. */
  readonly constraint: boolean;
  readonly storage: number;
  /** UNIQUE NULLS NOT DISTINCT: rows with NULLs in the key conflict like equal values (absent: false). */
  readonly nullsNotDistinct?: boolean;
}

export interface SequenceInfo {
  readonly kind: 'sequence';
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly type: 'int2' | 'int4' | 'int8';
  readonly start: bigint;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly cycle: boolean;
  /** OWNED BY table.column (dropped with it), or null. */
  readonly ownedBy: { readonly table: number; readonly attnum: number } | null;
}

export interface ViewInfo {
  readonly kind: 'view';
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly text: string;
  /** The search_path at CREATE VIEW: the view's names resolve as they did then (absent in old catalogs). */
  readonly searchPath?: readonly string[];
  /** Oids of the tables and views the view reads (DROP of one of them needs CASCADE). */
  readonly dependsOn?: readonly number[];
}

export interface SchemaInfo {
  readonly kind: 'schema';
  readonly oid: number;
  readonly name: string;
}

/**
 * A role (pg_authid). Roles are cluster-wide in PostgreSQL; here the one database holds them. Roles
 * have their own name space (a role and a table may share a name). The built-in superuser
 * `postgres` (oid 10) is in every catalog; once altered, its record is stored like any other.
 */
export interface RoleInfo {
  readonly kind: 'role';
  readonly oid: number;
  readonly name: string;
  readonly superuser: boolean;
  readonly login: boolean;
  readonly createdb: boolean;
  readonly createrole: boolean;
  readonly inherit: boolean;
  readonly replication: boolean;
  readonly bypassrls: boolean;
  /** CONNECTION LIMIT; -1: no limit. */
  readonly connectionLimit: number;
  /** VALID UNTIL as timestamptz text in UTC ('2030-01-01 00:00:00+00', 'infinity'), or null: forever. */
  readonly validUntil: string | null;
  /** A password verifier ('SCRAM-SHA-256$…' or 'md5…', never clear text), or null: no password. */
  readonly password: string | null;
  /** The roles this role is a direct member of (pg_auth_members rows with member = this role); absent: none. */
  readonly memberOf?: readonly RoleMembership[];
}

/** One membership: the member holds `role` (pg_auth_members.roleid), granted by `grantor`. */
export interface RoleMembership {
  readonly role: number;
  readonly admin: boolean;
  readonly grantor: number;
}

export type CatalogObject = TableInfo | IndexInfo | SequenceInfo | ViewInfo | SchemaInfo | RoleInfo;
export type Relation = TableInfo | IndexInfo | SequenceInfo | ViewInfo;

/** True for the objects that live in a schema (tables, indexes, sequences, views). */
export function isRelation(o: CatalogObject): o is Relation {
  return o.kind !== 'schema' && o.kind !== 'role';
}

/** Oid of the built-in superuser (PostgreSQL's BOOTSTRAP_SUPERUSERID). */
export const bootstrapSuperuserOid = 10;

/** The built-in superuser `postgres`: login, no password until ALTER ROLE postgres PASSWORD. */
export const bootstrapSuperuser: RoleInfo = {
  kind: 'role',
  oid: bootstrapSuperuserOid,
  name: 'postgres',
  superuser: true,
  login: true,
  createdb: true,
  createrole: true,
  inherit: true,
  replication: true,
  bypassrls: true,
  connectionLimit: -1,
  validUntil: null,
  password: null,
};

/** PostgreSQL 15's predefined roles (NOLOGIN, reserved: they cannot be altered or dropped). */
function predefinedRole(oid: number, name: string, memberOf: readonly number[] = []): RoleInfo {
  const role: RoleInfo = { ...bootstrapSuperuser, oid, name, superuser: false, login: false, createdb: false, createrole: false, replication: false, bypassrls: false };
  return memberOf.length === 0 ? role : { ...role, memberOf: memberOf.map((r) => ({ role: r, admin: false, grantor: bootstrapSuperuserOid })) };
}

const builtinRoles: readonly RoleInfo[] = [
  bootstrapSuperuser,
  predefinedRole(3373, 'pg_monitor', [3374, 3375, 3377]),
  predefinedRole(3374, 'pg_read_all_settings'),
  predefinedRole(3375, 'pg_read_all_stats'),
  predefinedRole(3377, 'pg_stat_scan_tables'),
  predefinedRole(4200, 'pg_signal_backend'),
  predefinedRole(4544, 'pg_checkpoint'),
  predefinedRole(4569, 'pg_read_server_files'),
  predefinedRole(4570, 'pg_write_server_files'),
  predefinedRole(4571, 'pg_execute_server_program'),
  predefinedRole(6171, 'pg_database_owner'),
  predefinedRole(6181, 'pg_read_all_data'),
  predefinedRole(6182, 'pg_write_all_data'),
];

/** The built-in schemas every database has. */
const builtinSchemas: readonly SchemaInfo[] = [
  { kind: 'schema', oid: 11, name: 'pg_catalog' },
  { kind: 'schema', oid: 2200, name: 'public' },
  { kind: 'schema', oid: 13000, name: 'information_schema' },
];

/** An immutable view of every catalog object, with lookups by name and oid. */
export class Catalog {
  /** Bumped on every installed change; plans remember it to know when to re-plan. */
  readonly version: number;
  private readonly objects: Map<number, CatalogObject>;
  private readonly byName: Map<string, number>;
  /** Hands out oids (the engine's counter: not transactional, never reused). */
  readonly allocateOid: () => number;
  /** Set once installed as the committed catalog: never changed again, so derived data may be cached. */
  frozen = false;
  /** Per-table data derived from a frozen catalog (TableLayout), by table oid. */
  readonly derived = new Map<number, unknown>();

  constructor(objects: Iterable<CatalogObject>, allocateOid: () => number, version: number) {
    this.objects = new Map();
    this.byName = new Map();
    this.version = version;
    this.allocateOid = allocateOid;
    for (const s of builtinSchemas) this.add(s);
    for (const r of builtinRoles) this.add(r);
    for (const o of objects) this.add(o);
  }

  /** A private copy. Built-in schemas are re-created; roles are copied (built-in ones may have been altered). */
  clone(): Catalog {
    return new Catalog([...this.objects.values()].filter((o) => o.oid >= firstUserOid || o.kind === 'role'), this.allocateOid, this.version + 1);
  }

  get(oid: number): CatalogObject | undefined {
    return this.objects.get(oid);
  }

  table(oid: number): TableInfo {
    const t = this.objects.get(oid);
    if (t === undefined || t.kind !== 'table') throw new Error(`catalog: oid ${oid} is not a table`);
    return t;
  }

  all(): IterableIterator<CatalogObject> {
    return this.objects.values();
  }

  schema(name: string): SchemaInfo | undefined {
    const oid = this.byName.get(nameKey('', name, true));
    return oid === undefined ? undefined : (this.objects.get(oid) as SchemaInfo);
  }

  /** The relation (table, index, sequence or view) `name` in `schema`. */
  relation(schema: string, name: string): Relation | undefined {
    const oid = this.byName.get(nameKey(schema, name, false));
    return oid === undefined ? undefined : (this.objects.get(oid) as Relation);
  }

  /** All roles, by oid. */
  roles(): RoleInfo[] {
    const out: RoleInfo[] = [];
    for (const o of this.objects.values()) if (o.kind === 'role') out.push(o);
    return out.sort((a, b) => a.oid - b.oid);
  }

  /** The role named `name` (exact, case-sensitive: the parser has already folded unquoted names). */
  role(name: string): RoleInfo | undefined {
    const oid = this.byName.get(roleKey(name));
    return oid === undefined ? undefined : (this.objects.get(oid) as RoleInfo);
  }

  /** Indexes of a table, primary key first, then by oid. */
  indexes(table: number): IndexInfo[] {
    const out: IndexInfo[] = [];
    for (const o of this.objects.values()) if (o.kind === 'index' && o.table === table) out.push(o);
    out.sort((a, b) => (a.primary === b.primary ? a.oid - b.oid : a.primary ? -1 : 1));
    return out;
  }

  /** Foreign keys of other tables (or this one) that reference `table`. */
  referencing(table: number): Array<{ table: TableInfo; fk: ForeignKeyInfo }> {
    const out: Array<{ table: TableInfo; fk: ForeignKeyInfo }> = [];
    for (const o of this.objects.values()) {
      if (o.kind !== 'table') continue;
      for (const fk of o.foreignKeys) if (fk.refTable === table) out.push({ table: o, fk });
    }
    return out;
  }

  /** Views that read relation `oid`. */
  dependentViews(oid: number): ViewInfo[] {
    const out: ViewInfo[] = [];
    for (const o of this.objects.values()) if (o.kind === 'view' && o.dependsOn !== undefined && o.dependsOn.includes(oid)) out.push(o);
    return out;
  }

  /** Sequences owned by a column of `table`. */
  ownedSequences(table: number): SequenceInfo[] {
    const out: SequenceInfo[] = [];
    for (const o of this.objects.values()) if (o.kind === 'sequence' && o.ownedBy !== null && o.ownedBy.table === table) out.push(o);
    return out;
  }

  /** Add or replace an object (only on a private copy). */
  put(o: CatalogObject): void {
    const old = this.objects.get(o.oid);
    if (old !== undefined) this.byName.delete(objectNameKey(old));
    this.add(o);
  }

  remove(oid: number): void {
    const old = this.objects.get(oid);
    if (old === undefined) return;
    this.objects.delete(oid);
    this.byName.delete(objectNameKey(old));
  }

  private add(o: CatalogObject): void {
    this.objects.set(o.oid, o);
    this.byName.set(objectNameKey(o), o.oid);
  }
}

function nameKey(schema: string, name: string, isSchema: boolean): string {
  return isSchema ? `s\u0000${name}` : `r\u0000${schema}\u0000${name}`;
}

function roleKey(name: string): string {
  return `a\u0000${name}`;
}

function objectNameKey(o: CatalogObject): string {
  if (o.kind === 'role') return roleKey(o.name);
  return o.kind === 'schema' ? nameKey('', o.name, true) : nameKey(o.schema, o.name, false);
}

/** Visible columns (not dropped) in attnum order. */
export function visibleColumns(t: TableInfo): ColumnInfo[] {
  return t.columns.filter((c) => !c.dropped);
}

// ---- keys ------------------------------------------------------------------------------------

const encoder = new TextEncoder();

export const catalogKeys = {
  object: (oid: number) => u32Key([0x00, 0x6f], oid),
  nextOid: new Uint8Array([0x00, 0x6e]),
  sequence: (oid: number) => u32Key([0x00, 0x71], oid),
  garbage: (storage: number) => u32Key([0x00, 0x67], storage),
  objectPrefix: new Uint8Array([0x00, 0x6f]),
  garbagePrefix: new Uint8Array([0x00, 0x67]),
};

function u32Key(prefix: readonly number[], n: number): Uint8Array {
  const k = new Uint8Array(prefix.length + 4);
  k.set(prefix);
  new DataView(k.buffer).setUint32(prefix.length, n);
  return k;
}

/** The 5-byte prefix of every key of storage area `storage`. */
export function storagePrefix(storage: number): Uint8Array {
  return u32Key([0x01], storage);
}

export function readU32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}

// ---- (de)serialisation -------------------------------------------------------------------------

/** JSON of a catalog object: SqlTypes as [base, mod, array], bigints as strings, missing values encoded. */
export function encodeObject(o: CatalogObject, encodeMissing: (c: ColumnInfo) => string | null): Uint8Array {
  const shaped =
    o.kind === 'table' ? { ...o, columns: o.columns.map((c) => ({ ...c, type: [c.type.base, c.type.mod, c.type.array], missing: encodeMissing(c) })) } : o;
  const plain = JSON.stringify(shaped, (_key, v: unknown) => (typeof v === 'bigint' ? { $big: v.toString() } : v));
  return encoder.encode(plain);
}

export function decodeObject(bytes: Uint8Array, decodeMissing: (type: SqlType, text: string | null) => Value): CatalogObject {
  const o = JSON.parse(new TextDecoder().decode(bytes), (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && '$big' in (v as object)) return BigInt((v as { $big: string }).$big);
    return v;
  }) as CatalogObject & { columns?: unknown };
  if (o.kind === 'table') {
    const cols = (o.columns as unknown as Array<ColumnInfo & { type: [BaseType, number, boolean]; missing: string | null }>).map((c) => {
      const type = sqlType(c.type[0], c.type[1], c.type[2]);
      return { ...c, type, missing: decodeMissing(type, c.missing) };
    });
    return { ...o, columns: cols };
  }
  return o;
}
