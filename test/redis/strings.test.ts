// String commands against the in-process server with ioredis and node-redis: GET/SET and every
// option, the SET variants, counters, INCRBYFLOAT, ranges, WRONGTYPE, expiry and restart. Every
// expected reply was checked against redis-server 7.0.15; where BasaltDB still differs the test
// asserts Redis's reply and is marked todo.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { arity, eventually, fails, notFloat, notInt, openClients, startTestServer, syntax, wrongType, type NodeRedis, type NodeRedis3, type TestServer } from './lib.js';
import { RawClient } from './raw-client.js';

const badExpire = (cmd: string): string => `ERR invalid expire time in '${cmd}' command`;

let s: TestServer;
/** ioredis (RESP3, RESP2) and node-redis (RESP2, RESP3). */
let io: Redis;
let io2: Redis;
let nr: NodeRedis;
let nr3: NodeRedis3;

before(async () => {
  s = await startTestServer();
  ({ io, io2, nr, nr3 } = await openClients(s));
});
after(() => s.close());

/** The promise rejects with exactly this Redis error text. */
/** A hash at `key`, made with a raw command (the WRONGTYPE fixture). */
async function makeHash(key: string): Promise<void> {
  assert.equal(await io2.call('hset', key, 'f', 'v'), 1);
}

// ---- GET / SET ----

test('GET and SET: ioredis and node-redis see the same values', async () => {
  assert.equal(await io2.get('str:absent'), null);
  assert.equal(await io2.set('str:a', 'hello'), 'OK');
  assert.equal(await nr.get('str:a'), 'hello');
  assert.equal(await nr.set('str:a', 'world'), 'OK');
  assert.equal(await io2.get('str:a'), 'world');
  assert.equal(await nr3.get('str:a'), 'world');
  assert.equal(await io.get('str:a'), 'world');
  assert.equal(await io.get('str:absent'), null);
  assert.equal(await io2.set('str:empty', ''), 'OK');
  assert.equal(await io2.get('str:empty'), '');
  assert.equal(await io2.strlen('str:empty'), 0);
  assert.equal(await io2.exists('str:empty'), 1);
});

test('SET and GET are binary safe', async () => {
  const v = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x24, 0x2a, 0]);
  assert.equal(await io2.set('str:bin', v), 'OK');
  assert.deepEqual(await io2.getBuffer('str:bin'), v);
  assert.equal(await io2.strlen('str:bin'), v.length);
  const key = Buffer.from([0x6b, 0, 0xfe, 0x0a]);
  assert.equal(await io2.set(key, 'x'), 'OK');
  assert.equal(await io2.get(key), 'x');
  const big = Buffer.alloc(300_000, 0x61);
  big[123_456] = 0;
  assert.equal(await io2.set('str:big', big), 'OK');
  assert.deepEqual(await io2.getBuffer('str:big'), big);
});

test('SET NX and XX', async () => {
  assert.equal(await io2.set('str:nx', 'a', 'NX'), 'OK');
  assert.equal(await io2.set('str:nx', 'b', 'NX'), null);
  assert.equal(await io2.get('str:nx'), 'a');
  assert.equal(await io2.set('str:xx', 'a', 'XX'), null);
  assert.equal(await io2.exists('str:xx'), 0);
  assert.equal(await io2.set('str:nx', 'c', 'XX'), 'OK');
  assert.equal(await io2.get('str:nx'), 'c');
  assert.equal(await nr.set('str:nx', 'd', { condition: 'NX' }), null);
  assert.equal(await nr.set('str:nx', 'd', { condition: 'XX' }), 'OK');
  assert.equal(await nr.get('str:nx'), 'd');
  assert.equal(await nr3.set('str:nx3', 'e', { condition: 'XX' }), null);
  // Options are case-insensitive.
  assert.equal(await io2.call('set', 'str:nx', 'f', 'xx'), 'OK');
});

test('SET GET returns the old value, with NX and XX too (Redis 7.0)', async () => {
  assert.equal(await io2.set('str:get', 'one', 'GET'), null);
  assert.equal(await io2.set('str:get', 'two', 'GET'), 'one');
  assert.equal(await nr.set('str:get', 'three', { GET: true }), 'two');
  // NX + GET: not set, the current value comes back.
  assert.equal(await io2.call('set', 'str:get', 'four', 'NX', 'GET'), 'three');
  assert.equal(await io2.get('str:get'), 'three');
  assert.equal(await io2.call('set', 'str:get-new', 'v', 'NX', 'GET'), null);
  assert.equal(await io2.get('str:get-new'), 'v');
  // XX + GET on a missing key: nil, nothing set.
  assert.equal(await io2.call('set', 'str:get-none', 'v', 'XX', 'GET'), null);
  assert.equal(await io2.exists('str:get-none'), 0);
  assert.equal(await io2.call('set', 'str:get', 'five', 'XX', 'GET'), 'three');
  assert.equal(await io2.get('str:get'), 'five');
});

