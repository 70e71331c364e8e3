/**
 * Set commands: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE,
 * SINTER/SUNION/SDIFF (and their STORE forms), SINTERCARD, SSCAN.
 *
 * A set is a collection (store.ts): member M is the sub-key `subKey(id, M)` with an empty value,
 * and the metadata's count is the cardinality. Members come back in byte order, except that a
 * small all-integer set (what Redis 7.0 keeps as an intset) comes back in numeric order, as Redis
 * gives it. This file also holds the random sampling that SPOP, SRANDMEMBER and HRANDFIELD share.
 */
import { redisExactSampleMax, redisKeyBytesMax, redisRepeatReplyBytesMax } from '../../../limits.js';
import { assert } from '../../../util/assert.js';
import type { Client } from '../client.js';
import { checkKey, errNotInt, errSyntax, errWrongType, fail, lookup, toBigInt, word, type Handler } from '../command.js';
import { matches, replyScan, scanOptions, scanPage } from '../scan.js';
import { collectionMeta, prefixEnd, RType, subKey, subPrefix, subPrefixEnd, type Meta } from '../store.js';

const EMPTY = Buffer.alloc(0);
const INT64_MAX = 9223372036854775807n;

// ---- elements of a collection (shared with hashes.ts) ----

/** The element part of a sub-key (the hash field, the set member). */
export function tailOf(subkey: Buffer): Buffer {
  return subkey.subarray(7);
}

/** The stored value of element `tail` of collection `id`, or undefined (a name too long to exist is absent). */
export function element(c: Client, id: number, tail: Buffer): Buffer | undefined {
  if (tail.length > redisKeyBytesMax) return undefined;
  return c.store.get(subKey(id, tail));
}

/** Every element of a collection as [sub-key, value], in byte order. */
export function allElements(c: Client, m: Meta): Array<[Buffer, Buffer]> {
  const out: Array<[Buffer, Buffer]> = [];
  for (const e of c.store.scan(subPrefix(m.id), subPrefixEnd(m.id))) out.push(e);
  return out;
}

/** Write a collection's new count, or delete the key when it has become empty (Redis keeps no empty collections). */
export function updateCount(c: Client, key: Buffer, m: Meta, count: number): void {
  if (count === m.count) return;
  if (count === 0) c.store.deleteKey(c.db, key, { ...m, count: 0 });
  else c.store.setMeta(c.db, key, { ...m, count }, m);
}

/** Tell WATCH that a key changed when its metadata did not (a hash value overwritten). */
export function touch(c: Client, key: Buffer, m: Meta): void {
  c.store.onTouch(c.db, key, m);
}

// ---- random elements (SPOP, SRANDMEMBER, HRANDFIELD) ----


function randInt(n: number): number {
  return Math.floor(Math.random() * n);
}

function first(c: Client, lo: Buffer, hi: Buffer, reverse = false): [Buffer, Buffer] | undefined {
  for (const e of c.store.scan(lo, hi, reverse)) return e;
  return undefined;
}

/** The element at position `index` in byte order. */
function elementAt(c: Client, m: Meta, index: number): [Buffer, Buffer] {
  let i = 0;
  let last: [Buffer, Buffer] | undefined;
  for (const e of c.store.scan(subPrefix(m.id), subPrefixEnd(m.id))) {
    last = e;
    if (i++ === index) return e;
  }
  assert(last !== undefined, `collection ${m.id} is empty but its count is ${m.count}`);
  return last;
}

/**
 * One random element of a large collection without reading it: descend the byte-ordered keys like
 * a trie. At each step take the range's first and last key and skip their common prefix; the
 * first key may end there (a key that is a prefix of the others: one choice), else choose the
 * next byte uniformly between the lowest and highest byte present and go down the branch at or
 * after it. Not exactly uniform (a branch weighs by the gap of absent bytes before it, not by its
 * size), but every element can come up and keys with a shared prefix or of varying lengths
 * ("user:7", "user:70", …) are spread over evenly.
 */
