/**
 * The Redis data model on a BasaltDB keyspace, and the overlay that makes commands atomic.
 *
 * Every Redis key has one metadata record; a collection's elements are sub-keys under a
 * collection id, so HSET, SADD, ZADD and LPUSH touch O(1) records and never rewrite a whole value.
 * All records live in the keyspace `redis`:
 *
 *   record                         key                                     value
 *   metadata of key K in db D      'M' D(1) K                              meta (below)
 *   hash field F                   'C' id(6) F                             field value
 *   set member S                   'C' id(6) S                             (empty)
 *   list element at index I        'C' id(6) double(I + 2^52)              element
 *   sorted-set member S            'C' id(6) 'm' S                         double(score)
 *   sorted-set score index         'C' id(6) 's' sortable(score) S         (empty)
 *   expiry index                   'E' double(expireAtMs) D(1) K           (empty)
 *   collection awaiting cleanup    'G' id(6)                               (empty)
 *
 * meta: type(1; for a string, bit 0x80 marks one modified in place) expireAtMs(double, 0 = none) then
 *   string:            the value bytes
 *   hash, set, zset:   id(6) count(double)
 *   list:              id(6) head(double) tail(double)   (elements at head … tail-1)
 * Doubles are big-endian IEEE 754; for non-negative numbers their bytes sort like the numbers.
 *
 * Atomicity. Commands run synchronously, one at a time, like Redis. Their writes go to an
 * in-memory overlay at once (so the next command sees them) and into the batch of the current
 * event-loop turn; at the end of the turn the batch becomes one engine commit. A record leaves the
 * overlay when the commit that wrote it is in the tree. Replies that depend on overlay data wait
 * for the commit (`barrier`), so under `sync` durability nothing is acknowledged or shown to
 * another client before it is on disk.
 */
import type { BatchOp, Database, Keyspace } from '../../index.js';
import { LimitExceededError } from '../../errors.js';
import { redisCleanupBatch, redisKeyBytesMax, redisDatabases, redisExpiryBatch, redisInlineDeleteMax, redisTurnBytesMax, redisTurnOpsMax } from '../../limits.js';

export const enum RType {
  String = 1,
  List = 2,
  Hash = 3,
  Set = 4,
  ZSet = 5,
}
export const typeNames: readonly string[] = ['none', 'string', 'list', 'hash', 'set', 'zset'];

/** A decoded metadata record. */
export interface Meta {
  type: RType;
  /** Expiry time in Unix milliseconds, 0 for none. */
  expireAt: number;
  /** String value (strings only). */
  value: Buffer;
  /** A string modified in place (APPEND, SETRANGE): Redis reports its encoding as `raw`. */
  raw?: boolean;
  /** Collection id (collections only). */
  id: number;
  /** Element count (hash, set, zset). */
  count: number;
  /** List bounds: elements sit at indexes head … tail-1. */
  head: number;
  tail: number;
}

const M = 0x4d;
const C = 0x43;
const E = 0x45;
const G = 0x47;
const EMPTY = Buffer.alloc(0);
const LIST_BIAS = 2 ** 52;

interface Pending {
  value: Buffer | null;
  /** The turn (batch) that wrote it last. */
  seq: number;
  /** Its operation's index in that turn's batch. */
  op: number;
}

/** Called when a Redis key is modified (WATCH, blocked clients, keyspace stats). */
export type TouchHook = (db: number, key: Buffer, meta: Meta | null) => void;

