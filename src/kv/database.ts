/** The public Database: the default keyspace plus management (keyspaces, stats, check, close). */
import { InvalidArgumentError } from '../errors.js';
import { NodeFileSystem } from '../io/index.js';
import { cacheBytesDefault, cacheBytesMin, pageBytesDefault, periodicSyncMsDefault } from '../limits.js';
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
export async function open(dir: string, options: OpenOptions = {}): Promise<Database> {
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
  const engine = await Engine.open(dir, {
    durability,
    cacheBytes,
    pageSize: options.pageSize ?? pageBytesDefault,
    periodicSyncMs,
    fs: options.fs ?? new NodeFileSystem(),
  });
  return new Database(engine);
}
