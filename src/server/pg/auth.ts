/**
 * Password authentication exchanges of the PostgreSQL protocol, as pure logic (no sockets): the
 * connection sends each `AuthRequest` as an Authentication message and feeds the body of every
 * 'p' message the client answers with to `receive`, until `done`.
 *
 * Authentication message ('R'): int32 length, int32 code, then per code:
 *
 * | code | name                  | data after the code                                        |
 * |------|-----------------------|------------------------------------------------------------|
 * | 0    | AuthenticationOk      | —                                                          |
 * | 3    | CleartextPassword     | —                                                          |
 * | 5    | MD5Password           | byte[4] salt                                               |
 * | 10   | SASL                  | mechanism names, each NUL-terminated, then a NUL           |
 * | 11   | SASLContinue          | server-first-message (RFC 5802)                            |
 * | 12   | SASLFinal             | server-final-message `v=<ServerSignature base64>`          |
 *
 * Client 'p' bodies, by exchange state:
 *
 * | answer to        | body                                                                   |
 * |------------------|------------------------------------------------------------------------|
 * | 3 (cleartext)    | password, NUL-terminated                                               |
 * | 5 (md5)          | 'md5' + hex(md5(hex(md5(password ‖ user)) ‖ salt)), NUL-terminated     |
 * | 10 (SASL)        | SASLInitialResponse: mechanism NUL-terminated, int32 n (-1: none), byte[n] client-first-message |
 * | 11 (SASLContinue)| SASLResponse: client-final-message                                     |
 *
 * SCRAM-SHA-256 (RFC 5802 / RFC 7677) as PostgreSQL 15 runs it: only SCRAM-SHA-256 is offered
 * (no channel binding, so never SCRAM-SHA-256-PLUS); the client-first-message is gs2 header
 * `n,,` or `y,,` (no authzid) then `n=<ignored>,r=<client nonce>`; the server answers
 * `r=<client nonce><server nonce>,s=<salt>,i=<iterations>` from the role's stored verifier; the
 * client-final-message `c=biws|eSws,r=<nonce>,p=<proof>` is checked by
 * SHA-256(proof XOR HMAC(StoredKey, AuthMessage)) = StoredKey, and the server proves itself with
 * HMAC(ServerKey, AuthMessage).
 *
 * Failures look the same whatever the cause — unknown user, no password, expired VALID UNTIL,
 * wrong password, or a verifier the method cannot use: 28P01 `password authentication failed for
 * user "x"` at the end of a complete exchange (a mock one when there is no usable verifier, with
 * a salt derived from the user name so that it is stable, as PostgreSQL does). Secrets are
 * compared in constant time. A NOLOGIN role that authenticates correctly gets 28000.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RoleInfo } from '../../sql/catalog.js';
import { SqlError } from '../../sql/errors.js';
import { hmac, isMd5Secret, md5Hex, parseScramSecret, safeEqual, scramIterations, scramSaltBytes, verifyPlainPassword, type ScramSecret } from '../../sql/password.js';
import { roleValidAt } from '../../sql/roles.js';

export const authMethods = ['trust', 'password', 'md5', 'scram-sha-256'] as const;
export type AuthMethod = (typeof authMethods)[number];

export function isAuthMethod(v: string): v is AuthMethod {
  return (authMethods as readonly string[]).includes(v);
}

/** An Authentication message: int32 code and the rest of the message. */
export interface AuthRequest {
  readonly code: number;
  readonly data: Uint8Array;
}

export interface AuthOptions {
  /** password_encryption: which exchange the md5 method uses for a role without a usable verifier (default scram-sha-256). */
  readonly passwordEncryption?: 'md5' | 'scram-sha-256';
  /** Now, in microseconds since 2000-01-01 UTC (VALID UNTIL); default: the clock. */
  readonly nowMicros?: () => bigint;
}

export const authCodes = { ok: 0, cleartext: 3, md5: 5, sasl: 10, saslContinue: 11, saslFinal: 12 } as const;

const mechanism = 'SCRAM-SHA-256';
/** PostgreSQL's SCRAM_RAW_NONCE_LEN. */
const serverNonceBytes = 18;
const md5SaltBytes = 4;
/** Seeds the mock salts of users without a usable verifier (PostgreSQL keeps one per cluster). */
const mockNonce = randomBytes(32);
const unixEpochIn2000Micros = 946684800000000n;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

type State = 'start' | 'cleartext' | 'md5' | 'sasl-first' | 'sasl-final' | 'done';

export class AuthExchange {
  private state: State = 'start';
  /** The exchange actually run: md5 falls back to SCRAM for a SCRAM verifier (as PostgreSQL). */
  private readonly exchange: 'trust' | 'cleartext' | 'md5' | 'scram';
  /** The role's verifier if it may be used now (exists, has a password, not expired), else null. */
  private readonly secret: string | null;
  private md5Salt: Uint8Array = new Uint8Array(0);
  private scram: { secret: ScramSecret; doomed: boolean; gs2: string; clientFirstBare: string; serverFirst: string; nonce: string } | null = null;

