/**
 * Data modification: INSERT (VALUES, SELECT, DEFAULT VALUES, ON CONFLICT, RETURNING, OVERRIDING),
 * UPDATE (SET, FROM, RETURNING), DELETE (USING, RETURNING), and COPY with both option syntaxes.
 */
import type { CopyOptions, CopyStmt, DeleteStmt, Expr, InsertStmt, OnConflict, SelectItem, SetClause, UpdateStmt, WithClause } from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseExpr } from './parser-expr.js';
import { parseFromList, parsePreparable, parseQualifiedName, parseQuery, parseRelationExpr, parseTargetList } from './parser-query.js';

export function parseInsert(p: Cursor, withClause: WithClause | null, pos: number): InsertStmt {
  p.expectKw('insert');
  p.expectKw('into');
  const table = parseQualifiedName(p);
  const alias = p.acceptKw('as') ? p.colId() : null;
  let columns: { name: string; pos: number }[] = [];
  if (p.isPunct('(') && !p.parenLeadsToQuery()) {
    p.i++;
    columns = parseSetTargets(p);
    p.expectPunct(')');
  }
  let overriding: 'system' | 'user' | null = null;
  if (p.acceptKw('overriding')) {
    if (p.acceptKw('system')) overriding = 'system';
    else {
      p.expectKw('user');
      overriding = 'user';
    }
    p.expectKw('value');
  }
  let source = null;
  if (columns.length === 0 && overriding === null && p.isKw('default')) {
    p.i++;
    p.expectKw('values');
  } else {
    source = parseQuery(p);
  }
  const onConflict = p.isKw('on') ? parseOnConflict(p) : null;
  const returning = parseReturning(p);
  return { kind: 'insert', with: withClause, table, alias, columns, source, onConflict, returning, overriding, pos };
}

/** `ColId [, …]` of INSERT and multi-column SET targets (subscripted or field targets are refused). */
function parseSetTargets(p: Cursor): { name: string; pos: number }[] {
  const out: { name: string; pos: number }[] = [];
  do out.push(parseSetTarget(p));
  while (p.acceptPunct(','));
  return out;
}

function parseSetTarget(p: Cursor): { name: string; pos: number } {
  const pos = p.tok.start;
  const name = p.colId();
  if (p.isPunct('[') || p.isPunct('.')) p.error('0A000', 'assignment to a subscript or field is not supported', p.tok.start);
  return { name, pos };
}

function parseOnConflict(p: Cursor): OnConflict {
  const pos = p.expectKw('on').start;
  p.expectKw('conflict');
  let columns: string[] = [];
  let constraint: string | null = null;
  let targetWhere: Expr | null = null;
  if (p.acceptPunct('(')) {
    p.nest++;
    do {
      if (p.isPunct('(') || (p.isColId() && p.isPunct('(', 1))) p.error('0A000', 'ON CONFLICT on an expression is not supported', p.tok.start);
      columns.push(p.colId());
      if (p.acceptKw('collate')) p.colId();
      if (p.isColId()) p.colId();
      if (!p.acceptKw('asc')) p.acceptKw('desc');
      if (p.isKw('nulls') && (p.isKw('first', 1) || p.isKw('last', 1))) p.i += 2;
    } while (p.acceptPunct(','));
    p.expectPunct(')');
    p.nest--;
    if (p.acceptKw('where')) targetWhere = parseExpr(p);
  } else if (p.isKw('on')) {
    p.i++;
    p.expectKw('constraint');
    constraint = p.colId();
  }
  p.expectKw('do');
  if (p.acceptKw('nothing')) {
    return { columns, constraint, targetWhere, action: 'nothing', set: [], where: null, pos };
  }
  p.expectKw('update');
  p.expectKw('set');
  const set = parseSetClauses(p);
  const where = p.acceptKw('where') ? parseExpr(p) : null;
  if (columns.length === 0 && constraint === null) {
    p.defer('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name', pos, 'For example, ON CONFLICT (column_name).');
  }
  columns = columns.slice();
  return { columns, constraint, targetWhere, action: 'update', set, where, pos };
}

/** `col = expr` and `(a, b) = (x, y) | ROW(x, y) | (SELECT …)`, comma-separated. */
export function parseSetClauses(p: Cursor): SetClause[] {
  const out: SetClause[] = [];
  do {
    if (p.acceptPunct('(')) {
      const columns = parseSetTargets(p);
      p.expectPunct(')');
      p.expectOp('=');
      const value = parseExpr(p);
      let values: Expr[];
      if (value.kind === 'row') values = [...value.items];
      else if (value.kind === 'subquery' && !value.array) values = [value];
      else {
        p.defer('42601', 'source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression', value.pos);
        values = [value];
      }
      out.push({ columns, values });
    } else {
      const column = parseSetTarget(p);
      p.expectOp('=');
      out.push({ columns: [column], values: [parseExpr(p)] });
    }
  } while (p.acceptPunct(','));
  return out;
}

