/**
 * Sorted-set commands: ZADD and friends, ranges by rank, score and lex, removal by range, pops,
 * unions and intersections, ZSCAN.
 *
 * Records (see store.ts): member M of collection `id` is `'C' id 'm' M` → score (8-byte BE double);
 * its score index entry is `'C' id 's' sortable(score) M` → empty. The index orders entries by
 * score then member bytes, which is Redis's order. Scores are stored with -0 turned into 0 (as a
 * Redis listpack does), so 0 and -0 are one position in the index.
 *
 * Costs differ from Redis where Redis uses its skiplist's span counts: a position by rank (ZRANGE
 * by rank, ZRANK, ZREMRANGEBYRANK, LIMIT offsets) costs O(rank) here — a scan that skips entries,
 * from whichever end is nearer when the cardinality tells — and ZCOUNT / ZLEXCOUNT cost O(M) in
 * the elements counted instead of O(log N).
 */
import type { Client } from '../client.js';
import {
  checkKey,
  errNotFloat,
  errNotInt,
  errSyntax,
  errWrongType,
  fail,
  int,
  lookup,
  word,
  type Handler,
} from '../command.js';
import { formatDouble } from '../protocol.js';
import { matches, replyScan, scanOptions, scanPage } from '../scan.js';
import { collectionMeta, prefixEnd, RType, sortableDouble, subKey, subPrefix, type Meta } from '../store.js';

const EMPTY = Buffer.alloc(0);
const MEMBER = 0x6d; // 'm'
const INDEX = 0x73; // 's'

const errRangeFloat = 'ERR min or max is not a float';
const errRangeLex = 'ERR min or max not valid string range item';
const errNaN = 'ERR resulting score is not a number (NaN)';
const errPositive = 'ERR value is out of range, must be positive';

/** One element: member bytes and score. */
type Entry = [member: Buffer, score: number];

// ---------------------------------------------------------------------------------------------
// Score formatting and parsing, as Redis 7.0 does them.

/**
 * A score as a Redis 7.0 listpack holds it (d2string), which is what ZSCAN returns for a small
 * set: integral values up to 2^62 as integers, others as `%.17g`.
 */
function listpackScore(d: number): string {
  if (Number.isInteger(d) && Math.abs(d) <= 2 ** 62 && d !== 0) return BigInt(d).toString();
  return formatDouble(d);
}

function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function matchWordCI(b: Buffer, at: number, w: string): boolean {
  if (at + w.length > b.length) return false;
  for (let i = 0; i < w.length; i++) if ((b[at + i]! | 0x20) !== w.charCodeAt(i)) return false;
  return true;
}

/**
 * C's strtod from `at` (no whitespace skipping): the value, where the parse ended (`at` when
 * nothing was converted), and whether it was out of range (overflow, or underflow to zero).
 */
function strtod(b: Buffer, at: number): { value: number; end: number; range: boolean } {
  let i = at;
  let neg = false;
  if (b[i] === 0x2b || b[i] === 0x2d) {
    neg = b[i] === 0x2d;
    i++;
  }
  const sign = (v: number): number => (neg ? -v : v);
  if (matchWordCI(b, i, 'inf')) {
    const end = matchWordCI(b, i, 'infinity') ? i + 8 : i + 3;
    return { value: sign(Infinity), end, range: false };
  }
  if (matchWordCI(b, i, 'nan')) {
    let end = i + 3;
    if (b[end] === 0x28) {
      let j = end + 1;
      while (j < b.length && (isDigit(b[j]!) || ((b[j]! | 0x20) >= 0x61 && (b[j]! | 0x20) <= 0x7a) || b[j] === 0x5f)) j++;
      if (b[j] === 0x29) end = j + 1;
    }
    return { value: NaN, end, range: false };
  }
  if (b[i] === 0x30 && (b[i + 1] === 0x78 || b[i + 1] === 0x58)) {
    const h = hexFloat(b, i + 2);
    if (h !== null) return { value: sign(h.value), end: h.end, range: h.range };
    // "0x" without hex digits: only the "0" converts
    return { value: sign(0), end: i + 1, range: false };
  }
  const start = i;
  let nd = 0;
  let nonzero = false;
  while (i < b.length && isDigit(b[i]!)) {
    if (b[i] !== 0x30) nonzero = true;
    i++;
    nd++;
  }
  if (b[i] === 0x2e) {
    i++;
    while (i < b.length && isDigit(b[i]!)) {
      if (b[i] !== 0x30) nonzero = true;
      i++;
      nd++;
    }
  }
  if (nd === 0) return { value: 0, end: at, range: false };
  if (b[i] === 0x65 || b[i] === 0x45) {
    let j = i + 1;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    if (j < b.length && isDigit(b[j]!)) {
      while (j < b.length && isDigit(b[j]!)) j++;
      i = j;
    }
  }
  const v = Number(b.toString('latin1', start, i));
  const range = !Number.isFinite(v) || (v === 0 && nonzero);
  return { value: sign(v), end: i, range };
}

