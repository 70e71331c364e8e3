/**
 * `basalt serve`: open the database and serve it over the PostgreSQL and Redis protocols. Runs
 * until SIGTERM, SIGINT or (Redis) SHUTDOWN, then stops accepting, ends the sessions,
 * checkpoints and exits 0.
 */
import { readFileSync } from 'node:fs';
import type { Durability } from '../index.js';
import { cacheBytesDefault, pgMaxConnectionsDefault } from '../limits.js';
import { startPgServer, type AuthMethod } from '../server/pg/index.js';
import { startRedisServer } from '../server/resp/index.js';
import { checkAllowed, dataDir, exitCodes, takePositionals, UsageError } from './args.js';
import type { Command } from './command.js';
import { openDatabase } from './context.js';

const serveHelp = `Usage: basalt serve [options]

Open the database (creating it if the directory holds none) and serve it to PostgreSQL and
Redis clients.

Options:
  --data DIR              database directory (default ./data)
  --pg-port N             PostgreSQL listener port (default 5433; 0 picks a free one)
  --pg-bind ADDR          PostgreSQL listener address (default 127.0.0.1)
  --database-name NAME    the database name clients use besides "postgres" (default basalt)
  --max-connections N     most PostgreSQL sessions (default ${pgMaxConnectionsDefault}); more get 53300
  --auth METHOD           trust, password, md5 or scram-sha-256 (default: trust on a loopback
                          address while no role has a password, otherwise scram-sha-256)
  --tls-cert FILE         PEM certificate: PostgreSQL clients may use TLS (with --tls-key)
  --tls-key FILE          PEM private key of --tls-cert
  --cache-mb N            page cache size in MiB (default ${cacheBytesDefault / 1048576})
  --redis-port N          Redis listener port (default 6380; 0 picks a free one)
  --redis-bind ADDR       Redis listener address (default 127.0.0.1)
  --appendfsync POLICY    always (default): reply after the write is fsynced (group commit);
                          everysec: fsync every second; no: leave it to the OS
  --requirepass PASSWORD  clients must AUTH with this password
  --maxclients N          most connected clients (default 10000)
  -h, --help              show this help

When the listeners are ready it prints: postgres listening on ADDR:PORT
and: redis listening on ADDR:PORT
`;

const policies: Record<string, Durability> = { always: 'sync', everysec: 'periodic', no: 'none' };

function intOption(value: string | undefined, name: string, dflt: number, min: number, max: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got '${value}')`, 'serve');
  return n;
}

function log(line: string): void {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the database over the PostgreSQL and Redis protocols',
  help: serveHelp,
  async run(args, words, out) {
    if (args.flags.help === true) {
      await out.write(serveHelp);
      return exitCodes.ok;
    }
    checkAllowed(args, ['data', 'redis-port', 'redis-bind', 'appendfsync', 'requirepass', 'maxclients', 'pg-port', 'pg-bind', 'database-name', 'max-connections', 'auth', 'tls-cert', 'tls-key', 'cache-mb'], 'serve');
    takePositionals(words, [], 'serve');
    const port = intOption(args.strings['redis-port'], 'redis-port', 6380, 0, 65535);
    const maxclients = intOption(args.strings.maxclients, 'maxclients', 10000, 1, 1_000_000);
    const cacheMb = intOption(args.strings['cache-mb'], 'cache-mb', cacheBytesDefault / 1048576, 1, 1_048_576);
    const pgPort = intOption(args.strings['pg-port'], 'pg-port', 5433, 0, 65535);
    const maxConnections = intOption(args.strings['max-connections'], 'max-connections', pgMaxConnectionsDefault, 1, 100_000);
    const auth = args.strings.auth;
    if (auth !== undefined && !['trust', 'password', 'md5', 'scram-sha-256'].includes(auth)) {
      throw new UsageError(`--auth must be trust, password, md5 or scram-sha-256 (got '${auth}')`, 'serve');
    }
    const certFile = args.strings['tls-cert'];
    const keyFile = args.strings['tls-key'];
    if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together', 'serve');
    const databaseName = args.strings['database-name'] ?? 'basalt';
    if (databaseName === '' || databaseName.includes('\u0000')) throw new UsageError('--database-name must be a non-empty name', 'serve');
    const appendfsync = args.strings.appendfsync ?? 'always';
    const durability = policies[appendfsync];
    if (durability === undefined) throw new UsageError(`--appendfsync must be always, everysec or no (got '${appendfsync}')`, 'serve');
    const dir = dataDir(args);
    const db = await openDatabase(dir, true, { durability, periodicSyncMs: 1000, inlineSync: false, cacheBytes: cacheMb * 1048576 });
    let stopping: Promise<void> | null = null;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const stop = (why: string): void => {
      if (stopping !== null) return;
      log(`${why}: shutting down`);
      stopping = (async () => {
        try {
          await Promise.all([server.close(), pg?.close()]);
          await db.checkpoint();
        } finally {
          await db.close();
          log('stopped');
          finished();
        }
      })();
    };
    let pg: Awaited<ReturnType<typeof startPgServer>> | null = null;
    pg = await startPgServer(db, {
      port: pgPort,
      host: args.strings['pg-bind'] ?? '127.0.0.1',
      databaseName,
      maxConnections,
      ...(auth !== undefined ? { auth: auth as AuthMethod } : {}),
      ...(certFile !== undefined && keyFile !== undefined ? { tls: { cert: readFileSync(certFile), key: readFileSync(keyFile) } } : {}),
      log,
    });
    const server = await startRedisServer(db, {
      port,
      host: args.strings['redis-bind'] ?? '127.0.0.1',
      maxclients,
      appendfsync: appendfsync as 'always' | 'everysec' | 'no',
      ...(args.strings.requirepass !== undefined ? { requirepass: args.strings.requirepass } : {}),
      onShutdown: () => stop('SHUTDOWN'),
      log,
    });
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    await out.write(`postgres listening on ${pg.address.host}:${pg.address.port}\n`);
    await out.write(`redis listening on ${server.address.host}:${server.address.port}\n`);
    await out.flush();
    log(`data directory ${dir}, appendfsync ${appendfsync}`);
    await done;
    return exitCodes.ok;
  },
};
