/**
 * PostgreSQL regular expressions (ARE flavour, as `~`, regexp_match, regexp_replace … use them)
 * translated to JavaScript RegExp, and the functions built on them.
 *
 * Translation (PostgreSQL → JavaScript, compiled with the `u` flag so that `.` is one character):
 * | PostgreSQL            | JavaScript                    |
 * |-----------------------|-------------------------------|
 * | `.` (matches newline) | `.` with the `s` flag         |
 * | `[[:alpha:]]` …       | `[\p{L}]` … (inside brackets) |
 * | `[]a]`, `[^]a]`       | `[\]a]`, `[^\]a]`             |
 * | `\w` `\m` `\M` `\y` `\Y` | Unicode word class and lookaround boundaries |
 * | `\A` `\Z`             | `^` `$` (never multi-line)    |
 * | `\e`                  | `\x1b`                        |
 * | `\<punct>`            | the literal character         |
 * | `(?i)…` / `***:` prefix | flags / ARE director        |
 * Known gaps: PostgreSQL picks the longest alternative (`a|ab` on 'ab' matches 'ab'), JavaScript the
 * first; collating elements `[[.x.]]` and equivalence classes `[[=x=]]` are taken literally.
 * Flags (regexp_replace & co.): g global, i/c case (in)sensitive, n/m newline-sensitive, s/p/w partial
 * newline modes, x expanded syntax, q literal pattern; others raise 22023 `invalid regular expression option: "z"`.
 */
import { SqlError } from '../errors.js';

export interface RegexFlags {
  readonly global: boolean;
  readonly icase: boolean;
  /** newline-sensitive: `.` and bracket negations exclude \n, ^ and $ match at line breaks. */
  readonly newline: boolean;
  readonly expanded: boolean;
  readonly quote: boolean;
}

const noFlags: RegexFlags = { global: false, icase: false, newline: false, expanded: false, quote: false };

/** Parse a flags string as regexp_replace() & co. take it. `allowGlobal` false: 'g' is an error (regexp_match). */
export function parseRegexFlags(s: string | null, fnName: string, allowGlobal = true): RegexFlags {
  if (s === null || s === '') return noFlags;
  let global = false;
  let icase = false;
  let newline = false;
  let expanded = false;
  let quote = false;
  for (const ch of s) {
    switch (ch) {
      case 'g':
        if (!allowGlobal) {
          throw new SqlError('22023', `${fnName}() does not support the "global" option`, {
            hint: 'Use the regexp_matches function instead.',
          });
        }
        global = true;
        break;
      case 'i':
        icase = true;
        break;
      case 'c':
        icase = false;
        break;
      case 'n':
      case 'm':
        newline = true;
        break;
      case 's':
        newline = false;
        break;
      case 'p':
      case 'w':
        newline = true;
        break;
      case 'x':
        expanded = true;
        break;
      case 't':
        expanded = false;
        break;
      case 'q':
        quote = true;
        break;
      case 'b':
      case 'e':
        break;
      default:
        throw new SqlError('22023', `invalid regular expression option: "${ch}"`);
    }
  }
  return { global, icase, newline, expanded, quote };
}

const posixClasses: Readonly<Record<string, string>> = {
  alpha: '\\p{L}',
  digit: '0-9',
  alnum: '\\p{L}\\p{Nd}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e\\u00a0-\\u{10ffff}',
  graph: '\\x21-\\x7e\\u00a1-\\u{10ffff}',
  ascii: '\\x00-\\x7f',
};

/** PostgreSQL's word characters ([[:alnum:]_]) in a UTF-8 locale: letters and digits of every script. */
const wordClass = '\\p{L}\\p{Nd}_';

const jsSyntax = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/', '-']);

function badRegex(msg: string): SqlError {
  return new SqlError('2201B', `invalid regular expression: ${msg}`);
}

/** A literal character as JavaScript regex source (inside or outside brackets). */
function literal(ch: string): string {
  return jsSyntax.has(ch) ? '\\' + ch : ch;
}

