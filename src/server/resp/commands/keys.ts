/** Generic key commands: DEL, EXISTS, TYPE, expiry, KEYS, SCAN, RENAME, COPY, OBJECT… */
import { redisDatabases } from '../../../limits.js';
import type { Client } from '../client.js';
import { checkKey, errNoSuchKey, errSyntax, fail, globMatch, int, word, type Handler } from '../command.js';
import { matches, replyScan, scanOptions, scanPage } from '../scan.js';
import { collectionMeta, decodeMeta, listKey, prefixEnd, RType, subKey, subPrefix, subPrefixEnd, typeNames, type Meta } from '../store.js';

const del: Handler = (c, a) => {
  let n = 0;
  for (let i = 1; i < a.length; i++) {
    const m = c.store.meta(c.db, a[i]!, c.now);
    if (m === null) continue;
    c.store.deleteKey(c.db, a[i]!, m);
    n++;
  }
  c.w.int(n);
};

const exists: Handler = (c, a) => {
  let n = 0;
  for (let i = 1; i < a.length; i++) if (c.store.meta(c.db, a[i]!, c.now) !== null) n++;
  c.w.int(n);
};

const type: Handler = (c, a) => {
  const m = c.store.meta(c.db, a[1]!, c.now);
  c.w.simple(typeNames[m === null ? 0 : m.type]!);
};

/** EXPIRE-family: `unit` ms per argument unit, `absolute` for EXPIREAT/PEXPIREAT. */
function expire(c: Client, a: Buffer[], unitMs: number, absolute: boolean, cmd: string): void {
  const key = a[1]!;
  const n = int(a[2]!);
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  for (let i = 3; i < a.length; i++) {
    const w = word(a[i]!);
    if (w === 'NX') nx = true;
    else if (w === 'XX') xx = true;
    else if (w === 'GT') gt = true;
    else if (w === 'LT') lt = true;
    else fail(`ERR Unsupported option ${a[i]!.toString('utf8')}`);
  }
  if (nx && (xx || gt || lt)) fail('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (gt && lt) fail('ERR GT and LT options at the same time are not compatible');
  const bad = `ERR invalid expire time in '${cmd}' command`;
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER / unitMs) fail(bad);
  let at = n * unitMs + (absolute ? 0 : c.now);
  if (!Number.isSafeInteger(at)) fail(bad);
  const m = c.store.meta(c.db, key, c.now);
  if (m === null) return c.w.int(0);
  const cur = m.expireAt;
  if (nx && cur !== 0) return c.w.int(0);
  if (xx && cur === 0) return c.w.int(0);
  if (gt && (cur === 0 || at <= cur)) return c.w.int(0);
  if (lt && cur !== 0 && at >= cur) return c.w.int(0);
  if (at <= c.now) {
    c.store.deleteKey(c.db, key, m);
    return c.w.int(1);
  }
  if (at === 0) at = 1;
  c.store.setMeta(c.db, key, { ...m, expireAt: at }, m);
  c.w.int(1);
}

function ttl(c: Client, a: Buffer[], f: (m: Meta) => number): void {
  const m = c.store.meta(c.db, a[1]!, c.now);
  if (m === null) return c.w.int(-2);
  if (m.expireAt === 0) return c.w.int(-1);
  c.w.int(f(m));
}

const persist: Handler = (c, a) => {
  const m = c.store.meta(c.db, a[1]!, c.now);
  if (m === null || m.expireAt === 0) return c.w.int(0);
  c.store.setMeta(c.db, a[1]!, { ...m, expireAt: 0 }, m);
  c.w.int(1);
};

/** Every live key of the current database, with its metadata, in key order. */
function* liveKeys(c: Client, from?: Buffer): Generator<[Buffer, Meta, Buffer]> {
  const low = Buffer.of(0x4d, c.db);
  for (const [k, v] of c.store.scan(from ?? low, prefixEnd(low))) {
    const m = decodeMeta(v);
    if (m.expireAt !== 0 && m.expireAt <= c.now) continue;
    yield [k.subarray(2), m, k];
  }
}

