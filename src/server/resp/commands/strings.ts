/** String commands: GET, SET and friends, counters, ranges. */
import type { Client } from '../client.js';
import {
  checkKey,
  errNotFloat,
  errNotInt,
  errOverflow,
  errSyntax,
  fail,
  float,
  int,
  lookup,
  storedInt,
  toFloat,
  word,
  argCountError,
  type Handler,
} from '../command.js';
import { incrByFloat } from '../long-double.js';
import { RType, stringMeta, type Meta } from '../store.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** The largest string a command may build (APPEND, SETRANGE): `proto-max-bulk-len`. */
function maxString(c: Client): number {
  return c.server.config.int('proto-max-bulk-len', 512 * 1024 * 1024);
}

const errTooBig = 'ERR string exceeds maximum allowed size (proto-max-bulk-len)';

/** Store `value` as the string at `key`, replacing whatever was there. */
export function putString(c: Client, key: Buffer, value: Buffer, expireAt: number, old: Meta | null): void {
  const store = c.store;
  if (old !== null && old.type !== RType.String) store.dropCollection(old);
  store.setMeta(c.db, key, stringMeta(value, expireAt), old);
}

/** An expiry option (EX/PX/EXAT/PXAT) turned into Unix milliseconds; throws Redis's error. */
function expiryAt(c: Client, unit: string, arg: Buffer | undefined, cmd: string): number {
  if (arg === undefined) fail(errSyntax);
  const n = int(arg);
  const bad = `ERR invalid expire time in '${cmd}' command`;
  if (n <= 0) fail(bad);
  switch (unit) {
    case 'EX':
      if (n > Number.MAX_SAFE_INTEGER / 1000) fail(bad);
      return c.now + n * 1000;
    case 'PX':
      // Expiry times are exact milliseconds up to 2^53 (the year 287396); later ones are refused.
      if (n > Number.MAX_SAFE_INTEGER - c.now) fail(bad);
      return c.now + n;
    case 'EXAT':
      if (n > Number.MAX_SAFE_INTEGER / 1000) fail(bad);
      return n * 1000;
    default:
      if (n > Number.MAX_SAFE_INTEGER) fail(bad);
      return n;
  }
}

const get: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.String);
  if (m === null) c.w.nil();
  else c.w.bulk(m.value);
};

/** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT t | PXAT t | KEEPTTL] */
const set: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  let nx = false;
  let xx = false;
  let getOld = false;
  let keepTtl = false;
  let unit = '';
  let expireArg: Buffer | undefined;
  for (let i = 3; i < a.length; i++) {
    const w = word(a[i]!);
    if (w === 'NX' && !xx) nx = true;
    else if (w === 'XX' && !nx) xx = true;
    else if (w === 'GET') getOld = true;
    else if (w === 'KEEPTTL' && unit === '') keepTtl = true;
    else if ((w === 'EX' || w === 'PX' || w === 'EXAT' || w === 'PXAT') && unit === '' && !keepTtl && i + 1 < a.length) {
      unit = w;
      expireArg = a[++i]!;
    } else fail(errSyntax);
  }
  const expireAt = unit === '' ? 0 : expiryAt(c, unit, expireArg, 'set');
  const old = c.store.meta(c.db, key, c.now);
  if (getOld && old !== null && old.type !== RType.String) fail('WRONGTYPE Operation against a key holding the wrong kind of value');
  const reply = (): void => {
    if (!getOld) c.w.ok();
    else if (old === null) c.w.nil();
    else c.w.bulk(old.value);
  };
  if ((nx && old !== null) || (xx && old === null)) {
    if (getOld) reply();
    else c.w.nil();
    return;
  }
  putString(c, key, a[2]!, keepTtl && old !== null ? old.expireAt : expireAt, old);
  reply();
};

const setnx: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  if (c.store.meta(c.db, key, c.now) !== null) return c.w.int(0);
  putString(c, key, a[2]!, 0, null);
  c.w.int(1);
};

function setWithTtl(c: Client, a: Buffer[], unit: 'EX' | 'PX', cmd: string): void {
  const key = checkKey(a[1]!);
  const at = expiryAt(c, unit, a[2], cmd);
  putString(c, key, a[3]!, at, c.store.meta(c.db, key, c.now));
  c.w.ok();
}

const getset: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const old = lookup(c, key, RType.String);
  putString(c, key, a[2]!, 0, old);
  if (old === null) c.w.nil();
  else c.w.bulk(old.value);
};

const getdel: Handler = (c, a) => {
  const old = lookup(c, a[1]!, RType.String);
  if (old === null) return c.w.nil();
  c.store.deleteKey(c.db, a[1]!, old);
  c.w.bulk(old.value);
};

/** GETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST] */
const getex: Handler = (c, a) => {
  const key = a[1]!;
  let unit = '';
  let arg: Buffer | undefined;
  let persist = false;
  for (let i = 2; i < a.length; i++) {
    const w = word(a[i]!);
    if ((w === 'EX' || w === 'PX' || w === 'EXAT' || w === 'PXAT') && unit === '' && !persist && i + 1 < a.length) {
      unit = w;
      arg = a[++i]!;
    } else if (w === 'PERSIST' && unit === '' && !persist) persist = true;
    else fail(errSyntax);
  }
  const m = lookup(c, key, RType.String);
  if (m === null) return c.w.nil();
  // As Redis: the expiry is checked only once the key is known to exist.
  const at = unit === '' ? 0 : expiryAt(c, unit, arg, 'getex');
  c.w.bulk(m.value);
  if (unit !== '' && at <= c.now) {
    c.store.deleteKey(c.db, key, m);
  } else if (unit !== '' || (persist && m.expireAt !== 0)) {
    c.store.setMeta(c.db, key, stringMeta(m.value, persist ? 0 : at, m.raw === true), m);
  }
};

