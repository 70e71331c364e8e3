/**
 * Shared by the Redis server tests: an in-process server on a free loopback port, over a database
 * on the in-memory file system (or a real directory), and client factories.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { MemoryFileSystem, open, type Database, type OpenOptions } from '../../src/index.js';
import { startRedisServer, type RedisServer, type RedisServerOptions } from '../../src/server/resp/index.js';
import { RawClient } from './raw-client.js';

function makeNodeRedis(port: number) {
  return createClient({ socket: { port, host: '127.0.0.1', reconnectStrategy: false }, RESP: 2 });
}
function makeNodeRedis3(port: number) {
  return createClient({ socket: { port, host: '127.0.0.1', reconnectStrategy: false }, RESP: 3 });
}
export type NodeRedis = ReturnType<typeof makeNodeRedis>;
export type NodeRedis3 = ReturnType<typeof makeNodeRedis3>;

export interface TestServer {
  readonly port: number;
  readonly server: RedisServer;
  readonly db: Database;
  /** An ioredis client (RESP2 unless `{ protocol: 3 }`); closed by `close()`. */
  ioredis(options?: Record<string, unknown>): Redis;
  /** A connected node-redis client (RESP2); closed by `close()`. */
  nodeRedis(): Promise<NodeRedis>;
  /** A connected node-redis client speaking RESP3; closed by `close()`. */
  nodeRedis3(): Promise<NodeRedis3>;
  /** A raw RESP client (after HELLO 3 when `resp` is 3); closed by `close()`. */
  raw(resp?: 2 | 3): Promise<RawClient>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { dir?: string; open?: OpenOptions; server?: RedisServerOptions } = {},
): Promise<TestServer> {
  const dir = options.dir ?? '/db';
  const openOptions: OpenOptions = options.dir === undefined ? { fs: new MemoryFileSystem(), ...options.open } : { ...options.open };
  const db = await open(dir, openOptions);
  const server = await startRedisServer(db, { port: 0, ...options.server });
  const port = server.address.port;
  const io: Redis[] = [];
  const nr: Array<{ destroy(): void }> = [];
  const raws: RawClient[] = [];
  return {
    port,
    server,
    db,
    ioredis(o = {}) {
      const c = new Redis({ port, host: '127.0.0.1', lazyConnect: false, protocol: 2, maxRetriesPerRequest: 0, retryStrategy: () => null, ...o });
      c.on('error', () => {});
      io.push(c);
      return c;
    },
    async nodeRedis() {
      const c = makeNodeRedis(port);
      c.on('error', () => {});
      nr.push(c);
      await c.connect();
      return c;
    },
    async nodeRedis3() {
      const c = makeNodeRedis3(port);
      c.on('error', () => {});
      nr.push(c);
      await c.connect();
      return c;
    },
    async raw(resp = 2) {
      const c = await RawClient.connect(port);
      raws.push(c);
      if (resp === 3) await c.call('HELLO', '3');
      return c;
    },
    async close() {
      for (const c of raws) c.close();
      for (const c of io) c.disconnect();
      for (const c of nr) {
        try {
          c.destroy();
        } catch {
          // already closed
        }
      }
      await server.close();
      await db.close();
    },
  };
}

/** Redis's error texts the tests expect. */
export const wrongType = 'WRONGTYPE Operation against a key holding the wrong kind of value';
export const notInt = 'ERR value is not an integer or out of range';
export const notFloat = 'ERR value is not a valid float';
export const syntax = 'ERR syntax error';
export const arity = (cmd: string): string => `ERR wrong number of arguments for '${cmd}' command`;

/** Assert that a client call fails with exactly this error text (or one matching the pattern). */
export async function fails(p: Promise<unknown>, text: string | RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof Error, `not an Error: ${String(err)}`);
    if (typeof text === 'string') assert.equal(err.message, text);
    else assert.match(err.message, text);
    return true;
  });
}

/** A raw call's reply bytes as a latin1 string. */
export async function raw(client: RawClient, ...argv: string[]): Promise<string> {
  return (await client.call(...argv)).toString('latin1');
}

/** One client of each kind, as the command-group test files use them. */
export interface Clients {
  /** ioredis speaking RESP3, and RESP2. */
  io: Redis;
  io2: Redis;
  /** node-redis speaking RESP2, and RESP3. */
  nr: NodeRedis;
  nr3: NodeRedis3;
  /** Raw clients speaking RESP2, and RESP3. */
  raw2: RawClient;
  raw3: RawClient;
}

/** Open one client of each kind on `s` (all closed by `s.close()`). */
export async function openClients(s: TestServer): Promise<Clients> {
  return {
    io: s.ioredis({ protocol: 3 }),
    io2: s.ioredis({ protocol: 2 }),
    nr: await s.nodeRedis(),
    nr3: await s.nodeRedis3(),
    raw2: await s.raw(2),
    raw3: await s.raw(3),
  };
}

/** Polls until `check` holds (bounded: about 5 s); never measures elapsed time. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`still not true after polling: ${what}`);
}
