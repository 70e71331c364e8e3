/**
 * Expressions and type names, with PostgreSQL 15's operator precedence (gram.y's %left/%right/
 * %nonassoc list), lowest first:
 *
 *   OR · AND · NOT (prefix, right) · IS ISNULL NOTNULL (nonassoc) · < > = <= >= <> (nonassoc) ·
 *   BETWEEN IN LIKE ILIKE SIMILAR, NOT LIKE … (nonassoc) · ESCAPE · any other operator (left) ·
 *   + - (left) · * / % (left) · ^ (left) · AT TIME ZONE · COLLATE · unary + - · [ ] · ::
 *
 * "nonassoc" errors only where yacc's rule ends in an expression: `a = b = c` and
 * `a LIKE b LIKE c` are syntax errors, `a IS NULL IS NULL` and `a IN (1) IN (true)` are not.
 * A prefix operator takes as operand everything that binds tighter than itself, so `- 2 ^ 2` is
 * `(-2) ^ 2` and `NOT a = b` is `NOT (a = b)`. `b_expr` (BETWEEN's lower bound, column DEFAULT,
 * POSITION's operands) is the restricted form without boolean, IS, LIKE, BETWEEN and IN.
 *
 * Bare column labels: in a select list, a keyword operator that could also be a label
 * (`SELECT 1 and`) is an operator only if the token after it can continue the expression, which
 * is what PostgreSQL's parser decides with its one token of lookahead after the keyword.
 */
import type {
  ArrayExpr,
  Expr,
  FuncCall,
  OrderItem,
  QualifiedName,
  Query,
  TypeName,
  WindowFrame,
  WindowFrameBound,
  WindowSpec,
} from './ast.js';
import { Kw, type Cursor } from './parser-core.js';
import { continueQuery, parseQuery, parseSelectWithParens, parseSortList } from './parser-query.js';

const P_OR = 1;
const P_AND = 2;
const P_NOT = 3;
const P_IS = 4;
const P_CMP = 5;
const P_LIKE = 6;
const P_OP = 9;
const P_ADD = 10;
const P_MUL = 11;
const P_EXP = 12;
const P_AT = 13;
const P_COLLATE = 14;
const P_UMINUS = 15;
const P_TYPECAST = 17;

const comparisonOps: ReadonlySet<string> = new Set(['<', '>', '=', '<=', '>=', '<>']);
const likeLevelWords: ReadonlySet<string> = new Set(['between', 'in', 'like', 'ilike', 'similar']);
const queryStartWords: ReadonlySet<string> = new Set(['select', 'values', 'with', 'table']);
/** Reserved words that begin an expression. */
const reservedExprStarts: ReadonlySet<string> = new Set([
  'not', 'case', 'cast', 'array', 'true', 'false', 'null', 'default', 'current_date', 'current_time', 'current_timestamp',
  'localtime', 'localtimestamp', 'current_user', 'current_role', 'session_user', 'user', 'current_catalog',
]);

function opPrecedence(op: string): number {
  if (comparisonOps.has(op)) return P_CMP;
  switch (op) {
    case '+':
    case '-':
      return P_ADD;
    case '*':
    case '/':
    case '%':
      return P_MUL;
    case '^':
      return P_EXP;
    default:
      return P_OP;
  }
}

/** Whether an operator token is PostgreSQL's generic `Op` (usable as a prefix operator). */
function isGenericOp(op: string): boolean {
  return opPrecedence(op) === P_OP && op !== '::';
}

/** Whether the token k ahead can begin an a_expr (one token of lookahead, as the LALR parser sees it). */
export function canStartExpr(p: Cursor, k = 0): boolean {
  const t = p.peek(k);
  switch (t.kind) {
    case 'integer':
    case 'numeric':
    case 'string':
    case 'bitstring':
    case 'param':
      return true;
    case 'punct':
      return t.value === '(';
    case 'op':
      return t.value === '+' || t.value === '-' || isGenericOp(t.value);
    case 'eof':
      return false;
    default: {
      const c = p.kw(k);
      return c !== Kw.Reserved || reservedExprStarts.has(t.value);
    }
  }
}

/** a_expr. */
export function parseExpr(p: Cursor): Expr {
  return expr(p, 0);
}

/** b_expr: no AND/OR/NOT, IS [NOT] NULL, LIKE, BETWEEN, IN. */
export function parseBExpr(p: Cursor): Expr {
  return expr(p, 0, true);
}

/** c_expr: a primary with its subscripts, no operators (FETCH FIRST's count). */
export function parseCExpr(p: Cursor): Expr {
  p.enter();
  const e = primary(p, false);
  p.leave();
  return e;
}

/** `a_expr [, a_expr …]`. */
export function parseExprList(p: Cursor): Expr[] {
  const out = [parseExpr(p)];
  while (p.acceptPunct(',')) out.push(parseExpr(p));
  return out;
}

function expr(p: Cursor, min: number, b = false): Expr {
  p.enter();
  const left = prefix(p, b);
  const out = infix(p, left, min, b);
  p.leave();
  return out;
}

function prefix(p: Cursor, b: boolean): Expr {
  const t = p.tok;
  if (t.kind === 'op') {
    if (t.value === '+' || t.value === '-') {
      p.i++;
      const operand = expr(p, P_UMINUS, b);
      if (t.value === '-' && operand.kind === 'literal' && (operand.type === 'integer' || operand.type === 'numeric')) {
        const v = operand.value.startsWith('-') ? operand.value.slice(1) : '-' + operand.value;
        return { kind: 'literal', type: operand.type, value: v, pos: t.start };
      }
      return { kind: 'unary', op: t.value, operand, pos: t.start };
    }
    if (isGenericOp(t.value)) {
      p.i++;
      return { kind: 'unary', op: t.value, operand: expr(p, P_OP + 1, b), pos: t.start };
    }
    p.fail();
  }
  if (!b && p.isKw('not')) {
    p.i++;
    return { kind: 'not', arg: expr(p, P_NOT), pos: t.start };
  }
  if (p.isKw('operator') && p.isPunct('(', 1)) {
    const op = parseOperatorName(p);
    return { kind: 'unary', op, operand: expr(p, P_OP + 1, b), pos: t.start };
  }
  return primary(p, b);
}

