/**
 * Session settings (SET / SHOW / RESET): the parameters BasaltDB knows, their defaults and their
 * validation. Unknown names get PostgreSQL's 42704.
 */
import { SqlError } from './errors.js';

export interface SettingDef {
  /** The name SHOW prints as its column (PostgreSQL's canonical spelling). */
  readonly display: string;
  readonly default: string;
  /** Normalise a value for storage, or throw 22023. */
  readonly check?: (v: string) => string;
  readonly readOnly?: boolean;
  readonly description: string;
}

const isolationNames = ['read uncommitted', 'read committed', 'repeatable read', 'serializable'];

function duration(name: string): (v: string) => string {
  return (v) => {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|min|h|d|us)?\s*$/i.exec(v);
    if (m === null) throw new SqlError('22023', `invalid value for parameter "${name}": "${v}"`);
    const n = Number(m[1]);
    const unit = (m[2] ?? 'ms').toLowerCase();
    const ms = unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'min' ? n * 60000 : unit === 'h' ? n * 3600000 : unit === 'd' ? n * 86400000 : n;
    if (ms < 0 || ms > 2147483647) throw new SqlError('22023', `${ms} ms is outside the valid range for parameter "${name}" (0 .. 2147483647)`);
    return String(Math.round(ms));
  };
}

function oneOf(name: string, values: readonly string[]): (v: string) => string {
  return (v) => {
    const l = v.toLowerCase();
    if (!values.includes(l)) {
      throw new SqlError('22023', `invalid value for parameter "${name}": "${v}"`, { hint: `Available values: ${values.join(', ')}.` });
    }
    return l;
  };
}

function bool(name: string): (v: string) => string {
  return (v) => {
    const l = v.toLowerCase();
    if (['on', 'true', 'yes', '1'].includes(l)) return 'on';
    if (['off', 'false', 'no', '0'].includes(l)) return 'off';
    throw new SqlError('22023', `parameter "${name}" requires a Boolean value`);
  };
}

function timeZone(v: string): string {
  const t = v.trim();
  if (/^[+-]?\d{1,2}(:\d\d)?$/.test(t) || /^(utc|gmt|z)$/i.test(t)) return /^(utc|gmt|z)$/i.test(t) ? 'UTC' : t;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: t });
  } catch {
    throw new SqlError('22023', `invalid value for parameter "TimeZone": "${v}"`);
  }
  return t;
}

