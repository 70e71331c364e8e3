/**
 * SQL types and their run-time values: the contract between the parser, the planner, the
 * executor, the functions and the wire server.
 *
 * | SQL type                      | base          | JS value while executing                        |
 * |-------------------------------|---------------|-------------------------------------------------|
 * | boolean                       | bool          | boolean                                         |
 * | smallint, integer             | int2, int4    | number (an integer in range)                    |
 * | bigint                        | int8          | bigint                                          |
 * | real, double precision        | float4, float8| number (float4 values are rounded with Math.fround) |
 * | numeric(p,s)                  | numeric       | Numeric (exact decimal, also NaN and ±Infinity) |
 * | text, varchar(n), char(n)     | text, varchar, bpchar | string (bpchar keeps its padding)       |
 * | bytea                         | bytea         | Uint8Array                                      |
 * | date                          | date          | number: days since 2000-01-01, ±Infinity for ±infinity |
 * | time                          | time          | number: microseconds since midnight             |
 * | timestamp, timestamptz        | timestamp, timestamptz | bigint: microseconds since 2000-01-01 00:00 (UTC for tz); ±infinity are the int8 extremes |
 * | interval                      | interval      | Interval                                        |
 * | uuid                          | uuid          | string (canonical lower-case 8-4-4-4-12)        |
 * | json                          | json          | string (the text as given, validated)           |
 * | jsonb                         | jsonb         | Jsonb (parsed, canonical)                       |
 * | t[]                           | same, array   | Value[] (one dimension; elements may be null)   |
 * | oid, regclass                 | oid, regclass | number                                          |
 * | name, "char"                  | name, char    | string                                          |
 * | NULL of any type              |               | null                                            |
 * | unknown ('…' literal)         | unknown       | string                                          |
 */
import type { Interval } from './interval.js';
import type { Jsonb } from './jsonb.js';
import type { Numeric } from './numeric.js';

export const baseTypes = [
  'bool',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'text',
  'varchar',
  'bpchar',
  'bytea',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
  'json',
  'jsonb',
  'oid',
  'regclass',
  'name',
  'char',
  'unknown',
  'void',
  'record',
] as const;
export type BaseType = (typeof baseTypes)[number];

/** A SQL type: a base type, its modifier, and whether it is a one-dimensional array of it. */
export interface SqlType {
  readonly base: BaseType;
  /**
   * PostgreSQL's typmod, -1 when none: varchar(n)/bpchar(n) → n; numeric(p,s) → (p << 16) | s
   * (without the +4 PostgreSQL adds); time(p)/timestamp(p)/interval(p) → p.
   */
  readonly mod: number;
  readonly array: boolean;
}

export type Value = null | boolean | number | bigint | string | Uint8Array | Numeric | Interval | Jsonb | readonly Value[];

/** Session settings that change how values are read, written and computed. */
export interface TypeContext {
  /** IANA name or a fixed offset such as 'UTC', 'Europe/Paris', '+02:00'; default 'UTC'. */
  readonly timeZone: string;
  /** 'ISO, MDY' (the default), 'ISO, DMY', 'SQL, …', 'Postgres, …', 'German, …'. */
  readonly dateStyle: string;
  /** 'postgres' (the default), 'iso_8601', 'sql_standard', 'postgres_verbose'. */
  readonly intervalStyle: string;
  /** extra_float_digits: 1 (the default) prints floats with the shortest exact text. */
  readonly extraFloatDigits: number;
  /** The statement's start time (now(), CURRENT_TIMESTAMP), microseconds since 2000-01-01 UTC. */
  readonly statementTime: bigint;
  /** The transaction's start time (now() is the transaction start in PostgreSQL). */
  readonly transactionTime: bigint;
  /** Catalog names for regclass input and output (the session sets it); absent: plain numbers. */
  readonly oidNames?: { regclassName(oid: number): string | undefined; regclassOid(text: string): number | undefined };
}

