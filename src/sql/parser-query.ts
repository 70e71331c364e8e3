/**
 * Queries: SELECT with every clause, VALUES, TABLE, set operations, WITH, FROM items and joins.
 *
 * Set operations: UNION and EXCEPT bind equally, INTERSECT tighter, all left-associative.
 * ORDER BY / LIMIT / OFFSET / FETCH / FOR UPDATE after the last operand apply to the whole
 * set operation. A parenthesised query is a nested Query; clauses written both inside and
 * outside its parentheses merge, and a clause written twice is PostgreSQL's 42601
 * `multiple ORDER BY clauses not allowed` (and LIMIT, OFFSET, WITH).
 *
 * Joins associate to the left, except that a join still waiting for its ON/USING takes a
 * following join as its right operand (`a JOIN b JOIN c ON x ON y` is `a JOIN (b JOIN c ON x) ON y`).
 */
import type {
  Alias,
  CommonTableExpr,
  DeleteStmt,
  Expr,
  FromItem,
  InsertStmt,
  OrderItem,
  QualifiedName,
  Query,
  QueryBody,
  Select,
  SelectItem,
  UpdateStmt,
  Values,
  WindowSpec,
  WithClause,
} from './ast.js';
import { type Cursor, Kw } from './parser-core.js';
import { canStartExpr, parseCExpr, parseExpr, parseExprList, parseTypeName, parseWindowSpec } from './parser-expr.js';
import { parseDelete, parseInsert, parseUpdate } from './parser-dml.js';

type Locking = Query['locking'];

/** select_no_parens or select_with_parens: `[WITH …] body [ORDER BY …] [LIMIT …] [FOR UPDATE …]`. */
export function parseQuery(p: Cursor): Query {
  p.enter();
  const pos = p.tok.start;
  const withClause = p.isKw('with') ? parseWith(p) : null;
  const body = parseSetExpr(p, 0, null);
  const q = finishQuery(p, withClause, body, pos);
  p.leave();
  return q;
}

/** Continue a query whose first operand, a parenthesised query, has been read. */
export function continueQuery(p: Cursor, first: Query): Query {
  const body = parseSetExpr(p, 0, first);
  return finishQuery(p, null, body, first.pos);
}

/** A query after its WITH clause (used by statements that read WITH themselves). */
export function parseQueryAfterWith(p: Cursor, withClause: WithClause, pos: number): Query {
  const body = parseSetExpr(p, 0, null);
  return finishQuery(p, withClause, body, pos);
}

/** `( query )`. */
export function parseSelectWithParens(p: Cursor): Query {
  p.expectPunct('(');
  p.nest++;
  const q = parseQuery(p);
  p.expectPunct(')');
  p.nest--;
  return q;
}

function setOpPrecedence(w: string | null): number {
  if (w === 'union' || w === 'except') return 1;
  if (w === 'intersect') return 2;
  return 0;
}

function parseSetExpr(p: Cursor, min: number, first: QueryBody | null): QueryBody {
  let left = first ?? parseSetPrimary(p);
  for (;;) {
    const w = p.word();
    const prec = setOpPrecedence(w);
    if (prec === 0 || prec < min) return left;
    const pos = p.tok.start;
    p.i++;
    let all = false;
    if (p.acceptKw('all')) all = true;
    else p.acceptKw('distinct');
    p.enter();
    const right = parseSetExpr(p, prec + 1, null);
    p.leave();
    left = { kind: 'setop', op: w as 'union' | 'intersect' | 'except', all, left, right, pos };
  }
}

function parseSetPrimary(p: Cursor): QueryBody {
  const w = p.word();
  if (w === 'select') return parseSelect(p);
  if (w === 'values') return parseValues(p);
  if (w === 'table') {
    const pos = p.tok.start;
    p.i++;
    const tpos = p.tok.start;
    const name = parseRelationExpr(p);
    return {
      kind: 'select', distinct: null, items: [{ expr: { kind: 'star', qualifier: [], pos }, alias: null }],
      from: [{ kind: 'table', name, alias: null, pos: tpos }], where: null, groupBy: [], having: null, windows: [], pos,
    };
  }
  if (p.isPunct('(')) return parseSelectWithParens(p);
  return p.fail();
}

