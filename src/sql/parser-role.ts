/**
 * Role statements (PostgreSQL 15's gram.y): CREATE ROLE / USER / GROUP, ALTER ROLE / USER / GROUP
 * (options, RENAME TO, ADD/DROP USER), DROP ROLE / USER / GROUP, and GRANT / REVOKE (of roles and
 * of privileges). Semantics — existence, permissions, conflicting options — are checked when the
 * statement runs (roles.ts), as PostgreSQL does; only the grammar's own errors are raised here.
 */
import type { DropRoleStmt, GrantStmt, GrantTarget, QualifiedName, RoleOption, RoleSpec, Statement } from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseQualifiedName } from './parser-query.js';

const int4Max = 2147483647;

/** The cursor on ROLE / USER / GROUP after CREATE. */
export function parseCreateRole(p: Cursor, pos: number): Statement {
  const what = p.word()!;
  if (what === 'user' && p.isKw('mapping', 1)) p.error('0A000', 'CREATE USER MAPPING is not supported', p.tok.start);
  p.i++;
  const name = parseRoleId(p);
  p.acceptKw('with');
  return { kind: 'create role', name, user: what === 'user', options: parseRoleOptions(p, true), pos };
}

/** The cursor on ROLE / USER / GROUP after ALTER. */
export function parseAlterRole(p: Cursor, pos: number): Statement {
  const what = p.word()!;
  if (what === 'user' && p.isKw('mapping', 1)) p.error('0A000', 'ALTER USER MAPPING is not supported', p.tok.start);
  p.i++;
  if (what !== 'group' && p.isKw('all') && !p.isKw('rename', 1)) {
    p.i++;
    return alterRoleSet(p);
  }
  const nameTok = p.tok;
  const role = parseRoleSpec(p);
  if (p.isKw('rename')) {
    const name = roleIdOf(p, role, nameTok.start);
    p.i++;
    p.expectKw('to');
    return { kind: 'rename role', name, to: parseRoleId(p), pos };
  }
  if (what === 'group') {
    const add = p.acceptKw('add');
    if (!add) p.expectKw('drop');
    p.expectKw('user');
    const grantees = parseRoleList(p);
    return { kind: 'grant role', grant: add, roles: [role], withColumns: [], grantees, admin: false, grantedBy: null, tag: 'ALTER ROLE', pos };
  }
  if (p.isKw('in') || p.isKw('set') || p.isKw('reset')) return alterRoleSet(p);
  p.acceptKw('with');
  return { kind: 'alter role', role, options: parseRoleOptions(p, false), pos };
}

/** ALTER ROLE … [IN DATABASE d] SET / RESET: per-role settings are not kept. */
function alterRoleSet(p: Cursor): never {
  const at = p.tok.start;
  if (p.acceptKw('in')) {
    p.expectKw('database');
    p.colId();
  }
  if (!p.isKw('set') && !p.isKw('reset')) p.fail();
  return p.error('0A000', `ALTER ROLE … ${p.word()!.toUpperCase()} is not supported`, at);
}

/** The cursor on ROLE / USER / GROUP after DROP. */
export function parseDropRole(p: Cursor, pos: number): DropRoleStmt {
  const what = p.word()!;
  if (what === 'user' && p.isKw('mapping', 1)) p.error('0A000', 'DROP USER MAPPING is not supported', p.tok.start);
  p.i++;
  let ifExists = false;
  if (p.isKw('if') && p.isKw('exists', 1)) {
    p.i += 2;
    ifExists = true;
  }
  return { kind: 'drop role', roles: parseRoleList(p), ifExists, pos };
}

/**
 * OptRoleList / AlterOptRoleList: PASSWORD 'x' | PASSWORD NULL | ENCRYPTED PASSWORD 'x' | INHERIT |
 * CONNECTION LIMIT n | VALID UNTIL 'ts' | USER roles | an identifier option (SUPERUSER, NOLOGIN, …);
 * CREATE adds SYSID n, ADMIN roles, ROLE roles, IN ROLE / IN GROUP roles.
 */
function parseRoleOptions(p: Cursor, create: boolean): RoleOption[] {
  const out: RoleOption[] = [];
  while (!p.atEnd()) out.push(parseRoleOption(p, create));
  return out;
}

const flagOptions: ReadonlyMap<string, readonly [RoleFlag, boolean]> = new Map([
  ['superuser', ['superuser', true]],
  ['nosuperuser', ['superuser', false]],
  ['createrole', ['createrole', true]],
  ['nocreaterole', ['createrole', false]],
  ['createdb', ['createdb', true]],
  ['nocreatedb', ['createdb', false]],
  ['login', ['login', true]],
  ['nologin', ['login', false]],
  ['replication', ['replication', true]],
  ['noreplication', ['replication', false]],
  ['bypassrls', ['bypassrls', true]],
  ['nobypassrls', ['bypassrls', false]],
  ['noinherit', ['inherit', false]],
] as const);

type RoleFlag = 'superuser' | 'createdb' | 'createrole' | 'inherit' | 'login' | 'replication' | 'bypassrls';