const mget: Handler = (c, a) => {
  c.w.array(a.length - 1);
  for (let i = 1; i < a.length; i++) {
    const m = c.store.meta(c.db, a[i]!, c.now);
    if (m === null) c.server.stats.keyspaceMisses++;
    else c.server.stats.keyspaceHits++;
    if (m === null || m.type !== RType.String) c.w.nil();
    else c.w.bulk(m.value);
  }
};

const mset: Handler = (c, a) => {
  if (a.length % 2 === 0) throw argCountError('mset');
  for (let i = 1; i < a.length; i += 2) checkKey(a[i]!);
  for (let i = 1; i < a.length; i += 2) putString(c, a[i]!, a[i + 1]!, 0, c.store.meta(c.db, a[i]!, c.now));
  c.w.ok();
};

const msetnx: Handler = (c, a) => {
  if (a.length % 2 === 0) throw argCountError('msetnx');
  for (let i = 1; i < a.length; i += 2) {
    checkKey(a[i]!);
    if (c.store.meta(c.db, a[i]!, c.now) !== null) return c.w.int(0);
  }
  for (let i = 1; i < a.length; i += 2) putString(c, a[i]!, a[i + 1]!, 0, c.store.meta(c.db, a[i]!, c.now));
  c.w.int(1);
};

function incrBy(c: Client, key: Buffer, by: bigint): void {
  checkKey(key);
  const m = lookup(c, key, RType.String);
  let cur = 0n;
  if (m !== null) {
    const v = storedInt(m.value);
    if (v === null) fail(errNotInt);
    cur = v;
  }
  const next = cur + by;
  if (next > INT64_MAX || next < INT64_MIN) fail(errOverflow);
  const text = next.toString();
  c.store.setMeta(c.db, key, stringMeta(Buffer.from(text), m === null ? 0 : m.expireAt), m);
  c.w.int(next);
}

function bigArg(b: Buffer): bigint {
  const v = storedInt(b);
  if (v === null) fail(errNotInt);
  return v;
}

/** INCRBYFLOAT key increment: long double arithmetic, as Redis (see long-double.ts). */
const incrbyfloat: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const m = lookup(c, key, RType.String);
  const text = incrByFloat(m === null ? null : m.value.toString('latin1'), a[2]!.toString('latin1'));
  if (text === 'bad-current' || text === 'bad-increment') fail(errNotFloat);
  if (text === 'not-finite') fail('ERR increment would produce NaN or Infinity');
  c.store.setMeta(c.db, key, stringMeta(Buffer.from(text), m === null ? 0 : m.expireAt), m);
  c.w.bulk(text);
};

const append: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const m = lookup(c, key, RType.String);
  const len = (m === null ? 0 : m.value.length) + a[2]!.length;
  if (len > maxString(c)) fail(errTooBig);
  const value = m === null ? a[2]! : Buffer.concat([m.value, a[2]!]);
  // As Redis: appending to an existing string makes it raw; a new key is a plain string.
  c.store.setMeta(c.db, key, stringMeta(value, m === null ? 0 : m.expireAt, m !== null), m);
  c.w.int(len);
};

const strlen: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.String);
  c.w.int(m === null ? 0 : m.value.length);
};

const getrange: Handler = (c, a) => {
  let start = int(a[2]!);
  let end = int(a[3]!);
  const m = lookup(c, a[1]!, RType.String);
  const len = m === null ? 0 : m.value.length;
  if (m === null || (start < 0 && end < 0 && start > end)) return c.w.bulk('');
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return c.w.bulk('');
  c.w.bulk(m.value.subarray(start, end + 1));
};

const setrange: Handler = (c, a) => {
  const key = checkKey(a[1]!);
  const offset = int(a[2]!);
  const piece = a[3]!;
  if (offset < 0) fail('ERR offset is out of range');
  const m = lookup(c, key, RType.String);
  const oldLen = m === null ? 0 : m.value.length;
  if (piece.length === 0) return c.w.int(oldLen);
  const len = Math.max(oldLen, offset + piece.length);
  if (len > maxString(c)) fail(errTooBig);
  const value = Buffer.alloc(len);
  if (m !== null) m.value.copy(value);
  piece.copy(value, offset);
  c.store.setMeta(c.db, key, stringMeta(value, m === null ? 0 : m.expireAt, true), m);
  c.w.int(len);
};

export const stringCommands: Record<string, Handler> = {
  get,
  set,
  setnx,
  setex: (c, a) => setWithTtl(c, a, 'EX', 'setex'),
  psetex: (c, a) => setWithTtl(c, a, 'PX', 'psetex'),
  getset,
  getdel,
  getex,
  mget,
  mset,
  msetnx,
  incr: (c, a) => incrBy(c, a[1]!, 1n),
  decr: (c, a) => incrBy(c, a[1]!, -1n),
  incrby: (c, a) => incrBy(c, a[1]!, bigArg(a[2]!)),
  decrby: (c, a) => {
    const by = bigArg(a[2]!);
    if (by === INT64_MIN) fail('ERR decrement would overflow');
    incrBy(c, a[1]!, -by);
  },
  incrbyfloat,
  append,
  strlen,
  getrange,
  substr: getrange,
  setrange,
};
