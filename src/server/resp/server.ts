/**
 * The Redis server: a TCP listener, its clients, and the command loop.
 *
 * One command at a time, synchronously, like Redis: a client's input is parsed and every complete
 * command in it runs before the next client's data is looked at. Replies are built per client and
 * written once per read (pipelining costs one socket write per batch of commands). A reply that
 * depends on a write that is not yet durable waits for that write's commit (see store.ts), so
 * with `--appendfsync always` a write is acknowledged only after it is fsynced, group-committed
 * with every other client's writes of the same event-loop turn.
 */
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../index.js';
import {
  redisBulkBytesMax,
  redisClientsMaxDefault,
  redisExpiryCycleMs,
  redisMultiQueueBytesMax,
  redisOutputHardBytes,
  redisOutputSoftBytes,
  redisOutputSoftSeconds,
  redisQueryBufferBytesMax,
  redisRequestArgsMax,
  redisUnauthArgsMax,
  redisUnauthBulkBytesMax,
} from '../../limits.js';
import { blockKey, Client, type Blocked } from './client.js';
import { argCountError, RedisError, type Handler } from './command.js';
import { lookupCommand, type CommandInfo } from './command-table.js';
import { ConfigStore } from './config.js';
import { ProtocolError, RequestParser } from './protocol.js';
import { ScanCursors } from './scan.js';
import { RedisStore, RType, type Meta } from './store.js';
import { handlers } from './commands/index.js';

export interface RedisServerOptions {
  /** TCP port (0 picks a free one). Default 6380. */
  port?: number;
  host?: string;
  requirepass?: string;
  maxclients?: number;
  /** The durability policy the database was opened with, as Redis names it (for INFO and CONFIG). */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Called by SHUTDOWN (after it replies nothing, as Redis). Without it SHUTDOWN closes the server. */
  onShutdown?: () => void;
  /** Where to log (default: nowhere). */
  log?: (line: string) => void;
}

/** Commands a client may send before AUTH. */
const noAuthCommands = new Set(['auth', 'hello', 'quit', 'reset']);
/** Commands allowed in MULTI without being queued. */
const multiImmediate = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
/** Commands a RESP2 client may send while subscribed. */
const subscribedAllowed = new Set(['subscribe', 'unsubscribe', 'psubscribe', 'punsubscribe', 'ping', 'quit', 'reset', 'ssubscribe', 'sunsubscribe']);

export interface CommandStats {
  calls: number;
  usec: number;
  failed: number;
}

export class RedisServer {
  readonly store: RedisStore;
  readonly config: ConfigStore;
  readonly clients = new Map<number, Client>();
  private nextClientId = 1;
  private readonly listener: net.Server;
  /** Clients with replies written outside their own input handling (pub/sub, unblocked). */
  private readonly dirty = new Set<Client>();
  /** Blocked clients by key, in arrival order; keys made ready by the current command. */
  private readonly blockedByKey = new Map<string, Client[]>();
  private readonly readyKeys = new Set<string>();
  /** WATCHing clients by key. */
  private readonly watchers = new Map<string, Set<Client>>();
  /** Pub/sub subscribers by channel, and pattern subscriptions. */
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, { pattern: Buffer; clients: Set<Client> }>();
  readonly commandStats = new Map<string, CommandStats>();
  readonly cursors = new ScanCursors();
  /** Error replies by error code (INFO errorstats). */
  readonly errorStats = new Map<string, number>();
  readonly startedAt = Date.now();
  stats = { connections: 0, commands: 0, rejectedConnections: 0, netInput: 0, netOutput: 0, pubsubMessages: 0, errorReplies: 0, keyspaceHits: 0, keyspaceMisses: 0 };
  private readonly timers: NodeJS.Timeout[] = [];
  /** Every open connection, refused ones included (close() ends them all). */
  private readonly sockets = new Set<net.Socket>();
  private closing: Promise<void> | null = null;
  saving: Promise<void> | null = null;
  lastSaveOk = true;
  port = 0;

