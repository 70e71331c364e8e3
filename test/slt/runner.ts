// Runs parsed sqllogictest records through an engine adapter and compares the results.
// Rendering follows ../shared/sqllogictest/README.md: I = integer truncated toward zero,
// R = printf("%.3f"), T = text, NULL, (empty), '@' for bytes outside 0x20-0x7e, booleans 1/0.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { appliesTo, parseScript } from './format.js';
import type { QueryRecord, SltRecord, StatementRecord } from './format.js';

export type SltResult = { rows: unknown[][] } | { error: string };

export interface SltEngine {
  name: string;
  execute(sql: string): Promise<SltResult>;
  close(): Promise<void>;
}

export interface SltFailure {
  readonly file: string;
  readonly line: number;
  readonly kind: 'statement' | 'query';
  readonly sql: string;
  readonly expected: string;
  readonly got: string;
}

export interface SltFileResult {
  readonly file: string;
  passed: number;
  failed: number;
  /** Records not run because of skipif/onlyif (or after a halt). */
  skipped: number;
  halted: boolean;
  readonly failures: SltFailure[];
}

export interface RunOptions {
  /** Engine name matched against skipif/onlyif; default 'postgresql'. */
  readonly dialect?: string;
  /** Initial hash threshold; default 8. */
  readonly hashThreshold?: number;
}

export const DEFAULT_HASH_THRESHOLD = 8;

// ---------------------------------------------------------------------------------------------
// Rendering

const utf8 = new TextEncoder();

function printable(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '@';
  return out;
}

function renderText(s: string): string {
  if (s === '') return '(empty)';
  return printable(utf8.encode(s));
}

const INT_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function normalizeIntText(s: string): string {
  return BigInt(s).toString();
}

function truncNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '0' : n > 0 ? '9223372036854775807' : '-9223372036854775808';
  return BigInt(Math.trunc(n)).toString();
}

/** Leading numeric prefix of a string as a number (like strtod; 0 if none). */
function numericPrefix(s: string): number {
  const m = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(s);
  return m === null ? 0 : Number(m[0]);
}

function renderInteger(v: unknown): string {
  if (typeof v === 'number') return truncNumber(v);
  if (typeof v === 'bigint') return v.toString();
  const s = (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)).trim();
  if (INT_TEXT.test(s)) return normalizeIntText(s);
  const d = DECIMAL_TEXT.exec(s);
  if (d !== null && ((d[2] ?? '') !== '' || (d[3] ?? '') !== '')) {
    // Exact truncation of a plain decimal (numeric values arrive as text).
    const intPart = (d[2] ?? '') === '' ? '0' : d[2]!;
    return normalizeIntText((d[1] === '-' ? '-' : '') + intPart);
  }
  if (FLOAT_TEXT.test(s)) return truncNumber(Number(s));
  return truncNumber(numericPrefix(s));
}

/** printf("%.3f", x) with round-half-even on exact ties, as C's printf does. */
export function formatFixed3(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toFixed(3);
  if (a < 1e21) {
    // toFixed rounds exact ties up; C rounds them to even. Every exact tie at the 4th decimal is
    // a multiple of 1/16 whose binary value is exact, so 20 digits expose it unambiguously.
    const long = a.toFixed(20);
    const dot = long.indexOf('.');
    const tail = long.slice(dot + 4);
    if (/^50*$/.test(tail)) {
      const truncated = long.slice(0, dot + 4);
      const lastDigit = Number(truncated[truncated.length - 1]);
      if (lastDigit % 2 === 0) s = truncated;
    }
  }
  return (neg ? '-' : '') + s;
}

function renderReal(v: unknown): string {
  if (typeof v === 'number') return formatFixed3(v);
  if (typeof v === 'bigint') return `${v.toString()}.000`;
  const s = (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)).trim();
  if (FLOAT_TEXT.test(s)) return formatFixed3(Number(s));
  return formatFixed3(numericPrefix(s));
}

/** Renders one result value for a column of type `type` ('I', 'R' or 'T'). */
export function renderValue(v: unknown, type: string): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  switch (type) {
    case 'I':
      return renderInteger(v);
    case 'R':
      return renderReal(v);
    default:
      if (typeof v === 'string') return renderText(v);
      if (v instanceof Uint8Array) return v.length === 0 ? '(empty)' : printable(v);
      if (v instanceof Date) return renderText(v.toISOString());
      if (typeof v === 'object') return renderText(JSON.stringify(v));
      return renderText(String(v as string | number | bigint));
  }
}

