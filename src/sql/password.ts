/**
 * Password verifiers, as PostgreSQL 15 stores them in pg_authid.rolpassword. Clear text is never
 * stored: CREATE/ALTER ROLE … PASSWORD turns it into one of
 *
 * | form                                                        | when                                   |
 * |-------------------------------------------------------------|----------------------------------------|
 * | `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` | password_encryption = 'scram-sha-256'  |
 * | `md5<32 lower-case hex digits>` = 'md5' + md5(password ‖ role name) | password_encryption = 'md5'    |
 *
 * (salt, StoredKey and ServerKey in standard base64; RFC 5802 / RFC 7677:
 *  SaltedPassword = PBKDF2-HMAC-SHA-256(SASLprep(password), salt, iterations, 32),
 *  StoredKey = SHA-256(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key")).
 * A password that already has one of these forms is stored as given (PostgreSQL does this, so a
 * verifier copied from PostgreSQL logs in with the same password).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** PostgreSQL's defaults: SCRAM_DEFAULT_ITERATIONS and SCRAM_DEFAULT_SALT_LEN. */
export const scramIterations = 4096;
export const scramSaltBytes = 16;
const scramKeyBytes = 32;

export interface ScramSecret {
  readonly iterations: number;
  readonly salt: Uint8Array;
  readonly storedKey: Uint8Array;
  readonly serverKey: Uint8Array;
}

export type PasswordType = 'md5' | 'scram-sha-256' | 'plain';

const base64Re = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !base64Re.test(text)) return null;
  return Buffer.from(text, 'base64');
}

/** A stored SCRAM verifier's parts, or null when `text` is not one (PostgreSQL's parse_scram_secret). */
export function parseScramSecret(text: string): ScramSecret | null {
  const m = /^SCRAM-SHA-256\$(\d+):([^$:]+)\$([^$:]+):([^$:]+)$/.exec(text);
  if (m === null) return null;
  const iterations = Number(m[1]);
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 0x7fffffff) return null;
  const salt = decodeBase64(m[2]!);
  const storedKey = decodeBase64(m[3]!);
  const serverKey = decodeBase64(m[4]!);
  if (salt === null || storedKey === null || serverKey === null) return null;
  if (storedKey.length !== scramKeyBytes || serverKey.length !== scramKeyBytes) return null;
  return { iterations, salt, storedKey, serverKey };
}

/** Whether `text` is an md5 verifier: 'md5' and 32 lower-case hex digits. */
export function isMd5Secret(text: string): boolean {
  return /^md5[0-9a-f]{32}$/.test(text);
}

/** How a PASSWORD string is stored: as given (a verifier) or encrypted (plain). */
export function passwordType(text: string): PasswordType {
  if (isMd5Secret(text)) return 'md5';
  if (parseScramSecret(text) !== null) return 'scram-sha-256';
  return 'plain';
}

export function md5Hex(data: string | Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/** 'md5' + md5(password ‖ role name). */
export function md5Secret(password: string, role: string): string {
  return `md5${md5Hex(password + role)}`;
}

/** The keys of a password for a salt and iteration count. */
export function scramKeys(password: string, salt: Uint8Array, iterations: number): { storedKey: Buffer; serverKey: Buffer } {
  const salted = pbkdf2Sync(Buffer.from(saslprep(password), 'utf8'), salt, iterations, scramKeyBytes, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return { storedKey: createHash('sha256').update(clientKey).digest(), serverKey: hmac(salted, 'Server Key') };
}

/** A new SCRAM-SHA-256 verifier with a random salt. */
export function scramSecret(password: string, salt: Uint8Array = randomBytes(scramSaltBytes), iterations = scramIterations): string {
  const { storedKey, serverKey } = scramKeys(password, salt, iterations);
  return `SCRAM-SHA-256$${iterations}:${Buffer.from(salt).toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** The verifier to store for PASSWORD `password` of role `role` (a verifier given is kept as is). */
export function encryptPassword(password: string, role: string, encryption: 'md5' | 'scram-sha-256'): string {
  if (passwordType(password) !== 'plain') return password;
  return encryption === 'md5' ? md5Secret(password, role) : scramSecret(password);
}

/** Whether clear-text `password` matches the stored verifier (PostgreSQL's plain_crypt_verify), in constant time. */
export function verifyPlainPassword(role: string, secret: string, password: string): boolean {
  if (isMd5Secret(secret)) return safeEqual(Buffer.from(md5Secret(password, role)), Buffer.from(secret));
  const s = parseScramSecret(secret);
  if (s === null) return false;
  return safeEqual(scramKeys(password, s.salt, s.iterations).serverKey, s.serverKey);
}

export function hmac(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** Equal-length comparison in constant time (different lengths: false, which only leaks the length). */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- SASLprep (RFC 4013), as PostgreSQL applies it to passwords ---------------------------------

/** RFC 3454 B.1: characters mapped to nothing. */
const mappedToNothing = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
/** RFC 3454 C.1.2: non-ASCII spaces, mapped to a space. */
const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/gu;
/** RFC 3454 C.2–C.9: prohibited output (controls, private use, non-characters, surrogates, tagging, change-display). */
const prohibited =
  /[\u0000-\u001F\u007F-\u009F\u06DD\u070F\u180E\u200C\u200D\u2028\u2029\u2060-\u2063\u206A-\u206F\uFEFF\uFFF9-\uFFFC\uFFFD\uE000-\uF8FF\uFDD0-\uFDEF\u0340\u0341\u200E\u200F\u202A-\u202E\u2FF0-\u2FFB\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]|[\u{FFFE}\u{FFFF}\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}]|\p{Cs}|\p{Cn}/u;
/** RFC 3454 D.1: characters with bidirectional property R or AL. */
const randALRanges =
  '\u05BE\u05C0\u05C3\u05D0-\u05EA\u05F0-\u05F4\u061B\u061F\u0621-\u063A\u0640-\u064A\u066D-\u066F\u0671-\u06D5\u06DD\u06E5\u06E6' +
  '\u06FA-\u06FE\u0700-\u070D\u0710\u0712-\u072C\u0780-\u07A5\u07B1\u200F\uFB1D\uFB1F-\uFB28\uFB2A-\uFB36\uFB38-\uFB3C\uFB3E' +
  '\uFB40\uFB41\uFB43\uFB44\uFB46-\uFBB1\uFBD3-\uFD3D\uFD50-\uFD8F\uFD92-\uFDC7\uFDF0-\uFDFC\uFE70-\uFE74\uFE76-\uFEFC';
const randAL = new RegExp(`[${randALRanges}]`, 'u');
/** RFC 3454 D.2 (bidirectional property L), approximated as letters and spacing marks that are not R/AL. */
const leftToRight = new RegExp(`(?![${randALRanges}])[\\p{L}\\p{Mc}]`, 'u');

/**
 * SASLprep of a password. As in PostgreSQL, a password that SASLprep rejects (prohibited
 * characters, bad bidirectional text) is used as it is; ASCII passwords are unchanged.
 * Unassigned code points are judged by Node's Unicode tables, not RFC 3454's Unicode 3.2 (A.1).
 */
export function saslprep(password: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(password)) return password;
  const mapped = password.replace(nonAsciiSpace, ' ').replace(mappedToNothing, '').normalize('NFKC');
  if (prohibited.test(mapped)) return password;
  if (randAL.test(mapped)) {
    const chars = [...mapped];
    if (leftToRight.test(mapped) || !randAL.test(chars[0]!) || !randAL.test(chars[chars.length - 1]!)) return password;
  }
  return mapped;
}