interface Tail {
  orderBy: OrderItem[] | null;
  orderPos: number;
  limit: Expr | null | undefined;
  offset: Expr | null;
  withTies: boolean;
  locking: Locking;
}

/** ORDER BY, then LIMIT/OFFSET/FETCH and FOR UPDATE in either order, merged onto the body. */
function finishQuery(p: Cursor, withClause: WithClause | null, body: QueryBody, pos: number): Query {
  const tail: Tail = { orderBy: null, orderPos: -1, limit: undefined, offset: null, withTies: false, locking: null };
  if (p.isKw('order')) {
    p.i++;
    p.expectKw('by');
    tail.orderPos = p.tok.start;
    tail.orderBy = parseSortList(p);
  }
  if (p.isKw('for')) {
    tail.locking = parseLocking(p);
    parseSelectLimit(p, tail);
  } else if (parseSelectLimit(p, tail) && p.isKw('for')) {
    tail.locking = parseLocking(p);
  }
  if (tail.withTies && tail.orderBy === null) {
    p.error('42601', 'WITH TIES cannot be specified without ORDER BY clause', pos);
  }
  const inner = body.kind === 'query' ? body : null;
  if (inner === null) {
    return {
      kind: 'query', with: withClause, body, orderBy: tail.orderBy ?? [], limit: tail.limit ?? null, offset: tail.offset,
      withTies: tail.withTies, locking: tail.locking, pos,
    };
  }
  // A parenthesised query: outer clauses go onto it, each at most once.
  if (tail.orderBy !== null && inner.orderBy.length > 0) p.error('42601', 'multiple ORDER BY clauses not allowed', tail.orderPos);
  if (tail.offset !== null && inner.offset !== null) p.error('42601', 'multiple OFFSET clauses not allowed', tail.offset.pos);
  if (tail.limit !== undefined && (inner.limit !== null || inner.withTies)) {
    p.error('42601', 'multiple LIMIT clauses not allowed', tail.limit?.pos ?? pos);
  }
  if (withClause !== null && inner.with !== null) p.error('42601', 'multiple WITH clauses not allowed', pos);
  return {
    kind: 'query',
    with: withClause ?? inner.with,
    body: inner.body,
    orderBy: tail.orderBy ?? inner.orderBy,
    limit: tail.limit === undefined ? inner.limit : tail.limit,
    offset: tail.offset ?? inner.offset,
    withTies: tail.withTies || inner.withTies,
    locking: strongerLock(inner.locking, tail.locking),
    pos: withClause === null ? inner.pos : pos,
  };
}

const lockStrength: Record<string, number> = { 'key share': 1, share: 2, 'no key update': 3, update: 4 };

function strongerLock(a: Locking, b: Locking): Locking {
  if (a === null) return b;
  if (b === null) return a;
  return lockStrength[a]! >= lockStrength[b]! ? a : b;
}

/** `FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, …] [NOWAIT | SKIP LOCKED]` (repeatable), or FOR READ ONLY. */
function parseLocking(p: Cursor): Locking {
  let out: Locking = null;
  while (p.isKw('for')) {
    p.i++;
    let mode: Locking;
    if (p.acceptKw('update')) mode = 'update';
    else if (p.acceptKw('share')) mode = 'share';
    else if (p.acceptKw('no')) {
      p.expectKw('key');
      p.expectKw('update');
      mode = 'no key update';
    } else if (p.acceptKw('key')) {
      p.expectKw('share');
      mode = 'key share';
    } else {
      p.expectKw('read');
      p.expectKw('only');
      continue;
    }
    if (p.acceptKw('of')) {
      do parseQualifiedName(p);
      while (p.acceptPunct(','));
    }
    if (!p.acceptKw('nowait') && p.acceptKw('skip')) p.expectKw('locked');
    out = strongerLock(out, mode);
  }
  return out;
}

