/**
 * RESP, the Redis serialization protocol: the request parser and the reply encoder.
 *
 * Requests (client → server) come in two forms:
 *
 *   *<n>\r\n  then n times  $<len>\r\n<len bytes>\r\n      an array of bulk strings
 *   <words separated by spaces, with "…" / '…' quoting>\r\n   an inline command (telnet, redis-cli --pipe)
 *
 * Replies (server → client), RESP2 and RESP3 (chosen per connection by HELLO):
 *
 *   +<text>\r\n     simple string           -<text>\r\n     error
 *   :<int>\r\n      integer                 $<len>\r\n<bytes>\r\n   bulk string
 *   *<n>\r\n        array                   $-1\r\n / *-1\r\n       RESP2 null bulk / null array
 *   _\r\n           RESP3 null              ,<double>\r\n           RESP3 double
 *   #t\r\n / #f     RESP3 boolean           %<n>\r\n                RESP3 map (n pairs)
 *   ~<n>\r\n        RESP3 set               ><n>\r\n                RESP3 push (pub/sub)
 *
 * In RESP2 a map is an array of 2n elements, a set is an array, a double is a bulk string, a boolean
 * is the integer 1/0, and a push is an array.
 */
import { redisInlineBytesMax } from '../../limits.js';

/** A malformed request. The connection answers `-ERR Protocol error: …` and is closed. */
export class ProtocolError extends Error {}

const CR = 13;
const LF = 10;

/** Limits a parser enforces; they change when a client authenticates. */
export interface ParserLimits {
  argsMax: number;
  bulkBytesMax: number;
  queryBytesMax: number;
}

/**
 * An incremental request parser. `feed` a chunk, then call `next` until it returns null (needs more
 * bytes). Arguments are views into the received chunks (copied only when a bulk string spans chunks).
 */
export class RequestParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** The request array being read, and how many elements are still to come. */
  private args: Buffer[] | null = null;
  private argsLeft = 0;
  /** A large bulk string being filled chunk by chunk. */
  /**
   * A large bulk string being received: its chunks so far and the total length wanted (with the
   * CRLF). Chunks are kept as they come and joined once, so memory follows the bytes actually
   * received: a header announcing 64 MiB costs nothing until the bytes arrive.
   */
  private big: Buffer[] | null = null;
  private bigWant = 0;
  private bigFilled = 0;

  constructor(public limits: ParserLimits) {}

  /** Bytes received and not yet parsed. */
  get buffered(): number {
    return this.buf.length - this.pos + (this.big === null ? 0 : this.bigFilled);
  }

  feed(chunk: Buffer): void {
    if (this.big !== null) {
      const n = Math.min(this.bigWant - this.bigFilled, chunk.length);
      this.big.push(chunk.subarray(0, n));
      this.bigFilled += n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) {
        if (this.buffered > this.limits.queryBytesMax) {
          throw new ProtocolError('Protocol error: query buffer exceeds client-query-buffer-limit');
        }
        return;
      }
    }
    if (this.pos >= this.buf.length) {
      this.buf = chunk;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    }
    this.pos = 0;
    if (this.buffered > this.limits.queryBytesMax) {
      throw new ProtocolError('Protocol error: query buffer exceeds client-query-buffer-limit');
    }
  }

  /** The next complete request (its arguments), or null when more bytes are needed. */
  next(): Buffer[] | null {
    if (this.args === null) {
      if (this.pos >= this.buf.length) return null;
      if (this.buf[this.pos] !== 0x2a /* '*' */) return this.inline();
      const line = this.line();
      if (line < 0) {
        if (this.buf.length - this.pos > redisInlineBytesMax) throw new ProtocolError('Protocol error: too big mbulk count string');
        return null;
      }
      const n = parseIntStrict(this.buf, this.pos + 1, line);
      this.pos = line + 2;
      if (n === null || n > this.limits.argsMax) throw new ProtocolError('Protocol error: invalid multibulk length');
      if (n <= 0) return this.next(); // "*0" and "*-1" are skipped, as Redis does
      this.args = [];
      this.argsLeft = n;
    }
    while (this.argsLeft > 0) {
      const arg = this.bulk();
      if (arg === null) return null;
      this.args.push(arg);
      this.argsLeft--;
    }
    const out = this.args;
    this.args = null;
    return out;
  }

  /** One `$<len>\r\n<bytes>\r\n` element, or null when incomplete. */
  private bulk(): Buffer | null {
    if (this.big !== null) {
      if (this.bigFilled < this.bigWant) return null;
      const whole = Buffer.concat(this.big, this.bigWant);
      const v = whole.subarray(0, whole.length - 2);
      if (whole[whole.length - 2] !== CR || whole[whole.length - 1] !== LF) {
        throw new ProtocolError('Protocol error: bulk string not terminated by CRLF');
      }
      this.big = null;
      this.bigFilled = 0;
      return v;
    }
    const buf = this.buf;
    if (this.pos >= buf.length) return null;
    if (buf[this.pos] !== 0x24 /* '$' */) {
      throw new ProtocolError(`Protocol error: expected '$', got '${String.fromCharCode(buf[this.pos]!)}'`);
    }
    const line = this.line();
    if (line < 0) {
      if (buf.length - this.pos > redisInlineBytesMax) throw new ProtocolError('Protocol error: too big bulk count string');
      return null;
    }
    const len = parseIntStrict(buf, this.pos + 1, line);
    if (len === null || len < 0 || len > this.limits.bulkBytesMax) throw new ProtocolError('Protocol error: invalid bulk length');
    const start = line + 2;
    const end = start + len;
    if (end + 2 <= buf.length) {
      if (buf[end] !== CR || buf[end + 1] !== LF) throw new ProtocolError('Protocol error: bulk string not terminated by CRLF');
      this.pos = end + 2;
      return buf.subarray(start, end);
    }
    if (len >= 64 * 1024) {
      // Collect the chunks as they come and join them once, instead of re-concatenating.
      this.big = [buf.subarray(start)];
      this.bigWant = len + 2;
      this.bigFilled = buf.length - start;
      this.pos = buf.length;
    }
    return null;
  }

  /** Index of the CR of the line starting at pos, or -1 when no complete line is buffered. */
  private line(): number {
    const i = this.buf.indexOf(LF, this.pos);
    if (i < 0) return -1;
    if (i === this.pos || this.buf[i - 1] !== CR) throw new ProtocolError('Protocol error: line not terminated by CRLF');
    return i - 1;
  }

  /** An inline command: words split on whitespace, with Redis's quoting rules. */
  private inline(): Buffer[] | null {
    const buf = this.buf;
    const nl = buf.indexOf(LF, this.pos);
    if (nl < 0) {
      if (buf.length - this.pos > redisInlineBytesMax) throw new ProtocolError('Protocol error: too big inline request');
      return null;
    }
    const end = nl > this.pos && buf[nl - 1] === CR ? nl - 1 : nl;
    const text = buf.subarray(this.pos, end);
    this.pos = nl + 1;
    const words = splitInline(text);
    if (words === null) throw new ProtocolError('Protocol error: unbalanced quotes in request');
    if (words.length === 0) return this.next();
    if (words.length > this.limits.argsMax) throw new ProtocolError('Protocol error: invalid multibulk length');
    return words;
  }
}