/** The hex digits (and optional binary exponent) of a hex float after "0x"; null when none. */
function hexFloat(b: Buffer, at: number): { value: number; end: number; range: boolean } | null {
  let i = at;
  let mant = 0n;
  let nd = 0;
  let fracDigits = 0;
  while (i < b.length && hexVal(b[i]!) >= 0) {
    mant = mant * 16n + BigInt(hexVal(b[i]!));
    i++;
    nd++;
  }
  if (b[i] === 0x2e) {
    let j = i + 1;
    let fd = 0;
    while (j < b.length && hexVal(b[j]!) >= 0) {
      mant = mant * 16n + BigInt(hexVal(b[j]!));
      j++;
      fd++;
    }
    if (nd + fd > 0) {
      i = j;
      nd += fd;
      fracDigits = fd;
    }
  }
  if (nd === 0) return null;
  let e2 = -4 * fracDigits;
  if (b[i] === 0x70 || b[i] === 0x50) {
    let j = i + 1;
    let eneg = false;
    if (b[j] === 0x2b || b[j] === 0x2d) {
      eneg = b[j] === 0x2d;
      j++;
    }
    if (j < b.length && isDigit(b[j]!)) {
      let pe = 0;
      while (j < b.length && isDigit(b[j]!)) {
        pe = Math.min(pe * 10 + (b[j]! - 0x30), 1e6);
        j++;
      }
      e2 += eneg ? -pe : pe;
      i = j;
    }
  }
  const value = mant === 0n ? 0 : Number(mant) * 2 ** e2;
  const range = !Number.isFinite(value) || (value === 0 && mant !== 0n);
  return { value: Number.isFinite(value) ? value : Infinity, end: i, range };
}

/**
 * A score argument (ZADD, ZINCRBY, WEIGHTS) as Redis's getDoubleFromObject takes it: all of the
 * string must be a strtod number, no leading space, no overflow, no NaN. Null when invalid.
 */
export function parseScore(b: Buffer): number | null {
  if (b.length === 0 || isCSpace(b[0]!)) return null;
  const r = strtod(b, 0);
  if (r.end !== b.length || r.end === 0 || Number.isNaN(r.value)) return null;
  if (r.range && (!Number.isFinite(r.value) || r.value === 0)) return null;
  return r.value;
}

/** A bound of a score range: value and exclusiveness, or null when invalid (zslParseRange). */
function parseScoreBound(b: Buffer): { v: number; ex: boolean } | null {
  let at = 0;
  const ex = b[0] === 0x28;
  if (ex) at = 1;
  let i = at;
  while (i < b.length && isCSpace(b[i]!)) i++;
  const r = strtod(b, i);
  const end = r.end === i ? at : r.end; // nothing converted: strtod points back at the start
  if (end < b.length && b[end] !== 0) return null;
  if (Number.isNaN(r.value)) return null;
  return { v: r.end === i ? 0 : r.value, ex };
}

interface ScoreRange {
  min: number;
  minex: boolean;
  max: number;
  maxex: boolean;
}

function parseScoreRange(minArg: Buffer, maxArg: Buffer): ScoreRange {
  const lo = parseScoreBound(minArg);
  const hi = parseScoreBound(maxArg);
  if (lo === null || hi === null) fail(errRangeFloat);
  return { min: lo.v, minex: lo.ex, max: hi.v, maxex: hi.ex };
}

/** A lex range bound: -1 is "-" (below everything), 1 is "+" (above everything), 0 a string. */
interface LexBound {
  inf: -1 | 0 | 1;
  v: Buffer;
  ex: boolean;
}

interface LexRange {
  min: LexBound;
  max: LexBound;
}

function parseLexBound(b: Buffer): LexBound | null {
  if (b.length === 0) return null;
  const c0 = b[0];
  if (c0 === 0x2b || c0 === 0x2d) {
    if (b.length > 1 && b[1] !== 0) return null;
    return { inf: c0 === 0x2b ? 1 : -1, v: EMPTY, ex: true };
  }
  if (c0 === 0x28) return { inf: 0, v: b.subarray(1), ex: true };
  if (c0 === 0x5b) return { inf: 0, v: b.subarray(1), ex: false };
  return null;
}

function parseLexRange(minArg: Buffer, maxArg: Buffer): LexRange {
  const min = parseLexBound(minArg);
  const max = parseLexBound(maxArg);
  if (min === null || max === null) fail(errRangeLex);
  return { min, max };
}

function cmpLexBounds(a: LexBound, b: LexBound): number {
  if (a.inf !== 0 && a.inf === b.inf) return 0;
  if (a.inf === -1 || b.inf === 1) return -1;
  if (a.inf === 1 || b.inf === -1) return 1;
  return Buffer.compare(a.v, b.v);
}

