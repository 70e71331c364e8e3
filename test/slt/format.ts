// Parser for sqllogictest scripts (the format described in ../shared/sqllogictest/about.wiki).
// A script is a sequence of records separated by blank lines; comment lines (starting with '#')
// are removed before parsing and do not separate records.

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

export interface Condition {
  readonly kind: 'skipif' | 'onlyif';
  readonly engine: string;
}

/** Expected results of a query: nothing listed, a list of values (one per line), or a hash. */
export type Expected =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'hash'; readonly count: number; readonly hash: string };

interface RecordBase {
  /** 1-based line number of the `statement` / `query` / control line. */
  readonly line: number;
  readonly conditions: readonly Condition[];
}

export interface StatementRecord extends RecordBase {
  readonly kind: 'statement';
  readonly expectError: boolean;
  readonly sql: string;
}

export interface QueryRecord extends RecordBase {
  readonly kind: 'query';
  /** One character per result column: 'I', 'R' or 'T' (other characters are treated as 'T'). */
  readonly types: string;
  readonly sortMode: SortMode;
  readonly label: string | undefined;
  readonly sql: string;
  readonly expected: Expected;
}

export interface HashThresholdRecord extends RecordBase {
  readonly kind: 'hash-threshold';
  readonly threshold: number;
}

export interface HaltRecord extends RecordBase {
  readonly kind: 'halt';
}

export type SltRecord = StatementRecord | QueryRecord | HashThresholdRecord | HaltRecord;

export class SltParseError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SltParseError';
    this.file = file;
    this.line = line;
  }
}

interface Line {
  readonly no: number;
  readonly text: string;
}

const HASH_LINE = /^(\d+) values hashing to ([0-9a-fA-F]{32})$/;

/** Splits script text into records. `file` is only used in error messages. */
export function parseScript(text: string, file = '<script>'): SltRecord[] {
  const rawLines = text.split('\n');
  // Group non-comment lines into blocks separated by blank lines.
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (let i = 0; i < rawLines.length; i++) {
    let t = rawLines[i] ?? '';
    if (t.endsWith('\r')) t = t.slice(0, -1);
    if (t.startsWith('#')) continue;
    if (t.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
      continue;
    }
    current.push({ no: i + 1, text: t });
  }
  if (current.length > 0) blocks.push(current);

  const records: SltRecord[] = [];
  for (const block of blocks) {
    records.push(parseBlock(block, file));
  }
  return records;
}

function words(s: string): string[] {
  // A trailing '#' starts an inline comment on control lines (e.g. "onlyif sqlite # empty RHS").
  const hash = s.indexOf('#');
  const body = hash >= 0 ? s.slice(0, hash) : s;
  return body.trim().split(/\s+/).filter((w) => w.length > 0);
}

function parseBlock(block: Line[], file: string): SltRecord {
  const conditions: Condition[] = [];
  let idx = 0;
  for (; idx < block.length; idx++) {
    const line = block[idx]!;
    const w = words(line.text);
    if (w[0] === 'skipif' || w[0] === 'onlyif') {
      if (w[1] === undefined) throw new SltParseError(file, line.no, `${w[0]} without an engine name`);
      conditions.push({ kind: w[0], engine: w[1] });
      continue;
    }
    break;
  }
  const head = block[idx];
  if (head === undefined) {
    throw new SltParseError(file, block[0]!.no, 'condition not followed by a statement or query');
  }
  const w = words(head.text);
  const rest = block.slice(idx + 1);
  switch (w[0]) {
    case 'statement': {
      if (w[1] !== 'ok' && w[1] !== 'error') {
        throw new SltParseError(file, head.no, `expected "statement ok" or "statement error", got "${head.text}"`);
      }
      if (rest.length === 0) throw new SltParseError(file, head.no, 'statement without SQL');
      return {
        kind: 'statement',
        line: head.no,
        conditions,
        expectError: w[1] === 'error',
        sql: rest.map((l) => l.text).join('\n'),
      };
    }
    case 'query': {
      const types = w[1];
      if (types === undefined || !/^[A-Za-z]+$/.test(types)) {
        throw new SltParseError(file, head.no, `query without a type string: "${head.text}"`);
      }
      let sortMode: SortMode = 'nosort';
      let label: string | undefined;
      let k = 2;
      const sm = w[k];
      if (sm === 'nosort' || sm === 'rowsort' || sm === 'valuesort') {
        sortMode = sm;
        k++;
      } else if (sm !== undefined && /sort$/.test(sm)) {
        throw new SltParseError(file, head.no, `unknown sort mode "${sm}"`);
      }
      if (w[k] !== undefined) label = w[k];
      const sep = rest.findIndex((l) => l.text === '----');
      const sqlLines = sep >= 0 ? rest.slice(0, sep) : rest;
      const resultLines = sep >= 0 ? rest.slice(sep + 1) : [];
      if (sqlLines.length === 0) throw new SltParseError(file, head.no, 'query without SQL');
      let expected: Expected;
      const first = resultLines[0];
      const m = resultLines.length === 1 && first !== undefined ? HASH_LINE.exec(first.text.trim()) : null;
      if (m !== null) {
        expected = { kind: 'hash', count: Number(m[1]), hash: m[2]!.toLowerCase() };
      } else {
        expected = { kind: 'values', values: resultLines.map((l) => l.text) };
      }
      return {
        kind: 'query',
        line: head.no,
        conditions,
        types,
        sortMode,
        label,
        sql: sqlLines.map((l) => l.text).join('\n'),
        expected,
      };
    }
    case 'hash-threshold': {
      const n = w[1] === undefined ? NaN : Number(w[1]);
      if (!Number.isInteger(n) || n < 0) {
        throw new SltParseError(file, head.no, `bad hash-threshold "${head.text}"`);
      }
      return { kind: 'hash-threshold', line: head.no, conditions, threshold: n };
    }
    case 'halt':
      return { kind: 'halt', line: head.no, conditions };
    default:
      throw new SltParseError(file, head.no, `unknown record type "${head.text}"`);
  }
}

/** Whether a record applies to the engine named `engine` (skipif/onlyif prefixes). */
export function appliesTo(record: SltRecord, engine: string): boolean {
  for (const c of record.conditions) {
    if (c.kind === 'skipif' && c.engine === engine) return false;
    if (c.kind === 'onlyif' && c.engine !== engine) return false;
  }
  return true;
}
