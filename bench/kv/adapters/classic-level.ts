/** classic-level (LevelDB). Point reads use `getSync`, so all engines' gets are synchronous calls. */
import { ClassicLevel } from 'classic-level';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';

/** Entries fetched per `nextv` call of a scan. */
const scanChunkEntries = 1000;

class ClassicLevelAdapter implements KvAdapter {
  readonly serialWrites = false;
  private db: ClassicLevel<Buffer, Buffer> | undefined;
  private sync = true;

  private get handle(): ClassicLevel<Buffer, Buffer> {
    if (this.db === undefined) throw new Error('classic-level adapter used before open');
    return this.db;
  }

  async open(dir: string, options: KvOpenOptions): Promise<void> {
    this.sync = options.durability === 'sync';
    this.db = new ClassicLevel<Buffer, Buffer>(dir, {
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
      cacheSize: options.cacheBytes,
    });
    await this.db.open();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.handle.getSync(key as Buffer);
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.handle.put(key as Buffer, value as Buffer, { sync: this.sync });
  }

  putMany(entries: readonly KvEntry[]): Promise<void> {
    const ops = entries.map(([key, value]) => ({ type: 'put' as const, key: key as Buffer, value: value as Buffer }));
    return this.handle.batch(ops, { sync: this.sync });
  }

  async scan(start: Uint8Array, count: number): Promise<number> {
    const it = this.handle.iterator({ gte: start as Buffer, limit: count });
    let seen = 0;
    let bytes = 0;
    try {
      for (;;) {
        const chunk = await it.nextv(scanChunkEntries);
        if (chunk.length === 0) break;
        for (const [key, value] of chunk) {
          bytes += key.length + value.length;
          seen++;
        }
      }
    } finally {
      await it.close();
    }
    scanSink.bytes += bytes;
    return seen;
  }

  async close(): Promise<void> {
    await this.db?.close();
    this.db = undefined;
  }
}

export function createAdapter(): KvAdapter {
  return new ClassicLevelAdapter();
}