export class RedisStore {
  private readonly pending = new Map<string, Pending>();
  /** Pending element keys by collection ('C' id prefix), so a collection scan looks only at its own. */
  private readonly pendingByCollection = new Map<string, Set<string>>();
  private turnOps: BatchOp[] = [];
  private turnKeys: string[] = [];
  private turnBytes = 0;
  private turnDone: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  private seq = 1;
  private holds = 0;
  private lastCommit: Promise<void> | null = null;
  private lastCommitSettled = true;
  /** Commits (batches) handed to the engine and not yet settled. */
  inflightBatches = 0;
  /** Records written so far (the server compares it around a command to see whether it wrote). */
  writes = 0;
  /** Set whenever a read touches overlay data; the server clears it per command. */
  sawPending = false;
  /** The first failure of a commit, sticky (the engine refuses writes after an I/O failure). */
  failure: unknown = null;
  private nextId = 1;
  /** Keys and keys-with-expiry per database. */
  readonly keyCounts: number[] = new Array<number>(redisDatabases).fill(0);
  readonly expireCounts: number[] = new Array<number>(redisDatabases).fill(0);
  /** Collections awaiting background cleanup. */
  private garbage = 0;
  onTouch: TouchHook = () => {};
  /** Statistics for INFO. */
  expiredKeys = 0;
  writesCommitted = 0;
  lastSaveMs = Date.now();

  private constructor(
    readonly db: Database,
    readonly ks: Keyspace,
  ) {}

  static open(db: Database): RedisStore {
    const s = new RedisStore(db, db.keyspace('redis'));
    s.load();
    return s;
  }

  /** Count keys per database and find the next collection id (a scan of the metadata). */
  private load(): void {
    for (const [k, v] of this.ks.range({ prefix: Buffer.of(M) })) {
      const d = k[1]!;
      this.keyCounts[d]!++;
      if (readDouble(v, 1) !== 0) this.expireCounts[d]!++;
    }
    let maxId = 0;
    for (const [k] of this.ks.range({ prefix: Buffer.of(C), reverse: true, limit: 1 })) maxId = Math.max(maxId, readId(asBuffer(k), 1));
    for (const [k] of this.ks.range({ prefix: Buffer.of(G) })) {
      maxId = Math.max(maxId, readId(asBuffer(k), 1));
      this.garbage++;
    }
    this.nextId = maxId + 1;
  }

  // ---- raw records through the overlay ----

  get(key: Buffer): Buffer | undefined {
    if (this.pending.size > 0) {
      const p = this.pending.get(key.toString('latin1'));
      if (p !== undefined) {
        this.sawPending = true;
        return p.value ?? undefined;
      }
    }
    const v = this.ks.get(key);
    return v === undefined ? undefined : Buffer.from(v.buffer, v.byteOffset, v.length);
  }

  put(key: Buffer, value: Buffer): void {
    this.write(key, value);
  }

  del(key: Buffer): void {
    this.write(key, null);
  }

