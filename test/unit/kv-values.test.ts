// Keyspace.values(): the values of range() in the same order and bounds, without the keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open } from '../../src/index.js';

test('values() yields what range() yields, values only, for every bound and direction', async () => {
  const db = await open('/db', { fs: new MemoryFileSystem() });
  try {
    const ks = db.keyspace('v');
    await ks.batch(Array.from({ length: 50 }, (_, i) => ({ type: 'put' as const, key: `k${String(i).padStart(2, '0')}`, value: `v${i}` })));
    await db.put('k10', 'other keyspace');
    for (const o of [{}, { gte: 'k10', lt: 'k20' }, { gt: 'k10', lte: 'k20', reverse: true }, { prefix: 'k3', limit: 4 }, { gt: 'k99' }]) {
      const want = [...ks.range(o)].map(([, v]) => Buffer.from(v).toString());
      const got = [...ks.values(o)].map((v) => Buffer.from(v).toString());
      assert.deepEqual(got, want, JSON.stringify(o));
    }
    assert.throws(() => [...ks.values({ limit: -1 })], /limit/);
  } finally {
    await db.close();
  }
});
