/**
 * Roles: CREATE / ALTER / DROP ROLE (USER, GROUP), role membership (GRANT / REVOKE role), and
 * GRANT / REVOKE of privileges, with PostgreSQL 15's checks, errors and notices (user.c, aclchk.c).
 *
 * Roles are catalog objects (catalog.ts `RoleInfo`), changed on the DDL transaction's private
 * catalog like any other object, so they commit, roll back and survive restarts with it. The
 * built-in roles (oid < firstUserOid: `postgres` and the pg_* predefined roles) are written too
 * once changed (`persistBuiltinRoles`), since the engine only writes user objects.
 *
 * Privileges are not enforced by BasaltDB: GRANT / REVOKE of privileges are checked as PostgreSQL
 * checks them (objects, roles, privilege types) and otherwise have no effect. Who may create,
 * alter and drop roles is enforced: superusers, and CREATEROLE roles for non-superusers.
 */
import type * as ast from './ast.js';
import {
  catalogKeys,
  encodeObject,
  firstUserOid,
  isRelation,
  type Catalog,
  type CatalogObject,
  type Relation,
  type RoleInfo,
  type RoleMembership,
} from './catalog.js';
import { SqlError } from './errors.js';
import { systemRelations } from './system/index.js';
import { encryptPassword, parseScramSecret, passwordType, verifyPlainPassword } from './password.js';
import type { StatementResult } from './session.js';
import { defaultTypeContext, formatValue, parseValue, T, type TypeContext } from './types/index.js';
import type { TransactionKeyspace } from '../kv/index.js';

/** What running a role statement needs from its session. */
export interface RoleContext {
  /** The DDL transaction's private catalog. */
  readonly cat: Catalog;
  /** The session's user (session user and current user: BasaltDB has no SET ROLE). */
  readonly userName: string;
  /** Names this database answers to (GRANT … ON DATABASE). */
  readonly databaseNames: readonly string[];
  readonly searchPath: readonly string[];
  /** The session's type context (VALID UNTIL is read in its time zone). */
  readonly typeContext: TypeContext;
  setting(name: string): string;
  notice(severity: string, code: string, message: string): void;
}

export function runRoleStatement(ctx: RoleContext, stmt: ast.RoleStmt): StatementResult {
  const r = new Roles(ctx);
  switch (stmt.kind) {
    case 'create role':
      r.create(stmt);
      return done('CREATE ROLE');
    case 'alter role':
      r.alter(stmt);
      return done('ALTER ROLE');
    case 'rename role':
      r.rename(stmt);
      return done('ALTER ROLE');
    case 'drop role':
      r.drop(stmt);
      return done('DROP ROLE');
    case 'grant role':
      r.grantRole(stmt);
      return done(stmt.tag);
    case 'grant':
      r.grantPrivileges(stmt);
      return done(stmt.grant ? 'GRANT' : 'REVOKE');
    default: {
      const never: never = stmt;
      throw new Error(`roles: unexpected statement ${(never as { kind: string }).kind}`);
    }
  }
}

function done(tag: string): StatementResult {
  return { command: tag, tag, columns: [], rows: [], rowCount: 0 };
}

/**
 * Write the built-in roles (oid < firstUserOid) that the transaction changed: the engine's
 * persistCatalog writes only user objects. Built-in roles are never removed.
 */
export async function persistBuiltinRoles(tx: TransactionKeyspace, before: ReadonlyMap<number, CatalogObject>, after: Catalog): Promise<void> {
  for (const r of after.roles()) {
    if (r.oid >= firstUserOid || before.get(r.oid) === r) continue;
    await tx.put(catalogKeys.object(r.oid), encodeObject(r, () => null));
  }
}

/** Whether the role may log in now: LOGIN and not past VALID UNTIL (which is checked at password authentication). */
export function roleValidAt(role: RoleInfo, nowMicros: bigint): boolean {
  if (role.validUntil === null) return true;
  const until = parseValue(T.timestamptz, role.validUntil, defaultTypeContext) as bigint;
  return until >= nowMicros;
}