  private write(key: Buffer, value: Buffer | null): void {
    this.writes++;
    const k = key.toString('latin1');
    const op: BatchOp = value === null ? { type: 'delete', key } : { type: 'put', key, value };
    const prev = this.pending.get(k);
    if (prev !== undefined && prev.seq === this.seq) {
      // Written before in this turn: the turn commits as one atomic batch and no one sees the
      // earlier value after a crash, so only the last write of a key goes to the log (a hot key
      // written by every client costs one record per group commit, not one per command).
      prev.value = value;
      this.turnOps[prev.op] = op;
      this.turnBytes += key.length + (value === null ? 0 : value.length) + 16;
      return this.maybeCommitEarly();
    }
    this.pending.set(k, { value, seq: this.seq, op: this.turnOps.length });
    this.turnKeys.push(k);
    if (key[0] === C && k.length >= 7) {
      const p = k.slice(0, 7);
      let set = this.pendingByCollection.get(p);
      if (set === undefined) this.pendingByCollection.set(p, (set = new Set()));
      set.add(k);
    }
    this.turnOps.push(op);
    this.turnBytes += key.length + (value === null ? 0 : value.length) + 16;
    if (this.turnDone === null) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => {});
      this.turnDone = { promise, resolve, reject };
      setImmediate(() => this.commitTurn());
    } else {
      this.maybeCommitEarly();
    }
  }

  /** Past the turn limits (and outside EXEC), commit now and start a new turn. */
  private maybeCommitEarly(): void {
    if (this.holds === 0 && (this.turnOps.length >= redisTurnOpsMax || this.turnBytes >= redisTurnBytesMax)) this.commitTurn();
  }

  /** MULTI/EXEC: keep the turn in one commit however large it grows. */
  hold(): void {
    this.holds++;
  }

  release(): void {
    this.holds--;
  }

  /** Hand this turn's writes to the engine as one atomic commit. */
  commitTurn(): void {
    const done = this.turnDone;
    if (done === null) return;
    const ops = this.turnOps;
    const keys = this.turnKeys;
    const seq = this.seq++;
    this.turnOps = [];
    this.turnKeys = [];
    this.turnBytes = 0;
    this.turnDone = null;
    this.inflightBatches++;
    this.lastCommitSettled = false;
    const settle = (): void => {
      this.inflightBatches--;
      for (const k of keys) {
        if (this.pending.get(k)?.seq !== seq) continue;
        this.pending.delete(k);
        if (k.charCodeAt(0) === C && k.length >= 7) {
          const p = k.slice(0, 7);
          const set = this.pendingByCollection.get(p);
          set?.delete(k);
          if (set?.size === 0) this.pendingByCollection.delete(p);
        }
      }
      if (this.lastCommit === done.promise) this.lastCommitSettled = true;
    };
    this.lastCommit = done.promise;
    this.ks.batch(ops).then(
      () => {
        settle();
        this.writesCommitted += ops.length;
        done.resolve();
      },
      (err: unknown) => {
        // A refused batch (a limit) fails only its own writes; an I/O failure is sticky.
        if (this.failure === null && !(err instanceof LimitExceededError)) this.failure = err;
        settle();
        done.reject(err);
      },
    );
  }

  /**
   * What a reply that saw overlay data must wait for: the newest commit (commits become durable
   * in order, so it covers every earlier one). Null when nothing is pending.
   */
  barrier(): Promise<void> | null {
    if (this.turnDone !== null) return this.turnDone.promise;
    if (!this.lastCommitSettled) return this.lastCommit;
    return null;
  }

  /** Whether any write is not yet in the tree. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** The values of `scan(low, high, reverse)`: no key is copied when no overlay record is in range. */
  *scanValues(low: Buffer, high: Buffer, reverse = false): Generator<Buffer> {
    if (this.pending.size === 0 || this.overlayIn(low, high).length === 0) {
      for (const v of this.ks.values({ gte: low, lt: high, reverse })) yield asBuffer(v);
      return;
    }
    for (const [, v] of this.scan(low, high, reverse)) yield v;
  }

  /**
   * Records with keys in [low, high) in key order (descending with `reverse`), through the
   * overlay. The caller must not write while iterating.
   */
  *scan(low: Buffer, high: Buffer, reverse = false): Generator<[Buffer, Buffer]> {
    const tree = this.ks.range({ gte: low, lt: high, reverse });
    if (this.pending.size === 0) {
      for (const [k, v] of tree) yield [asBuffer(k), asBuffer(v)];
      return;
    }
    const over = this.overlayIn(low, high);
    if (over.length === 0) {
      for (const [k, v] of tree) yield [asBuffer(k), asBuffer(v)];
      return;
    }
    this.sawPending = true;
    over.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (reverse) over.reverse();
    let oi = 0;
    const before = (a: string, b: string): boolean => (reverse ? a > b : a < b);
    for (const [k, v] of tree) {
      const ks = Buffer.from(k.buffer, k.byteOffset, k.length).toString('latin1');
      while (oi < over.length && before(over[oi]![0], ks)) {
        const [ok, p] = over[oi++]!;
        if (p.value !== null) yield [Buffer.from(ok, 'latin1'), p.value];
      }
      if (oi < over.length && over[oi]![0] === ks) {
        const p = over[oi++]![1];
        if (p.value !== null) yield [asBuffer(k), p.value];
        continue;
      }
      yield [asBuffer(k), asBuffer(v)];
    }
    while (oi < over.length) {
      const [ok, p] = over[oi++]!;
      if (p.value !== null) yield [Buffer.from(ok, 'latin1'), p.value];
    }
  }

  /** Overlay records with keys in [low, high), unordered. */
  private overlayIn(low: Buffer, high: Buffer): Array<[string, Pending]> {
    const lo = low.toString('latin1');
    const hi = high.toString('latin1');
    const over: Array<[string, Pending]> = [];
    const coll = lo.charCodeAt(0) === C && lo.length >= 7 ? lo.slice(0, 7) : null;
    if (coll !== null && hi <= prefixEnd(low.subarray(0, 7)).toString('latin1')) {
      // A scan inside one collection: only that collection's pending keys can be in range.
      const set = this.pendingByCollection.get(coll);
      if (set !== undefined) {
        for (const k of set) if (k >= lo && k < hi) over.push([k, this.pending.get(k)!]);
      }
    } else {
      for (const e of this.pending) if (e[0] >= lo && e[0] < hi) over.push(e);
    }
    return over;
  }

  // ---- metadata ----

  /** The live metadata of `key` in database `db` (an expired key is deleted and reads as absent). */
  meta(db: number, key: Buffer, now: number): Meta | null {
    // A key longer than any that can be stored does not exist (and must not reach the engine).
    if (key.length > redisKeyBytesMax) return null;
    const mk = metaKey(db, key);
    const raw = this.get(mk);
    if (raw === undefined) return null;
    const m = decodeMeta(raw);
    if (m.expireAt !== 0 && m.expireAt <= now) {
      this.deleteKey(db, key, m);
      this.expiredKeys++;
      return null;
    }
    return m;
  }

  /** Write (create or replace) the metadata of a key. `old` is its previous live metadata. */
  setMeta(db: number, key: Buffer, m: Meta, old: Meta | null): void {
    if (old === null) this.keyCounts[db]!++;
    if (old !== null && old.expireAt !== m.expireAt && old.expireAt !== 0) {
      this.del(expiryKey(old.expireAt, db, key));
      this.expireCounts[db]!--;
    }
    if (m.expireAt !== 0 && (old === null || old.expireAt !== m.expireAt)) {
      this.put(expiryKey(m.expireAt, db, key), EMPTY);
      this.expireCounts[db]!++;
    }
    this.put(metaKey(db, key), encodeMeta(m));
    this.onTouch(db, key, m);
  }

  /**
   * Delete a key and (inline or in the background) its elements; with `keepElements` only the
   * metadata goes (RENAME moves the elements to a new name).
   */
  deleteKey(db: number, key: Buffer, m: Meta, keepElements = false): void {
    this.del(metaKey(db, key));
    this.keyCounts[db]!--;
    if (m.expireAt !== 0) {
      this.del(expiryKey(m.expireAt, db, key));
      this.expireCounts[db]!--;
    }
    if (m.type !== RType.String && !keepElements) this.dropCollection(m);
    this.onTouch(db, key, null);
  }

  /** Remove a collection's elements: inline when small, else mark it for the background cleaner. */
  dropCollection(m: Meta): void {
    const size = m.type === RType.List ? m.tail - m.head : m.count;
    if (size <= redisInlineDeleteMax) {
      const keys: Buffer[] = [];
      for (const [k] of this.scan(subPrefix(m.id), subPrefixEnd(m.id))) keys.push(k);
      for (const k of keys) this.del(k);
    } else {
      this.put(garbageKey(m.id), EMPTY);
      this.garbage++;
    }
  }

  /** A fresh collection id. */
  newId(): number {
    return this.nextId++;
  }

  /** Delete every key of a database (FLUSHDB), or of all (db = -1). */
  flush(db: number): void {
    const prefix = db < 0 ? Buffer.of(M) : Buffer.of(M, db);
    const victims: Array<[number, Buffer, Meta]> = [];
    for (const [k, v] of this.scan(prefix, prefixEnd(prefix))) victims.push([k[1]!, k.subarray(2), decodeMeta(v)]);
    for (const [d, key, m] of victims) {
      if (m.type !== RType.String) {
        // Always in the background: FLUSHDB of a big database should not build one huge commit.
        this.put(garbageKey(m.id), EMPTY);
        this.garbage++;
      }
      this.del(metaKey(d, key));
      if (m.expireAt !== 0) this.del(expiryKey(m.expireAt, d, key));
      this.onTouch(d, key, null);
    }
    for (let d = 0; d < redisDatabases; d++) {
      if (db < 0 || d === db) {
        this.keyCounts[d] = 0;
        this.expireCounts[d] = 0;
      }
    }
  }

  /** One pass of active expiry: delete up to `redisExpiryBatch` keys whose time has come. */
  expireCycle(now: number): number {
    const low = Buffer.of(E);
    const high = Buffer.alloc(9);
    high[0] = E;
    high.writeDoubleBE(now, 1);
    const due: Array<[number, Buffer, Buffer]> = [];
    for (const [k] of this.scan(low, high)) {
      due.push([k[9]!, k.subarray(10), k]);
      if (due.length >= redisExpiryBatch) break;
    }
    let n = 0;
    for (const [d, key, ek] of due) {
      const raw = this.get(metaKey(d, key));
      const m = raw === undefined ? null : decodeMeta(raw);
      if (m !== null && m.expireAt !== 0 && m.expireAt <= now) {
        this.deleteKey(d, key, m);
        this.expiredKeys++;
        n++;
      } else if (m === null || m.expireAt !== ek.readDoubleBE(1)) {
        this.del(ek); // a stale index entry
      }
    }
    return n;
  }

  /** One pass of the background cleaner over deleted big collections. */
  cleanupCycle(): void {
    if (this.garbage === 0) return;
    let budget = redisCleanupBatch;
    const ids: Buffer[] = [];
    for (const [k] of this.scan(Buffer.of(G), Buffer.of(G + 1))) {
      ids.push(k);
      if (ids.length >= 16) break;
    }
    if (ids.length === 0) {
      this.garbage = 0;
      return;
    }
    for (const gk of ids) {
      const id = readId(gk, 1);
      const keys: Buffer[] = [];
      for (const [k] of this.scan(subPrefix(id), subPrefixEnd(id))) {
        keys.push(k);
        if (keys.length >= budget) break;
      }
      for (const k of keys) this.del(k);
      budget -= keys.length;
      if (budget > 0) {
        this.del(gk);
        this.garbage--;
      } else {
        return;
      }
    }
  }

  /** Collections still waiting for the cleaner. */
  get garbageCollections(): number {
    return this.garbage;
  }
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.length);
}

