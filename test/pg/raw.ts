/**
 * A raw PostgreSQL v3 protocol client for tests: builds frontend messages byte by byte and reads
 * backend messages one at a time, so tests can drive what the libraries hide (Execute with a row
 * limit and PortalSuspended, Describe, Close, Flush without Sync, binary parameters, malformed
 * frames for the fuzz test).
 *
 * Frontend message layout (all integers big-endian):
 *
 *   startup-class (no type byte)  int32 length (self-inclusive) | int32 code | payload
 *       StartupMessage   code 196608 (3.0), then key\0value\0 … \0
 *       SSLRequest       code 80877103        GSSENCRequest  code 80877104
 *       CancelRequest    code 80877102, int32 process id, int32 secret key
 *   typed                         byte type | int32 length (self-inclusive, excludes the type) | payload
 *       Q query\0   P name\0 query\0 int16 n, int32 oid×n   B portal\0 stmt\0 int16 nf, int16 fmt×nf,
 *       int16 np, (int32 len | -1, bytes)×np, int16 nr, int16 fmt×nr   D 'S'|'P' name\0
 *       E portal\0 int32 maxRows   C 'S'|'P' name\0   H flush   S sync   X terminate
 *       d bytes (CopyData)   c (CopyDone)   f message\0 (CopyFail)   p password\0
 *
 * Backend messages have the typed layout; `Message` keeps the type as a character and the body.
 */
import { createHash } from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';

export const protocol30 = 196608;
export const sslRequestCode = 80877103;
export const gssEncRequestCode = 80877104;
export const cancelRequestCode = 80877102;

/** One backend message: its type character and its body (without type and length). */
export interface Message {
  readonly type: string;
  readonly body: Buffer;
}

/** The fields of an ErrorResponse or NoticeResponse, by their one-letter codes. */
export type Fields = { readonly [code: string]: string };

// ---------------------------------------------------------------------------------------------
// Frontend message builders

function cstr(s: string): Buffer {
  return Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

/** A typed message: type byte, length, payload. */
export function typed(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(body.length + 4), body]);
}

/** A startup-class message: length, code, payload. */
export function untyped(code: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([int32(body.length + 8), int32(code), body]);
}

export function startupMessage(params: { readonly [k: string]: string }, version = protocol30): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(params)) parts.push(cstr(k), cstr(v));
  parts.push(Buffer.from([0]));
  return untyped(version, ...parts);
}

export const sslRequest = (): Buffer => untyped(sslRequestCode);
export const gssEncRequest = (): Buffer => untyped(gssEncRequestCode);
export const cancelRequest = (pid: number, key: number): Buffer => untyped(cancelRequestCode, int32(pid), int32(key));
export const query = (text: string): Buffer => typed('Q', cstr(text));
export const flush = (): Buffer => typed('H');
export const sync = (): Buffer => typed('S');
export const terminate = (): Buffer => typed('X');
export const copyData = (data: Buffer | string): Buffer => typed('d', Buffer.from(data));
export const copyDone = (): Buffer => typed('c');
export const copyFail = (message: string): Buffer => typed('f', cstr(message));
export const password = (text: string): Buffer => typed('p', cstr(text));

export function parse(name: string, text: string, paramTypes: readonly number[] = []): Buffer {
  return typed('P', cstr(name), cstr(text), int16(paramTypes.length), ...paramTypes.map(int32));
}

/** A parameter value: text (format 0), bytes (format 1), or null. */
export type ParamValue = string | Buffer | null;

export interface BindOptions {
  readonly portal?: string;
  readonly statement?: string;
  readonly params?: readonly ParamValue[];
  /** Parameter formats as sent: default one per parameter, 1 for a Buffer and 0 otherwise. */
  readonly paramFormats?: readonly number[];
  readonly resultFormats?: readonly number[];
}