/** SCRAM verifiers given as PASSWORD with more iterations than this are not tried against the empty password. */
const scramIterationsCheckMax = 100_000;

/** Role option defaults of CREATE ROLE (CREATE USER: LOGIN). */
const roleDefaults = {
  superuser: false,
  login: false,
  createdb: false,
  createrole: false,
  inherit: true,
  replication: false,
  bypassrls: false,
  connectionLimit: -1,
} as const;

/** The options of one statement, each at most once. */
interface Options {
  superuser?: boolean;
  login?: boolean;
  createdb?: boolean;
  createrole?: boolean;
  inherit?: boolean;
  replication?: boolean;
  bypassrls?: boolean;
  connectionLimit?: number;
  /** null: PASSWORD NULL. */
  password?: string | null;
  validUntil?: string;
  inRole?: readonly ast.RoleSpec[];
  members?: readonly ast.RoleSpec[];
  admins?: readonly ast.RoleSpec[];
}

class Roles {
  constructor(readonly ctx: RoleContext) {}

  private get cat(): Catalog {
    return this.ctx.cat;
  }

  // ---- the current user's rights --------------------------------------------------------------

  private currentRole(): RoleInfo | undefined {
    return this.cat.role(this.ctx.userName);
  }

  private isSuperuser(): boolean {
    return this.currentRole()?.superuser === true;
  }

  /** PostgreSQL's have_createrole_privilege: superuser or CREATEROLE. */
  private hasCreateRole(): boolean {
    const r = this.currentRole();
    return r !== undefined && (r.superuser || r.createrole);
  }

  private denied(message: string): never {
    throw new SqlError('42501', message);
  }

  // ---- options -------------------------------------------------------------------------------

  /** Collect options; a repeated one is PostgreSQL's 42601 at its second occurrence. */
  private options(list: readonly ast.RoleOption[]): Options {
    const o: Options = {};
    const seen = new Set<string>();
    for (const opt of list) {
      if (opt.kind === 'sysid') {
        this.ctx.notice('NOTICE', '00000', 'SYSID can no longer be specified');
        continue;
      }
      if (seen.has(opt.kind)) throw new SqlError('42601', 'conflicting or redundant options', { offset: opt.pos });
      seen.add(opt.kind);
      switch (opt.kind) {
        case 'connection limit':
          o.connectionLimit = opt.value;
          break;
        case 'password':
          o.password = opt.value;
          break;
        case 'valid until':
          o.validUntil = opt.value;
          break;
        case 'in role':
          o.inRole = opt.roles;
          break;
        case 'role':
          o.members = opt.roles;
          break;
        case 'admin':
          o.admins = opt.roles;
          break;
        default:
          o[opt.kind] = opt.value;
      }
    }
    if (o.connectionLimit !== undefined && o.connectionLimit < -1) throw new SqlError('22023', `invalid connection limit: ${o.connectionLimit}`);
    return o;
  }

  /** VALID UNTIL text as timestamptz, stored in UTC. */
  private validUntil(text: string): string {
    const v = parseValue(T.timestamptz, text, this.ctx.typeContext);
    return formatValue(T.timestamptz, v, defaultTypeContext);
  }

  /** The verifier to store for PASSWORD `password` of `role`, or null (with PostgreSQL's notice for an empty password). */
  private verifier(role: string, password: string | null): string | null {
    if (password === null) return null;
    const type = passwordType(password);
    // A verifier of the empty password is refused too; a SCRAM one is only tried up to a bounded
    // iteration count (PBKDF2 runs on the event loop: a huge count would stall every session).
    const iterations = parseScramSecret(password)?.iterations ?? 0;
    const triable = type === 'md5' || (type === 'scram-sha-256' && iterations <= scramIterationsCheckMax);
    if (password === '' || (triable && verifyPlainPassword(role, password, ''))) {
      this.ctx.notice('NOTICE', '00000', 'empty string is not a valid password, clearing password');
      return null;
    }
    const encryption = this.ctx.setting('password_encryption') === 'md5' ? 'md5' : 'scram-sha-256';
    return encryptPassword(password, role, encryption);
  }

