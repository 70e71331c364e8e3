/**
 * Servers for tests and scripts: a BasaltDB `basalt serve` child, Debian's real `redis-server`
 * on a loopback port, and the Debian packages the Redis tools come from.
 *
 * Both starters resolve only once the server answers, and reject with the child's stderr (or
 * log) if it exits first or hangs past `startTimeoutMs` (a guard against hangs, not a timed
 * assertion: the machine is shared and may be slow).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdirSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long a server may take to start before we give up on it. */
export const startTimeoutMs = 60_000;
/** How long a server may take to exit after a signal before it is killed and the stop rejects. */
export const stopTimeoutMs = 30_000;
/** How much of a child's stderr (or stdout log) is kept for error messages. */
const logBytesMax = 64 * 1024;

/** `basalt serve`'s one line on stdout once the Redis listener is ready. */
const basaltReadyLine = /^redis listening on (.+):(\d+)\s*$/;

/** dist/test/lib/servers.js -> dist/src/cli/main.js */
export const basaltMainJs = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export type AppendFsync = 'always' | 'everysec' | 'no';

export interface BasaltOptions {
  /** Data directory (default: a fresh directory under os.tmpdir()). */
  dir?: string;
  appendfsync?: AppendFsync;
  requirepass?: string;
  extraArgs?: string[];
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly child: ChildProcess;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code (null if a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface BasaltServer extends RunningServer {
  /** SIGKILL, then waits for the process to be gone. */
  kill9(): Promise<void>;
}

/** The last `logBytesMax` bytes written to a stream, for error messages. */
export class TailLog {
  private text = '';
  append(chunk: Buffer | string): void {
    this.text += chunk.toString();
    if (this.text.length > logBytesMax) this.text = this.text.slice(-logBytesMax);
  }
  toString(): string {
    return this.text.trim();
  }
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves with the exit code once the child has exited (at once if it already has). */
export function waitExit(child: ChildProcess): Promise<number | null> {
  if (exited(child)) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Signals the child and waits; SIGKILLs it and rejects if it outlives `stopTimeoutMs`. */
export async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, what: string): Promise<number | null> {
  if (exited(child)) return child.exitCode;
  const done = waitExit(child);
  child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), stopTimeoutMs);
  });
  const outcome = await Promise.race([done, timeout]);
  clearTimeout(timer);
  if (outcome !== 'timeout') return outcome;
  child.kill('SIGKILL');
  await done;
  throw new Error(`${what} did not exit within ${stopTimeoutMs / 1000} s of ${signal}; killed it`);
}

export function describeExit(child: ChildProcess): string {
  return child.signalCode !== null ? `signal ${child.signalCode}` : `status ${String(child.exitCode)}`;
}

/** Splits `host:port` where host may be an IPv6 address (with or without brackets). */
function splitHostPort(host: string, port: string): { host: string; port: number } {
  return { host: host.replace(/^\[(.*)\]$/, '$1'), port: Number(port) };
}

/**
 * Starts `node dist/src/cli/main.js serve --data DIR --redis-port 0 --pg-port 0 ...` and resolves once it
 * prints `redis listening on HOST:PORT`.
 */
