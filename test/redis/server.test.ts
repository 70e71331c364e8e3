// Connection and server commands against the in-process server with ioredis, node-redis and a raw
// socket: PING, ECHO, HELLO, AUTH with requirepass, SELECT, QUIT, RESET, CLIENT, INFO, CONFIG,
// DBSIZE, FLUSHDB/FLUSHALL, TIME, COMMAND, SAVE/BGSAVE/LASTSAVE, MEMORY USAGE, FUNCTION, DEBUG and
// unknown commands. Every expected reply was checked against redis-server 7.0.15; where BasaltDB
// still differs the test asserts Redis's reply and is marked todo.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { createClient } from 'redis';
import { arity, eventually, fails, notInt, startTestServer, syntax, type NodeRedis, type NodeRedis3, type TestServer } from './lib.js';
import { RawClient } from './raw-client.js';

const noAuth = 'NOAUTH Authentication required.';
const wrongPass = 'WRONGPASS invalid username-password pair or user is disabled.';

let s: TestServer;
/** ioredis and node-redis, each over RESP2 and over RESP3. */
let io: Redis;
let io3: Redis;
let nr: NodeRedis;
let nr3: NodeRedis3;

before(async () => {
  s = await startTestServer();
  io = s.ioredis();
  io3 = s.ioredis({ protocol: 3 });
  nr = await s.nodeRedis();
  nr3 = await s.nodeRedis3();
});
after(async () => {
  await s.close();
});

/** A raw connection; closed at the end of `body`. */
async function withRaw<T>(port: number, body: (c: RawClient) => Promise<T>): Promise<T> {
  const c = await RawClient.connect(port);
  try {
    return await body(c);
  } finally {
    c.close();
  }
}

/** One raw reply as text. */
async function rawCall(c: RawClient, ...argv: string[]): Promise<string> {
  return (await c.call(...argv)).toString('latin1');
}

/** Resolves when the socket of `c` has been closed by the server (bounded). */
async function closedByServer(c: RawClient): Promise<void> {
  await eventually('the server closes the connection', async () => c.closed);
}

/** A map reply as node-redis hands it over (an object, or a flat array of pairs). */
function record(v: unknown): Record<string, unknown> {
  if (!Array.isArray(v)) return v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < v.length; i += 2) out[String(v[i])] = v[i + 1];
  return out;
}

