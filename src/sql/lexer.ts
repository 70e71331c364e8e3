/**
 * The SQL lexer: PostgreSQL's lexical rules (scan.l), turning statement text into tokens with
 * their character positions, so that every syntax error can carry PostgreSQL's 1-based
 * "at character N" position.
 *
 * Tokens:
 *   ident     unquoted identifiers (folded to lower case) and "quoted" identifiers ("" = ")
 *   keyword   an unquoted identifier that is a keyword: `value` is the lower-case word
 *   string    '…' ('' = '), E'…' (backslash escapes), $tag$…$tag$, U&'…' is not supported
 *   bitstring B'0101' and X'1F' (value keeps the prefix letter: 'b0101', 'x1F')
 *   integer   digits; numeric: digits with a point and/or exponent
 *   param     $1, $2, …: `value` is the number as text
 *   op        operators: PostgreSQL's multi-character operator rule (a run of + - * / < > = ~ ! @
 *             # % ^ & | ` ?, where a trailing + or - is split off unless the run holds one of
 *             ~ ! @ # % ^ & | ` ?), and :: (cast)
 *   punct     ( ) [ ] , ; . :
 *   eof       end of input
 * Comments (-- to end of line, nested slash-star) and whitespace separate tokens.
 */

export type TokenKind = 'ident' | 'keyword' | 'string' | 'bitstring' | 'integer' | 'numeric' | 'param' | 'op' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier (folded unless quoted), keyword (lower case), string contents, number text, operator. */
  readonly value: string;
  /** Offset of the token's first character in the text (0-based, in UTF-16 code units). */
  readonly start: number;
  /** Whether an identifier was double-quoted (it is then never a keyword). */
  readonly quoted?: boolean;
}

/** A lexical error, with PostgreSQL's SQLSTATE and 1-based character position. */
export class SqlLexError extends Error {
  readonly code: string;
  /** 1-based character position, as PostgreSQL reports it. */
  readonly position: number;
  constructor(message: string, offset: number, text: string, code = '42601') {
    super(message);
    this.name = 'SqlLexError';
    this.code = code;
    this.position = characterPosition(text, offset);
  }
}

/** PostgreSQL counts positions in characters (code points), from 1. */
export function characterPosition(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
    n++;
  }
  return n;
}

/**
 * Reserved and non-reserved words the parser looks for. An unquoted identifier in this set
 * becomes a `keyword` token; the parser decides where a non-reserved one may still be a name.
 */
export const keywords: ReadonlySet<string> = new Set(
  (
    'all alter analyse analyze and any array as asc asymmetric begin between bigint bigserial binary bit ' +
    'boolean both by cascade case cast char character check collate column commit committed constraint ' +
    'copy create cross csv current_date current_time current_timestamp current_user cycle date day ' +
    'deallocate decimal default deferrable delete desc distinct do double drop else end escape except ' +
    'exists explain extract false fetch filter first float following for foreign from full generated ' +
    'grant group having header hour identity if ilike in index inner insert int integer intersect interval ' +
    'into is isolation join key last lateral leading left level like limit local localtime localtimestamp ' +
    'minute month natural next no not nothing null nulls numeric of offset on only or order outer over ' +
    'overlaps partition placing precision preceding primary range read real recursive references release ' +
    'rename repeatable replace reset restrict returning revoke right role rollback row rows savepoint ' +
    'schema second select sequence serial serializable session session_user set setof show similar ' +
    'smallint some start symmetric table temp temporary text then ties time timestamp to trailing ' +
    'transaction trim true truncate unbounded uncommitted union unique update user using vacuum values ' +
    'varchar varying view when where window with within without work write year zone'
  ).split(' '),
);