/** LIMIT / OFFSET / FETCH: `limit [offset]` or `offset [limit]`. Returns whether any was read. */
function parseSelectLimit(p: Cursor, tail: Tail): boolean {
  if (p.isKw('limit') || p.isKw('fetch')) {
    parseLimitClause(p, tail);
    if (p.isKw('offset')) parseOffsetClause(p, tail);
    return true;
  }
  if (p.isKw('offset')) {
    parseOffsetClause(p, tail);
    if (p.isKw('limit') || p.isKw('fetch')) parseLimitClause(p, tail);
    return true;
  }
  return false;
}

function parseLimitClause(p: Cursor, tail: Tail): void {
  const at = p.tok.start;
  if (p.acceptKw('limit')) {
    if (p.acceptKw('all')) tail.limit = null;
    else tail.limit = parseExpr(p);
    if (p.isPunct(',')) p.error('42601', 'LIMIT #,# syntax is not supported', at, 'Use separate LIMIT and OFFSET clauses.');
    return;
  }
  p.expectKw('fetch');
  if (!p.acceptKw('first')) p.expectKw('next');
  if (p.isKw('row') || p.isKw('rows')) tail.limit = { kind: 'literal', type: 'integer', value: '1', pos: p.tok.start };
  else tail.limit = parseFetchValue(p);
  if (!p.acceptKw('row')) p.expectKw('rows');
  if (p.acceptKw('with')) {
    p.expectKw('ties');
    tail.withTies = true;
  } else {
    p.expectKw('only');
  }
}

/** select_fetch_first_value: a c_expr, or a signed numeric constant. */
function parseFetchValue(p: Cursor): Expr {
  const t = p.tok;
  if (t.kind === 'op' && (t.value === '+' || t.value === '-')) {
    p.i++;
    const n = p.tok;
    if (n.kind !== 'integer' && n.kind !== 'numeric') p.fail();
    p.i++;
    return { kind: 'literal', type: n.kind, value: (t.value === '-' ? '-' : '') + n.value, pos: t.start };
  }
  return parseCExpr(p);
}

function parseOffsetClause(p: Cursor, tail: Tail): void {
  p.expectKw('offset');
  tail.offset = parseExpr(p);
  if (!p.acceptKw('row')) p.acceptKw('rows');
}

/** ORDER BY items: `expr [ASC | DESC | USING op] [NULLS FIRST | LAST]`. */
export function parseSortList(p: Cursor): OrderItem[] {
  const out: OrderItem[] = [];
  do {
    const expr = parseExpr(p);
    let desc = false;
    let using: string | null = null;
    if (p.acceptKw('desc')) desc = true;
    else if (!p.acceptKw('asc') && p.acceptKw('using')) {
      const t = p.tok;
      if (t.kind !== 'op') p.fail();
      p.i++;
      using = t.value;
      if (t.value === '>') desc = true;
    }
    let nullsFirst: boolean | null = null;
    if (p.isKw('nulls') && (p.isKw('first', 1) || p.isKw('last', 1))) {
      p.i++;
      nullsFirst = p.word() === 'first';
      p.i++;
    }
    out.push({ expr, desc, nullsFirst, using });
  } while (p.acceptPunct(','));
  return out;
}

function parseSelect(p: Cursor): Select {
  const pos = p.expectKw('select').start;
  let distinct: Expr[] | null = null;
  let needTargets = false;
  if (p.acceptKw('distinct')) {
    distinct = [];
    needTargets = true;
    if (p.acceptKw('on')) {
      p.expectPunct('(');
      p.nest++;
      distinct = parseExprList(p);
      p.expectPunct(')');
      p.nest--;
    }
  } else {
    p.acceptKw('all');
  }
  const items = needTargets || isTargetStart(p) ? parseTargetList(p) : [];
  if (p.isKw('into')) p.error('0A000', 'SELECT ... INTO is not supported', p.tok.start, 'Use CREATE TABLE ... AS instead.');
  const from = p.acceptKw('from') ? parseFromList(p) : [];
  const where = p.acceptKw('where') ? parseExpr(p) : null;
  let groupBy: Expr[] = [];
  if (p.isKw('group')) {
    p.i++;
    p.expectKw('by');
    if (!p.acceptKw('all')) p.acceptKw('distinct');
    groupBy = parseGroupList(p);
  }
  const having = p.acceptKw('having') ? parseExpr(p) : null;
  const windows: { name: string; spec: WindowSpec }[] = [];
  if (p.acceptKw('window')) {
    do {
      const name = p.colId();
      p.expectKw('as');
      windows.push({ name, spec: parseWindowSpec(p) });
    } while (p.acceptPunct(','));
  }
  return { kind: 'select', distinct, items, from, where, groupBy, having, windows, pos };
}