/** `OPERATOR(schema.op)`: the operator symbol (the schema is ignored). */
function parseOperatorName(p: Cursor): string {
  p.expectKw('operator');
  p.expectPunct('(');
  while (p.isColId()) {
    p.i++;
    p.expectPunct('.');
  }
  const t = p.tok;
  if (t.kind !== 'op' || t.value === '::') p.fail();
  p.i++;
  p.expectPunct(')');
  return t.value;
}

/** In a select list, whether the keyword operator at the cursor is followed by something that continues it. */
function continuesAfterKeyword(p: Cursor, w: string): boolean {
  switch (w) {
    case 'and':
    case 'or':
      return canStartExpr(p, 1);
    case 'is': {
      const n = p.word(1);
      return n !== null && ['not', 'null', 'true', 'false', 'unknown', 'distinct', 'document', 'normalized', 'nfc', 'nfd', 'nfkc', 'nfkd'].includes(n);
    }
    case 'like':
    case 'ilike': {
      const n = p.word(1);
      return canStartExpr(p, 1) || n === 'any' || n === 'some' || n === 'all';
    }
    case 'between':
      return canStartExpr(p, 1) || p.isKw('symmetric', 1) || p.isKw('asymmetric', 1);
    case 'in':
      return p.isPunct('(', 1);
    case 'similar':
      return p.isKw('to', 1);
    case 'at':
      return p.isKw('time', 1);
    case 'collate':
      return p.isColId(1);
    default:
      return true;
  }
}

function infix(p: Cursor, left: Expr, min: number, b: boolean): Expr {
  for (;;) {
    const t = p.tok;
    if (t.kind === 'op') {
      if (t.value === '::') {
        if (P_TYPECAST < min) return left;
        p.i++;
        left = { kind: 'cast', arg: left, type: parseTypeName(p), pos: t.start };
        continue;
      }
      const prec = opPrecedence(t.value);
      if (prec < min) return left;
      if (p.isKw('any', 1) || p.isKw('some', 1) || p.isKw('all', 1)) {
        p.i++;
        left = parseQuantified(p, t.value, left, t.start);
        continue;
      }
      p.i++;
      const right = expr(p, prec + 1, b);
      left = { kind: 'binary', op: t.value, left, right, pos: t.start };
      if (prec === P_CMP && p.tok.kind === 'op' && comparisonOps.has(p.tok.value)) p.fail();
      continue;
    }
    const w = p.word();
    if (w !== null) {
      if (w === 'operator' && p.isPunct('(', 1) && !b) {
        if (P_OP < min) return left;
        const op = parseOperatorName(p);
        left = { kind: 'binary', op, left, right: expr(p, P_OP + 1), pos: t.start };
        continue;
      }
      if (b) {
        if (w !== 'is' || P_IS < min) return left;
        left = parseIsDistinct(p, left, true);
        continue;
      }
      if (w === 'or' || w === 'and') {
        const prec = w === 'or' ? P_OR : P_AND;
        if (prec < min || (p.nest === p.labelNest && !continuesAfterKeyword(p, w))) return left;
        p.i++;
        const right = expr(p, prec + 1);
        if (left.kind === 'bool' && left.op === w && left.pos !== -1) left = { kind: 'bool', op: w, args: [...left.args, right], pos: left.pos };
        else left = { kind: 'bool', op: w, args: [left, right], pos: t.start };
        continue;
      }
      if (w === 'is') {
        if (P_IS < min || (p.nest === p.labelNest && !continuesAfterKeyword(p, w))) return left;
        left = parseIs(p, left);
        continue;
      }
      if (w === 'isnull' || w === 'notnull') {
        if (P_IS < min) return left;
        p.i++;
        left = { kind: 'isnull', arg: left, negated: w === 'notnull', pos: t.start };
        continue;
      }
      if (likeLevelWords.has(w) || (w === 'not' && p.word(1) !== null && likeLevelWords.has(p.word(1)!))) {
        if (P_LIKE < min || (w !== 'not' && p.nest === p.labelNest && !continuesAfterKeyword(p, w))) return left;
        left = parseLikeLevel(p, left);
        continue;
      }
      if (w === 'at') {
        if (P_AT < min || (p.nest === p.labelNest && !continuesAfterKeyword(p, w))) return left;
        p.i++;
        p.expectKw('time');
        p.expectKw('zone');
        const zone = expr(p, P_AT + 1);
        left = call('timezone', [zone, left], t.start);
        continue;
      }
      if (w === 'collate') {
        if (P_COLLATE < min || (p.nest === p.labelNest && !continuesAfterKeyword(p, w))) return left;
        p.i++;
        left = { kind: 'collate', arg: left, collation: parseAnyName(p).join('.'), pos: t.start };
        continue;
      }
    }
    return left;
  }
}

/** `IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x`. */
function parseIs(p: Cursor, left: Expr): Expr {
  const pos = p.tok.start;
  p.expectKw('is');
  const negated = p.acceptKw('not');
  const w = p.word();
  if (w === 'null') {
    p.i++;
    return { kind: 'isnull', arg: left, negated, pos };
  }
  if (w === 'true' || w === 'false' || w === 'unknown') {
    p.i++;
    return { kind: 'isbool', arg: left, value: w, negated, pos };
  }
  if (w === 'distinct') {
    p.i--;
    if (negated) p.i--;
    return parseIsDistinct(p, left, false);
  }
  return p.fail();
}

function parseIsDistinct(p: Cursor, left: Expr, b: boolean): Expr {
  const pos = p.tok.start;
  p.expectKw('is');
  const negated = p.acceptKw('not');
  p.expectKw('distinct');
  p.expectKw('from');
  const right = expr(p, P_IS + 1, b);
  const w = p.word();
  if (w === 'is' || w === 'isnull' || w === 'notnull') p.fail();
  return { kind: 'isdistinct', left, right, negated, pos };
}