/** Translate a bracket expression starting at p (just after '['); returns [source, next index]. */
function translateBracket(src: string, p: number, newline: boolean): [string, number] {
  let out = '[';
  let i = p;
  if (src[i] === '^') {
    out += '^';
    if (newline) out += '\\n';
    i++;
  }
  if (src[i] === ']') {
    out += '\\]';
    i++;
  }
  for (;;) {
    const ch = src[i];
    if (ch === undefined) throw badRegex('brackets [] not balanced');
    if (ch === ']') return [out + ']', i + 1];
    if (ch === '[' && (src[i + 1] === ':' || src[i + 1] === '.' || src[i + 1] === '=')) {
      const kind = src[i + 1]!;
      const end = src.indexOf(kind + ']', i + 2);
      if (end < 0) throw badRegex('brackets [] not balanced');
      const name = src.slice(i + 2, end);
      if (kind === ':') {
        const cls = posixClasses[name];
        if (cls === undefined) throw badRegex('invalid character class');
        out += cls;
      } else {
        for (const c of name) out += literal(c);
      }
      i = end + 2;
      continue;
    }
    if (ch === '\\') {
      const [s, n] = translateEscape(src, i + 1, true);
      out += s;
      i = n;
      continue;
    }
    if (ch === '[') {
      out += '\\[';
      i++;
      continue;
    }
    // A '-' range stays a range; a '-' first or last is literal.
    if (ch === '-' && (out.endsWith('[') || out.endsWith('[^') || src[i + 1] === ']')) {
      out += '\\-';
      i++;
      continue;
    }
    const cp = src.codePointAt(i)!;
    const c = String.fromCodePoint(cp);
    out += ch === '-' ? '-' : literal(c);
    i += c.length;
  }
}

/** Translate an escape whose character is at p (just after '\\'). */
function translateEscape(src: string, p: number, inBracket: boolean): [string, number] {
  const ch = src[p];
  if (ch === undefined) throw badRegex('invalid escape \\ sequence');
  switch (ch) {
    case 'w':
      return [inBracket ? wordClass : '[' + wordClass + ']', p + 1];
    case 'W':
      return [inBracket ? '\\W' : '[^' + wordClass + ']', p + 1];
    case 'd':
    case 'D':
    case 's':
    case 'S':
    case 'n':
    case 't':
    case 'r':
    case 'f':
    case 'v':
      return ['\\' + ch, p + 1];
    case 'a':
      return ['\\x07', p + 1];
    case 'b':
      return [inBracket ? '\\x08' : '\\x08', p + 1];
    case 'e':
      return ['\\x1b', p + 1];
    case '0':
      return ['\\0', p + 1];
    case 'x': {
      let j = p + 1;
      while (j < src.length && /[0-9A-Fa-f]/.test(src[j]!)) j++;
      if (j === p + 1) throw badRegex('invalid escape \\ sequence');
      return ['\\u{' + src.slice(p + 1, j) + '}', j];
    }
    case 'u':
    case 'U': {
      const n = ch === 'u' ? 4 : 8;
      const hex = src.slice(p + 1, p + 1 + n);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== n) throw badRegex('invalid escape \\ sequence');
      return ['\\u{' + hex + '}', p + 1 + n];
    }
    case 'c': {
      const c = src[p + 1];
      if (c === undefined) throw badRegex('invalid escape \\ sequence');
      return ['\\x' + (c.charCodeAt(0) & 31).toString(16).padStart(2, '0'), p + 2];
    }
  }
  if (!inBracket) {
    switch (ch) {
      case 'm':
        return [`(?<![${wordClass}])(?=[${wordClass}])`, p + 1];
      case 'M':
        return [`(?<=[${wordClass}])(?![${wordClass}])`, p + 1];
      case 'y':
        return [`(?:(?<![${wordClass}])(?=[${wordClass}])|(?<=[${wordClass}])(?![${wordClass}]))`, p + 1];
      case 'Y':
        return [`(?:(?<=[${wordClass}])(?=[${wordClass}])|(?<![${wordClass}])(?![${wordClass}]))`, p + 1];
      case 'A':
        return ['(?<![\\s\\S])', p + 1];
      case 'Z':
        return ['(?![\\s\\S])', p + 1];
    }
    if (ch >= '1' && ch <= '9') {
      let j = p + 1;
      while (j < src.length && src[j]! >= '0' && src[j]! <= '9') j++;
      return ['\\' + src.slice(p, j), j];
    }
  }
  if (/[A-Za-z0-9]/.test(ch)) throw badRegex('invalid escape \\ sequence');
  const c = String.fromCodePoint(src.codePointAt(p)!);
  return [literal(c), p + c.length];
}

/** Remove whitespace and #-comments outside brackets (the 'x' flag). */
function stripExpanded(src: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      out += ch + src[i + 1]!;
      i++;
      continue;
    }
    if (inBracket) {
      if (ch === ']') inBracket = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inBracket = true;
      out += ch;
      if (src[i + 1] === '^') out += src[++i]!;
      if (src[i + 1] === ']') out += src[++i]!;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    out += ch;
  }
  return out;
}

