// Model-based tests of the engine: random operations checked against a Map, across evictions,
// checkpoints, splits, merges, overflow values and reopen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, open, type Database } from '../../src/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function randomBytes(r: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

function randomKey(r: () => number): Uint8Array {
  const kind = r();
  if (kind < 0.6) return Buffer.from(`k${Math.floor(r() * 3000).toString().padStart(5, '0')}`);
  if (kind < 0.9) return randomBytes(r, 1 + Math.floor(r() * 40));
  return randomBytes(r, 1 + Math.floor(r() * 1024)); // up to keyBytesMax
}

function randomValue(r: () => number): Uint8Array {
  const kind = r();
  if (kind < 0.8) return randomBytes(r, Math.floor(r() * 200));
  if (kind < 0.97) return randomBytes(r, 200 + Math.floor(r() * 3000));
  return randomBytes(r, 5000 + Math.floor(r() * 60000)); // overflow runs
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

function verify(db: Database, model: Map<string, string>, r: () => number): void {
  for (const [k, v] of model) {
    const got = db.get(Buffer.from(k, 'hex'));
    assert.ok(got !== undefined, `key ${k.slice(0, 20)} missing`);
    assert.equal(hex(got), v);
  }
  const sorted = [...model.keys()].sort(compareBytes);
  const all = [...db.range()].map(([k]) => hex(k));
  assert.deepEqual(all, sorted, 'full scan order');
  const rev = [...db.range({ reverse: true })].map(([k]) => hex(k));
  assert.deepEqual(rev, sorted.slice().reverse(), 'reverse scan order');
  for (let i = 0; i < 20 && sorted.length > 0; i++) {
    const a = sorted[Math.floor(r() * sorted.length)]!;
    const b = sorted[Math.floor(r() * sorted.length)]!;
    const [lo, hi] = compareBytes(a, b) <= 0 ? [a, b] : [b, a];
    const want = sorted.filter((k) => compareBytes(k, lo) > 0 && compareBytes(k, hi) <= 0);
    const got = [...db.range({ gt: Buffer.from(lo, 'hex'), lte: Buffer.from(hi, 'hex') })].map(([k]) => hex(k));
    assert.deepEqual(got, want, 'bounded scan');
    const gotRev = [...db.range({ gt: Buffer.from(lo, 'hex'), lte: Buffer.from(hi, 'hex'), reverse: true, limit: 5 })].map(([k]) => hex(k));
    assert.deepEqual(gotRev, want.slice().reverse().slice(0, 5), 'bounded reverse scan with limit');
  }
}

for (const seed of [1, 2, 3]) {
  test(`random operations match a Map model (seed ${seed})`, async () => {
    const r = rng(seed);
    const fs = new MemoryFileSystem();
    const opts = { fs, cacheBytes: 1024 * 1024, durability: 'none' as const };
    let db = await open('/db', opts);
    const model = new Map<string, string>();
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 1500; i++) {
        const p = r();
        if (p < 0.6) {
          const k = randomKey(r);
          const v = randomValue(r);
          await db.put(k, v);
          model.set(hex(k), hex(v));
        } else if (p < 0.85) {
          const keys = [...model.keys()];
          const k = keys.length > 0 && r() < 0.9 ? Buffer.from(keys[Math.floor(r() * keys.length)]!, 'hex') : randomKey(r);
          await db.delete(k);
          model.delete(hex(k));
        } else {
          const ops: Array<{ type: 'put'; key: Uint8Array; value: Uint8Array } | { type: 'delete'; key: Uint8Array }> = [];
          for (let j = 0; j < 1 + Math.floor(r() * 20); j++) {
            const k = randomKey(r);
            if (r() < 0.7) ops.push({ type: 'put', key: k, value: randomValue(r) });
            else ops.push({ type: 'delete', key: k });
          }
          await db.batch(ops);
          for (const op of ops) {
            if (op.type === 'put') model.set(hex(op.key), hex(op.value));
            else model.delete(hex(op.key));
          }
        }
        if (r() < 0.002) await db.checkpoint();
      }
      verify(db, model, r);
      await db.check();
      if (round % 2 === 1) {
        await db.close();
        db = await open('/db', opts);
        verify(db, model, r);
        await db.check();
      }
    }
    // delete everything: merges all the way down to an empty tree
    for (const k of [...model.keys()]) await db.delete(Buffer.from(k, 'hex'));
    model.clear();
    verify(db, model, r);
    await db.check();
    assert.equal(db.stats().entries, 0);
    assert.equal(db.stats().treeHeight, 0);
    await db.close();
  });
}

test('overwrite and delete churn reuses free pages (file size stays bounded)', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs, cacheBytes: 2 * 1024 * 1024, durability: 'none' });
  const value = new Uint8Array(300).fill(1);
  const big = new Uint8Array(20000).fill(2);
  const sizes: number[] = [];
  for (let round = 0; round < 12; round++) {
    const ops = [];
    for (let i = 0; i < 2000; i++) ops.push({ type: 'put' as const, key: `key${i}`, value: i % 50 === 0 ? big : value });
    await db.batch(ops);
    await db.checkpoint();
    for (let i = 0; i < 2000; i += 2) await db.delete(`key${i}`);
    await db.checkpoint();
    sizes.push(db.stats().pageCount);
  }
  await db.check();
  // After the first rounds the file must stop growing: freed pages are reused.
  const late = sizes.slice(4);
  assert.ok(Math.max(...late) <= sizes[3]! * 1.2, `page count keeps growing: ${sizes.join(',')}`);
  await db.close();
});