function descend(c: Client, id: number): [Buffer, Buffer] {
  let lo = subPrefix(id);
  let hi = subPrefixEnd(id);
  // Bounded: every step lengthens the prefix `lo` by at least one byte, up to the longest key.
  for (;;) {
    const a = first(c, lo, hi);
    const z = first(c, lo, hi, true);
    assert(a !== undefined && z !== undefined, `collection ${id} has no element in its range`);
    const ak = a[0];
    const zk = z[0];
    if (ak.equals(zk)) return a;
    let p = lo.length;
    while (p < ak.length && p < zk.length && ak[p] === zk[p]) p++;
    let low: number;
    const isNode = p === ak.length;
    if (isNode) {
      // `ak` is a prefix of every other key here: the byte after it comes from the next key.
      const second = first(c, Buffer.concat([ak, Buffer.of(0)]), hi);
      assert(second !== undefined, `collection ${id}: no key between two keys`);
      low = second[0][p]!;
    } else {
      low = ak[p]!;
    }
    const high = zk[p]!;
    const choices = high - low + 1 + (isNode ? 1 : 0);
    const r = randInt(choices);
    if (isNode && r === choices - 1) return a;
    const point = Buffer.allocUnsafe(p + 1);
    ak.copy(point, 0, 0, p);
    point[p] = low + r;
    const next = first(c, point, hi);
    assert(next !== undefined, `collection ${id}: no key at or after a point below its last key`);
    lo = Buffer.from(next[0].subarray(0, p + 1));
    hi = prefixEnd(lo);
  }
}

/** One random element of a non-empty collection. */
export function randomElement(c: Client, m: Meta): [Buffer, Buffer] {
  if (m.count <= redisExactSampleMax) return elementAt(c, m, randInt(m.count));
  return descend(c, m.id);
}

/** The element after `k` in the collection, wrapping to the first. */
function nextAfter(c: Client, id: number, k: Buffer): [Buffer, Buffer] | undefined {
  for (const e of c.store.scan(k, subPrefixEnd(id))) if (!e[0].equals(k)) return e;
  return first(c, subPrefix(id), subPrefixEnd(id));
}

/**
 * `count` random elements of a non-empty collection: distinct ones (count < size) in random
 * order, or with repetition. Reads the whole collection when it is small or the count is a large
 * part of it (Redis is O(N) there too); else picks one at a time.
 */
export function sampleElements(c: Client, m: Meta, count: number, distinct: boolean): Array<[Buffer, Buffer]> {
  const size = m.count;
  const out: Array<[Buffer, Buffer]> = [];
  if (size <= redisExactSampleMax || count * 4 >= size) {
    const all = allElements(c, m);
    if (distinct) {
      const n = Math.min(count, all.length);
      for (let i = 0; i < n; i++) {
        const j = i + randInt(all.length - i);
        const t = all[i]!;
        all[i] = all[j]!;
        all[j] = t;
      }
      return all.slice(0, n);
    }
    let bytes = 0;
    for (const [k, v] of all) bytes += k.length - 7 + v.length;
    const estimate = count * (bytes / all.length + 16);
    if (estimate > redisRepeatReplyBytesMax) {
      fail(`ERR the reply to a count of ${count} would exceed BasaltDB's limit of ${redisRepeatReplyBytesMax} bytes (redisRepeatReplyBytesMax)`);
    }
    for (let i = 0; i < count; i++) out.push(all[randInt(all.length)]!);
    return out;
  }
  if (!distinct) {
    // count < size / 4: the reply is smaller than the collection.
    for (let i = 0; i < count; i++) out.push(descend(c, m.id));
    return out;
  }
  // Distinct and few (count < size / 4): a repeat moves on to the next unchosen element, so each
  // pick ends within `count` steps.
  const chosen = new Set<string>();
  while (out.length < count) {
    let e: [Buffer, Buffer] | undefined = descend(c, m.id);
    while (e !== undefined && chosen.has(e[0].toString('latin1'))) e = nextAfter(c, m.id, e[0]);
    if (e === undefined) break;
    chosen.add(e[0].toString('latin1'));
    out.push(e);
  }
  return out;
}

