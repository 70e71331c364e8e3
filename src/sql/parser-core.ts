/**
 * The parser's cursor over the lexer's tokens: PostgreSQL's keyword classes, name rules, and
 * syntax errors worded and placed exactly as PostgreSQL's parser words and places them.
 *
 * Error placement. PostgreSQL's LALR parser never shifts a token that cannot extend a valid
 * prefix, so its syntax error names the first token t such that the text up to and including t
 * is not the beginning of any statement. Every decision in this recursive-descent parser is made
 * so that the token it rejects is that same token (the callers peek before they consume).
 *
 * Keyword classes (PostgreSQL 15, `pg_get_keywords()`):
 *   R reserved           never a name, except as a column label (`SELECT 1 AS from`)
 *   T type/function name a function or type name (`left(…)`), not a column or table name
 *   C column name        a column or table name (`values`, `time`), not a function or type name
 *   U unreserved         any name
 * A "bare label" is a column label written without AS; a few keywords (the AS_LABEL ones) need AS.
 * Quoted identifiers are never keywords.
 */
import type { Token } from './lexer.js';
import { SqlError } from './errors.js';

// How deeply expressions, queries and FROM items may nest before the parser gives up with 54001
// (PostgreSQL's `stack depth limit exceeded`): sqlParserDepthMax in limits.ts keeps recursion far
// from the JS stack limit.
import { sqlParserDepthMax } from '../limits.js';
export { sqlParserDepthMax };

export const enum Kw {
  None = 0,
  Unreserved = 1,
  ColName = 2,
  TypeFunc = 3,
  Reserved = 4,
}

const keywordTable: readonly (readonly [Kw, boolean, string])[] = [
  [Kw.ColName, false, 'char character precision'],
  [
    Kw.ColName,
    true,
    'between bigint bit boolean coalesce dec decimal exists extract float greatest grouping inout int integer interval least ' +
      'national nchar none normalize nullif numeric out overlay position real row setof smallint substring time timestamp treat ' +
      'trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot ' +
      'xmlserialize xmltable',
  ],
  [Kw.Reserved, false, 'array as create except fetch for from grant group having intersect into limit offset on order returning to union where window with'],
  [
    Kw.Reserved,
    true,
    'all analyse analyze and any asc asymmetric both case cast check collate column constraint current_catalog current_date ' +
      'current_role current_time current_timestamp current_user default deferrable desc distinct do else end false foreign in ' +
      'initially lateral leading localtime localtimestamp not null only or placing primary references select session_user some ' +
      'symmetric table then trailing true unique user using variadic when',
  ],
  [Kw.TypeFunc, false, 'isnull notnull overlaps'],
  [
    Kw.TypeFunc,
    true,
    'authorization binary collation concurrently cross current_schema freeze full ilike inner is join left like natural ' +
      'outer right similar tablesample verbose',
  ],
  [Kw.Unreserved, false, 'day filter hour minute month over second varying within without year'],
  [
    Kw.Unreserved,
    true,
    'abort absolute access action add admin after aggregate also alter always asensitive assertion assignment at atomic ' +
      'attach attribute backward before begin breadth by cache call called cascade cascaded catalog chain characteristics ' +
      'checkpoint class close cluster columns comment comments commit committed compression configuration conflict connection ' +
      'constraints content continue conversion copy cost csv cube current cursor cycle data database deallocate declare ' +
      'defaults deferred definer delete delimiter delimiters depends depth detach dictionary disable discard document domain ' +
      'double drop each enable encoding encrypted enum escape event exclude excluding exclusive execute explain expression ' +
      'extension external family finalize first following force forward function functions generated global granted groups ' +
      'handler header hold identity if immediate immutable implicit import include including increment index indexes inherit ' +
      'inherits inline input insensitive insert instead invoker isolation key label language large last leakproof level listen ' +
      'load local location lock locked logged mapping match matched materialized maxvalue merge method minvalue mode move name ' +
      'names new next nfc nfd nfkc nfkd no normalized nothing notify nowait nulls object of off oids old operator option ' +
      'options ordinality others overriding owned owner parallel parameter parser partial partition passing password plans ' +
      'policy preceding prepare prepared preserve prior privileges procedural procedure procedures program publication quote ' +
      'range read reassign recheck recursive ref referencing refresh reindex relative release rename repeatable replace replica ' +
      'reset restart restrict return returns revoke role rollback rollup routine routines rows rule savepoint schema schemas ' +
      'scroll search security sequence sequences serializable server session set sets share show simple skip snapshot sql ' +
      'stable standalone start statement statistics stdin stdout storage stored strict strip subscription support sysid system ' +
      'tables tablespace temp template temporary text ties transaction transform trigger truncate trusted type types uescape ' +
      'unbounded uncommitted unencrypted unknown unlisten unlogged until update vacuum valid validate validator value version ' +
      'view views volatile whitespace work wrapper write xml yes zone',
  ],
];