test('a database ten times larger than the buffer pool works and evicts', async () => {
  const fs = new MemoryFileSystem();
  const cacheBytes = 1024 * 1024;
  let db = await open('/db', { fs, cacheBytes, durability: 'none' });
  const n = 40000;
  for (let start = 0; start < n; start += 1000) {
    const ops = [];
    for (let i = start; i < start + 1000; i++) ops.push({ type: 'put' as const, key: `user${(i * 7919) % n}`, value: `value-${i}-`.padEnd(200, 'x') });
    await db.batch(ops);
  }
  await db.close();
  db = await open('/db', { fs, cacheBytes, durability: 'none' });
  const stats0 = db.stats();
  assert.ok(stats0.pageCount * stats0.pageSize > 10 * cacheBytes, `database of ${stats0.pageCount} pages is not 10x the cache`);
  for (let i = 0; i < n; i += 7) {
    const got = db.get(`user${(i * 7919) % n}`);
    assert.ok(got !== undefined);
    assert.equal(Buffer.from(got).toString().startsWith(`value-${i}-`), true);
  }
  let count = 0;
  for (const _ of db.range()) count++;
  assert.equal(count, n);
  const stats = db.stats();
  assert.ok(stats.cacheEvictions > 0, 'evictions happened');
  assert.ok(stats.cacheBytes <= cacheBytes * 1.05, `cache holds ${stats.cacheBytes} bytes over its capacity`);
  await db.check();
  await db.close();
});

test('writes during an iteration do not derail it', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs, durability: 'none' });
  for (let i = 0; i < 2000; i++) await db.put(`k${String(i).padStart(5, '0')}`, 'v');
  const seen: string[] = [];
  for (const [k] of db.range()) {
    const key = Buffer.from(k).toString();
    seen.push(key);
    if (seen.length % 100 === 0) {
      await db.put(`k${String(seen.length * 3).padStart(5, '0')}a`, 'new');
      await db.delete(`k${String(seen.length + 5).padStart(5, '0')}`);
    }
  }
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]! < seen[i]!, 'strictly ascending despite concurrent writes');
  await db.close();
});

// Pins the background encode of a checkpoint's cut: writes that reach frozen nodes while the
// checkpoint runs must not leak into it, and it must hold every commit before the cut.
test('writes during a checkpoint: the crash image is the cut plus a prefix of later writes', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs, durability: 'none' });
  const model = new Map<string, string>();
  const val = (i: number, gen: number): string => `v${gen}-${i}-`.padEnd(120, 'z');
  const batch = [];
  for (let i = 0; i < 30000; i++) {
    batch.push({ type: 'put' as const, key: `key${(i * 7919) % 30000}`, value: val(i, 0) });
    model.set(`key${(i * 7919) % 30000}`, val(i, 0));
  }
  await db.batch(batch);
  const cut = new Map(model);
  const later: Array<[string, string | undefined]> = [];
  const checkpoint = db.checkpoint();
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 3000; i++) {
    const key = `key${(i * 104729) % 30000}`;
    if (i % 3 === 0) {
      writes.push(db.delete(key));
      later.push([key, undefined]);
    } else {
      writes.push(db.put(key, val(i, 1)));
      later.push([key, val(i, 1)]);
    }
  }
  await Promise.all([checkpoint, ...writes]);
  const image = fs.crash();
  const reopened = await open('/db', { fs: image, durability: 'none' });
  await reopened.check();
  const state = new Map<string, string>();
  for (const [k, v] of reopened.range()) state.set(Buffer.from(k).toString(), Buffer.from(v).toString());
  // find the prefix of `later` that explains the state
  const expect = new Map(cut);
  let matched = false;
  for (let n = 0; n <= later.length; n++) {
    if (n > 0) {
      const [k, v] = later[n - 1]!;
      if (v === undefined) expect.delete(k);
      else expect.set(k, v);
    }
    if (expect.size === state.size && [...expect].every(([k, v]) => state.get(k) === v)) {
      matched = true;
      break;
    }
  }
  assert.ok(matched, 'recovered state is the checkpoint cut plus a prefix of the later writes');
  await reopened.close();
  // The old instance's file system has lost power: its close must say so, not pretend.
  await assert.rejects(db.close());
});

// Pins a starvation bug: flushes chained as microtasks kept a writer that awaits each put from
// ever yielding to timers, so `periodic` durability never fsynced during such a loop.
test('periodic durability fsyncs while a serial writer keeps writing', async () => {
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs, durability: 'periodic', periodicSyncMs: 1 });
  await db.put('first', 'v'); // the first write zero-extends the log (an awaited async write)
  const before = db.stats().fsyncs;
  let puts = 0;
  // 10,000 puts of ~40 bytes stay inside the first 1 MiB of the log: no further async I/O of its
  // own, so only the engine's yielding between flushes lets the 1 ms timer run.
  while (db.stats().fsyncs === before && puts < 10_000) await db.put(`k${puts++ % 1000}`, 'v');
  assert.ok(db.stats().fsyncs > before, `no periodic fsync during ${puts} serial puts`);
  await db.close();
});