  constructor(
    method: AuthMethod,
    private readonly user: string,
    private readonly role: RoleInfo | undefined,
    options: AuthOptions = {},
  ) {
    const now = options.nowMicros?.() ?? BigInt(Date.now()) * 1000n - unixEpochIn2000Micros;
    this.secret = role !== undefined && role.password !== null && roleValidAt(role, now) ? role.password : null;
    switch (method) {
      case 'trust':
        this.exchange = 'trust';
        break;
      case 'password':
        this.exchange = 'cleartext';
        break;
      case 'md5': {
        const md5 = this.secret === null ? options.passwordEncryption === 'md5' : isMd5Secret(this.secret);
        this.exchange = md5 ? 'md5' : 'scram';
        break;
      }
      case 'scram-sha-256':
        this.exchange = 'scram';
        break;
      default: {
        const never: never = method;
        throw new Error(`auth: unknown method ${String(never)}`);
      }
    }
  }

  /** The first Authentication message to send (code 0: trust, authenticated already). */
  start(): AuthRequest {
    if (this.state !== 'start') throw protocolError('authentication already started');
    switch (this.exchange) {
      case 'trust':
        this.state = 'done';
        this.checkLogin();
        return { code: authCodes.ok, data: new Uint8Array(0) };
      case 'cleartext':
        this.state = 'cleartext';
        return { code: authCodes.cleartext, data: new Uint8Array(0) };
      case 'md5':
        this.state = 'md5';
        this.md5Salt = randomBytes(md5SaltBytes);
        return { code: authCodes.md5, data: this.md5Salt };
      case 'scram':
        this.state = 'sasl-first';
        return { code: authCodes.sasl, data: encoder.encode(`${mechanism}\0\0`) };
    }
  }

  /**
   * The body of the client's 'p' message. Returns the next message to send, or with `done` the
   * last one before AuthenticationOk (SASLFinal for SCRAM; null otherwise). Throws SqlError
   * 28P01 / 28000 on failure and 08P01 on a malformed message.
   */
  receive(body: Uint8Array): { send: AuthRequest | null; done: boolean } {
    switch (this.state) {
      case 'cleartext':
        this.state = 'done';
        this.checkCleartext(passwordPacket(body));
        return { send: null, done: true };
      case 'md5':
        this.state = 'done';
        this.checkMd5(passwordPacket(body));
        return { send: null, done: true };
      case 'sasl-first':
        this.state = 'sasl-final';
        return { send: { code: authCodes.saslContinue, data: encoder.encode(this.saslFirst(body)) }, done: false };
      case 'sasl-final':
        this.state = 'done';
        return { send: { code: authCodes.saslFinal, data: encoder.encode(this.saslFinal(body)) }, done: true };
      default:
        throw protocolError('unexpected password message');
    }
  }

  private fail(): never {
    throw new SqlError('28P01', `password authentication failed for user "${this.user}"`);
  }

  /** After a successful exchange (or trust): the role must exist and have LOGIN. */
  private checkLogin(): void {
    if (this.role === undefined) throw new SqlError('28000', `role "${this.user}" does not exist`);
    if (!this.role.login) throw new SqlError('28000', `role "${this.user}" is not permitted to log in`);
  }

  // ---- cleartext -------------------------------------------------------------------------------

  private checkCleartext(password: string): void {
    if (password === '') throw new SqlError('28P01', 'empty password returned by client');
    // Without a usable verifier, check against a mock one anyway: the same work either way.
    const secret = this.secret ?? mockScramText(this.user);
    const ok = verifyPlainPassword(this.user, secret, password);
    if (!ok || this.secret === null) this.fail();
    this.checkLogin();
  }

  // ---- md5 -------------------------------------------------------------------------------------

  private checkMd5(response: string): void {
    const stored = this.secret !== null && isMd5Secret(this.secret) ? this.secret.slice(3) : md5Hex(randomBytes(16));
    const expected = `md5${md5Hex(Buffer.concat([Buffer.from(stored, 'ascii'), this.md5Salt]))}`;
    const ok = safeEqual(Buffer.from(response, 'utf8'), Buffer.from(expected, 'ascii'));
    if (!ok || this.secret === null) this.fail();
    this.checkLogin();
  }

  // ---- SCRAM-SHA-256 ---------------------------------------------------------------------------

  /** SASLInitialResponse with the client-first-message → server-first-message. */
  private saslFirst(body: Uint8Array): string {
    const r = new BodyReader(body);
    const mech = r.cstring();
    if (mech !== mechanism) throw protocolError('client selected an invalid SASL authentication mechanism');
    const n = r.int32();
    if (n < 0 || n !== r.remaining()) throw malformed('The client-first-message is missing or its length is wrong.');
    const message = decoder.decode(r.rest());
    const { gs2, bare, clientNonce } = parseClientFirst(message);
    const parsed = this.secret === null ? null : parseScramSecret(this.secret);
    const secret = parsed ?? mockScramSecret(this.user);
    const nonce = clientNonce + randomBytes(serverNonceBytes).toString('base64');
    const serverFirst = `r=${nonce},s=${Buffer.from(secret.salt).toString('base64')},i=${secret.iterations}`;
    this.scram = { secret, doomed: parsed === null, gs2, clientFirstBare: bare, serverFirst, nonce };
    return serverFirst;
  }