function lexEmpty(r: LexRange): boolean {
  const cmp = cmpLexBounds(r.min, r.max);
  return cmp > 0 || (cmp === 0 && (r.min.ex || r.max.ex));
}

function gteMin(m: Buffer, r: LexRange): boolean {
  if (r.min.inf !== 0) return r.min.inf === -1;
  const cmp = Buffer.compare(m, r.min.v);
  return r.min.ex ? cmp > 0 : cmp >= 0;
}

function lteMax(m: Buffer, r: LexRange): boolean {
  if (r.max.inf !== 0) return r.max.inf === 1;
  const cmp = Buffer.compare(m, r.max.v);
  return r.max.ex ? cmp < 0 : cmp <= 0;
}

// ---------------------------------------------------------------------------------------------
// Records.

function memberKey(id: number, member: Buffer): Buffer {
  const k = subPrefix(id, 1 + member.length);
  k[7] = MEMBER;
  member.copy(k, 8);
  return k;
}

/** 'C' id 's' sortable(score), followed by `member`. */
function indexKey(id: number, score: number, member: Buffer = EMPTY): Buffer {
  const k = subPrefix(id, 9 + member.length);
  k[7] = INDEX;
  sortableDouble(score, k, 8);
  member.copy(k, 16);
  return k;
}

function indexLow(id: number): Buffer {
  return subKey(id, Buffer.of(INDEX));
}

function indexHigh(id: number): Buffer {
  return subKey(id, Buffer.of(INDEX + 1));
}

const scratch = Buffer.allocUnsafe(8);

/** The score in an index key (the inverse of sortableDouble). */
function indexScore(k: Buffer): number {
  k.copy(scratch, 0, 8, 16);
  if ((scratch[0]! & 0x80) !== 0) scratch[0] = scratch[0]! ^ 0x80;
  else for (let i = 0; i < 8; i++) scratch[i] = scratch[i]! ^ 0xff;
  return scratch.readDoubleBE(0);
}

function encodeScore(score: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(score === 0 ? 0 : score, 0);
  return b;
}

/** Index entries in [low, high) as [member, score], ascending or descending. */
function* entries(c: Client, low: Buffer, high: Buffer, reverse = false): Generator<Entry> {
  if (Buffer.compare(low, high) >= 0) return;
  for (const [k] of c.store.scan(low, high, reverse)) yield [k.subarray(16), indexScore(k)];
}

function allEntries(c: Client, id: number, reverse = false): Generator<Entry> {
  return entries(c, indexLow(id), indexHigh(id), reverse);
}

function edge(c: Client, id: number, reverse: boolean): Entry | null {
  for (const e of allEntries(c, id, reverse)) return e;
  return null;
}

function scoreOf(c: Client, id: number, member: Buffer): number | undefined {
  const v = c.store.get(memberKey(id, member));
  return v === undefined ? undefined : v.readDoubleBE(0);
}

/** Set a member's score (`old`: its current score, undefined for a new member). */
function putMember(c: Client, id: number, member: Buffer, score: number, old: number | undefined): void {
  const s = score === 0 ? 0 : score;
  if (old !== undefined) c.store.del(indexKey(id, old, member));
  c.store.put(memberKey(id, member), encodeScore(s));
  c.store.put(indexKey(id, s, member), EMPTY);
}

function delMember(c: Client, id: number, member: Buffer, score: number): void {
  c.store.del(memberKey(id, member));
  c.store.del(indexKey(id, score, member));
}

/** Record a changed sorted set: new count, or the key deleted when it became empty. */
function saveMeta(c: Client, key: Buffer, m: Meta, count: number): void {
  if (count === 0) c.store.deleteKey(c.db, key, { ...m, count: 0 });
  else c.store.setMeta(c.db, key, { ...m, count }, m);
}

/** Replace whatever `key` holds with a new sorted set of `items` (or delete it when empty). */
function storeZset(c: Client, key: Buffer, items: readonly Entry[]): void {
  const old = c.store.meta(c.db, key, c.now);
  if (items.length === 0) {
    if (old !== null) c.store.deleteKey(c.db, key, old);
    return;
  }
  const id = c.store.newId();
  for (const [member, score] of items) putMember(c, id, member, score, undefined);
  if (old !== null && old.type !== RType.String) c.store.dropCollection(old);
  c.store.setMeta(c.db, key, { ...collectionMeta(RType.ZSet, id), count: items.length }, old);
}

// ---------------------------------------------------------------------------------------------
// Replies.

function replyScore(c: Client, d: number): void {
  const s = formatDouble(d);
  if (c.w.resp === 3) c.w.raw(Buffer.from(`,${s}\r\n`, 'latin1'));
  else c.w.bulk(s);
}

