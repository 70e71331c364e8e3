// The Redis server answers both Node clients: a first end-to-end check of the test harness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from './lib.js';

test('ioredis and node-redis talk to the server', async () => {
  const s = await startTestServer();
  try {
    const io = s.ioredis();
    assert.equal(await io.set('k', 'v'), 'OK');
    assert.equal(await io.get('k'), 'v');
    const nr = await s.nodeRedis();
    assert.equal(await nr.get('k'), 'v');
    assert.equal(await nr.incr('n'), 1);
    const nr3 = await s.nodeRedis3();
    assert.equal(await nr3.get('n'), '1');
  } finally {
    await s.close();
  }
});
