/**
 * Shared pieces of the fault tests: a model of the database contents, a seeded
 * workload of commits, and helpers that read a whole database back and compare it to the model.
 * Everything goes through the public API.
 */
import { open, type Durability, type FileSystem } from '../../src/index.js';
import { Rng } from '../lib/rng.js';

export type Db = Awaited<ReturnType<typeof open>>;
type Keyspace = ReturnType<Db['keyspace']>;

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Where the fault tests put their database (on a MemoryFileSystem), its keyspaces and cache. */
export const dbDir = '/db';
export const keyspaces = ['', 'users', 'items'] as const;
/** Small, so that pages are evicted and written back during the workloads. */
export const cacheBytes = 1024 * 1024;
/** A call that has not settled after this long is a hang (a guard, not a timing assertion). */
export const hangMs = 20_000;

/** An error as "Name: message" for a failure report. */
export function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Open the test database on `fs`, hang-guarded. */
export function openOn(fs: FileSystem, what: string, durability: Durability = 'sync'): Promise<Db> {
  return withDeadline(open(dbDir, { fs, durability, cacheBytes }), hangMs, what);
}

/** One key change; `value` undefined is a delete. `ks` '' is the default keyspace. */
export interface Change {
  readonly ks: string;
  readonly key: string;
  readonly value: Uint8Array | undefined;
}

/** One atomic commit as issued through the API. */
export interface Commit {
  readonly kind: 'put' | 'delete' | 'batch';
  readonly ks: string;
  readonly changes: readonly Change[];
}

/** Database contents: `${ks}\0${key}` → value. */
export type State = Map<string, Uint8Array>;

export const stateKey = (ks: string, key: string): string => `${ks}\u0000${key}`;

export function applyCommit(state: State, c: Commit): void {
  for (const ch of c.changes) {
    if (ch.value === undefined) state.delete(stateKey(ch.ks, ch.key));
    else state.set(stateKey(ch.ks, ch.key), ch.value);
  }
}

/** A copy of `state` with commit `c` applied (or just a copy, when `c` is undefined). */
export function withCommit(state: State, c: Commit | undefined): State {
  const next = new Map(state);
  if (c !== undefined) applyCommit(next, c);
  return next;
}

function space(db: Db, ks: string): Db | Keyspace {
  return ks === '' ? db : db.keyspace(ks);
}

/** Issue a commit through the public API. */
export function issue(db: Db, c: Commit): Promise<void> {
  const target = space(db, c.ks);
  const first = c.changes[0]!;
  switch (c.kind) {
    case 'put':
      return target.put(first.key, first.value!);
    case 'delete':
      return target.delete(first.key);
    case 'batch':
      return target.batch(
        c.changes.map((ch) =>
          ch.value === undefined ? { type: 'delete' as const, key: ch.key } : { type: 'put' as const, key: ch.key, value: ch.value },
        ),
      );
  }
}

/** A value that names its commit and key, then seeded bytes: a misplaced or torn value shows. */
export function makeValue(rng: Rng, commit: number, key: string, size: number): Uint8Array {
  const v = new Uint8Array(size);
  const tag = enc(`c${commit}:${key}:`);
  v.set(tag.subarray(0, Math.min(tag.length, size)));
  let x = (rng.int(0x7fffffff) | 1) >>> 0;
  for (let i = tag.length; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    v[i] = x & 0xff;
  }
  return v;
}

export interface WorkloadOptions {
  readonly commits: number;
  readonly keyspaces: readonly string[];
  readonly keysPerSpace: number;
  /** Probability that a put's value is large (8–40 KiB, overflow pages). */
  readonly largeChance: number;
  /** Every `every`-th commit is a batch of `keys` small puts to fresh keys (grows the tree past a small cache). */
  readonly bulk?: { readonly every: number; readonly keys: number };
}