/** Members, or member/score pairs (RESP2: flat; RESP3: an array of [member, score] arrays). */
function replyEntries(c: Client, items: readonly Entry[], withScores: boolean, nested = true): void {
  if (!withScores) {
    c.w.array(items.length);
    for (const [m] of items) c.w.bulk(m);
    return;
  }
  if (c.w.resp === 3 && nested) {
    c.w.array(items.length);
    for (const [m, s] of items) {
      c.w.array(2);
      c.w.bulk(m);
      replyScore(c, s);
    }
    return;
  }
  c.w.array(items.length * 2);
  for (const [m, s] of items) {
    c.w.bulk(m);
    replyScore(c, s);
  }
}

function copyEntry(e: Entry): Entry {
  return [Buffer.from(e[0]), e[1]];
}

// ---------------------------------------------------------------------------------------------
// Range walks.

/**
 * Elements by rank: ranks start…end (0-based, already clipped to the set, start <= end) counted
 * from the lowest score, or from the highest with `rev`. O(distance from the nearer end).
 */
function byRank(c: Client, m: Meta, start: number, end: number, rev: boolean): Entry[] {
  const n = m.count;
  const fs = rev ? n - 1 - end : start;
  const fe = rev ? n - 1 - start : end;
  const want = fe - fs + 1;
  const out: Entry[] = [];
  const fromTop = n - 1 - fe < fs;
  let skip = fromTop ? n - 1 - fe : fs;
  for (const e of allEntries(c, m.id, fromTop)) {
    if (skip > 0) {
      skip--;
      continue;
    }
    out.push(copyEntry(e));
    if (out.length >= want) break;
  }
  // `out` is ascending when read forward; the reply order is descending with `rev`.
  if (fromTop !== rev) out.reverse();
  return out;
}

/** Clip Redis start/stop ranks to the set: null when the range is empty. */
function clipRanks(start: number, end: number, n: number): [number, number] | null {
  if (start < 0) start = n + start;
  if (end < 0) end = n + end;
  if (start < 0) start = 0;
  if (start > end || start >= n) return null;
  if (end >= n) end = n - 1;
  return [start, end];
}

function scoreBounds(id: number, r: ScoreRange): [Buffer, Buffer] {
  const lo = indexKey(id, r.min);
  const hi = indexKey(id, r.max);
  return [r.minex ? prefixEnd(lo) : lo, r.maxex ? hi : prefixEnd(hi)];
}

/** Elements with scores in the range, ascending (descending with `rev`). */
function byScore(c: Client, m: Meta, r: ScoreRange, rev: boolean): Generator<Entry> {
  const [lo, hi] = scoreBounds(m.id, r);
  return entries(c, lo, hi, rev);
}

/**
 * Where Redis starts a lex range walk, and every element after it in the walk's direction.
 * Redis assumes equal scores for lex ranges but still answers for mixed ones; this follows its
 * listpack walk exactly: empty unless the last element is >= min and the first <= max, then
 * start at the first element >= min (descending: the last <= max) and give nothing when that one
 * is past the other bound. The caller stops at the first element out of range.
 */
function* lexWalk(c: Client, m: Meta, r: LexRange, rev: boolean): Generator<Entry> {
  if (lexEmpty(r)) return;
  const first = edge(c, m.id, false);
  const last = edge(c, m.id, true);
  if (first === null || last === null) return;
  if (!gteMin(last[0], r) || !lteMax(first[0], r)) return;
  let lo = indexLow(m.id);
  let hi = indexHigh(m.id);
  if (first[1] === last[1]) {
    // One score: the index is in member order, so seek straight to the bound.
    const base = indexKey(m.id, first[1]);
    if (!rev && r.min.inf === 0) lo = Buffer.concat([base, r.min.v]);
    if (rev && r.max.inf === 0) hi = Buffer.concat([base, r.max.v, Buffer.of(0)]);
  }
  let started = false;
  for (const e of entries(c, lo, hi, rev)) {
    if (!started) {
      if (rev ? !lteMax(e[0], r) : !gteMin(e[0], r)) continue;
      if (rev ? !gteMin(e[0], r) : !lteMax(e[0], r)) return;
      started = true;
    }
    yield e;
  }
}

