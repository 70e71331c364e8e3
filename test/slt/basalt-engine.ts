// sqllogictest adapter for BasaltDB: one fresh in-memory database (MemoryFileSystem, durability
// 'none') per script, statements through the public embedded API `db.query(sql, [], { rowMode:
// 'array' })`. Values arrive in node-postgres' JavaScript mapping; those whose JavaScript form
// would print differently from PostgreSQL's text output (timestamps, floats in exponent range,
// bytea, arrays, json) are turned back into PostgreSQL's text here, so that the runner renders
// exactly what it renders for the postgres engine. Numbers, int8/numeric strings and booleans
// are passed through: the runner's I/R/T rules already treat them as PostgreSQL's text.

import { MemoryFileSystem, open } from '../../src/index.js';
import type { Database } from '../../src/index.js';
import type { SltEngine, SltResult } from './runner.js';

/** A field as the embedded API describes it (name of the type as format_type prints it). */
interface FieldInfo {
  readonly type: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** float8/float4 output as PostgreSQL 15 prints it (shortest digits; exponent below 1e-4 and from 1e15). */
export function pgFloatText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = x.toExponential(); // shortest round-trip digits, e.g. "1.5e+21"
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (m === null) return String(x);
  const e = Number(m[4]);
  if (e < -4 || e >= 15) {
    const sign = e < 0 ? '-' : '+';
    const digits = m[3] === undefined ? m[2]! : `${m[2]!}.${m[3]}`;
    return `${m[1]!}${digits}e${sign}${pad(Math.abs(e))}`;
  }
  return String(x);
}

/** A JavaScript Date (read by its UTC fields) as PostgreSQL's ISO timestamp text. */
function pgTimestampText(d: Date, withZone: boolean): string {
  const y = d.getUTCFullYear();
  const bc = y <= 0;
  const year = pad(bc ? 1 - y : y, 4);
  let s = `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  if (ms !== 0) s += `.${pad(ms, 3).replace(/0+$/, '')}`;
  if (withZone) s += '+00';
  return bc ? `${s} BC` : s;
}

function arrayElementText(v: unknown, elementType: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return `{${v.map((x) => arrayElementText(x, elementType)).join(',')}}`;
  const s = pgText(v, elementType);
  if (s === '' || /[{},"\\\s]/.test(s) || s.toUpperCase() === 'NULL') return `"${s.replace(/(["\\])/g, '\\$1')}"`;
  return s;
}

/** jsonb output: keys as stored, ", " and ": " separators (PostgreSQL's jsonb_out). */
function jsonbText(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${jsonbText(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** One non-null value in PostgreSQL's text output for a column of type `type` (format_type name). */
export function pgText(v: unknown, type: string): string {
  if (type.endsWith('[]') && Array.isArray(v)) return arrayElementText(v, type.slice(0, -2));
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return type === 'double precision' || type === 'real' ? pgFloatText(v) : String(v);
  if (v instanceof Date) return pgTimestampText(v, type.startsWith('timestamp with time zone'));
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  if (type === 'jsonb' && typeof v !== 'string') return jsonbText(v);
  if (type === 'json') return JSON.stringify(v);
  if (typeof v === 'string') return v;
  return String(v as bigint);
}

/** A row's values as the runner should see them (booleans stay booleans: the runner prints 1/0). */
export function toSltRow(row: readonly unknown[], fields: readonly FieldInfo[]): unknown[] {
  const out: unknown[] = new Array<unknown>(row.length);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    const type = fields[i]?.type ?? 'text';
    if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string') out[i] = v ?? null;
    else if (typeof v === 'number' && type !== 'double precision' && type !== 'real') out[i] = v;
    else out[i] = pgText(v, type);
  }
  return out;
}

/** "SQLSTATE message" of an error thrown by the engine (SqlError carries .code). */
export function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : '?????';
  const message = typeof e.message === 'string' ? e.message : String(err);
  return `${code} ${message}`;
}

class BasaltEngine implements SltEngine {
  readonly name = 'postgresql';
  constructor(private readonly db: Database) {}

  async execute(sql: string): Promise<SltResult> {
    try {
      const r = await this.db.query(sql, [], { rowMode: 'array' });
      return { rows: (r.rows as unknown[][]).map((row) => toSltRow(row, r.fields)) };
    } catch (err) {
      return { error: errorText(err) };
    }
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** A fresh, empty BasaltDB in memory. */
export async function newBasaltEngine(): Promise<SltEngine> {
  const db = await open('/basalt-slt', { fs: new MemoryFileSystem(), durability: 'none' });
  return new BasaltEngine(db);
}

export interface BasaltProvider {
  newEngine(): Promise<SltEngine>;
  stop(): Promise<void>;
}

export function startBasalt(): Promise<BasaltProvider> {
  return Promise.resolve({ newEngine: newBasaltEngine, stop: () => Promise.resolve() });
}
