/**
 * Helpers for the PostgreSQL wire tests (test/pg/*.test.ts): each test file starts its own
 * BasaltDB (a fresh temporary directory, `open()`, `startPgServer(db, { port: 0 })`) and closes it.
 *
 * Validation mode: with `BASALT_PG_REAL=PORT` in the environment, tests that need no particular
 * server configuration run against a real PostgreSQL 15 on 127.0.0.1:PORT (user postgres, trust)
 * instead, which is how their expected values were checked. Tests that need a configured server
 * (auth, TLS, max connections) skip themselves there (see `needsServer`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import postgres from 'postgres';
import { open, type Database } from '../../src/index.js';
import { startPgServer, type PgServerOptions } from '../../src/server/pg/index.js';

/** The port of a real PostgreSQL to validate against, or undefined (test BasaltDB). */
export const realPort: number | undefined = process.env['BASALT_PG_REAL'] ? Number(process.env['BASALT_PG_REAL']) : undefined;

/** Test options for a test that needs BasaltDB's server configured (skipped in validation mode). */
/** A known difference from PostgreSQL: todo against BasaltDB, a plain test against a real PostgreSQL. */
export function gap(reason: string): { todo?: string } {
  return realPort === undefined ? { todo: reason } : {};
}

export function needsServer(why: string): { skip?: string } {
  return realPort === undefined ? {} : { skip: `needs a configured server (${why})` };
}

export interface TargetOptions extends Partial<Omit<PgServerOptions, 'tls'>> {
  /** Generate a self-signed certificate into the data directory and serve TLS. */
  readonly tls?: boolean;
  /** Run on the database before the server starts (roles, tables). */
  readonly setup?: (db: Database) => Promise<void>;
}

export interface Target {
  readonly host: string;
  readonly port: number;
  /** The database name to connect to. */
  readonly database: string;
  readonly user: string;
  /** True when this is a real PostgreSQL (validation mode). */
  readonly real: boolean;
  /** The embedded database behind the server (undefined in validation mode). */
  readonly db: Database | undefined;
  /** Server log lines (BasaltDB only). */
  readonly log: string[];
  /** The temporary directory (the certificate lives here). */
  readonly dir: string;
  /** node-postgres client config for this target, with overrides. */
  pgConfig(extra?: pg.ClientConfig): pg.ClientConfig;
  /** A connected node-postgres client. */
  pgClient(extra?: pg.ClientConfig): Promise<pg.Client>;
  /** A postgres.js instance (max 1 connection unless overridden). */
  postgresJs(extra?: postgres.Options<{}>): postgres.Sql;
  close(): Promise<void>;
}

/** Writes a self-signed certificate for CN=localhost into `dir`; returns the PEM strings. */
export function selfSignedCert(dir: string): { cert: string; key: string } {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', keyPath, '-out', certPath],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

export async function startTarget(o: TargetOptions = {}): Promise<Target> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'basalt-pg-test-'));
  const log: string[] = [];
  let host = '127.0.0.1';
  let port: number;
  let database: string;
  let db: Database | undefined;
  let closeServer: () => Promise<void>;
  if (realPort !== undefined) {
    port = realPort;
    database = 'postgres';
    closeServer = async () => {};
  } else {
    const opened = await open(path.join(dir, 'db'));
    db = opened;
    if (o.setup !== undefined) await o.setup(opened);
    const { tls: wantTls, setup: _setup, ...rest } = o;
    const options: PgServerOptions = {
      port: 0,
      host,
      databaseName: 'basalt',
      maxConnections: 100,
      log: (line: string) => {
        if (log.length < 10_000) log.push(line);
      },
      ...rest,
      ...(wantTls === true ? { tls: selfSignedCert(dir) } : {}),
    };
    const srv = await startPgServer(opened, options);
    host = '127.0.0.1';
    port = srv.address.port;
    database = 'basalt';
    closeServer = async () => {
      await srv.close();
      await opened.close();
    };
  }
  const user = 'postgres';
  const pgConfig = (extra: pg.ClientConfig = {}): pg.ClientConfig => ({ host, port, user, database, ...extra });
  const t: Target = {
    host,
    port,
    database,
    user,
    real: realPort !== undefined,
    db,
    log,
    dir,
    pgConfig,
    pgClient: async (extra) => {
      const c = new pg.Client(pgConfig(extra));
      c.on('error', () => {}); // a server-closed connection is asserted on by the test, not thrown here
      await c.connect();
      return c;
    },
    postgresJs: (extra = {}) =>
      postgres({ host, port, user, database, max: 1, onnotice: () => {}, ...extra }),
    close: async () => {
      await closeServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** The SQLSTATE of an error (node-postgres, postgres.js and raw.ts all use `.code`). */
export function codeOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

/** Runs `f` and returns the error it throws (asserting it throws). */
export type PgLikeError = Error & { readonly code?: string; readonly [field: string]: unknown };

export async function failure(f: () => Promise<unknown>): Promise<PgLikeError> {
  try {
    await f();
  } catch (e) {
    return e as PgLikeError;
  }
  throw new Error('expected an error, but the call succeeded');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits for `p` to settle, at most `ms` (a hang guard; the timer is cleared so it never holds the process). */
export async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.then(() => undefined, () => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/**
 * Waits (polling) until `cond` holds, up to `timeoutMs`; returns whether it did. A hang guard for
 * asynchronous server-side effects, never a speed assertion.
 */
export async function eventually(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, pollMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return true;
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
}