export const settingDefs: ReadonlyMap<string, SettingDef> = new Map<string, SettingDef>([
  ['search_path', { display: 'search_path', default: '"$user", public', description: 'Sets the schema search order for names that are not schema-qualified.' }],
  ['statement_timeout', { display: 'statement_timeout', default: '0', check: duration('statement_timeout'), description: 'Sets the maximum allowed duration of any statement (ms).' }],
  ['lock_timeout', { display: 'lock_timeout', default: '0', check: duration('lock_timeout'), description: 'Sets the maximum allowed duration of any wait for a lock (ms).' }],
  ['idle_in_transaction_session_timeout', { display: 'idle_in_transaction_session_timeout', default: '0', check: duration('idle_in_transaction_session_timeout'), description: 'Sets the maximum allowed idle time between queries, when in a transaction (ms).' }],
  ['default_transaction_isolation', { display: 'default_transaction_isolation', default: 'read committed', check: oneOf('default_transaction_isolation', isolationNames), description: 'Sets the transaction isolation level of each new transaction.' }],
  ['default_transaction_read_only', { display: 'default_transaction_read_only', default: 'off', check: bool('default_transaction_read_only'), description: 'Sets the default read-only status of new transactions.' }],
  ['transaction_isolation', { display: 'transaction_isolation', default: 'read committed', readOnly: true, description: "Sets the current transaction's isolation level." }],
  ['transaction_read_only', { display: 'transaction_read_only', default: 'off', readOnly: true, description: "Sets the current transaction's read-only status." }],
  ['timezone', { display: 'TimeZone', default: 'UTC', check: timeZone, description: 'Sets the time zone for displaying and interpreting time stamps.' }],
  ['datestyle', { display: 'DateStyle', default: 'ISO, MDY', check: dateStyle, description: 'Sets the display format for date and time values.' }],
  ['intervalstyle', { display: 'IntervalStyle', default: 'postgres', check: oneOf('IntervalStyle', ['postgres', 'postgres_verbose', 'sql_standard', 'iso_8601']), description: 'Sets the display format for interval values.' }],
  ['extra_float_digits', { display: 'extra_float_digits', default: '1', check: intRange('extra_float_digits', -15, 3), description: 'Sets the number of digits displayed for floating-point values.' }],
  ['client_min_messages', { display: 'client_min_messages', default: 'notice', check: oneOf('client_min_messages', ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'debug', 'log', 'notice', 'warning', 'error']), description: 'Sets the message levels that are sent to the client.' }],
  ['application_name', { display: 'application_name', default: '', description: 'Sets the application name to be reported in statistics and logs.' }],
  ['client_encoding', { display: 'client_encoding', default: 'UTF8', check: encoding, description: "Sets the client's character set encoding." }],
  ['server_encoding', { display: 'server_encoding', default: 'UTF8', readOnly: true, description: 'Shows the server (database) character set encoding.' }],
  ['server_version', { display: 'server_version', default: '15.0 (BasaltDB)', readOnly: true, description: 'Shows the server version.' }],
  ['server_version_num', { display: 'server_version_num', default: '150000', readOnly: true, description: 'Shows the server version as an integer.' }],
  ['standard_conforming_strings', { display: 'standard_conforming_strings', default: 'on', check: bool('standard_conforming_strings'), description: "Causes '...' strings to treat backslashes literally." }],
  ['integer_datetimes', { display: 'integer_datetimes', default: 'on', readOnly: true, description: 'Shows whether datetimes are integer based.' }],
  ['max_identifier_length', { display: 'max_identifier_length', default: '63', readOnly: true, description: 'Shows the maximum identifier length.' }],
  ['is_superuser', { display: 'is_superuser', default: 'on', readOnly: true, description: 'Shows whether the current user is a superuser.' }],
  ['synchronous_commit', { display: 'synchronous_commit', default: 'on', check: oneOf('synchronous_commit', ['on', 'off', 'local', 'remote_write', 'remote_apply']), description: 'Sets the current transaction\'s synchronization level (accepted; durability is the database\'s).' }],
  ['row_security', { display: 'row_security', default: 'on', check: bool('row_security'), description: 'Enable row security (accepted, no effect).' }],
  ['password_encryption', { display: 'password_encryption', default: 'scram-sha-256', check: oneOf('password_encryption', ['md5', 'scram-sha-256']), description: 'Chooses the algorithm for encrypting passwords.' }],
  ['session_authorization', { display: 'session_authorization', default: 'postgres', readOnly: true, description: 'Sets the session user name.' }],
]);

function intRange(name: string, lo: number, hi: number): (v: string) => string {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new SqlError('22023', `invalid value for parameter "${name}": "${v}"`);
    if (n < lo || n > hi) throw new SqlError('22023', `${n} is outside the valid range for parameter "${name}" (${lo} .. ${hi})`);
    return String(n);
  };
}

function encoding(v: string): string {
  const l = v.toUpperCase().replace(/[-_]/g, '');
  if (l === 'UTF8' || l === 'UNICODE') return 'UTF8';
  throw new SqlError('22023', `invalid value for parameter "client_encoding": "${v}"`);
}

function dateStyle(v: string): string {
  let style = 'ISO';
  let order: string | null = null;
  for (const part of v.split(',').map((p) => p.trim().toLowerCase())) {
    if (part === 'iso') style = 'ISO';
    else if (part === 'sql') style = 'SQL';
    else if (part === 'postgres') style = 'Postgres';
    else if (part === 'german') style = 'German';
    else if (part === 'mdy' || part === 'us' || part === 'noneuropean') order = 'MDY';
    else if (part === 'dmy' || part === 'european' || part === 'euro') order = 'DMY';
    else if (part === 'ymd') order = 'YMD';
    else throw new SqlError('22023', `invalid value for parameter "DateStyle": "${v}"`);
  }
  // As in PostgreSQL, German without an explicit order implies DMY.
  return `${style}, ${order ?? (style === 'German' ? 'DMY' : 'MDY')}`;
}

/** Canonical key of a setting name, or 42704. */
export function settingKey(name: string): string {
  const k = name.toLowerCase();
  if (k === 'time zone') return 'timezone';
  if (k === 'names') return 'client_encoding';
  if (!settingDefs.has(k)) throw new SqlError('42704', `unrecognized configuration parameter "${name}"`);
  return k;
}
