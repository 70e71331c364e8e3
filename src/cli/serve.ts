/**
 * `basalt serve`: open the database and serve it over the Redis protocol (the PostgreSQL and admin
 * listeners join this command later). Runs until SIGTERM, SIGINT or SHUTDOWN, then stops
 * accepting, closes the clients, checkpoints and exits 0.
 */
import type { Durability } from '../index.js';
import { startRedisServer } from '../server/resp/index.js';
import { checkAllowed, dataDir, exitCodes, takePositionals, UsageError } from './args.js';
import type { Command } from './command.js';
import { openDatabase } from './context.js';

const serveHelp = `Usage: basalt serve [options]

Open the database (creating it if the directory holds none) and serve it to Redis clients.

Options:
  --data DIR              database directory (default ./data)
  --redis-port N          Redis listener port (default 6380; 0 picks a free one)
  --redis-bind ADDR       Redis listener address (default 127.0.0.1)
  --appendfsync POLICY    always (default): reply after the write is fsynced (group commit);
                          everysec: fsync every second; no: leave it to the OS
  --requirepass PASSWORD  clients must AUTH with this password
  --maxclients N          most connected clients (default 10000)
  -h, --help              show this help

When the listener is ready it prints: redis listening on ADDR:PORT
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
  summary: 'serve the database over the Redis protocol',
  help: serveHelp,
  async run(args, words, out) {
    if (args.flags.help === true) {
      await out.write(serveHelp);
      return exitCodes.ok;
    }
    checkAllowed(args, ['data', 'redis-port', 'redis-bind', 'appendfsync', 'requirepass', 'maxclients'], 'serve');
    takePositionals(words, [], 'serve');
    const port = intOption(args.strings['redis-port'], 'redis-port', 6380, 0, 65535);
    const maxclients = intOption(args.strings.maxclients, 'maxclients', 10000, 1, 1_000_000);
    const appendfsync = args.strings.appendfsync ?? 'always';
    const durability = policies[appendfsync];
    if (durability === undefined) throw new UsageError(`--appendfsync must be always, everysec or no (got '${appendfsync}')`, 'serve');
    const dir = dataDir(args);
    const db = await openDatabase(dir, true, { durability, periodicSyncMs: 1000, inlineSync: false });
    let stopping: Promise<void> | null = null;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const stop = (why: string): void => {
      if (stopping !== null) return;
      log(`${why}: shutting down`);
      stopping = (async () => {
        try {
          await server.close();
          await db.checkpoint();
        } finally {
          await db.close();
          log('stopped');
          finished();
        }
      })();
    };
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
    await out.write(`redis listening on ${server.address.host}:${server.address.port}\n`);
    await out.flush();
    log(`data directory ${dir}, appendfsync ${appendfsync}`);
    await done;
    return exitCodes.ok;
  },
};