test('SET EX, PX, EXAT, PXAT set the expiry; a plain SET clears it; KEEPTTL keeps it', async () => {
  assert.equal(await io2.set('str:ttl', 'v', 'EX', 100), 'OK');
  assert.equal(await io2.ttl('str:ttl'), 100);
  assert.equal(await io2.set('str:ttl', 'v', 'PX', 100_000), 'OK');
  assert.equal(await io2.ttl('str:ttl'), 100);
  const pttl = await io2.pttl('str:ttl');
  assert.ok(pttl > 0 && pttl <= 100_000, `PTTL ${pttl}`);
  assert.equal(await io2.set('str:ttl', 'v', 'EXAT', 4_000_000_000), 'OK');
  assert.equal(await io2.call('expiretime', 'str:ttl'), 4_000_000_000);
  assert.equal(await io2.set('str:ttl', 'v', 'PXAT', 4_000_000_000_123), 'OK');
  assert.equal(await io2.call('pexpiretime', 'str:ttl'), 4_000_000_000_123);
  assert.equal(await io2.set('str:ttl', 'kept', 'KEEPTTL'), 'OK');
  assert.equal(await io2.call('pexpiretime', 'str:ttl'), 4_000_000_000_123);
  assert.equal(await io2.get('str:ttl'), 'kept');
  assert.equal(await io2.set('str:ttl', 'plain'), 'OK');
  assert.equal(await io2.ttl('str:ttl'), -1);
  // node-redis spelling of the same options.
  assert.equal(await nr.set('str:ttl', 'v', { expiration: { type: 'EX', value: 50 } }), 'OK');
  assert.equal(await nr.ttl('str:ttl'), 50);
  assert.equal(await nr.set('str:ttl', 'v', { expiration: 'KEEPTTL' }), 'OK');
  assert.equal(await nr.ttl('str:ttl'), 50);
  assert.equal(await nr.set('str:ttl', 'v', { expiration: { type: 'PXAT', value: 4_000_000_000_000 } }), 'OK');
  assert.equal(await nr.pExpireTime('str:ttl'), 4_000_000_000_000);
  // KEEPTTL on a new key: no expiry.
  assert.equal(await io2.set('str:keep-new', 'v', 'KEEPTTL'), 'OK');
  assert.equal(await io2.ttl('str:keep-new'), -1);
  // Options combine in any order.
  assert.equal(await io2.call('set', 'str:ttl', 'w', 'ex', '60', 'get', 'xx'), 'v');
  assert.equal(await io2.ttl('str:ttl'), 60);
});

test('SET option errors', async () => {
  await fails(io2.call('set', 'str:e', 'v', 'NX', 'XX'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'XX', 'NX'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'BOGUS'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'EX'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'EX', '10', 'PX', '100'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'EX', '10', 'KEEPTTL'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'KEEPTTL', 'PXAT', '4000000000000'), syntax);
  await fails(io2.call('set', 'str:e', 'v', 'EX', 'abc'), notInt);
  await fails(io2.call('set', 'str:e', 'v', 'EX', '1.5'), notInt);
  await fails(io2.call('set', 'str:e', 'v', 'EX', '0'), badExpire('set'));
  await fails(io2.call('set', 'str:e', 'v', 'EX', '-5'), badExpire('set'));
  await fails(io2.call('set', 'str:e', 'v', 'PX', '0'), badExpire('set'));
  await fails(io2.call('set', 'str:e', 'v', 'EXAT', '0'), badExpire('set'));
  await fails(io2.call('set', 'str:e', 'v', 'PXAT', '-1'), badExpire('set'));
  await fails(io2.call('set', 'str:e', 'v', 'EX', '9223372036854775807'), badExpire('set'));
  await fails(nr.sendCommand(['SET', 'str:e']), arity('set'));
  await fails(nr.sendCommand(['SET']), arity('set'));
  assert.equal(await io2.exists('str:e'), 0);
});

