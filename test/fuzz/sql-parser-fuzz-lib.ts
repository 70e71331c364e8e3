/**
 * The parser fuzzer (issue 6, must-show #4): random bytes, token soup, truncated prefixes and
 * byte/token mutations of a corpus of valid statements, and deep nesting. Every input must
 * either parse or throw a SqlError with an expected SQLSTATE and a position within
 * [1, length + 1]; any other exception (a crash, a JS RangeError) is a failure. Seeded:
 * `runParserFuzz(seed, n)` replays exactly. Used by test/fuzz/sql-parser-fuzz.test.ts and the soak.
 */
import { SqlError } from '../../src/sql/errors.js';
import { characterPosition, tokenize } from '../../src/sql/lexer.js';
import { parse } from '../../src/sql/parser.js';
import { Rng } from '../lib/rng.js';
import { parserCorpus } from './sql-parser-corpus.js';

/** SQLSTATEs a parse may end with: syntax (42601), lexer (22P02, 22025), depth (54001), and grammar-action errors. */
export const parserFuzzCodes: ReadonlySet<string> = new Set(['42601', '22P02', '22025', '54001', '0A000', '42P20', '22023', '42939']);

export interface ParserFuzzFailure {
  readonly input: string;
  readonly problem: string;
}

export interface ParserFuzzResult {
  readonly iterations: number;
  readonly parsed: number;
  readonly rejected: number;
  readonly failures: readonly ParserFuzzFailure[];
}

const vocabulary: readonly string[] = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'BY', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'FIRST', 'ROWS', 'ONLY', 'UNION', 'INTERSECT',
  'EXCEPT', 'ALL', 'DISTINCT', 'ON', 'AS', 'JOIN', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'USING', 'AND', 'OR', 'NOT', 'IS', 'NULL',
  'TRUE', 'FALSE', 'IN', 'BETWEEN', 'LIKE', 'ILIKE', 'SIMILAR', 'TO', 'ESCAPE', 'ANY', 'SOME', 'EXISTS', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'CAST', 'ARRAY', 'ROW', 'VALUES', 'INSERT', 'INTO', 'UPDATE', 'SET', 'DELETE', 'RETURNING', 'DEFAULT', 'CONFLICT', 'DO',
  'NOTHING', 'CREATE', 'TABLE', 'INDEX', 'VIEW', 'SEQUENCE', 'SCHEMA', 'DROP', 'ALTER', 'ADD', 'COLUMN', 'CONSTRAINT', 'PRIMARY',
  'KEY', 'UNIQUE', 'CHECK', 'REFERENCES', 'FOREIGN', 'WITH', 'RECURSIVE', 'OVER', 'PARTITION', 'WINDOW', 'FILTER', 'WITHIN',
  'RANGE', 'PRECEDING', 'FOLLOWING', 'UNBOUNDED', 'CURRENT', 'BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'EXPLAIN', 'ANALYZE',
  'COPY', 'STDIN', 'INTERVAL', 'DAY', 'TIMESTAMP', 'TIME', 'ZONE', 'AT', 'COLLATE', 'DATE', 'int', 'text', 'numeric', 'varchar',
  'double', 'precision', 'a', 'b', 't', 'u', 'x', '"Q"', 'key', 'level', 'name', 'value', '1', '0', '2.5', '1e3', "'s'", "E'\\n'",
  '$$d$$', '$1', "B'01'", '(', ')', '[', ']', ',', ';', '.', ':', '::', '*', '+', '-', '/', '%', '^', '=', '<', '>', '<=', '>=',
  '<>', '!=', '||', '->', '->>', '@>', '~', '!~', '#', '&', '|', '?',
];

const alphabet = "abcxyz_019 \t\n()[],;.:*+-/<>=~!@#%^&|`?'\"$eEbBxXé😀\\";

/** One fuzz input for iteration `k`. */
export function parserFuzzInput(rng: Rng): string {
  const base = rng.pick(parserCorpus);
  switch (rng.int(6)) {
    case 0:
      return Array.from({ length: rng.int(60) }, () => (rng.chance(0.05) ? String.fromCharCode(rng.int(0x3000)) : alphabet[rng.int(alphabet.length)]!)).join('');
    case 1:
      return Array.from({ length: 1 + rng.int(25) }, () => rng.pick(vocabulary)).join(rng.chance(0.8) ? ' ' : '');
    case 2:
      return base.slice(0, rng.int(base.length + 1));
    case 3: {
      let s = base;
      for (let m = 1 + rng.int(3); m > 0; m--) {
        const at = rng.int(s.length + 1);
        const ch = alphabet[rng.int(alphabet.length)]!;
        const op = rng.int(3);
        s = op === 0 ? s.slice(0, at) + ch + s.slice(at) : op === 1 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at + 1);
      }
      return s;
    }
    default:
      return mutateTokens(rng, base);
  }
}