/** Apply LIMIT offset count to a walk; `inRange` ends it at the first element out of range. */
function limited(walk: Iterable<Entry>, offset: number, limit: number, inRange: (e: Entry) => boolean): Entry[] {
  const out: Entry[] = [];
  if (offset < 0 || limit === 0) return out; // a negative offset skips past the end in Redis
  for (const e of walk) {
    if (offset > 0) {
      offset--;
      continue;
    }
    if (!inRange(e)) break;
    out.push(copyEntry(e));
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ZADD, ZINCRBY.

/** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member …]; ZINCRBY is ZADD INCR. */
function zaddGeneric(c: Client, a: Buffer[], incrCommand: boolean): void {
  const key = a[1]!;
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCommand;
  let i = 2;
  for (; i < a.length; i++) {
    const w = word(a[i]!);
    if (w === 'NX') nx = true;
    else if (w === 'XX') xx = true;
    else if (w === 'CH') ch = true;
    else if (w === 'INCR') incr = true;
    else if (w === 'GT') gt = true;
    else if (w === 'LT') lt = true;
    else break;
  }
  const rest = a.length - i;
  if (rest === 0 || rest % 2 !== 0) fail(errSyntax);
  const n = rest / 2;
  if (nx && xx) fail('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) fail('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && n > 1) fail('ERR INCR option supports a single increment-element pair');
  const scores: number[] = [];
  for (let j = 0; j < n; j++) {
    const s = parseScore(a[i + 2 * j]!);
    if (s === null) fail(errNotFloat);
    scores.push(s);
  }
  checkKey(key);
  for (let j = 0; j < n; j++) checkKey(a[i + 2 * j + 1]!);
  const m = lookup(c, key, RType.ZSet);
  if (m === null && xx) {
    if (incr) c.w.nil();
    else c.w.int(0);
    return;
  }
  const id = m === null ? c.store.newId() : m.id;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let result = 0;
  for (let j = 0; j < n; j++) {
    const member = a[i + 2 * j + 1]!;
    let score = scores[j]!;
    const cur = m === null && j === 0 ? undefined : scoreOf(c, id, member);
    if (cur !== undefined) {
      if (nx) continue;
      if (incr) {
        score += cur;
        if (Number.isNaN(score)) fail(errNaN); // only with INCR, which has one pair: nothing written yet
      }
      if ((lt && score >= cur) || (gt && score <= cur)) continue;
      result = score;
      processed++;
      if (score !== cur) {
        putMember(c, id, member, score, cur);
        updated++;
      }
    } else {
      if (xx) continue;
      result = score;
      processed++;
      putMember(c, id, member, score, undefined);
      added++;
    }
  }
  if (m === null) c.store.setMeta(c.db, key, { ...collectionMeta(RType.ZSet, id), count: added }, null);
  else if (added + updated > 0) c.store.setMeta(c.db, key, { ...m, count: m.count + added }, m);
  if (incr) {
    if (processed > 0) replyScore(c, result);
    else c.w.nil();
  } else {
    c.w.int(ch ? added + updated : added);
  }
}

const zadd: Handler = (c, a) => zaddGeneric(c, a, false);
const zincrby: Handler = (c, a) => zaddGeneric(c, a, true);

// ---------------------------------------------------------------------------------------------
// Single-member reads and removal.

const zrem: Handler = (c, a) => {
  const key = a[1]!;
  const m = lookup(c, key, RType.ZSet);
  if (m === null) return c.w.int(0);
  let removed = 0;
  for (let i = 2; i < a.length; i++) {
    const member = a[i]!;
    const s = scoreOf(c, m.id, member);
    if (s === undefined) continue;
    delMember(c, m.id, member, s);
    removed++;
  }
  if (removed > 0) saveMeta(c, key, m, m.count - removed);
  c.w.int(removed);
};

const zscore: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.ZSet);
  const s = m === null ? undefined : scoreOf(c, m.id, a[2]!);
  if (s === undefined) c.w.nil();
  else replyScore(c, s);
};

const zmscore: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.ZSet);
  c.w.array(a.length - 2);
  for (let i = 2; i < a.length; i++) {
    const s = m === null ? undefined : scoreOf(c, m.id, a[i]!);
    if (s === undefined) c.w.nil();
    else replyScore(c, s);
  }
};

const zcard: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.ZSet);
  c.w.int(m === null ? 0 : m.count);
};

/** ZRANK / ZREVRANK: O(rank), counting index entries on the member's side. */
function rank(c: Client, a: Buffer[], rev: boolean): void {
  const m = lookup(c, a[1]!, RType.ZSet);
  const member = a[2]!;
  const s = m === null ? undefined : scoreOf(c, m.id, member);
  if (m === null || s === undefined) return c.w.nil();
  const at = indexKey(m.id, s, member);
  let n = 0;
  if (rev) for (const _ of entries(c, prefixEnd(at), indexHigh(m.id))) n++;
  else for (const _ of entries(c, indexLow(m.id), at)) n++;
  c.w.int(n);
}

const zrank: Handler = (c, a) => rank(c, a, false);
const zrevrank: Handler = (c, a) => rank(c, a, true);

const zcount: Handler = (c, a) => {
  const r = parseScoreRange(a[2]!, a[3]!);
  const m = lookup(c, a[1]!, RType.ZSet);
  let n = 0;
  if (m !== null) for (const _ of byScore(c, m, r, false)) n++;
  c.w.int(n);
};

const zlexcount: Handler = (c, a) => {
  const r = parseLexRange(a[2]!, a[3]!);
  const m = lookup(c, a[1]!, RType.ZSet);
  let n = 0;
  if (m !== null) {
    for (const e of lexWalk(c, m, r, false)) {
      if (!lteMax(e[0], r)) break;
      n++;
    }
  }
  c.w.int(n);
};

