/**
 * The protocol fuzzer shared by fuzz.test.ts (a few hundred seeded cases in CI) and fuzz-soak.ts
 * (many more, by hand): case generators and the per-case check.
 *
 * A case is a byte string sent on a fresh connection, either as the very first bytes (before
 * startup) or after a completed startup. Kinds:
 *   - random bytes;
 *   - valid frames (StartupMessage, Query, Parse/Bind/Describe/Execute/Sync, Close, Flush, CopyData
 *     and CopyDone, COPY FROM STDIN), then mutated (bytes flipped, inserted, deleted, a length field
 *     replaced) or truncated;
 *   - hostile lengths: past the server's named limit (`pgMessageBytesMax`, `pgStartupBytesMax`),
 *     zero, negative, shorter than the length field itself;
 *   - unknown message types; a typed message before startup; a second StartupMessage after it.
 *
 * The check (`checkCase`): everything the server sends parses as backend messages, and the
 * connection ends. A case marked `violation` (a frame PostgreSQL refuses outright: a hostile
 * length, an unknown type) must be closed by the server on its own, after at most a FATAL
 * ErrorResponse; any other case is followed by the client's end (FIN), after which the server
 * must answer what it read and close too. Timeouts only detect hangs; nothing asserts speed.
 */
import * as net from 'node:net';
import { limits } from '../../src/index.js';
import type { Rng } from '../lib/rng.js';
import * as raw from './raw.js';

export interface FuzzCase {
  readonly kind: string;
  /** Sent as the first bytes of the connection (true) or after a completed startup (false). */
  readonly beforeStartup: boolean;
  readonly bytes: Buffer;
  /** A frame PostgreSQL refuses: the server must close the connection without the client's end. */
  readonly violation: boolean;
}

/** Frontend message types the server knows (after startup). */
const knownTypes = new Set('QPBEDCHSdcfpXF'.split('').map((c) => c.charCodeAt(0)));

const statements = [
  'select 1',
  'select $1::int + 1',
  "select 'x' || $1",
  'select * from fuzz_t where id = $1',
  'insert into fuzz_t values ($1, $2)',
  'update fuzz_t set v = v where id = $1',
  'begin',
  'commit',
  'rollback',
  'copy fuzz_t from stdin',
  'copy fuzz_t to stdout',
  'select count(*) from fuzz_t',
  'show statement_timeout',
  'savepoint s',
] as const;

/** The table the valid frames touch (created by the harness). */
export const fuzzTableSql = 'create table if not exists fuzz_t (id int, v text)';

function randomBytes(rng: Rng, max: number): Buffer {
  return Buffer.from(Array.from({ length: 1 + rng.int(max) }, () => rng.int(256)));
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0);
  return b;
}

/** One valid frontend frame (or a short valid sequence) for the after-startup phase. */
export function validFrames(rng: Rng): Buffer {
  const sql = rng.pick(statements);
  switch (rng.int(8)) {
    case 0:
      return raw.query(sql);
    case 1:
      return Buffer.concat([raw.parse('', sql), raw.bind({ params: sql.includes('$2') ? ['1', 'x'] : sql.includes('$1') ? ['1'] : [] }), raw.execute('', rng.int(3)), raw.sync()]);
    case 2:
      return Buffer.concat([raw.parse(rng.chance(0.5) ? 'st' : '', sql), raw.describe('S', 'st'), raw.flush(), raw.sync()]);
    case 3:
      return Buffer.concat([raw.bind({ portal: 'p', statement: 'st', params: ['1'], resultFormats: [rng.int(2)] }), raw.describe('P', 'p'), raw.execute('p', 1), raw.close('P', 'p'), raw.sync()]);
    case 4:
      return Buffer.concat([raw.query('copy fuzz_t from stdin'), raw.copyData(`${rng.int(100)}\tfuzz\n`), rng.chance(0.5) ? raw.copyDone() : raw.copyFail('fuzz')]);
    case 5:
      return raw.copyData(randomBytes(rng, 40));
    case 6:
      return Buffer.concat([raw.close(rng.chance(0.5) ? 'S' : 'P', 'st'), raw.sync()]);
    default:
      return Buffer.concat([raw.flush(), raw.sync()]);
  }
}

