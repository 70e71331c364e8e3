/**
 * The SQL parser: statement text → syntax tree (ast.ts), for PostgreSQL 15's grammar.
 *
 *   parser-core.ts   token cursor, keyword classes, error wording and placement, depth limit
 *   parser-expr.ts   expressions (operator precedence), type names, window specifications
 *   parser-query.ts  SELECT / VALUES / set operations / WITH / FROM and joins
 *   parser-dml.ts    INSERT / UPDATE / DELETE / COPY
 *   parser-ddl.ts    CREATE / ALTER / DROP / TRUNCATE
 *   parser-role.ts   CREATE / ALTER / DROP ROLE (USER, GROUP), GRANT / REVOKE
 *   parser.ts        the script, statement dispatch, transactions, SET/SHOW/RESET, EXPLAIN,
 *                    PREPARE/EXECUTE/DEALLOCATE and the utility statements
 *
 * Errors: a syntax error is SqlError 42601 `syntax error at or near "tok"` (the token as written)
 * or `syntax error at end of input`, with the offset of the token PostgreSQL's parser rejects;
 * lexer errors keep their SQLSTATE, message and position; nesting beyond sqlParserDepthMax is
 * 54001 `stack depth limit exceeded`.
 */
import type {
  Expr,
  ExplainStmt,
  IsolationLevelName,
  ParsedStatement,
  PreparedStmt,
  QualifiedName,
  SetStmt,
  Statement,
  TransactionModes,
  TransactionStmt,
  TypeName,
  UtilityStmt,
} from './ast.js';
import { SqlError } from './errors.js';
import { SqlLexError, tokenize, type Token } from './lexer.js';
import { Cursor, stackDepthError } from './parser-core.js';
import { parseAlter, parseCreate, parseDrop, parseTruncate } from './parser-ddl.js';
import { parseGrant } from './parser-role.js';
import { parseCopy, parseDelete, parseInsert, parseOptionValue, parseUpdate } from './parser-dml.js';
import { parseExpr, parseExprList, parseIntervalLiteralValue, parseTypeName } from './parser-expr.js';
import { parsePreparable, parseQualifiedName, parseQuery, parseQueryAfterWith, parseRelationExpr, parseWith } from './parser-query.js';

export { sqlParserDepthMax } from './parser-core.js';

/**
 * Parse a script of ';'-separated statements (empty statements skipped). Throws SqlError 42601
 * worded and placed as PostgreSQL does (lexer errors keep their code, message and offset).
 */
export function parse(text: string): ParsedStatement[] {
  return withLexing(text, (p) => {
    const out: ParsedStatement[] = [];
    for (;;) {
      while (p.acceptPunct(';'));
      if (p.tok.kind === 'eof') return out;
      const first = p.i;
      const statement = parseStatement(p);
      if (!p.atEnd()) p.fail();
      out.push({ statement, start: p.toks[first]!.start, end: p.endOf(p.i - 1) });
    }
  });
}

/** Parse exactly one expression (stored DEFAULT and CHECK text). */
export function parseExpression(text: string): Expr {
  return withLexing(text, (p) => {
    const e = parseExpr(p);
    if (p.tok.kind !== 'eof') p.fail();
    return e;
  });
}

/**
 * Tokenize and run `body`. PostgreSQL lexes as it parses, so a syntax error before a lexical
 * error wins: on a lexer error the text before the bad token is parsed first, and its syntax
 * error (if any, before that point) is the one reported.
 */
function withLexing<T>(text: string, body: (p: Cursor) => T): T {
  let toks: Token[];
  try {
    toks = tokenize(text);
  } catch (err) {
    if (!(err instanceof SqlLexError)) throw err;
    const offset = offsetOfPosition(text, err.position);
    const lexError = new SqlError(err.code, err.message, { offset }).locate(text);
    let prefix: Token[] | null = null;
    try {
      prefix = tokenize(text.slice(0, offset));
    } catch {
      throw lexError;
    }
    const p = new Cursor(text, prefix);
    try {
      run(p, body);
    } catch (e) {
      if (e instanceof SqlError && e.offset !== undefined && e.offset < offset) throw e;
    }
    throw lexError;
  }
  const p = new Cursor(text, toks);
  const result = run(p, body);
  if (p.deferred !== null) throw p.deferred.locate(text);
  return result;
}