/** `[NOT] BETWEEN | IN | LIKE | ILIKE | SIMILAR TO …` (the nonassoc level below comparisons). */
function parseLikeLevel(p: Cursor, left: Expr): Expr {
  const negated = p.acceptKw('not');
  const t = p.tok;
  const w = p.word()!;
  p.i++;
  let out: Expr;
  switch (w) {
    case 'between': {
      let symmetric = false;
      if (p.acceptKw('symmetric')) symmetric = true;
      else p.acceptKw('asymmetric');
      const low = parseBExpr(p);
      p.expectKw('and');
      const high = expr(p, P_LIKE + 1);
      out = { kind: 'between', arg: left, low, high, negated, symmetric, pos: t.start };
      break;
    }
    case 'in': {
      if (!p.isPunct('(')) p.fail();
      const g = parseParenGroup(p);
      return g.query !== null
        ? { kind: 'insubquery', arg: left, query: g.query, negated, pos: t.start }
        : { kind: 'inlist', arg: left, list: g.exprs, negated, pos: t.start };
    }
    case 'like':
    case 'ilike':
    case 'similar': {
      if (w === 'similar') p.expectKw('to');
      else if (p.isKw('any') || p.isKw('some') || p.isKw('all')) {
        const op = (negated ? '!' : '') + (w === 'like' ? '~~' : '~~*');
        return parseQuantified(p, op, left, t.start);
      }
      const pattern = expr(p, P_LIKE + 1);
      const escape = p.acceptKw('escape') ? expr(p, P_LIKE + 1) : null;
      out = { kind: 'like', op: w, arg: left, pattern, escape, negated, pos: t.start };
      break;
    }
    default:
      return p.fail(t);
  }
  const n = p.word();
  if (n !== null && (likeLevelWords.has(n) || (n === 'not' && p.word(1) !== null && likeLevelWords.has(p.word(1)!)))) p.fail();
  return out;
}

/** `op ANY|SOME|ALL ( query | array )`, the cursor on the quantifier. */
function parseQuantified(p: Cursor, op: string, left: Expr, pos: number): Expr {
  const quantifier = p.isKw('all') ? 'all' : 'any';
  p.i++;
  if (!p.isPunct('(')) p.fail();
  if (p.parenLeadsToQuery()) {
    const g = parseParenGroup(p);
    if (g.query !== null) return { kind: 'quantified', op, quantifier, left, query: g.query, array: null, pos };
    if (g.exprs.length !== 1) p.fail(p.toks[g.commaIndex]!);
    return { kind: 'quantified', op, quantifier, left, query: null, array: g.exprs[0]!, pos };
  }
  p.i++;
  p.nest++;
  const array = parseExpr(p);
  p.expectPunct(')');
  p.nest--;
  return { kind: 'quantified', op, quantifier, left, query: null, array, pos };
}

interface ParenGroup {
  readonly query: Query | null;
  readonly exprs: Expr[];
  /** Token index of the first top-level comma (for errors), or -1. */
  readonly commaIndex: number;
  readonly pos: number;
}

/**
 * `( … )` in an expression: a parenthesised query, or a list of expressions. `((SELECT 1) + 1)`
 * and `((SELECT 1) UNION SELECT 2)` are told apart by the token after the inner query.
 */
export function parseParenGroup(p: Cursor): ParenGroup {
  const open = p.expectPunct('(');
  p.nest++;
  p.enter();
  let first: Expr;
  const w = p.word();
  if (w !== null && queryStartWords.has(w)) {
    const query = parseQuery(p);
    p.expectPunct(')');
    p.leave();
    p.nest--;
    return { query, exprs: [], commaIndex: -1, pos: open.start };
  }
  if (p.isPunct('(') && p.parenLeadsToQuery()) {
    const inner = parseParenGroup(p);
    if (inner.query !== null) {
      const n = p.word();
      if (n !== null && ['union', 'intersect', 'except', 'order', 'limit', 'offset', 'fetch', 'for'].includes(n)) {
        const query = continueQuery(p, inner.query);
        p.expectPunct(')');
        p.leave();
        p.nest--;
        return { query, exprs: [], commaIndex: -1, pos: open.start };
      }
      if (p.acceptPunct(')')) {
        p.leave();
        p.nest--;
        return { query: inner.query, exprs: [], commaIndex: -1, pos: open.start };
      }
      first = indirection(p, { kind: 'subquery', query: inner.query, array: false, pos: inner.pos });
    } else {
      first = groupExpr(p, inner);
    }
    first = infix(p, first, 0, false);
  } else {
    first = parseExpr(p);
  }
  const exprs = [first];
  const commaIndex = p.isPunct(',') ? p.i : -1;
  while (p.acceptPunct(',')) exprs.push(parseExpr(p));
  p.expectPunct(')');
  p.leave();
  p.nest--;
  return { query: null, exprs, commaIndex, pos: open.start };
}

/** The expression a non-query paren group stands for: `(x)` with indirection, or a row `(a, b)`. */
function groupExpr(p: Cursor, g: ParenGroup): Expr {
  if (g.exprs.length === 1) return indirection(p, g.exprs[0]!);
  return { kind: 'row', items: g.exprs, pos: g.pos };
}

/** Subscripts after a column, parameter or parenthesised expression: `[i]`, `[lo:hi]`. */
function indirection(p: Cursor, arg: Expr): Expr {
  while (p.isPunct('[') || (p.isPunct('.') && arg.kind !== 'column')) {
    const t = p.tok;
    if (t.value === '.') p.error('0A000', 'field selection is not supported', t.start);
    p.i++;
    p.nest++;
    let index: Expr | null = null;
    let upper: Expr | null = null;
    let slice = false;
    if (!p.isPunct(':')) index = parseExpr(p);
    if (p.acceptPunct(':')) {
      slice = true;
      if (!p.isPunct(']')) upper = parseExpr(p);
    }
    p.expectPunct(']');
    p.nest--;
    arg = { kind: 'subscript', arg, index, slice, upper, pos: t.start };
  }
  return arg;
}