/** PostgreSQL ARE source → JavaScript RegExp source plus flags. */
export function translateRegex(pattern: string, flags: RegexFlags): { source: string; flags: string } {
  let icase = flags.icase;
  let newline = flags.newline;
  let src = pattern;
  let quote = flags.quote;
  if (src.startsWith('***:')) src = src.slice(4);
  else if (src.startsWith('***=')) {
    src = src.slice(4);
    quote = true;
  }
  let expanded = flags.expanded;
  const embedded = /^\(\?([a-z]+)\)/.exec(src);
  if (embedded !== null && !quote) {
    for (const c of embedded[1]!) {
      if (c === 'i') icase = true;
      else if (c === 'c') icase = false;
      else if (c === 'n' || c === 'm' || c === 'p' || c === 'w') newline = true;
      else if (c === 's') newline = false;
      else if (c === 'x') expanded = true;
      else if (c === 'q') quote = true;
      else if (c !== 'b' && c !== 'e' && c !== 't') throw badRegex('invalid embedded option');
    }
    src = src.slice(embedded[0].length);
  }
  let jsFlags = 'u' + (icase ? 'i' : '') + (newline ? 'm' : 's');
  if (quote) {
    let out = '';
    for (const c of src) out += literal(c);
    return { source: out, flags: jsFlags };
  }
  if (expanded) src = stripExpanded(src);
  let out = '';
  let depth = 0;
  for (let i = 0; i < src.length; ) {
    const ch = src[i]!;
    switch (ch) {
      case '\\': {
        const [s, n] = translateEscape(src, i + 1, false);
        if ('mMyYAZ'.includes(src[i + 1] ?? '') && '*+?{'.includes(src[n] ?? '.')) throw badRegex('quantifier operand invalid');
        out += s;
        i = n;
        continue;
      }
      case '[': {
        const [s, n] = translateBracket(src, i + 1, newline);
        out += s;
        i = n;
        continue;
      }
      case '(':
        depth++;
        if (src[i + 1] === '?') {
          const kind = src[i + 2];
          if (kind === ':' || kind === '=' || kind === '!') {
            out += '(?' + kind;
            i += 3;
            continue;
          }
          if (kind === '<' && (src[i + 3] === '=' || src[i + 3] === '!')) {
            out += '(?<' + src[i + 3]!;
            i += 4;
            continue;
          }
          throw badRegex('quantifier operand invalid');
        }
        out += '(';
        i++;
        continue;
      case ')':
        if (depth === 0) throw badRegex('parentheses () not balanced');
        depth--;
        out += ')';
        i++;
        continue;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
        if (m === null) {
          out += '\\{';
          i++;
          continue;
        }
        if (m[3] !== undefined && m[3] !== '' && Number(m[3]) < Number(m[1])) throw badRegex('invalid repetition count(s)');
        if (Number(m[1]) > 255 || (m[3] !== undefined && m[3] !== '' && Number(m[3]) > 255)) throw badRegex('invalid repetition count(s)');
        out += m[0];
        i += m[0].length;
        continue;
      }
      case '}':
        out += '\\}';
        i++;
        continue;
      case ']':
        out += '\\]';
        i++;
        continue;
      case '/':
        out += '\\/';
        i++;
        continue;
      case '-':
        out += '-';
        i++;
        continue;
      default: {
        const c = String.fromCodePoint(src.codePointAt(i)!);
        out += c;
        i += c.length;
      }
    }
  }
  if (depth !== 0) throw badRegex('parentheses () not balanced');
  if (newline) jsFlags = jsFlags.replace('m', 'm');
  return { source: out, flags: jsFlags };
}

const cache = new Map<string, RegExp>();
const cacheMax = 64;

/** A compiled RegExp for a PostgreSQL pattern (cached; the same object for the same pattern and flags).
 *  `global` adds JavaScript's g flag (for matchAll / iterative exec; callers reset lastIndex). */
export function compileRegex(pattern: string, flags: RegexFlags, global = false, indices = false): RegExp {
  const key = `${flags.icase ? 'i' : ''}${flags.newline ? 'n' : ''}${flags.expanded ? 'x' : ''}${flags.quote ? 'q' : ''}${global ? 'g' : ''}${indices ? 'd' : ''}/${pattern}`;
  let re = cache.get(key);
  if (re !== undefined) return re;
  const { source, flags: f } = translateRegex(pattern, flags);
  // In newline-sensitive mode `.` must not match \n: JavaScript's `.` without s already excludes it.
  try {
    re = new RegExp(source, f + (global ? 'g' : '') + (indices ? 'd' : ''));
  } catch (e) {
    throw badRegex(e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e));
  }
  if (cache.size >= cacheMax) {
    const first = cache.keys().next();
    if (first.done !== true) cache.delete(first.value);
  }
  cache.set(key, re);
  return re;
}