export function validStartup(database: string): Buffer {
  return raw.startupMessage({ user: 'postgres', database, application_name: 'fuzz' });
}

/** Flip, insert, delete or overwrite a few bytes; or replace a length field. */
export function mutate(rng: Rng, b: Buffer): Buffer {
  let out = Buffer.from(b);
  for (let i = 0, n = 1 + rng.int(3); i < n && out.length > 0; i++) {
    const at = rng.int(out.length);
    switch (rng.int(5)) {
      case 0:
        out[at] = out[at]! ^ (1 << rng.int(8));
        break;
      case 1:
        out[at] = rng.int(256);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), randomBytes(rng, 8), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rng.int(8)))]);
        break;
      default:
        if (out.length >= 5) out.writeInt32BE(rng.pick([0, 1, 4, 5, -1, 0x7fffffff, rng.int(1 << 20)]) | 0, rng.chance(0.5) ? 0 : 1);
    }
  }
  return out;
}

export function truncate(rng: Rng, b: Buffer): Buffer {
  return b.subarray(0, rng.int(b.length));
}

/** A typed message whose declared length is hostile: past the limit, zero, negative, or below 4. */
export function hostileLength(rng: Rng): Buffer {
  const type = rng.pick(['Q', 'P', 'B', 'd', 'E']);
  const len = rng.pick([limits.pgMessageBytesMax + 1, 0x7fffffff, 0, -1, -0x80000000, 1, 3, limits.pgMessageBytesMax + 1 + rng.int(1 << 20)]);
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(len), randomBytes(rng, 16)]);
}

export function unknownType(rng: Rng): Buffer {
  let t = rng.int(256);
  while (knownTypes.has(t)) t = rng.int(256);
  return Buffer.concat([Buffer.from([t]), int32(4 + 3), Buffer.from('abc')]);
}

/** A startup-phase message with a hostile length (past pgStartupBytesMax, zero, negative, below 8). */
export function hostileStartup(rng: Rng): Buffer {
  const len = rng.pick([limits.pgStartupBytesMax + 1 + rng.int(1000), 0x7fffffff, 0, -8, 4, 7]);
  return Buffer.concat([int32(len), int32(raw.protocol30), randomBytes(rng, 16)]);
}

/**
 * A random case. `pgLimits`: judge lengths by PostgreSQL's own limits (validation against a real
 * PostgreSQL, which accepts messages up to 1 GB) instead of BasaltDB's pgMessageBytesMax.
 */
export function makeCase(rng: Rng, database: string, pgLimits = false): FuzzCase {
  switch (rng.int(13)) {
    case 0:
      return { kind: 'random bytes before startup', beforeStartup: true, bytes: randomBytes(rng, 200), violation: false };
    case 1:
      return { kind: 'mutated startup', beforeStartup: true, bytes: mutate(rng, validStartup(database)), violation: false };
    case 2:
      return { kind: 'truncated startup', beforeStartup: true, bytes: truncate(rng, validStartup(database)), violation: false };
    case 3:
      return { kind: 'hostile startup length', beforeStartup: true, bytes: hostileStartup(rng), violation: true };
    case 4:
      // Its type byte and length read as a startup length of over 1 GB.
      return { kind: 'typed message before startup', beforeStartup: true, bytes: raw.query(rng.pick(statements)), violation: true };
    case 5:
      return { kind: 'random bytes', beforeStartup: false, bytes: randomBytes(rng, 200), violation: false };
    case 6:
      return { kind: 'mutated frames', beforeStartup: false, bytes: mutate(rng, validFrames(rng)), violation: false };
    case 7:
      return { kind: 'truncated frames', beforeStartup: false, bytes: truncate(rng, validFrames(rng)), violation: false };
    case 8:
    {
      const bytes = hostileLength(rng);
      const len = bytes.readInt32BE(1);
      return { kind: 'hostile length', beforeStartup: false, bytes, violation: !pgLimits || len < 4 || len > 0x40000000 };
    }
    case 9:
      return { kind: 'unknown message type', beforeStartup: false, bytes: unknownType(rng), violation: true };
    case 10:
      return { kind: 'valid frames then noise', beforeStartup: false, bytes: Buffer.concat([validFrames(rng), randomBytes(rng, 30)]), violation: false };
    case 11:
      return { kind: 'startup again', beforeStartup: false, bytes: validStartup(database), violation: false };
    default:
      return { kind: 'valid frames', beforeStartup: false, bytes: Buffer.concat([validFrames(rng), validFrames(rng)]), violation: false };
  }
}

