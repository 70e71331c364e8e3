/**
 * Character-level helpers for PostgreSQL text semantics on JavaScript strings. PostgreSQL counts
 * characters (code points); JavaScript indexes UTF-16 code units. Strings without surrogates (the
 * common case) take the code-unit fast path.
 */
import { SqlError } from '../errors.js';

export function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Number of characters (code points). */
export function charLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (const _c of s) n++;
  return n;
}

/** The characters of s from 0-based character index `from` (inclusive) to `to` (exclusive), clamped. */
export function charSlice(s: string, from: number, to: number): string {
  if (!hasSurrogates(s)) return s.slice(Math.max(0, from), Math.max(0, to));
  const cps = Array.from(s);
  return cps.slice(Math.max(0, from), Math.max(0, to)).join('');
}

/** Characters of s as an array (code points). */
export function chars(s: string): string[] {
  return hasSurrogates(s) ? Array.from(s) : s.split('');
}

/** 1-based character position of `sub` in `s`, 0 if absent. */
export function charPosition(s: string, sub: string): number {
  const i = s.indexOf(sub);
  if (i < 0) return 0;
  if (!hasSurrogates(s)) return i + 1;
  return charLength(s.slice(0, i)) + 1;
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** bpchar semantics: trailing spaces do not count. */
export function trimTrailingSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Strings longer than this raise 54000, as PostgreSQL's 1 GB field limit does. */
export const textBytesMax = 1073741823;

export function checkLength(n: number): void {
  if (n > textBytesMax) throw new SqlError('54000', 'requested length too large');
}
