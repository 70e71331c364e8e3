/** One Redis connection: its parser, reply buffer, and session state (db, MULTI, WATCH, pub/sub…). */
import type { Socket } from 'node:net';
import { RequestParser, ReplyWriter } from './protocol.js';
import type { RedisServer } from './server.js';
import type { RedisStore } from './store.js';

/** A client blocked in BLPOP, BRPOP or BLMOVE. */
export interface Blocked {
  /** The keys it waits on, as `blockKey(db, key)` strings. */
  readonly keys: readonly string[];
  /** Try again now, `ready` being the key that became non-empty; true when served (reply written). */
  readonly retry: (c: Client, ready: string) => boolean;
  /** Write the timeout reply. */
  readonly timeout: (c: Client) => void;
  timer: NodeJS.Timeout | null;
}

export class Client {
  readonly w = new ReplyWriter();
  readonly createdAt = Date.now();
  lastActive = Date.now();
  /** The selected database. */
  db = 0;
  /** The time of the command being run, in Unix milliseconds (one value per command, as Redis). */
  now = 0;
  name = '';
  libName = '';
  libVer = '';
  authenticated: boolean;
  lastCommand = 'NULL';
  /** Commands queued by MULTI, or null outside MULTI. */
  multi: Buffer[][] | null = null;
  /** Bytes of arguments queued since MULTI (bounded by redisMultiQueueBytesMax). */
  multiBytes = 0;
  /** A command queued in MULTI failed to queue: EXEC answers EXECABORT. */
  multiError = false;
  /** True while EXEC runs its queue (blocking commands do not block then). */
  inExec = false;
  /** WATCHed keys (`blockKey` strings) and whether one of them was modified since. */
  readonly watched = new Set<string>();
  watchDirty = false;
  readonly channels = new Map<string, Buffer>();
  readonly patterns = new Map<string, Buffer>();
  blocked: Blocked | null = null;
  /** An async command (SAVE) is running; input waits. */
  suspended = false;
  /** Close once the replies written so far are sent (QUIT, protocol errors). */
  closeAfterReply = false;
  closed = false;
  /** The replies of this turn depend on writes that are not yet durable. */
  needBarrier = false;
  /** Reply chunks waiting for their barrier, and the tail of that chain. */
  outQueued = 0;
  outQueuedBytes = 0;
  outTail: Promise<void> | null = null;
  /** Since when the output buffer is above the soft limit (0: it is not). */
  softSince = 0;
  commandsProcessed = 0;

  constructor(
    readonly id: number,
    readonly server: RedisServer,
    readonly socket: Socket,
    readonly parser: RequestParser,
    authenticated: boolean,
  ) {
    this.authenticated = authenticated;
  }

  get store(): RedisStore {
    return this.server.store;
  }

  get resp(): 2 | 3 {
    return this.w.resp;
  }

  get subscriptions(): number {
    return this.channels.size + this.patterns.size;
  }

  get addr(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? 0}`;
  }

  get laddr(): string {
    return `${this.socket.localAddress ?? '?'}:${this.socket.localPort ?? 0}`;
  }

  /** Flags as CLIENT LIST shows them. */
  get flags(): string {
    let f = '';
    if (this.blocked !== null) f += 'b';
    if (this.subscriptions > 0) f += 'P';
    if (this.multi !== null) f += 'x';
    if (this.watchDirty) f += 'd';
    return f === '' ? 'N' : f;
  }
}

/** The key under which blocked clients, watchers and ready lists are tracked. */
export function blockKey(db: number, key: Buffer): string {
  return String.fromCharCode(db) + key.toString('latin1');
}
