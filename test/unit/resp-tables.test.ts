// Unit tests for the Redis 7.0 command and configuration tables (expected values taken from a
// live Redis 7.0.15; no server is needed to run them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlers } from '../../src/server/resp/commands/index.js';
import { commandTable, lookupCommand, type ArgDoc, type CommandInfo } from '../../src/server/resp/command-table.js';
import {
  configParams, configSetErrorText, ConfigValueError, findConfigParam, normaliseConfigValue, type ConfigParam,
} from '../../src/server/resp/config-table.js';

const requiredCommands = `
  PING ECHO HELLO AUTH SELECT QUIT RESET CLIENT INFO CONFIG DBSIZE FLUSHDB FLUSHALL TIME COMMAND SAVE BGSAVE
  LASTSAVE SHUTDOWN MEMORY OBJECT FUNCTION DEBUG
  DEL UNLINK EXISTS TYPE EXPIRE PEXPIRE EXPIREAT PEXPIREAT TTL PTTL EXPIRETIME PEXPIRETIME PERSIST KEYS SCAN
  RENAME RENAMENX RANDOMKEY COPY TOUCH
  GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX INCR DECR INCRBY DECRBY INCRBYFLOAT APPEND
  STRLEN GETRANGE SETRANGE
  LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LINSERT LREM LTRIM LPOS LMOVE RPOPLPUSH BLPOP
  BRPOP BLMOVE
  HSET HSETNX HGET HMGET HMSET HDEL HEXISTS HLEN HKEYS HVALS HGETALL HINCRBY HINCRBYFLOAT HSTRLEN HSCAN HRANDFIELD
  SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER SMOVE SINTER SUNION SDIFF SINTERSTORE
  SUNIONSTORE SDIFFSTORE SINTERCARD SSCAN
  ZADD ZREM ZSCORE ZMSCORE ZINCRBY ZCARD ZCOUNT ZRANK ZREVRANK ZRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX
  ZREVRANGE ZREMRANGEBYSCORE ZREMRANGEBYRANK ZPOPMIN ZPOPMAX ZUNIONSTORE ZINTERSTORE ZSCAN
  MULTI EXEC DISCARD WATCH UNWATCH
  SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB`.trim().split(/\s+/);

function subNames(name: string): string[] {
  const info = commandTable.get(name);
  assert.ok(info, name);
  return info.subcommands.map((s) => s.name.slice(name.length + 1)).sort();
}