/** A decimal integer in buf[from, to), or null when it is not one (or not a safe integer). */
function parseIntStrict(buf: Buffer, from: number, to: number): number | null {
  if (from >= to || to - from > 17) return null;
  let i = from;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
    if (i === to) return null;
  }
  let n = 0;
  for (; i < to; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return neg ? -n : n;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Split an inline command line into words as Redis does (sdssplitargs): whitespace separates,
 * "double quotes" allow \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' allow \'. A closing
 * quote must be followed by whitespace or the end. Returns null on unbalanced quotes.
 */
export function splitInline(line: Uint8Array): Buffer[] | null {
  const words: Buffer[] = [];
  let i = 0;
  const n = line.length;
  while (true) {
    while (i < n && isSpace(line[i]!)) i++;
    if (i >= n) return words;
    const out: number[] = [];
    let inDq = false;
    let inSq = false;
    let done = false;
    while (!done) {
      if (inDq) {
        if (i >= n) return null;
        const c = line[i]!;
        if (c === 0x5c && i + 3 < n && line[i + 1] === 0x78 && hexVal(line[i + 2]!) >= 0 && hexVal(line[i + 3]!) >= 0) {
          out.push(hexVal(line[i + 2]!) * 16 + hexVal(line[i + 3]!));
          i += 3;
        } else if (c === 0x5c && i + 1 < n) {
          i++;
          const e = line[i]!;
          out.push(e === 0x6e ? 10 : e === 0x72 ? 13 : e === 0x74 ? 9 : e === 0x62 ? 8 : e === 0x61 ? 7 : e);
        } else if (c === 0x22) {
          if (i + 1 < n && !isSpace(line[i + 1]!)) return null;
          done = true;
        } else {
          out.push(c);
        }
      } else if (inSq) {
        if (i >= n) return null;
        const c = line[i]!;
        if (c === 0x5c && i + 1 < n && line[i + 1] === 0x27) {
          i++;
          out.push(0x27);
        } else if (c === 0x27) {
          if (i + 1 < n && !isSpace(line[i + 1]!)) return null;
          done = true;
        } else {
          out.push(c);
        }
      } else if (i >= n) {
        done = true;
      } else {
        const c = line[i]!;
        if (isSpace(c)) done = true;
        else if (c === 0x22) inDq = true;
        else if (c === 0x27) inSq = true;
        else out.push(c);
      }
      if (i < n) i++;
    }
    words.push(Buffer.from(out));
  }
}

const CRLF = '\r\n';

/**
 * Builds the replies of one connection into one growing buffer, in the protocol version the
 * connection speaks. `take()` hands the bytes over (for one socket write per event-loop turn).
 */
export class ReplyWriter {
  private buf: Buffer = Buffer.allocUnsafe(16 * 1024);
  private len = 0;
  /** 2 or 3, set by HELLO. */
  resp: 2 | 3 = 2;

  get length(): number {
    return this.len;
  }

  /**
   * The bytes written so far, and reset. A short reply is copied into a pooled buffer and the
   * working buffer kept; a long one is handed over and a fresh working buffer started.
   */
  take(): Buffer {
    const n = this.len;
    this.len = 0;
    if (n <= 4096) {
      const out = Buffer.allocUnsafe(n);
      this.buf.copy(out, 0, 0, n);
      return out;
    }
    const out = this.buf.subarray(0, n);
    this.buf = Buffer.allocUnsafe(16 * 1024);
    return out;
  }

  /** Drop everything written since `mark` (used to replace queued replies). */
  truncate(mark: number): void {
    this.len = mark;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  private ascii(s: string): void {
    this.ensure(s.length);
    this.len += this.buf.write(s, this.len, 'latin1');
  }

  /** `<type><n>\r\n`, the header of bulk strings and aggregates, without building a string. */
  private header(type: number, n: number): void {
    this.ensure(24);
    const b = this.buf;
    let p = this.len;
    b[p++] = type;
    if (n >= 0 && n < 10) {
      b[p++] = 48 + n;
    } else if (n >= 10 && n < 100) {
      b[p++] = 48 + ((n / 10) | 0);
      b[p++] = 48 + (n % 10);
    } else {
      p += b.write(String(n), p, 'latin1');
    }
    b[p++] = CR;
    b[p++] = LF;
    this.len = p;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** +text (text must not hold CR or LF). */
  simple(text: string): void {
    this.ensure(text.length * 3 + 3);
    this.buf[this.len++] = 0x2b;
    this.len += this.buf.write(text, this.len, 'utf8');
    this.buf[this.len++] = CR;
    this.buf[this.len++] = LF;
  }

  /** An array of simple strings (the HELP replies). */
  lines(lines: readonly string[]): void {
    this.array(lines.length);
    for (const l of lines) this.simple(l);
  }

  ok(): void {
    this.raw(OK);
  }

  /** -text: `text` starts with the error code (ERR, WRONGTYPE, …). */
  error(text: string): void {
    const clean = text.replace(/[\r\n]+/g, ' ');
    this.ensure(clean.length * 3 + 3);
    this.buf[this.len++] = 0x2d;
    this.len += this.buf.write(clean, this.len, 'utf8');
    this.buf[this.len++] = CR;
    this.buf[this.len++] = LF;
  }

  int(n: number | bigint): void {
    if (n === 0) this.raw(ZERO);
    else if (n === 1) this.raw(ONE);
    else this.ascii(`:${n}${CRLF}`);
  }

  /** A bulk string from bytes, or from a string (UTF-8). */
  bulk(v: Uint8Array | string): void {
    if (typeof v === 'string') {
      const n = Buffer.byteLength(v);
      this.ascii(`$${n}${CRLF}`);
      this.ensure(n + 2);
      this.len += this.buf.write(v, this.len, 'utf8');
    } else {
      this.header(0x24 /* $ */, v.length);
      this.ensure(v.length + 2);
      this.buf.set(v, this.len);
      this.len += v.length;
    }
    this.buf[this.len++] = CR;
    this.buf[this.len++] = LF;
  }

  /** The null reply: `$-1` in RESP2 (a missing bulk string), `_` in RESP3. */
  nil(): void {
    this.raw(this.resp === 3 ? NULL3 : NULL_BULK);
  }

  /** A null where RESP2 uses the null array (`*-1`): BLPOP timeouts, EXEC after WATCH fired. */
  nilArray(): void {
    this.raw(this.resp === 3 ? NULL3 : NULL_ARRAY);
  }

  array(n: number): void {
    this.header(0x2a /* * */, n);
  }

  /** A map of n pairs (RESP2: an array of 2n elements). */
  map(n: number): void {
    this.ascii(this.resp === 3 ? `%${n}${CRLF}` : `*${n * 2}${CRLF}`);
  }

  /** A set of n members (RESP2: an array). */
  set(n: number): void {
    this.ascii(this.resp === 3 ? `~${n}${CRLF}` : `*${n}${CRLF}`);
  }

  /** An out-of-band push of n elements (RESP2: an array). */
  push(n: number): void {
    this.ascii(this.resp === 3 ? `>${n}${CRLF}` : `*${n}${CRLF}`);
  }

  /** A double (RESP2: a bulk string in Redis's format). */
  double(d: number): void {
    if (this.resp === 3) this.ascii(`,${formatDouble(d)}${CRLF}`);
    else this.bulk(formatDouble(d));
  }

  bool(b: boolean): void {
    if (this.resp === 3) this.ascii(b ? `#t${CRLF}` : `#f${CRLF}`);
    else this.int(b ? 1 : 0);
  }

  /** Verbatim text (RESP3 `=`, RESP2 a bulk string): INFO, CLIENT LIST. */
  verbatim(text: string): void {
    if (this.resp === 3) {
      const n = Buffer.byteLength(text) + 4;
      this.ascii(`=${n}${CRLF}txt:`);
      this.ensure(n + 2);
      this.len += this.buf.write(text, this.len, 'utf8');
      this.buf[this.len++] = CR;
      this.buf[this.len++] = LF;
    } else {
      this.bulk(text);
    }
  }
}

const OK = Buffer.from('+OK\r\n');
const ZERO = Buffer.from(':0\r\n');
const ONE = Buffer.from(':1\r\n');
const NULL3 = Buffer.from('_\r\n');
const NULL_BULK = Buffer.from('$-1\r\n');
const NULL_ARRAY = Buffer.from('*-1\r\n');

/**
 * A double as Redis 7.0 prints it in replies: C's `%.17g` (so 0.1 is 0.10000000000000001 and 1e17
 * is 1e+17), `inf`/`-inf`, and integers below 1e17 without a fraction.
 */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && d < 1e17 && d > -1e17) return Number.isSafeInteger(d) ? String(d) : BigInt(d).toString();
  const neg = d < 0;
  const x = neg ? -d : d;
  const e17 = x.toExponential(16); // 17 significant digits, rounded half-up on exact ties
  let digits = e17[0]! + e17.slice(2, 18);
  let exp = Number(e17.slice(19));
  // printf rounds an exact tie half-to-even; a tie needs the 18th digit to be 5, so only then
  // work it out exactly.
  const e18 = x.toExponential(17);
  if (e18[18] === '5') {
    const exact = exactDigits(x);
    [digits, exp] = roundEven(exact.digits, exact.exp, 17);
  }
  let out: string;
  if (exp < -4 || exp >= 17) {
    const frac = digits.slice(1).replace(/0+$/, '');
    const ae = Math.abs(exp);
    out = digits[0]! + (frac === '' ? '' : '.' + frac) + 'e' + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  } else if (exp >= 0) {
    const ip = digits.slice(0, exp + 1);
    const frac = digits.slice(exp + 1).replace(/0+$/, '');
    out = ip + (frac === '' ? '' : '.' + frac);
  } else {
    out = '0.' + '0'.repeat(-exp - 1) + digits.replace(/0+$/, '');
  }
  return neg ? '-' + out : out;
}

/** The exact decimal expansion of a positive finite double: digits and the exponent of the first. */
function exactDigits(x: number): { digits: string; exp: number } {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(x, 0);
  const hi = b.readUInt32BE(0);
  const lo = b.readUInt32BE(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let pointExp: number; // value = digits × 10^pointExp
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    pointExp = 0;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    pointExp = e2;
  }
  return { digits, exp: digits.length - 1 + pointExp };
}

/** Round a digit string to `n` significant digits, ties to even. */
function roundEven(digits: string, exp: number, n: number): [string, number] {
  if (digits.length <= n) return [digits.padEnd(n, '0'), exp];
  const head = digits.slice(0, n);
  const rest = digits.slice(n);
  let up: boolean;
  if (rest[0]! > '5') up = true;
  else if (rest[0]! < '5') up = false;
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = (Number(head[n - 1]) & 1) === 1;
  if (!up) return [head, exp];
  const bumped = (BigInt(head) + 1n).toString();
  if (bumped.length > n) return [bumped.slice(0, n), exp + 1];
  return [bumped, exp];
}