test('SET refuses an expiry that overflows when added to the current time', async () => {
  await fails(io2.call('set', 'str:px-huge', 'v', 'PX', '9223372036854775000'), badExpire('set'));
  await fails(io2.call('psetex', 'str:px-huge', '9223372036854775000', 'v'), badExpire('psetex'));
  assert.equal(await io2.set('str:px-huge', 'v'), 'OK');
  await fails(io2.call('getex', 'str:px-huge', 'PX', '9223372036854775000'), badExpire('getex'));
  assert.equal(await io2.ttl('str:px-huge'), -1);
});

test('SET EXAT/PXAT accept any time that fits in 64-bit milliseconds', { todo: "BasaltDB differs: SET EXAT 9223372036854775 answers ERR invalid expire time; SET PXAT 9223372036854775807 is accepted but PEXPIRETIME replies :9223372036854776000" }, async () => {
  const raw = await RawClient.connect(s.port);
  try {
    assert.equal((await raw.call('SET', 'str:far', 'v', 'EXAT', '9223372036854775')).toString(), '+OK\r\n');
    assert.equal((await raw.call('PEXPIRETIME', 'str:far')).toString(), ':9223372036854775000\r\n');
    assert.equal((await raw.call('SET', 'str:far', 'v', 'PXAT', '9223372036854775807')).toString(), '+OK\r\n');
    assert.equal((await raw.call('PEXPIRETIME', 'str:far')).toString(), ':9223372036854775807\r\n');
  } finally {
    raw.close();
  }
});

test('SET with EX actually expires the key', async () => {
  assert.equal(await io2.set('str:short', 'v', 'PX', 30), 'OK');
  await eventually('the key expires', async () => (await io2.get('str:short')) === null);
  assert.equal(await io2.exists('str:short'), 0);
  assert.equal(await io2.ttl('str:short'), -2);
  // Expired keys are gone for every command, not only GET.
  assert.equal(await io2.set('str:short2', 'v', 'PX', 30), 'OK');
  await eventually('STRLEN sees the expiry', async () => (await io2.strlen('str:short2')) === 0);
  assert.equal(await io2.append('str:short2', 'x'), 1);
  assert.equal(await io2.ttl('str:short2'), -1);
});

test('SET over a key of another type replaces it; SET GET there is WRONGTYPE', async () => {
  await makeHash('str:was-hash');
  await fails(io2.call('set', 'str:was-hash', 'x', 'GET'), wrongType);
  assert.equal(await io2.type('str:was-hash'), 'hash');
  assert.equal(await io2.set('str:was-hash', 'x', 'NX'), null);
  assert.equal(await io2.set('str:was-hash', 'now-a-string', 'XX'), 'OK');
  assert.equal(await io2.type('str:was-hash'), 'string');
  assert.equal(await io2.get('str:was-hash'), 'now-a-string');
  await makeHash('str:was-hash2');
  assert.equal(await nr.set('str:was-hash2', 'y'), 'OK');
  assert.equal(await nr.get('str:was-hash2'), 'y');
});

// ---- SETNX, SETEX, PSETEX, GETSET, GETDEL, GETEX ----

test('SETNX', async () => {
  assert.equal(await io2.setnx('str:snx', 'a'), 1);
  assert.equal(await io2.setnx('str:snx', 'b'), 0);
  assert.equal(await nr.setNX('str:snx', 'c'), 0);
  assert.equal(await io2.get('str:snx'), 'a');
  await makeHash('str:snx-hash');
  assert.equal(await io2.setnx('str:snx-hash', 'x'), 0);
  await fails(nr.sendCommand(['SETNX', 'str:snx']), arity('setnx'));
});

test('SETEX and PSETEX', async () => {
  assert.equal(await io2.setex('str:sx', 100, 'v'), 'OK');
  assert.equal(await io2.ttl('str:sx'), 100);
  assert.equal(await io2.get('str:sx'), 'v');
  assert.equal(await nr.setEx('str:sx', 200, 'w'), 'OK');
  assert.equal(await nr.ttl('str:sx'), 200);
  assert.equal(await io2.psetex('str:psx', 100_000, 'v'), 'OK');
  assert.equal(await io2.ttl('str:psx'), 100);
  assert.equal(await nr.pSetEx('str:psx', 300_000, 'w'), 'OK');
  assert.equal(await nr.ttl('str:psx'), 300);
  await fails(io2.call('setex', 'str:sx', '0', 'v'), badExpire('setex'));
  await fails(io2.call('setex', 'str:sx', '-1', 'v'), badExpire('setex'));
  await fails(io2.call('setex', 'str:sx', 'abc', 'v'), notInt);
  await fails(io2.call('psetex', 'str:psx', '0', 'v'), badExpire('psetex'));
  await fails(io2.call('psetex', 'str:psx', 'x', 'v'), notInt);
  await fails(io2.call('setex', 'str:sx', '100'), arity('setex'));
  await fails(io2.call('psetex', 'str:sx', '100'), arity('psetex'));
  await makeHash('str:sx-hash');
  assert.equal(await io2.setex('str:sx-hash', 10, 'v'), 'OK');
  assert.equal(await io2.type('str:sx-hash'), 'string');
});

