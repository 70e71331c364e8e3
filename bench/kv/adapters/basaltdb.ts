/** BasaltDB through its public API. */
import { open } from '../../../src/index.js';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';
import { OpenHandle } from '../../lib/open-handle.js';

type Database = Awaited<ReturnType<typeof open>>;

class BasaltAdapter implements KvAdapter {
  readonly serialWrites = false;
  private readonly db = new OpenHandle<Database>('basaltdb adapter');

  async open(dir: string, options: KvOpenOptions): Promise<void> {
    this.db.set(await open(dir, { durability: options.durability, cacheBytes: options.cacheBytes }));
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.db.handle.get(key);
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.db.handle.put(key, value);
  }

  putMany(entries: readonly KvEntry[]): Promise<void> {
    const ops = entries.map(([key, value]) => ({ type: 'put' as const, key, value }));
    return this.db.handle.batch(ops);
  }

  scan(start: Uint8Array, count: number): number {
    let seen = 0;
    let bytes = 0;
    for (const [key, value] of this.db.handle.range({ gte: start, limit: count })) {
      bytes += key.length + value.length;
      seen++;
    }
    scanSink.bytes += bytes;
    return seen;
  }

  stats(): Record<string, number> {
    const s = this.db.handle.stats();
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

  close(): Promise<void> {
    return this.db.close();
  }
}

export function createAdapter(): KvAdapter {
  return new BasaltAdapter();
}