export function bind(o: BindOptions = {}): Buffer {
  const params = o.params ?? [];
  const formats = o.paramFormats ?? params.map((p) => (Buffer.isBuffer(p) ? 1 : 0));
  const values: Buffer[] = [];
  for (const p of params) {
    if (p === null) values.push(int32(-1));
    else {
      const b = Buffer.isBuffer(p) ? p : Buffer.from(p, 'utf8');
      values.push(int32(b.length), b);
    }
  }
  const results = o.resultFormats ?? [];
  return typed(
    'B',
    cstr(o.portal ?? ''),
    cstr(o.statement ?? ''),
    int16(formats.length),
    ...formats.map(int16),
    int16(params.length),
    ...values,
    int16(results.length),
    ...results.map(int16),
  );
}

export const describe = (kind: 'S' | 'P', name = ''): Buffer => typed('D', Buffer.from(kind), cstr(name));
export const execute = (portal = '', maxRows = 0): Buffer => typed('E', cstr(portal), int32(maxRows));
export const close = (kind: 'S' | 'P', name = ''): Buffer => typed('C', Buffer.from(kind), cstr(name));

// ---------------------------------------------------------------------------------------------
// Backend message decoders

/** Fields of an ErrorResponse ('E') or NoticeResponse ('N'). */
export function fields(m: Message): Fields {
  const out: { [code: string]: string } = {};
  let p = 0;
  while (p < m.body.length && m.body[p] !== 0) {
    const code = String.fromCharCode(m.body[p]!);
    const end = m.body.indexOf(0, p + 1);
    out[code] = m.body.toString('utf8', p + 1, end);
    p = end + 1;
  }
  return out;
}

/** DataRow ('D'): each column's bytes, or null. */
export function dataRow(m: Message): (Buffer | null)[] {
  const n = m.body.readInt16BE(0);
  const out: (Buffer | null)[] = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    const len = m.body.readInt32BE(p);
    p += 4;
    if (len < 0) out.push(null);
    else {
      out.push(m.body.subarray(p, p + len));
      p += len;
    }
  }
  return out;
}

/** DataRow as text (every column decoded as UTF-8). */
export function textRow(m: Message): (string | null)[] {
  return dataRow(m).map((b) => (b === null ? null : b.toString('utf8')));
}

export interface Column {
  readonly name: string;
  readonly tableOid: number;
  readonly attnum: number;
  readonly typeOid: number;
  readonly typeLen: number;
  readonly typmod: number;
  readonly format: number;
}

/** RowDescription ('T'). */
export function rowDescription(m: Message): Column[] {
  const n = m.body.readInt16BE(0);
  const out: Column[] = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    const end = m.body.indexOf(0, p);
    const name = m.body.toString('utf8', p, end);
    p = end + 1;
    out.push({
      name,
      tableOid: m.body.readUInt32BE(p),
      attnum: m.body.readInt16BE(p + 4),
      typeOid: m.body.readUInt32BE(p + 6),
      typeLen: m.body.readInt16BE(p + 10),
      typmod: m.body.readInt32BE(p + 12),
      format: m.body.readInt16BE(p + 16),
    });
    p += 18;
  }
  return out;
}

/** ParameterDescription ('t'): parameter type OIDs. */
export function parameterDescription(m: Message): number[] {
  const n = m.body.readInt16BE(0);
  return Array.from({ length: n }, (_, i) => m.body.readUInt32BE(2 + 4 * i));
}

/** CommandComplete ('C'): the tag. */
export function commandTag(m: Message): string {
  return m.body.toString('utf8', 0, m.body.length - 1);
}

/** ReadyForQuery ('Z'): 'I', 'T' or 'E'. */
export function readyStatus(m: Message): string {
  return String.fromCharCode(m.body[0]!);
}

/** ParameterStatus ('S'): [name, value]. */
export function parameterStatus(m: Message): [string, string] {
  const a = m.body.indexOf(0);
  const b = m.body.indexOf(0, a + 1);
  return [m.body.toString('utf8', 0, a), m.body.toString('utf8', a + 1, b)];
}