function parseRoleOption(p: Cursor, create: boolean): RoleOption {
  const pos = p.tok.start;
  const w = p.word();
  if (w === 'password') {
    p.i++;
    if (p.acceptKw('null')) return { kind: 'password', value: null, pos };
    return { kind: 'password', value: sconst(p), pos };
  }
  if (w === 'encrypted' && p.isKw('password', 1)) {
    p.i += 2;
    return { kind: 'password', value: sconst(p), pos };
  }
  if (w === 'unencrypted' && p.isKw('password', 1)) {
    p.error('0A000', 'UNENCRYPTED PASSWORD is no longer supported', pos, 'Remove UNENCRYPTED to store the password in encrypted form instead.');
  }
  if (w === 'inherit') {
    p.i++;
    return { kind: 'inherit', value: true, pos };
  }
  if (w === 'connection' && p.isKw('limit', 1)) {
    p.i += 2;
    return { kind: 'connection limit', value: signedIconst(p), pos };
  }
  if (w === 'valid' && p.isKw('until', 1)) {
    p.i += 2;
    return { kind: 'valid until', value: sconst(p), pos };
  }
  if (w === 'user') {
    p.i++;
    return { kind: 'role', roles: parseRoleList(p), pos };
  }
  if (create) {
    if (w === 'sysid') {
      p.i++;
      iconst(p);
      return { kind: 'sysid', pos };
    }
    if (w === 'admin' || w === 'role') {
      p.i++;
      return { kind: w, roles: parseRoleList(p), pos };
    }
    if (w === 'in' && (p.isKw('role', 1) || p.isKw('group', 1))) {
      p.i += 2;
      return { kind: 'in role', roles: parseRoleList(p), pos };
    }
  }
  // IDENT: any identifier (quoted too) that is not a keyword; unknown ones are PostgreSQL's 42601.
  if (!p.isIdent()) p.fail();
  const name = p.tok.value;
  const flag = flagOptions.get(name);
  if (flag === undefined) p.error('42601', `unrecognized role option "${name}"`, pos);
  p.i++;
  return { kind: flag[0], value: flag[1], pos };
}

function sconst(p: Cursor): string {
  if (p.tok.kind !== 'string') p.fail();
  return p.toks[p.i++]!.value;
}

/** Iconst: an integer that fits int4 (a bigger one is a float token in PostgreSQL, so a syntax error). */
function iconst(p: Cursor): number {
  const t = p.tok;
  if (t.kind !== 'integer') p.fail();
  const n = Number(t.value);
  if (!(n <= int4Max)) p.fail();
  p.i++;
  return n;
}

/** SignedIconst: Iconst | '+' Iconst | '-' Iconst. */
function signedIconst(p: Cursor): number {
  if (p.acceptOp('+')) return iconst(p);
  if (p.acceptOp('-')) return -iconst(p);
  return iconst(p);
}

/** RoleSpec: a name (NonReservedWord), PUBLIC, CURRENT_USER, CURRENT_ROLE or SESSION_USER; NONE is reserved. */
export function parseRoleSpec(p: Cursor): RoleSpec {
  const pos = p.tok.start;
  const w = p.word();
  if (w === 'current_user' || w === 'current_role' || w === 'session_user') {
    p.i++;
    return { kind: w, pos };
  }
  const name = p.nonReserved();
  if (name === 'public') return { kind: 'public', pos };
  if (name === 'none') p.error('42939', 'role name "none" is reserved', pos);
  return { kind: 'name', name, pos };
}

/** RoleId: a RoleSpec that must be a plain name. */
function parseRoleId(p: Cursor): string {
  const pos = p.tok.start;
  return roleIdOf(p, parseRoleSpec(p), pos);
}

function roleIdOf(p: Cursor, spec: RoleSpec, pos: number): string {
  switch (spec.kind) {
    case 'name':
      return spec.name;
    case 'public':
      return p.error('42939', 'role name "public" is reserved', pos);
    default:
      return p.error('42939', `${spec.kind.toUpperCase()} cannot be used as a role name here`, pos);
  }
}

function parseRoleList(p: Cursor): RoleSpec[] {
  const out = [parseRoleSpec(p)];
  while (p.acceptPunct(',')) out.push(parseRoleSpec(p));
  return out;
}

// ---------------------------------------------------------------------------------------------
// GRANT / REVOKE

interface Privilege {
  readonly name: string;
  readonly pos: number;
  readonly columns: string[] | null;
}

/**
 * GRANT privileges ON target TO grantees [WITH GRANT OPTION] [GRANTED BY r];
 * REVOKE [GRANT OPTION FOR] privileges ON target FROM grantees [GRANTED BY r] [CASCADE | RESTRICT];
 * GRANT roles TO roles [WITH ADMIN OPTION] [GRANTED BY r];
 * REVOKE [ADMIN OPTION FOR] roles FROM roles [GRANTED BY r] [CASCADE | RESTRICT].
 * The cursor on GRANT or REVOKE.
 */
