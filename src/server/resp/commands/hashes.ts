/**
 * Hash commands: HSET, HSETNX, HGET, HMGET, HMSET, HDEL, HEXISTS, HLEN, HKEYS, HVALS, HGETALL,
 * HINCRBY, HINCRBYFLOAT, HSTRLEN, HSCAN, HRANDFIELD.
 *
 * A hash is a collection (store.ts): field F is the sub-key `subKey(id, F)` holding the value, and
 * the metadata's count is the number of fields. Fields come back in byte order (Redis: insertion
 * order for a small hash, hash-table order for a big one; clients must not rely on either).
 */
import type { Client } from '../client.js';
import { argCountError, checkKey, errNotFloat, errNotInt, errSyntax, fail, float, lookup, toBigInt, toFloat, word, type Handler } from '../command.js';
import { matches, replyScan, scanOptions, scanPage } from '../scan.js';
import { collectionMeta, RType, subKey, subPrefix, subPrefixEnd, type Meta } from '../store.js';
import { incrByFloat, longDoubleFinite } from '../long-double.js';
import { allElements, element, randomCount, removeElements, randomElement, sampleElements, tailOf, touch, updateCount } from './sets.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/**
 * Set fields from pairs argv[from…]; returns how many were new. Creates the hash if needed and
 * writes its count (or tells WATCH, when only values changed).
 */
function setFields(c: Client, key: Buffer, m: Meta | null, a: Buffer[], from: number): number {
  const meta = m ?? collectionMeta(RType.Hash, c.store.newId());
  let added = 0;
  for (let i = from; i < a.length; i += 2) {
    const sk = subKey(meta.id, a[i]!);
    if (c.store.get(sk) === undefined) added++;
    c.store.put(sk, a[i + 1]!);
  }
  if (added > 0) c.store.setMeta(c.db, key, { ...meta, count: meta.count + added }, m);
  else if (m !== null) touch(c, key, m);
  return added;
}

function hsetGeneric(c: Client, a: Buffer[], name: string): number {
  if (a.length % 2 === 1) throw argCountError(name);
  const key = checkKey(a[1]!);
  for (let i = 2; i < a.length; i += 2) checkKey(a[i]!);
  return setFields(c, key, lookup(c, key, RType.Hash), a, 2);
}

/** HSET key field value [field value …] */
const hset: Handler = (c, a) => {
  c.w.int(hsetGeneric(c, a, 'hset'));
};

/** HMSET key field value [field value …] (deprecated form of HSET, replies OK) */
const hmset: Handler = (c, a) => {
  hsetGeneric(c, a, 'hmset');
  c.w.ok();
};

/** HSETNX key field value */
const hsetnx: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  checkKey(a[2]!);
  const m = lookup(c, key, RType.Hash);
  if (m !== null && element(c, m.id, a[2]!) !== undefined) return c.w.int(0);
  setFields(c, key, m, a, 2);
  c.w.int(1);
};

const hget: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Hash);
  const v = m === null ? undefined : element(c, m.id, a[2]!);
  if (v === undefined) c.w.nil();
  else c.w.bulk(v);
};

const hmget: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Hash);
  c.w.array(a.length - 2);
  for (let i = 2; i < a.length; i++) {
    const v = m === null ? undefined : element(c, m.id, a[i]!);
    if (v === undefined) c.w.nil();
    else c.w.bulk(v);
  }
};

/** HDEL key field [field …] */
const hdel: Handler = (c, a) => removeElements(c, a, RType.Hash);

const hexists: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Hash);
  c.w.int(m !== null && element(c, m.id, a[2]!) !== undefined ? 1 : 0);
};

const hlen: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Hash);
  c.w.int(m === null ? 0 : m.count);
};

const hstrlen: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.Hash);
  const v = m === null ? undefined : element(c, m.id, a[2]!);
  c.w.int(v === undefined ? 0 : v.length);
};

/** HKEYS, HVALS, HGETALL: every field, value, or both (a map). */
function hgetallGeneric(c: Client, a: Buffer[], keys: boolean, values: boolean): void {
  const m = lookup(c, a[1]!, RType.Hash);
  const all = m === null ? [] : allElements(c, m);
  if (keys && values) c.w.map(all.length);
  else c.w.array(all.length);
  for (const [k, v] of all) {
    if (keys) c.w.bulk(tailOf(k));
    if (values) c.w.bulk(v);
  }
}

