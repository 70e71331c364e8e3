/**
 * COPY's text and CSV formats, as PostgreSQL reads and writes them.
 *
 * text: one row per line, columns separated by the delimiter (tab), NULL written `\N`, and
 *       backslash escapes (\b \f \n \r \t \v \\, \ooo octal, \xhh hex); a line `\.` ends the data.
 * csv:  columns separated by the delimiter (,), fields quoted with `"` when needed (a quote
 *       inside doubled), NULL as an unquoted empty field; quoted fields may span lines.
 *       HEADER skips (on input) or writes (on output) the column names line.
 */
import type { CopyOptions } from './ast.js';
import { SqlError } from './errors.js';

export interface CopyFormat {
  readonly csv: boolean;
  readonly header: boolean;
  readonly delimiter: string;
  readonly null: string;
  readonly quote: string;
  readonly escape: string;
  /** FORCE_QUOTE (CSV output): '*' or the quoted columns' names; null: none. */
  readonly forceQuote: '*' | readonly string[] | null;
}

export function copyFormat(o: CopyOptions): CopyFormat {
  if (o.format === 'binary') throw new SqlError('0A000', 'COPY BINARY is not supported');
  const csv = o.format === 'csv';
  const delimiter = o.delimiter ?? (csv ? ',' : '\t');
  if (delimiter.length !== 1) throw new SqlError('0A000', 'COPY delimiter must be a single one-byte character');
  if (!csv && (o.quote !== null || o.escape !== null)) throw new SqlError('0A000', 'COPY quote available only in CSV mode');
  if (!csv && o.header) throw new SqlError('0A000', 'COPY HEADER available only in CSV mode');
  const quote = o.quote ?? '"';
  const escape = o.escape ?? quote;
  if (csv && (quote.length !== 1 || escape.length !== 1)) throw new SqlError('0A000', 'COPY quote must be a single one-byte character');
  if (csv && delimiter === quote) throw new SqlError('22023', 'COPY delimiter and quote must be different');
  const forceQuote = o.forceQuote ?? null;
  if (!csv && forceQuote !== null) throw new SqlError('0A000', 'COPY FORCE_QUOTE requires CSV mode');
  return { csv, header: o.header, delimiter, null: o.null ?? (csv ? '' : '\\N'), quote, escape, forceQuote };
}

/** Incremental parser of COPY input into rows of text fields (null for NULL). */
export class CopyParser {
  private buf = '';
  private headerSkipped = false;
  private ended = false;
  line = 0;

  constructor(private readonly f: CopyFormat) {}

  /** Feed data; returns the complete rows it holds. */
  push(chunk: string): Array<Array<string | null>> {
    this.buf += chunk;
    return this.drain(false);
  }

  /** The rows left at the end of the data. */
  finish(): Array<Array<string | null>> {
    return this.drain(true);
  }

  private drain(final: boolean): Array<Array<string | null>> {
    const out: Array<Array<string | null>> = [];
    for (;;) {
      if (this.ended) {
        this.buf = '';
        return out;
      }
      const rec = this.f.csv ? this.nextCsv(final) : this.nextText(final);
      if (rec === null) return out;
      this.line++;
      if (rec === 'end') {
        this.ended = true;
        continue;
      }
      if (this.f.header && !this.headerSkipped) {
        this.headerSkipped = true;
        continue;
      }
      out.push(rec);
    }
  }

  private nextText(final: boolean): Array<string | null> | 'end' | null {
    let nl = this.buf.indexOf('\n');
    if (nl < 0) {
      if (!final || this.buf.length === 0) return null;
      nl = this.buf.length;
    }
    let line = this.buf.slice(0, nl);
    this.buf = this.buf.slice(nl + 1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '\\.') return 'end';
    const fields: Array<string | null> = [];
    for (const raw of splitUnescaped(line, this.f.delimiter)) fields.push(raw === this.f.null ? null : unescapeText(raw, this.line + 1));
    return fields;
  }

  private nextCsv(final: boolean): Array<string | null> | 'end' | null {
    const { delimiter, quote, escape } = this.f;
    const s = this.buf;
    if (s.length === 0) return null;
    const fields: Array<string | null> = [];
    let i = 0;
    let field = '';
    let quoted = false;
    let wasQuoted = false;
    for (;;) {
      if (i >= s.length) {
        if (!final) return null;
        if (quoted) throw new SqlError('22P04', 'unterminated CSV quoted field', { detail: `COPY line ${this.line + 1}` });
        break;
      }
      const c = s[i]!;
      if (quoted) {
        if (c === escape && s[i + 1] === quote && escape !== quote) {
          field += quote;
          i += 2;
          continue;
        }
        if (c === quote) {
          if (escape === quote && s[i + 1] === quote) {
            field += quote;
            i += 2;
            continue;
          }
          if (i + 1 >= s.length && !final) return null;
          quoted = false;
          i++;
          continue;
        }
        field += c;
        i++;
        continue;
      }
      if (c === quote) {
        quoted = true;
        wasQuoted = true;
        i++;
        continue;
      }
      if (c === delimiter) {
        fields.push(!wasQuoted && field === this.f.null ? null : field);
        field = '';
        wasQuoted = false;
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (c === '\r' && i + 1 >= s.length && !final) return null;
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        break;
      }
      field += c;
      i++;
    }
    this.buf = s.slice(i);
    if (fields.length === 0 && !wasQuoted && field === '\\.') return 'end';
    fields.push(!wasQuoted && field === this.f.null ? null : field);
    return fields;
  }
}

function splitUnescaped(line: string, delim: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === delim) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out;
}

function unescapeText(s: string, line: number): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) throw new SqlError('22P04', 'end-of-copy marker corrupt', { detail: `COPY line ${line}` });
    switch (n) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m === null) {
          out += 'x';
          break;
        }
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
          out += String.fromCharCode(parseInt(m[0], 8));
          i += m[0].length - 1;
        } else out += n;
    }
  }
  return out;
}

/** One output row in COPY's format (fields already in their text form; null for NULL), with its newline. */
export function formatCopyRow(f: CopyFormat, fields: ReadonlyArray<string | null>, forced: readonly boolean[] | null = null): string {
  if (!f.csv) return fields.map((v) => (v === null ? f.null : escapeText(v, f.delimiter))).join(f.delimiter) + '\n';
  return fields.map((v, i) => (v === null ? f.null : csvField(f, v, forced?.[i] === true))).join(f.delimiter) + '\n';
}

function escapeText(s: string, delim: string): string {
  let out = '';
  for (const c of s) {
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += delim === '\t' ? '\\t' : c;
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\v':
        out += '\\v';
        break;
      default:
        out += c === delim ? `\\${c}` : c;
    }
  }
  return out;
}

function csvField(f: CopyFormat, s: string, force: boolean): string {
  const needs = force || (s === '' ? f.null === '' : false) || s.includes(f.delimiter) || s.includes(f.quote) || s.includes('\n') || s.includes('\r') || s === f.null || s === '\\.';
  if (!needs) return s;
  let out = f.quote;
  for (const c of s) out += c === f.quote || c === f.escape ? f.escape + c : c;
  return out + f.quote;
}
