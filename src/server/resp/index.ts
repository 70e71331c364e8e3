/**
 * The Redis (RESP2/RESP3) server over a BasaltDB database. It uses only the public embedded API:
 * the data lives in the keyspace `redis`.
 *
 * ```ts
 * const db = await open('./data');
 * const server = await startRedisServer(db, { port: 6380 });
 * // … redis-cli -p 6380 …
 * await server.close();
 * await db.close();
 * ```
 */
import type { Database } from '../../index.js';
import { RedisServer, type RedisServerOptions } from './server.js';

export type { RedisServer, RedisServerOptions };

export function startRedisServer(db: Database, options: RedisServerOptions = {}): Promise<RedisServer> {
  return RedisServer.start(db, options);
}