function call(name: string, args: Expr[], pos: number): FuncCall {
  return { kind: 'func', name: { schema: null, name, pos }, args, star: false, distinct: false, orderBy: [], filter: null, over: null, pos };
}

/** Type-name keywords that can begin a typed literal (`INTEGER '1'`, `TIMESTAMP(3) WITH TIME ZONE '…'`). */
const constTypeWords: ReadonlySet<string> = new Set([
  'bigint', 'bit', 'boolean', 'char', 'character', 'dec', 'decimal', 'float', 'int', 'integer', 'interval', 'national', 'nchar',
  'numeric', 'real', 'smallint', 'time', 'timestamp', 'varchar',
]);
/** Of those, the ones that may be followed by '(' or a further word of the type name. */
const constTypeContinues: ReadonlySet<string> = new Set([
  'bit', 'char', 'character', 'dec', 'decimal', 'float', 'interval', 'national', 'nchar', 'numeric', 'time', 'timestamp', 'varchar',
]);

function primary(p: Cursor, b: boolean): Expr {
  const t = p.tok;
  switch (t.kind) {
    case 'integer':
    case 'numeric':
    case 'string':
    case 'bitstring':
      p.i++;
      return { kind: 'literal', type: t.kind, value: t.value, pos: t.start };
    case 'param': {
      p.i++;
      return indirection(p, { kind: 'param', index: Number(t.value), pos: t.start });
    }
    case 'punct': {
      if (t.value !== '(') return p.fail();
      const g = parseParenGroup(p);
      if (g.query !== null) return indirection(p, { kind: 'subquery', query: g.query, array: false, pos: g.pos });
      return groupExpr(p, g);
    }
    case 'ident':
    case 'keyword':
      return wordPrimary(p, b);
    default:
      return p.fail();
  }
}

function wordPrimary(p: Cursor, b: boolean): Expr {
  const t = p.tok;
  const cls = p.kw();
  const w = t.value;
  if (cls === Kw.Reserved) return reservedPrimary(p, b);
  if (cls === Kw.ColName) {
    const special = colNamePrimary(p);
    if (special !== null) return special;
    return columnRef(p);
  }
  if (cls === Kw.TypeFunc) {
    if (w === 'current_schema' && !p.isPunct('(', 1)) {
      p.i++;
      return { kind: 'special', name: 'current_schema', precision: null, pos: t.start };
    }
    if (w === 'collation' && p.isKw('for', 1)) {
      p.i += 2;
      p.expectPunct('(');
      p.nest++;
      const arg = parseExpr(p);
      p.expectPunct(')');
      p.nest--;
      return call('pg_collation_for', [arg], t.start);
    }
    if (p.isPunct('(', 1)) return funcOrTypedLiteral(p, { schema: null, name: w, pos: t.start }, 1);
    if (p.peek(1).kind === 'string') return typedLiteral(p, { name: w, mods: [], array: false, pos: t.start }, 1);
    return p.fail(p.peek(1));
  }
  if (w === 'double' && cls === Kw.Unreserved && p.isKw('precision', 1)) return constTypeLiteral(p);
  return columnRef(p);
}

function reservedPrimary(p: Cursor, b: boolean): Expr {
  const t = p.tok;
  switch (t.value) {
    case 'true':
    case 'false':
      p.i++;
      return { kind: 'literal', type: 'bool', value: t.value === 'true', pos: t.start };
    case 'null':
      p.i++;
      return { kind: 'literal', type: 'null', pos: t.start };
    case 'case':
      return parseCase(p);
    case 'cast': {
      p.i++;
      p.expectPunct('(');
      p.nest++;
      const arg = parseExpr(p);
      p.expectKw('as');
      const type = parseTypeName(p);
      p.expectPunct(')');
      p.nest--;
      return { kind: 'cast', arg, type, pos: t.start };
    }
    case 'array':
      return parseArray(p);
    case 'default':
      if (b) return p.fail();
      p.i++;
      return { kind: 'default', pos: t.start };
    case 'current_date':
    case 'current_user':
    case 'session_user':
    case 'user':
    case 'current_catalog':
    case 'current_role':
      p.i++;
      return { kind: 'special', name: t.value === 'current_role' ? 'current_user' : t.value, precision: null, pos: t.start };
    case 'current_time':
    case 'current_timestamp':
    case 'localtime':
    case 'localtimestamp': {
      p.i++;
      let precision: number | null = null;
      if (p.acceptPunct('(')) {
        precision = parseIconst(p);
        p.expectPunct(')');
      }
      return { kind: 'special', name: t.value, precision, pos: t.start };
    }
    default:
      return p.fail();
  }
}

/** An unsigned integer constant. */
export function parseIconst(p: Cursor): number {
  const t = p.tok;
  if (t.kind !== 'integer') p.fail();
  p.i++;
  return Number(t.value);
}

/** Column-name keywords with a syntax of their own (`COALESCE(…)`, `EXISTS (…)`, `INTEGER '1'`); null: a plain column. */
function colNamePrimary(p: Cursor): Expr | null {
  const t = p.tok;
  const w = t.value;
  const open = p.isPunct('(', 1);
  if (constTypeWords.has(w)) {
    const next = p.peek(1);
    if (next.kind === 'string' || (constTypeContinues.has(w) && (open || isTypeContinuation(p, w)))) return constTypeLiteral(p);
    return null;
  }
  if (!open) return null;
  switch (w) {
    case 'exists': {
      p.i++;
      return { kind: 'exists', query: parseSelectWithParens(p), pos: t.start };
    }
    case 'row': {
      p.i += 2;
      p.nest++;
      const items = p.isPunct(')') ? [] : parseExprList(p);
      p.expectPunct(')');
      p.nest--;
      return { kind: 'row', items, pos: t.start };
    }
    case 'nullif': {
      p.i += 2;
      p.nest++;
      const a = parseExpr(p);
      p.expectPunct(',');
      const b2 = parseExpr(p);
      p.expectPunct(')');
      p.nest--;
      return call(w, [a, b2], t.start);
    }
    case 'coalesce':
    case 'greatest':
    case 'least':
    case 'grouping': {
      p.i += 2;
      p.nest++;
      const args = parseExprList(p);
      p.expectPunct(')');
      p.nest--;
      return call(w, args, t.start);
    }
    case 'extract':
    case 'overlay':
    case 'position':
    case 'substring':
    case 'trim':
    case 'treat':
    case 'normalize':
      return specialFunction(p);
    default:
      return null;
  }
}

