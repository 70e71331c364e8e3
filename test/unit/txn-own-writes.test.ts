// Regression: every scan inside a transaction copied and sorted the transaction's whole write set,
// so inserting n rows into a table with a UNIQUE index in one transaction cost O(n² log n). Large
// write sets now keep a sorted index; this checks scans over it against a model (seed printed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open } from '../../src/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('scans see a large write set in order, with deletes and savepoint rollbacks', async () => {
  const seed = Number(process.env['TXN_OWN_WRITES_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`TXN_OWN_WRITES_SEED=${seed}`);
  const rand = rng(seed);
  const db = await open('/db', { fs: new MemoryFileSystem() });
  try {
    const key = (i: number): string => `k${String(i).padStart(4, '0')}`;
    const model = new Map<string, string>();
    for (let i = 0; i < 300; i += 3) {
      await db.put(key(i), 'committed');
      model.set(key(i), 'committed');
    }
    const tx = db.begin();
    const check = (): void => {
      const lo = Math.floor(rand() * 1000);
      const hi = lo + Math.floor(rand() * 400);
      const reverse = rand() < 0.5;
      const expected = [...model.entries()].filter(([k]) => k >= key(lo) && k < key(hi)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      if (reverse) expected.reverse();
      const got = [...tx.range({ gte: key(lo), lt: key(hi), reverse })].map(([k, v]) => [Buffer.from(k).toString(), Buffer.from(v).toString()]);
      assert.deepEqual(got, expected, `range [${lo}, ${hi}) reverse=${reverse}`);
    };
    for (let step = 0; step < 3000; step++) {
      const i = Math.floor(rand() * 1000);
      const r = rand();
      if (r < 0.6) {
        await tx.put(key(i), `v${step}`);
        model.set(key(i), `v${step}`);
      } else if (r < 0.8) {
        await tx.delete(key(i));
        model.delete(key(i));
      } else if (r < 0.83) {
        const saved = new Map(model);
        tx.savepoint('s');
        for (let j = 0; j < 20; j++) {
          const x = Math.floor(rand() * 1000);
          if (rand() < 0.7) {
            await tx.put(key(x), 'undone');
            model.set(key(x), 'undone');
          } else {
            await tx.delete(key(x));
            model.delete(key(x));
          }
        }
        check();
        tx.rollbackTo('s');
        tx.release('s');
        model.clear();
        for (const [k, v] of saved) model.set(k, v);
      }
      if (step % 50 === 0) check();
    }
    check();
    tx.rollback();
  } finally {
    await db.close();
  }
});