function isTargetStart(p: Cursor): boolean {
  return (p.tok.kind === 'op' && p.tok.value === '*') || canStartExpr(p);
}

/** A select list or RETURNING list: `*`, or expressions with `AS label` or a bare label. */
export function parseTargetList(p: Cursor): SelectItem[] {
  const out: SelectItem[] = [];
  do {
    const t = p.tok;
    if (t.kind === 'op' && t.value === '*') {
      p.i++;
      out.push({ expr: { kind: 'star', qualifier: [], pos: t.start }, alias: null });
      continue;
    }
    const save = p.labelNest;
    p.labelNest = p.nest;
    const expr = parseExpr(p);
    p.labelNest = save;
    let alias: string | null = null;
    if (p.acceptKw('as')) alias = p.colLabel();
    else if (p.isBareLabel()) alias = p.colLabel();
    out.push({ expr, alias });
  } while (p.acceptPunct(','));
  return out;
}

/** GROUP BY items; `()` alone is the empty grouping set (no grouping columns). */
function parseGroupList(p: Cursor): Expr[] {
  const out: Expr[] = [];
  let empty = false;
  do {
    const w = p.word();
    if (p.isPunct('(') && p.isPunct(')', 1)) {
      p.i += 2;
      empty = true;
      continue;
    }
    if ((w === 'rollup' || w === 'cube') && p.isPunct('(', 1)) p.error('0A000', `${w.toUpperCase()} is not supported`, p.tok.start);
    if (w === 'grouping' && p.isKw('sets', 1)) p.error('0A000', 'GROUPING SETS is not supported', p.tok.start);
    out.push(parseExpr(p));
  } while (p.acceptPunct(','));
  if (empty && out.length > 0) p.error('0A000', 'grouping sets are not supported', p.tok.start);
  return out;
}

/** `VALUES (…), (…)` (rows of different lengths are for the analyser to reject). */
export function parseValues(p: Cursor): Values {
  const pos = p.expectKw('values').start;
  const rows: Expr[][] = [];
  do {
    p.expectPunct('(');
    p.nest++;
    const row = parseExprList(p);
    p.expectPunct(')');
    p.nest--;
    rows.push(row);
  } while (p.acceptPunct(','));
  return { kind: 'values', rows, pos };
}

// ---------------------------------------------------------------------------------------------
// WITH

/** `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (statement) [, …]`. */
export function parseWith(p: Cursor): WithClause {
  p.expectKw('with');
  const recursive = p.isKw('recursive') && p.isColId(1) ? (p.i++, true) : false;
  const ctes: CommonTableExpr[] = [];
  do {
    const pos = p.tok.start;
    const name = p.colId();
    const columns = p.isPunct('(') ? p.parenColIdList() : [];
    p.expectKw('as');
    let materialized: boolean | null = null;
    if (p.acceptKw('materialized')) materialized = true;
    else if (p.isKw('not') && p.isKw('materialized', 1)) {
      p.i += 2;
      materialized = false;
    }
    p.expectPunct('(');
    p.nest++;
    const query = parsePreparable(p);
    p.expectPunct(')');
    p.nest--;
    if (p.isKw('search') || p.isKw('cycle')) p.error('0A000', `${p.word()!.toUpperCase()} clauses of WITH are not supported`, p.tok.start);
    ctes.push({ name, columns, query, materialized, pos });
  } while (p.acceptPunct(','));
  return { recursive, ctes };
}