export function startBasalt(opts: BasaltOptions = {}): Promise<BasaltServer> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'basalt-redis-'));
  mkdirSync(dir, { recursive: true });
  // The PostgreSQL listener takes a free port too: its default 5433 may be in use (another test's server).
  const args = [basaltMainJs, 'serve', '--data', dir, '--redis-port', '0'];
  if (!(opts.extraArgs ?? []).includes('--pg-port')) args.push('--pg-port', '0');
  if (opts.appendfsync !== undefined) args.push('--appendfsync', opts.appendfsync);
  if (opts.requirepass !== undefined) args.push('--requirepass', opts.requirepass);
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = new TailLog();
  child.stderr?.on('data', (c: Buffer) => stderr.append(c));

  return new Promise<BasaltServer>((resolve, reject) => {
    let pending = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!exited(child)) child.kill('SIGKILL');
      const err = stderr.toString();
      reject(new Error(`basalt serve ${why}${err === '' ? ' (no stderr)' : `; stderr:\n${err}`}`));
    };
    const timer = setTimeout(() => fail(`printed no "redis listening on" line within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    child.once('error', (e) => fail(`could not be spawned: ${e.message}`));
    child.once('exit', () => fail(`exited with ${describeExit(child)} before it was listening`));
    // stdout is read for the whole life of the child so that it can never block on a full pipe.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      pending += chunk.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const m = basaltReadyLine.exec(line);
        if (m?.[1] === undefined || m[2] === undefined) continue;
        settled = true;
        clearTimeout(timer);
        const { host, port } = splitHostPort(m[1], m[2]);
        resolve({
          host,
          port,
          dir,
          child,
          stop: (signal = 'SIGTERM') => signalAndWait(child, signal, 'basalt serve'),
          kill9: async () => {
            await signalAndWait(child, 'SIGKILL', 'basalt serve');
          },
        });
        return;
      }
    });
  });
}

export interface RealRedisOptions {
  appendonly?: boolean;
  appendfsync?: string;
  /** Working directory for the AOF (default: a fresh directory under os.tmpdir()). */
  dir?: string;
  /** More `--name value` arguments for redis-server. */
  extra?: string[];
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picked it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the OS'))));
    });
  });
}

/** Attempts at starting redis-server when another process takes the chosen port first. */
const redisPortAttempts = 5;

/**
 * Starts Debian's `redis-server` in the foreground on 127.0.0.1 with no RDB snapshots, and
 * resolves once it answers PING. Redis 7 does not pick a free port for `--port 0`, so a free
 * port is found first (and another tried if a different process wins the race for it).
 */
export async function startRealRedis(opts: RealRedisOptions = {}): Promise<RunningServer> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'real-redis-'));
  mkdirSync(dir, { recursive: true });
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < redisPortAttempts; attempt++) {
    const port = await freePort();
    try {
      return await startRedisOnPort(port, dir, opts);
    } catch (err) {
      lastError = err as Error;
      if (!/Address already in use/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('redis-server did not start');
}

async function startRedisOnPort(port: number, dir: string, opts: RealRedisOptions): Promise<RunningServer> {
  const host = '127.0.0.1';
  const args = [
    '--port', String(port),
    '--bind', host,
    '--save', '',
    '--dir', dir,
    '--appendonly', opts.appendonly === true ? 'yes' : 'no',
    '--appendfsync', opts.appendfsync ?? 'everysec',
    '--daemonize', 'no',
    '--logfile', '',
    ...(opts.extra ?? []),
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = new TailLog();
  child.stdout?.on('data', (c: Buffer) => log.append(c));
  child.stderr?.on('data', (c: Buffer) => log.append(c));
  let spawnError: Error | undefined;
  child.once('error', (e) => {
    spawnError = e;
  });
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (spawnError !== undefined) throw new Error(`redis-server could not be spawned: ${spawnError.message}`);
    if (exited(child)) throw new Error(`redis-server exited with ${describeExit(child)} before answering PING; log:\n${log.toString()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await waitExit(child);
      throw new Error(`redis-server did not answer PING within ${startTimeoutMs / 1000} s; log:\n${log.toString()}`);
    }
    const reply = await respCommand(host, port, ['PING']).catch(() => undefined);
    // With --requirepass the server answers NOAUTH: it is up all the same.
    const up = reply === 'PONG' || (reply instanceof RespError && reply.message.startsWith('NOAUTH'));
    if (up && !exited(child)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { host, port, dir, child, stop: (signal = 'SIGTERM') => signalAndWait(child, signal, 'redis-server') };
}

/** A reply from `respCommand`: errors are returned as `RespError` values, not thrown. */
export type RespReply = string | number | null | RespError | RespReply[];

export class RespError {
  constructor(readonly message: string) {}
}

/**
 * Sends one command on a fresh connection and returns its reply (RESP2: simple strings, errors,
 * integers, bulk strings, arrays). For setup and probes in scripts, not for load.
 */
export function respCommand(host: string, port: number, args: readonly string[], timeoutMs = 30_000): Promise<RespReply> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port });
    let buf = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no reply to ${args[0] ?? '?'} within ${timeoutMs} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => {
      const parts = [`*${args.length}\r\n`];
      for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
      socket.write(parts.join(''));
    });
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      let parsed: ReturnType<typeof parseReply>;
      try {
        parsed = parseReply(buf, 0);
      } catch (err) {
        socket.destroy();
        reject(err as Error);
        return;
      }
      if (parsed === undefined) return;
      socket.end();
      resolve(parsed.value);
    });
    socket.once('end', () => reject(new Error(`connection closed before a reply to ${args[0] ?? '?'}`)));
  });
}

/** One RESP2 reply at `at`, or undefined if `buf` does not hold all of it yet. */
function parseReply(buf: Buffer, at: number): { value: RespReply; next: number } | undefined {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[at] ?? 0);
  const line = buf.toString('utf8', at + 1, eol);
  switch (type) {
    case '+':
      return { value: line, next: eol + 2 };
    case '-':
      return { value: new RespError(line), next: eol + 2 };
    case ':':
      return { value: Number(line), next: eol + 2 };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: eol + 2 };
      if (buf.length < eol + 2 + len + 2) return undefined;
      return { value: buf.toString('utf8', eol + 2, eol + 2 + len), next: eol + 2 + len + 2 };
    }
    case '*': {
      const n = Number(line);
      if (n < 0) return { value: null, next: eol + 2 };
      const items: RespReply[] = [];
      let next = eol + 2;
      for (let i = 0; i < n; i++) {
        const item = parseReply(buf, next);
        if (item === undefined) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`unexpected RESP reply type ${JSON.stringify(type)}`);
  }
}

/** Whether an executable named `binary` is on PATH. */
export function onPath(binary: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(path.join(dir, binary), fsConstants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Makes sure `binary` is on PATH, installing the Debian package `pkg` with apt-get if it is not
 * (as root; on a fresh machine the package lists are fetched first). Throws, naming the package,
 * when that is not possible.
 */
export function ensureDebianPackage(binary: string, pkg: string): void {
  if (onPath(binary)) return;
  const advice = `${binary} is not installed; install the Debian package "${pkg}" (as root: apt-get install -y ${pkg})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) throw new Error(`${advice}; not running as root`);
  process.stderr.write(`${binary} not found: installing Debian package ${pkg}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): number | null =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: ['ignore', 2, 2], env }).status;
  let status = install();
  if (status !== 0) {
    // A fresh machine (CI image) may have no package lists yet.
    spawnSync('apt-get', ['update'], { stdio: ['ignore', 2, 2], env });
    status = install();
  }
  if (status !== 0 || !onPath(binary)) throw new Error(`${advice}; apt-get install failed (status ${String(status)})`);
}
