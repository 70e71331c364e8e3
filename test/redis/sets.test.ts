// Set commands against the in-process server with ioredis and node-redis (RESP2 and RESP3):
// SADD/SREM and membership, SMEMBERS as a set (~) with Redis's intset order for small integer
// sets, SPOP/SRANDMEMBER count rules tested by properties, SMOVE, the set algebra and its STORE
// forms, SINTERCARD, SSCAN, errors and WRONGTYPE, expiry, WATCH, a seeded model check and restart.
// Expected replies were checked against redis-server 7.0.15.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { arity, fails, notInt, openClients, raw, startTestServer, syntax, wrongType, type NodeRedis, type NodeRedis3, type TestServer } from './lib.js';
import { RawClient } from './raw-client.js';

const positive = 'ERR value is out of range, must be positive';

let s: TestServer;
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

function bulks(...items: string[]): string {
  return items.map((x) => `$${Buffer.byteLength(x)}\r\n${x}\r\n`).join('');
}

function sorted(xs: Iterable<string>): string[] {
  return [...xs].sort();
}

async function fill(key: string, n: number, prefix = 'm'): Promise<Set<string>> {
  await io.del(key);
  const all: string[] = [];
  for (let i = 0; i < n; i++) all.push(`${prefix}${i}`);
  for (let i = 0; i < all.length; i += 500) await io.sadd(key, ...all.slice(i, i + 500));
  return new Set(all);
}

// ---------------------------------------------------------------------------------------------

test('SADD, SREM, SCARD, SISMEMBER, SMISMEMBER: counts, duplicates, an emptied set is deleted', async () => {
  await io.del('s', 'nokey');
  assert.equal(await io.sadd('s', 'a', 'b', 'a'), 2);
  assert.equal(await io.sadd('s', 'b', 'c'), 1);
  assert.equal(await io.sadd('s', 'c'), 0);
  assert.equal(await io.scard('s'), 3);
  assert.equal(await io.scard('nokey'), 0);
  assert.equal(await io.sismember('s', 'a'), 1);
  assert.equal(await io.sismember('s', 'z'), 0);
  assert.equal(await io.sismember('nokey', 'a'), 0);
  assert.deepEqual(await io.smismember('s', 'a', 'z', 'c'), [1, 0, 1]);
  assert.deepEqual(await io.smismember('nokey', 'a', 'b'), [0, 0]);
  assert.equal(await io.type('s'), 'set');
  assert.equal(await io.srem('s', 'a', 'a', 'z'), 1);
  assert.equal(await io.srem('nokey', 'a'), 0);
  assert.equal(await io.srem('s', 'b', 'c'), 2);
  assert.equal(await io.exists('s'), 0);
  // node-redis forms
  assert.equal(await nr.sAdd('sn', ['x', 'y']), 2);
  assert.equal(await nr.sAdd('sn', 'z'), 1);
  assert.equal(await nr.sCard('sn'), 3);
  assert.equal(await nr.sIsMember('sn', 'x'), 1);
  assert.deepEqual(await nr.smIsMember('sn', ['x', 'q']), [1, 0]);
  assert.equal(await nr3.sRem('sn', ['x', 'q']), 1);
  assert.equal(await raw(raw3, 'SMISMEMBER', 'sn', 'y', 'q'), '*2\r\n:1\r\n:0\r\n');
  await io.del('sn');
  // the empty member is a member like any other
  assert.equal(await io.sadd('s', ''), 1);
  assert.equal(await io.sismember('s', ''), 1);
  assert.deepEqual(await io.smembers('s'), ['']);
  await io.del('s');
});