/** PreparableStmt: SELECT (or VALUES, TABLE, a parenthesised query), INSERT, UPDATE or DELETE. */
export function parsePreparable(p: Cursor): Query | InsertStmt | UpdateStmt | DeleteStmt {
  const pos = p.tok.start;
  let withClause: WithClause | null = null;
  if (p.isKw('with')) withClause = parseWith(p);
  switch (p.word()) {
    case 'insert':
      return parseInsert(p, withClause, pos);
    case 'update':
      return parseUpdate(p, withClause, pos);
    case 'delete':
      return parseDelete(p, withClause, pos);
    default:
      return withClause === null ? parseQuery(p) : parseQueryAfterWith(p, withClause, pos);
  }
}

// ---------------------------------------------------------------------------------------------
// FROM

export function parseFromList(p: Cursor): FromItem[] {
  const out: FromItem[] = [];
  do out.push(parseTableRef(p));
  while (p.acceptPunct(','));
  return out;
}

/** A FROM item with its joins. */
export function parseTableRef(p: Cursor): FromItem {
  p.enter();
  let left = parseTablePrimary(p);
  while (isJoinStart(p)) left = parseJoin(p, left);
  p.leave();
  return left;
}

function isJoinStart(p: Cursor): boolean {
  const w = p.word();
  return w === 'join' || w === 'cross' || w === 'natural' || w === 'inner' || w === 'left' || w === 'right' || w === 'full';
}

/** One join onto `left`: `[NATURAL] [INNER | LEFT | RIGHT | FULL [OUTER]] JOIN right [ON … | USING (…)]`, or CROSS JOIN. */
function parseJoin(p: Cursor, left: FromItem): FromItem {
  const pos = p.tok.start;
  if (p.acceptKw('cross')) {
    p.expectKw('join');
    const right = parseTablePrimary(p);
    return { kind: 'join', type: 'cross', natural: false, left, right, on: null, using: null, alias: null, pos };
  }
  const natural = p.acceptKw('natural');
  let type: 'inner' | 'left' | 'right' | 'full' = 'inner';
  const w = p.word();
  if (w === 'left' || w === 'right' || w === 'full') {
    p.i++;
    type = w;
    p.acceptKw('outer');
  } else {
    p.acceptKw('inner');
  }
  p.expectKw('join');
  p.enter();
  let right = parseTablePrimary(p);
  if (natural) {
    p.leave();
    return { kind: 'join', type, natural, left, right, on: null, using: null, alias: null, pos };
  }
  while (isJoinStart(p)) right = parseJoin(p, right);
  p.leave();
  if (p.acceptKw('on')) {
    return { kind: 'join', type, natural, left, right, on: parseExpr(p), using: null, alias: null, pos };
  }
  p.expectKw('using');
  const using = p.parenColIdList();
  const alias: Alias | null = p.acceptKw('as') ? { name: p.colId(), columns: [] } : null;
  return { kind: 'join', type, natural, left, right, on: null, using, alias, pos };
}

function parseTablePrimary(p: Cursor): FromItem {
  const t = p.tok;
  const pos = t.start;
  if (p.isPunct('(')) {
    if (p.parenLeadsToQuery()) return subqueryRef(p, false, pos);
    // ( joined_table ) [alias]
    p.i++;
    p.nest++;
    p.enter();
    let inner = parseTablePrimary(p);
    if (!isJoinStart(p)) p.fail();
    while (isJoinStart(p)) inner = parseJoin(p, inner);
    p.expectPunct(')');
    p.leave();
    p.nest--;
    const alias = parseOptAlias(p);
    if (alias === null || inner.kind !== 'join') return inner;
    return { ...inner, alias };
  }
  if (p.isKw('lateral')) {
    p.i++;
    if (p.isPunct('(')) return subqueryRef(p, true, p.tok.start);
    return functionRef(p, true, pos);
  }
  if (p.isKw('rows') && p.isKw('from', 1)) p.error('0A000', 'ROWS FROM is not supported', pos);
  if (p.isKw('only')) {
    p.i++;
    const paren = p.acceptPunct('(');
    const name = parseQualifiedName(p);
    if (paren) p.expectPunct(')');
    return { kind: 'table', name, alias: parseOptAlias(p), pos };
  }
  if (isFunctionTableStart(p) || p.kw() === Kw.TypeFunc) return functionRef(p, false, pos);
  const name = parseRelationExpr(p);
  if (p.isKw('tablesample')) p.error('0A000', 'TABLESAMPLE is not supported', p.tok.start);
  return { kind: 'table', name, alias: parseOptAlias(p), pos };
}