export function parseGrant(p: Cursor): Statement {
  const pos = p.tok.start;
  const grant = p.word() === 'grant';
  p.i++;
  let option = false;
  if (!grant && (p.isKw('grant') || p.isKw('admin')) && p.isKw('option', 1) && p.isKw('for', 2)) {
    option = true;
    p.i += 3;
  }
  let privileges: Privilege[] | null = null;
  let allColumns: string[] | null = null;
  if (p.acceptKw('all')) {
    p.acceptKw('privileges');
    if (p.isPunct('(')) allColumns = p.parenColIdList();
  } else {
    privileges = [];
    do privileges.push(parsePrivilege(p));
    while (p.acceptPunct(','));
  }
  if (p.acceptKw('on')) return parsePrivilegeGrant(p, grant, option, privileges, allColumns, pos);
  if (privileges === null) p.fail();
  const roles = privileges.map((r): RoleSpec => ({ kind: 'name', name: r.name, pos: r.pos }));
  const withColumns = privileges.flatMap((r, i) => (r.columns === null ? [] : [i]));
  p.expectKw(grant ? 'to' : 'from');
  const grantees = parseRoleList(p);
  let admin = option;
  if (grant && p.acceptKw('with')) {
    p.expectKw('admin');
    p.expectKw('option');
    admin = true;
  }
  const grantedBy = parseGrantedBy(p);
  if (!grant && !p.acceptKw('cascade')) p.acceptKw('restrict');
  return { kind: 'grant role', grant, roles, withColumns, grantees, admin, grantedBy, tag: grant ? 'GRANT ROLE' : 'REVOKE ROLE', pos };
}

/** privilege: SELECT | REFERENCES | CREATE | ColId, each with an optional column list. */
function parsePrivilege(p: Cursor): Privilege {
  const pos = p.tok.start;
  const w = p.word();
  let name: string;
  if (w === 'select' || w === 'references' || w === 'create') {
    p.i++;
    name = w;
  } else {
    name = p.colId();
  }
  return { name, pos, columns: p.isPunct('(') ? p.parenColIdList() : null };
}

function parseGrantedBy(p: Cursor): RoleSpec | null {
  if (!p.acceptKw('granted')) return null;
  p.expectKw('by');
  return parseRoleSpec(p);
}

function parsePrivilegeGrant(p: Cursor, grant: boolean, grantOption: boolean, privileges: Privilege[] | null, allColumns: string[] | null, pos: number): GrantStmt {
  const target = parsePrivilegeTarget(p);
  p.expectKw(grant ? 'to' : 'from');
  const grantees: RoleSpec[] = [];
  do {
    p.acceptKw('group');
    grantees.push(parseRoleSpec(p));
  } while (p.acceptPunct(','));
  if (grant && p.acceptKw('with')) {
    p.expectKw('grant');
    p.expectKw('option');
    grantOption = true;
  }
  const grantedBy = parseGrantedBy(p);
  if (!grant && !p.acceptKw('cascade')) p.acceptKw('restrict');
  return { kind: 'grant', grant, privileges, allColumns, target, grantees, grantOption, grantedBy, pos };
}

const unsupportedTargets: ReadonlySet<string> = new Set(['function', 'procedure', 'routine', 'language', 'type', 'domain', 'tablespace', 'foreign', 'large']);

/** privilege_target: [TABLE] names | SEQUENCE names | SCHEMA names | DATABASE names | ALL {TABLES|SEQUENCES|FUNCTIONS|PROCEDURES|ROUTINES} IN SCHEMA names. */
function parsePrivilegeTarget(p: Cursor): GrantTarget {
  const w = p.word();
  const followedByName = p.isColLabel(1) && !p.isKw('to', 1) && !p.isKw('from', 1);
  if (w === 'all') {
    p.i++;
    const which = p.word();
    if (which !== 'tables' && which !== 'sequences' && which !== 'functions' && which !== 'procedures' && which !== 'routines') return p.fail();
    p.i++;
    p.expectKw('in');
    p.expectKw('schema');
    return { kind: `all ${which}`, names: nameList(p) };
  }
  if ((w === 'schema' || w === 'database') && followedByName) {
    p.i++;
    return { kind: w, names: nameList(p) };
  }
  if (w !== null && unsupportedTargets.has(w) && followedByName) p.error('0A000', `GRANT/REVOKE ON ${w.toUpperCase()} is not supported`, p.tok.start);
  let kind: 'table' | 'sequence' = 'table';
  if (w === 'table' || (w === 'sequence' && followedByName)) {
    p.i++;
    kind = w;
  }
  const names: QualifiedName[] = [];
  do names.push(parseQualifiedName(p));
  while (p.acceptPunct(','));
  return { kind, names };
}

/** name_list: ColIds, as unqualified names. */
function nameList(p: Cursor): QualifiedName[] {
  const out: QualifiedName[] = [];
  do {
    const pos = p.tok.start;
    out.push({ schema: null, name: p.colId(), pos });
  } while (p.acceptPunct(','));
  return out;
}
