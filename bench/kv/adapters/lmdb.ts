/**
 * lmdb-js. Durable = lmdb-js defaults (on Linux: overlappingSync, put promises resolve once the
 * transaction is flushed). Puts issued in the same event turn are committed as one transaction:
 * that is lmdb-js's concurrency model, and the "64 writers" workload exercises it.
 */
import { open } from 'lmdb';
import type { RootDatabase } from 'lmdb';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../adapter.js';
import { scanSink } from '../adapter.js';
import { OpenHandle } from '../../lib/open-handle.js';

class LmdbAdapter implements KvAdapter {
  readonly serialWrites = false;
  private readonly db = new OpenHandle<RootDatabase<Buffer, Uint8Array>>('lmdb adapter');

  open(dir: string, options: KvOpenOptions): Promise<void> {
    this.db.set(open<Buffer, Uint8Array>({
      path: dir,
      keyEncoding: 'binary',
      encoding: 'binary',
      ...(options.durability === 'none' ? { noSync: true } : {}),
    }));
    return Promise.resolve();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.db.handle.get(key);
  }

  async put(key: Uint8Array, value: Uint8Array): Promise<void> {
    await this.db.handle.put(key, value as Buffer);
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    const db = this.db.handle;
    await db.batch(() => {
      for (const [key, value] of entries) void db.put(key, value as Buffer);
    });
  }

  scan(start: Uint8Array, count: number): number {
    let seen = 0;
    let bytes = 0;
    for (const { key, value } of this.db.handle.getRange({ start, limit: count })) {
      bytes += key.length + value.length;
      seen++;
    }
    scanSink.bytes += bytes;
    return seen;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export function createAdapter(): KvAdapter {
  return new LmdbAdapter();
}