export function readDouble(b: Uint8Array, off: number): number {
  return Buffer.from(b.buffer, b.byteOffset, b.length).readDoubleBE(off);
}

function readId(b: Buffer, off: number): number {
  return b.readUIntBE(off, 6);
}

export function metaKey(db: number, key: Buffer): Buffer {
  const k = Buffer.allocUnsafe(key.length + 2);
  k[0] = M;
  k[1] = db;
  key.copy(k, 2);
  return k;
}

function expiryKey(at: number, db: number, key: Buffer): Buffer {
  const k = Buffer.allocUnsafe(key.length + 10);
  k[0] = E;
  k.writeDoubleBE(at, 1);
  k[9] = db;
  key.copy(k, 10);
  return k;
}

function garbageKey(id: number): Buffer {
  const k = Buffer.allocUnsafe(7);
  k[0] = G;
  k.writeUIntBE(id, 1, 6);
  return k;
}

/** 'C' id: the prefix of every element of collection `id`. */
export function subPrefix(id: number, extra = 0): Buffer {
  const k = Buffer.allocUnsafe(7 + extra);
  k[0] = C;
  k.writeUIntBE(id, 1, 6);
  return k;
}

export function subPrefixEnd(id: number): Buffer {
  return subPrefix(id + 1);
}