/** HINCRBY key field increment */
const hincrby: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const field = checkKey(a[2]!);
  const by = toBigInt(a[3]!);
  if (by === null) fail(errNotInt);
  const m = lookup(c, key, RType.Hash);
  const old = m === null ? undefined : element(c, m.id, field);
  let cur = 0n;
  if (old !== undefined) {
    const v = toBigInt(old);
    if (v === null) fail('ERR hash value is not an integer');
    cur = v;
  }
  const next = cur + by;
  if (next > INT64_MAX || next < INT64_MIN) fail('ERR increment or decrement would overflow');
  setFields(c, key, m, [field, Buffer.from(next.toString())], 0);
  c.w.int(next);
};

/** HINCRBYFLOAT key field increment (formatted like INCRBYFLOAT) */
const hincrbyfloat: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const field = checkKey(a[2]!);
  const finite = longDoubleFinite(a[3]!.toString('latin1'));
  if (finite === null) fail(errNotFloat);
  if (!finite) fail('ERR value is NaN or Infinity');
  const m = lookup(c, key, RType.Hash);
  const old = m === null ? undefined : element(c, m.id, field);
  const sum = incrByFloat(old === undefined ? null : old.toString('latin1'), a[3]!.toString('latin1'));
  if (sum === 'bad-current') fail('ERR hash value is not a float');
  if (sum === 'bad-increment') fail(errNotFloat);
  if (sum === 'not-finite') fail('ERR increment would produce NaN or Infinity');
  const text = Buffer.from(sum);
  setFields(c, key, m, [field, text], 0);
  c.w.bulk(text);
};

/** HSCAN key cursor [MATCH pattern] [COUNT count] */
const hscan: Handler = (c, a) => {
  c.server.cursors.resume(a[2]!); // Redis checks the cursor before the key
  const m = lookup(c, a[1]!, RType.Hash);
  if (m === null) return replyScan(c, '0', []);
  const o = scanOptions(a, 3, false);
  const out: Buffer[] = [];
  let cursor = '0';
  // Redis 7.0 keeps a small hash as a listpack and returns all of it in one call, whatever COUNT says.
  let whole: Array<[Buffer, Buffer]> | null = null;
  if (m.count <= c.server.config.int('hash-max-listpack-entries', 128)) {
    const maxValue = c.server.config.int('hash-max-listpack-value', 64);
    whole = allElements(c, m);
    if (whole.some(([k, v]) => k.length - 7 > maxValue || v.length > maxValue)) whole = null;
  }
  const emit = (k: Buffer, v: Buffer): void => {
    const f = tailOf(k);
    if (!matches(o, f)) return;
    out.push(f, v);
  };
  if (whole !== null) for (const [k, v] of whole) emit(k, v);
  else cursor = scanPage(c, a[2]!, subPrefix(m.id), subPrefixEnd(m.id), o.count, emit);
  replyScan(c, cursor, out);
};

/** HRANDFIELD key [count [WITHVALUES]] */
const hrandfield: Handler = (c, a) => {
  const key = a[1]!;
  if (a.length === 2) {
    const m = lookup(c, key, RType.Hash);
    if (m === null) return c.w.nil();
    return c.w.bulk(tailOf(randomElement(c, m)[0]));
  }
  const big = randomCount(a[2]!);
  if (a.length > 4 || (a.length === 4 && word(a[3]!) !== 'WITHVALUES')) fail(errSyntax);
  const withValues = a.length === 4;
  if (withValues && (big < -(INT64_MAX / 2n) || big > INT64_MAX / 2n)) fail('ERR value is out of range');
  const l = Number(big);
  const m = lookup(c, key, RType.Hash);
  if (m === null || l === 0) return c.w.array(0);
  const picked = l > 0 && l >= m.count ? allElements(c, m) : sampleElements(c, m, Math.abs(l), l > 0);
  if (!withValues) {
    c.w.array(picked.length);
    for (const [k] of picked) c.w.bulk(tailOf(k));
    return;
  }
  // RESP2: a flat field, value, … array; RESP3: an array of [field, value] pairs.
  const nested = c.resp === 3;
  c.w.array(nested ? picked.length : picked.length * 2);
  for (const [k, v] of picked) {
    if (nested) c.w.array(2);
    c.w.bulk(tailOf(k));
    c.w.bulk(v);
  }
};

export const hashesCommands: Record<string, Handler> = {
  hset,
  hmset,
  hsetnx,
  hget,
  hmget,
  hdel,
  hexists,
  hlen,
  hstrlen,
  hkeys: (c, a) => hgetallGeneric(c, a, true, false),
  hvals: (c, a) => hgetallGeneric(c, a, false, true),
  hgetall: (c, a) => hgetallGeneric(c, a, true, true),
  hincrby,
  hincrbyfloat,
  hscan,
  hrandfield,
};