test('GETSET returns the old value and clears the expiry', async () => {
  assert.equal(await io2.getset('str:gs', 'first'), null);
  assert.equal(await io2.getset('str:gs', 'second'), 'first');
  assert.equal(await nr.getSet('str:gs', 'third'), 'second');
  assert.equal(await io2.set('str:gs', 'v', 'EX', 100), 'OK');
  assert.equal(await io2.getset('str:gs', 'fourth'), 'v');
  assert.equal(await io2.ttl('str:gs'), -1);
  await makeHash('str:gs-hash');
  await fails(io2.getset('str:gs-hash', 'x'), wrongType);
  assert.equal(await io2.type('str:gs-hash'), 'hash');
});

test('GETDEL', async () => {
  await io2.set('str:gd', 'v');
  assert.equal(await io2.getdel('str:gd'), 'v');
  assert.equal(await io2.getdel('str:gd'), null);
  assert.equal(await io2.exists('str:gd'), 0);
  await io2.set('str:gd', 'w');
  assert.equal(await nr.getDel('str:gd'), 'w');
  await makeHash('str:gd-hash');
  await fails(io2.getdel('str:gd-hash'), wrongType);
  assert.equal(await io2.exists('str:gd-hash'), 1);
});

test('GETEX with each option', async () => {
  await io2.set('str:gx', 'val');
  assert.equal(await io2.getex('str:gx'), 'val');
  assert.equal(await io2.ttl('str:gx'), -1);
  assert.equal(await io2.getex('str:gx', 'EX', 100), 'val');
  assert.equal(await io2.ttl('str:gx'), 100);
  assert.equal(await io2.getex('str:gx', 'PERSIST'), 'val');
  assert.equal(await io2.ttl('str:gx'), -1);
  assert.equal(await io2.getex('str:gx', 'PX', 200_000), 'val');
  assert.equal(await io2.ttl('str:gx'), 200);
  assert.equal(await io2.getex('str:gx', 'EXAT', 4_000_000_000), 'val');
  assert.equal(await io2.call('expiretime', 'str:gx'), 4_000_000_000);
  assert.equal(await io2.getex('str:gx', 'PXAT', 4_000_000_000_555), 'val');
  assert.equal(await io2.call('pexpiretime', 'str:gx'), 4_000_000_000_555);
  assert.equal(await nr.getEx('str:gx', { type: 'PERSIST' }), 'val');
  assert.equal(await nr.ttl('str:gx'), -1);
  assert.equal(await nr.getEx('str:gx', { type: 'EX', value: 30 }), 'val');
  assert.equal(await nr.ttl('str:gx'), 30);
  // A time in the past deletes the key after returning the value.
  assert.equal(await io2.getex('str:gx', 'PXAT', 1), 'val');
  assert.equal(await io2.exists('str:gx'), 0);
  assert.equal(await io2.getex('str:gx'), null);
  assert.equal(await io2.getex('str:gx', 'EX', 10), null);
  assert.equal(await io2.exists('str:gx'), 0);
});

test('GETEX errors', async () => {
  await io2.set('str:gxe', 'v');
  await fails(io2.call('getex', 'str:gxe', 'EX', '0'), badExpire('getex'));
  await fails(io2.call('getex', 'str:gxe', 'EX', '-1'), badExpire('getex'));
  await fails(io2.call('getex', 'str:gxe', 'EX', 'abc'), notInt);
  await fails(io2.call('getex', 'str:gxe', 'EX'), syntax);
  await fails(io2.call('getex', 'str:gxe', 'EX', '10', 'PX', '10'), syntax);
  await fails(io2.call('getex', 'str:gxe', 'PERSIST', 'EX', '10'), syntax);
  await fails(io2.call('getex', 'str:gxe', 'BOGUS'), syntax);
  // Options are checked even when the key does not exist.
  await fails(io2.call('getex', 'str:none', 'BOGUS'), syntax);
  await fails(io2.call('getex'), arity('getex'));
  assert.equal(await io2.ttl('str:gxe'), -1);
  await makeHash('str:gx-hash');
  await fails(io2.getex('str:gx-hash'), wrongType);
  await fails(io2.getex('str:gx-hash', 'EX', 10), wrongType);
  assert.equal(await io2.ttl('str:gx-hash'), -1);
});