/** A one-line summary of a message, for assertion messages and for comparing transcripts. */
export function summary(m: Message): string {
  switch (m.type) {
    case 'E':
    case 'N': {
      const f = fields(m);
      return `${m.type} ${f['C'] ?? '?'} ${f['M'] ?? ''}`;
    }
    case 'C':
      return `C ${commandTag(m)}`;
    case 'Z':
      return `Z ${readyStatus(m)}`;
    case 'D':
      return `D ${JSON.stringify(textRow(m))}`;
    case 'T':
      return `T ${rowDescription(m).map((c) => c.name).join(',')}`;
    case 't':
      return `t ${parameterDescription(m).join(',')}`;
    default:
      return m.type;
  }
}

// ---------------------------------------------------------------------------------------------
// The connection

/** Bytes of one backend message the reader accepts before it calls the stream broken. */
const backendMessageBytesMax = 64 * 1024 * 1024;

export interface ConnectOptions {
  readonly host?: string;
  readonly port: number;
  readonly user?: string;
  readonly database?: string;
  readonly password?: string;
  /** Extra startup parameters (application_name, options, …). */
  readonly params?: { readonly [k: string]: string };
  /** Guard against a hang while connecting (not an assertion on speed). */
  readonly timeoutMs?: number;
}

export class TimeoutError extends Error {
  constructor(what: string) {
    super(`timed out waiting for ${what}`);
    this.name = 'TimeoutError';
  }
}