const keys: Handler = (c, a) => {
  const out: Buffer[] = [];
  for (const [k] of liveKeys(c)) if (globMatch(a[1]!, k)) out.push(k);
  c.w.array(out.length);
  for (const k of out) c.w.bulk(k);
};

const scan: Handler = (c, a) => {
  const o = scanOptions(a, 2, true);
  const low = Buffer.of(0x4d, c.db);
  const out: Buffer[] = [];
  const cursor = scanPage(c, a[1]!, low, prefixEnd(low), o.count, (k, v) => {
    const m = decodeMeta(v);
    if (m.expireAt !== 0 && m.expireAt <= c.now) return;
    const name = k.subarray(2);
    if (o.type !== null && typeNames[m.type] !== o.type) return;
    if (matches(o, name)) out.push(name);
  });
  replyScan(c, cursor, out);
};

function rename(c: Client, a: Buffer[], nx: boolean): void {
  const src = a[1]!;
  const dst = checkKey(a[2]!);
  const m = c.store.meta(c.db, src, c.now);
  if (m === null) fail(errNoSuchKey);
  if (src.equals(dst)) return nx ? c.w.int(0) : c.w.ok();
  const old = c.store.meta(c.db, dst, c.now);
  if (nx && old !== null) return c.w.int(0);
  if (old !== null) c.store.deleteKey(c.db, dst, old);
  c.store.deleteKey(c.db, src, m, true);
  c.store.setMeta(c.db, dst, m, null);
  if (nx) c.w.int(1);
  else c.w.ok();
}

/** A copy of a collection's elements under a new id; returns the new metadata. */
export function copyElements(c: Client, m: Meta): Meta {
  if (m.type === RType.String) return { ...m };
  const id = c.store.newId();
  const items: Array<[Buffer, Buffer]> = [];
  for (const [k, v] of c.store.scan(subPrefix(m.id), subPrefixEnd(m.id))) items.push([k.subarray(7), v]);
  for (const [tail, v] of items) c.store.put(subKey(id, tail), v);
  return { ...collectionMeta(m.type, id), count: m.count, head: m.head, tail: m.tail, expireAt: m.expireAt };
}

/** COPY source destination [DB destination-db] [REPLACE] */
const copy: Handler = (c, a) => {
  let db = c.db;
  let replace = false;
  for (let i = 3; i < a.length; i++) {
    const w = word(a[i]!);
    if (w === 'REPLACE') replace = true;
    else if (w === 'DB' && i + 1 < a.length) {
      db = int(a[++i]!);
      if (db < 0 || db >= redisDatabases) fail('ERR DB index is out of range');
    } else fail(errSyntax);
  }
  const src = a[1]!;
  const dst = checkKey(a[2]!);
  if (db === c.db && src.equals(dst)) fail('ERR source and destination objects are the same');
  const m = c.store.meta(c.db, src, c.now);
  if (m === null) return c.w.int(0);
  const old = c.store.meta(db, dst, c.now);
  if (old !== null) {
    if (!replace) return c.w.int(0);
    c.store.deleteKey(db, dst, old);
  }
  c.store.setMeta(db, dst, copyElements(c, m), null);
  c.w.int(1);
};

const randomkey: Handler = (c) => {
  const start = Buffer.concat([Buffer.of(0x4d, c.db), randomBytes(4)]);
  for (const [k] of liveKeys(c, start)) return c.w.bulk(k);
  for (const [k] of liveKeys(c)) return c.w.bulk(k);
  c.w.nil();
};

function randomBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(Math.random() * 256);
  return b;
}