test('SMEMBERS: a set reply (RESP3 ~); small integer sets in numeric order as Redis intsets', async () => {
  await io.del('s', 'n', 'nokey');
  await io.sadd('s', 'b', 'c', 'a');
  assert.deepEqual(sorted(await io.smembers('s')), ['a', 'b', 'c']);
  assert.deepEqual(sorted(await nr.sMembers('s')), ['a', 'b', 'c']);
  assert.deepEqual(sorted(await nr3.sMembers('s')), ['a', 'b', 'c']);
  assert.deepEqual(await io.smembers('nokey'), []);
  await io.sadd('n', '10', '9', '100', '-5', '0');
  assert.deepEqual(await io.smembers('n'), ['-5', '0', '9', '10', '100']);
  assert.equal(await raw(raw2, 'SMEMBERS', 'n'), `*5\r\n${bulks('-5', '0', '9', '10', '100')}`);
  assert.equal(await raw(raw3, 'SMEMBERS', 'n'), `~5\r\n${bulks('-5', '0', '9', '10', '100')}`);
  assert.equal(await raw(raw3, 'SMEMBERS', 'nokey'), '~0\r\n');
  assert.equal(await raw(raw2, 'SMEMBERS', 'nokey'), '*0\r\n');
  // binary members round-trip
  const b1 = Buffer.from([0, 255, 13, 10]);
  await io.sadd('bin', b1);
  assert.deepEqual(await io.smembersBuffer('bin'), [b1]);
  assert.equal(await io.sismember('bin', b1), 1);
  await io.del('bin');
});

test('SPOP without count: a member, removed; nil for a missing key', async () => {
  const all = await fill('s', 5);
  const popped = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const m = (await io.spop('s')) as string;
    assert.ok(all.has(m) && !popped.has(m), m);
    popped.add(m);
    assert.equal(await io.scard('s'), 4 - i);
  }
  assert.equal(await io.exists('s'), 0);
  assert.equal(await io.spop('s'), null);
  assert.equal(await raw(raw3, 'SPOP', 'nokey'), '_\r\n');
  assert.equal(await raw(raw2, 'SPOP', 'nokey'), '$-1\r\n');
  await io.sadd('s', 'only');
  assert.equal(await nr.sPop('s'), 'only');
  assert.equal(await io.exists('s'), 0);
});

test('SPOP with count: distinct members removed, whole set when count >= size, a set reply', async () => {
  const all = await fill('s', 20);
  const got = (await io.spop('s', 7)) as string[];
  assert.equal(got.length, 7);
  assert.equal(new Set(got).size, 7);
  for (const m of got) {
    assert.ok(all.has(m));
    assert.equal(await io.sismember('s', m), 0);
  }
  assert.equal(await io.scard('s'), 13);
  assert.deepEqual(await io.spop('s', 0), []);
  assert.equal(await io.scard('s'), 13);
  const rest = (await io.spop('s', 13)) as string[];
  assert.equal(new Set([...got, ...rest]).size, 20);
  assert.equal(await io.exists('s'), 0);
  assert.deepEqual(await io.spop('nokey', 3), []);
  assert.equal(await raw(raw3, 'SPOP', 'nokey', '3'), '~0\r\n');
  assert.equal(await raw(raw2, 'SPOP', 'nokey', '0'), '*0\r\n');
  await io.del('n');
  await io.sadd('n', '3', '1', '2');
  assert.equal(await raw(raw3, 'SPOP', 'n', '10'), `~3\r\n${bulks('1', '2', '3')}`);
  await io.sadd('n', '3', '1', '2');
  assert.match(await raw(raw3, 'SPOP', 'n', '2'), /^~2\r\n/);
  await io.del('n');
  await io.sadd('s', 'a', 'b', 'c');
  assert.equal((await nr.sPopCount('s', 2)).length, 2);
  await fails(io.spop('s', -1), positive);
  await fails(io.call('SPOP', 's', 'x'), positive);
  await fails(io.call('SPOP', 'nokey', '-1'), positive);
  await fails(io.call('SPOP', 's', '1', '2'), syntax);
  await io.del('s');
});