/** Delete, duplicate, swap or replace a few tokens of a valid statement. */
function mutateTokens(rng: Rng, base: string): string {
  const toks = tokenize(base);
  const words = toks.slice(0, -1).map((t, k) => base.slice(t.start, toks[k + 1]!.start).trimEnd());
  for (let m = 1 + rng.int(3); m > 0 && words.length > 0; m--) {
    const at = rng.int(words.length);
    switch (rng.int(4)) {
      case 0:
        words.splice(at, 1);
        break;
      case 1:
        words.splice(at, 0, words[at]!);
        break;
      case 2: {
        const other = rng.int(words.length);
        [words[at], words[other]] = [words[other]!, words[at]!];
        break;
      }
      default:
        words[at] = rng.pick(vocabulary);
    }
  }
  return words.join(' ');
}

/** Deep nesting and long lists, where recursion must stay bounded. */
export function parserStressInputs(): string[] {
  const n = 10_000;
  return [
    'SELECT ' + '('.repeat(n) + '1' + ')'.repeat(n),
    'SELECT ' + '('.repeat(n) + '1',
    'SELECT ' + '(SELECT '.repeat(2_000) + '1' + ')'.repeat(2_000),
    'SELECT ' + 'NOT '.repeat(n) + 'true',
    'SELECT ' + '- '.repeat(n) + '1',
    'SELECT ' + '1 + '.repeat(n) + '1',
    'SELECT ARRAY' + '['.repeat(n) + '1' + ']'.repeat(n),
    'SELECT 1 IN (' + Array.from({ length: n }, (_, k) => String(k)).join(', ') + ')',
    'SELECT * FROM t WHERE ' + Array.from({ length: 2_000 }, (_, k) => `a = ${k}`).join(' OR '),
    'SELECT * FROM ' + '('.repeat(3_000) + 't JOIN u ON true' + ')'.repeat(3_000),
    'SELECT * FROM t' + ' JOIN t'.repeat(3_000) + ' ON true'.repeat(3_000),
    'SELECT CASE ' + 'WHEN true THEN CASE '.repeat(3_000) + '1' + ' END'.repeat(3_001),
    '('.repeat(10_000) + 'SELECT 1',
    'SELECT ' + 'f('.repeat(5_000) + '1' + ')'.repeat(5_000),
    'SELECT 1 UNION '.repeat(5_000) + 'SELECT 1',
  ];
}

/** Check one input: parsed, or an expected SqlError with a position in [1, length + 1]. Null when fine. */
export function checkParserInput(input: string): { ok: boolean; problem: string | null } {
  try {
    parse(input);
    return { ok: true, problem: null };
  } catch (err) {
    if (!(err instanceof SqlError)) return { ok: false, problem: `not a SqlError: ${String(err instanceof Error ? err.stack : err)}` };
    if (!parserFuzzCodes.has(err.code ?? '')) return { ok: false, problem: `unexpected SQLSTATE ${err.code}: ${err.message}` };
    const last = characterPosition(input, input.length);
    if (err.position === undefined || err.position < 1 || err.position > last) {
      return { ok: false, problem: `position ${err.position} outside [1, ${last}]: ${err.message}` };
    }
    return { ok: false, problem: null };
  }
}

/** Run `iterations` seeded inputs (plus the stress inputs when `stress`). */
export function runParserFuzz(seed: number, iterations: number, stress = true): ParserFuzzResult {
  const rng = new Rng(seed);
  const failures: ParserFuzzFailure[] = [];
  let parsed = 0;
  let rejected = 0;
  const inputs = stress ? parserStressInputs() : [];
  for (let k = 0; k < iterations + inputs.length; k++) {
    const input = k < inputs.length ? inputs[k]! : parserFuzzInput(rng);
    const r = checkParserInput(input);
    if (r.problem !== null) failures.push({ input, problem: r.problem });
    else if (r.ok) parsed++;
    else rejected++;
  }
  return { iterations: iterations + inputs.length, parsed, rejected, failures };
}
