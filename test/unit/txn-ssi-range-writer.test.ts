// Regression: a SERIALIZABLE range scan that met a key written by a still-uncommitted transaction
// recorded no rw-conflict (point reads did), so write skew through range reads committed (Hermitage G1c).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open } from '../../src/index.js';

test('range reads of keys an open serializable transaction wrote form rw-conflicts', async () => {
  const db = await open('/db', { fs: new MemoryFileSystem() });
  const t = db.keyspace('t');
  await t.put('1', '10');
  await t.put('2', '20');
  const t1 = db.begin({ isolation: 'serializable' });
  const t2 = db.begin({ isolation: 'serializable' });
  await t1.keyspace('t').put('1', '11');
  await t2.keyspace('t').put('2', '22');
  assert.equal([...t1.keyspace('t').range({ gte: '2', lte: '2' })].length, 1);
  assert.equal([...t2.keyspace('t').range({ gte: '1', lte: '1' })].length, 1);
  await t1.commit();
  await assert.rejects(t2.commit(), (err: unknown) => (err as { code?: string }).code === '40001');
  assert.equal(new TextDecoder().decode(t.get('2')), '20');
  await db.close();
});