/** A connection that yields backend messages in order. */
export class RawConnection {
  private buf: Buffer = Buffer.alloc(0);
  private readonly queue: Message[] = [];
  private waiter: (() => void) | undefined;
  /** Set once the socket has closed (or errored); messages already received stay readable. */
  closed = false;
  /** The first socket error seen, if any. */
  error: Error | undefined;
  /** The process id and secret key from BackendKeyData, once startup is done. */
  pid = 0;
  secretKey = 0;
  readonly parameters = new Map<string, string>();
  /** The status of the last ReadyForQuery received ('I', 'T', 'E'), or '' before the first. */
  status = '';
  readonly whenClosed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => this.onData(d));
    this.whenClosed = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        this.wake();
        resolve();
      });
    });
    socket.on('error', (e) => {
      this.error ??= e;
    });
  }

  /** Opens a TCP connection without sending anything. */
  static open(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new TimeoutError('connect'));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeListener('error', reject);
        resolve(new RawConnection(s));
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** Opens, sends a StartupMessage, answers cleartext/md5 password requests and waits for ReadyForQuery. */
  static async connect(o: ConnectOptions): Promise<RawConnection> {
    const c = await RawConnection.open(o.port, o.host ?? '127.0.0.1', o.timeoutMs ?? 10_000);
    await c.startup(o);
    return c;
  }

  async startup(o: ConnectOptions): Promise<void> {
    const user = o.user ?? 'postgres';
    this.write(startupMessage({ user, database: o.database ?? 'postgres', ...o.params }));
    const timeoutMs = o.timeoutMs ?? 10_000;
    for (;;) {
      const m = await this.next(timeoutMs);
      if (m.type === 'E') throw pgError(m);
      if (m.type === 'R') {
        const kind = m.body.readInt32BE(0);
        if (kind === 0) continue;
        if (kind === 3) this.write(password(o.password ?? ''));
        else if (kind === 5) {
          const inner = createHash('md5').update(`${o.password ?? ''}${user}`).digest('hex');
          const outer = createHash('md5').update(Buffer.concat([Buffer.from(inner), m.body.subarray(4, 8)])).digest('hex');
          this.write(password(`md5${outer}`));
        } else throw new Error(`raw client: authentication request ${kind} not supported`);
      } else if (m.type === 'K') {
        this.pid = m.body.readInt32BE(0);
        this.secretKey = m.body.readInt32BE(4);
      } else if (m.type === 'S') {
        const [k, v] = parameterStatus(m);
        this.parameters.set(k, v);
      } else if (m.type === 'Z') return;
    }
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    while (this.buf.length >= 5) {
      const len = this.buf.readInt32BE(1);
      if (len < 4 || len > backendMessageBytesMax) {
        this.error ??= new Error(`raw client: backend message length ${len}`);
        this.socket.destroy();
        return;
      }
      if (this.buf.length < len + 1) break;
      const m = { type: String.fromCharCode(this.buf[0]!), body: this.buf.subarray(5, len + 1) };
      if (m.type === 'Z' && m.body.length > 0) this.status = readyStatus(m);
      this.queue.push(m);
      this.buf = this.buf.subarray(len + 1);
    }
    this.wake();
  }

  /**
   * A single byte reply that is not a typed message: the answer to SSLRequest/GSSENCRequest ('S',
   * 'N') or an old-style error ('E' followed by a message). Only valid before anything else arrived.
   */
  async readByte(timeoutMs = 10_000): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.buf.length === 0 && this.queue.length === 0 && !this.closed) {
      await this.wait(deadline, 'one byte');
    }
    if (this.queue.length > 0) {
      // onData parsed it as a message already (an 'E' answer): give back its type, keep the rest.
      return this.queue[0]!.type;
    }
    if (this.buf.length === 0) return undefined;
    const b = String.fromCharCode(this.buf[0]!);
    this.buf = this.buf.subarray(1);
    return b;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private wait(deadline: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ms = deadline - Date.now();
      if (ms <= 0) {
        reject(new TimeoutError(what));
        return;
      }
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new TimeoutError(what));
      }, ms);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  write(bytes: Buffer | readonly Buffer[]): void {
    if (this.socket.destroyed) return;
    this.socket.write(Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes as Buffer[]));
  }

  /** The next message; throws TimeoutError after `timeoutMs`, or an Error if the socket closes first. */
  async next(timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.queue.shift();
      if (m !== undefined) return m;
      if (this.closed) throw new ClosedError();
      await this.wait(deadline, 'a backend message');
    }
  }

  /** Messages up to and including the first of type `type`. */
  async until(type: string, timeoutMs = 10_000): Promise<Message[]> {
    const out: Message[] = [];
    for (;;) {
      const m = await this.next(timeoutMs);
      out.push(m);
      if (m.type === type) return out;
    }
  }

  /** Messages up to and including ReadyForQuery. */
  readyForQuery(timeoutMs = 10_000): Promise<Message[]> {
    return this.until('Z', timeoutMs);
  }

  /**
   * Every message until the socket closes, or until `idleMs` passes with nothing new (then
   * `closed` is still false): the fuzz test's view of how a connection ended.
   */
  async drain(idleMs: number): Promise<Message[]> {
    const out: Message[] = [];
    for (;;) {
      try {
        out.push(await this.next(idleMs));
      } catch (e) {
        if (e instanceof TimeoutError || e instanceof ClosedError) return out;
        throw e;
      }
    }
  }

  /** Sends a simple Query and returns its messages through ReadyForQuery. */
  async simple(text: string, timeoutMs = 10_000): Promise<Message[]> {
    this.write(query(text));
    return this.readyForQuery(timeoutMs);
  }

  /** Terminate and close. */
  async end(): Promise<void> {
    if (!this.socket.destroyed) {
      this.socket.end(terminate());
      const t = setTimeout(() => this.socket.destroy(), 2000);
      await this.whenClosed;
      clearTimeout(t);
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export class ClosedError extends Error {
  constructor() {
    super('connection closed');
    this.name = 'ClosedError';
  }
}

/** An ErrorResponse as a thrown Error with `.code` and `.fields`. */
export class PgError extends Error {
  readonly code: string;
  constructor(readonly fields: Fields) {
    super(fields['M'] ?? 'error');
    this.name = 'PgError';
    this.code = fields['C'] ?? '';
  }
}

export function pgError(m: Message): PgError {
  return new PgError(fields(m));
}

/** Upgrades an open connection to TLS after SSLRequest was answered 'S'. */
export function startTls(c: RawConnection, timeoutMs = 10_000): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    c.socket.removeAllListeners('data');
    const t = tls.connect({ socket: c.socket, rejectUnauthorized: false });
    const timer = setTimeout(() => {
      t.destroy();
      reject(new TimeoutError('TLS handshake'));
    }, timeoutMs);
    t.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(new RawConnection(t as unknown as net.Socket));
    });
    t.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
