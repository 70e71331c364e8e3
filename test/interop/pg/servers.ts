/**
 * PostgreSQL-protocol servers for `npm run interop:pg` and `npm run bench:pg`: BasaltDB's
 * `basalt serve` with its PostgreSQL listener, and a real PostgreSQL 15 cluster (initdb into a
 * fresh directory, loopback only, trust authentication) on a free port.
 *
 * Both starters resolve only once the server accepts connections and reject with the child's
 * output if it exits first or hangs past `startTimeoutMs` (a hang guard, not a timed assertion).
 * When this process is root, PostgreSQL runs as the `postgres` (or `nobody`) user: it refuses
 * to run as root.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { basaltMainJs, describeExit, exited, freePort, signalAndWait, startTimeoutMs, TailLog, waitExit } from '../../lib/servers.js';
import { findBinDir } from '../../slt/postgres-engine.js';

/** `basalt serve`'s line on stdout once the PostgreSQL listener is ready. */
const basaltPgReadyLine = /^postgres listening on (.+):(\d+)\s*$/;

export interface PgServer {
  /** What this is, for reports: "basalt serve" or "PostgreSQL 15.x". */
  readonly label: string;
  readonly host: string;
  readonly port: number;
  /** The directory holding the server's data (removed by `stop` unless kept). */
  readonly dir: string;
  readonly child: ChildProcess;
  /** Stops the server (SIGTERM, then waits) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

export interface BasaltPgOptions {
  /** Data directory (default: a fresh directory under os.tmpdir(), removed by `stop`). */
  dir?: string;
  /** `--appendfsync`: always = durability sync (the default of `basalt serve`). */
  appendfsync?: 'always' | 'everysec' | 'no';
  extraArgs?: readonly string[];
}

/**
 * Starts `node dist/src/cli/main.js serve --data DIR --pg-port 0 --redis-port 0` and resolves
 * once it prints `postgres listening on HOST:PORT`.
 */
