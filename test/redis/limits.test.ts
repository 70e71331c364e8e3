// Named limits of the Redis server: a subscriber that does not read is disconnected rather than
// buffered without bound, and connections past maxclients get Redis's error.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { redisOutputHardBytes } from '../../src/limits.js';
import { startTestServer } from './lib.js';
import { encodeCommand, RawClient } from './raw-client.js';

test('a subscriber that stops reading is disconnected once its output passes the limit', async () => {
  const s = await startTestServer();
  try {
    const sub = net.connect(s.port, '127.0.0.1');
    sub.on('error', () => {});
    await new Promise<void>((resolve) => sub.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => sub.once('close', () => resolve()));
    sub.write(encodeCommand(['SUBSCRIBE', 'news']));
    await new Promise<void>((resolve) => sub.once('data', () => resolve()));
    sub.pause(); // reads nothing more: the kernel buffers fill, then the server's
    const pub = await RawClient.connect(s.port);
    const message = Buffer.alloc(1024 * 1024, 'm');
    let receivers = 1;
    let sent = 0;
    // Bounded: the limit is redisOutputHardBytes, plus whatever the kernel buffers hold.
    const maxMessages = Math.ceil((redisOutputHardBytes * 4) / message.length);
    while (receivers === 1 && sent < maxMessages) {
      const reply = (await pub.call('PUBLISH', 'news', message)).toString();
      receivers = Number(reply.slice(1, -2));
      sent++;
    }
    assert.equal(receivers, 0, `the subscriber was dropped (after ${sent} messages of 1 MiB)`);
    sub.resume(); // drain what the kernel holds, then see the server's close
    await closed;
    assert.equal((await pub.call('PUBSUB', 'NUMSUB', 'news')).toString(), '*2\r\n$4\r\nnews\r\n:0\r\n');
    assert.equal((await pub.call('PING')).toString(), '+PONG\r\n');
    pub.close();
  } finally {
    await s.close();
  }
});

test('past maxclients a connection gets Redis error and the others carry on', async () => {
  const s = await startTestServer({ server: { maxclients: 2 } });
  try {
    const a = await RawClient.connect(s.port);
    const b = await RawClient.connect(s.port);
    assert.equal((await a.call('PING')).toString(), '+PONG\r\n');
    assert.equal((await b.call('PING')).toString(), '+PONG\r\n');
    const c = await RawClient.connect(s.port);
    assert.equal((await c.read()).toString(), '-ERR max number of clients reached\r\n');
    assert.equal((await c.read()).length, 0, 'then the connection closes');
    a.close();
    // Once a client leaves there is room again.
    let d: RawClient | undefined;
    for (let i = 0; i < 100; i++) {
      d = await RawClient.connect(s.port);
      const r = (await d.call('PING')).toString();
      if (r === '+PONG\r\n') break;
      d.close();
      d = undefined;
      await new Promise((r2) => setTimeout(r2, 10));
    }
    assert.ok(d !== undefined, 'a new client is accepted after one left');
    d.close();
    b.close();
  } finally {
    await s.close();
  }
});
