/** The public Database: the default keyspace plus management (keyspaces, stats, check, close). */
import { InvalidArgumentError } from '../errors.js';
import { isRetryable, Transaction, type TransactionOptions } from './transaction.js';
import { NodeFileSystem } from '../io/index.js';
import {
  cacheBytesDefault,
  cacheBytesMin,
  lockTimeoutMsDefault,
  pageBytesDefault,
  periodicSyncMsDefault,
  transactionRetriesDefault,
  transactionRetryBackoffMaxMs,
  transactionRetryBackoffMs,
  versionStoreBytesMax,
} from '../limits.js';
import { DEFAULT_KEYSPACE_ID, Engine } from './engine.js';
import { Keyspace } from './keyspace.js';
import { durabilityModes, type DatabaseStats, type OpenOptions } from './types.js';

/** An open database. Its own get/put/delete/batch/range work on the default keyspace. */
export class Database extends Keyspace {
  private readonly keyspaces = new Map<string, Keyspace>();

  /** @internal */
  constructor(engine: Engine) {
    super(engine, '', DEFAULT_KEYSPACE_ID, true);
  }

  /** The directory the database lives in. */
  get directory(): string {
    return this.engine.dir;
  }

  /** A named keyspace with the same methods and its own keys. Created on first write. */
  keyspace(name: string): Keyspace {
    const known = this.keyspaces.get(name);
    if (known !== undefined) return known;
    const { id, persisted } = this.engine.keyspaceId(name);
    const ks = new Keyspace(this.engine, name, id, persisted);
    this.keyspaces.set(name, ks);
    return ks;
  }

  /**
   * Begin an interactive transaction (no I/O; the snapshot is taken at its first operation).
   * Default isolation: serializable.
   */
  begin(options: TransactionOptions = {}): Transaction {
    return new Transaction(this.engine, this, (name) => this.keyspace(name), options);
  }

  /**
   * Run `fn` in a transaction: commit when it resolves, roll back when it throws. After a
   * serialization failure (40001) or a deadlock (40P01) the whole of `fn` runs again, up to
   * `options.retries` times (default 0), with exponential backoff.
   */
  async transaction<T>(fn: (tx: Transaction) => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('transaction expects a function');
    const retries = options.retries ?? transactionRetriesDefault;
    if (!(Number.isInteger(retries) && retries >= 0)) throw new InvalidArgumentError(`retries must be a non-negative integer, got ${String(retries)}`);
    for (let attempt = 0; ; attempt++) {
      const tx = this.begin(options);
      try {
        const result = await fn(tx);
        if (tx.state === 'active' || tx.state === 'failed') await tx.commit();
        return result;
      } catch (err) {
        if (tx.state === 'active' || tx.state === 'failed') tx.rollback();
        if (attempt >= retries || !isRetryable(err)) throw err;
        const backoff = Math.min(transactionRetryBackoffMaxMs, transactionRetryBackoffMs * 2 ** attempt);
        await new Promise((r) => setTimeout(r, backoff * (0.5 + Math.random())));
      }
    }
  }

  /** Names of the keyspaces that hold or held data. */
  keyspaceNames(): string[] {
    return [...this.engine.keyspaceIds.keys()].sort();
  }

  /** Counters and gauges: cache, pages, dirty bytes, WAL, fsyncs, checkpoints. */
  stats(): DatabaseStats {
    return this.engine.stats();
  }

  /** Full integrity check; throws CorruptionError naming the page. */
  check(): Promise<void> {
    return this.engine.check();
  }

  /** Write a checkpoint now (all applied commits into the page file; the WAL it covers is dropped). */
  checkpoint(): Promise<void> {
    return this.engine.checkpoint();
  }

  /** Finish queued writes, checkpoint, and release the directory. */
  close(): Promise<void> {
    return this.engine.close();
  }
}

/**
 * Open (creating if needed) the database in directory `dir`.
 * Throws DatabaseLockedError when another process or open holds it.
 */
export function open(dir: string, options: OpenOptions = {}): Promise<Database> {
  return openWith(dir, options, (engine) => new Database(engine));
}

/** @internal Open and wrap the engine with `make` (the package root's Database adds SQL). */
export async function openWith<D extends Database>(dir: string, options: OpenOptions, make: (engine: Engine) => D): Promise<D> {
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError('open: dir must be a non-empty string');
  const durability = options.durability ?? 'sync';
  if (!durabilityModes.includes(durability)) {
    throw new InvalidArgumentError(`durability must be one of ${durabilityModes.join(', ')}, got ${String(durability)}`);
  }
  const cacheBytes = options.cacheBytes ?? cacheBytesDefault;
  if (!(Number.isFinite(cacheBytes) && cacheBytes >= cacheBytesMin)) {
    throw new InvalidArgumentError(`cacheBytes must be at least ${cacheBytesMin}, got ${cacheBytes}`);
  }
  const periodicSyncMs = options.periodicSyncMs ?? periodicSyncMsDefault;
  if (!(Number.isFinite(periodicSyncMs) && periodicSyncMs >= 1)) {
    throw new InvalidArgumentError(`periodicSyncMs must be at least 1, got ${periodicSyncMs}`);
  }
  const lockTimeoutMs = options.lockTimeoutMs ?? lockTimeoutMsDefault;
  if (!(Number.isFinite(lockTimeoutMs) && lockTimeoutMs >= 0)) {
    throw new InvalidArgumentError(`lockTimeoutMs must be a non-negative number, got ${lockTimeoutMs}`);
  }
  const versionStoreBytes = options.versionStoreBytes ?? versionStoreBytesMax;
  if (!(Number.isFinite(versionStoreBytes) && versionStoreBytes >= 0)) {
    throw new InvalidArgumentError(`versionStoreBytes must be a non-negative number, got ${versionStoreBytes}`);
  }
  const engine = await Engine.open(dir, {
    lockTimeoutMs,
    versionStoreBytes,
    durability,
    cacheBytes,
    pageSize: options.pageSize ?? pageBytesDefault,
    periodicSyncMs,
    inlineSync: options.inlineSync ?? true,
    fs: options.fs ?? new NodeFileSystem(),
  });
  return make(engine);
}