/** OBJECT ENCODING as Redis 7.0 would report it for a value of this shape. */
function encodingOf(c: Client, m: Meta): string {
  switch (m.type) {
    case RType.String: {
      if (m.raw === true) return 'raw';
      const v = m.value;
      if (v.length <= 20 && /^-?[1-9]\d*$|^0$/.test(v.toString('latin1'))) {
        const n = BigInt(v.toString('latin1'));
        if (n <= 9223372036854775807n && n >= -9223372036854775808n) return 'int';
      }
      return v.length <= 44 ? 'embstr' : 'raw';
    }
    case RType.List:
      return 'quicklist';
    case RType.Hash:
      return m.count <= c.server.config.int('hash-max-listpack-entries', 128) ? 'listpack' : 'hashtable';
    case RType.ZSet:
      return m.count <= c.server.config.int('zset-max-listpack-entries', 128) ? 'listpack' : 'skiplist';
    case RType.Set: {
      if (m.count > c.server.config.int('set-max-intset-entries', 512)) return 'hashtable';
      for (const [k] of c.store.scan(subPrefix(m.id), subPrefixEnd(m.id))) {
        if (!/^-?[1-9]\d{0,18}$|^0$/.test(k.subarray(7).toString('latin1'))) return 'hashtable';
      }
      return 'intset';
    }
  }
}

const objectHelp = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

const object: Handler = (c, a) => {
  const sub = word(a[1]!);
  if (sub === 'HELP' && a.length === 2) {
    c.w.lines(objectHelp);
    return;
  }
  if (!['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT'].includes(sub)) {
    fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try OBJECT HELP.`);
  }
  if (a.length !== 3) fail(`ERR wrong number of arguments for 'object|${sub.toLowerCase()}' command`);
  const m = c.store.meta(c.db, a[2]!, c.now);
  if (m === null) return c.w.nil();
  switch (sub) {
    case 'ENCODING':
      return c.w.bulk(encodingOf(c, m));
    case 'REFCOUNT':
      // Redis shares the integers 0..9999 (OBJ_SHARED_INTEGERS) and reports them as INT_MAX.
      return c.w.int(m.type === RType.String && /^(0|[1-9]\d{0,3})$/.test(m.value.toString('latin1')) ? 2147483647 : 1);
    case 'IDLETIME':
      // Access times are not recorded (a read never writes), so every key reads as just used.
      if (c.server.config.value('maxmemory-policy').includes('lfu')) {
        fail('ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
      }
      return c.w.int(0);
    default:
      if (!c.server.config.value('maxmemory-policy').includes('lfu')) {
        fail('ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.');
      }
      return c.w.int(0);
  }
};

/** MEMORY USAGE: the bytes of the key's records (key, metadata and elements). */
export function memoryUsage(c: Client, m: Meta, key: Buffer, samples: number): number {
  let bytes = key.length + 2 + 32;
  if (m.type === RType.String) return bytes + m.value.length;
  const total = m.type === RType.List ? m.tail - m.head : m.count;
  let seen = 0;
  let sampled = 0;
  const low = m.type === RType.List ? listKey(m.id, m.head) : subPrefix(m.id);
  for (const [k, v] of c.store.scan(low, subPrefixEnd(m.id))) {
    sampled += k.length + v.length + 16;
    if (++seen >= samples && samples > 0) break;
  }
  if (seen > 0) bytes += Math.round((sampled / seen) * total);
  return bytes;
}

export const keyCommands: Record<string, Handler> = {
  del,
  unlink: del,
  exists,
  type,
  expire: (c, a) => expire(c, a, 1000, false, 'expire'),
  pexpire: (c, a) => expire(c, a, 1, false, 'pexpire'),
  expireat: (c, a) => expire(c, a, 1000, true, 'expireat'),
  pexpireat: (c, a) => expire(c, a, 1, true, 'pexpireat'),
  ttl: (c, a) => ttl(c, a, (m) => Math.round((m.expireAt - c.now) / 1000)),
  pttl: (c, a) => ttl(c, a, (m) => m.expireAt - c.now),
  expiretime: (c, a) => ttl(c, a, (m) => Math.floor((m.expireAt + 500) / 1000)),
  pexpiretime: (c, a) => ttl(c, a, (m) => m.expireAt),
  persist,
  keys,
  scan,
  rename: (c, a) => rename(c, a, false),
  renamenx: (c, a) => rename(c, a, true),
  copy,
  randomkey,
  touch: exists,
  object,
};