/** A count argument of SRANDMEMBER and HRANDFIELD: a signed 64-bit integer in -LONG_MAX…LONG_MAX. */
export function randomCount(b: Buffer): bigint {
  const v = toBigInt(b);
  if (v === null) fail(errNotInt);
  if (v < -INT64_MAX || v > INT64_MAX) fail(`ERR value is out of range, value must between ${-INT64_MAX} and ${INT64_MAX}`);
  return v;
}

/** A non-negative count (SPOP, SINTERCARD LIMIT): Redis's getPositiveLong, with its error text. */
function positiveCount(b: Buffer, err: string): number {
  const v = toBigInt(b);
  if (v === null || v < 0n || v > INT64_MAX) fail(err);
  return Number(v);
}

// ---- replies ----

function isIntsetMember(b: Buffer): boolean {
  return b.length <= 20 && toBigInt(b) !== null;
}

/**
 * Members in the order Redis 7.0 would give them where that order is fixed: an all-integer set
 * of at most `set-max-intset-entries` is an intset, sorted numerically. Else byte order.
 */
function replyOrder(c: Client, members: Buffer[]): Buffer[] {
  if (members.length < 2 || members.length > c.server.config.int('set-max-intset-entries', 512)) return members;
  for (const mb of members) if (!isIntsetMember(mb)) return members;
  const keyed = members.map((mb) => [toBigInt(mb)!, mb] as const);
  keyed.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return keyed.map((x) => x[1]);
}

/** A set reply (RESP3 `~`, RESP2 an array). */
function replySet(c: Client, members: Buffer[]): void {
  const ordered = replyOrder(c, members);
  c.w.set(ordered.length);
  for (const mb of ordered) c.w.bulk(mb);
}

function replyArray(c: Client, members: Buffer[]): void {
  c.w.array(members.length);
  for (const mb of members) c.w.bulk(mb);
}

// ---- basic commands ----

/** SADD key member [member …] */
const sadd: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  for (let i = 2; i < a.length; i++) checkKey(a[i]!);
  const m = lookup(c, key, RType.Set);
  const meta = m ?? collectionMeta(RType.Set, c.store.newId());
  let added = 0;
  for (let i = 2; i < a.length; i++) {
    const sk = subKey(meta.id, a[i]!);
    if (c.store.get(sk) !== undefined) continue;
    c.store.put(sk, EMPTY);
    added++;
  }
  if (added > 0) c.store.setMeta(c.db, key, { ...meta, count: meta.count + added }, m);
  c.w.int(added);
};

/** SREM key member [member …] and HDEL key field [field …]: remove elements, reply how many were there. */
export function removeElements(c: Client, a: Buffer[], type: RType.Set | RType.Hash): void {
  const key = a[1]!;
  const m = lookup(c, key, type);
  if (m === null) return c.w.int(0);
  let removed = 0;
  for (let i = 2; i < a.length; i++) {
    if (element(c, m.id, a[i]!) === undefined) continue;
    c.store.del(subKey(m.id, a[i]!));
    removed++;
  }
  updateCount(c, key, m, m.count - removed);
  c.w.int(removed);
}

const srem: Handler = (c, a) => removeElements(c, a, RType.Set);

function members(c: Client, m: Meta): Buffer[] {
  const out: Buffer[] = [];
  for (const [k] of c.store.scan(subPrefix(m.id), subPrefixEnd(m.id))) out.push(tailOf(k));
  return out;
}

const smembers: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Set);
  replySet(c, m === null ? [] : members(c, m));
};

const sismember: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Set);
  c.w.int(m !== null && element(c, m.id, a[2]!) !== undefined ? 1 : 0);
};

const smismember: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Set);
  c.w.array(a.length - 2);
  for (let i = 2; i < a.length; i++) c.w.int(m !== null && element(c, m.id, a[i]!) !== undefined ? 1 : 0);
};

const scard: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Set);
  c.w.int(m === null ? 0 : m.count);
};

