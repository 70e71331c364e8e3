/**
 * The engines of the key-value suite and, for each, exactly what "durable" and "not durable"
 * mean in this benchmark, so that every comparison is made at equal durability.
 * This file imports no engine: the parent process reads it without loading any native module.
 */
import type { KvAdapter, KvAdapterModule, KvDurability } from './adapter.js';

export const kvEngines = ['basaltdb', 'lmdb', 'classic-level', 'better-sqlite3'] as const;
export type KvEngine = (typeof kvEngines)[number];

/** Rows of the raw device probe (4 KiB write + fdatasync, sync calls) start with this. */
export const deviceSyncPrefix = 'device: 4 KiB write+fdatasync,';

export function isKvEngine(name: string): name is KvEngine {
  return (kvEngines as readonly string[]).includes(name);
}

/** Position of `engine` in the tables (the order of `kvEngines`; anything else after them). */
export function engineRank(engine: string): number {
  const i = (kvEngines as readonly string[]).indexOf(engine);
  return i < 0 ? 100 : i;
}

/**
 * A fresh adapter of `engine`, for a worker child. Loaded by computed URL so only this engine's
 * module (and native addon) enters the process.
 */
export async function loadAdapter(engine: string): Promise<KvAdapter> {
  if (!isKvEngine(engine)) throw new Error(`unknown engine ${engine}`);
  const url = new URL(`./adapters/${engine}.js`, import.meta.url).href;
  const mod = (await import(url)) as KvAdapterModule;
  return mod.createAdapter();
}

export interface EngineInfo {
  /** How the engine is configured, in one line. */
  readonly setup: string;
  /** What a write's completion means at each durability setting. */
  readonly durability: Readonly<Record<KvDurability, string>>;
  /** How concurrent writers share disk flushes. */
  readonly grouping: string;
}

export const engineInfo: Readonly<Record<KvEngine, EngineInfo>> = {
  basaltdb: {
    setup: '`open(dir, { durability, cacheBytes })`; keys and values passed as Uint8Array',
    durability: {
      sync: "`durability: 'sync'`: a put/batch promise resolves after its WAL record is written and fdatasync'd",
      none: "`durability: 'none'`: resolves at once; the WAL is written but fsynced only at checkpoint/close",
    },
    grouping:
      'group commit: every commit that arrives while a WAL flush is in flight goes out in the next single write + fdatasync',
  },
  lmdb: {
    setup:
      '`open({ path, keyEncoding: "binary", encoding: "binary" })` (lmdb-js defaults: overlappingSync on Linux, no separateFlushed)',
    durability: {
      sync: 'default sync commits: a put/batch promise resolves only after its transaction is committed and flushed (fdatasync of the data file, meta included) — with overlappingSync the flush of one transaction overlaps the commit of the next',
      none: '`noSync: true`: no fsync at all; the OS writes the memory map back when it likes',
    },
    grouping:
      'every put issued in the same event turn joins one write transaction on lmdb-js\'s writer thread, so N writers in flight share one commit + flush',
  },
  'classic-level': {
    setup:
      '`new ClassicLevel(dir, { keyEncoding: "buffer", valueEncoding: "buffer", cacheSize })` (LevelDB, snappy on by default)',
    durability: {
      sync: '`{ sync: true }` on put/batch: the LevelDB log record is written and fdatasync\'d before the callback',
      none: '`{ sync: false }`: the log record is written to the OS (no fsync)',
    },
    grouping:
      'LevelDB\'s writer queue merges writes waiting behind the current one into one log write + sync; concurrency is limited by the libuv thread pool (4 threads)',
  },
  'better-sqlite3': {
    setup:
      'table `kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`, `journal_mode=WAL`, `cache_size` = cache budget, prepared statements',
    durability: {
      sync: '`synchronous=FULL`: every commit appends to the WAL file and fsyncs it before returning (this build does not define HAVE_FDATASYNC, so SQLite calls fsync)',
      none: '`synchronous=OFF`: no syncs at all',
    },
    grouping:
      'none: the API is synchronous, so writes are strictly serial, one sync per commit (the "64 writers" case runs as one writer)',
  },
};