// ---------------------------------------------------------------------------------------------
// ZRANGE and its family.

type RangeKind = 'auto' | 'rank' | 'score' | 'lex';

/**
 * Redis's zrangeGenericCommand: `from` is the index of the source key (min and max follow it);
 * `dst` is ZRANGESTORE's destination.
 */
function zrangeGeneric(c: Client, a: Buffer[], from: number, dst: Buffer | null, kindIn: RangeKind, dirIn: 'auto' | 'fwd' | 'rev'): void {
  let kind = kindIn;
  let dir = dirIn;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = from + 3; j < a.length; j++) {
    const w = word(a[j]!);
    const left = a.length - j - 1;
    if (dst === null && w === 'WITHSCORES') withScores = true;
    else if (w === 'LIMIT' && left >= 2) {
      offset = int(a[j + 1]!);
      limit = int(a[j + 2]!);
      j += 2;
    } else if (dir === 'auto' && w === 'REV') dir = 'rev';
    else if (kind === 'auto' && w === 'BYLEX') kind = 'lex';
    else if (kind === 'auto' && w === 'BYSCORE') kind = 'score';
    else fail(errSyntax);
  }
  const rev = dir === 'rev';
  if (kind === 'auto') kind = 'rank';
  if (limit !== -1 && kind === 'rank') fail('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  if (withScores && kind === 'lex') fail('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  let minArg = a[from + 1]!;
  let maxArg = a[from + 2]!;
  if (rev && kind !== 'rank') [minArg, maxArg] = [maxArg, minArg];
  let start = 0;
  let end = 0;
  let sr: ScoreRange | null = null;
  let lr: LexRange | null = null;
  if (kind === 'rank') {
    start = int(minArg);
    end = int(maxArg);
  } else if (kind === 'score') {
    sr = parseScoreRange(minArg, maxArg);
  } else {
    lr = parseLexRange(minArg, maxArg);
  }
  if (dst !== null) checkKey(dst);
  const m = lookup(c, a[from]!, RType.ZSet);
  let items: Entry[] = [];
  if (m !== null) {
    if (kind === 'rank') {
      const r = clipRanks(start, end, m.count);
      if (r !== null) items = byRank(c, m, r[0], r[1], rev);
    } else if (sr !== null) {
      items = limited(byScore(c, m, sr, rev), offset, limit, () => true);
    } else if (lr !== null) {
      const range = lr;
      items = limited(lexWalk(c, m, range, rev), offset, limit, (e) => (rev ? gteMin(e[0], range) : lteMax(e[0], range)));
    }
  }
  if (dst !== null) {
    storeZset(c, dst, items);
    c.w.int(items.length);
    return;
  }
  replyEntries(c, items, withScores);
}

const zrange: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'auto', 'auto');
const zrevrange: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'rank', 'rev');
const zrangebyscore: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'score', 'fwd');
const zrevrangebyscore: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'score', 'rev');
const zrangebylex: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'lex', 'fwd');
const zrevrangebylex: Handler = (c, a) => zrangeGeneric(c, a, 1, null, 'lex', 'rev');
const zrangestore: Handler = (c, a) => zrangeGeneric(c, a, 2, a[1]!, 'auto', 'auto');

// ---------------------------------------------------------------------------------------------
// Removal by range.

function removeAll(c: Client, key: Buffer, m: Meta, victims: readonly Entry[]): void {
  for (const [member, score] of victims) delMember(c, m.id, member, score);
  if (victims.length > 0) saveMeta(c, key, m, m.count - victims.length);
}

const zremrangebyrank: Handler = (c, a) => {
  const start = int(a[2]!);
  const end = int(a[3]!);
  const m = lookup(c, a[1]!, RType.ZSet);
  if (m === null) return c.w.int(0);
  const r = clipRanks(start, end, m.count);
  const victims = r === null ? [] : byRank(c, m, r[0], r[1], false);
  removeAll(c, a[1]!, m, victims);
  c.w.int(victims.length);
};

const zremrangebyscore: Handler = (c, a) => {
  const r = parseScoreRange(a[2]!, a[3]!);
  const m = lookup(c, a[1]!, RType.ZSet);
  if (m === null) return c.w.int(0);
  const victims: Entry[] = [];
  for (const e of byScore(c, m, r, false)) victims.push(copyEntry(e));
  removeAll(c, a[1]!, m, victims);
  c.w.int(victims.length);
};

const zremrangebylex: Handler = (c, a) => {
  const r = parseLexRange(a[2]!, a[3]!);
  const m = lookup(c, a[1]!, RType.ZSet);
  if (m === null) return c.w.int(0);
  const victims = limited(lexWalk(c, m, r, false), 0, -1, (e) => lteMax(e[0], r));
  removeAll(c, a[1]!, m, victims);
  c.w.int(victims.length);
};