function parseReturning(p: Cursor): SelectItem[] {
  if (!p.acceptKw('returning')) return [];
  return parseTargetList(p);
}

/** `relation [[AS] alias]`: a bare alias may not be SET (PostgreSQL reads `UPDATE t SET` as no alias). */
function parseRelationAlias(p: Cursor): string | null {
  if (p.acceptKw('as')) return p.colId();
  if (p.isColId() && !p.isKw('set')) return p.colId();
  return null;
}

function parseWhereClause(p: Cursor): Expr | null {
  if (!p.acceptKw('where')) return null;
  if (p.isKw('current') && p.isKw('of', 1)) p.error('0A000', 'WHERE CURRENT OF is not supported', p.tok.start);
  return parseExpr(p);
}

export function parseUpdate(p: Cursor, withClause: WithClause | null, pos: number): UpdateStmt {
  p.expectKw('update');
  const table = parseRelationExpr(p);
  const alias = parseRelationAlias(p);
  p.expectKw('set');
  const set = parseSetClauses(p);
  const from = p.acceptKw('from') ? parseFromList(p) : [];
  const where = parseWhereClause(p);
  const returning = parseReturning(p);
  return { kind: 'update', with: withClause, table, alias, set, from, where, returning, pos };
}

export function parseDelete(p: Cursor, withClause: WithClause | null, pos: number): DeleteStmt {
  p.expectKw('delete');
  p.expectKw('from');
  const table = parseRelationExpr(p);
  const alias = parseRelationAlias(p);
  const using = p.acceptKw('using') ? parseFromList(p) : [];
  const where = parseWhereClause(p);
  const returning = parseReturning(p);
  return { kind: 'delete', with: withClause, table, alias, using, where, returning, pos };
}

// ---------------------------------------------------------------------------------------------
// COPY

interface CopyOption {
  readonly name: string;
  readonly value: string | null;
  readonly at: number;
}

export function parseCopy(p: Cursor): CopyStmt {
  const pos = p.expectKw('copy').start;
  const opts: CopyOption[] = [];
  if (p.isKw('binary')) opts.push({ name: 'format', value: 'binary', at: p.toks[p.i++]!.start });
  let table = null;
  let query = null;
  let columns: string[] = [];
  let direction: 'from' | 'to';
  if (p.isPunct('(')) {
    p.i++;
    p.nest++;
    const stmt = parsePreparable(p);
    p.expectPunct(')');
    p.nest--;
    if (stmt.kind !== 'query') p.error('0A000', 'COPY of a data-modifying statement is not supported', stmt.pos);
    query = stmt;
    p.expectKw('to');
    direction = 'to';
  } else {
    table = parseQualifiedName(p);
    if (p.isPunct('(')) columns = p.parenColIdList();
    if (p.acceptKw('from')) direction = 'from';
    else {
      p.expectKw('to');
      direction = 'to';
    }
  }
  let target: string;
  const t = p.tok;
  if (p.acceptKw('stdin') || p.acceptKw('stdout')) target = direction === 'from' ? 'stdin' : 'stdout';
  else if (t.kind === 'string') {
    p.i++;
    target = t.value;
  } else if (p.acceptKw('program')) {
    target = expectString(p);
  } else return p.fail();
  if (p.isKw('using') || p.isKw('delimiters')) {
    const at = p.tok.start;
    p.acceptKw('using');
    p.expectKw('delimiters');
    opts.push({ name: 'delimiter', value: expectString(p), at });
  }
  p.acceptKw('with');
  if (p.isPunct('(')) parseGenericCopyOptions(p, opts);
  else parseLegacyCopyOptions(p, opts);
  if (p.isKw('where')) {
    if (direction === 'to') p.error('0A000', 'WHERE clause not allowed with COPY TO', p.tok.start);
    p.error('0A000', 'COPY FROM … WHERE is not supported', p.tok.start);
  }
  if (!p.atEnd()) p.fail();
  return { kind: 'copy', table, query, columns, direction, target, options: copyOptions(p, opts), pos };
}

function expectString(p: Cursor): string {
  const t = p.tok;
  if (t.kind !== 'string') p.fail();
  p.i++;
  return t.value;
}

