// The RESP request parser: large bulk strings split across chunks, memory that follows the bytes
// received (a header announcing 60 MB must not reserve 60 MB), inline quoting, and limits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError, RequestParser, splitInline } from '../../src/server/resp/protocol.js';

const limits = { argsMax: 1024, bulkBytesMax: 64 * 1024 * 1024, queryBytesMax: 1024 * 1024 * 1024 };

test('a large bulk string arrives in pieces; only the received bytes are held', () => {
  const p = new RequestParser(limits);
  const value = Buffer.alloc(300_000, 'x');
  value[0] = 0x41;
  value[value.length - 1] = 0x42;
  const frame = Buffer.concat([Buffer.from(`*2\r\n$3\r\nGET\r\n$${value.length}\r\n`), value, Buffer.from('\r\n')]);
  let args: Buffer[] | null = null;
  for (let i = 0; i < frame.length; i += 7001) {
    p.feed(frame.subarray(i, i + 7001));
    assert.ok(p.buffered <= i + 7001, 'held bytes never exceed the bytes received');
    args = p.next() ?? args;
  }
  assert.ok(args !== null);
  assert.equal(args[0]!.toString(), 'GET');
  assert.ok(args[1]!.equals(value));
});

test('a header announcing 60 MB holds only what was sent', () => {
  const p = new RequestParser(limits);
  p.feed(Buffer.from('*2\r\n$3\r\nGET\r\n$60000000\r\nabc'));
  assert.equal(p.next(), null);
  assert.ok(p.buffered < 100, `buffered ${p.buffered}`);
});

test('bulk length past the limit and a bad terminator are protocol errors', () => {
  const p = new RequestParser({ ...limits, bulkBytesMax: 10 });
  p.feed(Buffer.from('*1\r\n$11\r\n'));
  assert.throws(() => p.next(), ProtocolError);
  const q = new RequestParser(limits);
  q.feed(Buffer.from('*1\r\n$3\r\nabcXY'));
  assert.throws(() => q.next(), /not terminated by CRLF/);
});

test('inline commands split like Redis: quotes, escapes, unbalanced quotes', () => {
  assert.deepEqual(splitInline(Buffer.from('set "a b" \'c\\\'d\' "\\x41\\n"'))!.map(String), ['set', 'a b', "c'd", 'A\n']);
  assert.equal(splitInline(Buffer.from('get "abc')), null);
  assert.equal(splitInline(Buffer.from('get "abc"x')), null);
  const p = new RequestParser(limits);
  p.feed(Buffer.from('PING\r\nECHO hi\n'));
  assert.deepEqual(p.next()!.map(String), ['PING']);
  assert.deepEqual(p.next()!.map(String), ['ECHO', 'hi']);
  assert.equal(p.next(), null);
});