/** `INFO` text as a map of field -> value (section headers dropped). */
function infoFields(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

// ---- PING, ECHO ----

test('PING and ECHO', async () => {
  assert.equal(await io.ping(), 'PONG');
  assert.equal(await io.ping('hello world'), 'hello world');
  assert.equal(await nr.ping(), 'PONG');
  assert.equal(await nr.ping('x'), 'x');
  assert.equal(await nr3.ping(), 'PONG');
  assert.equal(await io.echo('hi'), 'hi');
  assert.equal(await nr.echo(''), '');
  await fails(io.call('ping', 'a', 'b'), arity('ping'));
  await fails(io.call('echo'), arity('echo'));
  await fails(io.call('echo', 'a', 'b'), arity('echo'));
  await withRaw(s.port, async (c) => {
    assert.equal(await rawCall(c, 'PING'), '+PONG\r\n');
    assert.equal(await rawCall(c, 'PING', 'x y'), '$3\r\nx y\r\n');
    assert.equal(await rawCall(c, 'ECHO', ''), '$0\r\n\r\n');
  });
});

// ---- HELLO ----

test('HELLO answers the server map in RESP2 and RESP3 and switches protocols', async () => {
  await withRaw(s.port, async (c) => {
    const id = Number((await rawCall(c, 'CLIENT', 'ID')).slice(1));
    const map = (proto: number): string =>
      `$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:${proto}\r\n$2\r\nid\r\n:${id}\r\n` +
      `$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n`;
    assert.equal(await rawCall(c, 'HELLO'), `*14\r\n${map(2)}`);
    assert.equal(await rawCall(c, 'HELLO', '3'), `%7\r\n${map(3)}`);
    // Now RESP3: a null is "_", a map is "%".
    assert.equal(await rawCall(c, 'GET', 'srv:none'), '_\r\n');
    assert.equal(await rawCall(c, 'HELLO'), `%7\r\n${map(3)}`);
    assert.equal(await rawCall(c, 'HELLO', '2'), `*14\r\n${map(2)}`);
    assert.equal(await rawCall(c, 'GET', 'srv:none'), '$-1\r\n');
  });
  const r = record(await nr.sendCommand(['HELLO']));
  assert.equal(r['server'], 'redis');
  assert.equal(r['version'], '7.0.15');
  assert.equal(r['proto'], 2);
  const r3 = record(await nr3.sendCommand(['HELLO']));
  assert.equal(r3['proto'], 3);
  assert.equal(r3['mode'], 'standalone');
  // ioredis negotiates RESP3 with HELLO 3 when asked to.
  const hello = (await io3.call('hello')) as unknown[];
  assert.deepEqual(hello.slice(4, 6), ['proto', 3]);
  const hello2 = (await s.ioredis().call('hello')) as unknown[];
  assert.deepEqual(hello2.slice(4, 6), ['proto', 2]);
});

test('HELLO SETNAME and AUTH, and HELLO errors', async () => {
  await withRaw(s.port, async (c) => {
    assert.match(await rawCall(c, 'HELLO', '3', 'SETNAME', 'hello-name'), /^%7\r\n/);
    assert.equal(await rawCall(c, 'CLIENT', 'GETNAME'), '$10\r\nhello-name\r\n');
    // Without requirepass the default user takes any password.
    assert.match(await rawCall(c, 'HELLO', '2', 'AUTH', 'default', 'anything', 'SETNAME', 'n2'), /^\*14\r\n/);
    assert.equal(await rawCall(c, 'CLIENT', 'GETNAME'), '$2\r\nn2\r\n');
    assert.equal(await rawCall(c, 'HELLO', '4'), '-NOPROTO unsupported protocol version\r\n');
    assert.equal(await rawCall(c, 'HELLO', '1'), '-NOPROTO unsupported protocol version\r\n');
    assert.equal(await rawCall(c, 'HELLO', 'three'), '-ERR Protocol version is not an integer or out of range\r\n');
    assert.equal(await rawCall(c, 'HELLO', '3', 'BOGUS'), "-ERR Syntax error in HELLO option 'BOGUS'\r\n");
    assert.equal(await rawCall(c, 'HELLO', '3', 'SETNAME'), "-ERR Syntax error in HELLO option 'SETNAME'\r\n");
    assert.equal(await rawCall(c, 'HELLO', '3', 'AUTH', 'default'), "-ERR Syntax error in HELLO option 'AUTH'\r\n");
    assert.equal(await rawCall(c, 'HELLO', '3', 'AUTH', 'someone', 'pw'), `-${wrongPass}\r\n`);
    assert.equal(await rawCall(c, 'HELLO', '3', 'SETNAME', 'a b'), '-ERR Client names cannot contain spaces, newlines or special characters.\r\n');
    // Failed HELLOs changed nothing: still RESP2, still named n2.
    assert.equal(await rawCall(c, 'CLIENT', 'GETNAME'), '$2\r\nn2\r\n');
  });
});

// ---- AUTH ----

test('AUTH without requirepass', async () => {
  await fails(io.call('auth', 'pw'), 'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
  assert.equal(await io.call('auth', 'default', 'anything'), 'OK');
  await fails(io.call('auth', 'someone', 'pw'), wrongPass);
  await fails(io.call('auth', 'a', 'b', 'c'), syntax);
  await fails(io.call('auth'), arity('auth'));
});

test('requirepass: NOAUTH until AUTH, then everything; RESET forgets the login', async () => {
  const p = await startTestServer({ server: { requirepass: 'pw' } });
  try {
    await withRaw(p.port, async (c) => {
      assert.equal(await rawCall(c, 'GET', 'a'), `-${noAuth}\r\n`);
      assert.equal(await rawCall(c, 'PING'), `-${noAuth}\r\n`);
      assert.equal(await rawCall(c, 'SELECT', '1'), `-${noAuth}\r\n`);
      assert.equal(await rawCall(c, 'MULTI'), `-${noAuth}\r\n`);
      assert.equal(await rawCall(c, 'AUTH', 'wrong'), `-${wrongPass}\r\n`);
      assert.equal(await rawCall(c, 'AUTH', 'default', 'wrong'), `-${wrongPass}\r\n`);
      assert.equal(await rawCall(c, 'AUTH', 'a', 'b', 'c'), `-${syntax}\r\n`);
      assert.equal(await rawCall(c, 'AUTH', 'pw'), '+OK\r\n');
      assert.equal(await rawCall(c, 'GET', 'a'), '$-1\r\n');
      // A failed AUTH later does not log the client out.
      assert.equal(await rawCall(c, 'AUTH', 'wrong'), `-${wrongPass}\r\n`);
      assert.equal(await rawCall(c, 'SET', 'a', '1'), '+OK\r\n');
      assert.equal(await rawCall(c, 'RESET'), '+RESET\r\n');
      assert.equal(await rawCall(c, 'GET', 'a'), `-${noAuth}\r\n`);
      assert.equal(await rawCall(c, 'AUTH', 'default', 'pw'), '+OK\r\n');
      assert.equal(await rawCall(c, 'GET', 'a'), '$1\r\n1\r\n');
    });
    await withRaw(p.port, async (c) => {
      assert.match(await rawCall(c, 'HELLO', '3', 'AUTH', 'default', 'wrong'), /^-WRONGPASS /);
      assert.match(await rawCall(c, 'HELLO', '3', 'AUTH', 'default', 'pw'), /^%7\r\n/);
      assert.equal(await rawCall(c, 'GET', 'a'), '$1\r\n1\r\n');
    });
    await withRaw(p.port, async (c) => {
      assert.equal(await rawCall(c, 'QUIT'), '+OK\r\n');
      await closedByServer(c);
    });
    // Clients with a password configured.
    const good = p.ioredis({ password: 'pw' });
    assert.equal(await good.get('a'), '1');
    const nrpw = createClient({ socket: { port: p.port, host: '127.0.0.1', reconnectStrategy: false }, password: 'pw', RESP: 2 });
    nrpw.on('error', () => {});
    await nrpw.connect();
    try {
      assert.equal(await nrpw.get('a'), '1');
    } finally {
      nrpw.destroy();
    }
    const nrpw3 = createClient({ socket: { port: p.port, host: '127.0.0.1', reconnectStrategy: false }, password: 'pw', RESP: 3 });
    nrpw3.on('error', () => {});
    await nrpw3.connect();
    try {
      assert.equal(await nrpw3.get('a'), '1');
    } finally {
      nrpw3.destroy();
    }
  } finally {
    await p.close();
  }
});

test('requirepass: the NOAUTH reply to HELLO has Redis 7.0 wording', async () => {
  const p = await startTestServer({ server: { requirepass: 'pw' } });
  try {
    await withRaw(p.port, async (c) => {
      assert.equal(
        await rawCall(c, 'HELLO', '3'),
        '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n',
      );
    });
  } finally {
    await p.close();
  }
});

test('requirepass: EXEC before AUTH is an EXECABORT', async () => {
  const p = await startTestServer({ server: { requirepass: 'pw' } });
  try {
    await withRaw(p.port, async (c) => {
      assert.equal(await rawCall(c, 'EXEC'), `-EXECABORT Transaction discarded because of: ${noAuth}\r\n`);
    });
  } finally {
    await p.close();
  }
});

// ---- SELECT ----

test('SELECT 0-15 keeps databases apart', async () => {
  const a = s.ioredis({ db: 15 });
  await a.set('srv:db', 'fifteen');
  assert.equal(await a.dbsize(), 1);
  assert.equal(await io.get('srv:db'), null);
  await withRaw(s.port, async (c) => {
    assert.equal(await rawCall(c, 'SELECT', '15'), '+OK\r\n');
    assert.equal(await rawCall(c, 'GET', 'srv:db'), '$7\r\nfifteen\r\n');
    assert.equal(await rawCall(c, 'SELECT', '0'), '+OK\r\n');
    assert.equal(await rawCall(c, 'GET', 'srv:db'), '$-1\r\n');
  });
  await nr.select(15);
  assert.equal(await nr.get('srv:db'), 'fifteen');
  await nr.select(0);
  await fails(io.call('select', '16'), 'ERR DB index is out of range');
  await fails(io.call('select', '-1'), 'ERR DB index is out of range');
  await fails(io.call('select', 'abc'), notInt);
  await fails(io.call('select'), arity('select'));
  await a.flushdb();
});

// ---- QUIT, RESET ----

test('QUIT replies OK and closes the connection', async () => {
  await withRaw(s.port, async (c) => {
    assert.equal(await rawCall(c, 'SET', 'srv:q', '1'), '+OK\r\n');
    assert.equal(await rawCall(c, 'QUIT'), '+OK\r\n');
    await closedByServer(c);
  });
  const q = s.ioredis();
  assert.equal(await q.quit(), 'OK');
  assert.equal(await io.get('srv:q'), '1');
});

test('RESET leaves MULTI, WATCH, subscriptions, the database, the name and RESP3', async () => {
  await withRaw(s.port, async (c) => {
    assert.match(await rawCall(c, 'HELLO', '3'), /^%7/);
    assert.equal(await rawCall(c, 'CLIENT', 'SETNAME', 'before-reset'), '+OK\r\n');
    assert.equal(await rawCall(c, 'SELECT', '3'), '+OK\r\n');
    assert.equal(await rawCall(c, 'MULTI'), '+OK\r\n');
    assert.equal(await rawCall(c, 'SET', 'srv:reset-tx', 'v'), '+QUEUED\r\n');
    assert.equal(await rawCall(c, 'RESET'), '+RESET\r\n');
    assert.equal(await rawCall(c, 'EXEC'), '-ERR EXEC without MULTI\r\n');
    assert.equal(await rawCall(c, 'EXISTS', 'srv:reset-tx'), ':0\r\n');
    assert.equal(await rawCall(c, 'CLIENT', 'GETNAME'), '$-1\r\n');
    // Back to RESP2 and database 0.
    assert.equal(await rawCall(c, 'GET', 'srv:none'), '$-1\r\n');
    assert.equal(await rawCall(c, 'SET', 'srv:reset-db', 'v'), '+OK\r\n');
    assert.equal(await io.get('srv:reset-db'), 'v');
    // Subscriptions are dropped.
    assert.equal(await rawCall(c, 'SUBSCRIBE', 'srv:reset-ch'), '*3\r\n$9\r\nsubscribe\r\n$12\r\nsrv:reset-ch\r\n:1\r\n');
    assert.equal(await rawCall(c, 'RESET'), '+RESET\r\n');
    assert.equal(await io.publish('srv:reset-ch', 'm'), 0);
    assert.equal(await rawCall(c, 'GET', 'srv:none'), '$-1\r\n');
    // WATCH is dropped: a change after RESET does not abort the next transaction.
    assert.equal(await rawCall(c, 'WATCH', 'srv:reset-w'), '+OK\r\n');
    assert.equal(await rawCall(c, 'RESET'), '+RESET\r\n');
    await io.set('srv:reset-w', 'changed');
    assert.equal(await rawCall(c, 'MULTI'), '+OK\r\n');
    assert.equal(await rawCall(c, 'PING'), '+QUEUED\r\n');
    assert.equal(await rawCall(c, 'EXEC'), '*1\r\n+PONG\r\n');
    assert.equal(await rawCall(c, 'RESET', 'x'), `-${arity('reset')}\r\n`);
  });
});

// ---- CLIENT ----

test('CLIENT SETNAME and GETNAME', async () => {
  const c = s.ioredis();
  assert.equal(await c.client('GETNAME'), null);
  assert.equal(await c.client('SETNAME', 'srv-conn'), 'OK');
  assert.equal(await c.client('GETNAME'), 'srv-conn');
  assert.equal(await c.client('SETNAME', ''), 'OK');
  assert.equal(await c.client('GETNAME'), null);
  const named = s.ioredis({ connectionName: 'io-named' });
  assert.equal(await named.client('GETNAME'), 'io-named');
  assert.equal(await nr.clientSetName('nr-named'), 'OK');
  assert.equal(await nr.clientGetName(), 'nr-named');
  for (const bad of ['has space', 'new\nline', 'tab\there']) {
    await fails(c.client('SETNAME', bad), 'ERR Client names cannot contain spaces, newlines or special characters.');
  }
  await fails(io.call('client', 'SETNAME'), "ERR wrong number of arguments for 'client|setname' command");
  await fails(io.call('client', 'GETNAME', 'x'), "ERR wrong number of arguments for 'client|getname' command");
  await fails(io.call('client', 'NOSUCH'), "ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP.");
  await fails(io.call('client'), arity('client'));
});

test('CLIENT ID, INFO and LIST agree', async () => {
  const c = s.ioredis({ connectionName: 'srv-list' });
  const id = Number(await c.client('ID'));
  assert.ok(Number.isInteger(id) && id > 0);
  const info = String(await c.client('INFO'));
  assert.ok(info.endsWith('\n') && info.split('\n').length === 2, JSON.stringify(info));
  assert.match(info, new RegExp(`^id=${id} addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:${s.port} `));
  assert.match(info, / name=srv-list /);
  assert.match(info, / db=0 /);
  assert.match(info, / flags=N /);
  assert.match(info, / resp=2/);
  const list = String(await io.client('LIST'));
  const line = list.split('\n').find((l) => l.startsWith(`id=${id} `));
  assert.ok(line !== undefined, list);
  assert.match(line, / name=srv-list /);
  const mine = Number(await io.client('ID'));
  assert.ok(list.split('\n').some((l) => l.startsWith(`id=${mine} `)));
  const byId = String(await io.call('client', 'LIST', 'ID', String(id)));
  assert.equal(byId.split('\n').filter((l) => l !== '').length, 1);
  assert.match(byId, new RegExp(`^id=${id} `));
  const two = String(await io.call('client', 'LIST', 'ID', String(id), String(mine), '999999'));
  assert.equal(two.split('\n').filter((l) => l !== '').length, 2);
  const normal = String(await io.call('client', 'LIST', 'TYPE', 'normal'));
  assert.ok(normal.includes(`id=${id} `));
  assert.equal(String(await io.call('client', 'LIST', 'TYPE', 'pubsub')), '');
  assert.equal(await nr.clientId(), Number(/^id=(\d+)/.exec(String(await nr.sendCommand(['CLIENT', 'INFO'])))![1]));
  // RESP3: CLIENT INFO and CLIENT LIST are verbatim strings.
  const v = await nr3.sendCommand(['CLIENT', 'INFO']);
  assert.match(String(v), /^id=\d+ /);
  await fails(io.call('client', 'LIST', 'TYPE', 'nosuchtype'), "ERR Unknown client type 'nosuchtype'");
  await fails(io.call('client', 'LIST', 'ID', 'abc'), 'ERR Invalid client ID');
  await fails(io.call('client', 'LIST', 'BOGUS'), syntax);
  await fails(io.call('client', 'ID', 'x'), "ERR wrong number of arguments for 'client|id' command");
  await fails(io.call('client', 'INFO', 'x'), "ERR wrong number of arguments for 'client|info' command");
});

test('CLIENT INFO names the subcommand in cmd=', async () => {
  const info = String(await io.client('INFO'));
  assert.match(info, / cmd=client\|info /);
});

test('CLIENT KILL by ID, by address, by TYPE, SKIPME', async () => {
  // New style: the number of clients killed.
  await withRaw(s.port, async (victim) => {
    const id = (await rawCall(victim, 'CLIENT', 'ID')).slice(1).trim();
    assert.equal(await io.call('client', 'KILL', 'ID', id), 1);
    await closedByServer(victim);
  });
  assert.equal(await io.call('client', 'KILL', 'ID', '999999'), 0);
  // Old style: ip:port, OK or an error.
  await withRaw(s.port, async (victim) => {
    const addr = /addr=(\S+)/.exec(await rawCall(victim, 'CLIENT', 'INFO'))![1]!;
    assert.equal(await io.call('client', 'KILL', addr), 'OK');
    await closedByServer(victim);
    await fails(io.call('client', 'KILL', addr), 'ERR No such client');
  });
  await withRaw(s.port, async (victim) => {
    const addr = /addr=(\S+)/.exec(await rawCall(victim, 'CLIENT', 'INFO'))![1]!;
    assert.equal(await nr.sendCommand(['CLIENT', 'KILL', 'ADDR', addr]), 1);
    await closedByServer(victim);
  });
  // TYPE pubsub kills only subscribers.
  await withRaw(s.port, async (sub) => {
    assert.match(await rawCall(sub, 'SUBSCRIBE', 'srv:kill'), /^\*3/);
    const listed = String(await io.call('client', 'LIST', 'TYPE', 'pubsub'));
    assert.equal(listed.split('\n').filter((l) => l !== '').length, 1);
    assert.match(listed, / sub=1 /);
    assert.equal(await io.call('client', 'KILL', 'TYPE', 'pubsub'), 1);
    await closedByServer(sub);
  });
  // SKIPME no: the caller can kill itself (it gets its reply first).
  await withRaw(s.port, async (me) => {
    const id = (await rawCall(me, 'CLIENT', 'ID')).slice(1).trim();
    assert.equal(await rawCall(me, 'CLIENT', 'KILL', 'ID', id), ':0\r\n');
    assert.equal(await rawCall(me, 'CLIENT', 'KILL', 'ID', id, 'SKIPME', 'no'), ':1\r\n');
    await closedByServer(me);
  });
  await fails(io.call('client', 'KILL', 'ID', '0'), 'ERR client-id should be greater than 0');
  await fails(io.call('client', 'KILL', 'ID', 'abc'), 'ERR client-id should be greater than 0');
  await fails(io.call('client', 'KILL', 'TYPE', 'nosuchtype'), "ERR Unknown client type 'nosuchtype'");
  await fails(io.call('client', 'KILL', 'SKIPME', 'maybe'), syntax);
  await fails(io.call('client', 'KILL', 'BOGUS', 'x'), syntax);
  // Three arguments are the old ip:port form.
  await fails(io.call('client', 'KILL', 'ID'), 'ERR No such client');
  await fails(io.call('client', 'KILL'), "ERR wrong number of arguments for 'client|kill' command");
  assert.equal(await io.ping(), 'PONG');
});

test('CLIENT NO-EVICT', async () => {
  assert.equal(await io.call('client', 'NO-EVICT', 'on'), 'OK');
  assert.equal(await io.call('client', 'NO-EVICT', 'off'), 'OK');
  await fails(io.call('client', 'NO-EVICT', 'maybe'), syntax);
});

// ---- INFO ----

test('INFO sections and fields', async () => {
  await io.flushall();
  await io.mset('srv:i1', '1', 'srv:i2', '2');
  await io.set('srv:i3', '3', 'EX', 1000);
  const all = await io.info();
  const headers = all.split('\r\n').filter((l) => l.startsWith('# '));
  for (const h of ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Keyspace']) {
    assert.ok(headers.includes(h), `${h} in ${headers.join(', ')}`);
  }
  assert.ok(!headers.includes('# Commandstats'));
  const f = infoFields(all);
  assert.match(f.get('redis_version') ?? '', /^7\./);
  assert.equal(f.get('redis_mode'), 'standalone');
  assert.equal(f.get('tcp_port'), String(s.port));
  assert.ok(Number(f.get('connected_clients')) >= 3);
  assert.ok(Number(f.get('used_memory')) > 0);
  assert.ok(Number(f.get('uptime_in_seconds')) >= 0);
  assert.equal(f.get('role'), 'master');
  assert.equal(f.get('loading'), '0');
  assert.match(f.get('db0') ?? '', /^keys=3,expires=1,avg_ttl=\d+$/);
  assert.equal(f.get('db1'), undefined);
  const ks = await io.info('keyspace');
  assert.match(ks, /^# Keyspace\r\ndb0:keys=3,expires=1,avg_ttl=\d+\r\n$/);
  const two = await io.info('server', 'clients');
  assert.deepEqual(two.split('\r\n').filter((l) => l.startsWith('# ')), ['# Server', '# Clients']);
  assert.equal(await io.info('bogus'), '');
  const every = await io.info('everything');
  assert.ok(every.includes('# Commandstats'));
  assert.match(every, /\r\ncmdstat_info:calls=\d+,usec=\d+,usec_per_call=[\d.]+,rejected_calls=\d+,failed_calls=\d+\r\n/);
  assert.ok((await io.info('all')).includes('# Commandstats'));
  assert.ok((await io.info('commandstats')).startsWith('# Commandstats\r\n'));
  assert.match(await nr.info('server'), /^# Server\r\n/);
  assert.match(String(await nr3.info('keyspace')), /^# Keyspace\r\ndb0:keys=3/);
  await io.flushall();
  assert.equal(await io.info('keyspace'), '# Keyspace\r\n');
});

test('INFO stats counts keyspace hits and misses', async () => {
  await io.set('srv:hit', 'v');
  await io.call('config', 'resetstat');
  await io.get('srv:hit');
  await io.get('srv:hit');
  await io.get('srv:miss');
  const f = infoFields(await io.info('stats'));
  assert.equal(f.get('keyspace_hits'), '2');
  assert.equal(f.get('keyspace_misses'), '1');
});

test('INFO has the Modules, Errorstats and Cluster sections', async () => {
  const headers = (await io.info()).split('\r\n').filter((l) => l.startsWith('# '));
  for (const h of ['# Modules', '# Errorstats', '# Cluster']) assert.ok(headers.includes(h), h);
  assert.match(await io.info('cluster'), /^# Cluster\r\ncluster_enabled:0\r\n/);
});

// ---- CONFIG ----

test('CONFIG GET', async () => {
  const all = (await io.config('GET', '*')) as string[];
  assert.ok(all.length / 2 >= 180, `CONFIG GET * lists ${all.length / 2} parameters`);
  const names = new Set(all.filter((_, i) => i % 2 === 0));
  for (const p of ['maxmemory', 'maxmemory-policy', 'timeout', 'databases', 'save', 'appendonly', 'appendfsync', 'hash-max-listpack-entries', 'hash-max-ziplist-entries', 'requirepass', 'maxclients', 'port', 'bind', 'dir', 'notify-keyspace-events', 'lua-time-limit']) {
    assert.ok(names.has(p), p);
  }
  assert.deepEqual(await io.config('GET', 'maxmemory-policy'), ['maxmemory-policy', 'noeviction']);
  assert.deepEqual(await io.config('GET', 'databases'), ['databases', '16']);
  assert.deepEqual(await io.config('GET', 'MAXMEMORY-POLICY'), ['MAXMEMORY-POLICY', 'noeviction']);
  assert.deepEqual(await io.config('GET', 'nosuchparam'), []);
  assert.deepEqual(await io.config('GET', 'nomatch*'), []);
  const two = (await io.config('GET', 'timeout', 'databases')) as string[];
  assert.deepEqual(new Map([[two[0], two[1]], [two[2], two[3]]]), new Map([['timeout', '0'], ['databases', '16']]));
  const zs = (await io.config('GET', 'zset-max-*-entries')) as string[];
  assert.deepEqual([...zs].sort(), ['128', '128', 'zset-max-listpack-entries', 'zset-max-ziplist-entries']);
  assert.deepEqual(await nr.configGet('maxmemory'), { maxmemory: '0' });
  assert.deepEqual(await nr3.configGet('maxmemory'), { maxmemory: '0' });
  await fails(io.call('config', 'GET'), "ERR wrong number of arguments for 'config|get' command");
  await fails(io.call('config', 'BOGUS'), "ERR unknown subcommand 'BOGUS'. Try CONFIG HELP.");
  await fails(io.call('config'), arity('config'));
});

test('CONFIG SET remembers valid values and refuses invalid ones', async () => {
  const [, before] = (await io.config('GET', 'hash-max-listpack-entries')) as [string, string];
  try {
    assert.equal(await io.config('SET', 'hash-max-listpack-entries', '64'), 'OK');
    assert.deepEqual(await io.config('GET', 'hash-max-listpack-entries'), ['hash-max-listpack-entries', '64']);
    // The old name is an alias of the same parameter.
    assert.equal(await io.config('SET', 'hash-max-ziplist-entries', '32'), 'OK');
    assert.deepEqual(await io.config('GET', 'hash-max-listpack-entries'), ['hash-max-listpack-entries', '32']);
    assert.equal(await nr.configSet({ 'maxmemory-samples': '7', 'hash-max-listpack-value': '48' }), 'OK');
    assert.deepEqual(await nr.configGet('maxmemory-samples'), { 'maxmemory-samples': '7' });
    assert.deepEqual(await nr.configGet('hash-max-listpack-value'), { 'hash-max-listpack-value': '48' });
    assert.equal(await io.config('SET', 'maxmemory', '1mb'), 'OK');
    assert.deepEqual(await io.config('GET', 'maxmemory'), ['maxmemory', '1048576']);
    await fails(io.call('config', 'SET', 'nosuchparam', '1'), "ERR Unknown option or number of arguments for CONFIG SET - 'nosuchparam'");
    await fails(io.call('config', 'SET', 'hash-max-listpack-entries', 'abc'), "ERR CONFIG SET failed (possibly related to argument 'hash-max-listpack-entries') - argument couldn't be parsed into an integer");
    await fails(io.call('config', 'SET', 'maxmemory-policy', 'nosuchpolicy'), "ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction");
    await fails(io.call('config', 'SET', 'daemonize', 'yes'), "ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config");
    await fails(io.call('config', 'SET', 'timeout', '0', 'timeout', '0'), "ERR CONFIG SET failed (possibly related to argument 'timeout') - duplicate parameter");
    // All or nothing: a bad second pair leaves the first unchanged.
    await fails(io.call('config', 'SET', 'maxmemory-samples', '9', 'maxmemory-policy', 'bogus'), /^ERR CONFIG SET failed \(possibly related to argument 'maxmemory-policy'\)/);
    assert.deepEqual(await io.config('GET', 'maxmemory-samples'), ['maxmemory-samples', '7']);
    await fails(io.call('config', 'SET', 'timeout'), "ERR wrong number of arguments for 'config|set' command");
  } finally {
    await io.call('config', 'SET', 'hash-max-listpack-entries', before, 'maxmemory-samples', '5', 'hash-max-listpack-value', '64', 'maxmemory', '0');
  }
});

test('CONFIG SET with an odd number of arguments past the first pair is a syntax error', async () => {
  await fails(io.call('config', 'SET', 'timeout', '0', 'maxmemory-samples'), syntax);
});

test('CONFIG RESETSTAT resets the INFO counters', async () => {
  for (let i = 0; i < 5; i++) await io.ping();
  assert.equal(await io.config('RESETSTAT'), 'OK');
  const f = infoFields(await io.info('stats'));
  assert.ok(Number(f.get('total_commands_processed')) <= 2, f.get('total_commands_processed'));
  assert.equal(f.get('total_error_replies'), '0');
  const cs = await io.info('commandstats');
  assert.ok(!cs.includes('cmdstat_ping'), cs);
  await fails(io.call('config', 'RESETSTAT', 'x'), "ERR wrong number of arguments for 'config|resetstat' command");
});

// ---- DBSIZE, FLUSHDB, FLUSHALL ----

test('DBSIZE, FLUSHDB and FLUSHALL', async () => {
  await io.flushall();
  const db2 = s.ioredis({ db: 2 });
  await io.mset('f:1', 'a', 'f:2', 'b');
  await io.call('hset', 'f:h', 'x', 'y');
  await db2.mset('f:1', 'a', 'f:3', 'c');
  assert.equal(await io.dbsize(), 3);
  assert.equal(await nr.dbSize(), 3);
  assert.equal(await db2.dbsize(), 2);
  assert.equal(await db2.flushdb(), 'OK');
  assert.equal(await db2.dbsize(), 0);
  assert.equal(await io.dbsize(), 3);
  await db2.set('f:again', '1');
  assert.equal(await io.call('flushall', 'SYNC'), 'OK');
  assert.equal(await io.dbsize(), 0);
  assert.equal(await db2.dbsize(), 0);
  assert.equal(await io.exists('f:1', 'f:h'), 0);
  await io.set('f:x', '1');
  assert.equal(await io.call('flushdb', 'ASYNC'), 'OK');
  assert.equal(await io.dbsize(), 0);
  assert.equal(await nr.flushAll(), 'OK');
  assert.equal(await io.call('flushall', 'async'), 'OK');
  await fails(io.call('flushdb', 'BOGUS'), syntax);
  await fails(io.call('flushall', 'BOGUS'), syntax);
  await fails(io.call('flushdb', 'ASYNC', 'SYNC'), syntax);
  await fails(io.call('dbsize', 'x'), arity('dbsize'));
});

// ---- TIME, COMMAND ----

test('TIME', async () => {
  const [sec, usec] = await io.time();
  assert.match(String(sec), /^\d+$/);
  assert.match(String(usec), /^\d+$/);
  assert.ok(Number(usec) < 1_000_000);
  // The server's clock is this machine's clock.
  assert.ok(Math.abs(Number(sec) - Date.now() / 1000) < 120, `TIME ${sec}`);
  const raw = await withRaw(s.port, (c) => rawCall(c, 'TIME'));
  assert.match(raw, /^\*2\r\n\$\d+\r\n\d+\r\n\$\d+\r\n\d+\r\n$/);
  await fails(io.call('time', 'x'), arity('time'));
});

test('COMMAND, COUNT, LIST, INFO, DOCS, GETKEYS', async () => {
  const count = Number(await io.command('COUNT'));
  const all = (await nr.sendCommand(['COMMAND'])) as unknown[];
  assert.equal(all.length, count);
  const list = (await io.call('command', 'LIST')) as string[];
  assert.ok(list.length >= count);
  for (const c of ['get', 'set', 'del', 'multi', 'subscribe', 'hello', 'command', 'config', 'scan']) assert.ok(list.includes(c), c);
  const [get] = (await io.command('INFO', 'get')) as unknown[][];
  assert.deepEqual(get!.slice(0, 6), ['get', 2, ['readonly', 'fast'], 1, 1, 1]);
  assert.deepEqual(get![6], ['@read', '@string', '@fast']);
  const [set, none, mset] = (await io.command('INFO', 'SET', 'nosuchcommand', 'mset')) as unknown[][];
  assert.deepEqual(set!.slice(0, 6), ['set', -3, ['write', 'denyoom'], 1, 1, 1]);
  assert.equal(none, null);
  assert.deepEqual(mset!.slice(0, 6), ['mset', -3, ['write', 'denyoom'], 1, -1, 2]);
  const info = await nr.commandInfo(['get']);
  assert.equal(info[0]?.name, 'get');
  assert.equal(info[0]?.arity, 2);
  const docs = record(await nr.sendCommand(['COMMAND', 'DOCS', 'get']));
  const fields = record(docs['get']);
  assert.equal(fields['summary'], 'Get the value of a key');
  assert.equal(fields['since'], '1.0.0');
  assert.equal(fields['group'], 'string');
  assert.deepEqual(record(await nr.sendCommand(['COMMAND', 'DOCS', 'nosuchcommand'])), {});
  await withRaw(s.port, async (c) => {
    assert.match(await rawCall(c, 'COMMAND', 'DOCS', 'get'), /^\*2\r\n\$3\r\nget\r\n\*\d+\r\n\$7\r\nsummary\r\n\$22\r\nGet the value of a key\r\n/);
    assert.equal(await rawCall(c, 'COMMAND', 'DOCS', 'nosuchcommand'), '*0\r\n');
  });
  assert.deepEqual(await io.call('command', 'GETKEYS', 'set', 'a', 'b'), ['a']);
  assert.deepEqual(await io.call('command', 'GETKEYS', 'mset', 'a', '1', 'b', '2'), ['a', 'b']);
  await fails(io.call('command', 'GETKEYS', 'ping', 'x'), 'ERR The command has no key arguments');
  await fails(io.call('command', 'GETKEYS', 'nosuch', 'a'), 'ERR Invalid command specified');
  await fails(io.call('command', 'GETKEYS', 'get', 'a', 'b'), 'ERR Invalid number of arguments specified for command');
  await fails(io.call('command', 'BOGUS'), "ERR unknown subcommand 'BOGUS'. Try COMMAND HELP.");
});

test('COMMAND LIST names subcommands too', async () => {
  const list = (await io.call('command', 'LIST')) as string[];
  for (const c of ['config|get', 'client|kill', 'object|encoding', 'command|docs']) assert.ok(list.includes(c), c);
});

test('COMMAND INFO of an unknown command is a nil bulk string in RESP2; GETKEYS needs an argument', { todo: "BasaltDB differs: COMMAND INFO nosuchcommand answers *1\\r\\n*-1 (Redis: *1\\r\\n$-1); COMMAND GETKEYS get answers 'Invalid number of arguments specified for command' (Redis: the arity error of 'command|getkeys')" }, async () => {
  await withRaw(s.port, async (c) => {
    assert.equal(await rawCall(c, 'COMMAND', 'INFO', 'nosuchcommand'), '*1\r\n$-1\r\n');
  });
  await fails(io.call('command', 'GETKEYS', 'get'), "ERR wrong number of arguments for 'command|getkeys' command");
  await fails(io.call('command', 'GETKEYS', 'ping'), "ERR wrong number of arguments for 'command|getkeys' command");
});

test('COMMAND DOCS has the history of a command', { todo: 'BasaltDB differs: COMMAND DOCS has no "history" field (Redis: SET has four entries); COMMAND INFO key specs have no "notes"' }, async () => {
  const fields = record(record(await nr.sendCommand(['COMMAND', 'DOCS', 'set']))['set']);
  assert.ok(Array.isArray(fields['history']), 'no history field');
  assert.equal((fields['history'] as unknown[]).length, 4);
  const [set] = (await io.command('INFO', 'set')) as unknown[][];
  assert.ok(JSON.stringify(set![8]).includes('RW and ACCESS due to the optional `GET` argument'));
});

// ---- SAVE, BGSAVE, LASTSAVE ----

test('SAVE, BGSAVE and LASTSAVE', async () => {
  await io.set('srv:saved', 'v');
  const before = Number(await io.lastsave());
  assert.ok(Math.abs(before - Date.now() / 1000) < 24 * 3600 || before >= 0);
  assert.equal(await io.save(), 'OK');
  const after = Number(await io.lastsave());
  assert.ok(after >= before, `LASTSAVE ${after} < ${before}`);
  assert.ok(Math.abs(after - Date.now() / 1000) < 120, `LASTSAVE ${after}`);
  assert.match(String(await io.bgsave()), /^Background saving (started|scheduled)$/);
  await eventually('the background save ends', async () => infoFields(await io.info('persistence')).get('rdb_bgsave_in_progress') === '0');
  assert.equal(infoFields(await io.info('persistence')).get('rdb_last_bgsave_status'), 'ok');
  assert.equal(await nr.sendCommand(['SAVE']), 'OK');
  await fails(io.call('save', 'x'), arity('save'));
  await fails(io.call('lastsave', 'x'), arity('lastsave'));
  await fails(io.call('bgsave', 'x'), syntax);
});

// ---- MEMORY, FUNCTION, DEBUG ----

test('MEMORY USAGE', async () => {
  await io.set('srv:mem', 'x'.repeat(1000));
  const n = Number(await io.memory('USAGE', 'srv:mem'));
  assert.ok(n >= 1000 && n < 10_000, `MEMORY USAGE ${n}`);
  await io.call('hset', 'srv:memh', 'a', '1', 'b', '2');
  assert.ok(Number(await io.memory('USAGE', 'srv:memh', 'SAMPLES', 0)) > 0);
  assert.equal(await io.memory('USAGE', 'srv:none'), null);
  assert.ok(Number(await nr.memoryUsage('srv:mem')) >= 1000);
  await fails(io.call('memory', 'USAGE'), "ERR wrong number of arguments for 'memory|usage' command");
  await fails(io.call('memory', 'USAGE', 'k', 'SAMPLES'), syntax);
  await fails(io.call('memory', 'USAGE', 'k', 'BOGUS', '5'), syntax);
  await fails(io.call('memory', 'USAGE', 'k', 'SAMPLES', 'x'), notInt);
  await fails(io.call('memory', 'BOGUS'), "ERR unknown subcommand 'BOGUS'. Try MEMORY HELP.");
});

test('FUNCTION LIST and FLUSH on an empty library', async () => {
  assert.deepEqual(await io.call('function', 'LIST'), []);
  assert.deepEqual(await io.call('function', 'LIST', 'WITHCODE'), []);
  assert.deepEqual(await io.call('function', 'LIST', 'LIBRARYNAME', 'x'), []);
  assert.deepEqual(await nr3.sendCommand(['FUNCTION', 'LIST']), []);
  assert.equal(await io.call('function', 'FLUSH'), 'OK');
  assert.equal(await io.call('function', 'FLUSH', 'ASYNC'), 'OK');
  assert.equal(await io.call('function', 'FLUSH', 'SYNC'), 'OK');
  await fails(io.call('function', 'DELETE', 'nolib'), 'ERR Library not found');
  await fails(io.call('function', 'BOGUS'), "ERR unknown subcommand 'BOGUS'. Try FUNCTION HELP.");
});

test('FUNCTION FLUSH with a bad mode and FUNCTION STATS', async () => {
  await fails(io.call('function', 'FLUSH', 'BOGUS'), 'ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
  const stats = record(await nr.sendCommand(['FUNCTION', 'STATS']));
  assert.equal(stats['running_script'], null);
  assert.deepEqual(record(record(stats['engines'])['LUA']), { libraries_count: 0, functions_count: 0 });
});

test('DEBUG answers an error', async () => {
  await fails(io.call('debug', 'object', 'k'), /^ERR /);
  await fails(io.call('debug', 'nosuchsubcommand'), /^ERR /);
  await fails(io.call('debug', 'reload'), /^ERR /);
  assert.equal(await io.ping(), 'PONG');
});

test('HELP replies end with "Prints this help."', async () => {
  for (const cmd of ['config', 'command', 'client', 'memory', 'pubsub']) {
    const help = (await io.call(cmd, 'help')) as string[];
    assert.equal(help[help.length - 1], '    Prints this help.', cmd);
  }
});

// ---- unknown commands, arity ----

test('unknown commands get Redis\'s exact error', async () => {
  await fails(io.call('nosuchcommand'), "ERR unknown command 'nosuchcommand', with args beginning with: ");
  await fails(io.call('nosuchcommand', 'a', 'b c', ''), "ERR unknown command 'nosuchcommand', with args beginning with: 'a' 'b c' '' ");
  await fails(nr.sendCommand(['FOO', 'x']), "ERR unknown command 'FOO', with args beginning with: 'x' ");
  await fails(io.call('config|get', 'x'), "ERR unknown command 'config|get', with args beginning with: 'x' ");
  const long = 'a'.repeat(200);
  await fails(io.call('foo', long, 'b'), `ERR unknown command 'foo', with args beginning with: '${'a'.repeat(128)}' `);
  await fails(io.call('foo', 'a'.repeat(115), 'b'.repeat(22), 'c'), `ERR unknown command 'foo', with args beginning with: '${'a'.repeat(115)}' '${'b'.repeat(10)}' `);
  await fails(io.call(long, 'x'), `ERR unknown command '${'a'.repeat(128)}', with args beginning with: 'x' `);
  await withRaw(s.port, async (c) => {
    assert.equal(await rawCall(c, 'NOSUCH', 'x'), "-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n");
    // The connection goes on.
    assert.equal(await rawCall(c, 'PING'), '+PONG\r\n');
  });
});