function findArg(args: readonly ArgDoc[] | undefined, name: string): ArgDoc | undefined {
  for (const a of args ?? []) {
    if (a.name === name) return a;
    const inner = findArg(a.arguments, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function valueError(p: ConfigParam, value: string): string {
  try {
    normaliseConfigValue(p, value);
  } catch (err) {
    assert.ok(err instanceof ConfigValueError, `expected ConfigValueError, got ${String(err)}`);
    return err.message;
  }
  assert.fail(`${p.name} accepted '${value}'`);
}

function param(name: string): ConfigParam {
  const p = findConfigParam(name);
  assert.ok(p, name);
  return p;
}

test('command table holds exactly the commands the server implements', () => {
  // Every command has a handler and every handler a table entry (arity, flags, COMMAND DOCS).
  assert.deepEqual([...commandTable.keys()].sort(), [...handlers.keys()].sort());
  for (const name of requiredCommands) {
    const info = commandTable.get(name.toLowerCase());
    assert.ok(info, `missing ${name}`);
    assert.equal(info.name, name.toLowerCase());
  }
});

test('lookupCommand is case-insensitive and finds subcommands', () => {
  assert.equal(lookupCommand('GET'), commandTable.get('get'));
  assert.equal(lookupCommand('gEt')?.name, 'get');
  assert.equal(lookupCommand('client|setname')?.name, 'client|setname');
  assert.equal(lookupCommand('CLIENT|SetName')?.name, 'client|setname');
  assert.equal(lookupCommand('config|get')?.name, 'config|get');
  assert.equal(lookupCommand('nosuchcommand'), undefined);
  assert.equal(lookupCommand('client|nosuch'), undefined);
  assert.equal(lookupCommand('setname'), undefined);
  assert.equal(lookupCommand(''), undefined);
});

test('arity matches Redis 7.0', () => {
  const arity: Record<string, number> = {
    get: 2, set: -3, ping: -1, echo: 2, hello: -1, auth: -2, select: 2, quit: -1, reset: 1, client: -2,
    'client|setname': 3, 'client|kill': -3, 'config|get': -3, 'config|set': -4, command: -1, 'command|count': 2,
    'command|docs': -2, del: -2, mset: -3, mget: -2, hset: -4, hmget: -3, zadd: -4, zrange: -4, blpop: -3,
    blmove: 6, lmove: 5, lpos: -3, subscribe: -2, publish: 3, 'pubsub|numsub': -2, exec: 1, multi: 1, watch: -2,
    expire: -3, getex: -2, copy: -3, scan: -2, keys: 2, sintercard: -3, 'object|encoding': 3, 'memory|usage': -3,
    'function|load': -3, debug: -2, flushall: -1, shutdown: -1, info: -1, incrbyfloat: 3, setrange: 4,
    zunionstore: -4,
  };
  for (const [name, expected] of Object.entries(arity)) assert.equal(lookupCommand(name)?.arity, expected, name);
});

test('subcommands are those Redis 7.0 lists (CLIENT, FUNCTION all; others as implemented)', () => {
  assert.deepEqual(subNames('client'), ['caching', 'getname', 'getredir', 'help', 'id', 'info', 'kill', 'list',
    'no-evict', 'pause', 'reply', 'setname', 'tracking', 'trackinginfo', 'unblock', 'unpause']);
  assert.deepEqual(subNames('function'), ['delete', 'dump', 'flush', 'help', 'kill', 'list', 'load', 'restore', 'stats']);
  assert.deepEqual(subNames('config'), ['get', 'help', 'resetstat', 'rewrite', 'set']);
  assert.deepEqual(subNames('command'), ['count', 'docs', 'getkeys', 'help', 'info', 'list']);
  assert.deepEqual(subNames('memory'), ['doctor', 'help', 'stats', 'usage']);
  assert.deepEqual(subNames('object'), ['encoding', 'freq', 'help', 'idletime', 'refcount']);
  assert.deepEqual(subNames('pubsub'), ['channels', 'help', 'numpat', 'numsub']);
  assert.deepEqual(subNames('debug'), []);
  assert.deepEqual(subNames('get'), []);
});

test('flags, key positions, categories and tips as COMMAND INFO reports them', () => {
  const get = lookupCommand('get') as CommandInfo;
  assert.deepEqual(get.flags, ['readonly', 'fast']);
  assert.deepEqual([get.firstKey, get.lastKey, get.step], [1, 1, 1]);
  assert.deepEqual(get.categories, ['@read', '@string', '@fast']);
  assert.deepEqual(lookupCommand('set')?.flags, ['write', 'denyoom']);
  const mset = lookupCommand('mset') as CommandInfo;
  assert.deepEqual([mset.firstKey, mset.lastKey, mset.step], [1, -1, 2]);
  assert.ok(lookupCommand('blpop')?.flags.includes('blocking'));
  assert.ok(lookupCommand('subscribe')?.flags.includes('pubsub'));
  // Redis 7.0 marks only a few commands no_multi; WATCH and MULTI are refused inside MULTI by code.
  assert.ok(lookupCommand('save')?.flags.includes('no_multi'));
  assert.equal(lookupCommand('watch')?.flags.includes('no_multi'), false);
  assert.ok(lookupCommand('auth')?.flags.includes('no_auth'));
  assert.deepEqual(lookupCommand('keys')?.tips, ['request_policy:all_shards', 'nondeterministic_output_order']);
  assert.deepEqual(lookupCommand('client|list')?.categories, ['@admin', '@slow', '@dangerous', '@connection']);
});

test('key specs mirror COMMAND INFO maps', () => {
  assert.deepEqual(lookupCommand('set')?.keySpecs, [{
    flags: ['RW', 'access', 'update', 'variable_flags'],
    begin_search: { type: 'index', spec: { index: 1 } },
    find_keys: { type: 'range', spec: { lastkey: 0, keystep: 1, limit: 0 } },
  }]);
  assert.deepEqual(lookupCommand('zunionstore')?.keySpecs[1], {
    flags: ['RO', 'access'],
    begin_search: { type: 'index', spec: { index: 2 } },
    find_keys: { type: 'keynum', spec: { keynumidx: 0, firstkey: 1, keystep: 1 } },
  });
  assert.deepEqual(lookupCommand('ping')?.keySpecs, []);
});

test('docs carry summary, group and nested arguments for COMMAND DOCS', () => {
  for (const info of commandTable.values()) {
    for (const c of [info, ...info.subcommands]) {
      assert.ok(c.docs.summary.length > 0, c.name);
      assert.match(c.docs.since, /^\d+\.\d+\.\d+$/, c.name);
      assert.ok(c.docs.group.length > 0, c.name);
      assert.equal(c.name, c.name.toLowerCase());
      if (c !== info) assert.ok(c.name.startsWith(`${info.name}|`), c.name);
    }
  }
  const set = lookupCommand('set') as CommandInfo;
  assert.equal(set.docs.group, 'string');
  assert.equal(set.docs.since, '1.0.0');
  assert.deepEqual(set.docs.arguments?.[0], { name: 'key', type: 'key', keySpecIndex: 0 });
  assert.deepEqual(findArg(set.docs.arguments, 'condition')?.flags, ['optional']);
  assert.deepEqual(findArg(set.docs.arguments, 'nx'), { name: 'nx', type: 'pure-token', token: 'NX' });
  assert.deepEqual(findArg(set.docs.arguments, 'seconds'), { name: 'seconds', type: 'integer', token: 'EX', since: '2.6.12' });
  assert.deepEqual(findArg(lookupCommand('del')?.docs.arguments, 'key')?.flags, ['multiple']);
  assert.equal(lookupCommand('client|kill')?.docs.group, 'connection');
  const getset = lookupCommand('getset') as CommandInfo;
  assert.deepEqual(getset.docs.docFlags, ['deprecated']);
  assert.equal(getset.docs.deprecatedSince, '6.2.0');
  assert.deepEqual(lookupCommand('quit')?.docs.arguments, undefined);
});

test('config table lists every CONFIG GET * name once, aliases included', () => {
  const names = new Set<string>();
  for (const p of configParams) {
    for (const n of [p.name, ...p.aliases]) {
      assert.equal(names.has(n), false, `duplicate ${n}`);
      names.add(n);
    }
  }
  assert.equal(names.size, 192);
  assert.equal(configParams.length, 173);
});

test('findConfigParam is case-insensitive and resolves aliases', () => {
  assert.equal(findConfigParam('MAXMEMORY')?.name, 'maxmemory');
  assert.equal(findConfigParam('slave-priority')?.name, 'replica-priority');
  assert.equal(findConfigParam('Hash-Max-Ziplist-Entries')?.name, 'hash-max-listpack-entries');
  assert.equal(findConfigParam('lua-time-limit')?.name, 'busy-reply-threshold');
  assert.equal(findConfigParam('slaveof')?.name, 'replicaof');
  assert.equal(findConfigParam('nosuch'), undefined);
  assert.deepEqual(param('replica-read-only').aliases, ['slave-read-only']);
});

test('config defaults, types and mutability as Redis 7.0 reports them', () => {
  assert.equal(param('save').default, '3600 1 300 100 60 10000');
  assert.equal(param('appendfsync').default, 'everysec');
  assert.deepEqual(param('appendfsync').enumValues, ['everysec', 'always', 'no']);
  assert.equal(param('maxmemory').default, '0');
  assert.equal(param('port').default, '6379');
  assert.equal(param('databases').default, '16');
  assert.equal(param('client-output-buffer-limit').default,
    'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60');
  assert.equal(param('activerehashing').type, 'bool');
  assert.equal(param('maxmemory').type, 'memory');
  assert.equal(param('hz').type, 'int');
  assert.equal(param('daemonize').immutable, true);
  assert.equal(param('databases').immutable, true);
  assert.equal(param('maxmemory').immutable, false);
  assert.equal(param('dir').protected, true);
});

test('every default normalises to itself', () => {
  for (const p of configParams) assert.equal(normaliseConfigValue(p, p.default), p.default, p.name);
});

test('CONFIG SET values normalise as CONFIG GET then shows them', () => {
  const cases: Array<[string, string, string]> = [
    ['maxmemory', '1mb', '1048576'], ['maxmemory', '1MB', '1048576'], ['maxmemory', '1k', '1000'],
    ['maxmemory', '1KB', '1024'], ['maxmemory', '1Gb', '1073741824'], ['maxmemory', '1g', '1000000000'],
    ['maxmemory', '5b', '5'], ['maxmemory', '05', '5'], ['maxmemory', '', '0'], ['maxmemory', 'k', '0'],
    ['maxmemory', '18446744073709551616', '18446744073709551615'],
    ['maxmemory', '99999999999999999999gb', '18446744072635809792'],
    ['hash-max-listpack-entries', '256', '256'], ['hash-max-ziplist-entries', '0', '0'],
    ['list-max-listpack-size', '-2', '-2'],
    ['save', '3600 1', '3600 1'], ['save', '', ''], ['save', '060 05', '60 5'], ['save', '+5 -0', '5 0'],
    ['appendfsync', 'everysec', 'everysec'], ['appendfsync', 'ALWAYS', 'always'],
    ['activerehashing', 'YES', 'yes'], ['activerehashing', 'No', 'no'],
    ['notify-keyspace-events', 'KEA', 'AKE'], ['notify-keyspace-events', 'Kx', 'xK'],
    ['notify-keyspace-events', 'ExK', 'xKE'], ['notify-keyspace-events', 'An', 'A'],
    ['notify-keyspace-events', 'tdmn', 'tdnm'], ['notify-keyspace-events', 'g$lshzxetdKEm', 'AKEm'],
    ['notify-keyspace-events', '', ''],
    ['hz', '0', '1'], ['hz', '1000', '500'], ['hz', '50', '50'],
    ['repl-backlog-size', '1', '16384'],
    ['maxmemory-clients', '10%', '10%'], ['maxmemory-clients', '0%', '0'], ['maxmemory-clients', '1mb', '1048576'],
    ['maxmemory-clients', '18446744073709551615', '1%'],
    ['oom-score-adj-values', '+5 010 -0', '5 10 0'],
    ['latency-tracking-info-percentiles', '50 99 99.9', '50 99 99.9'],
    ['latency-tracking-info-percentiles', '0x10 1e1 33.3333333', '16 10 33.333333'],
    ['latency-tracking-info-percentiles', '99.99999999', '100'],
    ['unixsocketperm', '0700', '700'],
    ['proc-title-template', '{title} {port}', '{title} {port}'],
    ['masterauth', 'any thing', 'any thing'],
  ];
  for (const [name, value, shown] of cases) {
    assert.equal(normaliseConfigValue(param(name), value), shown, `${name} '${value}'`);
  }
});

test('client-output-buffer-limit updates the named classes and keeps the others', () => {
  const p = param('client-output-buffer-limit');
  assert.equal(normaliseConfigValue(p, 'normal 1mb 2mb 60'),
    'normal 1048576 2097152 60 slave 268435456 67108864 60 pubsub 33554432 8388608 60');
  assert.equal(normaliseConfigValue(p, 'REPLICA 1k 0 05', 'normal 1 2 3 slave 4 5 6 pubsub 7 8 9'),
    'normal 1 2 3 slave 1000 0 5 pubsub 7 8 9');
  assert.equal(normaliseConfigValue(p, '', 'normal 1 2 3 slave 4 5 6 pubsub 7 8 9'),
    'normal 1 2 3 slave 4 5 6 pubsub 7 8 9');
});

test('CONFIG SET value errors carry Redis reason texts', () => {
  assert.equal(valueError(param('activerehashing'), 'maybe'), "argument must be 'yes' or 'no'");
  assert.equal(valueError(param('activerehashing'), '1'), "argument must be 'yes' or 'no'");
  for (const bad of ['abc', '1k', '1.5', '+5', '05', '-0', ' 5', '0x10', '', '99999999999999999999']) {
    assert.equal(valueError(param('hash-max-listpack-entries'), bad), "argument couldn't be parsed into an integer", bad);
  }
  assert.equal(valueError(param('hash-max-listpack-entries'), '-1'),
    'argument must be between 0 and 9223372036854775807 inclusive');
  assert.equal(valueError(param('maxclients'), '0'), 'argument must be between 1 and 4294967295 inclusive');
  assert.equal(valueError(param('timeout'), '-1'), 'argument must be between 0 and 2147483647 inclusive');
  assert.equal(valueError(param('port'), '70000'), 'argument must be between 0 and 65535 inclusive');
  assert.equal(valueError(param('proto-max-bulk-len'), '1k'),
    'argument must be between 1048576 and 9223372036854775807 inclusive');
  assert.equal(valueError(param('proto-max-bulk-len'), '18446744073709551615'),
    'argument must be between 1048576 and 9223372036854775807 inclusive');
  for (const bad of ['-1', '1.5mb', 'abc', '1t', '+5', '5kbb', ' 5']) {
    assert.equal(valueError(param('maxmemory'), bad), 'argument must be a memory value', bad);
  }
  assert.equal(valueError(param('maxmemory-clients'), '-5%'), 'argument must be a memory or percent value');
  assert.equal(valueError(param('maxmemory-clients'), '200%'), 'percentage argument must be less or equal to 100');
  assert.equal(valueError(param('appendfsync'), 'bogus'),
    'argument(s) must be one of the following: everysec, always, no');
  assert.equal(valueError(param('maxmemory-policy'), ''),
    'argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, ' +
    'allkeys-lru, allkeys-lfu, allkeys-random, noeviction');
  for (const bad of ['3600', 'x y', '0 5', '5 -1', ' 5 1', '5 1 ', '1.5 2']) {
    assert.equal(valueError(param('save'), bad), 'Invalid save parameters', bad);
  }
  assert.equal(valueError(param('notify-keyspace-events'), 'Z'),
    "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  const cobl = param('client-output-buffer-limit');
  assert.equal(valueError(cobl, 'normal 1 2'), 'Wrong number of arguments in buffer limit configuration.');
  assert.equal(valueError(cobl, 'master 1 2 3'), 'Invalid client class specified in buffer limit configuration.');
  assert.equal(valueError(cobl, 'normal 1 2 -3'),
    'Error in hard, soft or soft_seconds setting in buffer limit configuration.');
  assert.equal(valueError(param('oom-score-adj-values'), '1 2'), 'wrong number of arguments');
  assert.equal(valueError(param('oom-score-adj-values'), '2001 0 0'),
    'Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
  assert.equal(valueError(param('latency-tracking-info-percentiles'), 'nan'),
    'Invalid latency-tracking-info-percentiles parameters');
  assert.equal(valueError(param('latency-tracking-info-percentiles'), '100.1'),
    'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
  assert.equal(valueError(param('proc-title-template'), '{foo}'),
    'template format is invalid or contains unknown variables');
  assert.equal(valueError(param('cluster-announce-hostname'), 'bad_host'),
    'Hostnames may only contain alphanumeric characters, hyphens or dots');
});

test('configSetErrorText gives Redis replies for each failure kind', () => {
  assert.equal(configSetErrorText('unknown', 'nosuch'),
    "ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'");
  assert.equal(configSetErrorText('immutable', 'daemonize'),
    "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config");
  assert.equal(configSetErrorText('protected', 'dir'),
    "ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config");
  assert.equal(configSetErrorText('duplicate', 'HZ'),
    "ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter");
  assert.equal(configSetErrorText('value', 'activerehashing', "argument must be 'yes' or 'no'"),
    "ERR CONFIG SET failed (possibly related to argument 'activerehashing') - argument must be 'yes' or 'no'");
});