/** The byte string just above every string that starts with `p`. */
export function prefixEnd(p: Buffer): Buffer {
  const out = Buffer.from(p);
  let i = out.length - 1;
  while (i >= 0 && out[i] === 0xff) i--;
  if (i < 0) return Buffer.alloc(0);
  out[i]!++;
  return out.subarray(0, i + 1);
}

/** The sub-key of an element: 'C' id then `tail` (a hash field, a set member…). */
export function subKey(id: number, tail: Buffer): Buffer {
  const k = subPrefix(id, tail.length);
  tail.copy(k, 7);
  return k;
}

/** The sub-key of list element `index`. */
export function listKey(id: number, index: number): Buffer {
  const k = subPrefix(id, 8);
  k.writeDoubleBE(index + LIST_BIAS, 7);
  return k;
}

export function listIndexOf(subkey: Buffer): number {
  return subkey.readDoubleBE(7) - LIST_BIAS;
}

/** 8 bytes whose bytewise order is the numeric order of `d` (for the score index). */
export function sortableDouble(d: number, out: Buffer, off: number): void {
  out.writeDoubleBE(d === 0 ? 0 : d, off);
  if (d >= 0 || Object.is(d, -0)) {
    out[off] = out[off]! ^ 0x80;
  } else {
    for (let i = 0; i < 8; i++) out[off + i] = out[off + i]! ^ 0xff;
  }
}