test('GETEX checks its expiry value only once it has found a string', async () => {
  assert.equal(await io2.call('getex', 'str:gx-missing', 'EX', '0'), null);
  assert.equal(await io2.call('getex', 'str:gx-missing', 'EX', 'abc'), null);
  assert.equal(await io2.call('getex', 'str:gx-missing', 'PX', '-5'), null);
  await makeHash('str:gx-hash2');
  await fails(io2.call('getex', 'str:gx-hash2', 'EX', '0'), wrongType);
  await fails(io2.call('getex', 'str:gx-hash2', 'EX', 'abc'), wrongType);
});

// ---- MGET, MSET, MSETNX ----

test('MGET, MSET, MSETNX', async () => {
  assert.equal(await io2.mset('str:m1', 'a', 'str:m2', 'b', 'str:m3', 'c'), 'OK');
  assert.deepEqual(await io2.mget('str:m1', 'str:m2', 'str:none', 'str:m3'), ['a', 'b', null, 'c']);
  assert.equal(await nr.mSet({ 'str:m1': 'x', 'str:m4': 'd' }), 'OK');
  assert.deepEqual(await nr.mGet(['str:m1', 'str:m4']), ['x', 'd']);
  // The last of a repeated key wins.
  assert.equal(await io2.mset('str:m5', '1', 'str:m5', '2'), 'OK');
  assert.equal(await io2.get('str:m5'), '2');
  // MSETNX sets all or none.
  assert.equal(await io2.msetnx('str:m1', 'z', 'str:mnew', 'z'), 0);
  assert.equal(await io2.exists('str:mnew'), 0);
  assert.equal(await io2.get('str:m1'), 'x');
  assert.equal(await nr.mSetNX(['str:mn1', '1', 'str:mn2', '2']), 1);
  assert.deepEqual(await io2.mget('str:mn1', 'str:mn2'), ['1', '2']);
  // MSET clears expiries of keys it overwrites.
  await io2.set('str:m1', 'v', 'EX', 100);
  await io2.mset('str:m1', 'w');
  assert.equal(await io2.ttl('str:m1'), -1);
});

test('MGET answers nil for a key of another type; MSET and MSETNX arity errors', async () => {
  await makeHash('str:m-hash');
  await io2.set('str:m-str', 'v');
  assert.deepEqual(await io2.mget('str:m-hash', 'str:m-str'), [null, 'v']);
  assert.equal(await io2.msetnx('str:m-hash', 'x', 'str:m-other', 'y'), 0);
  assert.equal(await io2.exists('str:m-other'), 0);
  assert.equal(await io2.mset('str:m-hash', 'now-string'), 'OK');
  assert.equal(await io2.type('str:m-hash'), 'string');
  await fails(io2.call('mset', 'a'), arity('mset'));
  await fails(io2.call('mset', 'a', '1', 'b'), arity('mset'));
  await fails(io2.call('msetnx', 'a', '1', 'b'), arity('msetnx'));
  await fails(io2.call('mget'), arity('mget'));
});

// ---- counters ----

test('INCR, DECR, INCRBY, DECRBY', async () => {
  assert.equal(await io2.incr('str:ctr'), 1);
  assert.equal(await io2.incr('str:ctr'), 2);
  assert.equal(await io2.decr('str:ctr'), 1);
  assert.equal(await nr.decr('str:ctr'), 0);
  assert.equal(await nr.decr('str:ctr'), -1);
  assert.equal(await io2.incrby('str:ctr', 100), 99);
  assert.equal(await nr.incrBy('str:ctr', -1000), -901);
  assert.equal(await io2.decrby('str:ctr', -50), -851);
  assert.equal(await nr.decrBy('str:ctr', 7), -858);
  assert.equal(await io2.get('str:ctr'), '-858');
  assert.equal(await nr3.incr('str:ctr'), -857);
  assert.equal(await io2.decr('str:new-ctr'), -1);
  assert.equal(await io2.incrby('str:new-ctr2', 5), 5);
});