/** A seeded list of commits: puts, deletes of existing keys, batches of distinct keys. */
export function makeWorkload(seed: number, o: WorkloadOptions): Commit[] {
  const rng = new Rng(seed);
  const live = new Set<string>();
  const out: Commit[] = [];
  const valueSize = (): number => (rng.chance(o.largeChance) ? rng.range(8 * 1024 + 1, 40 * 1024) : rng.range(0, 300));
  const keyName = (): string => `key${String(rng.int(o.keysPerSpace)).padStart(5, '0')}`;
  let bulkKeys = 0;
  for (let i = 0; i < o.commits; i++) {
    const ks = rng.pick(o.keyspaces);
    if (o.bulk !== undefined && i % o.bulk.every === o.bulk.every - 1) {
      const changes: Change[] = [];
      for (let j = 0; j < o.bulk.keys; j++) {
        const key = `bulk${String(bulkKeys++).padStart(7, '0')}`;
        changes.push({ ks, key, value: makeValue(rng, i, key, rng.range(40, 160)) });
      }
      out.push({ kind: 'batch', ks, changes });
      continue;
    }
    const r = rng.next();
    if (r < 0.5) {
      const key = keyName();
      out.push({ kind: 'put', ks, changes: [{ ks, key, value: makeValue(rng, i, key, valueSize()) }] });
      live.add(stateKey(ks, key));
    } else if (r < 0.65) {
      const existing = [...live].filter((k) => k.startsWith(`${ks}\u0000`));
      const key = existing.length > 0 && rng.chance(0.8) ? rng.pick(existing).slice(ks.length + 1) : keyName();
      out.push({ kind: 'delete', ks, changes: [{ ks, key, value: undefined }] });
      live.delete(stateKey(ks, key));
    } else {
      const n = rng.range(2, 8);
      const keys = new Set<string>();
      while (keys.size < n) keys.add(keyName());
      const changes: Change[] = [...keys].map((key) =>
        rng.chance(0.25) ? { ks, key, value: undefined } : { ks, key, value: makeValue(rng, i, key, valueSize()) },
      );
      for (const ch of changes) {
        if (ch.value === undefined) live.delete(stateKey(ks, ch.key));
        else live.add(stateKey(ks, ch.key));
      }
      out.push({ kind: 'batch', ks, changes });
    }
  }
  return out;
}

/** Read every keyspace back through `range`, checking order, and through `get`. */
export function readState(db: Db, keyspaces: readonly string[]): State {
  const state: State = new Map();
  for (const ks of keyspaces) {
    const target = space(db, ks);
    let prev: string | undefined;
    for (const [k, v] of target.range({})) {
      const key = dec(k);
      if (prev !== undefined && !(prev < key)) throw new Error(`range of '${ks}' out of order: ${prev} then ${key}`);
      prev = key;
      state.set(stateKey(ks, key), v);
    }
  }
  return state;
}

/** Byte equality (a Buffer equals a Uint8Array with the same bytes). */
export function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function describeValue(v: Uint8Array | undefined): string {
  if (v === undefined) return 'absent';
  return `${v.length} bytes "${dec(v.subarray(0, 24)).replace(/[^\x20-\x7e]/g, '.')}"`;
}

/** A readable description of bytes, or of their absence. */
export function describeBytes(v: Uint8Array | undefined): string {
  return describeValue(v);
}

/** The first difference between two states, or undefined if equal. */
export function diffStates(got: State, want: State): string | undefined {
  for (const [k, v] of want) {
    const g = got.get(k);
    if (g === undefined || !same(g, v)) return `${k.replace('\u0000', '/')}: got ${describeValue(g)}, want ${describeValue(v)}`;
  }
  for (const [k, v] of got) {
    if (!want.has(k)) return `${k.replace('\u0000', '/')}: got ${describeValue(v)}, want absent`;
  }
  return undefined;
}

/** Check every key of `want` with `get` too (a second read path). */
export function checkGets(db: Db, want: State): string | undefined {
  for (const [k, v] of want) {
    const [ks, key] = k.split('\u0000') as [string, string];
    const g = space(db, ks).get(key);
    if (g === undefined || !same(g, v)) return `get ${ks}/${key}: got ${describeValue(g)}, want ${describeValue(v)}`;
  }
  return undefined;
}

/** Await `p`, failing with `what` if it has not settled after `ms` (a hang guard, not a timing assertion). */
export async function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Close a database whose file system may be dead; any error is expected and ignored. */
export async function abandon(db: Db | undefined): Promise<void> {
  if (db === undefined) return;
  try {
    await withDeadline(db.close(), 10_000, 'close of an abandoned database');
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('hang:')) throw err;
  }
}
