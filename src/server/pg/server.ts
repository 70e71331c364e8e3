/**
 * The PostgreSQL listener: accepts connections, admits at most `maxConnections`, routes
 * CancelRequests to their backend, and shuts down gracefully (stop accepting, end every session,
 * wait for them).
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Database } from '../../database.js';
import { pgMaxConnectionsDefault } from '../../limits.js';
import type { AuthMethod } from './auth.js';
import { PgConnection, type ConnectionHost } from './connection.js';

export interface PgServerOptions {
  /** Port to listen on (0: any free port). Default 5433. */
  readonly port?: number;
  /** Address to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** The name clients connect to besides `postgres`. Default 'basalt'. */
  readonly databaseName?: string;
  /** Most concurrent sessions; one more gets 53300. Default `pgMaxConnectionsDefault`. */
  readonly maxConnections?: number;
  /**
   * How clients prove who they are. Default: 'trust' when bound to a loopback address and no
   * role has a password, otherwise 'scram-sha-256'.
   */
  readonly auth?: AuthMethod;
  /** PEM certificate and key: SSLRequest is answered 'S' and the connection upgraded to TLS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly log?: (line: string) => void;
}

export interface PgServer {
  readonly address: { readonly host: string; readonly port: number };
  /** Connected sessions. */
  readonly connections: number;
  /** Stop accepting, end every session (running statements are cancelled), and wait for them. */
  close(): Promise<void>;
}

/** The version string clients see (server_version, version()): PostgreSQL 15 compatible. */
export const pgServerVersion = '15.0 (BasaltDB)';

export async function startPgServer(db: Database, options: PgServerOptions = {}): Promise<PgServer> {
  const hostAddr = options.host ?? '127.0.0.1';
  const maxConnections = options.maxConnections ?? pgMaxConnectionsDefault;
  const databaseName = options.databaseName ?? 'basalt';
  const log = options.log ?? (() => undefined);
  const secure = options.tls === undefined ? null : tls.createSecureContext({ cert: options.tls.cert, key: options.tls.key });
  const loopback = isLoopback(hostAddr);
  const live = new Set<PgConnection>();
  const byPid = new Map<number, PgConnection>();
  const running = new Set<Promise<void>>();
  let admitted = 0;
  let shuttingDown = false;

  const host: ConnectionHost = {
    db,
    databaseNames: databaseName === 'postgres' ? ['postgres'] : ['postgres', databaseName],
    tls: secure,
    serverVersion: pgServerVersion,
    authMethod: () => options.auth ?? (loopback && !db.anyRolePassword() ? 'trust' : 'scram-sha-256'),
    admit(conn) {
      if (admitted >= maxConnections) return false;
      admitted++;
      byPid.set(conn.pid, conn);
      return true;
    },
    release(conn) {
      admitted--;
      byPid.delete(conn.pid);
    },
    sessionsOf(user) {
      let n = 0;
      for (const c of byPid.values()) if (c.userName === user) n++;
      return n;
    },
    cancel(pid, secret) {
      byPid.get(pid)?.cancel(secret);
    },
    get shuttingDown() {
      return shuttingDown;
    },
    log,
  };

  const server = net.createServer((socket) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    const conn = new PgConnection(socket, host);
    live.add(conn);
    const p = conn.run().finally(() => {
      live.delete(conn);
      running.delete(p);
    });
    running.add(p);
  });
  server.on('error', (err) => log(`postgres listener error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5433, hostAddr, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as net.AddressInfo;
  return {
    address: { host: addr.address, port: addr.port },
    get connections() {
      return admitted;
    },
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of live) c.terminate();
      await Promise.allSettled([...running]);
      await closed;
    },
  };
}

function isLoopback(addr: string): boolean {
  return addr === 'localhost' || addr === '::1' || addr.startsWith('127.');
}