function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Renders rows and applies the sort mode; returns the flat list of values in order. */
export function renderResult(rows: readonly (readonly unknown[])[], types: string, sortMode: QueryRecord['sortMode']): string[] {
  const rendered = rows.map((row) => row.map((v, i) => renderValue(v, types[i] ?? 'T')));
  if (sortMode === 'rowsort') {
    rendered.sort((x, y) => {
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = strcmp(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    });
  }
  const flat = rendered.flat();
  if (sortMode === 'valuesort') flat.sort(strcmp);
  return flat;
}

/** MD5 of the values, each followed by "\n", as lowercase hex. */
export function hashValues(values: readonly string[]): string {
  const h = createHash('md5');
  for (const v of values) h.update(`${v}\n`);
  return h.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Running

function describeValues(values: readonly string[], threshold: number): string {
  if (threshold > 0 && values.length > threshold) return `${values.length} values hashing to ${hashValues(values)}`;
  return values.length === 0 ? '(no rows)' : values.join('\n');
}

function expectedValuesOf(record: QueryRecord): { count: number; hash: string } {
  const e = record.expected;
  if (e.kind === 'hash') return { count: e.count, hash: e.hash };
  return { count: e.values.length, hash: hashValues(e.values) };
}

function matchesExpected(record: QueryRecord, actual: readonly string[]): boolean {
  const e = record.expected;
  if (e.kind === 'hash') return e.count === actual.length && e.hash === hashValues(actual);
  if (e.values.length === actual.length) return e.values.every((v, i) => v === actual[i]);
  // One row per line, values separated by single spaces.
  const cols = record.types.length;
  if (cols > 1 && e.values.length * cols === actual.length) {
    for (let r = 0; r < e.values.length; r++) {
      if (e.values[r] !== actual.slice(r * cols, r * cols + cols).join(' ')) return false;
    }
    return true;
  }
  return false;
}

function expectedText(record: QueryRecord): string {
  const e = record.expected;
  if (e.kind === 'hash') return `${e.count} values hashing to ${e.hash}`;
  return e.values.length === 0 ? '(no rows)' : e.values.join('\n');
}

async function run(engine: SltEngine, sql: string): Promise<SltResult> {
  try {
    return await engine.execute(sql);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Runs records in order against one engine (which should start from an empty database). */
export async function runRecords(
  records: readonly SltRecord[],
  engine: SltEngine,
  file: string,
  options: RunOptions = {},
): Promise<SltFileResult> {
  const dialect = options.dialect ?? 'postgresql';
  let threshold = options.hashThreshold ?? DEFAULT_HASH_THRESHOLD;
  const labels = new Map<string, string>();
  const result: SltFileResult = { file, passed: 0, failed: 0, skipped: 0, halted: false, failures: [] };

  const fail = (record: StatementRecord | QueryRecord, expected: string, got: string): void => {
    result.failed++;
    result.failures.push({ file, line: record.line, kind: record.kind, sql: record.sql, expected, got });
  };

  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const applies = appliesTo(record, dialect);
    if (record.kind === 'halt') {
      if (!applies) continue;
      result.halted = true;
      for (let j = i + 1; j < records.length; j++) {
        const r = records[j]!;
        if (r.kind === 'statement' || r.kind === 'query') result.skipped++;
      }
      break;
    }
    if (record.kind === 'hash-threshold') {
      if (applies) threshold = record.threshold;
      continue;
    }
    if (!applies) {
      result.skipped++;
      // A skipped query's listed results still seed its label.
      if (record.kind === 'query' && record.label !== undefined && !labels.has(record.label)
        && !(record.expected.kind === 'values' && record.expected.values.length === 0)) {
        labels.set(record.label, expectedValuesOf(record).hash);
      }
      continue;
    }
    const res = await run(engine, record.sql);
    if (record.kind === 'statement') {
      if (record.expectError) {
        if ('error' in res) result.passed++;
        else fail(record, 'an error', 'statement succeeded');
      } else if ('error' in res) {
        fail(record, 'statement ok', `error: ${res.error}`);
      } else {
        result.passed++;
      }
      continue;
    }
    // Query.
    if ('error' in res) {
      fail(record, expectedText(record), `error: ${res.error}`);
      continue;
    }
    const first = res.rows[0];
    if (first !== undefined && first.length !== record.types.length) {
      fail(record, expectedText(record), `wrong number of columns: ${first.length}, type string "${record.types}"`);
      continue;
    }
    const values = renderResult(res.rows, record.types, record.sortMode);
    if (!matchesExpected(record, values)) {
      fail(record, expectedText(record), describeValues(values, threshold));
      continue;
    }
    if (record.label !== undefined) {
      const hash = hashValues(values);
      const prior = labels.get(record.label);
      if (prior === undefined) {
        labels.set(record.label, hash);
      } else if (prior !== hash) {
        fail(record, `label ${record.label}: ${prior}`, `${values.length} values hashing to ${hash}`);
        continue;
      }
    }
    result.passed++;
  }
  return result;
}

/** Parses and runs one script file. */
export async function runFile(path: string, engine: SltEngine, options: RunOptions = {}): Promise<SltFileResult> {
  const text = await readFile(path, 'utf8');
  return runRecords(parseScript(text, path), engine, path, options);
}