export function startBasaltPg(opts: BasaltPgOptions = {}): Promise<PgServer> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'basalt-pg-'));
  mkdirSync(dir, { recursive: true });
  const args = [basaltMainJs, 'serve', '--data', dir, '--pg-port', '0', '--redis-port', '0'];
  if (opts.appendfsync !== undefined) args.push('--appendfsync', opts.appendfsync);
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = new TailLog();
  child.stderr?.on('data', (c: Buffer) => log.append(c));

  return new Promise<PgServer>((resolve, reject) => {
    let pending = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!exited(child)) child.kill('SIGKILL');
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      const err = log.toString();
      reject(new Error(`basalt serve ${why}${err === '' ? ' (no stderr)' : `; stderr:\n${err}`}`));
    };
    const timer = setTimeout(() => fail(`printed no "postgres listening on" line within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    child.once('error', (e) => fail(`could not be spawned: ${e.message}`));
    child.once('exit', () => fail(`exited with ${describeExit(child)} before it was listening`));
    // stdout is read for the whole life of the child so that it never blocks on a full pipe.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      pending += chunk.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const m = basaltPgReadyLine.exec(line);
        if (m?.[1] === undefined || m[2] === undefined) continue;
        settled = true;
        clearTimeout(timer);
        resolve({
          label: 'basalt serve',
          host: m[1].replace(/^\[(.*)\]$/, '$1'),
          port: Number(m[2]),
          dir,
          child,
          stop: async () => {
            const status = await signalAndWait(child, 'SIGTERM', 'basalt serve');
            if (ownDir) rmSync(dir, { recursive: true, force: true });
            return status;
          },
        });
        return;
      }
    });
  });
}

/** uid/gid of an unprivileged user to run PostgreSQL as when this process is root. */
function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n').map((l) => l.split(':'));
  for (const name of ['postgres', 'nobody']) {
    const entry = passwd.find((f) => f[0] === name);
    if (entry?.[2] !== undefined && entry[3] !== undefined) return { uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error('running as root and there is no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

export interface PostgresOptions {
  /** Parent of the cluster's directory (default os.tmpdir()). */
  parent?: string;
  /** More `-c name=value` settings for the server. */
  settings?: readonly string[];
  /** Keep the cluster's directory after `stop`. */
  keep?: boolean;
}

/** Accepts a TCP connection and reads the answer to an SSLRequest: the server is up. */
function probe(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      const req = Buffer.alloc(8);
      req.writeInt32BE(8, 0);
      req.writeInt32BE(80877103, 4);
      socket.write(req);
    });
    socket.once('data', () => done(true));
  });
}

/**
 * initdb's locale: C.UTF-8 where the machine has it (code-point order, which for UTF-8 is the byte
 * order BasaltDB compares text in, and Unicode upper/lower, as BasaltDB maps letters; it is also
 * what BasaltDB's pg_database reports), plain C otherwise. Messages in C (English).
 */
export function localeOptions(): string[] {
  const r = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const names = r.status === 0 ? r.stdout.split('\n').map((l) => l.trim().toLowerCase()) : [];
  return names.includes('c.utf8') || names.includes('c.utf-8') ? ['--locale=C.UTF-8', '--lc-messages=C'] : ['--locale=C'];
}

/**
 * initdb (UTF8, the locale above, trust) into a fresh directory and starts `postgres` in the foreground
 * on 127.0.0.1 (Unix socket in the cluster's directory). PostgreSQL's own defaults otherwise:
 * fsync on, synchronous_commit on, shared_buffers 128MB.
 */
export async function startPostgres(opts: PostgresOptions = {}): Promise<PgServer> {
  const bin = findBinDir();
  const user = unprivilegedUser();
  const parent = opts.parent ?? os.tmpdir();
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'postgres-'));
  const data = path.join(dir, 'data');
  const asUser = user === undefined ? {} : { uid: user.uid, gid: user.gid };
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const remove = (): void => {
    if (opts.keep !== true) rmSync(dir, { recursive: true, force: true });
  };
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', ...localeOptions()], {
    cwd: dir, encoding: 'utf8', ...asUser,
  });
  if (init.status !== 0) {
    remove();
    throw new Error(`initdb failed (status ${String(init.status)}): ${init.stderr}${init.stdout}`);
  }
  const port = await freePort();
  const host = '127.0.0.1';
  const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, ...(opts.settings ?? [])];
  const args = ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const child = spawn(path.join(bin, 'postgres'), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...asUser });
  const log = new TailLog();
  child.stdout?.on('data', (c: Buffer) => log.append(c));
  child.stderr?.on('data', (c: Buffer) => log.append(c));
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
  });
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const why = spawnError !== undefined ? `could not be spawned: ${spawnError.message}`
      : exited(child) ? `exited with ${describeExit(child)}`
        : Date.now() > deadline ? `did not accept connections within ${startTimeoutMs / 1000} s` : undefined;
    if (why !== undefined) {
      if (!exited(child)) {
        child.kill('SIGKILL');
        await waitExit(child);
      }
      remove();
      throw new Error(`postgres ${why}; log:\n${log.toString()}`);
    }
    if (await probe(host, port)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const version = spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    label: version.replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL '),
    host,
    port,
    dir,
    child,
    stop: async () => {
      // SIGINT is PostgreSQL's "fast" shutdown: roll back sessions, checkpoint, exit.
      const status = await signalAndWait(child, 'SIGINT', 'postgres');
      remove();
      return status;
    },
  };
}

/** Whether `binary --version` runs and exits 0 (Debian's /usr/bin wrappers exist without the program). */
function runs(binary: string): boolean {
  const r = spawnSync(binary, ['--version'], { stdio: 'ignore' });
  return r.error === undefined && r.status === 0;
}

/**
 * Makes sure `binary` runs, installing the Debian package `pkg` with apt-get if it does not (as
 * root; the package lists are fetched first if the install fails). Throws, naming the package,
 * when that is not possible.
 */
export function ensureTool(binary: string, pkg: string): void {
  if (runs(binary)) return;
  const advice = `${binary} is not installed; install the Debian package "${pkg}" (as root: apt-get install -y ${pkg})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) throw new Error(`${advice}; not running as root`);
  process.stderr.write(`${binary} not found: installing Debian package ${pkg}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): number | null =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: ['ignore', 2, 2], env }).status;
  let status = install();
  if (status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: ['ignore', 2, 2], env });
    status = install();
  }
  if (status !== 0 || !runs(binary)) throw new Error(`${advice}; apt-get install failed (status ${String(status)})`);
}