  // ---- CREATE ROLE ------------------------------------------------------------------------------

  create(stmt: ast.CreateRoleStmt): void {
    const o = this.options(stmt.options);
    if (o.superuser === true) {
      if (!this.isSuperuser()) this.denied('must be superuser to create superusers');
    } else if (o.replication === true) {
      if (!this.isSuperuser()) this.denied('must be superuser to create replication users');
    } else if (o.bypassrls === true) {
      if (!this.isSuperuser()) this.denied('must be superuser to create bypassrls users');
    } else if (!this.hasCreateRole()) {
      this.denied('permission denied to create role');
    }
    checkNotReserved(stmt.name, 'Role names starting with "pg_" are reserved.');
    if (this.cat.role(stmt.name) !== undefined) throw new SqlError('42710', `role "${stmt.name}" already exists`);
    const role: RoleInfo = {
      kind: 'role',
      oid: this.cat.allocateOid(),
      name: stmt.name,
      superuser: o.superuser ?? roleDefaults.superuser,
      login: o.login ?? (stmt.user ? true : roleDefaults.login),
      createdb: o.createdb ?? roleDefaults.createdb,
      createrole: o.createrole ?? roleDefaults.createrole,
      inherit: o.inherit ?? roleDefaults.inherit,
      replication: o.replication ?? roleDefaults.replication,
      bypassrls: o.bypassrls ?? roleDefaults.bypassrls,
      connectionLimit: o.connectionLimit ?? roleDefaults.connectionLimit,
      validUntil: o.validUntil === undefined ? null : this.validUntil(o.validUntil),
      password: o.password === undefined ? null : this.verifier(stmt.name, o.password),
    };
    this.cat.put(role);
    const me = this.currentRole()?.oid ?? 0;
    // IN ROLE: the new role joins each; ROLE / ADMIN: each joins the new role.
    for (const spec of o.inRole ?? []) this.addMembers(this.roleOf(spec), [role], [{ kind: 'name', name: role.name, pos: spec.pos }], me, false);
    if (o.admins !== undefined) this.addMembers(role, this.rolesOf(o.admins), o.admins, me, true);
    if (o.members !== undefined) this.addMembers(role, this.rolesOf(o.members), o.members, me, false);
  }

  // ---- ALTER ROLE -------------------------------------------------------------------------------

  alter(stmt: ast.AlterRoleStmt): void {
    if (stmt.role.kind === 'name') checkNotReserved(stmt.role.name, 'Cannot alter reserved roles.');
    const o = this.options(stmt.options);
    const role = this.roleOf(stmt.role);
    this.checkAlter(role, o);
    let next: RoleInfo = { ...role };
    const set = <K extends keyof RoleInfo>(k: K, v: RoleInfo[K] | undefined): void => {
      if (v !== undefined) next = { ...next, [k]: v };
    };
    set('superuser', o.superuser);
    set('login', o.login);
    set('createdb', o.createdb);
    set('createrole', o.createrole);
    set('inherit', o.inherit);
    set('replication', o.replication);
    set('bypassrls', o.bypassrls);
    set('connectionLimit', o.connectionLimit);
    if (o.validUntil !== undefined) next = { ...next, validUntil: this.validUntil(o.validUntil) };
    if (o.password !== undefined) next = { ...next, password: this.verifier(role.name, o.password) };
    this.cat.put(next);
    if (o.members !== undefined) this.addMembers(next, this.rolesOf(o.members), o.members, this.currentRole()?.oid ?? 0, false);
  }

  /** PostgreSQL 15's AlterRole permission rules. */
  private checkAlter(role: RoleInfo, o: Options): void {
    if (role.superuser || o.superuser !== undefined) {
      if (!this.isSuperuser()) this.denied('must be superuser to alter superuser roles or change superuser attribute');
    } else if (role.replication || o.replication !== undefined) {
      if (!this.isSuperuser()) this.denied('must be superuser to alter replication roles or change replication attribute');
    } else if (o.bypassrls !== undefined) {
      if (!this.isSuperuser()) this.denied('must be superuser to change bypassrls attribute');
    } else if (!this.hasCreateRole()) {
      // Without CREATEROLE a role may only change its own password.
      const onlyPassword =
        o.inherit === undefined &&
        o.createrole === undefined &&
        o.createdb === undefined &&
        o.login === undefined &&
        o.connectionLimit === undefined &&
        o.members === undefined &&
        o.validUntil === undefined &&
        o.password !== undefined;
      if (!onlyPassword || role.name !== this.ctx.userName) this.denied('permission denied');
    }
  }

