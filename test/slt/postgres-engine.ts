// sqllogictest adapter for a real PostgreSQL: starts a throwaway cluster (initdb in a temp dir,
// loopback TCP on a free port, trust auth, fsync off) and hands out one fresh database per script.
// Locale: C collation (byte order, as BasaltDB compares text) with a UTF-8 character type where the
// machine has one (C.UTF-8), so that upper/lower/ILIKE map non-ASCII letters as BasaltDB does.
// Values come back as PostgreSQL's text output (booleans as JS booleans) so that the runner renders
// what PostgreSQL itself prints.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import type { SltEngine, SltResult } from './runner.js';

const BOOL_OID = 16;

const TEXT_TYPES = {
  getTypeParser: (oid: number) => (oid === BOOL_OID ? (v: string) => v === 't' : (v: string) => v),
} as unknown as CustomTypesConfig;

/**
 * Where initdb and pg_ctl live: $SLT_PG_BIN, /usr/local/bin, the directories of $PATH, then Debian's
 * /usr/lib/postgresql/<version>/bin (15 first, the dialect we follow, then the newest).
 */
export function findBinDir(): string {
  const fromEnv = process.env['SLT_PG_BIN'];
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => (a === '15' ? -1 : b === '15' ? 1 : Number(b) - Number(a)))
    : [];
  const candidates = [
    ...(fromEnv !== undefined && fromEnv !== '' ? [fromEnv] : []),
    '/usr/local/bin',
    ...(process.env['PATH'] ?? '').split(':').filter((d) => d !== ''),
    ...versions.map((v) => join(debian, v, 'bin')),
  ];
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found; set SLT_PG_BIN');
}

/** initdb's locale options: C collation; the C.UTF-8 character type when `locale -a` lists it. */
function localeOptions(): string[] {
  const r = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const names = r.status === 0 ? r.stdout.split('\n').map((l) => l.trim()) : [];
  const utf8 = names.find((n) => n.toLowerCase() === 'c.utf8' || n.toLowerCase() === 'c.utf-8');
  return utf8 === undefined ? ['--locale=C'] : ['--lc-collate=C', `--lc-ctype=${utf8}`, '--lc-messages=C',
    '--lc-monetary=C', '--lc-numeric=C', '--lc-time=C'];
}

/** uid/gid of an unprivileged user to run PostgreSQL as, when this process is root. */
function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  for (const name of ['postgres', 'nobody']) {
    const entry = passwd.find((f) => f[0] === name);
    if (entry !== undefined && entry[2] !== undefined && entry[3] !== undefined) {
      return { uid: Number(entry[2]), gid: Number(entry[3]) };
    }
  }
  throw new Error('running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exec(cmd: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: tmpdir(),
      ...(user !== undefined ? { uid: user.uid, gid: user.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

export interface PostgresCluster {
  readonly port: number;
  /** A connection to a new, empty database. */
  newEngine(): Promise<SltEngine>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

class PostgresEngine implements SltEngine {
  readonly name = 'postgresql';
  constructor(private readonly client: pg.Client, private readonly onClose: () => Promise<void>) {}

  async execute(sql: string): Promise<SltResult> {
    try {
      const res = await this.client.query({ text: sql, rowMode: 'array' });
      return { rows: (res.rows as unknown[][] | undefined) ?? [] };
    } catch (err) {
      const e = err as { code?: string; message?: string };
      return { error: `${e.code ?? '?????'} ${e.message ?? String(err)}` };
    }
  }

  async close(): Promise<void> {
    await this.client.end();
    await this.onClose();
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findBinDir();
  const user = unprivilegedUser();
  const dir = await mkdtemp(join(tmpdir(), 'basalt-slt-pg-'));
  const data = join(dir, 'data');
  if (user !== undefined) await chown(dir, user.uid, user.gid);
  const port = await freePort();
  let started = false;
  try {
    await exec(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8',
      ...localeOptions(), '--no-sync'], user);
    const serverOptions = [
      `-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off',
      '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=20',
    ].join(' ');
    await exec(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', 'start'], user);
    started = true;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const connect = async (database: string): Promise<pg.Client> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database, types: TEXT_TYPES,
      statement_timeout: 120_000 });
    await client.connect();
    return client;
  };
  const admin = await connect('postgres').catch(async (err: unknown) => {
    await exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], user).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  let counter = 0;

  return {
    port,
    async newEngine(): Promise<SltEngine> {
      const db = `slt_${++counter}`;
      await admin.query(`CREATE DATABASE ${db}`);
      const client = await connect(db);
      return new PostgresEngine(client, async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      });
    },
    async stop(): Promise<void> {
      await admin.end().catch(() => undefined);
      if (started) await exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], user);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
