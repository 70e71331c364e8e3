// Regression: a transaction whose first operation was a scan of an empty range took no snapshot,
// so its snapshot came from a later operation and saw commits made in between (found by the
// txn-model test, seed 4017165624).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open, type IsolationLevel } from '../../src/index.js';

for (const isolation of ['repeatable read', 'serializable'] as IsolationLevel[]) {
  test(`${isolation}: an empty-range scan as the first operation takes the snapshot`, async () => {
    const db = await open('/db', { fs: new MemoryFileSystem() });
    try {
      await db.put('k', 'v1');
      const tx = db.begin({ isolation });
      assert.deepEqual([...tx.range({ gte: 'b', lt: 'a' })], []);
      assert.deepEqual([...tx.range({ limit: 0 })], []);
      await db.put('k', 'v2');
      assert.equal(Buffer.from(tx.get('k')!).toString(), 'v1');
      tx.rollback();
    } finally {
      await db.close();
    }
  });
}