function isTypeContinuation(p: Cursor, w: string): boolean {
  const n = p.word(1);
  switch (w) {
    case 'character':
    case 'char':
    case 'nchar':
    case 'bit':
      return n === 'varying';
    case 'national':
      return n === 'character' || n === 'char';
    case 'time':
    case 'timestamp':
      return (n === 'with' || n === 'without') && p.isKw('time', 2);
    default:
      return false;
  }
}

/** `TYPE 'string'` for a keyword type (`INTERVAL '1' DAY`, `TIME(3) WITH TIME ZONE '…'`). */
function constTypeLiteral(p: Cursor): Expr {
  const pos = p.tok.start;
  const isInterval = p.isKw('interval');
  let typeName: TypeName;
  if (isInterval) {
    p.i++;
    let mods: number[] = [];
    if (p.acceptPunct('(')) {
      mods = [intervalFullRange, parseIconst(p)];
      p.expectPunct(')');
    }
    const s = p.tok;
    if (s.kind !== 'string') p.fail();
    p.i++;
    if (mods.length === 0) mods = parseIntervalFields(p);
    return { kind: 'literal', type: 'typed', typeName: { name: 'interval', mods, array: false, pos }, value: s.value, pos };
  }
  typeName = parseSimpleTypeName(p, true);
  const s = p.tok;
  if (s.kind !== 'string') p.fail();
  p.i++;
  return { kind: 'literal', type: 'typed', typeName, value: s.value, pos };
}

function typedLiteral(p: Cursor, typeName: TypeName, skip: number): Expr {
  p.i += skip;
  const s = p.tok;
  if (s.kind !== 'string') p.fail();
  p.i++;
  return { kind: 'literal', type: 'typed', typeName, value: s.value, pos: typeName.pos };
}

/** `name`, `t.name`, `t.*`, `s.t.name`, a function call `s.f(…)`, or a typed literal `name 'text'`. */
function columnRef(p: Cursor): Expr {
  const first = p.tok;
  const parts = [p.colId()];
  while (p.isPunct('.')) {
    if (p.peek(1).kind === 'op' && p.peek(1).value === '*') {
      p.i += 2;
      return { kind: 'star', qualifier: parts, pos: first.start };
    }
    p.i++;
    parts.push(p.colLabel());
  }
  if (p.isPunct('(')) {
    if (parts.length > 3 || (parts.length === 1 && p.kw(-1) === Kw.ColName)) p.fail();
    const name = qualifiedFromParts(p, parts, first.start);
    return funcOrTypedLiteral(p, name, 0);
  }
  if (p.tok.kind === 'string' && !(parts.length === 1 && p.kw(-1) === Kw.ColName)) {
    return typedLiteral(p, { name: typeNameFromParts(parts), mods: [], array: false, pos: first.start }, 0);
  }
  if (parts.length > 4) {
    p.error('42601', `improper qualified name (too many dotted names): ${parts.join('.')}`, first.start);
  }
  const col: Expr = { kind: 'column', qualifier: parts.slice(0, -1), name: parts[parts.length - 1]!, pos: first.start };
  return indirection(p, col);
}

function qualifiedFromParts(p: Cursor, parts: string[], pos: number): QualifiedName {
  if (parts.length === 1) return { schema: null, name: parts[0]!, pos };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]!, pos };
  if (parts.length === 3) p.error('0A000', `cross-database references are not implemented: ${parts.join('.')}`, pos);
  return p.error('42601', `improper qualified name (too many dotted names): ${parts.join('.')}`, pos);
}

function typeNameFromParts(parts: readonly string[]): string {
  if (parts.length === 2 && parts[0] === 'pg_catalog') return parts[1]!;
  return parts.join('.');
}

/** A call `name(…)` at `skip` tokens ahead; `name(1) 'x'` is a typed literal with a modifier. */
function funcOrTypedLiteral(p: Cursor, name: QualifiedName, skip: number): Expr {
  p.i += skip;
  const f = parseFuncArgs(p, name, false);
  if (p.tok.kind === 'string' && f.orderBy.length === 0 && !f.distinct && !f.star && f.filter === null && f.over === null) {
    const mods = f.args.map((a) => (a.kind === 'literal' && a.type === 'integer' ? Number(a.value) : p.fail(p.tok)));
    const s = p.tok;
    p.i++;
    const typeName = { name: name.schema === null || name.schema === 'pg_catalog' ? name.name : `${name.schema}.${name.name}`, mods, array: false, pos: name.pos };
    return { kind: 'literal', type: 'typed', typeName, value: s.value, pos: name.pos };
  }
  return f;
}

/**
 * The argument list of a call, the cursor on '(': `()`, `(*)`, `([ALL | DISTINCT] args [ORDER BY …])`,
 * then (unless windowless) WITHIN GROUP, FILTER and OVER.
 */