test('SRANDMEMBER: count rules (distinct, repeats, whole set), array replies, errors', async () => {
  const all = await fill('s', 10);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add((await io.srandmember('s')) as string);
  assert.deepEqual(sorted(seen), sorted(all)); // 10 * 0.9^200 chance of missing one
  assert.equal(await io.scard('s'), 10);
  assert.equal(await io.srandmember('nokey'), null);
  assert.equal(await raw(raw3, 'SRANDMEMBER', 'nokey'), '_\r\n');
  for (let round = 0; round < 20; round++) {
    const five = await io.srandmember('s', 5);
    assert.equal(five.length, 5);
    assert.equal(new Set(five).size, 5);
    for (const m of five) assert.ok(all.has(m));
  }
  assert.deepEqual(sorted(await io.srandmember('s', 10)), sorted(all));
  assert.deepEqual(sorted(await io.srandmember('s', 11)), sorted(all));
  const rep = await io.srandmember('s', -50);
  assert.equal(rep.length, 50);
  for (const m of rep) assert.ok(all.has(m));
  assert.ok(new Set(rep).size < 50);
  assert.deepEqual(await io.srandmember('s', 0), []);
  assert.deepEqual(await io.srandmember('nokey', 5), []);
  assert.deepEqual(await io.srandmember('nokey', -5), []);
  assert.equal((await nr.sRandMemberCount('s', -3)).length, 3);
  assert.ok(all.has((await nr3.sRandMember('s')) as string));
  // Redis 7.0 answers SRANDMEMBER with an array in RESP3, also for the whole set
  await io.sadd('n', '2', '1');
  assert.equal(await raw(raw3, 'SRANDMEMBER', 'n', '5'), `*2\r\n${bulks('1', '2')}`);
  assert.match(await raw(raw3, 'SRANDMEMBER', 'n', '-3'), /^\*3\r\n/);
  assert.equal(await raw(raw3, 'SRANDMEMBER', 'n', '0'), '*0\r\n');
  await fails(io.call('SRANDMEMBER', 's', '-9223372036854775808'), 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  await fails(io.call('SRANDMEMBER', 's', 'x'), notInt);
  await fails(io.call('SRANDMEMBER', 's', '1', '2'), syntax);
  assert.equal((await io.srandmember('n', '9223372036854775807')).length, 2);
  // A deviation: a repeat count whose reply would pass 256 MiB is refused (Redis would try to build it).
  await assert.rejects(io.srandmember('n', -100_000_000), /exceed BasaltDB's limit/);
  assert.equal((await io.srandmember('n', -100_000)).length, 100_000);
  await io.del('n', 's');
});

test('SPOP and SRANDMEMBER on a big set: members exist, distinct counts, wide spread', async () => {
  const all = await fill('big', 3000, 'user:');
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const m = (await io.srandmember('big')) as string;
    assert.ok(all.has(m), m);
    seen.add(m);
  }
  assert.ok(seen.size > 100, `only ${seen.size} distinct members in 300 picks of 3000`);
  for (const n of [3, 50, 600, 2999]) {
    const got = await io.srandmember('big', n);
    assert.equal(got.length, n);
    assert.equal(new Set(got).size, n);
  }
  const rep = await io.srandmember('big', -400);
  assert.equal(rep.length, 400);
  for (const m of rep) assert.ok(all.has(m));
  const popped = (await io.spop('big', 100)) as string[];
  assert.equal(new Set(popped).size, 100);
  assert.equal(await io.scard('big'), 2900);
  for (const m of popped.slice(0, 10)) assert.equal(await io.sismember('big', m), 0);
  for (let i = 0; i < 50; i++) assert.ok(all.has((await io.spop('big')) as string));
  assert.equal(await io.scard('big'), 2850);
  const left = await io.smembers('big');
  assert.equal(left.length, 2850);
  await io.del('big');
});

test('SMOVE: moves, no-ops, creates the destination, deletes an emptied source', async () => {
  await io.del('a', 'b', 'c', 'nokey');
  await io.set('str', 'x');
  await io.sadd('a', '1', '2');
  await io.sadd('b', '2', '3');
  assert.equal(await io.smove('a', 'b', '1'), 1);
  assert.deepEqual(sorted(await io.smembers('b')), ['1', '2', '3']);
  assert.equal(await io.smove('a', 'b', '2'), 1); // already in b: still 1, removed from a
  assert.equal(await io.exists('a'), 0);
  assert.equal(await io.scard('b'), 3);
  assert.equal(await io.smove('b', 'c', '9'), 0);
  assert.equal(await io.exists('c'), 0);
  assert.equal(await nr.sMove('b', 'c', '3'), 1);
  assert.deepEqual(await io.smembers('c'), ['3']);
  assert.equal(await io.smove('b', 'b', '1'), 1);
  assert.equal(await io.smove('b', 'b', '9'), 0);
  assert.equal(await io.scard('b'), 2);
  assert.equal(await io.smove('nokey', 'str', '1'), 0); // a missing source wins over a wrong destination
  await fails(io.smove('b', 'str', '1'), wrongType);
  await fails(io.smove('str', 'b', '1'), wrongType);
  assert.equal(await io.scard('b'), 2);
  await io.del('b', 'c');
});

test('SINTER, SUNION, SDIFF: results as set replies, missing keys as empty sets', async () => {
  await io.del('a', 'b', 'c', 'nokey');
  await io.sadd('a', '1', '2', '3', '4');
  await io.sadd('b', '3', '4', '5');
  await io.sadd('c', '4', 'x');
  assert.deepEqual(await io.sinter('a', 'b'), ['3', '4']);
  assert.deepEqual(await io.sinter('a', 'b', 'c'), ['4']);
  assert.deepEqual(await io.sinter('a', 'nokey'), []);
  assert.deepEqual(await io.sinter('a'), ['1', '2', '3', '4']);
  assert.deepEqual(await io.sinter('a', 'a'), ['1', '2', '3', '4']);
  assert.deepEqual(await io.sunion('a', 'b'), ['1', '2', '3', '4', '5']);
  assert.deepEqual(sorted(await io.sunion('a', 'c', 'nokey')), ['1', '2', '3', '4', 'x']);
  assert.deepEqual(await io.sunion('nokey'), []);
  assert.deepEqual(await io.sdiff('a', 'b'), ['1', '2']);
  assert.deepEqual(await io.sdiff('a', 'b', 'c'), ['1', '2']);
  assert.deepEqual(await io.sdiff('a', 'nokey'), ['1', '2', '3', '4']);
  assert.deepEqual(await io.sdiff('nokey', 'a'), []);
  assert.deepEqual(await io.sdiff('a', 'a'), []);
  assert.deepEqual(sorted(await nr.sInter(['a', 'b'])), ['3', '4']);
  assert.deepEqual(sorted(await nr3.sUnion(['b', 'c'])), ['3', '4', '5', 'x']);
  assert.deepEqual(sorted(await nr.sDiff(['b', 'a'])), ['5']);
  assert.equal(await raw(raw3, 'SINTER', 'a', 'b'), `~2\r\n${bulks('3', '4')}`);
  assert.equal(await raw(raw3, 'SUNION', 'nokey'), '~0\r\n');
  assert.equal(await raw(raw2, 'SDIFF', 'a', 'b'), `*2\r\n${bulks('1', '2')}`);
  // the numeric order of an all-integer result
  await io.sadd('n1', '10', '2', '33');
  await io.sadd('n2', '1', '100');
  assert.deepEqual(await io.sunion('n1', 'n2'), ['1', '2', '10', '33', '100']);
  await io.del('n1', 'n2');
  // WRONGTYPE anywhere among the keys, even after a missing one
  await io.set('str', 'x');
  await fails(io.sinter('nokey', 'str'), wrongType);
  await fails(io.sinter('a', 'str'), wrongType);
  await fails(io.sunion('a', 'str'), wrongType);
  await fails(io.sdiff('nokey', 'str'), wrongType);
  await fails(io.sdiff('a', 'str'), wrongType);
});

test('SINTERSTORE, SUNIONSTORE, SDIFFSTORE: replace the destination, delete it when empty', async () => {
  await io.del('a', 'b', 'd', 'nokey');
  await io.sadd('a', '1', '2', '3');
  await io.sadd('b', '2', '3', '4');
  assert.equal(await io.sinterstore('d', 'a', 'b'), 2);
  assert.deepEqual(await io.smembers('d'), ['2', '3']);
  assert.equal(await io.sunionstore('d', 'a', 'b'), 4);
  assert.deepEqual(await io.smembers('d'), ['1', '2', '3', '4']);
  assert.equal(await io.sdiffstore('d', 'a', 'b'), 1);
  assert.deepEqual(await io.smembers('d'), ['1']);
  // a string (or any type) at the destination is replaced, and its TTL goes with it
  await io.set('str', 'x', 'EX', 100);
  assert.equal(await io.sinterstore('str', 'a', 'b'), 2);
  assert.equal(await io.type('str'), 'set');
  assert.equal(await io.ttl('str'), -1);
  // an empty result deletes the destination
  assert.equal(await io.sinterstore('d', 'a', 'nokey'), 0);
  assert.equal(await io.exists('d'), 0);
  await io.sadd('d', 'x');
  assert.equal(await io.sdiffstore('d', 'a', 'a'), 0);
  assert.equal(await io.exists('d'), 0);
  assert.equal(await io.sunionstore('d', 'nokey'), 0);
  // the destination may be a source
  assert.equal(await io.sunionstore('a', 'a', 'b'), 4);
  assert.deepEqual(await io.smembers('a'), ['1', '2', '3', '4']);
  assert.equal(await io.sdiffstore('a', 'a', 'b'), 1);
  assert.deepEqual(await io.smembers('a'), ['1']);
  assert.equal(await nr.sInterStore('d', ['b', 'b']), 3);
  assert.equal(await nr.sUnionStore('d', ['a', 'b']), 4);
  assert.equal(await nr3.sDiffStore('d', ['b', 'a']), 3);
  // errors leave the destination alone
  await io.set('str', 'x');
  await fails(io.sunionstore('d', 'a', 'str'), wrongType);
  assert.equal(await io.scard('d'), 3);
  await io.del('a', 'b', 'd', 'str');
});

test('SINTERCARD: counts, LIMIT, argument errors in Redis order', async () => {
  await io.del('a', 'b', 'nokey');
  await io.sadd('a', '1', '2', '3', '4');
  await io.sadd('b', '2', '3', '4', '5');
  assert.equal(await io.sintercard(2, 'a', 'b'), 3);
  assert.equal(await io.sintercard(2, 'a', 'b', 'LIMIT', 2), 2);
  assert.equal(await io.sintercard(2, 'a', 'b', 'LIMIT', 0), 3);
  assert.equal(await io.call('SINTERCARD', '2', 'a', 'b', 'limit', '10'), 3);
  assert.equal(await io.sintercard(1, 'a'), 4);
  assert.equal(await io.sintercard(2, 'a', 'nokey'), 0);
  assert.equal(await nr.sInterCard(['a', 'b'], { LIMIT: 1 }), 1);
  assert.equal(await nr3.sInterCard(['a', 'b']), 3);
  await io.set('str', 'x');
  await fails(io.call('SINTERCARD', '0', 'a'), 'ERR numkeys should be greater than 0');
  await fails(io.call('SINTERCARD', 'x', 'a'), 'ERR numkeys should be greater than 0');
  await fails(io.call('SINTERCARD', '3', 'a', 'b'), "ERR Number of keys can't be greater than number of args");
  await fails(io.call('SINTERCARD', '1', 'a', 'LIMIT', '-1'), "ERR LIMIT can't be negative");
  await fails(io.call('SINTERCARD', '1', 'a', 'LIMIT', 'x'), "ERR LIMIT can't be negative");
  await fails(io.call('SINTERCARD', '1', 'a', 'LIMIT'), syntax);
  await fails(io.call('SINTERCARD', '1', 'a', 'FOO', '1'), syntax);
  await fails(io.call('SINTERCARD', '2', 'nokey', 'str'), wrongType);
  await fails(io.call('SINTERCARD', '1'), arity('sintercard'));
  await io.del('a', 'b', 'str');
});

test('SSCAN: a small integer set whole in numeric order, a big set paged by cursor, errors', async () => {
  await io.del('n', 'nokey');
  await io.set('str', 'x');
  await io.sadd('n', '10', '9', '1', '-3');
  assert.deepEqual(await io.sscan('n', '0', 'COUNT', '1'), ['0', ['-3', '1', '9', '10']]);
  assert.deepEqual(await io.sscan('n', '0', 'MATCH', '1*'), ['0', ['1', '10']]);
  assert.equal(await raw(raw3, 'SSCAN', 'n', '0', 'MATCH', '9'), `*2\r\n${bulks('0')}*1\r\n${bulks('9')}`);
  assert.deepEqual(await io.sscan('nokey', '0', 'COUNT', '0'), ['0', []]);
  await fails(io.sscan('nokey', 'x'), 'ERR invalid cursor');
  await fails(io.sscan('str', '0'), wrongType);
  await fails(io.sscan('n', '0', 'COUNT', '0'), syntax);
  await fails(io.sscan('n', '0', 'COUNT', 'x'), notInt);
  await fails(io.call('SSCAN', 'n', '0', 'MATCH'), syntax);
  const all = await fill('big', 700);
  const seen = new Set<string>();
  let cursor = '0';
  let calls = 0;
  do {
    const [next, members] = await io.sscan('big', cursor, 'COUNT', '60');
    for (const m of members) {
      assert.ok(!seen.has(m), `member ${m} returned twice`);
      seen.add(m);
    }
    cursor = next;
    calls++;
  } while (cursor !== '0');
  assert.ok(calls >= 12);
  assert.deepEqual(sorted(seen), sorted(all));
  let total = 0;
  let c = '0';
  do {
    const r = await nr.sScan('big', c, { MATCH: 'm1*', COUNT: 100 });
    for (const m of r.members) assert.ok(m.startsWith('m1'));
    total += r.members.length;
    c = String(r.cursor);
  } while (c !== '0');
  assert.equal(total, 111);
  await io.del('big', 'n', 'str');
});

test('every set command refuses a string key with WRONGTYPE', async () => {
  await io.set('str', 'x');
  const cmds: string[][] = [
    ['SADD', 'str', 'm'],
    ['SREM', 'str', 'm'],
    ['SMEMBERS', 'str'],
    ['SISMEMBER', 'str', 'm'],
    ['SMISMEMBER', 'str', 'm'],
    ['SCARD', 'str'],
    ['SPOP', 'str'],
    ['SPOP', 'str', '2'],
    ['SPOP', 'str', '0'],
    ['SRANDMEMBER', 'str'],
    ['SRANDMEMBER', 'str', '-2'],
    ['SRANDMEMBER', 'str', '0'],
    ['SMOVE', 'str', 'x', 'm'],
    ['SINTER', 'str'],
    ['SUNION', 'str'],
    ['SDIFF', 'str'],
    ['SINTERSTORE', 'd', 'str'],
    ['SUNIONSTORE', 'd', 'str'],
    ['SDIFFSTORE', 'd', 'str'],
    ['SINTERCARD', '1', 'str'],
    ['SSCAN', 'str', '0'],
  ];
  for (const c of cmds) await fails(io.call(c[0]!, ...c.slice(1)), wrongType);
  await fails(nr.sAdd('str', 'm'), wrongType);
  await fails(nr3.sMembers('str'), wrongType);
  await io.hset('hash', 'f', 'v');
  await fails(io.sadd('hash', 'm'), wrongType);
  await io.sadd('s-not-hash', 'm');
  await fails(io.hget('s-not-hash', 'f'), wrongType);
  assert.equal(await io.get('str'), 'x');
  await io.del('str', 'hash', 's-not-hash');
});

test('argument-count errors', async () => {
  const cases: Array<[string, string[]]> = [
    ['sadd', ['SADD', 's']],
    ['srem', ['SREM', 's']],
    ['smembers', ['SMEMBERS']],
    ['sismember', ['SISMEMBER', 's']],
    ['smismember', ['SMISMEMBER', 's']],
    ['scard', ['SCARD']],
    ['spop', ['SPOP']],
    ['srandmember', ['SRANDMEMBER']],
    ['smove', ['SMOVE', 'a', 'b']],
    ['sinter', ['SINTER']],
    ['sunion', ['SUNION']],
    ['sdiff', ['SDIFF']],
    ['sinterstore', ['SINTERSTORE', 'd']],
    ['sunionstore', ['SUNIONSTORE', 'd']],
    ['sdiffstore', ['SDIFFSTORE', 'd']],
    ['sintercard', ['SINTERCARD', '1']],
    ['sscan', ['SSCAN', 's']],
  ];
  for (const [name, argv] of cases) await fails(io.call(argv[0]!, ...argv.slice(1)), arity(name));
  await fails(nr.sendCommand(['SADD', 's']), arity('sadd'));
});

test('members longer than the key limit: refused on write, absent on read', async () => {
  await io.del('s');
  const long = 'm'.repeat(1500);
  await assert.rejects(io.sadd('s', 'ok', long), /exceeds BasaltDB's limit/);
  assert.equal(await io.exists('s'), 0);
  await io.sadd('s', 'a');
  assert.equal(await io.sismember('s', long), 0);
  assert.deepEqual(await io.smismember('s', long, 'a'), [0, 1]);
  assert.equal(await io.srem('s', long), 0);
  assert.equal(await io.smove('s', 'd', long), 0);
  await io.del('s');
});

test('a TTL survives SADD/SREM/SPOP/SMOVE; an expired set reads as missing', async () => {
  await io.del('s', 'd');
  await io.sadd('s', 'a', 'b', 'c', 'd');
  await io.expire('s', 100);
  await io.sadd('s', 'e');
  await io.srem('s', 'a');
  await io.spop('s');
  await io.smove('s', 'd', 'b');
  assert.ok((await io.ttl('s')) > 90);
  await io.pexpire('s', 1);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(await io.scard('s'), 0);
  assert.deepEqual(await io.smembers('s'), []);
  assert.equal(await io.sadd('s', 'z'), 1);
  assert.equal(await io.ttl('s'), -1);
  await io.del('s', 'd');
});

test('MULTI/EXEC sees its own set writes; WATCH fires on SADD, not on a no-op SADD', async () => {
  await io.del('s', 'd');
  const r = await io.multi().sadd('s', 'a', 'b').spop('s', 5).sadd('s', 'x').sunionstore('d', 's').scard('d').exec();
  assert.equal(r?.length, 5);
  assert.deepEqual(sorted(r![1]![1] as string[]), ['a', 'b']);
  assert.equal(r![4]![1], 1);
  const watcher = s.ioredis();
  await watcher.watch('s');
  await io.sadd('s', 'x'); // already there: nothing changes
  assert.deepEqual(await watcher.multi().scard('s').exec(), [[null, 1]]);
  await watcher.watch('s');
  await io.sadd('s', 'y');
  assert.equal(await watcher.multi().scard('s').exec(), null);
  await io.del('s', 'd');
});

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('seeded random set operations agree with an in-memory model', async () => {
  const seed = Number(process.env['SET_SEED'] ?? Date.now() % 1_000_000);
  console.log(`sets model test seed: ${seed} (SET_SEED=${seed} to repeat)`);
  const rnd = prng(seed);
  const keys = ['k0', 'k1', 'k2', 'k3'];
  await io.del(...keys);
  const model = new Map<string, Set<string>>();
  const get = (k: string): Set<string> => model.get(k) ?? new Set<string>();
  const put = (k: string, v: Set<string>): void => {
    if (v.size > 0) model.set(k, v);
    else model.delete(k);
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const member = (): string => String(Math.floor(rnd() * 30));
  for (let step = 0; step < 800; step++) {
    const op = pick(['sadd', 'sadd', 'srem', 'spop', 'smove', 'inter', 'union', 'diff', 'check']);
    const key = pick(keys);
    const other = pick(keys);
    const ctx = `seed ${seed} step ${step} op ${op} ${key} ${other}`;
    const set = new Set(get(key));
    if (op === 'sadd') {
      const ms = [member(), member(), member()];
      const added = new Set(ms.filter((m) => !set.has(m))).size;
      for (const m of ms) set.add(m);
      put(key, set);
      assert.equal(await io.sadd(key, ...ms), added, ctx);
    } else if (op === 'srem') {
      const ms = [member(), member()];
      const removed = new Set(ms.filter((m) => set.has(m))).size;
      for (const m of ms) set.delete(m);
      put(key, set);
      assert.equal(await io.srem(key, ...ms), removed, ctx);
    } else if (op === 'spop') {
      const n = Math.floor(rnd() * 4);
      const got = (await io.spop(key, n)) as string[];
      assert.equal(got.length, Math.min(n, set.size), ctx);
      for (const m of got) {
        assert.ok(set.has(m), ctx);
        set.delete(m);
      }
      put(key, set);
    } else if (op === 'smove') {
      const m = member();
      const dst = new Set(get(other));
      const moved = set.has(m);
      if (moved && key !== other) {
        set.delete(m);
        dst.add(m);
        put(key, set);
        put(other, dst);
      }
      assert.equal(await io.smove(key, other, m), moved ? 1 : 0, ctx);
    } else if (op === 'inter' || op === 'union' || op === 'diff') {
      const b = get(other);
      const dst = pick(keys);
      let result: Set<string>;
      if (op === 'inter') result = new Set([...set].filter((m) => b.has(m)));
      else if (op === 'union') result = new Set([...set, ...b]);
      else result = new Set([...set].filter((m) => !b.has(m)));
      const cmd = op === 'inter' ? 'SINTERSTORE' : op === 'union' ? 'SUNIONSTORE' : 'SDIFFSTORE';
      if (rnd() < 0.5) {
        assert.equal(await io.call(cmd, dst, key, other), result.size, ctx);
        put(dst, result);
      } else {
        const reply = (await io.call(cmd.slice(0, -5), key, other)) as string[];
        assert.deepEqual(sorted(reply), sorted(result), ctx);
      }
    } else {
      assert.equal(await io.scard(key), set.size, ctx);
      assert.deepEqual(sorted(await io.smembers(key)), sorted(set), ctx);
    }
  }
  for (const key of keys) {
    assert.deepEqual(sorted(await io.smembers(key)), sorted(get(key)), `seed ${seed} ${key}`);
    assert.equal(await io.exists(key), model.has(key) ? 1 : 0, `seed ${seed} ${key}`);
  }
});

test('sets survive a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'basalt-sets-'));
  try {
    let t = await startTestServer({ dir });
    let c = t.ioredis();
    await c.sadd('s', 'a', 'b', 'c');
    await c.srem('s', 'a');
    const big: string[] = [];
    for (let i = 0; i < 400; i++) big.push(`m${i}`);
    await c.sadd('big', ...big);
    const popped = (await c.spop('big', 10)) as string[];
    await c.sunionstore('u', 's', 'big');
    await c.smove('s', 'moved', 'b');
    await c.sadd('gone', 'x');
    await c.srem('gone', 'x');
    await t.close();
    t = await startTestServer({ dir });
    c = t.ioredis();
    try {
      assert.deepEqual(await c.smembers('s'), ['c']);
      assert.deepEqual(await c.smembers('moved'), ['b']);
      assert.equal(await c.scard('big'), 390);
      for (const m of popped) assert.equal(await c.sismember('big', m), 0);
      assert.equal(await c.scard('u'), 392);
      assert.equal(await c.exists('gone'), 0);
      assert.equal(await c.sadd('s', 'd'), 1);
      assert.equal(await c.scard('s'), 2);
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