  // ---- ALTER ROLE … RENAME TO -------------------------------------------------------------------

  rename(stmt: ast.RenameRoleStmt): void {
    const role = this.cat.role(stmt.name);
    if (role === undefined) throw new SqlError('42704', `role "${stmt.name}" does not exist`);
    if (role.name === this.ctx.userName) throw new SqlError('0A000', 'session user cannot be renamed');
    checkNotReserved(role.name, 'Role names starting with "pg_" are reserved.');
    checkNotReserved(stmt.to, 'Role names starting with "pg_" are reserved.');
    if (this.cat.role(stmt.to) !== undefined) throw new SqlError('42710', `role "${stmt.to}" already exists`);
    if (role.superuser) {
      if (!this.isSuperuser()) this.denied('must be superuser to rename superusers');
    } else if (!this.hasCreateRole()) {
      this.denied('permission denied to rename role');
    }
    let password = role.password;
    // An md5 verifier hashes the role name with the password: it no longer matches.
    if (password !== null && passwordType(password) === 'md5') {
      password = null;
      this.ctx.notice('NOTICE', '00000', 'MD5 password cleared because of role rename');
    }
    this.cat.put({ ...role, name: stmt.to, password });
  }

  // ---- DROP ROLE --------------------------------------------------------------------------------

  drop(stmt: ast.DropRoleStmt): void {
    if (!this.hasCreateRole()) this.denied('permission denied to drop role');
    for (const spec of stmt.roles) {
      if (spec.kind !== 'name') throw new SqlError('22023', 'cannot use special role specifier in DROP ROLE');
      const role = this.cat.role(spec.name);
      if (role === undefined) {
        if (!stmt.ifExists) throw new SqlError('42704', `role "${spec.name}" does not exist`);
        this.ctx.notice('NOTICE', '00000', `role "${spec.name}" does not exist, skipping`);
        continue;
      }
      if (role.name === this.ctx.userName) throw new SqlError('55006', 'current user cannot be dropped');
      if (role.superuser && !this.isSuperuser()) this.denied('must be superuser to drop superusers');
      if (role.oid < firstUserOid) throw new SqlError('2BP01', `cannot drop role ${role.name} because it is required by the database system`);
      this.cat.remove(role.oid);
      // Its memberships go with it, both ways.
      for (const other of this.cat.roles()) {
        const kept = (other.memberOf ?? []).filter((m) => m.role !== role.oid);
        if (kept.length !== (other.memberOf ?? []).length) this.cat.put(withMemberships(other, kept));
      }
    }
  }

  // ---- role membership ----------------------------------------------------------------------------

  private roleOf(spec: ast.RoleSpec): RoleInfo {
    const name = spec.kind === 'name' ? spec.name : spec.kind === 'public' ? 'public' : this.ctx.userName;
    const role = spec.kind === 'public' ? undefined : this.cat.role(name);
    if (role === undefined) throw new SqlError('42704', `role "${name}" does not exist`);
    return role;
  }

  private rolesOf(specs: readonly ast.RoleSpec[]): RoleInfo[] {
    return specs.map((s) => this.roleOf(s));
  }

  grantRole(stmt: ast.GrantRoleStmt): void {
    const me = this.currentRole()?.oid ?? 0;
    const grantor = stmt.grantedBy === null ? me : this.roleOf(stmt.grantedBy).oid;
    const grantees = this.rolesOf(stmt.grantees);
    for (const [i, spec] of stmt.roles.entries()) {
      if (stmt.withColumns.includes(i)) throw new SqlError('0LP01', 'column names cannot be included in GRANT/REVOKE ROLE');
      const target = this.roleOf(spec);
      if (stmt.grant) this.addMembers(target, grantees, stmt.grantees, grantor, stmt.admin);
      else this.removeMembers(target, grantees, stmt.admin);
    }
  }