test('counters keep the expiry and refuse what is not a 64-bit integer', async () => {
  await io2.set('str:ctr-ttl', '10', 'EX', 100);
  assert.equal(await io2.incr('str:ctr-ttl'), 11);
  assert.equal(await io2.ttl('str:ctr-ttl'), 100);
  for (const bad of ['notanumber', ' 1', '1 ', '01', '+1', '1.0', '-0', '', '9223372036854775808', '0x10']) {
    await io2.set('str:ctr-bad', bad);
    await fails(io2.incr('str:ctr-bad'), notInt);
    assert.equal(await io2.get('str:ctr-bad'), bad);
  }
  await io2.set('str:ctr2', '5');
  for (const bad of ['abc', '1.5', '', '9223372036854775808', '-9223372036854775809', ' 1']) {
    await fails(io2.call('incrby', 'str:ctr2', bad), notInt);
    await fails(io2.call('decrby', 'str:ctr2', bad), notInt);
  }
  assert.equal(await io2.get('str:ctr2'), '5');
});

test('counters refuse to overflow', async () => {
  const overflow = 'ERR increment or decrement would overflow';
  await io2.set('str:big', '9223372036854775806');
  await io2.incr('str:big');
  assert.equal(await io2.get('str:big'), '9223372036854775807');
  await fails(io2.incr('str:big'), overflow);
  await fails(io2.incrby('str:big', 1), overflow);
  assert.equal(await io2.get('str:big'), '9223372036854775807');
  await io2.set('str:small', '-9223372036854775807');
  await io2.decr('str:small');
  assert.equal(await io2.get('str:small'), '-9223372036854775808');
  await fails(io2.decr('str:small'), overflow);
  await fails(io2.call('incrby', 'str:small', '-1'), overflow);
  await io2.set('str:zero', '0');
  await fails(io2.call('decrby', 'str:zero', '-9223372036854775808'), 'ERR decrement would overflow');
  await io2.call('incrby', 'str:zero', '-9223372036854775808');
  assert.equal(await io2.get('str:zero'), '-9223372036854775808');
});

test('INCRBYFLOAT', async () => {
  assert.equal(await io2.incrbyfloat('str:fl', 10.5), '10.5');
  assert.equal(await io2.incrbyfloat('str:fl', 0.1), '10.6');
  assert.equal(await nr.incrByFloat('str:fl', -5), '5.6');
  assert.equal(await io2.get('str:fl'), '5.6');
  // Integral results have no decimal point; exponents are accepted in the increment.
  await io2.set('str:fl2', '3');
  assert.equal(await io2.incrbyfloat('str:fl2', 1), '4');
  await io2.set('str:fl2', '1.5');
  assert.equal(await io2.incrbyfloat('str:fl2', -1.5), '0');
  assert.equal(await io2.call('incrbyfloat', 'str:fl2', '2.0e2'), '200');
  assert.equal(await io2.call('incrbyfloat', 'str:fl2', '2.5E-1'), '200.25');
  await io2.set('str:fl3', '1');
  assert.equal(await io2.call('incrbyfloat', 'str:fl3', '1e20'), '100000000000000000000');
  // No exponent in the result.
  await io2.set('str:fl4', '1');
  assert.equal(await io2.call('incrbyfloat', 'str:fl4', '0.0000001'), '1.0000001');
  // RESP3 still answers a bulk string.
  assert.equal(await nr3.incrByFloat('str:fl5', 2.5), '2.5');
  assert.equal(await io.incrbyfloat('str:fl5', 2.5), '5');
  // The expiry is kept.
  await io2.set('str:fl6', '7', 'EX', 100);
  assert.equal(await io2.incrbyfloat('str:fl6', 0.5), '7.5');
  assert.equal(await io2.ttl('str:fl6'), 100);
});

test('INCRBYFLOAT errors', async () => {
  await io2.set('str:fle', '5');
  for (const bad of ['abc', '', '1.5.5', ' 1', '1 ', 'nan', '--1']) await fails(io2.call('incrbyfloat', 'str:fle', bad), notFloat);
  await fails(io2.call('incrbyfloat', 'str:fle', 'inf'), 'ERR increment would produce NaN or Infinity');
  await fails(io2.call('incrbyfloat', 'str:fle', '-inf'), 'ERR increment would produce NaN or Infinity');
  assert.equal(await io2.get('str:fle'), '5');
  await io2.set('str:fle2', 'abc');
  await fails(io2.incrbyfloat('str:fle2', 1), notFloat);
  await fails(io2.call('incrbyfloat', 'str:fle'), arity('incrbyfloat'));
});

test('INCRBYFLOAT checks the type of the key before parsing the increment', async () => {
  await makeHash('str:fl-hash');
  await fails(io2.call('incrbyfloat', 'str:fl-hash', 'abc'), wrongType);
  await fails(io2.call('incrbyfloat', 'str:fl-hash', 'inf'), wrongType);
});

