/**
 * Definitions: CREATE TABLE (columns, constraints, identity, AS query), CREATE INDEX / VIEW /
 * SEQUENCE / SCHEMA, ALTER TABLE / SEQUENCE / INDEX / VIEW / SCHEMA, DROP and TRUNCATE.
 *
 * `CHECK (…)` text, column DEFAULT text and a view's query text are the exact source slices, so
 * the catalog can keep them and re-parse them later (parseExpression / parse).
 */
import type {
  AlterTable,
  AlterTableAction,
  ColumnDef,
  Constraint,
  CreateIndex,
  CreateTable,
  CreateView,
  DropRoleStmt,
  DropStmt,
  Expr,
  OrderItem,
  QualifiedName,
  ReferentialAction,
  SequenceOptions,
  Statement,
  TruncateStmt,
  TypeName,
} from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseAnyName, parseBExpr, parseExpr, parseFuncArgs, parseSimpleTypeName, parseTypeName } from './parser-expr.js';
import { parseOptionValue } from './parser-dml.js';
import { parseQualifiedName, parseQuery, parseRelationExpr } from './parser-query.js';
import { parseAlterRole, parseCreateRole, parseDropRole } from './parser-role.js';

/** CREATE …: the cursor on CREATE. */
export function parseCreate(p: Cursor): Statement {
  const pos = p.expectKw('create').start;
  let orReplace = false;
  if (p.acceptKw('or')) {
    p.expectKw('replace');
    orReplace = true;
  }
  const temporary = parseOptTemp(p);
  const w = p.word();
  if (w === 'table' && !orReplace) return parseCreateTable(p, temporary, pos);
  if (w === 'view' || w === 'recursive') return parseCreateView(p, orReplace, temporary, pos);
  if (w === 'sequence' && !orReplace) {
    p.i++;
    const ifNotExists = parseIfNotExists(p);
    const name = parseQualifiedName(p);
    return { kind: 'create sequence', name, ifNotExists, temporary, options: parseSeqOptions(p, false), pos };
  }
  if (!orReplace && !temporary && (w === 'index' || w === 'unique')) return parseCreateIndex(p, pos);
  if (!orReplace && !temporary && w === 'schema') return parseCreateSchema(p, pos);
  if (!orReplace && !temporary && (w === 'role' || w === 'user' || w === 'group')) return parseCreateRole(p, pos);
  if (w !== null && ['function', 'procedure', 'trigger', 'type', 'domain', 'extension', 'materialized', 'role', 'user', 'database', 'aggregate', 'rule', 'policy', 'publication', 'subscription', 'tablespace', 'cast', 'operator', 'collation', 'conversion', 'language', 'server', 'statistics', 'event', 'foreign', 'group', 'text', 'transform', 'access'].includes(w)) {
    p.error('0A000', `CREATE ${w.toUpperCase()} is not supported`, p.tok.start);
  }
  return p.fail();
}

/** OptTemp: TEMP | TEMPORARY | LOCAL TEMP[ORARY] | GLOBAL TEMP[ORARY] | UNLOGGED (accepted; means an ordinary table). */
function parseOptTemp(p: Cursor): boolean {
  if (p.acceptKw('temp') || p.acceptKw('temporary')) return true;
  if (p.isKw('local') || p.isKw('global')) {
    p.i++;
    if (!p.acceptKw('temp')) p.expectKw('temporary');
    return true;
  }
  p.acceptKw('unlogged');
  return false;
}

function parseIfNotExists(p: Cursor): boolean {
  if (!p.isKw('if') || !p.isKw('not', 1)) return false;
  p.i++;
  p.expectKw('not');
  p.expectKw('exists');
  return true;
}

function parseIfExists(p: Cursor): boolean {
  if (!p.isKw('if') || !p.isKw('exists', 1)) return false;
  p.i++;
  p.expectKw('exists');
  return true;
}