  /** May the current user change the members of `role` (PostgreSQL's AddRoleMems/DelRoleMems checks)? */
  private checkMembershipRights(role: RoleInfo): void {
    if (role.superuser) {
      if (!this.isSuperuser()) this.denied('must be superuser to alter superusers');
    } else if (!this.hasCreateRole() && !this.isAdminOf(this.currentRole(), role)) {
      this.denied(`must have admin option on role "${role.name}"`);
    }
  }

  /** Add `members` (fresh from the catalog each time) to `role`. */
  private addMembers(role: RoleInfo, members: readonly RoleInfo[], specs: readonly ast.RoleSpec[], grantor: number, admin: boolean): void {
    if (members.length === 0) return;
    this.checkMembershipRights(role);
    if (role.name === 'pg_database_owner') throw new SqlError('XX000', `role "${role.name}" cannot have explicit members`);
    if (grantor !== (this.currentRole()?.oid ?? 0) && !this.isSuperuser()) this.denied('must be superuser to set grantor');
    for (let i = 0; i < members.length; i++) {
      const member = this.cat.get(members[i]!.oid) as RoleInfo;
      const specName = specs[i]?.kind === 'name' ? (specs[i] as { name: string }).name : member.name;
      if (member.name === 'pg_database_owner') throw new SqlError('0LP01', `role "${member.name}" cannot be a member of any role`);
      // No loops: the granted role must not already be (through any chain) a member of the new member.
      if (this.isMemberOf(role.oid, member.oid)) throw new SqlError('0LP01', `role "${role.name}" is a member of role "${specName}"`);
      const current = member.memberOf ?? [];
      const existing = current.find((m) => m.role === role.oid);
      if (existing !== undefined && (!admin || existing.admin)) {
        this.ctx.notice('NOTICE', '00000', `role "${specName}" is already a member of role "${role.name}"`);
        continue;
      }
      const entry: RoleMembership = { role: role.oid, admin, grantor };
      this.cat.put(withMemberships(member, existing === undefined ? [...current, entry] : current.map((m) => (m.role === role.oid ? entry : m))));
    }
  }

  private removeMembers(role: RoleInfo, members: readonly RoleInfo[], adminOnly: boolean): void {
    if (members.length === 0) return;
    this.checkMembershipRights(role);
    for (const m of members) {
      const member = this.cat.get(m.oid) as RoleInfo;
      const current = member.memberOf ?? [];
      if (!current.some((x) => x.role === role.oid)) {
        this.ctx.notice('WARNING', '01000', `role "${member.name}" is not a member of role "${role.name}"`);
        continue;
      }
      const next = adminOnly ? current.map((x) => (x.role === role.oid ? { ...x, admin: false } : x)) : current.filter((x) => x.role !== role.oid);
      this.cat.put(withMemberships(member, next));
    }
  }

  /** Whether role `member` is `role` or a member of it through any chain of memberships. */
  private isMemberOf(member: number, role: number): boolean {
    const seen = new Set<number>();
    const stack = [member];
    while (stack.length > 0) {
      const r = stack.pop()!;
      if (r === role) return true;
      if (seen.has(r)) continue;
      seen.add(r);
      const info = this.cat.get(r);
      if (info?.kind === 'role') for (const m of info.memberOf ?? []) stack.push(m.role);
    }
    return false;
  }

  /** Whether `who` (or a role it belongs to) holds `role` WITH ADMIN OPTION. */
  private isAdminOf(who: RoleInfo | undefined, role: RoleInfo): boolean {
    if (who === undefined) return false;
    for (const r of this.cat.roles()) {
      if (!this.isMemberOf(who.oid, r.oid)) continue;
      if ((r.memberOf ?? []).some((m) => m.role === role.oid && m.admin)) return true;
    }
    return false;
  }

  // ---- GRANT / REVOKE privileges -------------------------------------------------------------------