/** `s ~ pattern` (`~*` with icase). */
export function regexTest(s: string, pattern: string, icase: boolean): boolean {
  const re = compileRegex(pattern, icase ? icaseFlags : noFlags);
  return re.test(s);
}

const icaseFlags: RegexFlags = { ...noFlags, icase: true };

/** The captured groups of one match as text[] elements (the whole match when the pattern has no groups). */
function matchToArray(m: RegExpExecArray): (string | null)[] {
  if (m.length === 1) return [m[0]];
  const out: (string | null)[] = [];
  for (let i = 1; i < m.length; i++) out.push(m[i] ?? null);
  return out;
}

/** regexp_match(s, pattern[, flags]): the first match's groups, or null. */
export function regexpMatch(s: string, pattern: string, flagStr: string | null): (string | null)[] | null {
  const flags = parseRegexFlags(flagStr, 'regexp_match', false);
  const re = compileRegex(pattern, flags);
  const m = re.exec(s);
  return m === null ? null : matchToArray(m);
}

/** regexp_matches(s, pattern[, flags]): every match (with 'g') or the first one. */
export function* regexpMatches(s: string, pattern: string, flagStr: string | null): Generator<(string | null)[]> {
  const flags = parseRegexFlags(flagStr, 'regexp_matches');
  if (!flags.global) {
    const m = compileRegex(pattern, flags).exec(s);
    if (m !== null) yield matchToArray(m);
    return;
  }
  const re = compileRegex(pattern, flags, true);
  re.lastIndex = 0;
  for (let n = 0; n <= s.length + 1; n++) {
    const m = re.exec(s);
    if (m === null) return;
    if (m[0] === '') re.lastIndex = advance(s, re.lastIndex);
    yield matchToArray(m);
  }
}

function advance(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? i + 2 : i + 1;
}

/** Expand a regexp_replace replacement: \1..\9 groups, \& the whole match, \\ a backslash. */
function expandReplacement(repl: string, m: RegExpExecArray): string {
  if (repl.indexOf('\\') < 0) return repl;
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i]!;
    if (ch !== '\\' || i + 1 >= repl.length) {
      out += ch;
      continue;
    }
    const nx = repl[i + 1]!;
    if (nx >= '1' && nx <= '9') {
      out += m[Number(nx)] ?? '';
      i++;
    } else if (nx === '&') {
      out += m[0];
      i++;
    } else if (nx === '\\') {
      out += '\\';
      i++;
    } else {
      out += '\\';
    }
  }
  return out;
}

/** regexp_replace(s, pattern, replacement[, flags]) (PostgreSQL 15's text-flags form; start/N forms too). */
export function regexpReplace(s: string, pattern: string, repl: string, flagStr: string | null, start = 1, nth = -1): string {
  const flags = parseRegexFlags(flagStr, 'regexp_replace');
  if (start <= 0) throw new SqlError('22023', `invalid value for parameter "start": ${start}`);
  if (nth < -1) throw new SqlError('22023', `invalid value for parameter "n": ${nth}`);
  const re = compileRegex(pattern, flags, true);
  // nth -1: not given (the 'g' flag decides); 0: every match; k: the k-th match only.
  const all = nth === 0 || (nth === -1 && flags.global);
  const target = nth <= 0 ? 1 : nth;
  re.lastIndex = codeUnitIndex(s, start - 1);
  let out = '';
  let last = 0;
  let count = 0;
  for (let guard = 0; guard <= s.length + 1; guard++) {
    const m = re.exec(s);
    if (m === null) break;
    count++;
    if (all || count === target) {
      out += s.slice(last, m.index) + expandReplacement(repl, m);
      last = m.index + m[0].length;
      if (!all) break;
    }
    if (m[0] === '') re.lastIndex = advance(s, re.lastIndex);
  }
  return out + s.slice(last);
}

/** The code-unit index of the n-th code point (0-based), or s.length. */
export function codeUnitIndex(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i = advance(s, i);
  return i;
}