  private constructor(
    readonly db: Database,
    readonly options: RedisServerOptions,
  ) {
    this.store = RedisStore.open(db);
    this.store.onTouch = (db, key, meta) => this.touched(db, key, meta);
    this.config = new ConfigStore(options, db.directory);
    this.listener = net.createServer((socket) => this.accept(socket));
  }

  static async start(db: Database, options: RedisServerOptions = {}): Promise<RedisServer> {
    const s = new RedisServer(db, options);
    await new Promise<void>((resolve, reject) => {
      s.listener.once('error', reject);
      s.listener.listen(options.port ?? 6380, options.host ?? '127.0.0.1', () => {
        s.listener.off('error', reject);
        resolve();
      });
    });
    const addr = s.listener.address();
    s.port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    s.listener.on('error', (err) => s.log(`listener error: ${err.message}`));
    s.timers.push(setInterval(() => s.cron(), redisExpiryCycleMs));
    return s;
  }

  get address(): { host: string; port: number } {
    return { host: this.options.host ?? '127.0.0.1', port: this.port };
  }

  log(line: string): void {
    this.options.log?.(line);
  }

  // ---- connections ----

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.setNoDelay(true);
    const maxclients = this.config.int('maxclients', redisClientsMaxDefault);
    if (this.closing !== null || this.clients.size >= maxclients) {
      this.stats.rejectedConnections++;
      socket.end('-ERR max number of clients reached\r\n');
      socket.on('error', () => {});
      return;
    }
    const authed = this.config.requirepass() === '';
    const parser = new RequestParser(this.parserLimits(authed));
    const c = new Client(this.nextClientId++, this, socket, parser, authed);
    this.clients.set(c.id, c);
    this.stats.connections++;
    socket.on('data', (chunk: Buffer) => this.onData(c, chunk));
    socket.on('drain', () => this.updateReading(c));
    socket.on('error', () => this.drop(c));
    socket.on('close', () => this.drop(c));
  }

  parserLimits(authed: boolean): { argsMax: number; bulkBytesMax: number; queryBytesMax: number } {
    return authed
      ? { argsMax: redisRequestArgsMax, bulkBytesMax: this.config.int('proto-max-bulk-len', redisBulkBytesMax), queryBytesMax: redisQueryBufferBytesMax }
      : { argsMax: redisUnauthArgsMax, bulkBytesMax: redisUnauthBulkBytesMax, queryBytesMax: redisQueryBufferBytesMax };
  }

  /** Forget a client: its subscriptions, watches and blocking. */
  drop(c: Client): void {
    if (c.closed) return;
    c.closed = true;
    this.clients.delete(c.id);
    this.unblock(c);
    this.unwatchAll(c);
    for (const ch of [...c.channels.keys()]) this.unsubscribe(c, ch);
    for (const p of [...c.patterns.keys()]) this.punsubscribe(c, p);
    this.dirty.delete(c);
    if (!c.socket.destroyed) c.socket.destroy();
  }

  private onData(c: Client, chunk: Buffer): void {
    this.stats.netInput += chunk.length;
    c.lastActive = Date.now();
    try {
      c.parser.feed(chunk);
    } catch (err) {
      this.protocolError(c, err);
      this.flush(c);
      return;
    }
    this.process(c);
  }

  private protocolError(c: Client, err: unknown): void {
    if (!(err instanceof ProtocolError)) throw err;
    c.w.error(`ERR ${err.message}`);
    c.closeAfterReply = true;
    this.stats.errorReplies++;
    this.log(`client id=${c.id} addr=${c.addr}: ${err.message}; closing the connection`);
  }

  /** Run every complete command buffered for `c`, then send the replies. */
  process(c: Client): void {
    while (!c.closed && !c.closeAfterReply && c.blocked === null && !c.suspended) {
      let argv: Buffer[] | null;
      try {
        argv = c.parser.next();
      } catch (err) {
        this.protocolError(c, err);
        break;
      }
      if (argv === null) break;
      this.execute(c, argv);
    }
    this.flush(c);
    this.flushDirty();
  }

  // ---- the command loop ----

  /** Run one command and write its reply. */
  execute(c: Client, argv: Buffer[]): void {
    const store = this.store;
    const name = argv[0]!.toString('latin1').toLowerCase();
    c.now = Date.now();
    c.commandsProcessed++;
    this.stats.commands++;
    store.sawPending = false;
    const writesBefore = store.writes;
    const info = lookupCommand(name);
    const handler = handlers.get(name);
    let running = false;
    try {
      if (info === undefined || handler === undefined || name.includes('|')) {
        if (c.multi !== null) c.multiError = true;
        throw new RedisError(unknownCommandText(argv));
      }
      if (!c.authenticated && !noAuthCommands.has(name)) {
        if (c.multi !== null) c.multiError = true;
        throw new RedisError('NOAUTH Authentication required.');
      }
      if ((info.arity > 0 && argv.length !== info.arity) || argv.length < -info.arity) {
        if (c.multi !== null) c.multiError = true;
        throw argCountError(name);
      }
      if (c.multi !== null && !multiImmediate.has(name)) {
        let bytes = 0;
        for (const a of argv) bytes += a.length + 16;
        if (c.multiBytes + bytes > redisMultiQueueBytesMax) {
          c.multiError = true;
          throw new RedisError(`ERR MULTI queue exceeds ${redisMultiQueueBytesMax} bytes (redisMultiQueueBytesMax)`);
        }
        c.multiBytes += bytes;
        c.multi.push(argv.map((a) => Buffer.from(a)));
        c.w.simple('QUEUED');
        return;
      }
      if (c.resp === 2 && c.subscriptions > 0 && !subscribedAllowed.has(name)) {
        throw new RedisError(`ERR Can't execute '${fullName(info, argv)}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);
      }
      if (store.failure !== null && info.flags.includes('write')) {
        throw new RedisError(`MISCONF Errors writing to the data directory, writes are refused until the server restarts: ${(store.failure as Error).message}`);
      }
      running = true;
      this.run(c, fullName(info, argv), handler, argv);
    } catch (err) {
      if (!running && name === 'exec' && err instanceof RedisError) {
        // A refused EXEC discards the transaction, as Redis does.
        c.multi = null;
        c.multiError = false;
        this.unwatchAll(c);
        err = new RedisError(`EXECABORT Transaction discarded because of: ${err.message.replace(/^ERR /, '')}`);
      }
      this.replyError(c, name, err);
    }
    if (store.sawPending || store.writes !== writesBefore) c.needBarrier = true;
    if (this.readyKeys.size > 0) this.serveBlocked();
  }

  /** Run a handler, counting it in the command statistics (INFO commandstats) under its full name. */
  private run(c: Client, name: string, handler: Handler, argv: Buffer[]): void {
    c.lastCommand = name;
    const t0 = performance.now();
    let st = this.commandStats.get(name);
    if (st === undefined) {
      st = { calls: 0, usec: 0, failed: 0 };
      this.commandStats.set(name, st);
    }
    st.calls++;
    try {
      handler(c, argv);
    } catch (err) {
      st.failed++;
      throw err;
    } finally {
      st.usec += (performance.now() - t0) * 1000;
    }
  }

  /** Run a command queued by MULTI (inside EXEC); an error becomes that command's reply. */
  runQueued(c: Client, argv: Buffer[]): void {
    const name = argv[0]!.toString('latin1').toLowerCase();
    const info = lookupCommand(name);
    const handler = handlers.get(name);
    c.now = Date.now();
    try {
      if (info === undefined || handler === undefined) throw new RedisError(unknownCommandText(argv));
      if (this.store.failure !== null && info.flags.includes('write')) {
        throw new RedisError(`MISCONF Errors writing to the data directory, writes are refused until the server restarts: ${(this.store.failure as Error).message}`);
      }
      this.run(c, fullName(info, argv), handler, argv);
    } catch (err) {
      this.replyError(c, name, err);
    }
  }

  replyError(c: Client, name: string, err: unknown): void {
    this.stats.errorReplies++;
    if (err instanceof RedisError) {
      const code = /^[A-Z]+/.exec(err.message)?.[0] ?? 'ERR';
      this.errorStats.set(code, (this.errorStats.get(code) ?? 0) + 1);
      c.w.error(err.message);
      return;
    }
    this.errorStats.set('ERR', (this.errorStats.get('ERR') ?? 0) + 1);
    // Not a Redis-level error: a bug or an engine condition. The client gets it; the server goes on.
    const msg = err instanceof Error ? err.message : String(err);
    this.log(`command ${name} failed: ${err instanceof Error && err.stack !== undefined ? err.stack : msg}`);
    c.w.error(`ERR ${msg}`);
  }

  /** Start an async part of a command (SAVE): input of `c` waits until it settles. */
  suspend(c: Client, work: Promise<void>): void {
    c.suspended = true;
    work
      .catch((err: unknown) => this.replyError(c, c.lastCommand, err))
      .finally(() => {
        c.suspended = false;
        if (!c.closed) this.process(c);
      });
  }

  // ---- output ----

  /** Send what `c` has written, after the commit its replies depend on. */
  flush(c: Client): void {
    if (c.w.length === 0) {
      if (c.closeAfterReply && c.outQueued === 0) this.closeClient(c);
      return;
    }
    const data = c.w.take();
    const barrier = c.needBarrier ? this.store.barrier() : null;
    c.needBarrier = false;
    if (barrier === null && c.outQueued === 0) {
      this.send(c, data);
      return;
    }
    c.outQueued++;
    c.outQueuedBytes += data.length;
    this.updateReading(c);
    const prev = c.outTail ?? Promise.resolve();
    c.outTail = prev
      .then(() => barrier)
      .then(
        () => {
          c.outQueued--;
          c.outQueuedBytes -= data.length;
          this.send(c, data);
        },
        (err: unknown) => {
          c.outQueued--;
          c.outQueuedBytes -= data.length;
          // The write these replies acknowledge did not reach the disk: never acknowledge it.
          this.log(`client id=${c.id}: a commit failed (${err instanceof Error ? err.message : String(err)}); closing the connection`);
          this.drop(c);
        },
      );
  }

  private send(c: Client, data: Buffer): void {
    if (c.closed) return;
    this.stats.netOutput += data.length;
    const s = c.socket;
    s.write(data);
    const pending = s.writableLength;
    if (pending > redisOutputSoftBytes) {
      if (c.subscriptions > 0) {
        // A slow subscriber is disconnected, not buffered for ever.
        const now = Date.now();
        if (c.softSince === 0) c.softSince = now;
        if (pending > redisOutputHardBytes || now - c.softSince > redisOutputSoftSeconds * 1000) {
          this.log(`client id=${c.id} addr=${c.addr} closed for overcoming of output buffer limits (${pending} bytes)`);
          this.drop(c);
          return;
        }
      }
    } else {
      c.softSince = 0;
    }
    this.updateReading(c);
    if (c.closeAfterReply && c.outQueued === 0) this.closeClient(c);
  }

  /**
   * Back-pressure on input: a client whose replies pile up (not read by it, or waiting for their
   * commit) past `redisOutputSoftBytes` is not read until they drain, so a client that pipelines
   * without reading cannot grow the server's memory without bound.
   */
  private updateReading(c: Client): void {
    if (c.closed) return;
    const s = c.socket;
    const behind = s.writableLength + c.outQueuedBytes > redisOutputSoftBytes;
    if (behind && !s.isPaused()) s.pause();
    else if (!behind && s.isPaused()) s.resume();
  }

  /** Close a connection once its output is handed to the socket. */
  closeClient(c: Client): void {
    if (c.closed) return;
    c.socket.end();
    this.drop(c);
  }

  markDirty(c: Client): void {
    this.dirty.add(c);
  }

  private flushDirty(): void {
    if (this.dirty.size === 0) return;
    for (const c of this.dirty) this.flush(c);
    this.dirty.clear();
  }

  // ---- keys changed: WATCH and blocked clients ----

  private touched(db: number, key: Buffer, meta: Meta | null): void {
    if (this.watchers.size === 0 && this.blockedByKey.size === 0) return;
    const k = blockKey(db, key);
    const ws = this.watchers.get(k);
    if (ws !== undefined) for (const w of ws) w.watchDirty = true;
    if (meta !== null && meta.type === RType.List && this.blockedByKey.has(k)) this.readyKeys.add(k);
  }

  /**
   * FLUSHDB/FLUSHALL is about to delete every key of a database (or all, db = -1): mark the
   * watchers of the keys that exist (a watched key that does not exist is not changed by it).
   */
  touchAll(db: number, now: number): void {
    for (const [k, ws] of this.watchers) {
      const d = k.charCodeAt(0);
      if (db >= 0 && d !== db) continue;
      if (this.store.meta(d, Buffer.from(k.slice(1), 'latin1'), now) === null) continue;
      for (const w of ws) w.watchDirty = true;
    }
  }

  watch(c: Client, k: string): void {
    if (c.watched.has(k)) return;
    c.watched.add(k);
    let ws = this.watchers.get(k);
    if (ws === undefined) this.watchers.set(k, (ws = new Set()));
    ws.add(c);
  }

  unwatchAll(c: Client): void {
    for (const k of c.watched) {
      const ws = this.watchers.get(k);
      ws?.delete(c);
      if (ws?.size === 0) this.watchers.delete(k);
    }
    c.watched.clear();
    c.watchDirty = false;
  }

  block(c: Client, b: Blocked, timeoutMs: number): void {
    c.blocked = b;
    for (const k of b.keys) {
      let list = this.blockedByKey.get(k);
      if (list === undefined) this.blockedByKey.set(k, (list = []));
      list.push(c);
    }
    if (timeoutMs > 0) this.armTimeout(c, b, Date.now() + timeoutMs);
  }

  /** Time out a blocked client at `deadline` (in steps: setTimeout holds at most 2^31-1 ms). */
  private armTimeout(c: Client, b: Blocked, deadline: number): void {
    const wait = Math.min(deadline - Date.now(), 2 ** 31 - 1);
    b.timer = setTimeout(() => {
      if (c.blocked !== b) return;
      if (Date.now() < deadline) return this.armTimeout(c, b, deadline);
      this.unblock(c);
      b.timeout(c);
      this.flush(c);
      setImmediate(() => this.process(c));
    }, Math.max(0, wait));
  }

  unblock(c: Client): void {
    const b = c.blocked;
    if (b === null) return;
    c.blocked = null;
    if (b.timer !== null) clearTimeout(b.timer);
    for (const k of b.keys) {
      const list = this.blockedByKey.get(k);
      if (list === undefined) continue;
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.blockedByKey.delete(k);
    }
  }

  /** Serve clients blocked on keys that the last command made non-empty, in arrival order. */
  private serveBlocked(): void {
    for (let round = 0; round < 1000 && this.readyKeys.size > 0; round++) {
      const keys = [...this.readyKeys];
      this.readyKeys.clear();
      for (const k of keys) {
        const waiting = this.blockedByKey.get(k);
        if (waiting === undefined) continue;
        for (const c of [...waiting]) {
          const b = c.blocked;
          if (b === null) continue;
          c.now = Date.now();
          this.store.sawPending = false;
          let served = false;
          try {
            served = b.retry(c, k);
          } catch (err) {
            this.replyError(c, c.lastCommand, err);
            served = true;
          }
          if (!served) break;
          this.unblock(c);
          c.needBarrier = true;
          this.dirty.add(c);
          setImmediate(() => this.process(c));
        }
      }
    }
  }

  // ---- pub/sub ----

  subscribe(c: Client, channel: Buffer): void {
    const k = channel.toString('latin1');
    if (c.channels.has(k)) return;
    c.channels.set(k, Buffer.from(channel));
    let set = this.channels.get(k);
    if (set === undefined) this.channels.set(k, (set = new Set()));
    set.add(c);
  }

  unsubscribe(c: Client, k: string): boolean {
    if (!c.channels.delete(k)) return false;
    const set = this.channels.get(k);
    set?.delete(c);
    if (set?.size === 0) this.channels.delete(k);
    return true;
  }

  psubscribe(c: Client, pattern: Buffer): void {
    const k = pattern.toString('latin1');
    if (c.patterns.has(k)) return;
    c.patterns.set(k, Buffer.from(pattern));
    let e = this.patterns.get(k);
    if (e === undefined) this.patterns.set(k, (e = { pattern: Buffer.from(pattern), clients: new Set() }));
    e.clients.add(c);
  }

  punsubscribe(c: Client, k: string): boolean {
    if (!c.patterns.delete(k)) return false;
    const e = this.patterns.get(k);
    e?.clients.delete(c);
    if (e?.clients.size === 0) this.patterns.delete(k);
    return true;
  }

  // ---- housekeeping ----

  private cron(): void {
    if (this.closing !== null) return;
    const now = Date.now();
    try {
      if (this.store.failure === null) {
        this.store.expireCycle(now);
        this.store.cleanupCycle();
      }
    } catch (err) {
      this.log(`background expiry/cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (this.readyKeys.size > 0) this.serveBlocked();
    this.flushDirty();
    const timeout = this.config.int('timeout', 0);
    if (timeout > 0) {
      for (const c of this.clients.values()) {
        if (c.blocked === null && c.subscriptions === 0 && now - c.lastActive > timeout * 1000) this.closeClient(c);
      }
    }
  }

  /** A checkpoint (SAVE, BGSAVE, SHUTDOWN). Concurrent calls share one. */
  save(): Promise<void> {
    if (this.saving !== null) return this.saving;
    const p = (async () => {
      try {
        await this.store.barrier();
        await this.db.checkpoint();
        this.store.lastSaveMs = Date.now();
        this.lastSaveOk = true;
      } catch (err) {
        this.lastSaveOk = false;
        throw err;
      } finally {
        this.saving = null;
      }
    })();
    this.saving = p;
    return p;
  }

  /** Stop listening, close every client, and wait for writes in flight. The database stays open. */
  close(): Promise<void> {
    if (this.closing !== null) return this.closing;
    this.closing = (async () => {
      for (const t of this.timers) clearInterval(t);
      // The listener's close completes only once every connection is gone: drop them first.
      const closed = new Promise<void>((resolve) => this.listener.close(() => resolve()));
      for (const cl of [...this.clients.values()]) this.drop(cl);
      for (const s of this.sockets) s.destroy();
      await closed;
      this.store.commitTurn();
      const b = this.store.barrier();
      if (b !== null) await b.catch(() => {});
    })();
    return this.closing;
  }
}

/** The command's name as Redis reports it: 'client|info' for a known subcommand. */
function fullName(info: CommandInfo, argv: Buffer[]): string {
  if (info.subcommands.length === 0 || argv.length < 2) return info.name;
  const sub = lookupCommand(`${info.name}|${argv[1]!.toString('latin1').toLowerCase()}`);
  return sub?.name ?? info.name;
}

/** Redis's reply to an unknown command, quoting the first arguments. */
function unknownCommandText(argv: Buffer[]): string {
  const name = argv[0]!.toString('utf8').slice(0, 128);
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${argv[i]!.toString('utf8').slice(0, 128 - args.length)}' `;
  }
  return `ERR unknown command '${name}', with args beginning with: ${args}`;
}