/** The old option syntax: `[WITH] BINARY | CSV | HEADER | DELIMITER [AS] 'x' | NULL [AS] 'x' | QUOTE … | ESCAPE … | FORCE … | FREEZE | ENCODING 'x'`. */
function parseLegacyCopyOptions(p: Cursor, opts: CopyOption[]): void {
  for (;;) {
    const at = p.tok.start;
    const w = p.word();
    if (w === 'binary' || w === 'csv') {
      p.i++;
      opts.push({ name: 'format', value: w, at });
    } else if (w === 'header' || w === 'freeze') {
      p.i++;
      opts.push({ name: w, value: null, at });
    } else if (w === 'delimiter' || w === 'null' || w === 'quote' || w === 'escape' || w === 'encoding') {
      p.i++;
      p.acceptKw('as');
      opts.push({ name: w, value: expectString(p), at });
    } else if (w === 'force') {
      p.i++;
      let name = 'force_quote';
      let value: string | null = null;
      if (p.acceptKw('quote')) {
        value = p.acceptOp('*') ? '*' : p.colIdList().join(',');
      } else {
        name = p.acceptKw('not') ? 'force_not_null' : 'force_null';
        p.expectKw('null');
        p.colIdList();
      }
      opts.push({ name, value, at });
    } else {
      return;
    }
  }
}

function parseGenericCopyOptions(p: Cursor, opts: CopyOption[]): void {
  p.expectPunct('(');
  do {
    const at = p.tok.start;
    const name = p.colLabel();
    opts.push({ name, value: parseOptionValue(p), at });
  } while (p.acceptPunct(','));
  p.expectPunct(')');
}

const booleanWords: Record<string, boolean> = { true: true, on: true, '1': true, yes: true, false: false, off: false, '0': false, no: false };

/** COPY's options checked as PostgreSQL checks them (after the statement has parsed). */
function copyOptions(p: Cursor, opts: readonly CopyOption[]): CopyOptions {
  const o: { -readonly [K in keyof CopyOptions]: CopyOptions[K] } = { format: 'text', header: false, delimiter: null, null: null, quote: null, escape: null };
  const seen = new Set<string>();
  for (const { name, value, at } of opts) {
    if (seen.has(name)) p.error('42601', 'conflicting or redundant options', at);
    seen.add(name);
    if (value === null && ['format', 'delimiter', 'null', 'quote', 'escape', 'encoding'].includes(name)) p.error('42601', `${name} requires a parameter`, at);
    switch (name) {
      case 'format':
        if (value !== 'text' && value !== 'csv' && value !== 'binary') p.error('22023', `COPY format "${value ?? ''}" not recognized`, at);
        o.format = value;
        break;
      case 'header': {
        if (value === 'match') p.error('0A000', 'HEADER MATCH is not supported', at);
        const b = value === null ? true : booleanWords[value.toLowerCase()];
        if (b === undefined) p.error('22023', 'header requires a Boolean value or "match"', at);
        o.header = b;
        break;
      }
      case 'delimiter':
      case 'null':
      case 'quote':
      case 'escape':
        if (value === null) p.error('22023', `${name} requires a string value`, at);
        o[name] = value;
        break;
      case 'force_quote':
        o.forceQuote = value === null || value === '*' ? '*' : value.split(',').map((c) => c.trim());
        break;
      case 'freeze':
      case 'encoding':
      case 'force_not_null':
      case 'force_null':
        break;
      default:
        p.error('42601', `option "${name}" not recognized`, at);
    }
  }
  return o;
}

/** copy_generic_opt_arg / utility_option_arg: a word, string, number, `*` or `( list )`; null when absent. */
export function parseOptionValue(p: Cursor): string | null {
  const t = p.tok;
  switch (t.kind) {
    case 'string':
      p.i++;
      return t.value;
    case 'integer':
    case 'numeric':
      p.i++;
      return t.value;
    case 'op':
      if (t.value === '*') {
        p.i++;
        return '*';
      }
      if (t.value === '+' || t.value === '-') {
        p.i++;
        const n = p.tok;
        if (n.kind !== 'integer' && n.kind !== 'numeric') p.fail();
        p.i++;
        return (t.value === '-' ? '-' : '') + n.value;
      }
      return null;
    case 'punct':
      if (t.value === '(') {
        p.i++;
        const items: string[] = [];
        do items.push(p.colLabel());
        while (p.acceptPunct(','));
        p.expectPunct(')');
        return items.join(', ');
      }
      return null;
    case 'ident':
    case 'keyword': {
      const w = p.word();
      if (w === 'true' || w === 'false' || w === 'on' || p.isNonReserved()) {
        p.i++;
        return t.value;
      }
      return null;
    }
    default:
      return null;
  }
}
