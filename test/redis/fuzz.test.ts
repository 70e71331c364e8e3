// Fuzz: random bytes, truncated and mutated RESP frames and hostile lengths never crash the server
// or disturb other clients; each bad connection gets a protocol error or is simply closed.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { randomSeed, Rng } from '../lib/rng.js';
import { startTestServer } from './lib.js';
import { encodeCommand, RawClient } from './raw-client.js';

const commands: ReadonlyArray<readonly string[]> = [
  ['SET', 'k', 'v'],
  ['GET', 'k'],
  ['LPUSH', 'l', 'a', 'b'],
  ['HSET', 'h', 'f', 'v'],
  ['ZADD', 'z', '1', 'm'],
  ['SADD', 's', 'x'],
  ['INCR', 'n'],
  ['MULTI'],
  ['EXEC'],
  ['SUBSCRIBE', 'c'],
  ['HELLO', '3'],
  ['CLIENT', 'SETNAME', 'x'],
  ['LRANGE', 'l', '0', '-1'],
];

/** A frame to send: a valid command, then maybe cut short, mutated, or replaced by noise. */
function frame(rng: Rng): Buffer {
  const base = encodeCommand(rng.pick(commands));
  switch (rng.int(8)) {
    case 0:
      return base.subarray(0, rng.int(base.length));
    case 1: {
      const b = Buffer.from(base);
      for (let i = 0, n = 1 + rng.int(4); i < n; i++) b[rng.int(b.length)] = rng.int(256);
      return b;
    }
    case 2:
      return Buffer.from(Array.from({ length: 1 + rng.int(200) }, () => rng.int(256)));
    case 3:
      return Buffer.from(rng.pick(['*99999999999\r\n', '*3\r\n$999999999999\r\n', '*-5\r\n', '*2\r\n$-3\r\nab\r\n', '*1\r\n$3\r\nabcde\r\n', '$5\r\nhello\r\n', '*1\r\n*1\r\n', '"unbalanced\r\n', '*1\n$4\nPING\n', '*2\r\n$3\r\nGET\r\n:5\r\n']));
    case 4:
      return Buffer.from(`${'x'.repeat(70 * 1024)}\r\n`); // inline line past redisInlineBytesMax
    default:
      return base;
  }
}

test('random and malformed RESP frames: no crash, other clients unaffected', async () => {
  const seed = process.env['SEED'] !== undefined ? Number(process.env['SEED']) : randomSeed();
  console.log(`seed ${seed}`);
  const rng = new Rng(seed);
  const s = await startTestServer();
  try {
    const good = await RawClient.connect(s.port);
    assert.equal((await good.call('SET', 'counter', '0')).toString(), '+OK\r\n');
    let expected = 0;
    for (let round = 0; round < 200; round++) {
      const sock = net.connect(s.port, '127.0.0.1');
      sock.on('error', () => {});
      await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
      const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()));
      sock.on('data', () => {});
      for (let i = 0, n = 1 + rng.int(5); i < n; i++) sock.write(frame(rng));
      if (rng.chance(0.5)) sock.end();
      else sock.destroy();
      await closed;
      // The well-behaved client is served between every bad connection.
      expected++;
      assert.equal((await good.call('INCR', 'counter')).toString(), `:${expected}\r\n`, `round ${round}`);
    }
    assert.equal((await good.call('GET', 'counter')).toString(), `$${String(expected).length}\r\n${expected}\r\n`);
    assert.equal((await good.call('PING')).toString(), '+PONG\r\n');
    good.close();
  } finally {
    await s.close();
  }
});

test('a protocol error is answered with -ERR Protocol error and the connection is closed', async () => {
  const s = await startTestServer();
  try {
    for (const bad of ['*1\r\n$-3\r\n', '*2\r\nfoo\r\n', '*abc\r\n', '"unbalanced quote\r\n']) {
      const c = await RawClient.connect(s.port);
      c.writeRaw(bad);
      const reply = (await c.read()).toString();
      assert.match(reply, /^-ERR Protocol error: /, JSON.stringify(bad));
      assert.equal((await c.read()).length, 0, 'then the connection closes');
    }
    const ok = await RawClient.connect(s.port);
    assert.equal((await ok.call('PING')).toString(), '+PONG\r\n');
    ok.close();
  } finally {
    await s.close();
  }
});

test('before AUTH, large requests are refused (a locked server cannot be made to buffer them)', async () => {
  const s = await startTestServer({ server: { requirepass: 'secret' } });
  try {
    const c = await RawClient.connect(s.port);
    c.writeRaw(encodeCommand(['SET', 'k', 'x'.repeat(100 * 1024)]));
    assert.match((await c.read()).toString(), /^-ERR Protocol error: invalid bulk length/);
    const d = await RawClient.connect(s.port);
    assert.match((await d.call('GET', 'k')).toString(), /^-NOAUTH/);
    assert.equal((await d.call('AUTH', 'secret')).toString(), '+OK\r\n');
    assert.equal((await d.call('SET', 'k', 'x'.repeat(100 * 1024))).toString(), '+OK\r\n');
    d.close();
  } finally {
    await s.close();
  }
});