export function fromSortableDouble(b: Buffer, off: number): number {
  const t = Buffer.allocUnsafe(8);
  b.copy(t, 0, off, off + 8);
  if ((t[0]! & 0x80) !== 0) {
    t[0] = t[0]! ^ 0x80;
  } else {
    for (let i = 0; i < 8; i++) t[i] = t[i]! ^ 0xff;
  }
  return t.readDoubleBE(0);
}

export function decodeMeta(raw: Buffer): Meta {
  const type = (raw[0]! & 0x7f) as RType;
  const expireAt = raw.readDoubleBE(1);
  if (type === RType.String) {
    return { type, expireAt, value: raw.subarray(9), raw: (raw[0]! & 0x80) !== 0, id: 0, count: 0, head: 0, tail: 0 };
  }
  const id = raw.readUIntBE(9, 6);
  if (type === RType.List) {
    return { type, expireAt, value: EMPTY, id, count: 0, head: raw.readDoubleBE(15), tail: raw.readDoubleBE(23) };
  }
  return { type, expireAt, value: EMPTY, id, count: raw.readDoubleBE(15), head: 0, tail: 0 };
}

export function encodeMeta(m: Meta): Buffer {
  if (m.type === RType.String) {
    const out = Buffer.allocUnsafe(9 + m.value.length);
    out[0] = m.type | (m.raw === true ? 0x80 : 0);
    out.writeDoubleBE(m.expireAt, 1);
    m.value.copy(out, 9);
    return out;
  }
  const list = m.type === RType.List;
  const out = Buffer.allocUnsafe(list ? 31 : 23);
  out[0] = m.type;
  out.writeDoubleBE(m.expireAt, 1);
  out.writeUIntBE(m.id, 9, 6);
  if (list) {
    out.writeDoubleBE(m.head, 15);
    out.writeDoubleBE(m.tail, 23);
  } else {
    out.writeDoubleBE(m.count, 15);
  }
  return out;
}

export function stringMeta(value: Buffer, expireAt = 0, raw = false): Meta {
  return { type: RType.String, expireAt, value, raw, id: 0, count: 0, head: 0, tail: 0 };
}

export function collectionMeta(type: RType, id: number): Meta {
  return { type, expireAt: 0, value: EMPTY, id, count: 0, head: 0, tail: 0 };
}