function parseCreateTable(p: Cursor, temporary: boolean, pos: number): CreateTable {
  p.expectKw('table');
  const ifNotExists = parseIfNotExists(p);
  const name = parseQualifiedName(p);
  if (p.isKw('of') || p.isKw('partition')) p.error('0A000', `CREATE TABLE … ${p.word()!.toUpperCase()} is not supported`, p.tok.start);
  const columns: ColumnDef[] = [];
  const constraints: Constraint[] = [];
  let asNames: string[] | null = null;
  let elements = false;
  if (p.isPunct('(') && !(p.isColId(1) && (p.isPunct(',', 2) || p.isPunct(')', 2)))) {
    elements = true;
    p.i++;
    p.nest++;
    if (!p.isPunct(')')) {
      do {
        if (isTableConstraintStart(p)) constraints.push(parseTableConstraint(p));
        else if (p.isKw('like')) p.error('0A000', 'CREATE TABLE … (LIKE …) is not supported', p.tok.start);
        else columns.push(parseColumnDef(p, name.name));
      } while (p.acceptPunct(','));
    }
    p.expectPunct(')');
    p.nest--;
  } else if (p.isPunct('(')) {
    asNames = p.parenColIdList();
  }
  if (p.isKw('inherits') || p.isKw('partition')) p.error('0A000', `${p.word()!.toUpperCase()} is not supported`, p.tok.start);
  if (p.acceptKw('using')) p.colId();
  const options = parseStorageOptions(p);
  if (p.isKw('on') && p.isKw('commit', 1)) {
    p.i += 2;
    if (p.acceptKw('preserve') || p.acceptKw('delete')) p.expectKw('rows');
    else p.expectKw('drop');
  }
  if (p.acceptKw('tablespace')) p.colId();
  if (!elements && !p.isKw('as')) p.fail();
  let as = null;
  if (asNames !== null || p.isKw('as')) {
    if (columns.length > 0 || constraints.length > 0) p.fail();
    p.expectKw('as');
    if (p.isKw('execute')) p.error('0A000', 'CREATE TABLE … AS EXECUTE is not supported', p.tok.start);
    as = parseQuery(p);
    if (p.acceptKw('with')) {
      if (p.acceptKw('no')) p.error('0A000', 'WITH NO DATA is not supported', p.tok.start);
      p.expectKw('data');
    }
  }
  const asColumns: ColumnDef[] = (asNames ?? []).map((n) => ({
    name: n, type: { name: 'unknown', mods: [], array: false, pos: -1 }, notNull: false, nullable: false, default: null, defaultText: null,
    identity: null, constraints: [], pos: -1,
  }));
  return { kind: 'create table', name, ifNotExists, temporary, columns: as === null ? columns : asColumns, constraints, as, options, pos };
}

/** reloptions: `(name [= value], …)`. */
function parseRelOptions(p: Cursor): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  p.expectPunct('(');
  do {
    let name = p.colLabel();
    if (p.acceptPunct('.')) name += '.' + p.colLabel();
    let value = '';
    if (p.acceptOp('=')) value = parseOptionValue(p) ?? p.fail();
    out.push({ name, value });
  } while (p.acceptPunct(','));
  p.expectPunct(')');
  return out;
}

/** `WITH (name [= value], …)` storage parameters (accepted, ignored by the engine). */
function parseStorageOptions(p: Cursor): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (p.isKw('without') && p.isKw('oids', 1)) {
    p.i += 2;
    return out;
  }
  if (!(p.isKw('with') && p.isPunct('(', 1))) return out;
  p.i++;
  return parseRelOptions(p);
}

function isTableConstraintStart(p: Cursor): boolean {
  const w = p.word();
  if (w === 'constraint' || w === 'check' || w === 'unique' || w === 'primary' || w === 'foreign') return true;
  return w === 'exclude' && (p.isPunct('(', 1) || p.isKw('using', 1));
}

/** The source text of tokens [from, p.i). */
function sliceFrom(p: Cursor, from: number): string {
  return p.text.slice(p.toks[from]!.start, p.endOf(p.i - 1));
}

function parseCheck(p: Cursor, name: string | null, pos: number): Constraint {
  p.expectKw('check');
  p.expectPunct('(');
  p.nest++;
  const from = p.i;
  const expr = parseExpr(p);
  const text = sliceFrom(p, from);
  p.expectPunct(')');
  p.nest--;
  if (p.isKw('no') && p.isKw('inherit', 1)) p.i += 2;
  return { kind: 'check', name, expr, text, pos };
}

function parseNullsDistinct(p: Cursor): boolean {
  if (!p.isKw('nulls')) return false;
  p.i++;
  const not = p.acceptKw('not');
  p.expectKw('distinct');
  return not;
}