// ---------------------------------------------------------------------------------------------
// Pops.

function pop(c: Client, a: Buffer[], max: boolean): void {
  if (a.length > 3) fail(errSyntax);
  let count = 1;
  const hasCount = a.length === 3;
  if (hasCount) {
    count = int(a[2]!, errPositive);
    if (count < 0) fail(errPositive);
  }
  const key = a[1]!;
  const m = lookup(c, key, RType.ZSet);
  if (m === null || count === 0) return c.w.array(0);
  const items: Entry[] = [];
  for (const e of allEntries(c, m.id, max)) {
    items.push(copyEntry(e));
    if (items.length >= count) break;
  }
  removeAll(c, key, m, items);
  replyEntries(c, items, true, hasCount);
}

const zpopmin: Handler = (c, a) => pop(c, a, false);
const zpopmax: Handler = (c, a) => pop(c, a, true);

// ---------------------------------------------------------------------------------------------
// Unions, intersections, differences.

interface Source {
  /** Null for a missing key. */
  meta: Meta | null;
  weight: number;
  size: number;
}

/** The elements of a source: a sorted set (in score order) or a plain set (score 1). */
function* sourceEntries(c: Client, s: Source): Generator<Entry> {
  const m = s.meta;
  if (m === null) return;
  if (m.type === RType.ZSet) {
    yield* allEntries(c, m.id);
    return;
  }
  const p = subPrefix(m.id);
  for (const [k] of c.store.scan(p, prefixEnd(p))) yield [k.subarray(7), 1];
}

function sourceScore(c: Client, s: Source, member: Buffer): number | undefined {
  const m = s.meta;
  if (m === null) return undefined;
  if (m.type === RType.ZSet) return scoreOf(c, m.id, member);
  return c.store.get(subKey(m.id, member)) === undefined ? undefined : 1;
}

type Aggregate = 'sum' | 'min' | 'max';

function aggregate(target: number, v: number, how: Aggregate): number {
  if (how === 'sum') {
    const r = target + v;
    return Number.isNaN(r) ? 0 : r; // inf + -inf: Redis keeps 0
  }
  if (how === 'min') return v < target ? v : target;
  return v > target ? v : target;
}

function compareEntries(x: Entry, y: Entry): number {
  if (x[1] < y[1]) return -1;
  if (x[1] > y[1]) return 1;
  return Buffer.compare(x[0], y[0]);
}

/**
 * Redis's zunionInterDiffGenericCommand. `numkeysAt` is the index of numkeys; `dst` the
 * destination of the STORE forms (null: reply with the elements).
 */
function setOp(c: Client, a: Buffer[], numkeysAt: number, dst: Buffer | null, op: 'union' | 'inter' | 'diff', name: string): void {
  const nkeys = int(a[numkeysAt]!);
  if (nkeys < 1) fail(`ERR at least 1 input key is needed for '${name}' command`);
  if (nkeys > a.length - numkeysAt - 1) fail(errSyntax);
  const sources: Source[] = [];
  let j = numkeysAt + 1;
  for (let i = 0; i < nkeys; i++, j++) {
    const m = c.store.meta(c.db, a[j]!, c.now);
    if (m !== null && m.type !== RType.ZSet && m.type !== RType.Set) fail(errWrongType);
    sources.push({ meta: m, weight: 1, size: m === null ? 0 : m.count });
  }
  let how: Aggregate = 'sum';
  let withScores = false;
  while (j < a.length) {
    const remaining = a.length - j;
    const w = word(a[j]!);
    if (op !== 'diff' && remaining >= nkeys + 1 && w === 'WEIGHTS') {
      j++;
      for (let i = 0; i < nkeys; i++, j++) {
        const v = parseScore(a[j]!);
        if (v === null) fail('ERR weight value is not a float');
        sources[i]!.weight = v;
      }
    } else if (op !== 'diff' && remaining >= 2 && w === 'AGGREGATE') {
      const h = word(a[j + 1]!);
      if (h === 'SUM') how = 'sum';
      else if (h === 'MIN') how = 'min';
      else if (h === 'MAX') how = 'max';
      else fail(errSyntax);
      j += 2;
    } else if (dst === null && w === 'WITHSCORES') {
      withScores = true;
      j++;
    } else {
      fail(errSyntax);
    }
  }
  if (dst !== null) checkKey(dst);
  let items: Entry[];
  if (op === 'diff') {
    items = diff(c, sources);
  } else {
    // Redis walks the sources from the smallest (a stable order here), which fixes the order in
    // which scores are added up.
    const order = sources.map((s, i) => [s, i] as const).sort((x, y) => x[0].size - y[0].size || x[1] - y[1]).map((x) => x[0]);
    items = op === 'union' ? union(c, order, how) : inter(c, order, how);
  }
  items.sort(compareEntries);
  if (dst !== null) {
    storeZset(c, dst, items);
    c.w.int(items.length);
    return;
  }
  replyEntries(c, items, withScores);
}