function offsetOfPosition(text: string, position: number): number {
  let n = 1;
  let i = 0;
  while (n < position && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return i;
}

/** Run a parse; give errors their position, and turn a JS stack overflow into 54001 (a safety net: the depth limit comes first). */
function run<T>(p: Cursor, body: (p: Cursor) => T): T {
  try {
    return body(p);
  } catch (err) {
    if (err instanceof SqlError) throw err.locate(p.text);
    if (err instanceof RangeError) throw stackDepthError(p.tok.start).locate(p.text);
    throw err;
  }
}

function parseStatement(p: Cursor): Statement {
  const pos = p.tok.start;
  const w = p.word();
  switch (w) {
    case 'select':
    case 'values':
    case 'table':
      return parseQuery(p);
    case 'with': {
      const withClause = parseWith(p);
      const n = p.word();
      if (n === 'insert') return parseInsert(p, withClause, pos);
      if (n === 'update') return parseUpdate(p, withClause, pos);
      if (n === 'delete') return parseDelete(p, withClause, pos);
      return parseQueryAfterWith(p, withClause, pos);
    }
    case 'insert':
      return parseInsert(p, null, pos);
    case 'update':
      return parseUpdate(p, null, pos);
    case 'delete':
      return parseDelete(p, null, pos);
    case 'copy':
      return parseCopy(p);
    case 'create':
      return parseCreate(p);
    case 'drop':
      return parseDrop(p);
    case 'alter':
      return parseAlter(p);
    case 'truncate':
      return parseTruncate(p);
    case 'begin':
    case 'start':
    case 'commit':
    case 'end':
    case 'rollback':
    case 'abort':
    case 'savepoint':
    case 'release':
      return parseTransaction(p);
    case 'set':
      return parseSet(p);
    case 'show':
      return parseShow(p);
    case 'reset':
      return parseReset(p);
    case 'explain':
      return parseExplain(p);
    case 'prepare':
    case 'execute':
    case 'deallocate':
      return parsePrepared(p);
    case 'vacuum':
    case 'analyze':
    case 'analyse':
    case 'checkpoint':
    case 'lock':
    case 'discard':
    case 'reindex':
    case 'comment':
      return parseUtility(p);
    case 'grant':
    case 'revoke':
      return parseGrant(p);
    default:
      if (p.isPunct('(')) return parseQuery(p);
      if (w !== null && ['merge', 'call', 'do', 'declare', 'fetch', 'move', 'close', 'listen', 'notify', 'unlisten', 'cluster', 'refresh', 'security', 'import', 'load', 'reassign'].includes(w)) {
        p.error('0A000', `${w.toUpperCase()} is not supported`, pos);
      }
      return p.fail();
  }
}

// ---------------------------------------------------------------------------------------------
// Transactions

function parseTransaction(p: Cursor): TransactionStmt {
  const t = p.tok;
  const pos = t.start;
  const w = p.word()!;
  p.i++;
  switch (w) {
    case 'begin':
      if (!p.acceptKw('work')) p.acceptKw('transaction');
      return { kind: 'begin', modes: parseTransactionModes(p, true), pos };
    case 'start':
      p.expectKw('transaction');
      return { kind: 'begin', modes: parseTransactionModes(p, true), pos, start: true };
    case 'commit':
    case 'end':
      if (w === 'commit' && p.isKw('prepared')) p.error('0A000', 'COMMIT PREPARED is not supported', pos);
      if (!p.acceptKw('work')) p.acceptKw('transaction');
      return { kind: 'commit', chain: parseChain(p), pos };
    case 'rollback':
    case 'abort': {
      if (w === 'rollback' && p.isKw('prepared')) p.error('0A000', 'ROLLBACK PREPARED is not supported', pos);
      if (!p.acceptKw('work')) p.acceptKw('transaction');
      if (w === 'rollback' && p.acceptKw('to')) {
        if (p.isKw('savepoint') && p.isColId(1)) p.i++;
        return { kind: 'rollback to', name: p.colId(), pos };
      }
      return { kind: 'rollback', chain: parseChain(p), pos };
    }
    case 'savepoint':
      return { kind: 'savepoint', name: p.colId(), pos };
    default:
      if (p.isKw('savepoint') && p.isColId(1)) p.i++;
      return { kind: 'release', name: p.colId(), pos };
  }
}

function parseChain(p: Cursor): boolean {
  if (!p.acceptKw('and')) return false;
  const no = p.acceptKw('no');
  p.expectKw('chain');
  return !no;
}

/** transaction_mode_list: ISOLATION LEVEL …, READ ONLY | WRITE, [NOT] DEFERRABLE; commas optional. */
function parseTransactionModes(p: Cursor, optional: boolean): TransactionModes {
  let isolation: IsolationLevelName | null = null;
  let readOnly: boolean | null = null;
  let deferrable: boolean | null = null;
  let first = true;
  for (;;) {
    if (!first && p.acceptPunct(',')) {
      if (!isModeStart(p)) p.fail();
    }
    if (!isModeStart(p)) {
      if (first && !optional) p.fail();
      break;
    }
    first = false;
    if (p.acceptKw('isolation')) {
      p.expectKw('level');
      isolation = parseIsolationLevel(p);
    } else if (p.acceptKw('read')) {
      if (p.acceptKw('only')) readOnly = true;
      else {
        p.expectKw('write');
        readOnly = false;
      }
    } else if (p.acceptKw('deferrable')) {
      deferrable = true;
    } else {
      p.expectKw('not');
      p.expectKw('deferrable');
      deferrable = false;
    }
  }
  return { isolation, readOnly, deferrable };
}

function isModeStart(p: Cursor): boolean {
  return p.isKw('isolation') || p.isKw('read') || p.isKw('deferrable') || p.isKw('not');
}

function parseIsolationLevel(p: Cursor): IsolationLevelName {
  if (p.acceptKw('serializable')) return 'serializable';
  if (p.acceptKw('repeatable')) {
    p.expectKw('read');
    return 'repeatable read';
  }
  p.expectKw('read');
  if (p.acceptKw('committed')) return 'read committed';
  p.expectKw('uncommitted');
  return 'read uncommitted';
}

// ---------------------------------------------------------------------------------------------
// SET / SHOW / RESET

function parseSet(p: Cursor): SetStmt | TransactionStmt {
  const pos = p.expectKw('set').start;
  let local = false;
  const nameFollows = p.isKw('to', 1) || p.isOp('=', 1) || p.isPunct('.', 1);
  if (p.isKw('local') && !nameFollows) {
    p.i++;
    local = true;
  } else if (p.isKw('session') && !nameFollows && !p.isKw('characteristics', 1) && !p.isKw('authorization', 1)) p.i++;
  if (p.acceptKw('transaction')) {
    if (p.isKw('snapshot')) p.error('0A000', 'SET TRANSACTION SNAPSHOT is not supported', p.tok.start);
    return { kind: 'set transaction', session: false, modes: parseTransactionModes(p, false), pos };
  }
  if (p.isKw('session') && p.isKw('characteristics', 1)) {
    p.i += 2;
    p.expectKw('as');
    p.expectKw('transaction');
    return { kind: 'set transaction', session: true, modes: parseTransactionModes(p, false), pos };
  }
  if (p.isKw('time') && p.isKw('zone', 1)) {
    p.i += 2;
    return { kind: 'set', name: 'timezone', value: parseZoneValue(p), local, pos };
  }
  if (p.acceptKw('names')) {
    const value = p.atEnd() ? null : p.acceptKw('default') ? null : stringOrWord(p);
    return { kind: 'set', name: 'client_encoding', value, local, pos };
  }
  if (p.acceptKw('schema')) {
    const t = p.tok;
    if (t.kind !== 'string') p.fail();
    p.i++;
    return { kind: 'set', name: 'search_path', value: t.value, local, pos };
  }
  if (p.acceptKw('role')) return { kind: 'set', name: 'role', value: stringOrWord(p), local, pos };
  if (p.isKw('session') && p.isKw('authorization', 1)) {
    p.i += 2;
    const value = p.acceptKw('default') ? null : stringOrWord(p);
    return { kind: 'set', name: 'session_authorization', value, local, pos };
  }
  const name = parseVarName(p);
  if (!p.acceptKw('to') && !p.acceptOp('=')) {
    if (p.isKw('from') && p.isKw('current', 1)) p.error('0A000', 'SET … FROM CURRENT is not supported', p.tok.start);
    p.fail();
  }
  if (p.acceptKw('default')) return { kind: 'set', name, value: null, local, pos };
  const values: string[] = [];
  do values.push(parseVarValue(p));
  while (p.acceptPunct(','));
  return { kind: 'set', name, value: values.join(', '), local, pos };
}

/** var_name: `name[.name …]`. */
function parseVarName(p: Cursor): string {
  const parts = [p.colId()];
  while (p.acceptPunct('.')) parts.push(p.colId());
  return parts.join('.');
}

function stringOrWord(p: Cursor): string {
  const t = p.tok;
  if (t.kind === 'string') {
    p.i++;
    return t.value;
  }
  return p.nonReserved();
}

/** var_value: TRUE | FALSE | ON | a non-reserved word | a string | a signed number. */
function parseVarValue(p: Cursor): string {
  const t = p.tok;
  if (t.kind === 'string') {
    p.i++;
    return t.value;
  }
  if (t.kind === 'integer' || t.kind === 'numeric' || (t.kind === 'op' && (t.value === '-' || t.value === '+'))) return parseSignedNumber(p);
  const w = p.word();
  if (w === 'true' || w === 'false' || w === 'on') {
    p.i++;
    return w;
  }
  return p.nonReserved();
}

function parseSignedNumber(p: Cursor): string {
  let sign = '';
  if (p.acceptOp('-')) sign = '-';
  else p.acceptOp('+');
  const t = p.tok;
  if (t.kind !== 'integer' && t.kind !== 'numeric') p.fail();
  p.i++;
  return sign + t.value;
}

/** zone_value: a string, identifier, number, INTERVAL '…', DEFAULT or LOCAL (null: the default). */
function parseZoneValue(p: Cursor): string | null {
  const t = p.tok;
  if (p.acceptKw('default') || p.acceptKw('local')) return null;
  if (t.kind === 'string') {
    p.i++;
    return t.value;
  }
  if (p.isKw('interval')) return parseIntervalLiteralValue(p);
  if (t.kind === 'integer' || t.kind === 'numeric' || t.kind === 'op') return parseSignedNumber(p);
  if (p.isIdent()) {
    p.i++;
    return t.value;
  }
  return p.fail();
}

function parseShowOrResetName(p: Cursor): string {
  if (p.acceptKw('all')) return 'all';
  if (p.isKw('time') && p.isKw('zone', 1)) {
    p.i += 2;
    return 'timezone';
  }
  if (p.isKw('transaction') && p.isKw('isolation', 1)) {
    p.i += 2;
    p.expectKw('level');
    return 'transaction_isolation';
  }
  if (p.isKw('session') && p.isKw('authorization', 1)) {
    p.i += 2;
    return 'session_authorization';
  }
  return parseVarName(p);
}

function parseShow(p: Cursor): Statement {
  const pos = p.expectKw('show').start;
  return { kind: 'show', name: parseShowOrResetName(p), pos };
}

function parseReset(p: Cursor): Statement {
  const pos = p.expectKw('reset').start;
  return { kind: 'reset', name: parseShowOrResetName(p), pos };
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN, PREPARE / EXECUTE / DEALLOCATE

const booleanWords: Record<string, boolean> = { true: true, on: true, '1': true, yes: true, false: false, off: false, '0': false, no: false };

function parseExplain(p: Cursor): ExplainStmt {
  const pos = p.expectKw('explain').start;
  const options: { name: string; value: string | null; at: number }[] = [];
  if (p.acceptPunct('(')) {
    do {
      const at = p.tok.start;
      const w = p.word();
      const name = w === 'analyze' || w === 'analyse' ? (p.i++, 'analyze') : p.nonReserved();
      options.push({ name, value: parseOptionValue(p), at });
    } while (p.acceptPunct(','));
    p.expectPunct(')');
  } else {
    if (p.acceptKw('analyze') || p.acceptKw('analyse')) options.push({ name: 'analyze', value: null, at: pos });
    if (p.acceptKw('verbose')) options.push({ name: 'verbose', value: null, at: pos });
  }
  const w = p.word();
  let statement: Statement;
  if (w === 'execute') statement = parsePrepared(p);
  else if (w === 'create' && (p.isKw('table', 1) || p.isKw('temp', 1) || p.isKw('temporary', 1) || p.isKw('unlogged', 1))) {
    const at = p.i;
    statement = parseCreate(p);
    if (statement.kind !== 'create table' || statement.as === null) p.fail(p.toks[at]);
  } else if (w === 'select' || w === 'values' || w === 'table' || w === 'with' || w === 'insert' || w === 'update' || w === 'delete' || p.isPunct('(')) {
    statement = parsePreparable(p);
  } else return p.fail();
  return { kind: 'explain', ...explainOptions(p, options), statement, pos };
}

/** EXPLAIN's options, checked as PostgreSQL checks them once the statement has parsed. */
function explainOptions(p: Cursor, options: readonly { name: string; value: string | null; at: number }[]): Pick<ExplainStmt, 'analyze' | 'verbose' | 'costs' | 'format'> {
  const out: { analyze: boolean; verbose: boolean; costs: boolean | null; format: 'text' | 'json' } = { analyze: false, verbose: false, costs: null, format: 'text' };
  for (const { name, value, at } of options) {
    const flag = (): boolean => {
      if (value === null) return true;
      const b = booleanWords[value.toLowerCase()];
      if (b === undefined) p.error('22023', `${name} requires a Boolean value`, at);
      return b;
    };
    switch (name) {
      case 'analyze':
        out.analyze = flag();
        break;
      case 'verbose':
        out.verbose = flag();
        break;
      case 'costs':
        out.costs = flag();
        break;
      case 'buffers':
      case 'settings':
      case 'timing':
      case 'summary':
      case 'wal':
        flag();
        break;
      case 'format':
        if (value === null) p.error('42601', 'format requires a parameter', at);
        if (value === 'text' || value === 'json') out.format = value;
        else if (value === 'xml' || value === 'yaml') p.error('0A000', `EXPLAIN format "${value}" is not supported`, at);
        else p.error('22023', `unrecognized value for EXPLAIN option "format": "${value ?? ''}"`, at);
        break;
      default:
        p.error('42601', `unrecognized EXPLAIN option "${name}"`, at);
    }
  }
  return out;
}

function parsePrepared(p: Cursor): PreparedStmt {
  const pos = p.tok.start;
  if (p.acceptKw('prepare')) {
    if (p.isKw('transaction')) p.error('0A000', 'PREPARE TRANSACTION is not supported', pos);
    const name = p.colId();
    const types: TypeName[] = [];
    if (p.acceptPunct('(')) {
      do types.push(parseTypeName(p));
      while (p.acceptPunct(','));
      p.expectPunct(')');
    }
    p.expectKw('as');
    return { kind: 'prepare', name, types, statement: parsePreparable(p), pos };
  }
  if (p.acceptKw('execute')) {
    const name = p.colId();
    let args: Expr[] = [];
    if (p.acceptPunct('(')) {
      p.nest++;
      args = parseExprList(p);
      p.expectPunct(')');
      p.nest--;
    }
    return { kind: 'execute', name, args, pos };
  }
  p.expectKw('deallocate');
  if (p.isKw('prepare') && (p.isColId(1) || p.isKw('all', 1))) p.i++;
  if (p.acceptKw('all')) return { kind: 'deallocate', name: null, pos };
  return { kind: 'deallocate', name: p.colId(), pos };
}

// ---------------------------------------------------------------------------------------------
// Utility statements (accepted for compatibility)

function parseUtility(p: Cursor): UtilityStmt {
  const pos = p.tok.start;
  const w = p.word()!;
  p.i++;
  const tables: QualifiedName[] = [];
  const done = (command: UtilityStmt['command']): UtilityStmt => ({ kind: 'utility', command, tables, pos });
  switch (w) {
    case 'vacuum':
    case 'analyze':
    case 'analyse': {
      const command = w === 'vacuum' ? 'vacuum' : 'analyze';
      if (p.acceptPunct('(')) {
        do {
          if (p.isKw('analyze') || p.isKw('analyse')) p.i++;
          else p.nonReserved();
          parseOptionValue(p);
        } while (p.acceptPunct(','));
        p.expectPunct(')');
      } else if (command === 'vacuum') {
        p.acceptKw('full');
        p.acceptKw('freeze');
        p.acceptKw('verbose');
        if (!p.acceptKw('analyze')) p.acceptKw('analyse');
      } else {
        p.acceptKw('verbose');
      }
      if (p.isColId()) {
        do {
          tables.push(parseQualifiedName(p));
          if (p.isPunct('(')) p.parenColIdList();
        } while (p.acceptPunct(','));
      }
      return done(command);
    }
    case 'checkpoint':
      return done('checkpoint');
    case 'lock': {
      p.acceptKw('table');
      do tables.push(parseRelationExpr(p));
      while (p.acceptPunct(','));
      if (p.acceptKw('in')) {
        parseLockMode(p);
        p.expectKw('mode');
      }
      p.acceptKw('nowait');
      return done('lock');
    }
    case 'discard':
      if (!p.acceptKw('all') && !p.acceptKw('plans') && !p.acceptKw('sequences') && !p.acceptKw('temp')) p.expectKw('temporary');
      return done('discard');
    case 'reindex':
      return parseReindex(p, tables, done);
    case 'comment':
      return parseComment(p, tables, done);
    default:
      return p.fail();
  }
}

/** ACCESS SHARE | ROW SHARE | ROW EXCLUSIVE | SHARE UPDATE EXCLUSIVE | SHARE | SHARE ROW EXCLUSIVE | EXCLUSIVE | ACCESS EXCLUSIVE. */
function parseLockMode(p: Cursor): void {
  if (p.acceptKw('access')) {
    if (!p.acceptKw('share')) p.expectKw('exclusive');
  } else if (p.acceptKw('row')) {
    if (!p.acceptKw('share')) p.expectKw('exclusive');
  } else if (p.acceptKw('share')) {
    if (p.acceptKw('update')) p.expectKw('exclusive');
    else if (p.acceptKw('row')) p.expectKw('exclusive');
  } else {
    p.expectKw('exclusive');
  }
}

function parseReindex(p: Cursor, tables: QualifiedName[], done: (c: UtilityStmt['command']) => UtilityStmt): UtilityStmt {
  if (p.acceptPunct('(')) {
    do {
      p.nonReserved();
      parseOptionValue(p);
    } while (p.acceptPunct(','));
    p.expectPunct(')');
  }
  const kind = p.word();
  if (kind !== 'index' && kind !== 'table' && kind !== 'schema' && kind !== 'database' && kind !== 'system') p.fail();
  p.i++;
  p.acceptKw('concurrently');
  if (kind === 'table') tables.push(parseQualifiedName(p));
  else if (kind === 'index') parseQualifiedName(p);
  else if (!p.atEnd()) p.colId();
  return done('reindex');
}

const commentObjects: ReadonlySet<string> = new Set(['table', 'column', 'index', 'view', 'sequence', 'schema', 'database', 'function', 'type', 'role', 'extension', 'constraint']);

function parseComment(p: Cursor, tables: QualifiedName[], done: (c: UtilityStmt['command']) => UtilityStmt): UtilityStmt {
  p.expectKw('on');
  const kind = p.word();
  let columnUnqualified = -1;
  if (kind === null || !commentObjects.has(kind)) p.fail();
  p.i++;
  if (kind === 'constraint') {
    p.colId();
    p.expectKw('on');
    tables.push(parseQualifiedName(p));
  } else if (kind === 'column') {
    const at = p.tok.start;
    const parts = [p.colId()];
    while (p.acceptPunct('.')) parts.push(p.colLabel());
    if (parts.length < 2) columnUnqualified = at;
    else tables.push({ schema: parts.length > 2 ? parts[parts.length - 3]! : null, name: parts[parts.length - 2]!, pos: at });
  } else if (kind === 'table') {
    tables.push(parseQualifiedName(p));
  } else if (kind === 'function') {
    parseQualifiedName(p);
    if (p.acceptPunct('(')) {
      if (!p.isPunct(')')) {
        do parseTypeName(p);
        while (p.acceptPunct(','));
      }
      p.expectPunct(')');
    }
  } else {
    parseQualifiedName(p);
  }
  p.expectKw('is');
  if (!p.acceptKw('null')) {
    if (p.tok.kind !== 'string') p.fail();
    p.i++;
  }
  if (columnUnqualified >= 0) p.error('42601', 'column name must be qualified', columnUnqualified);
  return done('comment');
}