/** Index options after UNIQUE / PRIMARY KEY: INCLUDE, WITH (…), USING INDEX TABLESPACE. */
function parseIndexTail(p: Cursor, allowInclude: boolean): void {
  if (allowInclude && p.isKw('include')) p.error('0A000', 'INCLUDE is not supported for constraints', p.tok.start);
  parseStorageOptions(p);
  if (p.isKw('using') && p.isKw('index', 1)) {
    p.i += 2;
    p.expectKw('tablespace');
    p.colId();
  }
}

/** ConstraintAttributeSpec: DEFERRABLE, NOT DEFERRABLE, INITIALLY …, NOT VALID, NO INHERIT (accepted). */
function parseConstraintAttributes(p: Cursor): void {
  for (;;) {
    if (p.acceptKw('deferrable')) continue;
    if (p.isKw('not') && (p.isKw('deferrable', 1) || p.isKw('valid', 1))) {
      p.i += 2;
      continue;
    }
    if (p.acceptKw('initially')) {
      if (!p.acceptKw('deferred')) p.expectKw('immediate');
      continue;
    }
    if (p.isKw('no') && p.isKw('inherit', 1)) {
      p.i += 2;
      continue;
    }
    return;
  }
}

function parseTableConstraint(p: Cursor): Constraint {
  const pos = p.tok.start;
  const name = p.acceptKw('constraint') ? p.colId() : null;
  const w = p.word();
  let c: Constraint;
  if (w === 'check') c = parseCheck(p, name, pos);
  else if (w === 'unique') {
    p.i++;
    const nullsNotDistinct = parseNullsDistinct(p);
    if (p.isKw('using')) p.error('0A000', 'UNIQUE USING INDEX is not supported', p.tok.start);
    const columns = p.parenColIdList();
    parseIndexTail(p, true);
    c = { kind: 'unique', name, columns, nullsNotDistinct, pos };
  } else if (w === 'primary') {
    p.i++;
    p.expectKw('key');
    if (p.isKw('using')) p.error('0A000', 'PRIMARY KEY USING INDEX is not supported', p.tok.start);
    const columns = p.parenColIdList();
    parseIndexTail(p, true);
    c = { kind: 'primary key', name, columns, pos };
  } else if (w === 'foreign') {
    p.i++;
    p.expectKw('key');
    const columns = p.parenColIdList();
    c = parseReferences(p, name, columns, pos);
  } else if (w === 'exclude') {
    return p.error('0A000', 'EXCLUDE constraints are not supported', p.tok.start);
  } else {
    return p.fail();
  }
  parseConstraintAttributes(p);
  return c;
}

/** `REFERENCES t [(cols)] [MATCH FULL | SIMPLE] [ON DELETE a] [ON UPDATE a]`. */
function parseReferences(p: Cursor, name: string | null, columns: string[], pos: number): Constraint {
  p.expectKw('references');
  const table = parseQualifiedName(p);
  const refColumns = p.isPunct('(') ? p.parenColIdList() : [];
  if (p.acceptKw('match')) {
    if (p.isKw('partial')) p.error('0A000', 'MATCH PARTIAL not yet implemented', p.tok.start);
    if (!p.acceptKw('full')) p.expectKw('simple');
  }
  let onDelete: ReferentialAction = 'no action';
  let onUpdate: ReferentialAction = 'no action';
  let seenDelete = false;
  let seenUpdate = false;
  while (p.acceptKw('on')) {
    if (!seenDelete && p.acceptKw('delete')) {
      seenDelete = true;
      onDelete = parseReferentialAction(p);
    } else if (!seenUpdate && p.acceptKw('update')) {
      seenUpdate = true;
      onUpdate = parseReferentialAction(p);
    } else {
      p.fail();
    }
  }
  return { kind: 'foreign key', name, columns, table, refColumns, onDelete, onUpdate, pos };
}

function parseReferentialAction(p: Cursor): ReferentialAction {
  if (p.acceptKw('cascade')) return 'cascade';
  if (p.acceptKw('restrict')) return 'restrict';
  if (p.acceptKw('no')) {
    p.expectKw('action');
    return 'no action';
  }
  p.expectKw('set');
  const action: ReferentialAction = p.acceptKw('null') ? 'set null' : (p.expectKw('default'), 'set default');
  if (p.isPunct('(')) p.error('0A000', `${action.toUpperCase()} with a column list is not supported`, p.tok.start);
  return action;
}