const keywordClass = new Map<string, Kw>();
const asLabelOnly = new Set<string>();
for (const [cls, bare, words] of keywordTable) {
  for (const w of words.split(' ')) {
    keywordClass.set(w, cls);
    if (!bare) asLabelOnly.add(w);
  }
}

/** PostgreSQL's keyword class of a word (Kw.None for a plain identifier). */
export function keywordClassOf(word: string): Kw {
  return keywordClass.get(word) ?? Kw.None;
}

/** Length in the source of the token starting at `t.start` (for PostgreSQL's "at or near" text). */
export function tokenLength(text: string, t: Token): number {
  const s = t.start;
  switch (t.kind) {
    case 'eof':
      return 0;
    case 'punct':
      return 1;
    case 'op':
      return t.value === '<>' && text.startsWith('!=', s) ? 2 : t.value.length;
    case 'param':
      return 1 + t.value.length;
    case 'integer':
    case 'numeric':
      return t.value.length;
    case 'ident':
    case 'keyword':
      return t.quoted === true ? quotedLength(text, s, '"', false) : identLength(text, s);
    case 'string':
    case 'bitstring':
      return stringLength(text, s);
  }
}

function identLength(text: string, s: number): number {
  let j = s + 1;
  while (j < text.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(text[j]!)) j++;
  return j - s;
}

/** A quoted run starting at `s` (the quote), with doubled quotes and, for E'…', backslash escapes. */
function quotedLength(text: string, s: number, q: string, backslash: boolean): number {
  let j = s + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (backslash && c === '\\') {
      j += 2;
    } else if (c === q) {
      if (text[j + 1] === q) j += 2;
      else return j + 1 - s;
    } else {
      j++;
    }
  }
  return text.length - s;
}

function stringLength(text: string, s: number): number {
  const c = text[s]!;
  if (c === '$') {
    const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(text.slice(s, s + 200));
    if (m === null) return 1;
    const end = text.indexOf(m[0], s + m[0].length);
    return end < 0 ? text.length - s : end + m[0].length - s;
  }
  if (c === "'") return quotedLength(text, s, "'", false);
  return 1 + quotedLength(text, s + 1, "'", c === 'e' || c === 'E');
}

/** The 54001 error for input nested past sqlParserDepthMax (PostgreSQL's words for a deep stack). */
export function stackDepthError(offset: number): SqlError {
  return new SqlError('54001', 'stack depth limit exceeded', {
    offset,
    hint: 'Increase the configuration parameter "max_stack_depth" (currently 2048kB), after ensuring the platform\'s stack depth limit is adequate.',
  });
}

/** The token cursor with PostgreSQL's name classes and error wording. */
export class Cursor {
  readonly text: string;
  readonly toks: readonly Token[];
  /** Index of the current token. */
  i = 0;
  /** Current nesting depth (see sqlParserDepthMax). */
  depth = 0;
  /** Bracket nesting count (parentheses, CASE … END): a bare column label may follow an expression only at `labelNest`. */
  nest = 0;
  labelNest = -1;
  /**
   * The first error PostgreSQL raises only after parsing (in parse analysis or at execution, e.g.
   * a bad COPY option): thrown once the whole script has parsed, so a later syntax error wins.
   */
  deferred: SqlError | null = null;
  /** Per token: the unquoted word (lower case), or null. */
  private readonly words: (string | null)[];
  /** Per token: the index of the first token after a run of '(' starting there. */
  private readonly afterParens: Int32Array;

  constructor(text: string, toks: readonly Token[]) {
    this.text = text;
    this.toks = toks;
    this.words = toks.map((t) => ((t.kind === 'ident' || t.kind === 'keyword') && t.quoted !== true ? t.value : null));
    this.afterParens = new Int32Array(toks.length);
    for (let k = toks.length - 1; k >= 0; k--) {
      const t = toks[k]!;
      this.afterParens[k] = t.kind === 'punct' && t.value === '(' && k + 1 < toks.length ? this.afterParens[k + 1]! : k;
    }
  }

