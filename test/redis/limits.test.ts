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

test('a client that pipelines without reading is paused, and gets every reply once it reads', async () => {
  const s = await startTestServer();
  try {
    const value = 'v'.repeat(300);
    const setup = await RawClient.connect(s.port);
    for (let i = 0; i < 100; i++) await setup.call('SET', `k${i}`, value);
    setup.close();
    // 60,000 GETs whose replies (about 18 MiB) pass the output soft limit while nothing is read.
    const n = 60_000;
    const sock = net.connect(s.port, '127.0.0.1');
    sock.on('error', () => {});
    await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
    const parts: Buffer[] = [];
    for (let i = 0; i < n; i++) parts.push(encodeCommand(['GET', `k${i % 100}`]));
    sock.pause();
    sock.write(Buffer.concat(parts));
    await new Promise((r) => setTimeout(r, 300));
    const client = [...s.server.clients.values()].at(-1)!;
    assert.ok(client.socket.isPaused(), 'the server stopped reading the client');
    assert.ok(client.commandsProcessed < n, `not every command ran while the client was not reading (${client.commandsProcessed})`);
    const reply = Buffer.from(`$${value.length}\r\n${value}\r\n`);
    let got = 0;
    let pending = Buffer.alloc(0);
    const done = new Promise<void>((resolve) => {
      sock.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        const whole = Math.floor(pending.length / reply.length);
        for (let i = 0; i < whole; i++) assert.ok(pending.subarray(i * reply.length, (i + 1) * reply.length).equals(reply));
        got += whole;
        pending = pending.subarray(whole * reply.length);
        if (got === n) resolve();
      });
    });
    sock.resume();
    await done;
    assert.equal(got, n);
    sock.destroy();
  } finally {
    await s.close();
  }
});
