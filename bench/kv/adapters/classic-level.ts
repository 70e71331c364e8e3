/** classic-level (LevelDB). Point reads use `getSync`, so all engines' gets are synchronous calls. */
import { ClassicLevel } from 'classic-level';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';
import { OpenHandle } from '../../lib/open-handle.js';

/** Entries fetched per `nextv` call of a scan. */
const scanChunkEntries = 1000;

class ClassicLevelAdapter implements KvAdapter {
  readonly serialWrites = false;
  private readonly db = new OpenHandle<ClassicLevel<Buffer, Buffer>>('classic-level adapter');
  private sync = true;

  async open(dir: string, options: KvOpenOptions): Promise<void> {
    this.sync = options.durability === 'sync';
    const db = this.db.set(new ClassicLevel<Buffer, Buffer>(dir, {
      keyEncoding: 'buffer',
      valueEncoding: 'buffer',
      cacheSize: options.cacheBytes,
    }));
    await db.open();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.db.handle.getSync(key as Buffer);
  }

  put(key: Uint8Array, value: Uint8Array): Promise<void> {
    return this.db.handle.put(key as Buffer, value as Buffer, { sync: this.sync });
  }

  putMany(entries: readonly KvEntry[]): Promise<void> {
    const ops = entries.map(([key, value]) => ({ type: 'put' as const, key: key as Buffer, value: value as Buffer }));
    return this.db.handle.batch(ops, { sync: this.sync });
  }

  async scan(start: Uint8Array, count: number): Promise<number> {
    const it = this.db.handle.iterator({ gte: start as Buffer, limit: count });
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

  close(): Promise<void> {
    return this.db.close();
  }
}

export function createAdapter(): KvAdapter {
  return new ClassicLevelAdapter();
}
