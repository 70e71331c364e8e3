// An fsync that fails under the Redis server: the write it carried is never acknowledged (its
// connection is closed), later writes get MISCONF, reads keep working, and nothing else breaks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem } from '../../src/index.js';
import { startTestServer } from './lib.js';

test('a failed fsync: no acknowledgment, MISCONF for later writes, reads still served', async () => {
  const fs = new MemoryFileSystem();
  const s = await startTestServer({ open: { fs } });
  try {
    const a = await s.raw();
    assert.equal((await a.call('SET', 'k', 'before')).toString(), '+OK\r\n');
    fs.failAt(1, 'EIO', 'sync');
    const b = await s.raw();
    const reply = await b.call('SET', 'k', 'lost');
    assert.equal(reply.length, 0, `the failed write is not acknowledged (got ${JSON.stringify(reply.toString())}); its connection closes`);
    const c = await s.raw();
    assert.match((await c.call('SET', 'other', 'x')).toString(), /^-MISCONF /);
    assert.equal((await c.call('GET', 'k')).toString(), '$6\r\nbefore\r\n', 'reads see the last durable value');
    assert.equal((await a.call('PING')).toString(), '+PONG\r\n', 'other clients carry on');
    assert.match((await a.call('INFO', 'persistence')).toString(), /aof_last_write_status:err/);
  } finally {
    await s.close();
  }
});