test('INCRBYFLOAT computes in long double as Redis does', async () => {
  await io2.set('str:ld', '0.1');
  assert.equal(await io2.call('incrbyfloat', 'str:ld', '0.2'), '0.3');
  await io2.set('str:ld', '10.6');
  assert.equal(await io2.call('incrbyfloat', 'str:ld', '5.0e3'), '5010.60000000000000009');
  await io2.set('str:ld', '1.0000001');
  assert.equal(await io2.call('incrbyfloat', 'str:ld', '-1'), '0.0000001');
  await io2.set('str:ld', '12345678901234567890');
  assert.equal(await io2.call('incrbyfloat', 'str:ld', '1'), '12345678901234567891');
});

test('INCRBYFLOAT reads what strtold reads', async () => {
  await io2.set('str:hex', '5');
  assert.equal(await io2.call('incrbyfloat', 'str:hex', '0x10'), '21');
  await io2.set('str:huge', '1e400');
  const r = String(await io2.call('incrbyfloat', 'str:huge', '1'));
  assert.equal(r.length, 401);
  assert.ok(r.startsWith('1000000000000000000'));
});

// ---- APPEND, STRLEN, GETRANGE, SETRANGE ----

test('APPEND and STRLEN', async () => {
  assert.equal(await io2.append('str:ap', 'Hello'), 5);
  assert.equal(await nr.append('str:ap', ' World'), 11);
  assert.equal(await io2.append('str:ap', ''), 11);
  assert.equal(await io2.get('str:ap'), 'Hello World');
  assert.equal(await io2.strlen('str:ap'), 11);
  assert.equal(await nr.strLen('str:ap'), 11);
  assert.equal(await io2.strlen('str:none'), 0);
  // APPEND of nothing to a missing key still creates it.
  assert.equal(await io2.append('str:ap-empty', ''), 0);
  assert.equal(await io2.exists('str:ap-empty'), 1);
  await io2.set('str:ap-int', '10');
  assert.equal(await io2.append('str:ap-int', '5'), 3);
  assert.equal(await io2.incr('str:ap-int'), 106);
  // STRLEN counts bytes.
  await io2.set('str:utf', 'h\u00e9llo');
  assert.equal(await io2.strlen('str:utf'), 6);
  await io2.set('str:ap-ttl', 'a', 'EX', 100);
  await io2.append('str:ap-ttl', 'b');
  assert.equal(await io2.ttl('str:ap-ttl'), 100);
});

test('GETRANGE', async () => {
  await io2.set('str:gr', 'This is a string');
  const cases: Array<[number, number, string]> = [
    [0, 3, 'This'],
    [-3, -1, 'ing'],
    [0, -1, 'This is a string'],
    [10, 100, 'string'],
    [100, 200, ''],
    [5, 3, ''],
    [-1, -5, ''],
    [-100, 3, 'This'],
    [-100, -50, 'T'],
    [3, -100, ''],
    [0, 0, 'T'],
  ];
  for (const [a, b, want] of cases) assert.equal(await io2.getrange('str:gr', a, b), want, `GETRANGE ${a} ${b}`);
  assert.equal(await nr.getRange('str:gr', 5, 6), 'is');
  assert.equal(await io2.getrange('str:none', 0, -1), '');
  await io2.set('str:gr-empty', '');
  assert.equal(await io2.getrange('str:gr-empty', 0, -1), '');
  assert.equal(await io2.getrange('str:gr-empty', 0, 0), '');
  await fails(io2.call('getrange', 'str:gr', 'a', '1'), notInt);
  await fails(io2.call('getrange', 'str:gr', '1', 'b'), notInt);
  await fails(io2.call('getrange', 'str:none', 'a', '-1'), notInt);
  await fails(io2.call('getrange', 'str:gr', '0'), arity('getrange'));
});

test('SUBSTR is the older name of GETRANGE', async () => {
  await io2.set('str:sub', 'This is a string');
  assert.equal(await io2.call('substr', 'str:sub', '0', '3'), 'This');
});

