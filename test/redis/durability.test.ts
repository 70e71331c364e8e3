// Durability of the Redis server under --appendfsync always: every acknowledged write is there
// after a clean restart and after kill -9 (the server runs as a real `basalt serve` process).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { startBasalt } from '../lib/servers.js';
import { randomSeed, Rng } from '../lib/rng.js';

function client(port: number): Redis {
  const c = new Redis({ port, host: '127.0.0.1', protocol: 2, maxRetriesPerRequest: 0, retryStrategy: () => null });
  c.on('error', () => {});
  return c;
}

test('data of every type and expiry times survive a restart', async () => {
  const first = await startBasalt({ appendfsync: 'always' });
  const c = client(first.port);
  await c.set('s', 'hello');
  await c.set('ttl', 'v', 'EX', 1000);
  await c.rpush('l', 'a', 'b', 'c');
  await c.lpush('l', 'z');
  await c.hset('h', 'f1', 'v1', 'f2', 'v2');
  await c.sadd('set', 'x', 'y');
  await c.zadd('z', '1', 'one', '2.5', 'two');
  const ttlBefore = await c.pttl('ttl');
  await c.select(3);
  await c.set('in3', 'three');
  c.disconnect();
  assert.equal(await first.stop(), 0);

  const second = await startBasalt({ dir: first.dir, appendfsync: 'always' });
  const d = client(second.port);
  try {
    assert.equal(await d.get('s'), 'hello');
    assert.deepEqual(await d.lrange('l', 0, -1), ['z', 'a', 'b', 'c']);
    assert.deepEqual(await d.hgetall('h'), { f1: 'v1', f2: 'v2' });
    assert.deepEqual((await d.smembers('set')).sort(), ['x', 'y']);
    assert.deepEqual(await d.zrange('z', '0', '-1', 'WITHSCORES'), ['one', '1', 'two', '2.5']);
    const ttl = await d.pttl('ttl');
    assert.ok(ttl > 0 && ttl <= ttlBefore, `TTL kept across the restart (${ttl} <= ${ttlBefore})`);
    assert.equal(await d.dbsize(), 6);
    await d.select(3);
    assert.equal(await d.get('in3'), 'three');
  } finally {
    d.disconnect();
    await second.stop();
    rmSync(first.dir, { recursive: true, force: true });
  }
});

test('kill -9 under appendfsync always loses no acknowledged write', async () => {
  const seed = process.env['SEED'] !== undefined ? Number(process.env['SEED']) : randomSeed();
  console.log(`seed ${seed}`);
  const rng = new Rng(seed);
  const server = await startBasalt({ appendfsync: 'always' });
  const clients = 8;
  const acked = { counter: new Array<number>(clients).fill(0), list: new Array<number>(clients).fill(0), set: new Array<string>(clients).fill(''), hash: new Array<number>(clients).fill(0) };
  let total = 0;
  const killAt = 1500 + rng.int(1500);
  let killed = false;
  const stop = server.kill9;
  const work = Array.from({ length: clients }, async (_, i) => {
    const c = client(server.port);
    try {
      for (let n = 1; !killed; n++) {
        const op = n % 4;
        if (op === 0) {
          await c.incr(`counter:${i}`);
          acked.counter[i] = n / 4;
        } else if (op === 1) {
          await c.rpush(`list:${i}`, String(n));
          acked.list[i]!++;
        } else if (op === 2) {
          await c.set(`str:${i}`, `v${n}`);
          acked.set[i] = `v${n}`;
        } else {
          await c.hset(`hash:${i}`, `f${n}`, String(n));
          acked.hash[i]!++;
        }
        if (++total === killAt) {
          killed = true;
          await stop();
        }
      }
    } catch {
      // the connection dies with the server
    } finally {
      c.disconnect();
    }
  });
  await Promise.all(work);
  assert.ok(killed, 'the server was killed mid-load');

  const again = await startBasalt({ dir: server.dir, appendfsync: 'always' });
  const d = client(again.port);
  try {
    for (let i = 0; i < clients; i++) {
      const counter = Number((await d.get(`counter:${i}`)) ?? 0);
      assert.ok(counter >= acked.counter[i]!, `client ${i}: counter ${counter} >= acknowledged ${acked.counter[i]}`);
      const list = await d.lrange(`list:${i}`, 0, -1);
      assert.ok(list.length >= acked.list[i]!, `client ${i}: list of ${list.length} >= acknowledged ${acked.list[i]}`);
      const values = list.map(Number);
      assert.deepEqual(values, [...values].sort((a, b) => a - b), 'list elements in push order');
      assert.ok((await d.hlen(`hash:${i}`)) >= acked.hash[i]!, `client ${i}: hash fields`);
      if (acked.set[i] !== '') {
        const v = await d.get(`str:${i}`);
        assert.ok(v !== null && Number(v.slice(1)) >= Number(acked.set[i]!.slice(1)), `client ${i}: string ${v} at least ${acked.set[i]}`);
      }
    }
  } finally {
    d.disconnect();
    await again.stop();
    rmSync(server.dir, { recursive: true, force: true });
  }
});

for (const policy of ['everysec', 'no'] as const) {
  test(`appendfsync ${policy}: the engine mode it maps to, and data kept across a clean restart`, async () => {
    const first = await startBasalt({ appendfsync: policy });
    const c = client(first.port);
    const mode = policy === 'everysec' ? 'periodic' : 'none';
    try {
      assert.deepEqual(await c.config('GET', 'appendfsync'), ['appendfsync', policy]);
      assert.match(await c.info('persistence'), new RegExp(`basalt_durability:${mode}\\r\\n`));
      for (let i = 0; i < 200; i++) await c.set(`k${i}`, `v${i}`);
      await c.rpush('l', 'a', 'b');
    } finally {
      c.disconnect();
    }
    assert.equal(await first.stop(), 0);
    const second = await startBasalt({ dir: first.dir, appendfsync: policy });
    const d = client(second.port);
    try {
      assert.equal(await d.dbsize(), 201);
      assert.equal(await d.get('k199'), 'v199');
      assert.deepEqual(await d.lrange('l', '0', '-1'), ['a', 'b']);
    } finally {
      d.disconnect();
      await second.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
}