/** SPOP key [count] */
const spop: Handler = (c, a) => {
  if (a.length > 3) fail(errSyntax);
  const key = a[1]!;
  if (a.length === 2) {
    const m = lookup(c, key, RType.Set);
    if (m === null) return c.w.nil();
    const [k] = randomElement(c, m);
    c.store.del(k);
    updateCount(c, key, m, m.count - 1);
    return c.w.bulk(tailOf(k));
  }
  const count = positiveCount(a[2]!, 'ERR value is out of range, must be positive');
  const m = lookup(c, key, RType.Set);
  if (m === null || count === 0) return c.w.set(0);
  if (count >= m.count) {
    const all = members(c, m);
    c.store.deleteKey(c.db, key, m);
    return replySet(c, all);
  }
  const picked = sampleElements(c, m, count, true);
  for (const [k] of picked) c.store.del(k);
  updateCount(c, key, m, m.count - picked.length);
  c.w.set(picked.length);
  for (const [k] of picked) c.w.bulk(tailOf(k));
};

/** SRANDMEMBER key [count] */
const srandmember: Handler = (c, a) => {
  if (a.length > 3) fail(errSyntax);
  const key = a[1]!;
  if (a.length === 2) {
    const m = lookup(c, key, RType.Set);
    if (m === null) return c.w.nil();
    return c.w.bulk(tailOf(randomElement(c, m)[0]));
  }
  const l = Number(randomCount(a[2]!));
  const m = lookup(c, key, RType.Set);
  if (m === null || l === 0) return c.w.array(0);
  if (l > 0 && l >= m.count) {
    // Redis 7.0 answers this case with an array (not a set) in RESP3 too.
    return replyArray(c, replyOrder(c, members(c, m)));
  }
  const picked = sampleElements(c, m, Math.abs(l), l > 0);
  c.w.array(picked.length);
  for (const [k] of picked) c.w.bulk(tailOf(k));
};

/** SMOVE source destination member */
const smove: Handler = (c, a) => {
  const src = a[1]!;
  const dst = checkKey(a[2]!);
  const member = a[3]!;
  const sm = c.store.meta(c.db, src, c.now);
  const dm = c.store.meta(c.db, dst, c.now);
  if (sm === null) return c.w.int(0);
  if (sm.type !== RType.Set || (dm !== null && dm.type !== RType.Set)) fail(errWrongType);
  if (src.equals(dst)) return c.w.int(element(c, sm.id, member) !== undefined ? 1 : 0);
  if (element(c, sm.id, member) === undefined) return c.w.int(0);
  c.store.del(subKey(sm.id, member));
  updateCount(c, src, sm, sm.count - 1);
  const meta = dm ?? collectionMeta(RType.Set, c.store.newId());
  const sk = subKey(meta.id, member);
  if (c.store.get(sk) === undefined) {
    c.store.put(sk, EMPTY);
    c.store.setMeta(c.db, dst, { ...meta, count: meta.count + 1 }, dm);
  } else {
    touch(c, dst, meta); // Redis signals the destination even when the member was there
  }
  c.w.int(1);
};

// ---- algebra ----

/** The sets at `keys` (null for a missing key); WRONGTYPE for any other type, as Redis checks every key. */
function loadSets(c: Client, keys: Buffer[]): Array<Meta | null> {
  return keys.map((k) => lookup(c, k, RType.Set));
}

/** Members of the intersection, in the order of the smallest set; stops at `limit` (0: none). */
function intersect(c: Client, sets: Array<Meta | null>, limit = 0): Buffer[] {
  if (sets.some((s) => s === null)) return [];
  const ordered = (sets as Meta[]).slice().sort((x, y) => x.count - y.count);
  const [smallest, ...rest] = ordered;
  const out: Buffer[] = [];
  if (smallest === undefined) return out;
  const found: Buffer[] = [];
  for (const [k] of c.store.scan(subPrefix(smallest.id), subPrefixEnd(smallest.id))) found.push(tailOf(k));
  for (const mb of found) {
    if (rest.every((s) => s.id === smallest.id || c.store.get(subKey(s.id, mb)) !== undefined)) {
      out.push(mb);
      if (limit > 0 && out.length >= limit) break;
    }
  }
  return out;
}