export function parseFuncArgs(p: Cursor, name: QualifiedName, windowless: boolean): FuncCall {
  p.expectPunct('(');
  p.nest++;
  let args: Expr[] = [];
  let star = false;
  let distinct = false;
  let orderBy: OrderItem[] = [];
  if (p.tok.kind === 'op' && p.tok.value === '*') {
    p.i++;
    star = true;
  } else if (!p.isPunct(')')) {
    if (p.acceptKw('distinct')) distinct = true;
    else p.acceptKw('all');
    if (p.isKw('variadic')) p.error('0A000', 'VARIADIC arguments are not supported', p.tok.start);
    args = parseFuncArgList(p);
    if (p.isKw('order')) {
      p.i++;
      p.expectKw('by');
      orderBy = parseSortList(p);
    }
  }
  p.expectPunct(')');
  p.nest--;
  let filter: Expr | null = null;
  let over: WindowSpec | null = null;
  if (!windowless) {
    if (p.isKw('within') && p.isKw('group', 1)) {
      const at = p.tok.start;
      p.i += 2;
      p.expectPunct('(');
      p.expectKw('order');
      p.expectKw('by');
      if (orderBy.length > 0) p.error('42601', 'cannot use multiple ORDER BY clauses with WITHIN GROUP', at);
      orderBy = parseSortList(p);
      p.expectPunct(')');
    } else if (p.isKw('within')) {
      p.fail(p.peek(1));
    }
    if (p.acceptKw('filter')) {
      p.expectPunct('(');
      p.nest++;
      p.expectKw('where');
      filter = parseExpr(p);
      p.expectPunct(')');
      p.nest--;
    }
    if (p.isKw('over')) {
      const at = p.tok.start;
      p.i++;
      if (p.isPunct('(')) over = parseWindowSpec(p);
      else over = { ref: p.colId(), partitionBy: [], orderBy: [], frame: null, pos: at };
    }
  }
  return { kind: 'func', name, args, star, distinct, orderBy, filter, over, pos: name.pos };
}

function parseFuncArgList(p: Cursor): Expr[] {
  const out: Expr[] = [];
  do {
    if (p.isColLabel() && p.peek(1).kind === 'op' && (p.peek(1).value === '=>' || p.peek(1).value === ':=')) {
      p.error('0A000', 'named function arguments are not supported', p.tok.start);
    }
    out.push(parseExpr(p));
  } while (p.acceptPunct(','));
  return out;
}

/** EXTRACT, OVERLAY, POSITION, SUBSTRING, TRIM, TREAT, NORMALIZE with their SQL-standard syntax. */
function specialFunction(p: Cursor): Expr {
  const t = p.tok;
  const w = t.value;
  p.i += 2;
  p.nest++;
  let out: Expr;
  switch (w) {
    case 'extract': {
      const f = p.tok;
      let field: string;
      if (f.kind === 'string') field = f.value;
      else if (p.isIdent() || ['year', 'month', 'day', 'hour', 'minute', 'second'].includes(p.word() ?? '')) field = f.value;
      else return p.fail();
      p.i++;
      p.expectKw('from');
      out = call('extract', [{ kind: 'literal', type: 'string', value: field, pos: f.start }, parseExpr(p)], t.start);
      break;
    }
    case 'overlay': {
      const s = parseExpr(p);
      if (p.acceptPunct(',')) {
        out = call('overlay', [s, ...parseExprList(p)], t.start);
        break;
      }
      p.expectKw('placing');
      const r = parseExpr(p);
      p.expectKw('from');
      const from = parseExpr(p);
      const args = [s, r, from];
      if (p.acceptKw('for')) args.push(parseExpr(p));
      out = call('overlay', args, t.start);
      break;
    }
    case 'position': {
      const needle = parseBExpr(p);
      p.expectKw('in');
      out = call('position', [parseBExpr(p), needle], t.start);
      break;
    }
    case 'substring': {
      if (p.isPunct(')')) {
        out = call('substring', [], t.start);
        break;
      }
      const s = parseExpr(p);
      if (p.acceptPunct(',')) {
        out = call('substring', [s, ...parseExprList(p)], t.start);
      } else if (p.acceptKw('from')) {
        const from = parseExpr(p);
        out = call('substring', p.acceptKw('for') ? [s, from, parseExpr(p)] : [s, from], t.start);
      } else if (p.acceptKw('for')) {
        const len = parseExpr(p);
        const args = [s, p.acceptKw('from') ? parseExpr(p) : ({ kind: 'literal', type: 'integer', value: '1', pos: -1 } as Expr), len];
        out = call('substring', args, t.start);
      } else if (p.acceptKw('similar')) {
        const pat = parseExpr(p);
        p.expectKw('escape');
        out = call('substring', [s, pat, parseExpr(p)], t.start);
      } else {
        out = call('substring', [s], t.start);
      }
      break;
    }
    case 'trim': {
      let fn = 'btrim';
      if (p.acceptKw('leading')) fn = 'ltrim';
      else if (p.acceptKw('trailing')) fn = 'rtrim';
      else p.acceptKw('both');
      if (p.acceptKw('from')) {
        out = call(fn, parseExprList(p), t.start);
      } else {
        const first = parseExpr(p);
        if (p.acceptKw('from')) {
          out = call(fn, [...parseExprList(p), first], t.start);
        } else {
          const rest = p.acceptPunct(',') ? parseExprList(p) : [];
          out = call(fn, [first, ...rest], t.start);
        }
      }
      break;
    }
    case 'treat': {
      const arg = parseExpr(p);
      p.expectKw('as');
      out = { kind: 'cast', arg, type: parseTypeName(p), pos: t.start };
      break;
    }
    default: {
      const arg = parseExpr(p);
      const args: Expr[] = [arg];
      if (p.acceptPunct(',')) {
        const f = p.tok;
        const form = p.word();
        if (form !== 'nfc' && form !== 'nfd' && form !== 'nfkc' && form !== 'nfkd') return p.fail();
        p.i++;
        args.push({ kind: 'literal', type: 'string', value: form, pos: f.start });
      }
      out = call('normalize', args, t.start);
    }
  }
  p.expectPunct(')');
  p.nest--;
  return out;
}

function parseCase(p: Cursor): Expr {
  const pos = p.expectKw('case').start;
  p.nest++;
  const operand = p.isKw('when') ? null : parseExpr(p);
  const whens: { when: Expr; then: Expr }[] = [];
  do {
    p.expectKw('when');
    const when = parseExpr(p);
    p.expectKw('then');
    whens.push({ when, then: parseExpr(p) });
  } while (p.isKw('when'));
  const elseExpr = p.acceptKw('else') ? parseExpr(p) : null;
  p.expectKw('end');
  p.nest--;
  return { kind: 'case', operand, whens, else: elseExpr, pos };
}

