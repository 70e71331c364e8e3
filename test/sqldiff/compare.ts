// Runs the same statements on two SQL engines and compares what they return: rows as multisets, or
// in order as far as the query determines it; errors by SQLSTATE class (first two characters).
// Values are normalised so that representations agree: numbers by value (non-integers to 15
// significant digits), text as is, booleans, dates and timestamps as ISO text (midnight elided).

import type { GeneratedQuery } from './queries.js';

export type SqlOutcome = { rows: unknown[][] } | { error: { code: string; message: string } };

export interface SqlEngine {
  name: string;
  execute(sql: string): Promise<SqlOutcome>;
  close(): Promise<void>;
}

/** What a statement's result determines (a setup statement determines everything it returns). */
export type Expectation = Pick<GeneratedQuery, 'ordered' | 'orderColumns' | 'complete'>;

export const FULLY_DETERMINED: Expectation = { ordered: true, orderColumns: [], complete: true };

const NUMBER_TEXT = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;
const DATETIME_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(\.\d+)?)?$/;
const SIGNIFICANT = 15;

/** Canonical text of a decimal number given as text (any exponent form), or undefined if not a number. */
export function canonicalNumber(text: string): string | undefined {
  const m = NUMBER_TEXT.exec(text);
  if (m === null) return undefined;
  const [, sign = '', whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return undefined;
  let digits = (whole + frac).replace(/^0+/, '');
  // value = 0.digits × 10^point
  let point = digits.length - frac.length + Number(exp);
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  const isInteger = point >= digits.length;
  if (!isInteger && digits.length > SIGNIFICANT) {
    const roundUp = (digits.charCodeAt(SIGNIFICANT) - 48) >= 5;
    let kept = digits.slice(0, SIGNIFICANT);
    if (roundUp) {
      const bumped = (BigInt(kept) + 1n).toString();
      if (bumped.length > kept.length) point++;
      kept = bumped.slice(0, SIGNIFICANT);
    }
    digits = kept.replace(/0+$/, '');
  }
  return `${sign === '-' ? '-' : ''}0.${digits}e${point}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function canonicalDateTime(date: string, time: string | undefined, frac: string | undefined): string {
  const f = (frac ?? '').replace(/0+$/, '');
  const t = `${time ?? '00:00:00'}${f === '.' ? '' : f}`;
  return t === '00:00:00' ? date : `${date}T${t}`;
}

/**
 * One value as comparable text with a type tag. Engines may return numbers as JS numbers, bigints
 * or text; timestamps as Date (read by its UTC fields) or text; booleans as JS booleans.
 */
export function normalizeValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'b:true' : 'b:false';
  if (typeof v === 'bigint') return `n:${canonicalNumber(v.toString()) ?? v.toString()}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'n:NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'n:Infinity' : 'n:-Infinity';
    return `n:${canonicalNumber(String(v)) ?? String(v)}`;
  }
  if (v instanceof Date) {
    const ms = v.getUTCMilliseconds();
    const time = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    return `d:${canonicalDateTime(`${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, time, ms === 0 ? undefined : `.${pad(ms, 3)}`)}`;
  }
  if (v instanceof Uint8Array) return `x:${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'string') {
    if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return `n:${v}`;
    const n = canonicalNumber(v);
    if (n !== undefined) return `n:${n}`;
    const d = DATETIME_TEXT.exec(v);
    if (d !== null) return `d:${canonicalDateTime(d[1] ?? '', d[2], d[3])}`;
    return `s:${v}`;
  }
  return `?:${JSON.stringify(v)}`;
}

export function normalizeRow(row: readonly unknown[]): string {
  return JSON.stringify(row.map(normalizeValue));
}

function summarize(o: SqlOutcome, limit = 5): string {
  if ('error' in o) return `error ${o.error.code}: ${o.error.message}`;
  const shown = o.rows.slice(0, limit).map((r) => normalizeRow(r)).join('\n    ');
  return `${o.rows.length} rows${o.rows.length > 0 ? `:\n    ${shown}` : ''}${o.rows.length > limit ? '\n    …' : ''}`;
}

function sameSequence(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** undefined when the outcomes agree as far as `expect` determines them; otherwise why not. */
export function compareOutcomes(expect: Expectation, left: SqlOutcome, right: SqlOutcome): string | undefined {
  if ('error' in left || 'error' in right) {
    if ('error' in left && 'error' in right) {
      const l = left.error.code.slice(0, 2);
      const r = right.error.code.slice(0, 2);
      return l === r ? undefined : `error class ${l} vs ${r}`;
    }
    return 'error' in left ? 'left failed, right returned rows' : 'right failed, left returned rows';
  }
  if (left.rows.length !== right.rows.length) return `row count ${left.rows.length} vs ${right.rows.length}`;
  const l = left.rows.map(normalizeRow);
  const r = right.rows.map(normalizeRow);
  if (expect.ordered) {
    const at = sameSequence(l, r);
    return at < 0 ? undefined : `ordered rows differ at row ${at + 1}: ${l[at] ?? '(none)'} vs ${r[at] ?? '(none)'}`;
  }
  if (expect.orderColumns.length > 0) {
    const keys = (rows: unknown[][]): string[] =>
      rows.map((row) => JSON.stringify(expect.orderColumns.map((c) => normalizeValue(row[c]))));
    const lk = keys(left.rows);
    const rk = keys(right.rows);
    const at = sameSequence(lk, rk);
    if (at >= 0) return `order keys differ at row ${at + 1}: ${lk[at] ?? '(none)'} vs ${rk[at] ?? '(none)'}`;
  }
  if (!expect.complete) return undefined;
  const ls = [...l].sort();
  const rs = [...r].sort();
  const at = sameSequence(ls, rs);
  return at < 0 ? undefined : `row multisets differ: ${ls[at] ?? '(none)'} vs ${rs[at] ?? '(none)'} (sorted position ${at + 1})`;
}

export interface Mismatch {
  readonly index: number;
  readonly sql: string;
  readonly reason: string;
  readonly left: string;
  readonly right: string;
}

/** Runs one statement on both engines and compares; a Mismatch, or undefined when they agree. */
export async function runBoth(left: SqlEngine, right: SqlEngine, index: number, sql: string,
  expect: Expectation, onLeftError?: (code: string) => void, onRightError?: (code: string) => void): Promise<Mismatch | undefined> {
  const [lo, ro] = await Promise.all([left.execute(sql), right.execute(sql)]);
  if ('error' in lo) onLeftError?.(lo.error.code);
  if ('error' in ro) onRightError?.(ro.error.code);
  const reason = compareOutcomes(expect, lo, ro);
  if (reason === undefined) return undefined;
  return { index, sql, reason, left: `${left.name}: ${summarize(lo)}`, right: `${right.name}: ${summarize(ro)}` };
}

export function formatMismatch(seed: number, m: Mismatch): string {
  return [
    `MISMATCH seed=${seed} #${m.index}: ${m.reason}`,
    `  ${m.sql}`,
    `  ${m.left}`,
    `  ${m.right}`,
  ].join('\n');
}
