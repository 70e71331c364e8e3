/** BasaltDB through its public API. */
import { open } from '../../../src/index.js';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';

type Database = Awaited<ReturnType<typeof open>>;

class BasaltAdapter implements KvAdapter {
  readonly serialWrites = false;
  private db: Database | undefined;

  private get handle(): Database {
    if (this.db === undefined) throw new Error('basaltdb adapter used before open');
    return this.db;
  }

  async open(dir: string, options: KvOpenOptions): Promise<void> {
    this.db = await open(dir, { durability: options.durability, cacheBytes: options.cacheBytes });
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.handle.get(key);
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.handle.put(key, value);
  }

  putMany(entries: readonly KvEntry[]): Promise<void> {
    const ops = entries.map(([key, value]) => ({ type: 'put' as const, key, value }));
    return this.handle.batch(ops);
  }

  scan(start: Uint8Array, count: number): number {
    let seen = 0;
    let bytes = 0;
    for (const [key, value] of this.handle.range({ gte: start, limit: count })) {
      bytes += key.length + value.length;
      seen++;
    }
    scanSink.bytes += bytes;
    return seen;
  }

  stats(): Record<string, number> {
    const s = this.handle.stats();
    return {
      fsyncs: s.fsyncs,
      commits: s.commits,
      checkpoints: s.checkpoints,
      cacheHits: s.cacheHits,
      cacheMisses: s.cacheMisses,
      cacheEvictions: s.cacheEvictions,
      cacheBytes: s.cacheBytes,
      pageCount: s.pageCount,
      freePages: s.freePages,
      walBytes: s.walBytes,
      treeHeight: s.treeHeight,
    };
  }

  async close(): Promise<void> {
    await this.db?.close();
    this.db = undefined;
  }
}

export function createAdapter(): KvAdapter {
  return new BasaltAdapter();
}