/** regexp_split_to_array / regexp_split_to_table. */
export function regexpSplit(s: string, pattern: string, flagStr: string | null, fnName: string): string[] {
  const flags = parseRegexFlags(flagStr, fnName, false);
  const re = compileRegex(pattern, flags, true);
  const out: string[] = [];
  let last = 0;
  let pos = 0;
  // Zero-length matches at the start, at the end, or right after the previous match do not split.
  for (let guard = 0; guard <= s.length + 1 && pos <= s.length; guard++) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    if (m[0] === '') {
      if (m.index >= s.length) break;
      if (m.index === 0 || m.index === last) {
        pos = advance(s, m.index);
        continue;
      }
      out.push(s.slice(last, m.index));
      last = m.index;
      pos = advance(s, m.index);
      continue;
    }
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
    pos = last;
  }
  out.push(s.slice(last));
  return out;
}

/** substring(s from pattern) / substring(s, pattern): the first group's text if the pattern has groups, else the match. */
export function regexSubstring(s: string, pattern: string): string | null {
  const re = compileRegex(pattern, noFlags);
  const m = re.exec(s);
  if (m === null) return null;
  return m.length > 1 ? (m[1] ?? null) : m[0];
}

function checkStart(start: number): void {
  if (start <= 0) throw new SqlError('22023', `invalid value for parameter "start": ${start}`);
}

/** The n-th match (1-based) at or after character `start` (1-based), or null. */
function nthMatch(s: string, re: RegExp, start: number, n: number): RegExpExecArray | null {
  re.lastIndex = codeUnitIndex(s, start - 1);
  let count = 0;
  for (let guard = 0; guard <= s.length + 1; guard++) {
    if (re.lastIndex > s.length) return null;
    const m = re.exec(s);
    if (m === null) return null;
    if (++count === n) return m;
    if (m[0] === '') re.lastIndex = advance(s, re.lastIndex);
  }
  return null;
}

/** 1-based character position of code-unit index i. */
function charPos(s: string, i: number): number {
  let n = 0;
  for (let k = 0; k < i; k = advance(s, k)) n++;
  return n + 1;
}

/** regexp_count(s, pattern[, start[, flags]]). */
export function regexpCount(s: string, pattern: string, start: number, flagStr: string | null): number {
  checkStart(start);
  const re = compileRegex(pattern, parseRegexFlags(flagStr, 'regexp_count', false), true);
  re.lastIndex = codeUnitIndex(s, start - 1);
  let count = 0;
  for (let guard = 0; guard <= s.length + 1; guard++) {
    if (re.lastIndex > s.length) break;
    const m = re.exec(s);
    if (m === null) break;
    count++;
    if (m[0] === '') re.lastIndex = advance(s, re.lastIndex);
  }
  return count;
}

/** regexp_like(s, pattern[, flags]). */
export function regexpLike(s: string, pattern: string, flagStr: string | null): boolean {
  return compileRegex(pattern, parseRegexFlags(flagStr, 'regexp_like', false)).test(s);
}

/** regexp_substr(s, pattern[, start[, n[, flags[, subexpr]]]]). */
export function regexpSubstr(s: string, pattern: string, start: number, n: number, flagStr: string | null, sub: number): string | null {
  checkStart(start);
  if (n <= 0) throw new SqlError('22023', `invalid value for parameter "n": ${n}`);
  if (sub < 0) throw new SqlError('22023', `invalid value for parameter "subexpr": ${sub}`);
  const m = nthMatch(s, compileRegex(pattern, parseRegexFlags(flagStr, 'regexp_substr', false), true), start, n);
  if (m === null) return null;
  return sub === 0 ? m[0] : (m[sub] ?? null);
}

/** regexp_instr(s, pattern[, start[, n[, endoption[, flags[, subexpr]]]]]). */
export function regexpInstr(s: string, pattern: string, start: number, n: number, endOption: number, flagStr: string | null, sub: number): number {
  checkStart(start);
  if (n <= 0) throw new SqlError('22023', `invalid value for parameter "n": ${n}`);
  if (endOption !== 0 && endOption !== 1) throw new SqlError('22023', `invalid value for parameter "endoption": ${endOption}`);
  if (sub < 0) throw new SqlError('22023', `invalid value for parameter "subexpr": ${sub}`);
  const m = nthMatch(s, compileRegex(pattern, parseRegexFlags(flagStr, 'regexp_instr', false), true, true), start, n);
  if (m === null) return 0;
  const span = sub === 0 ? [m.index, m.index + m[0].length] : m.indices?.[sub];
  if (span === undefined) return 0;
  return charPos(s, endOption === 0 ? span[0]! : span[1]!);
}