  /** SASLResponse with the client-final-message → server-final-message. */
  private saslFinal(body: Uint8Array): string {
    const s = this.scram!;
    const message = decoder.decode(body);
    const m = /^c=([^,]*),r=([^,]*)((?:,[a-zA-Z]=[^,]*)*?),p=([^,]*)$/.exec(message);
    if (m === null) throw malformed('The client-final-message is not c=…,r=…,p=….');
    if (Buffer.from(m[1]!, 'base64').toString('latin1') !== s.gs2 || !/^[A-Za-z0-9+/]*={0,2}$/.test(m[1]!)) {
      throw protocolError('SCRAM channel binding check failed');
    }
    if (m[2] !== s.nonce) throw malformed('Nonce does not match.');
    const proof = Buffer.from(m[4]!, 'base64');
    if (proof.length !== 32 || !/^[A-Za-z0-9+/]*={0,2}$/.test(m[4]!)) throw malformed('Malformed proof in client-final-message.');
    const withoutProof = message.slice(0, message.length - m[4]!.length - 3);
    const authMessage = `${s.clientFirstBare},${s.serverFirst},${withoutProof}`;
    const signature = hmac(s.secret.storedKey, authMessage);
    const clientKey = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) clientKey[i] = proof[i]! ^ signature[i]!;
    const ok = safeEqual(createHash('sha256').update(clientKey).digest(), s.secret.storedKey);
    if (!ok || s.doomed) this.fail();
    this.checkLogin();
    return `v=${hmac(s.secret.serverKey, authMessage).toString('base64')}`;
  }
}

/** gs2 header and client-first-message-bare of a client-first-message. */
function parseClientFirst(message: string): { gs2: string; bare: string; clientNonce: string } {
  const flag = message[0];
  if (flag === 'p') throw malformed('The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.');
  if ((flag !== 'n' && flag !== 'y') || message[1] !== ',') throw malformed(`Unexpected channel-binding flag "${flag ?? ''}".`);
  if (message[2] === 'a' && message[3] === '=') throw new SqlError('0A000', 'client uses authorization identity, but it is not supported');
  if (message[2] !== ',') throw malformed('Unexpected attribute in the gs2 header.');
  const gs2 = message.slice(0, 3);
  const bare = message.slice(3);
  if (bare.startsWith('m=')) throw new SqlError('0A000', 'client requires an unsupported SCRAM extension');
  const m = /^n=[^,]*,r=([^,]*)(,.*)?$/.exec(bare);
  if (m === null) throw malformed('The client-first-message-bare is not n=…,r=….');
  const clientNonce = m[1]!;
  // printable = %x21-2B / %x2D-7E: ASCII without space, comma or DEL.
  if (clientNonce === '' || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) throw malformed('The client nonce contains an invalid character.');
  return { gs2, bare, clientNonce };
}

/** A verifier for a user without one: a stable salt from the user name, keys that match nothing. */
function mockScramSecret(user: string): ScramSecret {
  const salt = createHash('sha256').update(user).update(mockNonce).digest().subarray(0, scramSaltBytes);
  return { iterations: scramIterations, salt, storedKey: randomBytes(32), serverKey: randomBytes(32) };
}

function mockScramText(user: string): string {
  const s = mockScramSecret(user);
  const b = (x: Uint8Array): string => Buffer.from(x).toString('base64');
  return `SCRAM-SHA-256$${s.iterations}:${b(s.salt)}$${b(s.storedKey)}:${b(s.serverKey)}`;
}

/** PasswordMessage body: a NUL-terminated string and nothing after it. */
function passwordPacket(body: Uint8Array): string {
  const nul = body.indexOf(0);
  if (nul !== body.length - 1) throw protocolError('invalid password packet size');
  return decoder.decode(body.subarray(0, nul));
}

function protocolError(message: string): SqlError {
  return new SqlError('08P01', message);
}

function malformed(detail: string): SqlError {
  return new SqlError('08P01', 'malformed SCRAM message', { detail });
}

class BodyReader {
  private at = 0;
  constructor(private readonly body: Uint8Array) {}

  cstring(): string {
    const nul = this.body.indexOf(0, this.at);
    if (nul < 0) throw protocolError('invalid SASL message: unterminated string');
    const s = decoder.decode(this.body.subarray(this.at, nul));
    this.at = nul + 1;
    return s;
  }

  int32(): number {
    if (this.at + 4 > this.body.length) throw protocolError('invalid SASL message: too short');
    const v = new DataView(this.body.buffer, this.body.byteOffset + this.at, 4).getInt32(0);
    this.at += 4;
    return v;
  }

  remaining(): number {
    return this.body.length - this.at;
  }

  rest(): Uint8Array {
    const r = this.body.subarray(this.at);
    this.at = this.body.length;
    return r;
  }
}