/** Whether a FROM item is a function call: `name(`, `s.name(`, or a special form like `coalesce(`. */
function isFunctionTableStart(p: Cursor): boolean {
  if (p.isTypeFuncName() && p.isPunct('(', 1)) return true;
  if (p.isColId() && p.isPunct('.', 1) && p.isColLabel(2) && p.isPunct('(', 3)) return true;
  const w = p.word();
  return p.kw() === Kw.ColName && p.isPunct('(', 1) && w !== null && ['coalesce', 'greatest', 'least', 'nullif', 'extract', 'overlay', 'position', 'substring', 'trim', 'normalize'].includes(w);
}

function subqueryRef(p: Cursor, lateral: boolean, pos: number): FromItem {
  const query = parseSelectWithParens(p);
  const alias = parseOptAlias(p);
  if (alias === null) {
    p.error(
      '42601',
      query.body.kind === 'values' ? 'VALUES in FROM must have an alias' : 'subquery in FROM must have an alias',
      pos,
      query.body.kind === 'values' ? 'For example, FROM (VALUES ...) [AS] foo.' : 'For example, FROM (SELECT ...) [AS] foo.',
    );
  }
  const q = query;
  if (!lateral && q.body.kind === 'values' && q.with === null && q.orderBy.length === 0 && q.limit === null && q.offset === null && q.locking === null) {
    return { kind: 'values', rows: q.body.rows, alias, pos };
  }
  return { kind: 'subquery', query, lateral, alias, pos };
}

function functionRef(p: Cursor, lateral: boolean, pos: number): FromItem {
  const e = parseExpr(p);
  if (e.kind !== 'func') p.fail();
  let ordinality = false;
  if (p.isKw('with') && p.isKw('ordinality', 1)) {
    p.i += 2;
    ordinality = true;
  }
  if (p.isKw('as') && p.isPunct('(', 1)) {
    // AS (name type, …): read the first definition so that a malformed one is a syntax error.
    const at = p.peek(1).start;
    p.i += 2;
    p.colId();
    parseTypeName(p);
    p.error('0A000', 'column definition lists are not supported', at);
  }
  return { kind: 'function', call: e, lateral, ordinality, alias: parseOptAlias(p), pos };
}

/** `[AS] alias [(col, …)]`, or null. */
export function parseOptAlias(p: Cursor): Alias | null {
  if (p.acceptKw('as')) {
    const name = p.colId();
    return { name, columns: p.isPunct('(') ? p.parenColIdList() : [] };
  }
  if (!p.isColId()) return null;
  const name = p.colId();
  return { name, columns: p.isPunct('(') ? p.parenColIdList() : [] };
}

/** qualified_name: `name` or `schema.name` (a third part is a catalog reference). */
export function parseQualifiedName(p: Cursor): QualifiedName {
  const pos = p.tok.start;
  const first = p.colId();
  if (!p.acceptPunct('.')) return { schema: null, name: first, pos };
  const second = p.colLabel();
  if (!p.acceptPunct('.')) return { schema: first, name: second, pos };
  const third = p.colLabel();
  if (p.isPunct('.')) {
    const parts = [first, second, third];
    while (p.acceptPunct('.')) parts.push(p.colLabel());
    p.error('42601', `improper qualified name (too many dotted names): ${parts.join('.')}`, pos);
  }
  return p.error('0A000', `cross-database references are not implemented: ${first}.${second}.${third}`, pos);
}

/** relation_expr: `name`, `name *`, `ONLY name`, `ONLY (name)`. */
export function parseRelationExpr(p: Cursor): QualifiedName {
  if (p.acceptKw('only')) {
    const paren = p.acceptPunct('(');
    const name = parseQualifiedName(p);
    if (paren) p.expectPunct(')');
    return name;
  }
  const name = parseQualifiedName(p);
  if (p.tok.kind === 'op' && p.tok.value === '*') p.i++;
  return name;
}