/** `ARRAY[…]` (nested brackets for more dimensions) or `ARRAY(SELECT …)`. */
function parseArray(p: Cursor): Expr {
  const pos = p.expectKw('array').start;
  if (p.isPunct('(')) return { kind: 'subquery', query: parseSelectWithParens(p), array: true, pos };
  if (!p.isPunct('[')) p.fail();
  return parseArrayBrackets(p, pos);
}

function parseArrayBrackets(p: Cursor, pos: number): ArrayExpr {
  p.expectPunct('[');
  p.enter();
  p.nest++;
  const elements: Expr[] = [];
  if (p.isPunct('[')) {
    do elements.push(parseArrayBrackets(p, p.tok.start));
    while (p.acceptPunct(','));
  } else if (!p.isPunct(']')) {
    elements.push(...parseExprList(p));
  }
  p.expectPunct(']');
  p.nest--;
  p.leave();
  return { kind: 'array', elements, pos };
}

// ---------------------------------------------------------------------------------------------
// Window specifications

/** `( [name] [PARTITION BY …] [ORDER BY …] [frame] )`. */
export function parseWindowSpec(p: Cursor): WindowSpec {
  const pos = p.expectPunct('(').start;
  p.nest++;
  let ref: string | null = null;
  const w = p.word();
  if (p.isColId() && w !== 'partition' && w !== 'range' && w !== 'rows' && w !== 'groups') ref = p.colId();
  let partitionBy: Expr[] = [];
  let orderBy: OrderItem[] = [];
  if (p.acceptKw('partition')) {
    p.expectKw('by');
    partitionBy = parseExprList(p);
  }
  if (p.acceptKw('order')) {
    p.expectKw('by');
    orderBy = parseSortList(p);
  }
  let frame: WindowFrame | null = null;
  const m = p.word();
  if (m === 'range' || m === 'rows' || m === 'groups') frame = parseFrame(p, m);
  p.expectPunct(')');
  p.nest--;
  return { ref, partitionBy, orderBy, frame, pos };
}

function parseFrame(p: Cursor, mode: 'range' | 'rows' | 'groups'): WindowFrame {
  p.i++;
  let start: WindowFrameBound;
  let end: WindowFrameBound | null = null;
  let endAt = -1;
  const between = p.acceptKw('between');
  const startAt = p.tok.start;
  start = parseFrameBound(p);
  if (between) {
    p.expectKw('and');
    endAt = p.tok.start;
    end = parseFrameBound(p);
  }
  if (start.type === 'unbounded following') p.error('42P20', 'frame start cannot be UNBOUNDED FOLLOWING', startAt);
  if (end === null) {
    if (start.type === 'following') p.error('42P20', 'frame starting from following row cannot end with current row', startAt);
  } else {
    if (end.type === 'unbounded preceding') p.error('42P20', 'frame end cannot be UNBOUNDED PRECEDING', endAt);
    if (start.type === 'current row' && end.type === 'preceding') p.error('42P20', 'frame starting from current row cannot have preceding rows', endAt);
    if (start.type === 'following' && (end.type === 'preceding' || end.type === 'current row')) {
      p.error('42P20', 'frame starting from following row cannot have preceding rows', endAt);
    }
  }
  let exclude: WindowFrame['exclude'] = 'no others';
  if (p.acceptKw('exclude')) {
    if (p.acceptKw('current')) {
      p.expectKw('row');
      exclude = 'current row';
    } else if (p.acceptKw('group')) exclude = 'group';
    else if (p.acceptKw('ties')) exclude = 'ties';
    else {
      p.expectKw('no');
      p.expectKw('others');
    }
  }
  return { mode, start, end, exclude };
}

function parseFrameBound(p: Cursor): WindowFrameBound {
  if (p.isKw('unbounded') && (p.isKw('preceding', 1) || p.isKw('following', 1))) {
    p.i++;
    return { type: p.acceptKw('preceding') ? 'unbounded preceding' : (p.i++, 'unbounded following'), offset: null };
  }
  if (p.isKw('current') && p.isKw('row', 1)) {
    p.i += 2;
    return { type: 'current row', offset: null };
  }
  const offset = parseExpr(p);
  if (p.acceptKw('preceding')) return { type: 'preceding', offset };
  p.expectKw('following');
  return { type: 'following', offset };
}

// ---------------------------------------------------------------------------------------------
// Type names

/** Interval field masks as PostgreSQL's typmod input takes them (datetime.h bit numbers). */
const MONTH = 1 << 1;
const YEAR = 1 << 2;
const DAY = 1 << 3;
const HOUR = 1 << 10;
const MINUTE = 1 << 11;
const SECOND = 1 << 12;
export const intervalFullRange = 0x7fff;

/**
 * Interval qualifiers after `INTERVAL` or `INTERVAL '…'`: the typmod list PostgreSQL builds,
 * `[fieldMask]` or `[fieldMask, secondsPrecision]`; [] when none.
 */
function parseIntervalFields(p: Cursor): number[] {
  const w = p.word();
  const second = (mask: number): number[] => {
    p.expectKw('second');
    if (p.acceptPunct('(')) {
      const prec = parseIconst(p);
      p.expectPunct(')');
      return [mask, prec];
    }
    return [mask];
  };
  switch (w) {
    case 'year':
      p.i++;
      if (p.acceptKw('to')) {
        p.expectKw('month');
        return [YEAR | MONTH];
      }
      return [YEAR];
    case 'month':
      p.i++;
      return [MONTH];
    case 'day':
      p.i++;
      if (!p.acceptKw('to')) return [DAY];
      if (p.acceptKw('hour')) return [DAY | HOUR];
      if (p.acceptKw('minute')) return [DAY | HOUR | MINUTE];
      return second(DAY | HOUR | MINUTE | SECOND);
    case 'hour':
      p.i++;
      if (!p.acceptKw('to')) return [HOUR];
      if (p.acceptKw('minute')) return [HOUR | MINUTE];
      return second(HOUR | MINUTE | SECOND);
    case 'minute':
      p.i++;
      if (!p.acceptKw('to')) return [MINUTE];
      return second(MINUTE | SECOND);
    case 'second':
      return second(SECOND);
    default:
      return [];
  }
}