function union(c: Client, sets: Array<Meta | null>): Buffer[] {
  const seen = new Map<string, Buffer>();
  for (const s of sets) {
    if (s === null) continue;
    for (const [k] of c.store.scan(subPrefix(s.id), subPrefixEnd(s.id))) {
      const t = tailOf(k);
      const name = t.toString('latin1');
      if (!seen.has(name)) seen.set(name, t);
    }
  }
  return [...seen.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((e) => e[1]);
}

function difference(c: Client, sets: Array<Meta | null>): Buffer[] {
  const [head, ...rest] = sets;
  if (head === null || head === undefined) return [];
  const others = rest.filter((s): s is Meta => s !== null);
  if (others.some((s) => s.id === head.id)) return [];
  const out: Buffer[] = [];
  for (const mb of members(c, head)) {
    if (others.every((s) => c.store.get(subKey(s.id, mb)) === undefined)) out.push(mb);
  }
  return out;
}

type SetOp = (c: Client, sets: Array<Meta | null>) => Buffer[];

function algebra(op: SetOp): Handler {
  return (c, a) => replySet(c, op(c, loadSets(c, a.slice(1))));
}

/** SINTERSTORE/SUNIONSTORE/SDIFFSTORE destination key [key …]: the destination is replaced whatever it held. */
function algebraStore(op: SetOp): Handler {
  return (c, a) => {
    const dst = checkKey(a[1]!);
    const result = op(c, loadSets(c, a.slice(2)));
    const old = c.store.meta(c.db, dst, c.now);
    if (old !== null) c.store.deleteKey(c.db, dst, old);
    if (result.length > 0) {
      const id = c.store.newId();
      for (const mb of result) c.store.put(subKey(id, mb), EMPTY);
      c.store.setMeta(c.db, dst, { ...collectionMeta(RType.Set, id), count: result.length }, null);
    }
    c.w.int(result.length);
  };
}

/** SINTERCARD numkeys key [key …] [LIMIT limit] */
const sintercard: Handler = (c, a) => {
  const nk = toBigInt(a[1]!);
  if (nk === null || nk < 1n) fail('ERR numkeys should be greater than 0');
  if (nk > BigInt(a.length - 2)) fail("ERR Number of keys can't be greater than number of args");
  const numkeys = Number(nk);
  let limit = 0;
  for (let i = 2 + numkeys; i < a.length; i++) {
    if (word(a[i]!) === 'LIMIT' && i + 1 < a.length) {
      limit = positiveCount(a[++i]!, "ERR LIMIT can't be negative");
    } else fail(errSyntax);
  }
  const sets = loadSets(c, a.slice(2, 2 + numkeys));
  c.w.int(intersect(c, sets, limit).length);
};

/** SSCAN key cursor [MATCH pattern] [COUNT count] */
const sscan: Handler = (c, a) => {
  c.server.cursors.resume(a[2]!); // Redis checks the cursor before the key
  const m = lookup(c, a[1]!, RType.Set);
  if (m === null) return replyScan(c, '0', []);
  const o = scanOptions(a, 3, false);
  const out: Buffer[] = [];
  let cursor = '0';
  // Redis 7.0 keeps a small all-integer set as an intset and returns all of it in one call.
  let whole: Buffer[] | null = null;
  if (m.count <= c.server.config.int('set-max-intset-entries', 512)) {
    whole = members(c, m);
    if (!whole.every(isIntsetMember)) whole = null;
  }
  if (whole !== null) {
    for (const mb of replyOrder(c, whole)) if (matches(o, mb)) out.push(mb);
  } else {
    cursor = scanPage(c, a[2]!, subPrefix(m.id), subPrefixEnd(m.id), o.count, (k) => {
      const mb = tailOf(k);
      if (matches(o, mb)) out.push(mb);
    });
  }
  replyScan(c, cursor, out);
};

export const setsCommands: Record<string, Handler> = {
  sadd,
  srem,
  smembers,
  sismember,
  smismember,
  scard,
  spop,
  srandmember,
  smove,
  sinter: algebra(intersect),
  sunion: algebra(union),
  sdiff: algebra(difference),
  sinterstore: algebraStore(intersect),
  sunionstore: algebraStore(union),
  sdiffstore: algebraStore(difference),
  sintercard,
  sscan,
};
