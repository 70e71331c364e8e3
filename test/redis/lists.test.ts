// List commands against the in-process server with ioredis and node-redis (RESP2 and RESP3):
// pushes and pops with counts, LRANGE/LINDEX/LSET, LPOS options, LINSERT/LREM shifting either
// side, LTRIM, LMOVE/RPOPLPUSH, errors and WRONGTYPE, blocking pops (served by other clients,
// FIFO order, timeouts, BLMOVE chains, MULTI, disconnects), a seeded model check, big lists and a
// restart. Every expected reply was checked against redis-server 7.0.15.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { arity, fails, notInt, openClients, raw, startTestServer, syntax, wrongType, type NodeRedis, type NodeRedis3, type TestServer } from './lib.js';
import { RawClient } from './raw-client.js';

const mustBePositive = 'ERR value is out of range, must be positive';

let s: TestServer;
/** ioredis 6 speaks RESP3 by default; io2 is forced to RESP2. */
let io: Redis;
let io2: Redis;
let nr: NodeRedis;
let nr3: NodeRedis3;
let raw2: RawClient;
let raw3: RawClient;

before(async () => {
  s = await startTestServer();
  ({ io, io2, nr, nr3, raw2, raw3 } = await openClients(s));
});
after(() => s.close());

/** The promise rejects with exactly this Redis error text. */
/** The raw reply bytes of a command, as text. */
/** RESP array of bulk strings. */
function bulks(...items: string[]): string {
  return `*${items.length}\r\n` + items.map((x) => `$${Buffer.byteLength(x)}\r\n${x}\r\n`).join('');
}