interface MutableColumn {
  notNull: boolean;
  nullable: boolean;
  default: Expr | null;
  defaultText: string | null;
  identity: { always: boolean; options: SequenceOptions } | null;
  constraints: Constraint[];
}

/** columnDef: `name type [COLLATE c] [constraints …]`. */
export function parseColumnDef(p: Cursor, table: string): ColumnDef {
  const pos = p.tok.start;
  const name = p.colId();
  const type = parseTypeName(p);
  const col: MutableColumn = { notNull: false, nullable: false, default: null, defaultText: null, identity: null, constraints: [] };
  for (;;) {
    const at = p.tok.start;
    if (p.acceptKw('collate')) {
      parseAnyName(p);
      continue;
    }
    const cname = p.acceptKw('constraint') ? p.colId() : null;
    if (!parseColumnConstraint(p, col, cname, at, name, table)) {
      if (cname !== null) p.fail();
      break;
    }
  }
  return { name, type, ...col, pos };
}

/** One ColConstraint; false when the cursor is not on one. */
function parseColumnConstraint(p: Cursor, col: MutableColumn, cname: string | null, at: number, column: string, table: string): boolean {
  const w = p.word();
  switch (w) {
    case 'not':
      if (p.isKw('deferrable', 1)) {
        p.i += 2;
        return true;
      }
      p.i++;
      p.expectKw('null');
      if (col.nullable) p.defer('42601', `conflicting NULL/NOT NULL declarations for column "${column}" of table "${table}"`, at);
      col.notNull = true;
      return true;
    case 'null':
      p.i++;
      if (col.notNull) p.defer('42601', `conflicting NULL/NOT NULL declarations for column "${column}" of table "${table}"`, at);
      col.nullable = true;
      return true;
    case 'unique':
      p.i++;
      col.constraints.push({ kind: 'unique', name: cname, columns: [], nullsNotDistinct: parseNullsDistinct(p), pos: at });
      parseIndexTail(p, false);
      return true;
    case 'primary':
      p.i++;
      p.expectKw('key');
      parseIndexTail(p, false);
      col.constraints.push({ kind: 'primary key', name: cname, columns: [], pos: at });
      return true;
    case 'check':
      col.constraints.push(parseCheck(p, cname, at));
      return true;
    case 'default': {
      p.i++;
      if (col.default !== null) p.defer('42601', `multiple default values specified for column "${column}" of table "${table}"`, at);
      if (col.identity !== null) p.defer('42601', `both default and identity specified for column "${column}" of table "${table}"`, at);
      const from = p.i;
      col.default = parseBExpr(p);
      col.defaultText = sliceFrom(p, from);
      return true;
    }
    case 'generated': {
      p.i++;
      let always = true;
      if (!p.acceptKw('always')) {
        p.expectKw('by');
        p.expectKw('default');
        always = false;
      }
      p.expectKw('as');
      if (p.isPunct('(')) {
        const genAt = p.tok.start;
        p.i++;
        p.nest++;
        parseExpr(p);
        p.expectPunct(')');
        p.nest--;
        p.expectKw('stored');
        p.error('0A000', 'generated columns are not supported', genAt);
      }
      p.expectKw('identity');
      let options = emptySeqOptions();
      if (p.acceptPunct('(')) {
        options = parseSeqOptions(p, false);
        p.expectPunct(')');
      }
      if (col.identity !== null) p.defer('42601', `multiple identity specifications for column "${column}" of table "${table}"`, at);
      if (col.default !== null) p.defer('42601', `both default and identity specified for column "${column}" of table "${table}"`, at);
      col.identity = { always, options };
      return true;
    }
    case 'references':
      col.constraints.push(parseReferences(p, cname, [], at));
      return true;
    case 'deferrable':
      p.i++;
      return true;
    case 'initially':
      p.i++;
      if (!p.acceptKw('deferred')) p.expectKw('immediate');
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Sequences

function emptySeqOptions(): SequenceOptions {
  return { as: null, increment: null, minValue: null, maxValue: null, start: null, cache: null, cycle: null, ownedBy: null, restart: null };
}

/** NumericOnly: a signed integer or numeric constant, as written. */
function parseNumericOnly(p: Cursor): string {
  let sign = '';
  if (p.acceptOp('-')) sign = '-';
  else p.acceptOp('+');
  const t = p.tok;
  if (t.kind !== 'integer' && t.kind !== 'numeric') p.fail();
  p.i++;
  return sign + t.value;
}

/** SeqOptList (possibly empty); each option at most once (42601 `conflicting or redundant options`). */
function parseSeqOptions(p: Cursor, alter: boolean): SequenceOptions {
  const o: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = emptySeqOptions();
  const seen = new Set<string>();
  const once = (key: string, at: number): void => {
    if (seen.has(key)) p.defer('42601', 'conflicting or redundant options', at);
    seen.add(key);
  };
  for (;;) {
    const at = p.tok.start;
    const w = p.word();
    if (w === 'as') {
      p.i++;
      once('as', at);
      o.as = parseSimpleTypeName(p, false);
    } else if (w === 'cache') {
      p.i++;
      once('cache', at);
      o.cache = parseNumericOnly(p);
    } else if (w === 'cycle') {
      p.i++;
      once('cycle', at);
      o.cycle = true;
    } else if (w === 'no') {
      p.i++;
      const what = p.word();
      if (what !== 'cycle' && what !== 'minvalue' && what !== 'maxvalue') return p.fail();
      p.i++;
      once(what, at);
      if (what === 'cycle') o.cycle = false;
      else if (what === 'minvalue') o.minValue = 'none';
      else o.maxValue = 'none';
    } else if (w === 'increment') {
      p.i++;
      p.acceptKw('by');
      once('increment', at);
      o.increment = parseNumericOnly(p);
    } else if (w === 'minvalue' || w === 'maxvalue') {
      p.i++;
      once(w, at);
      const v = parseNumericOnly(p);
      if (w === 'minvalue') o.minValue = v;
      else o.maxValue = v;
    } else if (w === 'start') {
      p.i++;
      p.acceptKw('with');
      once('start', at);
      o.start = parseNumericOnly(p);
    } else if (w === 'restart') {
      p.i++;
      once('restart', at);
      const withWord = p.acceptKw('with');
      o.restart = withWord || p.tok.kind === 'integer' || p.tok.kind === 'numeric' || p.isOp('-') || p.isOp('+') ? parseNumericOnly(p) : 'start';
      if (!alter) p.error('42601', 'RESTART option not allowed in CREATE SEQUENCE', at);
    } else if (w === 'owned') {
      p.i++;
      p.expectKw('by');
      once('owned_by', at);
      const name = parseAnyName(p);
      o.ownedBy = name.length === 1 && name[0] === 'none' ? 'none' : name;
    } else if (w === 'sequence' && p.isKw('name', 1)) {
      p.i += 2;
      parseAnyName(p);
    } else {
      return o;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Index, view, schema

function parseCreateIndex(p: Cursor, pos: number): CreateIndex {
  const unique = p.acceptKw('unique');
  p.expectKw('index');
  const concurrently = p.acceptKw('concurrently');
  const ifNotExists = parseIfNotExists(p);
  let name: string | null = null;
  if (ifNotExists || !p.isKw('on')) name = p.colId();
  p.expectKw('on');
  const table = parseRelationExpr(p);
  const method = p.acceptKw('using') ? p.colId() : null;
  p.expectPunct('(');
  p.nest++;
  const columns: OrderItem[] = [];
  do columns.push(parseIndexElem(p));
  while (p.acceptPunct(','));
  p.expectPunct(')');
  p.nest--;
  const include: string[] = [];
  if (p.acceptKw('include')) {
    p.expectPunct('(');
    p.nest++;
    do {
      const e = parseIndexElem(p).expr;
      if (e.kind === 'column') include.push(e.name);
      else p.defer('0A000', 'expressions are not supported in included columns', e.pos);
    } while (p.acceptPunct(','));
    p.expectPunct(')');
    p.nest--;
  }
  parseNullsDistinct(p);
  parseStorageOptions(p);
  if (p.acceptKw('tablespace')) p.colId();
  const where = p.acceptKw('where') ? parseExpr(p) : null;
  return { kind: 'create index', name, table, unique, ifNotExists, concurrently, method, columns, include, where, pos };
}

/** index_elem: `col | func(…) | (expr)`, then [COLLATE c] [opclass] [ASC | DESC] [NULLS FIRST | LAST]. */
function parseIndexElem(p: Cursor): OrderItem {
  let expr: Expr;
  const t = p.tok;
  if (p.isPunct('(')) {
    p.i++;
    p.nest++;
    expr = parseExpr(p);
    p.expectPunct(')');
    p.nest--;
  } else if (p.isTypeFuncName() && p.isPunct('(', 1)) {
    const name = p.typeFuncName();
    expr = parseFuncArgs(p, { schema: null, name, pos: t.start }, true);
  } else {
    expr = { kind: 'column', qualifier: [], name: p.colId(), pos: t.start };
  }
  if (p.acceptKw('collate')) parseAnyName(p);
  if (p.isColId() && !((p.isKw('nulls') && (p.isKw('first', 1) || p.isKw('last', 1))))) {
    parseAnyName(p);
    if (p.isPunct('(')) parseRelOptions(p);
  }
  let desc = false;
  if (p.acceptKw('desc')) desc = true;
  else p.acceptKw('asc');
  let nullsFirst: boolean | null = null;
  if (p.isKw('nulls') && (p.isKw('first', 1) || p.isKw('last', 1))) {
    p.i++;
    nullsFirst = p.word() === 'first';
    p.i++;
  }
  return { expr, desc, nullsFirst, using: null };
}

function parseCreateView(p: Cursor, orReplace: boolean, temporary: boolean, pos: number): CreateView {
  if (p.isKw('recursive')) p.error('0A000', 'CREATE RECURSIVE VIEW is not supported', p.tok.start);
  p.expectKw('view');
  const name = parseQualifiedName(p);
  const columns = p.isPunct('(') ? p.parenColIdList() : [];
  parseStorageOptions(p);
  p.expectKw('as');
  const from = p.i;
  const query = parseQuery(p);
  const text = sliceFrom(p, from);
  if (p.isKw('with')) p.error('0A000', 'WITH CHECK OPTION is not supported', p.tok.start);
  return { kind: 'create view', name, orReplace, temporary, columns, query, text, pos };
}

function parseCreateSchema(p: Cursor, pos: number): Statement {
  p.expectKw('schema');
  const ifNotExists = parseIfNotExists(p);
  let name: string;
  if (p.acceptKw('authorization')) {
    name = parseRoleSpec(p);
  } else {
    name = p.colId();
    if (p.acceptKw('authorization')) parseRoleSpec(p);
  }
  if (!p.atEnd()) {
    if (p.isKw('create') || p.isKw('grant')) p.error('0A000', 'CREATE SCHEMA with schema elements is not supported', p.tok.start);
    p.fail();
  }
  return { kind: 'create schema', name, ifNotExists, pos };
}

/** RoleSpec: a name, CURRENT_USER, CURRENT_ROLE or SESSION_USER. */
export function parseRoleSpec(p: Cursor): string {
  const w = p.word();
  if (w === 'current_user' || w === 'current_role' || w === 'session_user' || w === 'public') {
    p.i++;
    return w;
  }
  return p.nonReserved();
}

// ---------------------------------------------------------------------------------------------
// DROP, TRUNCATE, ALTER

const droppable: ReadonlySet<string> = new Set(['table', 'index', 'view', 'sequence', 'schema']);

export function parseDrop(p: Cursor): DropStmt | DropRoleStmt {
  const pos = p.expectKw('drop').start;
  const w = p.word();
  if (w === 'role' || w === 'user' || w === 'group') return parseDropRole(p, pos);
  if (w === null || !droppable.has(w)) {
    if (w !== null && ['function', 'procedure', 'trigger', 'type', 'domain', 'extension', 'materialized', 'role', 'user', 'database', 'aggregate', 'rule', 'policy', 'owned', 'cast', 'operator', 'collation', 'server', 'statistics', 'foreign', 'group', 'publication', 'subscription', 'tablespace', 'language', 'event', 'access', 'conversion', 'text', 'transform'].includes(w)) {
      p.error('0A000', `DROP ${w.toUpperCase()} is not supported`, p.tok.start);
    }
    return p.fail();
  }
  p.i++;
  if (w === 'index') p.acceptKw('concurrently');
  const ifExists = parseIfExists(p);
  const names: QualifiedName[] = [];
  do {
    if (w === 'schema') {
      const at = p.tok.start;
      names.push({ schema: null, name: p.colId(), pos: at });
    } else {
      names.push(parseQualifiedName(p));
    }
  } while (p.acceptPunct(','));
  const cascade = parseDropBehavior(p);
  return { kind: 'drop', object: w as DropStmt['object'], names, ifExists, cascade, pos };
}

function parseDropBehavior(p: Cursor): boolean {
  if (p.acceptKw('cascade')) return true;
  p.acceptKw('restrict');
  return false;
}

export function parseTruncate(p: Cursor): TruncateStmt {
  const pos = p.expectKw('truncate').start;
  p.acceptKw('table');
  const tables: QualifiedName[] = [];
  do tables.push(parseRelationExpr(p));
  while (p.acceptPunct(','));
  let restartIdentity = false;
  if (p.acceptKw('restart')) {
    p.expectKw('identity');
    restartIdentity = true;
  } else if (p.acceptKw('continue')) {
    p.expectKw('identity');
  }
  return { kind: 'truncate', tables, restartIdentity, cascade: parseDropBehavior(p), pos };
}

export function parseAlter(p: Cursor): Statement {
  const pos = p.expectKw('alter').start;
  const w = p.word();
  switch (w) {
    case 'table':
      p.i++;
      return parseAlterTable(p, pos);
    case 'sequence': {
      p.i++;
      const ifExists = parseIfExists(p);
      const name = parseQualifiedName(p);
      if (p.isKw('rename')) return { kind: 'rename', object: 'sequence', name, ifExists, to: parseRenameTo(p), pos };
      if (p.isKw('set') || p.isKw('owner')) p.error('0A000', `ALTER SEQUENCE … ${p.word()!.toUpperCase()} is not supported`, p.tok.start);
      const first = p.i;
      const options = parseSeqOptions(p, true);
      if (p.i === first) p.fail();
      return { kind: 'alter sequence', name, ifExists, options, pos };
    }
    case 'index':
    case 'view': {
      p.i++;
      const ifExists = parseIfExists(p);
      const name = parseQualifiedName(p);
      if (!p.isKw('rename')) {
        if (p.isKw('set') || p.isKw('alter') || p.isKw('owner') || p.isKw('reset') || p.isKw('attach')) {
          p.error('0A000', `ALTER ${w.toUpperCase()} … ${p.word()!.toUpperCase()} is not supported`, p.tok.start);
        }
        p.fail();
      }
      return { kind: 'rename', object: w, name, ifExists, to: parseRenameTo(p), pos };
    }
    case 'role':
    case 'user':
    case 'group':
      return parseAlterRole(p, pos);
    case 'schema': {
      p.i++;
      const at = p.tok.start;
      const name = { schema: null, name: p.colId(), pos: at };
      if (p.isKw('owner')) p.error('0A000', 'ALTER SCHEMA … OWNER is not supported', p.tok.start);
      return { kind: 'rename', object: 'schema', name, ifExists: false, to: parseRenameTo(p), pos };
    }
    default:
      if (w !== null && ['function', 'procedure', 'trigger', 'type', 'domain', 'extension', 'materialized', 'role', 'user', 'database', 'system', 'default', 'aggregate', 'policy', 'publication', 'subscription', 'tablespace', 'server', 'statistics', 'event', 'foreign', 'group', 'collation', 'conversion', 'language', 'large', 'operator', 'rule', 'text'].includes(w)) {
        p.error('0A000', `ALTER ${w.toUpperCase()} is not supported`, p.tok.start);
      }
      return p.fail();
  }
}

function parseRenameTo(p: Cursor): string {
  p.expectKw('rename');
  p.expectKw('to');
  return p.colId();
}

function parseAlterTable(p: Cursor, pos: number): AlterTable {
  const ifExists = parseIfExists(p);
  const name = parseRelationExpr(p);
  const one = (action: AlterTableAction): AlterTable => ({ kind: 'alter table', name, ifExists, actions: [action], pos });
  if (p.acceptKw('rename')) {
    if (p.acceptKw('to')) return one({ kind: 'rename', to: p.colId() });
    if (p.acceptKw('constraint')) {
      const from = p.colId();
      p.expectKw('to');
      return one({ kind: 'rename constraint', from, to: p.colId() });
    }
    p.acceptKw('column');
    const from = p.colId();
    p.expectKw('to');
    return one({ kind: 'rename column', from, to: p.colId() });
  }
  if (p.isKw('set') && p.isKw('schema', 1)) {
    p.i += 2;
    return one({ kind: 'set schema', schema: p.colId() });
  }
  const actions: AlterTableAction[] = [];
  do actions.push(parseAlterTableCmd(p, name.name));
  while (p.acceptPunct(','));
  return { kind: 'alter table', name, ifExists, actions, pos };
}

function parseAlterTableCmd(p: Cursor, table: string): AlterTableAction {
  const w = p.word();
  if (w === 'add') {
    p.i++;
    if (isTableConstraintStart(p)) return { kind: 'add constraint', constraint: parseTableConstraint(p) };
    p.acceptKw('column');
    const ifNotExists = parseIfNotExists(p);
    return { kind: 'add column', column: parseColumnDef(p, table), ifNotExists };
  }
  if (w === 'drop') {
    p.i++;
    if (p.acceptKw('constraint')) {
      const ifExists = parseIfExists(p);
      const name = p.colId();
      return { kind: 'drop constraint', name, ifExists, cascade: parseDropBehavior(p) };
    }
    p.acceptKw('column');
    const ifExists = parseIfExists(p);
    const name = p.colId();
    return { kind: 'drop column', name, ifExists, cascade: parseDropBehavior(p) };
  }
  if (w === 'alter') {
    p.i++;
    p.acceptKw('column');
    const name = p.colId();
    return parseAlterColumn(p, name);
  }
  if (w !== null && ['owner', 'set', 'reset', 'enable', 'disable', 'cluster', 'inherit', 'no', 'of', 'not', 'replica', 'attach', 'detach', 'validate', 'force'].includes(w)) {
    p.error('0A000', `ALTER TABLE … ${w.toUpperCase()} is not supported`, p.tok.start);
  }
  return p.fail();
}

function parseAlterColumn(p: Cursor, name: string): AlterTableAction {
  if (p.acceptKw('set')) {
    if (p.acceptKw('default')) {
      const from = p.i;
      const def = parseExpr(p);
      return { kind: 'alter column default', name, default: def, defaultText: sliceFrom(p, from) };
    }
    if (p.acceptKw('not')) {
      p.expectKw('null');
      return { kind: 'alter column not null', name, notNull: true };
    }
    if (p.acceptKw('data')) {
      p.expectKw('type');
      return parseAlterType(p, name);
    }
    if (p.isKw('statistics') || p.isKw('storage') || p.isKw('compression') || p.isPunct('(')) {
      p.error('0A000', `ALTER COLUMN … SET ${p.raw(p.tok).toUpperCase()} is not supported`, p.tok.start);
    }
    return p.fail();
  }
  if (p.acceptKw('drop')) {
    if (p.acceptKw('default')) return { kind: 'alter column default', name, default: null, defaultText: null };
    if (p.acceptKw('not')) {
      p.expectKw('null');
      return { kind: 'alter column not null', name, notNull: false };
    }
    if (p.isKw('identity') || p.isKw('expression')) p.error('0A000', `ALTER COLUMN … DROP ${p.word()!.toUpperCase()} is not supported`, p.tok.start);
    return p.fail();
  }
  if (p.acceptKw('type')) return parseAlterType(p, name);
  if (p.isKw('add') || p.isKw('reset') || p.isKw('restart')) {
    p.error('0A000', `ALTER COLUMN … ${p.word()!.toUpperCase()} is not supported`, p.tok.start);
  }
  return p.fail();
}

function parseAlterType(p: Cursor, name: string): AlterTableAction {
  const type: TypeName = parseTypeName(p);
  if (p.acceptKw('collate')) parseAnyName(p);
  const using = p.acceptKw('using') ? parseExpr(p) : null;
  return { kind: 'alter column type', name, type, using };
}