  grantPrivileges(stmt: ast.GrantStmt): void {
    if (stmt.grantedBy !== null) {
      const grantor = this.roleOf(stmt.grantedBy);
      if (grantor.name !== this.ctx.userName) throw new SqlError('0A000', 'grantor must be current user');
    }
    const objects = this.grantObjects(stmt.target);
    for (const g of stmt.grantees) if (g.kind !== 'public') this.roleOf(g);
    const cls = privilegeClass(stmt.target.kind);
    const privileges = new Set<string>();
    const columnPrivileges: string[] = [];
    for (const p of stmt.privileges ?? []) {
      const priv = privilegeName(p.name);
      if (priv === null) continue;
      if (p.columns !== null) {
        if (cls.name !== 'relation') throw new SqlError('0LP01', 'column privileges are only valid for relations');
        columnPrivileges.push(priv);
        continue;
      }
      if (!cls.rights.includes(priv)) throw new SqlError('0LP01', `invalid privilege type ${priv} for ${cls.name}`);
      privileges.add(priv);
    }
    for (const o of objects) this.checkRelationGrant(stmt, o, privileges, columnPrivileges);
    if (stmt.grant && stmt.grantOption && stmt.grantees.some((g) => g.kind === 'public') && (objects.length > 0 || stmt.target.kind !== 'table')) {
      throw new SqlError('0LP01', 'grant options can only be granted to roles');
    }
  }

  /** The relations a GRANT names (checked to exist), and the other objects' existence. */
  private grantObjects(target: ast.GrantTarget): Relation[] {
    const out: Relation[] = [];
    switch (target.kind) {
      case 'table':
      case 'sequence':
        for (const n of target.names) {
          const r = this.relation(n);
          if (r !== null) out.push(r);
        }
        return out;
      case 'schema':
        for (const n of target.names) this.schema(n.name);
        return out;
      case 'database':
        for (const n of target.names) {
          if (!this.ctx.databaseNames.includes(n.name)) throw new SqlError('3D000', `database "${n.name}" does not exist`);
        }
        return out;
      case 'all tables':
      case 'all sequences':
        for (const n of target.names) {
          this.schema(n.name);
          for (const o of this.cat.all()) {
            if (!isRelation(o) || o.schema !== n.name) continue;
            if (target.kind === 'all sequences' ? o.kind === 'sequence' : o.kind === 'table' || o.kind === 'view') out.push(o);
          }
        }
        return out;
      case 'all functions':
      case 'all procedures':
      case 'all routines':
        for (const n of target.names) this.schema(n.name);
        return out;
      default:
        throw new SqlError('0A000', `GRANT/REVOKE ON ${target.kind.toUpperCase()} is not supported`);
    }
  }

  private schema(name: string): void {
    if (this.cat.schema(name) === undefined) throw new SqlError('3F000', `schema "${name}" does not exist`);
  }

  /**
   * A relation by name: pg_catalog first (PostgreSQL searches it before the search_path unless the
   * path names it), then the search_path. Null for a system relation (pg_catalog, information_schema).
   */
  private relation(n: ast.QualifiedName): Relation | null {
    const display = n.schema === null ? n.name : `${n.schema}.${n.name}`;
    const missing = (): never => {
      throw new SqlError('42P01', `relation "${display}" does not exist`);
    };
    if (n.schema !== null) {
      if (isSystemSchema(n.schema)) return systemRelationExists(n.schema, n.name) ? null : missing();
      this.schema(n.schema);
      return this.cat.relation(n.schema, n.name) ?? missing();
    }
    const path = this.ctx.searchPath.includes('pg_catalog') ? this.ctx.searchPath : ['pg_catalog', ...this.ctx.searchPath];
    for (const s of path) {
      if (isSystemSchema(s)) {
        if (systemRelationExists(s, n.name)) return null;
        continue;
      }
      const r = this.cat.relation(s, n.name);
      if (r !== undefined) return r;
    }
    return missing();
  }

