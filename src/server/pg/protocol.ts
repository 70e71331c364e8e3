/**
 * PostgreSQL frontend/backend protocol 3.0: framing of the messages a client sends (with the
 * size limits of `src/limits.ts`) and a writer for the messages the server sends.
 *
 * Every message after startup is a type byte, an int32 length that counts itself, and a body.
 * The startup-phase messages (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest) have no
 * type byte. All integers are big-endian.
 */
import { isUtf8 } from 'node:buffer';
import { SqlError } from '../../sql/index.js';

/** The request codes of untyped startup-phase messages. */
export const startupCodes = {
  protocol3: 196608,
  ssl: 80877103,
  gssenc: 80877104,
  cancel: 80877102,
} as const;

/** A message from the client: its type byte (0 for a startup-phase message) and its body. */
export interface FrontendMessage {
  readonly type: number;
  readonly body: Buffer;
}

/** A protocol violation: the connection gets an ErrorResponse (08P01 unless said) and is closed. */
export class ProtocolError extends SqlError {
  constructor(message: string, code = '08P01') {
    super(code, message);
  }
}

/**
 * Splits the byte stream into messages. `startup` is true while the next message is an untyped
 * startup-phase one. `limit` bounds the declared length of one message: anything longer is a
 * ProtocolError before its body is buffered.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  startup = true;

  constructor(public limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  get pendingBytes(): number {
    return this.buffered;
  }

  /** The next complete message, or null when more bytes are needed. */
  next(): FrontendMessage | null {
    const head = this.startup ? 4 : 5;
    if (this.buffered < head) return null;
    const first = this.peek(head);
    const type = this.startup ? 0 : first[0]!;
    const len = first.readInt32BE(this.startup ? 0 : 1);
    const min = this.startup ? 8 : 4;
    if (len < min) throw new ProtocolError(this.startup ? `invalid length of startup packet` : `invalid message length`);
    if (len > this.limit) {
      throw new ProtocolError(this.startup ? 'invalid length of startup packet' : `message of ${len} bytes is longer than the limit pgMessageBytesMax (${this.limit})`, this.startup ? '08P01' : '54000');
    }
    const total = len + (this.startup ? 0 : 1);
    if (this.buffered < total) return null;
    const all = this.take(total);
    return { type, body: all.subarray(head) };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!;
    return Buffer.concat(this.chunks, this.buffered).subarray(0, n);
  }

  private take(n: number): Buffer {
    const c0 = this.chunks[0]!;
    let out: Buffer;
    if (c0.length === n) {
      this.chunks.shift();
      out = c0;
    } else if (c0.length > n) {
      out = c0.subarray(0, n);
      this.chunks[0] = c0.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks, this.buffered);
      out = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return out;
  }
}

/** Reads the fields of one message body; running past its end is a ProtocolError. */
export class BodyReader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  byte(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A NUL-terminated UTF-8 string (invalid UTF-8: 22021, as PostgreSQL's encoding check). */
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new ProtocolError('invalid string in message');
    const bytes = this.buf.subarray(this.pos, end);
    checkUtf8(bytes);
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  rest(): Buffer {
    const b = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return b;
  }

  /** The message must be consumed exactly (PostgreSQL's pq_getmsgend). */
  end(): void {
    if (this.pos !== this.buf.length) throw new ProtocolError('invalid message format');
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtocolError('insufficient data left in message');
  }
}

/** Throw PostgreSQL's 22021 naming the first invalid UTF-8 sequence of `b`, if there is one. */
export function checkUtf8(b: Uint8Array): void {
  if (isUtf8(b)) return;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
    if (ok && len > 1 && !isUtf8(b.subarray(i, i + len))) ok = false;
    if (!ok) {
      const n = Math.min(Math.max(len, 1), b.length - i);
      const shown = [...b.subarray(i, i + n)].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');
      throw new SqlError('22021', `invalid byte sequence for encoding "UTF8": ${shown}`);
    }
    i += len;
  }
}

/**
 * Builds backend messages into one growing buffer; `take()` hands the bytes to the socket.
 * Strings are UTF-8.
 */
export class MessageWriter {
  private buf = Buffer.allocUnsafe(16384);
  private pos = 0;
  private start = 0;

  get length(): number {
    return this.pos;
  }

  /** Start a message of `type` (its length is filled in by `end`). */
  begin(type: number): this {
    this.ensure(5);
    this.buf[this.pos] = type;
    this.start = this.pos + 1;
    this.pos += 5;
    return this;
  }

  end(): void {
    this.buf.writeInt32BE(this.pos - this.start, this.start);
  }

  byte(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v | 0, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** A NUL-terminated string. */
  cstring(s: string): this {
    this.utf8(s);
    return this.byte(0);
  }

  /** A string's UTF-8 bytes without terminator. */
  utf8(s: string): this {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
    return this;
  }

  /** An int32 length then the string's UTF-8 bytes (a DataRow field). */
  lengthPrefixedUtf8(s: string): this {
    this.ensure(4 + s.length * 3);
    const n = this.buf.write(s, this.pos + 4, 'utf8');
    this.buf.writeInt32BE(n, this.pos);
    this.pos += 4 + n;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** The bytes written so far (a copy); the writer starts over. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    if (this.buf.length > 1 << 20) this.buf = Buffer.allocUnsafe(16384);
    return out;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}