/** Typename: a simple type with `[]`, `[n]` or `ARRAY [n]` (multi-dimensional bounds fold into one array). */
export function parseTypeName(p: Cursor): TypeName {
  if (p.isKw('setof')) p.error('0A000', 'SETOF types are not supported', p.tok.start);
  const base = parseSimpleTypeName(p, false);
  let array = false;
  if (p.isKw('array')) {
    p.i++;
    array = true;
    if (p.acceptPunct('[')) {
      parseIconst(p);
      p.expectPunct(']');
    }
  } else {
    while (p.acceptPunct('[')) {
      array = true;
      if (!p.isPunct(']')) parseIconst(p);
      p.expectPunct(']');
    }
  }
  return array ? { ...base, array } : base;
}

/**
 * `(expr [, …])` type modifiers: any expressions to the grammar; integer constants are taken,
 * other constants and names fail as the type's modifier input does, anything else with 42601.
 */
function parseTypeMods(p: Cursor, typePos: number): number[] {
  if (!p.acceptPunct('(')) return [];
  p.nest++;
  const out: number[] = [];
  for (const e of parseExprList(p)) {
    if (e.kind === 'literal' && e.type === 'integer') out.push(Number(e.value));
    else if (e.kind === 'literal' && (e.type === 'string' || e.type === 'numeric')) {
      p.defer('22P02', `invalid input syntax for type integer: "${e.value}"`, typePos);
    } else if (e.kind === 'column' && e.qualifier.length === 0) {
      p.defer('22P02', `invalid input syntax for type integer: "${e.name}"`, typePos);
    } else {
      p.defer('42601', 'type modifiers must be simple constants or identifiers', typePos);
    }
  }
  p.expectPunct(')');
  p.nest--;
  return out;
}

/** SimpleTypename (`constant`: the ConstTypename of a typed literal, where char has no default length). */
export function parseSimpleTypeName(p: Cursor, constant: boolean): TypeName {
  const t = p.tok;
  const pos = t.start;
  const w = p.word();
  const simple = (name: string, mods: number[] = []): TypeName => ({ name, mods, array: false, pos });
  switch (w) {
    case 'int':
    case 'integer':
      p.i++;
      return simple('int4');
    case 'smallint':
      p.i++;
      return simple('int2');
    case 'bigint':
      p.i++;
      return simple('int8');
    case 'real':
      p.i++;
      return simple('float4');
    case 'boolean':
      p.i++;
      return simple('bool');
    case 'float': {
      p.i++;
      if (!p.acceptPunct('(')) return simple('float8');
      const at = p.tok.start;
      const bits = parseIconst(p);
      p.expectPunct(')');
      if (bits < 1) p.error('22023', 'precision for type float must be at least 1 bit', at);
      if (bits > 53) p.error('22023', 'precision for type float must be less than 54 bits', at);
      return simple(bits <= 24 ? 'float4' : 'float8');
    }
    case 'decimal':
    case 'dec':
    case 'numeric':
      p.i++;
      return simple('numeric', parseTypeMods(p, pos));
    case 'bit': {
      p.i++;
      const varying = p.acceptKw('varying');
      const mods = parseTypeMods(p, pos);
      return simple(varying ? 'varbit' : 'bit', mods.length === 0 && !varying && !constant ? [1] : mods);
    }
    case 'national':
    case 'character':
    case 'char':
    case 'nchar':
    case 'varchar': {
      p.i++;
      if (w === 'national' && !p.acceptKw('character')) p.expectKw('char');
      const varying = w === 'varchar' || p.acceptKw('varying');
      let mods: number[] = [];
      if (p.acceptPunct('(')) {
        mods = [parseIconst(p)];
        p.expectPunct(')');
      }
      if (!varying && mods.length === 0 && !constant) mods = [1];
      return simple(varying ? 'varchar' : 'bpchar', mods);
    }
    case 'time':
    case 'timestamp': {
      p.i++;
      let mods: number[] = [];
      if (p.acceptPunct('(')) {
        mods = [parseIconst(p)];
        p.expectPunct(')');
      }
      let tz = false;
      if ((p.isKw('with') || p.isKw('without')) && p.isKw('time', 1)) {
        tz = p.word() === 'with';
        p.i += 2;
        p.expectKw('zone');
      }
      return simple(w + (tz ? 'tz' : ''), mods);
    }
    case 'interval': {
      p.i++;
      if (p.acceptPunct('(')) {
        const prec = parseIconst(p);
        p.expectPunct(')');
        return simple('interval', [intervalFullRange, prec]);
      }
      return simple('interval', parseIntervalFields(p));
    }
    case 'double':
      if (p.isKw('precision', 1)) {
        p.i += 2;
        return simple('float8');
      }
      break;
    default:
      break;
  }
  if (!p.isTypeFuncName()) p.fail();
  const parts = [p.typeFuncName()];
  while (p.acceptPunct('.')) parts.push(p.colLabel());
  return simple(typeNameFromParts(parts), parseTypeMods(p, pos));
}

/** any_name: `name [. attr …]`. */
export function parseAnyName(p: Cursor): string[] {
  const out = [p.colId()];
  while (p.acceptPunct('.')) out.push(p.colLabel());
  return out;
}



/** `INTERVAL ['(' n ')'] 'text' [fields]` (SET TIME ZONE): the text. */
export function parseIntervalLiteralValue(p: Cursor): string {
  const e = constTypeLiteral(p);
  return e.kind === 'literal' && e.type === 'typed' ? e.value : p.fail();
}