  get tok(): Token {
    return this.toks[this.i]!;
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  /** The unquoted word k tokens ahead, or null. */
  word(k = 0): string | null {
    return this.words[Math.min(this.i + k, this.toks.length - 1)] ?? null;
  }

  /** Keyword class of the token k ahead (Kw.None for identifiers, quoted names and non-words). */
  kw(k = 0): Kw {
    const w = this.word(k);
    return w === null ? Kw.None : keywordClassOf(w);
  }

  /** Whether the token k ahead is an identifier (quoted, or an unquoted non-keyword). */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'ident' || t.kind === 'keyword') && (t.quoted === true || keywordClassOf(t.value) === Kw.None);
  }

  isKw(w: string, k = 0): boolean {
    return this.word(k) === w;
  }

  acceptKw(w: string): boolean {
    if (this.word() !== w) return false;
    this.i++;
    return true;
  }

  expectKw(w: string): Token {
    if (this.word() !== w) this.fail();
    return this.toks[this.i++]!;
  }

  isPunct(c: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.value === c;
  }

  acceptPunct(c: string): boolean {
    if (!this.isPunct(c)) return false;
    this.i++;
    return true;
  }

  expectPunct(c: string): Token {
    if (!this.isPunct(c)) this.fail();
    return this.toks[this.i++]!;
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail();
    return this.toks[this.i++]!;
  }

  atEnd(): boolean {
    const t = this.tok;
    return t.kind === 'eof' || (t.kind === 'punct' && t.value === ';');
  }

  /** Whether a '(' at k ahead opens (after any further '(') a query: SELECT, VALUES, WITH or TABLE. */
  parenLeadsToQuery(k = 0): boolean {
    const j = this.afterParens[Math.min(this.i + k, this.toks.length - 1)]!;
    const w = this.words[j];
    return w === 'select' || w === 'values' || w === 'with' || w === 'table';
  }

  /** The raw source text of a token, as PostgreSQL quotes it in "at or near". */
  raw(t: Token): string {
    return this.text.slice(t.start, t.start + tokenLength(this.text, t));
  }

  /** One past the last character of token `index`. */
  endOf(index: number): number {
    const t = this.toks[index]!;
    return t.start + tokenLength(this.text, t);
  }

  /** PostgreSQL's syntax error at a token (default: the current one). */
  syntaxError(t: Token = this.tok): SqlError {
    if (t.kind === 'eof') return new SqlError('42601', 'syntax error at end of input', { offset: t.start });
    return new SqlError('42601', `syntax error at or near "${this.raw(t)}"`, { offset: t.start });
  }

  fail(t: Token = this.tok): never {
    throw this.syntaxError(t);
  }

  /** An error raised by a grammar action (PostgreSQL's ereport in gram.y), at a position. */
  error(code: string, message: string, offset: number, hint?: string): never {
    throw new SqlError(code, message, hint === undefined ? { offset } : { offset, hint });
  }

  /** Record an error PostgreSQL raises after parsing (see `deferred`). */
  defer(code: string, message: string, offset: number | undefined, hint?: string): void {
    if (this.deferred !== null) return;
    const options: { offset?: number; hint?: string } = {};
    if (offset !== undefined) options.offset = offset;
    if (hint !== undefined) options.hint = hint;
    this.deferred = new SqlError(code, message, options);
  }

  enter(): void {
    if (++this.depth > sqlParserDepthMax) throw stackDepthError(this.tok.start);
  }

  leave(): void {
    this.depth--;
  }

  // -- Names ------------------------------------------------------------------------------------

  /** ColId: an identifier, unreserved or column-name keyword. */
  isColId(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind !== 'ident' && t.kind !== 'keyword') return false;
    if (t.quoted === true) return true;
    const c = keywordClassOf(t.value);
    return c === Kw.None || c === Kw.Unreserved || c === Kw.ColName;
  }

  /** type_function_name: an identifier, unreserved or type/function-name keyword. */
  isTypeFuncName(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind !== 'ident' && t.kind !== 'keyword') return false;
    if (t.quoted === true) return true;
    const c = keywordClassOf(t.value);
    return c === Kw.None || c === Kw.Unreserved || c === Kw.TypeFunc;
  }

  /** NonReservedWord: any name but a reserved keyword. */
  isNonReserved(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind !== 'ident' && t.kind !== 'keyword') return false;
    return t.quoted === true || keywordClassOf(t.value) !== Kw.Reserved;
  }

  /** ColLabel: any identifier or keyword. */
  isColLabel(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' || t.kind === 'keyword';
  }

  /** BareColLabel: an identifier or a keyword allowed as a label without AS. */
  isBareLabel(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind !== 'ident' && t.kind !== 'keyword') return false;
    return t.quoted === true || !asLabelOnly.has(t.value);
  }

  private take(ok: boolean): string {
    if (!ok) this.fail();
    return this.toks[this.i++]!.value;
  }

  colId(): string {
    return this.take(this.isColId());
  }

  typeFuncName(): string {
    return this.take(this.isTypeFuncName());
  }

  nonReserved(): string {
    return this.take(this.isNonReserved());
  }

  colLabel(): string {
    return this.take(this.isColLabel());
  }

  /** `name [, name …]` of ColIds. */
  colIdList(): string[] {
    const out = [this.colId()];
    while (this.acceptPunct(',')) out.push(this.colId());
    return out;
  }

  /** `'(' name [, …] ')'`. */
  parenColIdList(): string[] {
    this.expectPunct('(');
    const out = this.colIdList();
    this.expectPunct(')');
    return out;
  }
}