  /** PostgreSQL's per-relation checks of ExecGrant_Relation. */
  private checkRelationGrant(stmt: ast.GrantStmt, r: Relation, privileges: ReadonlySet<string>, columnPrivileges: readonly string[]): void {
    if (r.kind === 'index') throw new SqlError('42809', `"${r.name}" is an index`);
    if (stmt.target.kind === 'sequence' && r.kind !== 'sequence') throw new SqlError('42809', `"${r.name}" is not a sequence`);
    if (stmt.target.kind === 'table' || stmt.target.kind === 'all tables') {
      if (r.kind === 'sequence') {
        if ([...privileges].some((p) => !sequenceRights.includes(p))) {
          this.ctx.notice('WARNING', '0LP01', `sequence "${r.name}" only supports USAGE, SELECT, and UPDATE privileges`);
        }
      } else if (privileges.has('USAGE')) {
        throw new SqlError('0LP01', 'invalid privilege type USAGE for table');
      }
    }
    const columns = stmt.privileges === null ? stmt.allColumns ?? [] : stmt.privileges.flatMap((p) => p.columns ?? []);
    if (columns.length === 0) return;
    const all = stmt.privileges === null ? columnRights : columnPrivileges;
    for (const p of all) if (!columnRights.includes(p)) throw new SqlError('0LP01', `invalid privilege type ${p} for column`);
    const names = r.kind === 'table' ? r.columns.filter((c) => !c.dropped).map((c) => c.name) : r.kind === 'view' ? r.columns : [];
    for (const c of columns) if (!names.includes(c)) throw new SqlError('42703', `column "${c}" of relation "${r.name}" does not exist`);
  }
}

function isSystemSchema(schema: string): schema is 'pg_catalog' | 'information_schema' {
  return schema === 'pg_catalog' || schema === 'information_schema';
}

function systemRelationExists(schema: string, name: string): boolean {
  return systemRelations().some((r) => r.schema === schema && r.name === name);
}

function withMemberships(role: RoleInfo, memberOf: readonly RoleMembership[]): RoleInfo {
  const { memberOf: _old, ...rest } = role;
  return memberOf.length === 0 ? rest : { ...rest, memberOf };
}

/** Role names starting with pg_ belong to the system (PostgreSQL's IsReservedName). */
function checkNotReserved(name: string, detail: string): void {
  if (name.startsWith('pg_')) throw new SqlError('42939', `role name "${name}" is reserved`, { detail });
}

// ---- privileges ----------------------------------------------------------------------------------

const relationRights = ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
const sequenceRights = ['USAGE', 'SELECT', 'UPDATE'];
const columnRights = ['INSERT', 'SELECT', 'UPDATE', 'REFERENCES'];

/** The privileges an object kind has, and its name in "invalid privilege type X for …". */
function privilegeClass(kind: ast.GrantTarget['kind']): { name: string; rights: readonly string[] } {
  switch (kind) {
    case 'table':
    case 'all tables':
      return { name: 'relation', rights: [...relationRights, 'USAGE'] };
    case 'sequence':
    case 'all sequences':
      return { name: 'sequence', rights: sequenceRights };
    case 'schema':
      return { name: 'schema', rights: ['USAGE', 'CREATE'] };
    case 'database':
      return { name: 'database', rights: ['CREATE', 'TEMPORARY', 'CONNECT'] };
    case 'all functions':
      return { name: 'function', rights: ['EXECUTE'] };
    case 'all procedures':
      return { name: 'procedure', rights: ['EXECUTE'] };
    default:
      return { name: 'routine', rights: ['EXECUTE'] };
  }
}

/** PostgreSQL's string_to_privilege, upper-cased as privilege_to_string prints it; null: RULE (ignored). */
function privilegeName(word: string): string | null {
  switch (word) {
    case 'insert':
    case 'select':
    case 'update':
    case 'delete':
    case 'truncate':
    case 'references':
    case 'trigger':
    case 'execute':
    case 'usage':
    case 'create':
    case 'temporary':
    case 'connect':
    case 'set':
      return word.toUpperCase();
    case 'temp':
      return 'TEMPORARY';
    case 'rule':
      return null;
    default:
      throw new SqlError('42601', `unrecognized privilege type "${word}"`);
  }
}
