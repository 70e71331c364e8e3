// Hash commands against the in-process server with ioredis and node-redis (RESP2 and RESP3):
// HSET/HMSET/HSETNX, reads, HDEL, HGETALL as a map, counters and their Redis 7.0 formatting, HSCAN
// (a small hash whole, a big one paged), HRANDFIELD's count rules tested by properties, errors
// and WRONGTYPE, expiry, WATCH, a seeded model check and restart. Expected replies were checked
// against redis-server 7.0.15.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { arity, fails, notFloat, notInt, openClients, raw, startTestServer, syntax, wrongType, type NodeRedis, type NodeRedis3, type TestServer } from './lib.js';
import { RawClient } from './raw-client.js';


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

function bulk(x: string): string {
  return `$${Buffer.byteLength(x)}\r\n${x}\r\n`;
}

/** Sorted field/value pairs of a flat [f, v, f, v…] array. */
function pairs(flat: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

async function fill(key: string, n: number, prefix = 'f'): Promise<Record<string, string>> {
  await io.del(key);
  const obj: Record<string, string> = {};
  for (let i = 0; i < n; i++) obj[`${prefix}${i}`] = `v${i}`;
  const entries = Object.entries(obj);
  for (let i = 0; i < entries.length; i += 500) await io.hset(key, Object.fromEntries(entries.slice(i, i + 500)));
  return obj;
}

// ---------------------------------------------------------------------------------------------

test('HSET, HMSET, HSETNX: created counts, overwrites, duplicate fields in one call', async () => {
  await io.del('h');
  assert.equal(await io.hset('h', 'a', '1', 'b', '2'), 2);
  assert.equal(await io.hset('h', 'a', '10', 'c', '3'), 1); // a overwritten, c new
  assert.equal(await io.hset('h', 'd', '4', 'd', '5'), 1); // the last value wins
  assert.equal(await io.hget('h', 'd'), '5');
  assert.equal(await io.hmset('h', 'e', '6', 'a', '11'), 'OK');
  assert.equal(await io.hmset('h', { f: '7' }), 'OK');
  assert.equal(await io.hsetnx('h', 'a', 'x'), 0);
  assert.equal(await io.hsetnx('h', 'g', 'x'), 1);
  assert.equal(await io.hsetnx('new', 'g', 'x'), 1);
  assert.deepEqual(await io.hgetall('h'), { a: '11', b: '2', c: '3', d: '5', e: '6', f: '7', g: 'x' });
  assert.equal(await io.hlen('h'), 7);
  assert.equal(await io.type('h'), 'hash');
  // node-redis forms
  await nr.del('hn');
  assert.equal(await nr.hSet('hn', 'a', '1'), 1);
  assert.equal(await nr.hSet('hn', { b: '2', c: '3' }), 2);
  assert.equal(await nr.hSet('hn', new Map([['a', 'z']])), 0);
  assert.equal(await nr.hSetNX('hn', 'a', 'q'), 0);
  assert.equal(await nr.hSetNX('hn', 'd', 'q'), 1);
  assert.equal(await nr.hGet('hn', 'a'), 'z');
  assert.equal(await nr.hLen('hn'), 4);
  // empty field and empty value are fine
  assert.equal(await io.hset('h', '', ''), 1);
  assert.equal(await io.hget('h', ''), '');
  assert.equal(await io.hstrlen('h', ''), 0);
  assert.equal(await io.hexists('h', ''), 1);
});

test('HGET, HMGET, HEXISTS, HSTRLEN, HLEN: present, missing field, missing key', async () => {
  await io.del('h', 'nokey');
  await io.hset('h', 'a', 'hello', 'b', 'wörld');
  assert.equal(await io.hget('h', 'a'), 'hello');
  assert.equal(await io.hget('h', 'zz'), null);
  assert.equal(await io.hget('nokey', 'a'), null);
  assert.deepEqual(await io.hmget('h', 'a', 'zz', 'b'), ['hello', null, 'wörld']);
  assert.deepEqual(await io.hmget('nokey', 'a', 'b'), [null, null]);
  assert.equal(await io.hexists('h', 'a'), 1);
  assert.equal(await io.hexists('h', 'zz'), 0);
  assert.equal(await io.hexists('nokey', 'a'), 0);
  assert.equal(await io.hstrlen('h', 'b'), 6); // bytes, not characters
  assert.equal(await io.hstrlen('h', 'zz'), 0);
  assert.equal(await io.hstrlen('nokey', 'a'), 0);
  assert.equal(await io.hlen('nokey'), 0);
  assert.deepEqual(await nr.hmGet('h', ['a', 'zz']), ['hello', null]);
  assert.equal(await nr.hExists('h', 'b'), 1);
  assert.equal(await nr.hStrLen('h', 'a'), 5);
  assert.equal(await nr3.hGet('h', 'zz'), null);
  assert.equal(await raw(raw2, 'HMGET', 'h', 'a', 'zz'), `*2\r\n${bulk('hello')}$-1\r\n`);
  assert.equal(await raw(raw3, 'HMGET', 'h', 'a', 'zz'), `*2\r\n${bulk('hello')}_\r\n`);
  assert.equal(await raw(raw3, 'HGET', 'h', 'zz'), '_\r\n');
});

test('binary fields and values round-trip; fields order by bytes', async () => {
  await io.del('hb');
  const f1 = Buffer.from([0, 255, 10, 13]);
  const f2 = Buffer.from([0xff]);
  const v = Buffer.from([1, 0, 2, 0xfe]);
  assert.equal(await io.hset('hb', f1, v, f2, Buffer.alloc(0)), 2);
  assert.deepEqual(await io.hgetBuffer('hb', f1), v);
  assert.deepEqual(await io.hkeysBuffer('hb'), [f1, f2]);
  assert.equal(await io.hstrlen('hb', f1), 4);
});

test('HDEL: removed count, duplicates counted once, an emptied hash is deleted', async () => {
  await io.del('h');
  await io.hset('h', 'a', '1', 'b', '2', 'c', '3');
  assert.equal(await io.hdel('h', 'a', 'a', 'zz'), 1);
  assert.equal(await io.hlen('h'), 2);
  assert.equal(await io.hdel('nokey', 'a'), 0);
  assert.equal(await nr.hDel('h', ['b', 'c']), 2);
  assert.equal(await io.exists('h'), 0);
  assert.equal(await io.type('h'), 'none');
  assert.deepEqual(await io.hgetall('h'), {});
  // the key can be reused as another type at once
  assert.equal(await io.set('h', 'x'), 'OK');
});

test('HKEYS, HVALS, HGETALL: arrays and a map (RESP3 %), empty for a missing key', async () => {
  await io.del('h', 'nokey');
  await io.hset('h', 'b', '2', 'a', '1');
  assert.deepEqual(await io.hkeys('h'), ['a', 'b']);
  assert.deepEqual(await io.hvals('h'), ['1', '2']);
  assert.deepEqual(await io.hgetall('h'), { a: '1', b: '2' });
  assert.deepEqual(await io2.hgetall('h'), { a: '1', b: '2' });
  assert.deepEqual(await io.hkeys('nokey'), []);
  assert.deepEqual(await io.hvals('nokey'), []);
  assert.deepEqual({ ...(await nr.hGetAll('h')) }, { a: '1', b: '2' });
  assert.deepEqual({ ...(await nr3.hGetAll('h')) }, { a: '1', b: '2' });
  assert.deepEqual({ ...(await nr3.hGetAll('nokey')) }, {});
  assert.deepEqual(await nr.hKeys('h'), ['a', 'b']);
  assert.deepEqual(await nr3.hVals('h'), ['1', '2']);
  const two = `${bulk('a')}${bulk('1')}${bulk('b')}${bulk('2')}`;
  assert.equal(await raw(raw2, 'HGETALL', 'h'), `*4\r\n${two}`);
  assert.equal(await raw(raw3, 'HGETALL', 'h'), `%2\r\n${two}`);
  assert.equal(await raw(raw2, 'HGETALL', 'nokey'), '*0\r\n');
  assert.equal(await raw(raw3, 'HGETALL', 'nokey'), '%0\r\n');
  assert.equal(await raw(raw3, 'HKEYS', 'h'), `*2\r\n${bulk('a')}${bulk('b')}`);
});

test('HINCRBY: creates, adds, 64-bit bounds, errors in Redis order', async () => {
  await io.del('h', 'nokey');
  assert.equal(await io.hincrby('h', 'n', 5), 5);
  assert.equal(await io.hincrby('h', 'n', -7), -2);
  assert.equal(await nr.hIncrBy('h', 'n', 2), 0);
  assert.equal(await io.hget('h', 'n'), '0');
  assert.equal(await io.hincrby('h', 'big', '9223372036854775807'), 9223372036854775807);
  await fails(io.hincrby('h', 'big', 1), 'ERR increment or decrement would overflow');
  assert.equal(await raw(raw2, 'HINCRBY', 'h', 'big', '-9223372036854775808'), ':-1\r\n');
  assert.equal(await raw(raw2, 'HINCRBY', 'h', 'low', '-9223372036854775808'), ':-9223372036854775808\r\n');
  await fails(io.hincrby('h', 'low', -1), 'ERR increment or decrement would overflow');
  await io.hset('h', 's', 'abc', 'sp', ' 1', 'f', '1.5', 'plus', '+1', 'lead', '01');
  for (const f of ['s', 'sp', 'f', 'plus', 'lead']) await fails(io.hincrby('h', f, 1), 'ERR hash value is not an integer');
  await fails(io.hincrby('h', 'n', '1.5'), notInt);
  await fails(io.hincrby('h', 'n', '9223372036854775808'), notInt);
  await fails(io.hincrby('nokey', 'n', 'x'), notInt);
  assert.equal(await io.exists('nokey'), 0); // nothing created by a failed call
});

test('HINCRBYFLOAT: formatting as INCRBYFLOAT, errors for NaN and infinity', async () => {
  await io.del('h');
  assert.equal(await io.hincrbyfloat('h', 'x', '10.5'), '10.5');
  assert.equal(await io.hincrbyfloat('h', 'x', '0.1'), '10.6');
  assert.equal(await io.hincrbyfloat('h', 'x', '-10.6'), '0');
  assert.equal(await io.hincrbyfloat('h', 'y', '5.0e3'), '5000');
  assert.equal(await io.hincrbyfloat('h', 'z', '1.5e20'), '150000000000000000000');
  assert.equal(await io.hincrbyfloat('h', 'w', '1e-5'), '0.00001');
  assert.equal(await nr.hIncrByFloat('h', 'y', 0.25), '5000.25');
  await io.hset('h', 'int', '3');
  assert.equal(await io.hincrbyfloat('h', 'int', '1'), '4');
  await fails(io.hincrbyfloat('h', 'x', 'inf'), 'ERR value is NaN or Infinity');
  await fails(io.hincrbyfloat('h', 'x', 'nan'), notFloat);
  await fails(io.hincrbyfloat('h', 'x', 'abc'), notFloat);
  await io.hset('h', 's', 'abc', 'inf', 'inf');
  await fails(io.hincrbyfloat('h', 's', '1'), 'ERR hash value is not a float');
  await fails(io.hincrbyfloat('h', 'inf', '1'), 'ERR increment would produce NaN or Infinity');
  // As Redis: the sum is a long double, where 2 * DBL_MAX is finite (a 309-digit number).
  await io.hset('h', 'max', '1.7976931348623157e308');
  assert.match(await io.hincrbyfloat('h', 'max', '1.7976931348623157e308'), /^359538626972463\d{294}$/);
  assert.equal(await io.hincrbyfloat('h', 'hex', '0x10'), '16');
});

test('HSCAN: a small hash whole in one call, MATCH, and the argument errors in Redis order', async () => {
  await io.del('h', 'nokey');
  await io.set('str', 'x');
  await io.hset('h', 'a1', '1', 'a2', '2', 'b1', '3');
  // a small hash (a listpack in Redis) comes whole, whatever COUNT says
  assert.deepEqual(await io.hscan('h', '0', 'COUNT', '1'), ['0', ['a1', '1', 'a2', '2', 'b1', '3']]);
  assert.deepEqual(await io.hscan('h', '0', 'MATCH', 'a*'), ['0', ['a1', '1', 'a2', '2']]);
  assert.deepEqual(await io.hscan('h', '0', 'MATCH', 'zz*', 'COUNT', '100'), ['0', []]);
  const r = await nr.hScan('h', '0', { MATCH: 'b*' });
  assert.equal(String(r.cursor), '0');
  assert.deepEqual(r.entries, [{ field: 'b1', value: '3' }]);
  assert.equal(await raw(raw3, 'HSCAN', 'h', '0', 'MATCH', 'b*'), `*2\r\n${bulk('0')}*2\r\n${bulk('b1')}${bulk('3')}`);
  // missing key: an empty scan, even with options that would be refused
  assert.deepEqual(await io.hscan('nokey', '0', 'COUNT', '0'), ['0', []]);
  await fails(io.hscan('nokey', 'x'), 'ERR invalid cursor');
  await fails(io.hscan('str', '0', 'COUNT', '0'), wrongType);
  await fails(io.hscan('h', '0', 'COUNT', '0'), syntax);
  await fails(io.hscan('h', '0', 'COUNT', 'x'), notInt);
  await fails(io.call('HSCAN', 'h', '0', 'MATCH'), syntax);
  await fails(io.call('HSCAN', 'h', '0', 'NOVALUES'), syntax); // Redis 7.4's option, not 7.0's
  await fails(io.call('HSCAN', 'h', '0', 'foo', 'bar'), syntax);
});

test('HSCAN: a big hash is paged by cursor and every field comes exactly once', async () => {
  const want = await fill('big', 600);
  const seen = new Map<string, string>();
  let cursor = '0';
  let calls = 0;
  do {
    const [next, flat] = await io.hscan('big', cursor, 'COUNT', '50');
    for (const [f, v] of pairs(flat)) {
      assert.ok(!seen.has(f), `field ${f} returned twice`);
      seen.set(f, v);
    }
    cursor = next;
    calls++;
  } while (cursor !== '0');
  assert.ok(calls >= 12, `paged in ${calls} calls`);
  assert.deepEqual(Object.fromEntries(seen), want);
  // MATCH filters on fields while paging
  let matched = 0;
  cursor = '0';
  do {
    const [next, flat] = await io.hscan('big', cursor, 'MATCH', 'f1*', 'COUNT', '100');
    for (const [f] of pairs(flat)) assert.ok(f.startsWith('f1'));
    matched += flat.length / 2;
    cursor = next;
  } while (cursor !== '0');
  assert.equal(matched, 111); // f1, f10–f19, f100–f199
  // node-redis: scanIterator-free loop
  let total = 0;
  let c = '0';
  do {
    const r = await nr.hScan('big', c, { COUNT: 200 });
    total += r.entries.length;
    c = String(r.cursor);
  } while (c !== '0');
  assert.equal(total, 600);
});

test('HSCAN: a big field or value makes a small hash page like a big one (as Redis converts it)', async () => {
  await io.del('h');
  const fields: string[] = [];
  for (let i = 0; i < 20; i++) fields.push(`k${String(i).padStart(2, '0')}`, 'x'.repeat(i === 5 ? 100 : 1));
  await io.hset('h', ...fields);
  const [cursor, flat] = await io.hscan('h', '0', 'COUNT', '5');
  assert.notEqual(cursor, '0');
  assert.equal(flat.length, 10);
});

test('HRANDFIELD without count: a field, or nil', async () => {
  await io.del('h', 'nokey');
  await io.hset('h', 'a', '1', 'b', '2', 'c', '3');
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add((await io.hrandfield('h')) as string);
  assert.deepEqual([...seen].sort(), ['a', 'b', 'c']); // (1 - 1/3)^200 chance of missing one
  assert.equal(await io.hrandfield('nokey'), null);
  assert.equal(await raw(raw3, 'HRANDFIELD', 'nokey'), '_\r\n');
  assert.equal(await raw(raw2, 'HRANDFIELD', 'nokey'), '$-1\r\n');
  assert.ok(['a', 'b', 'c'].includes((await nr.hRandField('h')) as string));
});

test('HRANDFIELD count: distinct for positive, repeats for negative, whole hash when count >= size', async () => {
  const want = await fill('h', 10);
  assert.deepEqual(await io.hrandfield('h', 0), []);
  assert.deepEqual(await io.hrandfield('nokey', 5), []);
  assert.deepEqual(await io.hrandfield('nokey', 0), []);
  for (let round = 0; round < 20; round++) {
    const five = (await io.hrandfield('h', 5)) as string[];
    assert.equal(five.length, 5);
    assert.equal(new Set(five).size, 5);
    for (const f of five) assert.ok(f in want);
  }
  assert.deepEqual(((await io.hrandfield('h', 10)) as string[]).sort(), Object.keys(want).sort());
  assert.deepEqual(((await io.hrandfield('h', 1000)) as string[]).sort(), Object.keys(want).sort());
  const many = (await io.hrandfield('h', -100)) as string[];
  assert.equal(many.length, 100);
  for (const f of many) assert.ok(f in want);
  assert.ok(new Set(many).size < 100);
  assert.equal(new Set(many).size, 10); // 10 * 0.9^100 chance of missing one
  const one = (await io.hrandfield('h', -1)) as string[];
  assert.equal(one.length, 1);
  assert.deepEqual(await nr.hRandFieldCount('h', 3).then((x) => x.length), 3);
});

test('HRANDFIELD WITHVALUES: flat pairs in RESP2, [field, value] arrays in RESP3', async () => {
  const want = await fill('h', 8);
  const flat = (await io2.hrandfield('h', 3, 'WITHVALUES')) as string[];
  assert.equal(flat.length, 6);
  for (const [f, v] of pairs(flat)) assert.equal(want[f], v);
  const rep = (await io2.hrandfield('h', -20, 'WITHVALUES')) as string[];
  assert.equal(rep.length, 40);
  for (let i = 0; i < 40; i += 2) assert.equal(want[rep[i]!], rep[i + 1]);
  const r3 = await raw(raw3, 'HRANDFIELD', 'h', '-2', 'WITHVALUES');
  assert.match(r3, /^\*2\r\n\*2\r\n\$\d+\r\nf\d\r\n\$\d+\r\nv\d\r\n\*2\r\n/);
  const r2 = await raw(raw2, 'HRANDFIELD', 'h', '1', 'withvalues');
  assert.match(r2, /^\*2\r\n\$2\r\nf(\d)\r\n\$2\r\nv\1\r\n$/);
  const nrPairs = await nr.hRandFieldCountWithValues('h', 4);
  assert.equal(nrPairs.length, 4);
  for (const p of nrPairs) assert.equal(want[String(p.field)], String(p.value));
  const nr3Pairs = await nr3.hRandFieldCountWithValues('h', -3);
  assert.equal(nr3Pairs.length, 3);
  for (const p of nr3Pairs) assert.equal(want[String(p.field)], String(p.value));
  assert.equal(await raw(raw3, 'HRANDFIELD', 'h', '0', 'WITHVALUES'), '*0\r\n');
});

test('HRANDFIELD argument errors (as Redis 7.0.15)', async () => {
  await io.del('h');
  await io.hset('h', 'a', '1');
  await io.set('str', 'x');
  await fails(io.hrandfield('h', '-9223372036854775808'), 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  await fails(io.hrandfield('h', 'x'), notInt);
  await fails(io.hrandfield('nokey', 'x'), notInt);
  await fails(io.call('HRANDFIELD', 'h', '1', 'WITHVALUE'), syntax);
  await fails(io.call('HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'), syntax);
  await fails(io.hrandfield('h', '9223372036854775807', 'WITHVALUES'), 'ERR value is out of range');
  await fails(io.hrandfield('h', '4611686018427387904', 'WITHVALUES'), 'ERR value is out of range');
  assert.deepEqual(await io.hrandfield('h', '4611686018427387903', 'WITHVALUES'), ['a', '1']);
  await fails(io.hrandfield('h', '-4611686018427387904', 'WITHVALUES'), 'ERR value is out of range');
  await fails(io.hrandfield('str'), wrongType);
  await fails(io.hrandfield('str', 0), wrongType);
  assert.deepEqual(await io.hrandfield('h', '9223372036854775807'), ['a']);
  // A deviation: a repeat count whose reply would pass 256 MiB is refused (Redis would try to build it).
  await assert.rejects(io.hrandfield('h', -100_000_000, 'WITHVALUES'), /exceed BasaltDB's limit/);
});

test('HRANDFIELD on a big hash: fields exist, positive counts distinct, every field can come up', async () => {
  const want = await fill('bigr', 3000, 'user:');
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const f = (await io.hrandfield('bigr')) as string;
    assert.ok(f in want, f);
    seen.add(f);
  }
  assert.ok(seen.size > 100, `only ${seen.size} distinct fields in 300 picks of 3000`);
  for (const n of [5, 100, 700, 2999]) {
    const got = (await io.hrandfield('bigr', n)) as string[];
    assert.equal(got.length, n);
    assert.equal(new Set(got).size, n);
    for (const f of got) assert.ok(f in want);
  }
  const rep = (await io2.hrandfield('bigr', -50, 'WITHVALUES')) as string[];
  assert.equal(rep.length, 100);
  for (let i = 0; i < 100; i += 2) assert.equal(want[rep[i]!], rep[i + 1]);
});

test('every hash command refuses a string key with WRONGTYPE', async () => {
  await io.set('str', 'x');
  const cmds: string[][] = [
    ['HSET', 'str', 'f', 'v'],
    ['HMSET', 'str', 'f', 'v'],
    ['HSETNX', 'str', 'f', 'v'],
    ['HGET', 'str', 'f'],
    ['HMGET', 'str', 'f'],
    ['HDEL', 'str', 'f'],
    ['HEXISTS', 'str', 'f'],
    ['HLEN', 'str'],
    ['HKEYS', 'str'],
    ['HVALS', 'str'],
    ['HGETALL', 'str'],
    ['HINCRBY', 'str', 'f', '1'],
    ['HINCRBYFLOAT', 'str', 'f', '1'],
    ['HSTRLEN', 'str', 'f'],
    ['HSCAN', 'str', '0'],
    ['HRANDFIELD', 'str'],
    ['HRANDFIELD', 'str', '2', 'WITHVALUES'],
  ];
  for (const c of cmds) await fails(io.call(c[0]!, ...c.slice(1)), wrongType);
  await fails(nr.hGet('str', 'f'), wrongType);
  await fails(nr3.hGetAll('str'), wrongType);
  assert.equal(await io.get('str'), 'x');
});

test('argument-count errors', async () => {
  const cases: Array<[string, string[]]> = [
    ['hset', ['HSET', 'h', 'f']],
    ['hset', ['HSET', 'h', 'f', 'v', 'g']],
    ['hmset', ['HMSET', 'h', 'f', 'v', 'g']],
    ['hsetnx', ['HSETNX', 'h', 'f']],
    ['hget', ['HGET', 'h']],
    ['hmget', ['HMGET', 'h']],
    ['hdel', ['HDEL', 'h']],
    ['hexists', ['HEXISTS', 'h']],
    ['hlen', ['HLEN']],
    ['hkeys', ['HKEYS', 'h', 'x']],
    ['hvals', ['HVALS']],
    ['hgetall', ['HGETALL']],
    ['hincrby', ['HINCRBY', 'h', 'f']],
    ['hincrbyfloat', ['HINCRBYFLOAT', 'h', 'f', '1', '2']],
    ['hstrlen', ['HSTRLEN', 'h']],
    ['hscan', ['HSCAN', 'h']],
    ['hrandfield', ['HRANDFIELD']],
  ];
  for (const [name, argv] of cases) await fails(io.call(argv[0]!, ...argv.slice(1)), arity(name));
  await fails(nr.sendCommand(['HSET', 'h', 'f']), arity('hset'));
});

test('fields longer than the key limit: refused on write, absent on read', async () => {
  await io.del('h');
  const long = 'f'.repeat(1500);
  await assert.rejects(io.hset('h', long, 'v'), /exceeds BasaltDB's limit/);
  assert.equal(await io.exists('h'), 0);
  await io.hset('h', 'a', '1');
  assert.equal(await io.hget('h', long), null);
  assert.equal(await io.hexists('h', long), 0);
  assert.equal(await io.hdel('h', long), 0);
  assert.deepEqual(await io.hmget('h', long, 'a'), [null, '1']);
});

test('a TTL survives HSET/HDEL; an expired hash reads as missing', async () => {
  await io.del('h');
  await io.hset('h', 'a', '1', 'b', '2');
  await io.expire('h', 100);
  await io.hset('h', 'c', '3');
  await io.hdel('h', 'a');
  await io.hincrby('h', 'n', 1);
  assert.ok((await io.ttl('h')) > 90);
  await io.pexpire('h', 1);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(await io.hlen('h'), 0);
  assert.equal(await io.hget('h', 'b'), null);
  assert.equal(await io.hset('h', 'z', '1'), 1);
  assert.equal(await io.ttl('h'), -1);
  assert.deepEqual(await io.hgetall('h'), { z: '1' });
});

test('MULTI/EXEC sees its own hash writes; WATCH fires on a value overwrite alone', async () => {
  await io.del('h');
  await io.hset('h', 'a', '1');
  const r = await io.multi().hset('h', 'b', '2').hincrby('h', 'a', 5).hgetall('h').hlen('h').exec();
  assert.deepEqual(r, [[null, 1], [null, 6], [null, { a: '6', b: '2' }], [null, 2]]);
  const watcher = s.ioredis();
  await watcher.watch('h');
  await io.hset('h', 'a', '6'); // the same count, a new value
  assert.equal(await watcher.multi().hget('h', 'a').exec(), null);
  await watcher.watch('h');
  await io.hsetnx('h', 'a', 'x'); // no change: the transaction goes through
  assert.deepEqual(await watcher.multi().hget('h', 'a').exec(), [[null, '6']]);
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

test('seeded random hash operations agree with an in-memory model', async () => {
  const seed = Number(process.env['HASH_SEED'] ?? Date.now() % 1_000_000);
  console.log(`hashes model test seed: ${seed} (HASH_SEED=${seed} to repeat)`);
  const rnd = prng(seed);
  const keys = ['m0', 'm1', 'm2'];
  await io.del(...keys);
  const model = new Map<string, Map<string, string>>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const field = (): string => `f${Math.floor(rnd() * 40)}`;
  for (let step = 0; step < 600; step++) {
    const key = pick(keys);
    const h = model.get(key) ?? new Map<string, string>();
    const op = pick(['hset', 'hset', 'hdel', 'hincrby', 'hsetnx', 'check']);
    const ctx = `seed ${seed} step ${step} op ${op} key ${key}`;
    if (op === 'hset') {
      const n = 1 + Math.floor(rnd() * 4);
      const args: string[] = [];
      const distinct = new Set<string>();
      for (let i = 0; i < n; i++) {
        const f = field();
        const v = String(Math.floor(rnd() * 100));
        args.push(f, v);
        distinct.add(f);
      }
      const created = [...distinct].filter((f) => !h.has(f)).length;
      for (let i = 0; i < args.length; i += 2) h.set(args[i]!, args[i + 1]!);
      assert.equal(await io.hset(key, ...args), created, ctx);
    } else if (op === 'hdel') {
      const fs = [field(), field(), field()];
      const removed = new Set(fs.filter((f) => h.has(f))).size;
      for (const f of fs) h.delete(f);
      assert.equal(await io.hdel(key, ...fs), removed, ctx);
    } else if (op === 'hincrby') {
      const f = field();
      const by = Math.floor(rnd() * 21) - 10;
      const next = Number(h.get(f) ?? '0') + by;
      h.set(f, String(next));
      assert.equal(await io.hincrby(key, f, by), next, ctx);
    } else if (op === 'hsetnx') {
      const f = field();
      const had = h.has(f);
      if (!had) h.set(f, '7');
      assert.equal(await io.hsetnx(key, f, '7'), had ? 0 : 1, ctx);
    } else {
      assert.equal(await io.hlen(key), h.size, ctx);
      assert.deepEqual(await io.hgetall(key), Object.fromEntries([...h].sort()), ctx);
    }
    if (h.size > 0) model.set(key, h);
    else model.delete(key);
    if (step % 50 === 0) assert.equal(await io.exists(key), model.has(key) ? 1 : 0, ctx);
  }
  for (const key of keys) assert.deepEqual(await io.hgetall(key), Object.fromEntries([...(model.get(key) ?? [])].sort()), `seed ${seed}`);
});

test('hashes survive a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'basalt-hashes-'));
  try {
    let t = await startTestServer({ dir });
    let c = t.ioredis();
    await c.hset('h', 'a', '1', 'b', '2');
    await c.hincrbyfloat('h', 'f', '1.5');
    await c.hdel('h', 'a');
    const big: Record<string, string> = {};
    for (let i = 0; i < 400; i++) big[`k${i}`] = `v${i}`;
    await c.hset('big', big);
    await c.hdel('big', 'k0');
    await c.hset('gone', 'x', '1');
    await c.hdel('gone', 'x');
    await t.close();
    t = await startTestServer({ dir });
    c = t.ioredis();
    try {
      assert.deepEqual(await c.hgetall('h'), { b: '2', f: '1.5' });
      assert.equal(await c.hlen('big'), 399);
      assert.equal(await c.hget('big', 'k399'), 'v399');
      assert.equal(await c.hexists('big', 'k0'), 0);
      assert.equal(await c.exists('gone'), 0);
      assert.equal(await c.hset('h', 'c', '3'), 1);
      assert.equal(await c.hlen('h'), 3);
    } finally {
      await t.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