const OP_CHARS = '+-*/<>=~!@#%^&|`?';

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** Split SQL text into tokens (the last one is `eof`). Throws SqlLexError with a position. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (true) {
    i = skipSpaceAndComments(text, i);
    if (i >= n) {
      out.push({ kind: 'eof', value: '', start: n });
      return out;
    }
    const c = text.charCodeAt(i);
    const start = i;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    // E'…', B'…', X'…' (a letter directly followed by a quote)
    if (next === 39 && (c === 69 || c === 101)) {
      const [value, end] = readString(text, i + 1, true);
      out.push({ kind: 'string', value, start });
      i = end;
    } else if (next === 39 && (c === 66 || c === 98 || c === 88 || c === 120)) {
      const [value, end] = readString(text, i + 1, false);
      const hex = c === 88 || c === 120;
      if (!(hex ? /^[0-9a-fA-F]*$/ : /^[01]*$/).test(value)) {
        throw new SqlLexError(`"${value}" is not a valid ${hex ? 'hexadecimal' : 'binary'} digit string`, start, text, '22P02');
      }
      out.push({ kind: 'bitstring', value: (hex ? 'x' : 'b') + value, start });
      i = end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentChar(text.charCodeAt(j))) j++;
      const word = text.slice(i, j).toLowerCase();
      out.push({ kind: keywords.has(word) ? 'keyword' : 'ident', value: word, start });
      i = j;
    } else if (c === 34 /* " */) {
      const [value, end] = readQuotedIdent(text, i);
      out.push({ kind: 'ident', value, start, quoted: true });
      i = end;
    } else if (c === 39 /* ' */) {
      const [value, end] = readString(text, i, false);
      out.push({ kind: 'string', value, start });
      i = end;
    } else if (c === 36 /* $ */) {
      if (isDigit(next)) {
        let j = i + 1;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        if (j < n && isIdentChar(text.charCodeAt(j))) throw new SqlLexError(`trailing junk after parameter at or near "${text.slice(i, j + 1)}"`, i, text);
        out.push({ kind: 'param', value: text.slice(i + 1, j), start });
        i = j;
      } else {
        const [value, end] = readDollarString(text, i);
        out.push({ kind: 'string', value, start });
        i = end;
      }
    } else if (isDigit(c) || (c === 46 && isDigit(next))) {
      const [kind, value, end] = readNumber(text, i);
      out.push({ kind, value, start });
      i = end;
    } else if (c === 58 /* : */) {
      if (next === 58) {
        out.push({ kind: 'op', value: '::', start });
        i += 2;
      } else {
        out.push({ kind: 'punct', value: ':', start });
        i++;
      }
    } else if ('()[],;.'.includes(text[i]!)) {
      out.push({ kind: 'punct', value: text[i]!, start });
      i++;
    } else if (OP_CHARS.includes(text[i]!)) {
      const [value, end] = readOperator(text, i);
      out.push({ kind: 'op', value, start });
      i = end;
    } else {
      throw new SqlLexError(`syntax error at or near "${text[i]}"`, i, text);
    }
  }
}

function skipSpaceAndComments(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const start = i;
      let depth = 0;
      do {
        if (text.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (text.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else {
          i++;
        }
      } while (depth > 0 && i < n);
      if (depth > 0) throw new SqlLexError('unterminated /* comment at or near "/*"', start, text);
    } else {
      break;
    }
  }
  return i;
}