function union(c: Client, sources: readonly Source[], how: Aggregate): Entry[] {
  const acc = new Map<string, Entry>();
  for (const s of sources) {
    const got: Entry[] = [];
    for (const e of sourceEntries(c, s)) got.push(copyEntry(e));
    for (const [member, score0] of got) {
      let score = s.weight * score0;
      if (Number.isNaN(score)) score = 0;
      const k = member.toString('latin1');
      const cur = acc.get(k);
      if (cur === undefined) acc.set(k, [member, score]);
      else cur[1] = aggregate(cur[1], score, how);
    }
  }
  return [...acc.values()];
}

function inter(c: Client, sources: readonly Source[], how: Aggregate): Entry[] {
  const first = sources[0]!;
  if (sources.some((s) => s.meta === null)) return [];
  const base: Entry[] = [];
  for (const e of sourceEntries(c, first)) base.push(copyEntry(e));
  const out: Entry[] = [];
  next: for (const [member, score0] of base) {
    let score = first.weight * score0;
    if (Number.isNaN(score)) score = 0;
    for (let i = 1; i < sources.length; i++) {
      const s = sources[i]!;
      const v = sourceScore(c, s, member);
      if (v === undefined) continue next;
      score = aggregate(score, v * s.weight, how);
    }
    out.push([member, score]);
  }
  return out;
}

function diff(c: Client, sources: readonly Source[]): Entry[] {
  const first = sources[0]!;
  const out: Entry[] = [];
  for (const e of sourceEntries(c, first)) out.push(copyEntry(e));
  return out.filter(([member]) => {
    for (let i = 1; i < sources.length; i++) if (sourceScore(c, sources[i]!, member) !== undefined) return false;
    return true;
  });
}

const zunionstore: Handler = (c, a) => setOp(c, a, 2, a[1]!, 'union', 'zunionstore');
const zinterstore: Handler = (c, a) => setOp(c, a, 2, a[1]!, 'inter', 'zinterstore');
const zdiffstore: Handler = (c, a) => setOp(c, a, 2, a[1]!, 'diff', 'zdiffstore');
const zunion: Handler = (c, a) => setOp(c, a, 1, null, 'union', 'zunion');
const zinter: Handler = (c, a) => setOp(c, a, 1, null, 'inter', 'zinter');
const zdiff: Handler = (c, a) => setOp(c, a, 1, null, 'diff', 'zdiff');

// ---------------------------------------------------------------------------------------------
// ZSCAN.

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A set Redis would keep as a listpack (at most
 * zset-max-listpack-entries members of at most zset-max-listpack-value bytes) comes back whole in
 * score order with cursor 0, as in Redis. A larger one is paged over the member records (member
 * order), so a member whose score changes during the iteration is still returned.
 */
const zscan: Handler = (c, a) => {
  c.server.cursors.resume(a[2]!); // validates the cursor first, as Redis does
  const m = lookup(c, a[1]!, RType.ZSet);
  if (m === null) {
    return replyScan(c, '0', []);
  }
  const o = scanOptions(a, 3, false);
  const out: Entry[] = [];
  const small = m.count <= c.server.config.int('zset-max-listpack-entries', 128);
  let whole = small;
  if (small) {
    const valueMax = c.server.config.int('zset-max-listpack-value', 64);
    for (const e of allEntries(c, m.id)) {
      if (e[0].length > valueMax) {
        whole = false;
        break;
      }
      if (matches(o, e[0])) out.push(copyEntry(e));
    }
  }
  let cursor = '0';
  if (!whole) {
    out.length = 0;
    const lo = subKey(m.id, Buffer.of(MEMBER));
    cursor = scanPage(c, a[2]!, lo, prefixEnd(lo), o.count, (k, v) => {
      const member = k.subarray(8);
      if (matches(o, member)) out.push([Buffer.from(member), v.readDoubleBE(0)]);
    });
  }
  c.w.array(2);
  c.w.bulk(cursor);
  c.w.array(out.length * 2);
  for (const [member, score] of out) {
    c.w.bulk(member);
    c.w.bulk(whole ? listpackScore(score) : formatDouble(score));
  }
};

export const zsetsCommands: Record<string, Handler> = {
  zadd,
  zincrby,
  zrem,
  zscore,
  zmscore,
  zcard,
  zcount,
  zlexcount,
  zrank,
  zrevrank,
  zrange,
  zrevrange,
  zrangebyscore,
  zrevrangebyscore,
  zrangebylex,
  zrevrangebylex,
  zrangestore,
  zremrangebyrank,
  zremrangebyscore,
  zremrangebylex,
  zpopmin,
  zpopmax,
  zunionstore,
  zinterstore,
  zdiffstore,
  zunion,
  zinter,
  zdiff,
  zscan,
};