export const defaultTypeContext: TypeContext = {
  timeZone: 'UTC',
  dateStyle: 'ISO, MDY',
  intervalStyle: 'postgres',
  extraFloatDigits: 1,
  statementTime: 0n,
  transactionTime: 0n,
};

const cache = new Map<string, SqlType>();

/** The interned SqlType for (base, mod, array): equal types are the same object. */
export function sqlType(base: BaseType, mod = -1, array = false): SqlType {
  const key = `${base}/${mod}/${array ? 1 : 0}`;
  let t = cache.get(key);
  if (t === undefined) {
    t = Object.freeze({ base, mod, array });
    cache.set(key, t);
  }
  return t;
}

/** Common types, interned. */
export const T = {
  bool: sqlType('bool'),
  int2: sqlType('int2'),
  int4: sqlType('int4'),
  int8: sqlType('int8'),
  float4: sqlType('float4'),
  float8: sqlType('float8'),
  numeric: sqlType('numeric'),
  text: sqlType('text'),
  varchar: sqlType('varchar'),
  bpchar: sqlType('bpchar'),
  bytea: sqlType('bytea'),
  date: sqlType('date'),
  time: sqlType('time'),
  timestamp: sqlType('timestamp'),
  timestamptz: sqlType('timestamptz'),
  interval: sqlType('interval'),
  uuid: sqlType('uuid'),
  json: sqlType('json'),
  jsonb: sqlType('jsonb'),
  oid: sqlType('oid'),
  regclass: sqlType('regclass'),
  name: sqlType('name'),
  char: sqlType('char'),
  unknown: sqlType('unknown'),
  void: sqlType('void'),
  record: sqlType('record'),
} as const;

/** The element type of an array type (the type itself otherwise). */
export function elementType(t: SqlType): SqlType {
  return t.array ? sqlType(t.base, t.mod, false) : t;
}

/** The array type whose elements are `t`. */
export function arrayOf(t: SqlType): SqlType {
  return sqlType(t.base, t.mod, true);
}

/** Type OIDs as PostgreSQL numbers them: [scalar, array]. */
export const typeOids: Readonly<Record<BaseType, readonly [number, number]>> = {
  bool: [16, 1000],
  bytea: [17, 1001],
  char: [18, 1002],
  name: [19, 1003],
  int8: [20, 1016],
  int2: [21, 1005],
  int4: [23, 1007],
  regclass: [2205, 2210],
  text: [25, 1009],
  oid: [26, 1028],
  json: [114, 199],
  float4: [700, 1021],
  float8: [701, 1022],
  unknown: [705, 0],
  bpchar: [1042, 1014],
  varchar: [1043, 1015],
  date: [1082, 1182],
  time: [1083, 1183],
  timestamp: [1114, 1115],
  timestamptz: [1184, 1185],
  interval: [1186, 1187],
  numeric: [1700, 1231],
  uuid: [2950, 2951],
  jsonb: [3802, 3807],
  void: [2278, 0],
  record: [2249, 2287],
};

export function typeOid(t: SqlType): number {
  const o = typeOids[t.base];
  return t.array ? o[1] : o[0];
}

let byOid: Map<number, SqlType> | null = null;

/** The type with this OID, or undefined. */
export function typeFromOid(oid: number): SqlType | undefined {
  if (byOid === null) {
    byOid = new Map();
    for (const b of baseTypes) {
      const [s, a] = typeOids[b];
      byOid.set(s, sqlType(b));
      if (a !== 0) byOid.set(a, sqlType(b, -1, true));
    }
  }
  return byOid.get(oid);
}

/** Numeric category order of PostgreSQL's implicit numeric promotions. */
export function isNumericType(t: SqlType): boolean {
  return !t.array && (t.base === 'int2' || t.base === 'int4' || t.base === 'int8' || t.base === 'float4' || t.base === 'float8' || t.base === 'numeric');
}

export function isStringType(t: SqlType): boolean {
  return !t.array && (t.base === 'text' || t.base === 'varchar' || t.base === 'bpchar' || t.base === 'name');
}