test('SETRANGE', async () => {
  await io2.set('str:sr', 'Hello World');
  assert.equal(await io2.setrange('str:sr', 6, 'Redis'), 11);
  assert.equal(await io2.get('str:sr'), 'Hello Redis');
  assert.equal(await nr.setRange('str:sr', 13, '!'), 14);
  assert.deepEqual(await io2.getBuffer('str:sr'), Buffer.from('Hello Redis\0\0!'));
  assert.equal(await io2.setrange('str:sr', 0, ''), 14);
  assert.equal(await io2.setrange('str:sr-new', 3, 'abc'), 6);
  assert.deepEqual(await io2.getBuffer('str:sr-new'), Buffer.from('\0\0\0abc'));
  // Nothing to write on a missing key: 0 and no key.
  assert.equal(await io2.setrange('str:sr-none', 5, ''), 0);
  assert.equal(await io2.exists('str:sr-none'), 0);
  await io2.set('str:sr-int', '1234', 'EX', 100);
  assert.equal(await io2.setrange('str:sr-int', 1, '9'), 4);
  assert.equal(await io2.get('str:sr-int'), '1934');
  assert.equal(await io2.ttl('str:sr-int'), 100);
});

test('SETRANGE errors', async () => {
  await io2.set('str:sre', 'abc');
  await fails(io2.call('setrange', 'str:sre', '-1', 'x'), 'ERR offset is out of range');
  await fails(io2.call('setrange', 'str:sre', 'abc', 'x'), notInt);
  await fails(io2.call('setrange', 'str:sre', '536870912', 'x'), 'ERR string exceeds maximum allowed size (proto-max-bulk-len)');
  await fails(io2.call('setrange', 'str:sre', '536870911', 'xx'), 'ERR string exceeds maximum allowed size (proto-max-bulk-len)');
  // An empty piece at a huge offset writes nothing and is no error.
  assert.equal(await io2.setrange('str:sre', 536870911, ''), 3);
  assert.equal(await io2.setrange('str:sre-none', 536870912, ''), 0);
  assert.equal(await io2.exists('str:sre-none'), 0);
  await fails(io2.call('setrange', 'str:sre', '1'), arity('setrange'));
  assert.equal(await io2.get('str:sre'), 'abc');
});

// ---- WRONGTYPE, arity ----

test('every string command meets a hash with WRONGTYPE and leaves it alone', async () => {
  await makeHash('str:hash');
  const cmds: string[][] = [
    ['get', 'str:hash'],
    ['getset', 'str:hash', 'x'],
    ['getdel', 'str:hash'],
    ['getex', 'str:hash'],
    ['getex', 'str:hash', 'PERSIST'],
    ['set', 'str:hash', 'x', 'GET'],
    ['incr', 'str:hash'],
    ['decr', 'str:hash'],
    ['incrby', 'str:hash', '2'],
    ['decrby', 'str:hash', '2'],
    ['incrbyfloat', 'str:hash', '1'],
    ['append', 'str:hash', 'x'],
    ['strlen', 'str:hash'],
    ['getrange', 'str:hash', '0', '1'],
    ['setrange', 'str:hash', '0', 'x'],
  ];
  for (const [name, ...args] of cmds) await fails(io2.call(name!, ...args), wrongType);
  for (const [name, ...args] of cmds.slice(0, 4)) await fails(nr.sendCommand([name!, ...args]), wrongType);
  assert.equal(await io2.type('str:hash'), 'hash');
  assert.equal(await io2.call('hget', 'str:hash', 'f'), 'v');
});

test('string commands answer wrong-arity errors', async () => {
  const cases: string[][] = [['get'], ['get', 'a', 'b'], ['set', 'a'], ['setnx', 'a'], ['getset', 'a'], ['getdel'], ['incr'], ['incr', 'a', 'b'], ['decr'], ['incrby', 'a'], ['decrby', 'a'], ['append', 'a'], ['strlen'], ['mget'], ['mset'], ['msetnx']];
  for (const [name, ...args] of cases) await fails(io2.call(name!, ...args), arity(name!));
  await fails(nr.sendCommand(['GET']), arity('get'));
});

// ---- durability ----

test('strings and their expiry times survive a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'basalt-redis-strings-'));
  try {
    const a = await startTestServer({ dir });
    const c = a.ioredis();
    await c.set('plain', 'v1');
    await c.set('ttl', 'v2', 'PXAT', 4_000_000_000_321);
    await c.incrby('ctr', 41);
    await c.incr('ctr');
    await c.append('ap', 'x');
    await c.append('ap', 'y');
    await c.set('gone', 'x');
    await c.del('gone');
    await c.setrange('sr', 2, 'z');
    await a.close();
    const b = await startTestServer({ dir });
    const d = await b.nodeRedis();
    assert.deepEqual(await d.mGet(['plain', 'ttl', 'ctr', 'ap', 'gone']), ['v1', 'v2', '42', 'xy', null]);
    assert.equal(await d.pExpireTime('ttl'), 4_000_000_000_321);
    assert.equal(await d.ttl('plain'), -1);
    assert.equal(await d.get('sr'), '\0\0z');
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