export interface CaseResult {
  readonly messages: readonly raw.Message[];
  /** The connection was closed within the guard (by the server, or after the client's end). */
  readonly closed: boolean;
}

/** How long a case may go without the server closing (hang detection, not a speed assertion). */
export const caseGuardMs = 10_000;

/**
 * Runs one case on a fresh connection: startup first unless `beforeStartup`, then the bytes. A
 * violation is left for the server to close; any other case half-closes (FIN) right after its
 * bytes, and the server must then finish what it read and close too.
 */
export async function runCase(port: number, database: string, c: FuzzCase): Promise<CaseResult> {
  const conn = c.beforeStartup ? await raw.RawConnection.open(port) : await raw.RawConnection.connect({ port, database, params: { application_name: 'fuzz' } });
  try {
    if (c.violation) conn.write(c.bytes);
    else conn.socket.end(c.bytes);
    const messages = await conn.drain(caseGuardMs);
    return { messages, closed: conn.closed };
  } finally {
    conn.destroy();
  }
}

const backendTypes = new Set('RKSZTDCEINtnsG H W d c 1 2 3 A v V'.replace(/ /g, '').split(''));

/** What is wrong with a case's outcome, or undefined. */
export function checkCase(c: FuzzCase, r: CaseResult): string | undefined {
  for (const m of r.messages) {
    if (!backendTypes.has(m.type)) return `unknown backend message type ${JSON.stringify(m.type)}`;
    if (m.type === 'E' || m.type === 'N') {
      const f = raw.fields(m);
      if (!/^[0-9A-Z]{5}$/.test(f['C'] ?? '')) return `ErrorResponse without a SQLSTATE: ${JSON.stringify(f)}`;
      if (f['M'] === undefined || f['S'] === undefined) return `ErrorResponse without severity or message: ${JSON.stringify(f)}`;
    }
    if (m.type === 'Z' && !['I', 'T', 'E'].includes(raw.readyStatus(m))) return `ReadyForQuery status ${JSON.stringify(raw.readyStatus(m))}`;
  }
  if (!r.closed) return c.violation ? 'a protocol violation did not close the connection' : 'the server did not close the connection after the client ended it (hang)';
  if (c.violation) {
    const last = r.messages[r.messages.length - 1];
    if (last !== undefined && (last.type !== 'E' || raw.fields(last)['S'] !== 'FATAL')) return `a protocol violation ended with ${raw.summary(last)}, not a FATAL ErrorResponse`;
  }
  return undefined;
}

/** Opens `n` connections that send half a message and then stay idle (slowloris). */
export async function slowloris(port: number, database: string, n: number): Promise<net.Socket[]> {
  const out: net.Socket[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const c = await raw.RawConnection.open(port);
      const s = validStartup(database);
      c.write(s.subarray(0, s.length >> 1));
      out.push(c.socket);
    } else {
      const c = await raw.RawConnection.connect({ port, database });
      const q = raw.query('select 1');
      c.write(q.subarray(0, 3));
      out.push(c.socket);
    }
  }
  return out;
}

/** A description of a case for failure messages (bytes in hex, shortened). */
export function describeCase(c: FuzzCase): string {
  const hex = c.bytes.subarray(0, 64).toString('hex');
  return `${c.kind}${c.beforeStartup ? ' (before startup)' : ''}: ${c.bytes.length} bytes ${hex}${c.bytes.length > 64 ? '…' : ''}`;
}