/** Wait until `n` clients of the server are blocked (polls the server; no time assertions). */
async function blockedClients(n: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    let k = 0;
    for (const c of s.server.clients.values()) if (c.blocked !== null) k++;
    if (k === n) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.fail(`expected ${n} blocked clients`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------

test('LPUSH, RPUSH, LPUSHX, RPUSHX and LLEN: order of elements and lengths', async () => {
  await io.del('l', 'nx');
  assert.equal(await io.lpush('l', 'a'), 1);
  assert.equal(await io.lpush('l', 'b', 'c'), 3);
  assert.equal(await io.rpush('l', 'd', 'e'), 5);
  assert.deepEqual(await io.lrange('l', 0, -1), ['c', 'b', 'a', 'd', 'e']);
  assert.equal(await io.lpushx('nx', 'a'), 0);
  assert.equal(await io.rpushx('nx', 'a'), 0);
  assert.equal(await io.exists('nx'), 0);
  assert.equal(await io.lpushx('l', 'x', 'y'), 7);
  assert.equal(await io.rpushx('l', 'z'), 8);
  assert.equal(await io.llen('l'), 8);
  assert.equal(await io.llen('nx'), 0);
  assert.equal(await io.type('l'), 'list');
  assert.deepEqual(await io.lrange('l', 0, -1), ['y', 'x', 'c', 'b', 'a', 'd', 'e', 'z']);

  await nr.del('n');
  assert.equal(await nr.lPush('n', ['1', '2']), 2);
  assert.equal(await nr.rPush('n', '3'), 3);
  assert.equal(await nr.lPushX('n', '0'), 4);
  assert.equal(await nr.rPushX('n', ['4', '5']), 6);
  assert.equal(await nr.lPushX('nx', '0'), 0);
  assert.equal(await nr.rPushX('nx', '0'), 0);
  assert.equal(await nr.lLen('n'), 6);
  assert.deepEqual(await nr.lRange('n', 0, -1), ['0', '2', '1', '3', '4', '5']);
  assert.deepEqual(await nr3.lRange('n', 1, 2), ['2', '1']);
  // binary-safe elements, the empty string included
  const bin = Buffer.from([0, 0xff, 13, 10, 0x80]);
  await io.del('bin');
  await io.rpush('bin', bin, '');
  assert.deepEqual(await io.lrangeBuffer('bin', 0, -1), [bin, Buffer.alloc(0)]);
});

test('LPOP and RPOP with and without a count: replies in RESP2 and RESP3', async () => {
  await io.del('p');
  await io.rpush('p', 'a', 'b', 'c', 'd', 'e');
  assert.equal(await io.lpop('p'), 'a');
  assert.equal(await io.rpop('p'), 'e');
  assert.deepEqual(await io.lpop('p', 2), ['b', 'c']);
  assert.deepEqual(await io.rpop('p', 5), ['d']);
  assert.equal(await io.exists('p'), 0);
  assert.equal(await io.lpop('p'), null);
  assert.equal(await io.rpop('p', 2), null);

  for (const [c, nil, nilArr] of [
    [raw2, '$-1\r\n', '*-1\r\n'],
    [raw3, '_\r\n', '_\r\n'],
  ] as const) {
    await raw(c, 'DEL', 'p');
    assert.equal(await raw(c, 'LPOP', 'p'), nil);
    assert.equal(await raw(c, 'RPOP', 'p', '3'), nilArr);
    assert.equal(await raw(c, 'LPOP', 'p', '0'), nilArr);
    await raw(c, 'RPUSH', 'p', 'x', 'y');
    assert.equal(await raw(c, 'LPOP', 'p', '0'), '*0\r\n');
    assert.equal(await raw(c, 'RPOP', 'p', '1'), bulks('y'));
    assert.equal(await raw(c, 'LPOP', 'p', '9223372036854775807'), bulks('x'));
    assert.equal(await raw(c, 'EXISTS', 'p'), ':0\r\n');
  }
  await fails(io.call('LPOP', 'p', '-1'), mustBePositive);
  await fails(io.call('RPOP', 'p', 'abc'), mustBePositive);
  await fails(io.call('LPOP', 'p', '9223372036854775808'), mustBePositive);
  await fails(io.call('LPOP', 'p', '1', '2'), arity('lpop'));
  await fails(io.call('RPOP', 'p', '1', '2'), arity('rpop'));

  await nr.del('np');
  await nr.rPush('np', ['1', '2', '3', '4']);
  assert.equal(await nr.lPop('np'), '1');
  assert.equal(await nr.rPop('np'), '4');
  assert.deepEqual(await nr.lPopCount('np', 1), ['2']);
  assert.deepEqual(await nr3.rPopCount('np', 10), ['3']);
  assert.equal(await nr.lPop('np'), null);
  assert.equal(await nr.rPopCount('np', 2), null);
  assert.equal(await nr3.lPopCount('np', 2), null);
});

test('LRANGE and LINDEX: negative indexes, clamping, empty ranges', async () => {
  await io.del('r');
  await io.rpush('r', ...Array.from({ length: 10 }, (_, i) => `v${i}`));
  assert.deepEqual(await io.lrange('r', 2, 4), ['v2', 'v3', 'v4']);
  assert.deepEqual(await io.lrange('r', -3, -1), ['v7', 'v8', 'v9']);
  assert.deepEqual(await io.lrange('r', -100, 1), ['v0', 'v1']);
  assert.deepEqual(await io.lrange('r', 8, 100), ['v8', 'v9']);
  assert.deepEqual(await io.lrange('r', 5, 4), []);
  assert.deepEqual(await io.lrange('r', 10, 20), []);
  assert.deepEqual(await io.lrange('r', '-9223372036854775808', '9223372036854775807'), await io.lrange('r', 0, -1));
  assert.deepEqual(await io.lrange('nokey', 0, -1), []);
  await fails(io.call('LRANGE', 'r', 'a', '1'), notInt);
  await fails(io.call('LRANGE', 'nokey', '0', '1.5'), notInt);
  await fails(io.call('LRANGE', 'r', '9223372036854775808', '1'), notInt);
  assert.equal(await io.lindex('r', 0), 'v0');
  assert.equal(await io.lindex('r', -1), 'v9');
  assert.equal(await io.lindex('r', -10), 'v0');
  assert.equal(await io.lindex('r', -11), null);
  assert.equal(await io.lindex('r', 10), null);
  assert.equal(await io.lindex('nokey', 0), null);
  await fails(io.call('LINDEX', 'r', 'x'), notInt);
  // LINDEX looks the key up first: a missing key answers nil whatever the index
  assert.equal(await io.call('LINDEX', 'nokey', 'x'), null);
  assert.equal(await nr.lIndex('r', 3), 'v3');
  assert.equal(await nr3.lIndex('r', 30), null);
  assert.deepEqual(await nr.lRange('r', -2, -1), ['v8', 'v9']);
  assert.equal(await raw(raw3, 'LRANGE', 'nokey', '0', '-1'), '*0\r\n');
  assert.equal(await raw(raw3, 'LINDEX', 'nokey', '0'), '_\r\n');
});

test('LSET: positions, errors in Redis order', async () => {
  await io.del('s');
  await io.rpush('s', 'a', 'b', 'c');
  assert.equal(await io.lset('s', 0, 'A'), 'OK');
  assert.equal(await io.lset('s', -1, 'C'), 'OK');
  assert.equal(await nr.lSet('s', 1, 'B'), 'OK');
  assert.deepEqual(await io.lrange('s', 0, -1), ['A', 'B', 'C']);
  await fails(io.lset('s', 3, 'x'), 'ERR index out of range');
  await fails(io.lset('s', -4, 'x'), 'ERR index out of range');
  await fails(io.call('LSET', 's', 'x', 'y'), notInt);
  await fails(io.lset('nokey', 0, 'x'), 'ERR no such key');
  // the key is looked up before the index is parsed
  await fails(io.call('LSET', 'nokey', 'x', 'y'), 'ERR no such key');
  await fails(nr.lSet('nokey', 0, 'x'), 'ERR no such key');
  await fails(io.call('LSET', 's', '0'), arity('lset'));
});

test('LPOS: RANK, COUNT, MAXLEN and their errors', async () => {
  await io.del('q');
  await io.rpush('q', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'x', 'a');
  assert.equal(await io.lpos('q', 'a'), 0);
  assert.equal(await io.lpos('q', 'x'), 7);
  assert.equal(await io.lpos('q', 'zz'), null);
  assert.equal(await io.lpos('q', 'a', 'RANK', 2), 3);
  assert.equal(await io.lpos('q', 'a', 'RANK', -1), 8);
  assert.equal(await io.lpos('q', 'a', 'RANK', -3), 3);
  assert.equal(await io.lpos('q', 'a', 'RANK', 5), null);
  assert.deepEqual(await io.lpos('q', 'a', 'COUNT', 0), [0, 3, 6, 8]);
  assert.deepEqual(await io.lpos('q', 'a', 'COUNT', 2), [0, 3]);
  assert.deepEqual(await io.lpos('q', 'a', 'RANK', -2, 'COUNT', 2), [6, 3]);
  assert.deepEqual(await io.call('LPOS', 'q', 'a', 'COUNT', '2', 'RANK', '-2'), [6, 3]);
  assert.deepEqual(await io.lpos('q', 'zz', 'COUNT', 2), []);
  assert.equal(await io.lpos('q', 'a', 'RANK', 2, 'MAXLEN', 3), null);
  assert.deepEqual(await io.call('LPOS', 'q', 'a', 'MAXLEN', '3', 'COUNT', '0'), [0]);
  assert.deepEqual(await io.lpos('q', 'a', 'RANK', -1, 'COUNT', 0, 'MAXLEN', 2), [8]);
  // Redis 7.0 turns RANK LONG_MIN into "every match from the tail", ignoring COUNT
  assert.equal(await io.call('LPOS', 'q', 'a', 'RANK', '-9223372036854775808'), 8);
  assert.deepEqual(await io.call('LPOS', 'q', 'a', 'RANK', '-9223372036854775808', 'COUNT', '1'), [8, 6, 3, 0]);
  assert.equal(await io.call('LPOS', 'q', 'a', 'RANK', '-9223372036854775807'), null);
  assert.equal(await io.lpos('nokey', 'a'), null);
  assert.deepEqual(await io.lpos('nokey', 'a', 'COUNT', 0), []);
  await fails(io.call('LPOS', 'q', 'a', 'RANK', '0'), "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
  await fails(io.call('LPOS', 'q', 'a', 'RANK', 'x'), notInt);
  await fails(io.call('LPOS', 'q', 'a', 'COUNT', '-1'), "ERR COUNT can't be negative");
  await fails(io.call('LPOS', 'q', 'a', 'COUNT', 'x'), "ERR COUNT can't be negative");
  await fails(io.call('LPOS', 'q', 'a', 'MAXLEN', '-1'), "ERR MAXLEN can't be negative");
  await fails(io.call('LPOS', 'q', 'a', 'RANK'), syntax);
  await fails(io.call('LPOS', 'q', 'a', 'BOGUS', '1'), syntax);
  // options are parsed before the key is looked up
  await fails(io.call('LPOS', 'nokey', 'a', 'RANK', '0'), "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");

  assert.equal(await nr.lPos('q', 'b'), 1);
  assert.equal(await nr.lPos('q', 'b', { RANK: -1 }), 4);
  assert.equal(await nr.lPos('q', 'a', { RANK: 2, MAXLEN: 3 }), null);
  assert.deepEqual(await nr.lPosCount('q', 'c', 0), [2, 5]);
  assert.deepEqual(await nr3.lPosCount('q', 'a', 3, { RANK: -1 }), [8, 6, 3]);
  assert.equal(await raw(raw2, 'LPOS', 'q', 'zz'), '$-1\r\n');
  assert.equal(await raw(raw3, 'LPOS', 'q', 'zz'), '_\r\n');
  assert.equal(await raw(raw3, 'LPOS', 'q', 'a', 'COUNT', '2'), '*2\r\n:0\r\n:3\r\n');
});

test('LINSERT: before and after, near either end (both shifting directions)', async () => {
  await io.del('i');
  await io.rpush('i', ...Array.from({ length: 10 }, (_, k) => `e${k}`));
  const model = Array.from({ length: 10 }, (_, k) => `e${k}`);
  const ins = async (where: 'BEFORE' | 'AFTER', pivot: string, el: string): Promise<void> => {
    const p = model.indexOf(pivot);
    model.splice(where === 'BEFORE' ? p : p + 1, 0, el);
    assert.equal(await io.call('LINSERT', 'i', where, pivot, el), model.length);
    assert.deepEqual(await io.lrange('i', 0, -1), model);
  };
  await ins('BEFORE', 'e0', 'n0'); // new head
  await ins('AFTER', 'e9', 'n1'); // new tail
  await ins('BEFORE', 'e1', 'n2'); // left side shifts
  await ins('AFTER', 'e8', 'n3'); // right side shifts
  await ins('AFTER', 'e4', 'n4');
  await ins('BEFORE', 'e5', 'n5');
  assert.equal(await io.lindex('i', 0), 'n0');
  assert.equal(await io.lindex('i', -1), 'n1');
  // the first occurrence of the pivot counts
  await io.del('d');
  await io.rpush('d', 'p', 'q', 'p');
  assert.equal(await nr.lInsert('d', 'AFTER', 'p', 'x'), 4);
  assert.deepEqual(await nr.lRange('d', 0, -1), ['p', 'x', 'q', 'p']);
  assert.equal(await nr3.lInsert('d', 'BEFORE', 'zz', 'x'), -1);
  assert.equal(await io.linsert('nokey', 'BEFORE', 'a', 'x'), 0);
  assert.equal(await io.exists('nokey'), 0);
  await fails(io.call('LINSERT', 'd', 'MIDDLE', 'p', 'x'), syntax);
  await fails(io.call('LINSERT', 'nokey', 'MIDDLE', 'p', 'x'), syntax);
  await fails(io.call('LINSERT', 'd', 'BEFORE', 'p'), arity('linsert'));
});

test('LREM: from the head, from the tail, all; the list is deleted when emptied', async () => {
  const start = ['a', 'x', 'b', 'x', 'c', 'x', 'd', 'e', 'f', 'g', 'h', 'x', 'i', 'x'];
  const cases: Array<[number, string[]]> = [
    [1, ['a', 'b', 'x', 'c', 'x', 'd', 'e', 'f', 'g', 'h', 'x', 'i', 'x']],
    [2, ['a', 'b', 'c', 'x', 'd', 'e', 'f', 'g', 'h', 'x', 'i', 'x']],
    [-1, ['a', 'x', 'b', 'x', 'c', 'x', 'd', 'e', 'f', 'g', 'h', 'x', 'i']],
    [-3, ['a', 'x', 'b', 'x', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
    [0, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
    [100, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']],
  ];
  for (const [count, want] of cases) {
    await io.del('m');
    await io.rpush('m', ...start);
    assert.equal(await io.lrem('m', count, 'x'), start.length - want.length, `LREM ${count}`);
    assert.deepEqual(await io.lrange('m', 0, -1), want, `LREM ${count}`);
  }
  assert.equal(await io.lrem('m', 0, 'zz'), 0);
  assert.equal(await nr.lRem('m', 1, 'a'), 1);
  assert.equal(await nr3.lRem('m', -1, 'i'), 1);
  assert.deepEqual(await nr.lRange('m', 0, -1), ['b', 'c', 'd', 'e', 'f', 'g', 'h']);
  await io.del('m');
  await io.rpush('m', 'x', 'x');
  assert.equal(await io.lrem('m', 0, 'x'), 2);
  assert.equal(await io.exists('m'), 0);
  assert.equal(await io.lrem('m', 0, 'x'), 0);
  await fails(io.call('LREM', 'm', 'abc', 'x'), notInt);
});

test('LTRIM: both ends, out-of-range bounds, deletion when empty', async () => {
  const ten = Array.from({ length: 10 }, (_, k) => `t${k}`);
  await io.del('t');
  await io.rpush('t', ...ten);
  assert.equal(await io.ltrim('t', 0, -1), 'OK');
  assert.deepEqual(await io.lrange('t', 0, -1), ten);
  assert.equal(await io.ltrim('t', 2, -3), 'OK');
  assert.deepEqual(await io.lrange('t', 0, -1), ten.slice(2, 8));
  assert.equal(await nr.lTrim('t', -100, 2), 'OK');
  assert.deepEqual(await io.lrange('t', 0, -1), ten.slice(2, 5));
  assert.equal(await io.ltrim('t', 1, 100), 'OK');
  assert.deepEqual(await io.lrange('t', 0, -1), ten.slice(3, 5));
  assert.equal(await io.llen('t'), 2);
  assert.equal(await io.ltrim('t', 1, 0), 'OK');
  assert.equal(await io.exists('t'), 0);
  await io.rpush('t', 'a');
  assert.equal(await nr3.lTrim('t', 5, 10), 'OK');
  assert.equal(await io.exists('t'), 0);
  assert.equal(await io.ltrim('nokey', 0, 1), 'OK');
  await fails(io.call('LTRIM', 'nokey', 'x', '1'), notInt);
});

test('LMOVE and RPOPLPUSH: between lists, rotation of one list, missing source', async () => {
  await io.del('src', 'dst');
  await io.rpush('src', '1', '2', '3', '4');
  assert.equal(await io.lmove('src', 'dst', 'LEFT', 'RIGHT'), '1');
  assert.equal(await io.lmove('src', 'dst', 'RIGHT', 'LEFT'), '4');
  assert.equal(await nr.lMove('src', 'dst', 'LEFT', 'LEFT'), '2');
  assert.equal(await nr.rPopLPush('src', 'dst'), '3');
  assert.equal(await io.exists('src'), 0);
  assert.deepEqual(await io.lrange('dst', 0, -1), ['3', '2', '4', '1']);
  assert.equal(await io.rpoplpush('src', 'dst'), null);
  assert.equal(await io.lmove('src', 'dst', 'LEFT', 'LEFT'), null);
  assert.equal(await nr3.lMove('src', 'dst', 'LEFT', 'LEFT'), null);
  // rotation
  assert.equal(await io.lmove('dst', 'dst', 'LEFT', 'RIGHT'), '3');
  assert.deepEqual(await io.lrange('dst', 0, -1), ['2', '4', '1', '3']);
  assert.equal(await io.rpoplpush('dst', 'dst'), '3');
  assert.deepEqual(await io.lrange('dst', 0, -1), ['3', '2', '4', '1']);
  assert.equal(await io.lmove('dst', 'dst', 'RIGHT', 'RIGHT'), '1');
  assert.deepEqual(await io.lrange('dst', 0, -1), ['3', '2', '4', '1']);
  await io.del('one');
  await io.rpush('one', 'only');
  assert.equal(await io.lmove('one', 'one', 'LEFT', 'RIGHT'), 'only');
  assert.deepEqual(await io.lrange('one', 0, -1), ['only']);
  await fails(io.call('LMOVE', 'dst', 'x', 'UP', 'LEFT'), syntax);
  await fails(io.call('LMOVE', 'dst', 'x', 'LEFT', 'DOWN'), syntax);
  await fails(io.call('LMOVE', 'dst', 'x', 'LEFT'), arity('lmove'));
  await fails(io.call('RPOPLPUSH', 'dst'), arity('rpoplpush'));
});

test('WRONGTYPE and arity errors for every list command', async () => {
  await io.set('str', 'x');
  const wrong: string[][] = [
    ['LPUSH', 'str', 'a'],
    ['RPUSH', 'str', 'a'],
    ['LPUSHX', 'str', 'a'],
    ['RPUSHX', 'str', 'a'],
    ['LPOP', 'str'],
    ['RPOP', 'str', '2'],
    ['LLEN', 'str'],
    ['LRANGE', 'str', '0', '-1'],
    ['LINDEX', 'str', '0'],
    ['LINDEX', 'str', 'x'],
    ['LSET', 'str', '0', 'a'],
    ['LINSERT', 'str', 'BEFORE', 'a', 'b'],
    ['LREM', 'str', '0', 'a'],
    ['LTRIM', 'str', '0', '1'],
    ['LPOS', 'str', 'a'],
    ['LMOVE', 'str', 'l2', 'LEFT', 'LEFT'],
    ['LMOVE', 'str', 'nokey', 'LEFT', 'LEFT'],
    ['RPOPLPUSH', 'str', 'l2'],
    ['BLPOP', 'str', '0'],
    ['BRPOP', 'nokey', 'str', '0'],
    ['BLMOVE', 'str', 'l2', 'LEFT', 'LEFT', '0'],
  ];
  await io.del('l2');
  await io.rpush('l2', 'v');
  wrong.push(['LMOVE', 'l2', 'str', 'LEFT', 'LEFT'], ['RPOPLPUSH', 'l2', 'str'], ['BLMOVE', 'l2', 'str', 'LEFT', 'LEFT', '0']);
  for (const argv of wrong) {
    await fails(io.call(argv[0]!, ...argv.slice(1)), wrongType);
    assert.equal(await raw(raw3, ...argv), `-${wrongType}\r\n`, argv.join(' '));
  }
  // a failed move wrote nothing
  assert.deepEqual(await io.lrange('l2', 0, -1), ['v']);
  assert.equal(await io.get('str'), 'x');
  await fails(nr.lPush('str', 'a'), wrongType);
  await fails(nr3.lRange('str', 0, 1), wrongType);
  await fails(nr.blPop('str', 0), wrongType);

  const arities: Array<[string, string[]]> = [
    ['lpush', ['l']],
    ['rpush', []],
    ['lpushx', ['l']],
    ['rpushx', ['l']],
    ['lpop', []],
    ['rpop', ['l', '1', '2']],
    ['llen', []],
    ['llen', ['a', 'b']],
    ['lrange', ['l', '0']],
    ['lindex', ['l']],
    ['lset', ['l', '0']],
    ['linsert', ['l', 'BEFORE', 'a']],
    ['lrem', ['l', '0']],
    ['ltrim', ['l', '0']],
    ['lpos', ['l']],
    ['lmove', ['a', 'b', 'LEFT']],
    ['rpoplpush', ['a']],
    ['blpop', ['l']],
    ['brpop', []],
    ['blmove', ['a', 'b', 'LEFT', 'LEFT']],
  ];
  for (const [cmd, args] of arities) {
    await fails(io.call(cmd, ...args), arity(cmd));
    assert.equal(await raw(raw2, cmd.toUpperCase(), ...args), `-${arity(cmd)}\r\n`);
  }
});

// ---- blocking ---------------------------------------------------------------------------------

test('BLPOP, BRPOP, BLMOVE answer at once when a list has elements; key order decides', async () => {
  await io.del('b1', 'b2', 'b3');
  await io.rpush('b2', 'x', 'y', 'z');
  assert.deepEqual(await io.blpop('b1', 'b2', 0), ['b2', 'x']);
  assert.deepEqual(await io.brpop('b1', 'b2', 1), ['b2', 'z']);
  assert.equal(await io.blmove('b2', 'b3', 'LEFT', 'RIGHT', 0), 'y');
  assert.equal(await io.exists('b2'), 0);
  assert.deepEqual(await nr.blPop(['b1', 'b3'], 0), { key: 'b3', element: 'y' });
  await io.rpush('b1', 'p', 'q');
  assert.deepEqual(await nr3.brPop('b1', 0), { key: 'b1', element: 'q' });
  assert.equal(await nr.blMove('b1', 'b1', 'LEFT', 'RIGHT', 0), 'p');
  assert.equal(await raw(raw2, 'BLPOP', 'b1', '0'), bulks('b1', 'p'));
  // an earlier non-empty list is served even when a later key has the wrong type
  await io.set('str', 'x');
  await io.rpush('b1', 'v');
  assert.deepEqual(await io.blpop('b1', 'str', 0), ['b1', 'v']);
  await fails(io.blpop('b1', 'str', 0), wrongType);
});

test('blocking timeouts: argument errors, nil replies in RESP2 and RESP3', async () => {
  for (const t of ['-1', '-0.0011', 'inf', '-inf', '1e30', '9223372036854776']) {
    await fails(io.call('BLPOP', 'nokey', t), 'ERR timeout is negative');
  }
  for (const t of ['abc', 'nan', '', '1e', '0x', ' 1']) {
    await fails(io.call('BLPOP', 'nokey', t), 'ERR timeout is not a float or out of range');
  }
  await fails(io.call('BLMOVE', 'nokey', 'x', 'LEFT', 'LEFT', '-1'), 'ERR timeout is negative');
  await fails(io.call('BLMOVE', 'nokey', 'x', 'UP', 'LEFT', 'abc'), syntax);
  await fails(io.call('BLMOVE', 'nokey', 'x', 'LEFT', 'LEFT', 'abc'), 'ERR timeout is not a float or out of range');
  // a timeout that runs out (tiny positive values round up to 1 ms; hex floats are floats)
  const c2 = await RawClient.connect(s.port);
  const c3 = await RawClient.connect(s.port);
  try {
    await c3.call('HELLO', '3');
    assert.equal(await raw(c2, 'BLPOP', 'nokey', '0.01'), '*-1\r\n');
    assert.equal(await raw(c3, 'BLPOP', 'nokey', 'nokey2', '0.01'), '_\r\n');
    assert.equal(await raw(c2, 'BRPOP', 'nokey', '1e-400'), '*-1\r\n');
    assert.equal(await raw(c2, 'BLMOVE', 'nokey', 'x', 'LEFT', 'LEFT', '0x1p-8'), '$-1\r\n');
    assert.equal(await raw(c3, 'BLMOVE', 'nokey', 'x', 'RIGHT', 'LEFT', '0.001'), '_\r\n');
    // the connection goes on after a timeout
    assert.equal(await raw(c2, 'PING'), '+PONG\r\n');
  } finally {
    c2.close();
    c3.close();
  }
  assert.equal(await io.blpop('nokey', 0.01), null);
  assert.equal(await io.blmove('nokey', 'x', 'LEFT', 'LEFT', 0.01), null);
  assert.equal(await nr.blPop('nokey', 0.01), null);
  assert.equal(await nr3.brPop('nokey', 0.01), null);
  assert.equal(await nr.blMove('nokey', 'x', 'LEFT', 'LEFT', 0.01), null);
});

test('a blocked client is served by a push from another client; FIFO between blocked clients', async () => {
  await io.del('w');
  const a = s.ioredis();
  const b = s.ioredis();
  const pa = a.blpop('w', 0);
  await blockedClients(1);
  const pb = b.blpop('w', 0);
  await blockedClients(2);
  // one push of three elements serves both, in arrival order, and reports the pushed length
  assert.equal(await nr.rPush('w', ['1', '2', '3']), 3);
  assert.deepEqual(await pa, ['w', '1']);
  assert.deepEqual(await pb, ['w', '2']);
  assert.deepEqual(await io.lrange('w', 0, -1), ['3']);
  // BRPOP takes from the tail; node-redis blocked, ioredis pushes
  await io.del('w');
  const nb = await s.nodeRedis();
  const pn = nb.brPop('w', 0);
  await blockedClients(1);
  await io.lpush('w', 'x', 'y');
  assert.deepEqual(await pn, { key: 'w', element: 'x' });
  assert.deepEqual(await io.lrange('w', 0, -1), ['y']);
  a.disconnect();
  b.disconnect();
});

test('a client blocked on several keys is served from the one pushed to', async () => {
  await io.del('k1', 'k2');
  const a = s.ioredis();
  const pa = a.brpop('k1', 'k2', 0);
  await blockedClients(1);
  await io.rpush('k2', 'v');
  assert.deepEqual(await pa, ['k2', 'v']);
  assert.equal(await io.exists('k2'), 0);
  a.disconnect();
});

test('BLMOVE served by a push, its push in turn unblocks a third client', async () => {
  await io.del('src', 'mid', 'end');
  const mover = s.ioredis();
  const popper = await s.nodeRedis();
  const pm = mover.blmove('src', 'mid', 'RIGHT', 'LEFT', 0);
  await blockedClients(1);
  const pp = popper.blPop('mid', 0);
  await blockedClients(2);
  await io.rpush('src', 'a', 'b');
  assert.equal(await pm, 'b');
  assert.deepEqual(await pp, { key: 'mid', element: 'b' });
  assert.deepEqual(await io.lrange('src', 0, -1), ['a']);
  assert.equal(await io.exists('mid'), 0);
  // a non-blocking LMOVE feeds a blocked mover, which feeds a blocked popper
  const p1 = mover.blmove('mid', 'end', 'LEFT', 'LEFT', 0);
  await blockedClients(1);
  const p3 = popper.blPop('end', 0);
  await blockedClients(2);
  await io.lmove('src', 'mid', 'LEFT', 'LEFT');
  assert.equal(await p1, 'a');
  assert.deepEqual(await p3, { key: 'end', element: 'a' });
  assert.equal(await io.exists('src'), 0);
  assert.equal(await io.exists('mid'), 0);
  assert.equal(await io.exists('end'), 0);
  mover.disconnect();
});

test('a blocked BLMOVE whose destination became another type gets WRONGTYPE; the element stays', async () => {
  await io.del('src', 'dst');
  const mover = s.ioredis();
  const pm = mover.blmove('src', 'dst', 'LEFT', 'LEFT', 0);
  await blockedClients(1);
  await io.set('dst', 'str');
  await io.rpush('src', 'v');
  await fails(pm, wrongType);
  assert.deepEqual(await io.lrange('src', 0, -1), ['v']);
  assert.equal(await io.get('dst'), 'str');
  mover.disconnect();
});

test('blocking commands inside MULTI answer at once; pushes in EXEC serve blocked clients after it', async () => {
  await io.del('mq', 'ml');
  const res = await io.multi().blpop('mq', 0).brpop('mq', 'mq2', 5).blmove('mq', 'ml', 'LEFT', 'LEFT', 0).rpush('mq', 'v').blpop('mq', 0).exec();
  assert.deepEqual(res, [
    [null, null],
    [null, null],
    [null, null],
    [null, 1],
    [null, ['mq', 'v']],
  ]);
  assert.equal(
    await (async () => {
      await raw(raw2, 'MULTI');
      await raw(raw2, 'BLPOP', 'mq', '0');
      await raw(raw2, 'BLMOVE', 'mq', 'ml', 'LEFT', 'LEFT', '0');
      await raw(raw2, 'BLPOP', 'mq', '-1');
      return raw(raw2, 'EXEC');
    })(),
    '*3\r\n*-1\r\n$-1\r\n-ERR timeout is negative\r\n',
  );
  await raw(raw3, 'MULTI');
  await raw(raw3, 'BLPOP', 'mq', '0');
  await raw(raw3, 'BLMOVE', 'mq', 'ml', 'LEFT', 'LEFT', '0');
  assert.equal(await raw(raw3, 'EXEC'), '*2\r\n_\r\n_\r\n');

  // a client blocked while another pushes and pops in one EXEC stays blocked (the list is empty after)
  const a = s.ioredis();
  const pa = a.blpop('mq', 0);
  await blockedClients(1);
  assert.deepEqual(await io.multi().rpush('mq', 'x').lpop('mq').exec(), [
    [null, 1],
    [null, 'x'],
  ]);
  await blockedClients(1);
  // a push inside EXEC serves it once EXEC is done
  assert.deepEqual(await io.multi().rpush('mq', 'y', 'z').llen('mq').exec(), [
    [null, 2],
    [null, 2],
  ]);
  assert.deepEqual(await pa, ['mq', 'y']);
  assert.deepEqual(await io.lrange('mq', 0, -1), ['z']);
  a.disconnect();
});

test('a disconnected blocked client leaves the others blocked and working', async () => {
  await io.del('dq');
  const gone = await RawClient.connect(s.port);
  gone.writeRaw('*3\r\n$5\r\nBLPOP\r\n$2\r\ndq\r\n$1\r\n0\r\n');
  await blockedClients(1);
  const stay = s.ioredis();
  const ps = stay.blpop('dq', 0);
  await blockedClients(2);
  gone.close();
  await blockedClients(1);
  await io.rpush('dq', 'v1', 'v2');
  assert.deepEqual(await ps, ['dq', 'v1']);
  assert.deepEqual(await io.lrange('dq', 0, -1), ['v2']);
  // the server goes on serving new blocked clients
  await io.del('dq');
  const ps2 = stay.brpop('dq', 0);
  await blockedClients(1);
  await nr.rPush('dq', 'v3');
  assert.deepEqual(await ps2, ['dq', 'v3']);
  stay.disconnect();
});

test('blocked clients wait on their own database and only for a list', async () => {
  await io.del('k');
  const a = await RawClient.connect(s.port);
  try {
    assert.equal(await raw(a, 'SELECT', '1'), '+OK\r\n');
    const pa = a.call('BLPOP', 'k', '0');
    await blockedClients(1);
    await io.rpush('k', 'db0'); // database 0: not for the client in database 1
    const other = s.ioredis({ db: 1 });
    await other.set('k', 'a string'); // a string does not wake it
    await other.del('k');
    await blockedClients(1);
    await other.rpush('k', 'db1');
    assert.equal((await pa).toString('latin1'), bulks('k', 'db1'));
    assert.deepEqual(await io.lrange('k', 0, -1), ['db0']);
    other.disconnect();
  } finally {
    a.close();
  }
});

// Regression: a blocking timeout above 2^31-1 ms went to setTimeout as is, which fires after 1 ms.
test('a blocking timeout longer than Node timers allow does not time out early', async () => {
  await io.del('long');
  const a = s.ioredis();
  const pa = a.blpop('long', 3_000_000); // about 35 days
  await blockedClients(1);
  await sleep(30);
  await io.rpush('long', 'v');
  assert.deepEqual(await pa, ['long', 'v']);
  a.disconnect();
});

test('WATCH sees LSET, LTRIM and a rotation as changes', async () => {
  await io.del('wl');
  await io.rpush('wl', 'a', 'b');
  for (const change of [
    () => nr.lSet('wl', 0, 'z'),
    () => nr.lTrim('wl', 0, -1),
    () => nr.lMove('wl', 'wl', 'LEFT', 'LEFT'),
    () => nr.lRem('wl', 1, 'z'),
  ]) {
    const w = s.ioredis();
    await w.watch('wl');
    await change();
    assert.equal(await w.multi().llen('wl').exec(), null);
    w.disconnect();
  }
  // a read or a no-op LINSERT is not a change
  const w = s.ioredis();
  await w.watch('wl');
  await nr.lPos('wl', 'b');
  await nr.lInsert('wl', 'BEFORE', 'nope', 'x');
  assert.deepEqual(await w.multi().llen('wl').exec(), [[null, 1]]);
  w.disconnect();
});

// ---- model and big lists -------------------------------------------------------------------

test('seeded random operations match an array model', async () => {
  const seed = Number(process.env.LISTS_SEED ?? Date.now() % 1_000_000);
  console.log(`lists model seed: ${seed}`);
  let x = seed || 1;
  const rnd = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  await io.del('mdl');
  let model: string[] = [];
  const val = (): string => `v${rnd(8)}`;
  const pipe = io2;
  for (let step = 0; step < 600; step++) {
    const op = rnd(11);
    const ctx = `seed ${seed} step ${step} op ${op}`;
    const len = model.length;
    if (op === 0) {
      const els = Array.from({ length: 1 + rnd(4) }, val);
      assert.equal(await pipe.lpush('mdl', ...els), len + els.length, ctx);
      model = [...els.reverse(), ...model];
    } else if (op === 1) {
      const els = Array.from({ length: 1 + rnd(4) }, val);
      assert.equal(await pipe.rpush('mdl', ...els), len + els.length, ctx);
      model.push(...els);
    } else if (op === 2) {
      const n = 1 + rnd(3);
      const got = await pipe.lpop('mdl', n);
      assert.deepEqual(got, len === 0 ? null : model.splice(0, n), ctx);
    } else if (op === 3) {
      const got = await pipe.rpop('mdl');
      assert.equal(got, len === 0 ? null : model.pop(), ctx);
    } else if (op === 4) {
      const pivot = val();
      const el = `n${step}`;
      const before = rnd(2) === 0;
      const p = model.indexOf(pivot);
      const got = await pipe.call('LINSERT', 'mdl', before ? 'BEFORE' : 'AFTER', pivot, el);
      if (len === 0) assert.equal(got, 0, ctx);
      else if (p < 0) assert.equal(got, -1, ctx);
      else {
        model.splice(before ? p : p + 1, 0, el);
        assert.equal(got, model.length, ctx);
      }
    } else if (op === 5) {
      const count = rnd(5) - 2;
      const v = val();
      let removed = 0;
      if (count >= 0) {
        model = model.filter((e) => (e === v && (count === 0 || removed < count) ? (removed++, false) : true));
      } else {
        const r = [...model].reverse().filter((e) => (e === v && removed < -count ? (removed++, false) : true));
        model = r.reverse();
      }
      assert.equal(await pipe.lrem('mdl', count, v), removed, ctx);
    } else if (op === 6 && len > 0) {
      const i = rnd(len);
      const v = `s${step}`;
      assert.equal(await pipe.lset('mdl', i - (rnd(2) === 0 ? 0 : len), v), 'OK', ctx);
      model[i] = v;
    } else if (op === 7 && rnd(4) === 0) {
      const a = rnd(len + 2) - 1;
      const b = len - rnd(4);
      await pipe.ltrim('mdl', a, b);
      const st = a < 0 ? Math.max(0, a + len) : a;
      const en = b < 0 ? b + len : Math.min(b, len - 1);
      model = st > en || st >= len ? [] : model.slice(st, en + 1);
    } else if (op === 8) {
      const from = rnd(2) === 0 ? 'LEFT' : 'RIGHT';
      const to = rnd(2) === 0 ? 'LEFT' : 'RIGHT';
      const got = await pipe.call('LMOVE', 'mdl', 'mdl', from, to);
      if (len === 0) assert.equal(got, null, ctx);
      else {
        const e = from === 'LEFT' ? model.shift()! : model.pop()!;
        assert.equal(got, e, ctx);
        if (to === 'LEFT') model.unshift(e);
        else model.push(e);
      }
    } else if (op === 9) {
      const v = val();
      const want = model.map((e, i) => (e === v ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual(await pipe.lpos('mdl', v, 'COUNT', 0), want, ctx);
      assert.equal(await pipe.lpos('mdl', v, 'RANK', -1), want.length === 0 ? null : want[want.length - 1]!, ctx);
    } else if (op === 10 && len > 0) {
      const i = rnd(len);
      assert.equal(await pipe.lindex('mdl', i), model[i], ctx);
    }
    assert.deepEqual(await pipe.lrange('mdl', 0, -1), model, ctx);
    assert.equal(await pipe.exists('mdl'), model.length > 0 ? 1 : 0, ctx);
  }
});

test('big lists: inserts and removals near either end, trims, popping everything', async () => {
  const n = 3000;
  const all = Array.from({ length: n }, (_, i) => `e${i}`);
  await io.del('big');
  for (let i = 0; i < n; i += 500) await io.rpush('big', ...all.slice(i, i + 500));
  const model = [...all];
  // near the tail: the right side shifts; near the head: the left side shifts
  assert.equal(await io.linsert('big', 'AFTER', 'e2990', 'X'), n + 1);
  model.splice(2991, 0, 'X');
  assert.equal(await io.linsert('big', 'BEFORE', 'e10', 'Y'), n + 2);
  model.splice(10, 0, 'Y');
  assert.equal(await io.lrem('big', 0, 'X'), 1);
  model.splice(model.indexOf('X'), 1);
  assert.equal(await io.lrem('big', -1, 'Y'), 1);
  model.splice(model.indexOf('Y'), 1);
  assert.deepEqual(await io.lrange('big', 0, -1), model);
  assert.equal(await io.lindex('big', 1500), 'e1500');
  assert.equal(await io.lpos('big', 'e2999'), 2999);
  assert.equal(await io.lpos('big', 'e5', 'RANK', -1, 'MAXLEN', 100), null);
  assert.equal(await io.ltrim('big', 100, -101), 'OK');
  assert.equal(await io.llen('big'), n - 200);
  assert.deepEqual(await io.lrange('big', 0, 1), ['e100', 'e101']);
  assert.deepEqual(await io.lrange('big', -1, -1), ['e2899']);
  const popped = await io.lpop('big', n);
  assert.equal(popped?.length, n - 200);
  assert.equal(await io.exists('big'), 0);
  // a fresh list under the same name starts empty
  await io.rpush('big', 'new');
  assert.deepEqual(await io.lrange('big', 0, -1), ['new']);
  // DEL of a big list, then reuse
  await io.rpush('big', ...all.slice(0, 1000));
  assert.equal(await io.del('big'), 1);
  assert.equal(await io.llen('big'), 0);
  await io.lpush('big', 'a');
  assert.deepEqual(await io.lrange('big', 0, -1), ['a']);
});

test('lists survive a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'basalt-lists-'));
  try {
    let t = await startTestServer({ dir });
    try {
      const c = t.ioredis();
      await c.rpush('rl', 'a', 'b', 'c', 'd');
      await c.lpush('rl', 'z');
      await c.linsert('rl', 'AFTER', 'b', 'b2');
      await c.lrem('rl', 1, 'c');
      await c.lset('rl', -1, 'D');
      await c.rpush('gone', 'x');
      await c.lmove('gone', 'other', 'LEFT', 'RIGHT');
      await c.rpush('trim', '1', '2', '3');
      await c.ltrim('trim', 1, 1);
    } finally {
      await t.close();
    }
    t = await startTestServer({ dir });
    try {
      const c = t.ioredis();
      assert.deepEqual(await c.lrange('rl', 0, -1), ['z', 'a', 'b', 'b2', 'D']);
      assert.equal(await c.exists('gone'), 0);
      assert.deepEqual(await c.lrange('other', 0, -1), ['x']);
      assert.deepEqual(await c.lrange('trim', 0, -1), ['2']);
      // new lists after the restart do not collide with old ones
      await c.rpush('fresh', 'f');
      assert.deepEqual(await c.lrange('rl', 0, -1), ['z', 'a', 'b', 'b2', 'D']);
      assert.deepEqual(await c.lrange('fresh', 0, -1), ['f']);
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
