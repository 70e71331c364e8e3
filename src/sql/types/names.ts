/**
 * Type names: ast.TypeName → SqlType (with PostgreSQL's typmod checks), and SqlType → the text
 * format_type() prints.
 */
import type { TypeName } from '../ast.js';
import { SqlError } from '../errors.js';
import { sqlType, type BaseType, type SqlType } from './type.js';

/** Names (canonical and aliases) → base type. */
const aliases: Readonly<Record<string, BaseType>> = {
  bool: 'bool', boolean: 'bool',
  int2: 'int2', smallint: 'int2',
  int4: 'int4', int: 'int4', integer: 'int4',
  int8: 'int8', bigint: 'int8',
  float4: 'float4', real: 'float4',
  float8: 'float8', 'double precision': 'float8', float: 'float8',
  numeric: 'numeric', decimal: 'numeric',
  text: 'text',
  varchar: 'varchar', 'character varying': 'varchar',
  bpchar: 'bpchar', character: 'bpchar',
  bytea: 'bytea',
  date: 'date',
  time: 'time', 'time without time zone': 'time',
  timestamp: 'timestamp', 'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'jsonb',
  oid: 'oid',
  regclass: 'regclass',
  name: 'name',
  char: 'char',
  unknown: 'unknown',
  void: 'void',
  record: 'record',
};

/** numeric(p, s) typmod as type.ts stores it: (p << 16) | (s & 0xffff). */
export function numericTypmod(precision: number, scale: number): number {
  return (precision << 16) | (scale & 0xffff);
}

/** [precision, scale] of a numeric typmod (scale sign-extended from 16 bits), or null for -1. */
export function numericPrecisionScale(mod: number): [number, number] | null {
  if (mod < 0) return null;
  const p = mod >>> 16;
  let s = mod & 0xffff;
  if (s >= 0x8000) s -= 0x10000;
  return [p, s];
}

function modNotAllowed(base: string, t: TypeName): SqlError {
  return new SqlError('42601', `type modifier is not allowed for type "${base}"`, { offset: t.pos });
}

function invalidParam(message: string, t: TypeName): SqlError {
  return new SqlError('22023', message, { offset: t.pos });
}

function base(t: TypeName): BaseType {
  const b = aliases[t.name];
  if (b === undefined || t.name === 'serial' || t.name === 'bigserial' || t.name === 'smallserial') {
    throw new SqlError('42704', `type "${t.name}" does not exist`, { offset: t.pos });
  }
  return b;
}

/** ast.TypeName → SqlType. */
export function resolveTypeName(t: TypeName): SqlType {
  let b = base(t);
  let mod = -1;
  const mods = t.mods;
  const m0 = mods[0];
  if ((t.name === 'float' || b === 'float4' || b === 'float8') && m0 !== undefined) {
    // float(p): 1–24 bits → real, 25–53 → double precision.
    if (mods.length > 1) throw modNotAllowed(formatBase(b), t);
    if (m0 < 1) throw invalidParam('precision for type float must be at least 1 bit', t);
    if (m0 > 53) throw invalidParam('precision for type float must be less than 54 bits', t);
    return sqlType(m0 <= 24 ? 'float4' : 'float8', -1, t.array);
  }
  if (t.name === 'float') b = 'float8';
  switch (b) {
    case 'numeric':
      if (m0 !== undefined) {
        const scale = mods[1] ?? 0;
        if (mods.length > 2) throw invalidParam('invalid NUMERIC type modifier', t);
        if (m0 < 1 || m0 > 1000) throw invalidParam(`NUMERIC precision ${m0} must be between 1 and 1000`, t);
        if (scale < -1000 || scale > 1000) throw invalidParam(`NUMERIC scale ${scale} must be between -1000 and 1000`, t);
        mod = numericTypmod(m0, scale);
      }
      break;
    case 'varchar':
    case 'bpchar':
      if (m0 !== undefined) {
        const label = b === 'varchar' ? 'varchar' : 'char';
        if (mods.length > 1) throw invalidParam(`invalid type modifier`, t);
        if (m0 < 1) throw invalidParam(`length for type ${label} must be at least 1`, t);
        if (m0 > 10485760) throw invalidParam(`length for type ${label} cannot exceed 10485760`, t);
        mod = m0;
      } else if (b === 'bpchar') mod = 1;
      break;
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      if (m0 !== undefined) {
        if (mods.length > 1) throw invalidParam('invalid type modifier', t);
        if (m0 < 0) throw invalidParam(`${b.toUpperCase()}(${m0}) precision must not be negative`, t);
        mod = m0 > 6 ? 6 : m0;
      }
      break;
    default:
      if (m0 !== undefined) throw modNotAllowed(formatBase(b), t);
  }
  return sqlType(b, mod, t.array);
}

function formatBase(b: BaseType): string {
  switch (b) {
    case 'bool':
      return 'boolean';
    case 'int2':
      return 'smallint';
    case 'int4':
      return 'integer';
    case 'int8':
      return 'bigint';
    case 'float4':
      return 'real';
    case 'float8':
      return 'double precision';
    case 'varchar':
      return 'character varying';
    case 'bpchar':
      return 'character';
    case 'time':
      return 'time without time zone';
    case 'timestamp':
      return 'timestamp without time zone';
    case 'timestamptz':
      return 'timestamp with time zone';
    case 'char':
      return '"char"';
    default:
      return b;
  }
}

/** format_type(): 'integer', 'character varying(10)', 'numeric(10,2)', 'timestamp(3) with time zone', 'integer[]'. */
export function formatTypeName(t: SqlType): string {
  let s: string;
  const m = t.mod;
  switch (t.base) {
    case 'numeric': {
      const ps = numericPrecisionScale(m);
      s = ps === null ? 'numeric' : `numeric(${ps[0]},${ps[1]})`;
      break;
    }
    case 'varchar':
      s = m >= 0 ? `character varying(${m})` : 'character varying';
      break;
    case 'bpchar':
      s = m >= 0 ? `character(${m})` : 'bpchar';
      break;
    case 'time':
      s = m >= 0 ? `time(${m}) without time zone` : 'time without time zone';
      break;
    case 'timestamp':
      s = m >= 0 ? `timestamp(${m}) without time zone` : 'timestamp without time zone';
      break;
    case 'timestamptz':
      s = m >= 0 ? `timestamp(${m}) with time zone` : 'timestamp with time zone';
      break;
    case 'interval':
      s = m >= 0 ? `interval(${m})` : 'interval';
      break;
    default:
      s = formatBase(t.base);
  }
  return t.array ? s + '[]' : s;
}
