/**
 * A raw RESP client for tests: sends argument arrays (or raw bytes) and returns each reply's exact
 * bytes, so replies can be compared byte for byte between servers.
 */
import * as net from 'node:net';

/** End index of the complete RESP value starting at `pos`, or -1 when more bytes are needed. */
export function replyEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) return -1;
  const type = String.fromCharCode(buf[pos]!);
  const head = buf.toString('latin1', pos + 1, nl);
  const after = nl + 2;
  switch (type) {
    case '+':
    case '-':
    case ':':
    case '_':
    case '#':
    case ',':
    case '(':
      return after;
    case '$':
    case '!':
    case '=': {
      const n = Number(head);
      if (n < 0) return after;
      return buf.length >= after + n + 2 ? after + n + 2 : -1;
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      let n = Number(head);
      if (n < 0) return after;
      if (type === '%' || type === '|') n *= 2;
      let p = after;
      for (let i = 0; i < n; i++) {
        p = replyEnd(buf, p);
        if (p < 0) return -1;
      }
      if (type === '|') return replyEnd(buf, p);
      return p;
    }
    default:
      throw new Error(`not a RESP reply at byte ${pos}: ${JSON.stringify(buf.toString('latin1', pos, pos + 40))}`);
  }
}

/** The top-level elements (as raw byte strings) of an aggregate reply, for order-free comparison. */
export function elements(reply: Buffer): Buffer[] {
  const nl = reply.indexOf('\r\n');
  const type = String.fromCharCode(reply[0]!);
  if (!'*~>%'.includes(type)) return [reply];
  let n = Number(reply.toString('latin1', 1, nl));
  if (type === '%') n *= 2;
  const out: Buffer[] = [];
  let p = nl + 2;
  for (let i = 0; i < n; i++) {
    const e = replyEnd(reply, p);
    out.push(reply.subarray(p, e));
    p = e;
  }
  return out;
}

export function encodeCommand(argv: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
  for (const a of argv) {
    const b = typeof a === 'string' ? Buffer.from(a) : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<(b: Buffer) => void> = [];
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.drain();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w(Buffer.alloc(0));
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, host, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  private drain(): void {
    while (this.waiters.length > 0) {
      const end = replyEnd(this.buf, 0);
      if (end < 0) return;
      const reply = this.buf.subarray(0, end);
      this.buf = this.buf.subarray(end);
      this.waiters.shift()!(reply);
    }
  }

  /** The next reply (an empty buffer if the connection closes first). */
  read(): Promise<Buffer> {
    return new Promise((resolve) => {
      if (this.closed) return resolve(Buffer.alloc(0));
      this.waiters.push(resolve);
      this.drain();
    });
  }

  call(...argv: (string | Buffer)[]): Promise<Buffer> {
    this.socket.write(encodeCommand(argv));
    return this.read();
  }

  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  close(): void {
    this.socket.destroy();
  }
}
