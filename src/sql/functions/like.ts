/**
 * LIKE / ILIKE and SIMILAR TO matchers.
 *
 * LIKE compiles the pattern into segments split at `%`; each segment is a run of literal text and
 * `_` (one character, i.e. one code point). The first segment is anchored at the start, the last
 * at the end, and the middle ones are found leftmost-first, which is optimal for `%`-separated
 * segments: matching costs O(text × pattern) at worst, never exponential backtracking.
 *
 * SIMILAR TO is translated to a PostgreSQL regular expression (as PostgreSQL's similar_escape()
 * does) and compiled by regex.ts.
 */
import { SqlError } from '../errors.js';
import { compileRegex } from './regex.js';

/** One `%`-free piece of a LIKE pattern: literal runs, -1 standing for `_`, -2 for a trailing escape character. */
type Piece = string | -1 | -2;

function invalidEscape(): SqlError {
  return new SqlError('22019', 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
}

function parseLike(pattern: string, esc: string | null): Piece[][] {
  const segments: Piece[][] = [];
  let seg: Piece[] = [];
  let lit = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (esc !== null && ch === esc) {
      if (i + 1 >= pattern.length) {
        // PostgreSQL only complains when matching reaches it with text left over.
        if (lit !== '') seg.push(lit);
        lit = '';
        seg.push(-2);
        continue;
      }
      lit += pattern[++i]!;
      continue;
    }
    if (ch === '%') {
      if (lit !== '') seg.push(lit);
      lit = '';
      segments.push(seg);
      seg = [];
      continue;
    }
    if (ch === '_') {
      if (lit !== '') seg.push(lit);
      lit = '';
      seg.push(-1);
      continue;
    }
    lit += ch;
  }
  if (lit !== '') seg.push(lit);
  segments.push(seg);
  return segments;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Match a segment at code-unit position i of s; returns the end position or -1. */
function matchAt(s: string, i: number, seg: readonly Piece[]): number {
  let p = i;
  for (let k = 0; k < seg.length; k++) {
    const piece = seg[k]!;
    if (piece === -2) {
      if (p < s.length) throw new SqlError('22025', 'LIKE pattern must not end with escape character');
      return -1;
    }
    if (piece === -1) {
      if (p >= s.length) return -1;
      p += isHigh(s.charCodeAt(p)) && p + 1 < s.length ? 2 : 1;
    } else {
      if (!s.startsWith(piece, p)) return -1;
      p += piece.length;
    }
  }
  return p;
}

/** Number of code points a segment consumes, if it has no `_`-free surprises (literal code points + `_`). */
function segmentCodePoints(seg: readonly Piece[]): number {
  let n = 0;
  for (const piece of seg) {
    if (piece === -1) n++;
    else if (piece !== -2) for (const _c of piece) n++;
  }
  return n;
}

function segmentIsLiteral(seg: readonly Piece[]): seg is readonly string[] {
  for (const piece of seg) if (typeof piece !== 'string') return false;
  return true;
}

function matchSegments(s: string, segs: readonly (readonly Piece[])[], lastCp: number): boolean {
  const first = segs[0]!;
  let pos = matchAt(s, 0, first);
  if (pos < 0) return false;
  const n = segs.length;
  if (n === 1) return pos === s.length;
  for (let k = 1; k < n - 1; k++) {
    const seg = segs[k]!;
    if (seg.length === 0) continue;
    let found = -1;
    if (segmentIsLiteral(seg) && seg.length === 1) {
      const at = s.indexOf(seg[0]!, pos);
      if (at >= 0) found = at + seg[0]!.length;
    } else if (typeof seg[0] === 'string') {
      // Candidates start where the leading literal occurs.
      const lead = seg[0];
      for (let i = s.indexOf(lead, pos); i >= 0; i = s.indexOf(lead, i + 1)) {
        const e = matchAt(s, i, seg);
        if (e >= 0) {
          found = e;
          break;
        }
      }
    } else {
      for (let i = pos; i <= s.length; i += isHigh(s.charCodeAt(i)) && i + 1 < s.length ? 2 : 1) {
        const e = matchAt(s, i, seg);
        if (e >= 0) {
          found = e;
          break;
        }
      }
    }
    if (found < 0) return false;
    pos = found;
  }
  // The last segment ends at the end of s: it starts lastCp code points before the end.
  let start = s.length;
  for (let c = 0; c < lastCp; c++) {
    if (start <= pos) return false;
    start -= start >= 2 && isHigh(s.charCodeAt(start - 2)) && !isHigh(s.charCodeAt(start - 1)) ? 2 : 1;
  }
  if (start < pos) return false;
  return matchAt(s, start, segs[n - 1]!) === s.length;
}

/** A compiled LIKE/ILIKE matcher (escape default backslash; '' escape = none). */
export function likeMatcher(pattern: string, escape: string | null, caseInsensitive: boolean): (s: string) => boolean {
  let esc: string | null = '\\';
  if (escape !== null) {
    if (escape.length > 1 && [...escape].length > 1) throw invalidEscape();
    esc = escape === '' ? null : escape;
  }
  const pat = caseInsensitive ? pattern.toLowerCase() : pattern;
  const segs = parseLike(pat, caseInsensitive && esc !== null ? esc.toLowerCase() : esc);
  const fold = caseInsensitive;
  // Fast paths: no wildcard, prefix%, %suffix, %infix%.
  if (segs.length === 1 && segmentIsLiteral(segs[0]!)) {
    const lit = (segs[0] as readonly string[]).join('');
    return fold ? (s) => s.toLowerCase() === lit : (s) => s === lit;
  }
  if (segs.length === 2 && segmentIsLiteral(segs[0]!) && segs[1]!.length === 0) {
    const lit = (segs[0] as readonly string[]).join('');
    return fold ? (s) => s.toLowerCase().startsWith(lit) : (s) => s.startsWith(lit);
  }
  if (segs.length === 2 && segs[0]!.length === 0 && segmentIsLiteral(segs[1]!)) {
    const lit = (segs[1] as readonly string[]).join('');
    return fold ? (s) => s.toLowerCase().endsWith(lit) : (s) => s.endsWith(lit);
  }
  if (segs.length === 3 && segs[0]!.length === 0 && segs[2]!.length === 0 && segmentIsLiteral(segs[1]!)) {
    const lit = (segs[1] as readonly string[]).join('');
    return fold ? (s) => s.toLowerCase().includes(lit) : (s) => s.includes(lit);
  }
  const lastCp = segmentCodePoints(segs[segs.length - 1]!);
  return fold ? (s) => matchSegments(s.toLowerCase(), segs, lastCp) : (s) => matchSegments(s, segs, lastCp);
}

/** SIMILAR TO pattern → PostgreSQL regular expression (anchored), as similar_escape() builds it. */
export function similarToRegex(pattern: string, escape: string | null): string {
  let esc: string | null = '\\';
  if (escape !== null) {
    if ([...escape].length > 1) throw invalidEscape();
    esc = escape === '' ? null : escape;
  }
  let out = '';
  let inBracket = false;
  let bracketLen = 0;
  let quotes = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (esc !== null && ch === esc) {
      const nx = pattern[i + 1];
      if (nx === undefined) {
        // A trailing escape is taken literally by PostgreSQL's translation (the match then fails).
        out += '\\' + ch;
        continue;
      }
      i++;
      if (nx === '"') {
        if (quotes === 0) out += '){1,1}?(';
        else if (quotes === 1) out += '){1,1}(?:';
        else throw new SqlError('2201B', 'SQL regular expression may not contain more than two escape-double-quote separators');
        quotes++;
      } else {
        out += '\\' + nx;
      }
      continue;
    }
    if (inBracket) {
      // ']' right after '[' or '[^' is a literal member, anything else closes the bracket.
      if (ch === ']' && bracketLen > 0) inBracket = false;
      if (!(ch === '^' && bracketLen === 0 && pattern[i - 1] === '[')) bracketLen++;
      out += ch === '\\' ? '\\\\' : ch;
      continue;
    }
    switch (ch) {
      case '[':
        inBracket = true;
        bracketLen = 0;
        out += ch;
        break;
      case '%':
        out += '.*';
        break;
      case '_':
        out += '.';
        break;
      case '(':
        out += '(?:';
        break;
      case '\\':
      case '.':
      case '^':
      case '$':
        out += '\\' + ch;
        break;
      default:
        out += ch;
    }
  }
  if (quotes === 1) throw new SqlError('2201B', 'SQL regular expression may not contain more than two escape-double-quote separators');
  return quotes === 2 ? '^(?:' + out + ')$' : '^(?:' + out + ')$';
}

/** SIMILAR TO pattern → matcher. */
export function similarMatcher(pattern: string, escape: string | null): (s: string) => boolean {
  const re = compileRegex(similarToRegex(pattern, escape), { global: false, icase: false, newline: false, expanded: false, quote: false });
  return (s) => re.test(s);
}

/** substring(s similar pattern escape e): the part between the two escape-double-quotes, or the whole match. */
export function similarSubstring(s: string, pattern: string, escape: string | null): string | null {
  const src = similarToRegex(pattern, escape);
  const re = compileRegex(src, { global: false, icase: false, newline: false, expanded: false, quote: false });
  const m = re.exec(s);
  if (m === null) return null;
  return m.length > 1 ? (m[1] ?? null) : m[0];
}