/** A '…' string starting at the quote at `q`; adjacent strings separated by a newline concatenate. */
function readString(text: string, q: number, escapes: boolean): [string, number] {
  let out = '';
  let i = q;
  for (;;) {
    i++;
    for (;;) {
      if (i >= text.length) throw new SqlLexError('unterminated quoted string at or near "' + text.slice(q - (escapes ? 1 : 0)) + '"', q, text);
      const ch = text[i]!;
      if (ch === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (escapes && ch === '\\') {
        const [s, end] = readEscape(text, i);
        out += s;
        i = end;
        continue;
      }
      out += ch;
      i++;
    }
    // SQL standard: 'a' <whitespace with a newline> 'b' is one string.
    let j = i;
    let newline = false;
    while (j < text.length && isSpace(text.charCodeAt(j))) {
      if (text[j] === '\n' || text[j] === '\r') newline = true;
      j++;
    }
    if (newline && text[j] === "'") {
      i = j;
      continue;
    }
    return [out, i];
  }
}

/** One backslash escape of an E'…' string at `i` (the backslash). */
function readEscape(text: string, i: number): [string, number] {
  const e = text[i + 1];
  if (e === undefined) throw new SqlLexError('unterminated quoted string', i, text);
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  if (e in simple) return [simple[e]!, i + 2];
  if (/[0-7]/.test(e)) {
    const m = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
    return [String.fromCharCode(parseInt(m, 8) & 0xff), i + 1 + m.length];
  }
  if (e === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2));
    if (m !== null) return [String.fromCharCode(parseInt(m[0], 16)), i + 2 + m[0].length];
  }
  if (e === 'u' || e === 'U') {
    const len = e === 'u' ? 4 : 8;
    const hex = text.slice(i + 2, i + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new SqlLexError('invalid Unicode escape', i, text, '22025');
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) throw new SqlLexError('invalid Unicode escape value', i, text, '22025');
    return [String.fromCodePoint(cp), i + 2 + len];
  }
  return [e, i + 2];
}

/** A "quoted identifier" starting at `q`; "" stands for ". */
function readQuotedIdent(text: string, q: number): [string, number] {
  let out = '';
  let i = q + 1;
  for (;;) {
    if (i >= text.length) throw new SqlLexError(`unterminated quoted identifier at or near "${text.slice(q)}"`, q, text);
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      if (out.length === 0) throw new SqlLexError('zero-length delimited identifier at or near """"', q, text);
      return [out, i + 1];
    }
    out += text[i];
    i++;
  }
}

/** $tag$ … $tag$ starting at `i` (the first $). */
function readDollarString(text: string, i: number): [string, number] {
  const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/.exec(text.slice(i));
  if (m === null) throw new SqlLexError(`syntax error at or near "$"`, i, text);
  const delim = m[0];
  const bodyStart = i + delim.length;
  const end = text.indexOf(delim, bodyStart);
  if (end < 0) throw new SqlLexError(`unterminated dollar-quoted string at or near "${text.slice(i)}"`, i, text);
  return [text.slice(bodyStart, end), end + delim.length];
}

/** A number at `i`: integer, or numeric with a point and/or exponent. */
function readNumber(text: string, i: number): ['integer' | 'numeric', string, number] {
  const m = /^(?:\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i))!;
  let end = i + m[0].length;
  // "1e" or "1e+" with no digits: PostgreSQL reports trailing junk.
  const after = text.charCodeAt(end);
  if (end < text.length && (isIdentStart(after) || isDigit(after))) {
    let j = end;
    while (j < text.length && isIdentChar(text.charCodeAt(j))) j++;
    throw new SqlLexError(`trailing junk after numeric literal at or near "${text.slice(i, j)}"`, i, text);
  }
  const numeric = m[1] !== undefined || m[2] !== undefined || text[i] === '.';
  if (text[end - 1] === '.' && text[end] === '.') end--; // "1..5" is 1 then ..
  return [numeric ? 'numeric' : 'integer', text.slice(i, end), end];
}

/** An operator at `i`, with PostgreSQL's rules on where a run of operator characters ends. */
function readOperator(text: string, i: number): [string, number] {
  let j = i;
  while (j < text.length && OP_CHARS.includes(text[j]!)) {
    // A comment start ends the operator.
    if ((text[j] === '-' && text[j + 1] === '-') || (text[j] === '/' && text[j + 1] === '*')) break;
    j++;
  }
  if (j === i) j = i + 1;
  let op = text.slice(i, j);
  // A trailing + or - is not part of the operator unless the operator holds one of ~!@#%^&|`?.
  if (op.length > 1 && !/[~!@#%^&|`?]/.test(op)) {
    while (op.length > 1 && (op.endsWith('+') || op.endsWith('-'))) op = op.slice(0, -1);
  }
  if (op === '!=') op = '<>';
  return [op, i + (op === '<>' && text.startsWith('!=', i) ? 2 : op.length)];
}

