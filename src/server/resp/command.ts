/**
 * What command handlers share: the handler type, Redis's error replies, argument parsing, and
 * typed key lookups.
 */
import { redisKeyBytesMax } from '../../limits.js';
import type { Client } from './client.js';
import { RType, type Meta } from './store.js';

/**
 * A command handler. It runs synchronously, reads through `c.store`, writes its reply to `c.w`,
 * and throws RedisError for an error reply (before it has written anything).
 */
export type Handler = (c: Client, argv: Buffer[]) => void;

/** An error reply; the message starts with Redis's error code (ERR, WRONGTYPE, …). */
export class RedisError extends Error {}

export const errWrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const errSyntax = 'ERR syntax error';
export const errNotInt = 'ERR value is not an integer or out of range';
export const errNotFloat = 'ERR value is not a valid float';
export const errOverflow = 'ERR increment or decrement would overflow';
export const errNoSuchKey = 'ERR no such key';

export function fail(text: string): never {
  throw new RedisError(text);
}

export function argCountError(name: string): RedisError {
  return new RedisError(`ERR wrong number of arguments for '${name}' command`);
}

/** An option word, upper-cased (for comparing with 'EX', 'NX', …). */
export function word(b: Buffer): string {
  return b.length > 32 ? '' : b.toString('latin1').toUpperCase();
}

/** A key, hash field or member: refused past the engine's key limit with a clear error. */
export function checkKey(b: Buffer): Buffer {
  if (b.length > redisKeyBytesMax) {
    fail(`ERR key, field or member of ${b.length} bytes exceeds BasaltDB's limit of ${redisKeyBytesMax} bytes (redisKeyBytesMax)`);
  }
  return b;
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Whether b is a canonical decimal integer as Redis's string2ll accepts (no '+', no leading zeros). */
function isIntText(b: Uint8Array): boolean {
  const n = b.length;
  if (n === 0 || n > 20) return false;
  let i = 0;
  if (b[0] === 0x2d) {
    if (n === 1) return false;
    i = 1;
  }
  if (b[i] === 0x30) return n === 1;
  for (; i < n; i++) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A signed 64-bit integer as a bigint, or null. */
export function toBigInt(b: Uint8Array): bigint | null {
  if (!isIntText(b)) return null;
  const v = BigInt(Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1'));
  return v > INT64_MAX || v < INT64_MIN ? null : v;
}

/**
 * A signed 64-bit integer argument as a number (exact up to 2^53, which covers every count,
 * index and time a command takes). Throws Redis's "not an integer" error.
 */
export function int(b: Buffer, err = errNotInt): number {
  if (b.length <= 15) {
    if (!isIntText(b)) fail(err);
    return Number(b.toString('latin1'));
  }
  const v = toBigInt(b);
  if (v === null) fail(err);
  return Number(v);
}

/** Whether a stored string value is an integer, as a bigint (null: not an integer). */
export function storedInt(v: Buffer): bigint | null {
  return toBigInt(v);
}

const floatRe = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const infRe = /^[+-]?inf(?:inity)?$/i;

/** A float as Redis's strtold accepts it ("inf" included, "nan" refused), or null. */
export function toFloat(b: Uint8Array): number | null {
  if (b.length === 0 || b.length > 400) return null;
  const s = Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
  if (floatRe.test(s)) return Number(s);
  if (infRe.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  return null;
}

export function float(b: Buffer, err = errNotFloat): number {
  const v = toFloat(b);
  if (v === null) fail(err);
  return v;
}

/** The live metadata of `key`, or null; WRONGTYPE when it holds another type. */
export function lookup(c: Client, key: Buffer, type: RType): Meta | null {
  const m = c.store.meta(c.db, key, c.now);
  if (m === null) c.server.stats.keyspaceMisses++;
  else c.server.stats.keyspaceHits++;
  if (m !== null && m.type !== type) fail(errWrongType);
  return m;
}

/** Redis's glob matching (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET): * ? [abc] [^a-z] \x. */
export function globMatch(pattern: Uint8Array, text: Uint8Array, nocase = false): boolean {
  return matchFrom(pattern, 0, text, 0, nocase, 0);
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchFrom(p: Uint8Array, pi: number, s: Uint8Array, si: number, nocase: boolean, depth: number): boolean {
  if (depth > 1000) return false;
  while (pi < p.length) {
    const pc = p[pi]!;
    if (pc === 0x2a /* * */) {
      while (pi + 1 < p.length && p[pi + 1] === 0x2a) pi++;
      if (pi + 1 === p.length) return true;
      for (let k = si; k <= s.length; k++) if (matchFrom(p, pi + 1, s, k, nocase, depth + 1)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (pc === 0x3f /* ? */) {
      si++;
      pi++;
      continue;
    }
    if (pc === 0x5b /* [ */) {
      pi++;
      const not = p[pi] === 0x5e;
      if (not) pi++;
      let match = false;
      const ch = nocase ? lower(s[si]!) : s[si]!;
      while (pi < p.length && p[pi] !== 0x5d) {
        if (p[pi] === 0x5c && pi + 1 < p.length) {
          pi++;
          if ((nocase ? lower(p[pi]!) : p[pi]!) === ch) match = true;
        } else if (pi + 2 < p.length && p[pi + 1] === 0x2d && p[pi + 2] !== 0x5d) {
          let a = nocase ? lower(p[pi]!) : p[pi]!;
          let b = nocase ? lower(p[pi + 2]!) : p[pi + 2]!;
          if (a > b) [a, b] = [b, a];
          if (ch >= a && ch <= b) match = true;
          pi += 2;
        } else if ((nocase ? lower(p[pi]!) : p[pi]!) === ch) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      pi++; // past ']' (or the end of an unterminated class)
      si++;
      continue;
    }
    let want = pc;
    if (pc === 0x5c && pi + 1 < p.length) want = p[++pi]!;
    if ((nocase ? lower(want) : want) !== (nocase ? lower(s[si]!) : s[si]!)) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
