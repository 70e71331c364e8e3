/**
 * String and bytea functions (PostgreSQL 15 signatures, results and errors): length family,
 * case, substr/substring (positional, regex and SIMILAR forms), position, concat/concat_ws/format,
 * padding and trimming, split_part, translate, ascii/chr, md5/sha2, quoting, to_hex, regexp_*,
 * string_to_array/array_to_string, encode/decode, overlay.
 */
import { createHash } from 'node:crypto';
import { SqlError } from '../errors.js';
import { T, arrayOf, elementType, formatValue } from '../types/index.js';
import type { SqlType, TypeContext, Value } from '../types/index.js';
import { similarSubstring } from './like.js';
import { regexpCount, regexpInstr, regexpLike, regexpMatch, regexpReplace, regexpSplit, regexpSubstr, regexSubstring } from './regex.js';
import { def, defDynamic } from './registry.js';
import { charLength, charPosition, charSlice, chars, checkLength, hasSurrogates, trimTrailingSpaces, utf8Length } from './text-util.js';

const str = (v: Value | undefined): string => v as string;
const int = (v: Value | undefined): number => v as number;
const bytes = (v: Value | undefined): Uint8Array => v as Uint8Array;

// ---------------------------------------------------------------------------------------------
// Lengths and case

def(['length', 'char_length', 'character_length'], [T.text], T.int4, (a) => charLength(str(a[0])));
def(['length', 'char_length', 'character_length'], [T.bpchar], T.int4, (a) => charLength(trimTrailingSpaces(str(a[0]))));
def('length', [T.bytea], T.int4, (a) => bytes(a[0]).length);
def('octet_length', [T.text], T.int4, (a) => utf8Length(str(a[0])));
def('octet_length', [T.bpchar], T.int4, (a) => utf8Length(str(a[0])));
def('octet_length', [T.bytea], T.int4, (a) => bytes(a[0]).length);
def('bit_length', [T.text], T.int4, (a) => 8 * utf8Length(str(a[0])));
def('bit_length', [T.bytea], T.int4, (a) => 8 * bytes(a[0]).length);
def('lower', [T.text], T.text, (a) => caseMap(str(a[0]), false));
def('upper', [T.text], T.text, (a) => caseMap(str(a[0]), true));

/** Character-by-character case mapping (as PostgreSQL's towupper/towlower: 'ß' stays 'ß', never 'SS'). */
export function caseMap(s: string, up: boolean): string {
  const whole = up ? s.toUpperCase() : s.toLowerCase();
  if (whole.length === s.length) return whole;
  let out = '';
  for (const ch of s) {
    const m = up ? ch.toUpperCase() : ch.toLowerCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}
def('initcap', [T.text], T.text, (a) => initcap(str(a[0])));

function isAlnum(ch: string): boolean {
  return /[\p{L}\p{Nd}]/u.test(ch);
}

function initcap(s: string): string {
  let out = '';
  let inWord = false;
  for (const ch of s) {
    const alnum = ch < '\x80' ? /[A-Za-z0-9]/.test(ch) : isAlnum(ch);
    out += inWord ? ch.toLowerCase() : ch.toUpperCase();
    inWord = alnum;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Substrings and positions

/** substr(s, start[, count]) with PostgreSQL's clamping (start may be ≤ 0). */
export function substr(s: string, start: number, count: number | null): string {
  if (count !== null && count < 0) throw new SqlError('22011', 'negative substring length not allowed');
  const from = start - 1;
  const to = count === null ? Infinity : from + count;
  if (to <= 0) return '';
  return charSlice(s, Math.max(from, 0), to === Infinity ? s.length : to);
}

function byteaSubstr(b: Uint8Array, start: number, count: number | null): Uint8Array {
  if (count !== null && count < 0) throw new SqlError('22011', 'negative substring length not allowed');
  const from = Math.max(start - 1, 0);
  const to = count === null ? b.length : Math.max(start - 1 + count, 0);
  return b.slice(from, Math.max(from, to));
}

def(['substr', 'substring'], [T.text, T.int4], T.text, (a) => substr(str(a[0]), int(a[1]), null));
def(['substr', 'substring'], [T.text, T.int4, T.int4], T.text, (a) => substr(str(a[0]), int(a[1]), int(a[2])));
def(['substr', 'substring'], [T.bytea, T.int4], T.bytea, (a) => byteaSubstr(bytes(a[0]), int(a[1]), null));
def(['substr', 'substring'], [T.bytea, T.int4, T.int4], T.bytea, (a) => byteaSubstr(bytes(a[0]), int(a[1]), int(a[2])));
def('substring', [T.text, T.text], T.text, (a) => regexSubstring(str(a[0]), str(a[1])));
def('substring', [T.text, T.text, T.text], T.text, (a) => similarSubstring(str(a[0]), str(a[1]), str(a[2])));
/** position(string, substring): the parser turns `position(sub IN s)` into position(s, sub), as PostgreSQL does. */
def(['position', 'strpos'], [T.text, T.text], T.int4, (a) => charPosition(str(a[0]), str(a[1])));
def('position', [T.bytea, T.bytea], T.int4, (a) => bytesPosition(bytes(a[0]), bytes(a[1])));
def('starts_with', [T.text, T.text], T.bool, (a) => str(a[0]).startsWith(str(a[1])));

function bytesPosition(b: Uint8Array, sub: Uint8Array): number {
  outer: for (let i = 0; i + sub.length <= b.length; i++) {
    for (let j = 0; j < sub.length; j++) if (b[i + j] !== sub[j]) continue outer;
    return i + 1;
  }
  return 0;
}

def('left', [T.text, T.int4], T.text, (a) => {
  const s = str(a[0]);
  const n = int(a[1]);
  return n >= 0 ? charSlice(s, 0, n) : charSlice(s, 0, charLength(s) + n);
});
def('right', [T.text, T.int4], T.text, (a) => {
  const s = str(a[0]);
  const n = int(a[1]);
  const len = charLength(s);
  return n >= 0 ? charSlice(s, Math.max(len - n, 0), len) : charSlice(s, -n, len);
});

function overlay(s: string, r: string, start: number, count: number): string {
  if (start <= 0) throw new SqlError('22011', 'negative substring length not allowed');
  return substr(s, 1, start - 1) + r + substr(s, start + count, null);
}
def('overlay', [T.text, T.text, T.int4], T.text, (a) => overlay(str(a[0]), str(a[1]), int(a[2]), charLength(str(a[1]))));
def('overlay', [T.text, T.text, T.int4, T.int4], T.text, (a) => overlay(str(a[0]), str(a[1]), int(a[2]), int(a[3])));

// ---------------------------------------------------------------------------------------------
// Padding, trimming, repeating

function pad(s: string, len: number, fill: string, left: boolean): string {
  if (len <= 0) return '';
  checkLength(len);
  const cur = charLength(s);
  if (cur >= len) return charSlice(s, 0, len);
  if (fill === '') return s;
  const fc = chars(fill);
  let p = '';
  for (let i = 0, n = len - cur; i < n; i++) p += fc[i % fc.length]!;
  return left ? p + s : s + p;
}
def('lpad', [T.text, T.int4], T.text, (a) => pad(str(a[0]), int(a[1]), ' ', true));
def('lpad', [T.text, T.int4, T.text], T.text, (a) => pad(str(a[0]), int(a[1]), str(a[2]), true));
def('rpad', [T.text, T.int4], T.text, (a) => pad(str(a[0]), int(a[1]), ' ', false));
def('rpad', [T.text, T.int4, T.text], T.text, (a) => pad(str(a[0]), int(a[1]), str(a[2]), false));

/** Trim characters of `set` from the start and/or end of s. */
export function trim(s: string, set: string, leading: boolean, trailing: boolean): string {
  if (set === ' ') {
    let b = 0;
    let e = s.length;
    if (leading) while (b < e && s.charCodeAt(b) === 32) b++;
    if (trailing) while (e > b && s.charCodeAt(e - 1) === 32) e--;
    return s.slice(b, e);
  }
  const cs = chars(s);
  const members = new Set(chars(set));
  let b = 0;
  let e = cs.length;
  if (leading) while (b < e && members.has(cs[b]!)) b++;
  if (trailing) while (e > b && members.has(cs[e - 1]!)) e--;
  return cs.slice(b, e).join('');
}
def('btrim', [T.text], T.text, (a) => trim(str(a[0]), ' ', true, true));
def('btrim', [T.text, T.text], T.text, (a) => trim(str(a[0]), str(a[1]), true, true));
def('ltrim', [T.text], T.text, (a) => trim(str(a[0]), ' ', true, false));
def('ltrim', [T.text, T.text], T.text, (a) => trim(str(a[0]), str(a[1]), true, false));
def('rtrim', [T.text], T.text, (a) => trim(str(a[0]), ' ', false, true));
def('rtrim', [T.text, T.text], T.text, (a) => trim(str(a[0]), str(a[1]), false, true));

def('repeat', [T.text, T.int4], T.text, (a) => {
  const n = int(a[1]);
  const s = str(a[0]);
  if (n <= 0 || s === '') return '';
  checkLength(utf8Length(s) * n);
  return s.repeat(n);
});
def('replace', [T.text, T.text, T.text], T.text, (a) => {
  const from = str(a[1]);
  return from === '' ? str(a[0]) : str(a[0]).split(from).join(str(a[2]));
});
def('reverse', [T.text], T.text, (a) => chars(str(a[0])).reverse().join(''));

def('split_part', [T.text, T.text, T.int4], T.text, (a) => {
  const s = str(a[0]);
  const d = str(a[1]);
  const n = int(a[2]);
  if (n === 0) throw new SqlError('22023', 'field position must not be zero');
  if (s === '') return '';
  const parts = d === '' ? [s] : s.split(d);
  const i = n > 0 ? n - 1 : parts.length + n;
  return parts[i] ?? '';
});

def('translate', [T.text, T.text, T.text], T.text, (a) => {
  const from = chars(str(a[1]));
  const to = chars(str(a[2]));
  const map = new Map<string, string>();
  for (let i = 0; i < from.length; i++) if (!map.has(from[i]!)) map.set(from[i]!, to[i] ?? '');
  let out = '';
  for (const ch of str(a[0])) {
    const r = map.get(ch);
    out += r === undefined ? ch : r;
  }
  return out;
});

def('ascii', [T.text], T.int4, (a) => {
  const s = str(a[0]);
  return s === '' ? 0 : s.codePointAt(0)!;
});
def('chr', [T.int4], T.text, (a) => {
  const n = int(a[0]);
  if (n === 0) throw new SqlError('54000', 'null character not permitted');
  if (n < 0) throw new SqlError('22023', 'character number must be positive');
  if (n > 0x10ffff) throw new SqlError('54000', `requested character too large for encoding: ${n}`);
  if (n >= 0xd800 && n <= 0xdfff) throw new SqlError('54000', `requested character not valid for encoding: ${n}`);
  return String.fromCodePoint(n);
});

// ---------------------------------------------------------------------------------------------
// Hashes, hex, encode/decode

const hash = (alg: string, b: Uint8Array | string): Buffer => createHash(alg).update(b).digest();
def('md5', [T.text], T.text, (a) => hash('md5', str(a[0])).toString('hex'));
def('md5', [T.bytea], T.text, (a) => hash('md5', bytes(a[0])).toString('hex'));
for (const alg of ['sha224', 'sha256', 'sha384', 'sha512']) {
  def(alg, [T.bytea], T.bytea, (a) => new Uint8Array(hash(alg, bytes(a[0]))));
}
def('to_hex', [T.int4], T.text, (a) => (int(a[0]) >>> 0).toString(16));
def('to_hex', [T.int8], T.text, (a) => BigInt.asUintN(64, a[0] as bigint).toString(16));

function encodeBytes(b: Uint8Array, format: string): string {
  switch (format.toLowerCase()) {
    case 'hex':
      return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
    case 'base64': {
      const s = Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
      let out = '';
      for (let i = 0; i < s.length; i += 76) out += (i > 0 ? '\n' : '') + s.slice(i, i + 76);
      return out;
    }
    case 'escape': {
      let out = '';
      for (const c of b) {
        if (c === 92) out += '\\\\';
        else if (c === 0 || c >= 0x80) out += '\\' + c.toString(8).padStart(3, '0');
        else out += String.fromCharCode(c);
      }
      return out;
    }
    default:
      throw new SqlError('22023', `unrecognized encoding: "${format}"`);
  }
}

function decodeBytes(s: string, format: string): Uint8Array {
  switch (format.toLowerCase()) {
    case 'hex': {
      const clean = s.replace(/[ \t\n\r]/g, '');
      if (!/^[0-9a-fA-F]*$/.test(clean)) {
        const bad = /[^0-9a-fA-F]/.exec(clean)![0];
        throw new SqlError('22023', `invalid hexadecimal digit: "${bad}"`);
      }
      if (clean.length % 2 !== 0) throw new SqlError('22023', 'invalid hexadecimal data: odd number of digits');
      return new Uint8Array(Buffer.from(clean, 'hex'));
    }
    case 'base64': {
      const clean = s.replace(/[ \t\n\r]/g, '');
      const bad = /[^A-Za-z0-9+/=]/.exec(clean);
      if (bad !== null) throw new SqlError('22023', `invalid symbol "${bad[0]}" found while decoding base64 sequence`);
      if (clean.length % 4 !== 0) throw new SqlError('22023', 'invalid base64 end sequence', { hint: 'Input data is missing padding, is truncated, or is otherwise corrupted.' });
      return new Uint8Array(Buffer.from(clean, 'base64'));
    }
    case 'escape': {
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c !== 92) {
          if (c < 0x80) out.push(c);
          else for (const x of Buffer.from(s[i]!, 'utf8')) out.push(x);
          continue;
        }
        if (s[i + 1] === '\\') {
          out.push(92);
          i++;
        } else if (/^[0-3][0-7][0-7]$/.test(s.slice(i + 1, i + 4))) {
          out.push(parseInt(s.slice(i + 1, i + 4), 8));
          i += 3;
        } else throw new SqlError('22P02', 'invalid input syntax for type bytea');
      }
      return new Uint8Array(out);
    }
    default:
      throw new SqlError('22023', `unrecognized encoding: "${format}"`);
  }
}
def('encode', [T.bytea, T.text], T.text, (a) => encodeBytes(bytes(a[0]), str(a[1])));
def('decode', [T.text, T.text], T.bytea, (a) => decodeBytes(str(a[0]), str(a[1])));

// ---------------------------------------------------------------------------------------------
// Quoting

/** Keywords that quote_ident() quotes (all but PostgreSQL's unreserved ones). */
const quotedKeywords = new Set(
  (
    'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
    'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral ' +
    'leading limit localtime localtimestamp not null offset on only or order placing primary references returning ' +
    'select session_user some symmetric system_user table then to trailing true union unique user using variadic when ' +
    'where window with authorization binary collation concurrently cross current_schema freeze full ilike inner is ' +
    'isnull join left like natural notnull outer overlaps right similar tablesample verbose between bigint bit boolean ' +
    'char character coalesce dec decimal exists extract float greatest grouping inout int integer interval least ' +
    'national nchar none normalize nullif numeric out overlay position precision real row setof smallint substring ' +
    'time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces ' +
    'xmlparse xmlpi xmlroot xmlserialize xmltable'
  ).split(' '),
);

export function quoteIdent(s: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(s) && !quotedKeywords.has(s)) return s;
  return '"' + s.replace(/"/g, '""') + '"';
}

export function quoteLiteral(s: string): string {
  const body = s.replace(/'/g, "''");
  return s.includes('\\') ? "E'" + body.replace(/\\/g, '\\\\') + "'" : "'" + body + "'";
}

def('quote_ident', [T.text], T.text, (a) => quoteIdent(str(a[0])));
def('quote_literal', [T.text], T.text, (a) => quoteLiteral(str(a[0])));
def('quote_nullable', [T.text], T.text, (a) => (a[0] === null ? 'NULL' : quoteLiteral(str(a[0]))), { strict: false });
defDynamic(['quote_literal', 'quote_nullable'], (args) => {
  if (args.length !== 1) return undefined;
  const t = args[0]!;
  return {
    args: [t],
    result: T.text,
    fn: (a, ctx) => (a[0] === null ? 'NULL' : quoteLiteral(formatValue(t, a[0]!, ctx))),
    strict: false,
    volatility: 'stable',
  };
});

// ---------------------------------------------------------------------------------------------
// concat, concat_ws, format: "any" arguments, converted with the type's output function

/** The text form of a value of type t (null stays null). */
export function textOf(t: SqlType, v: Value, ctx: TypeContext): string | null {
  if (v === null) return null;
  if (typeof v === 'string' && (t.base === 'text' || t.base === 'varchar' || t.base === 'unknown' || t.base === 'name') && !t.array) return v;
  return formatValue(t, v, ctx);
}

defDynamic('concat', (args) => ({
  args,
  result: T.text,
  fn: (a, ctx) => {
    let out = '';
    for (let i = 0; i < a.length; i++) {
      const s = textOf(args[i]!, a[i]!, ctx);
      if (s !== null) out += s;
    }
    return out;
  },
  strict: false,
  volatility: 'stable',
}));

defDynamic('concat_ws', (args) => {
  if (args.length < 1) return undefined;
  const decl = [T.text, ...args.slice(1)];
  return {
    args: decl,
    result: T.text,
    fn: (a, ctx) => {
      if (a[0] === null) return null;
      const sep = str(a[0]);
      let out = '';
      let first = true;
      for (let i = 1; i < a.length; i++) {
        const s = textOf(decl[i]!, a[i]!, ctx);
        if (s === null) continue;
        out += first ? s : sep + s;
        first = false;
      }
      return out;
    },
    strict: false,
    volatility: 'stable',
  };
});

defDynamic('format', (args) => {
  if (args.length < 1) return undefined;
  const decl = [T.text, ...args.slice(1)];
  return {
    args: decl,
    result: T.text,
    fn: (a, ctx) => (a[0] === null ? null : format(str(a[0]), decl.slice(1), a.slice(1), ctx)),
    strict: false,
    volatility: 'stable',
  };
});

function fmtError(msg: string): SqlError {
  return new SqlError('22023', msg);
}

/** format(): %[position$][flags][width]type with types s, I, L and %%. */
export function format(f: string, types: readonly SqlType[], vals: readonly Value[], ctx: TypeContext): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < f.length; i++) {
    const ch = f[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    i++;
    if (i >= f.length) throw fmtError('unterminated format() type specifier');
    if (f[i] === '%') {
      out += '%';
      continue;
    }
    // argument position
    let argIndex = -1;
    const posm = /^(\d+)\$/.exec(f.slice(i));
    if (posm !== null) {
      argIndex = Number(posm[1]) - 1;
      if (argIndex < 0) throw fmtError('format specifies argument 0, but arguments are numbered from 1');
      i += posm[0].length;
    }
    let leftAlign = false;
    while (f[i] === '-') {
      leftAlign = true;
      i++;
    }
    let width = 0;
    if (f[i] === '*') {
      i++;
      let wIndex = next;
      const wpos = /^(\d+)\$/.exec(f.slice(i));
      if (wpos !== null) {
        wIndex = Number(wpos[1]) - 1;
        i += wpos[0].length;
      } else next++;
      if (wIndex >= vals.length) throw fmtError('too few arguments for format()');
      const wv = vals[wIndex];
      width = wv === null || wv === undefined ? 0 : Number(wv);
      if (width < 0) {
        leftAlign = true;
        width = -width;
      }
    } else {
      const wm = /^\d+/.exec(f.slice(i));
      if (wm !== null) {
        width = Number(wm[0]);
        i += wm[0].length;
      }
    }
    const type = f[i];
    if (type === undefined) throw fmtError('unterminated format() type specifier');
    if (type !== 's' && type !== 'I' && type !== 'L') {
      throw new SqlError('22023', `unrecognized format() type specifier "${type}"`, {
        hint: 'For a single "%" use "%%".',
      });
    }
    if (argIndex < 0) argIndex = next;
    next = argIndex + 1;
    if (argIndex >= vals.length) throw fmtError('too few arguments for format()');
    const v = vals[argIndex]!;
    const t = types[argIndex]!;
    let s: string;
    if (type === 's') s = textOf(t, v, ctx) ?? '';
    else if (type === 'I') {
      if (v === null) throw new SqlError('22004', 'null values cannot be formatted as an SQL identifier');
      s = quoteIdent(textOf(t, v, ctx)!);
    } else s = v === null ? 'NULL' : quoteLiteral(textOf(t, v, ctx)!);
    const len = charLength(s);
    if (width > len) s = leftAlign ? s + ' '.repeat(width - len) : ' '.repeat(width - len) + s;
    out += s;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Regular expressions

def('regexp_replace', [T.text, T.text, T.text], T.text, (a) => regexpReplace(str(a[0]), str(a[1]), str(a[2]), null));
def('regexp_replace', [T.text, T.text, T.text, T.text], T.text, (a) => regexpReplace(str(a[0]), str(a[1]), str(a[2]), str(a[3])));
def('regexp_replace', [T.text, T.text, T.text, T.int4], T.text, (a) => regexpReplace(str(a[0]), str(a[1]), str(a[2]), null, int(a[3]), 1));
def('regexp_replace', [T.text, T.text, T.text, T.int4, T.int4], T.text, (a) => regexpReplace(str(a[0]), str(a[1]), str(a[2]), null, int(a[3]), nonNegative(int(a[4]))));
def('regexp_replace', [T.text, T.text, T.text, T.int4, T.int4, T.text], T.text, (a) =>
  regexpReplace(str(a[0]), str(a[1]), str(a[2]), str(a[5]), int(a[3]), nonNegative(int(a[4]))),
);
def('regexp_like', [T.text, T.text], T.bool, (a) => regexpLike(str(a[0]), str(a[1]), null));
def('regexp_like', [T.text, T.text, T.text], T.bool, (a) => regexpLike(str(a[0]), str(a[1]), str(a[2])));
def('regexp_count', [T.text, T.text], T.int4, (a) => regexpCount(str(a[0]), str(a[1]), 1, null));
def('regexp_count', [T.text, T.text, T.int4], T.int4, (a) => regexpCount(str(a[0]), str(a[1]), int(a[2]), null));
def('regexp_count', [T.text, T.text, T.int4, T.text], T.int4, (a) => regexpCount(str(a[0]), str(a[1]), int(a[2]), str(a[3])));
{
  const sig = [T.text, T.text, T.int4, T.int4, T.text, T.int4];
  for (let k = 2; k <= 6; k++) {
    def('regexp_substr', sig.slice(0, k), T.text, (a) =>
      regexpSubstr(str(a[0]), str(a[1]), k > 2 ? int(a[2]) : 1, k > 3 ? int(a[3]) : 1, k > 4 ? str(a[4]) : null, k > 5 ? int(a[5]) : 0),
    );
  }
  const isig = [T.text, T.text, T.int4, T.int4, T.int4, T.text, T.int4];
  for (let k = 2; k <= 7; k++) {
    def('regexp_instr', isig.slice(0, k), T.int4, (a) =>
      regexpInstr(str(a[0]), str(a[1]), k > 2 ? int(a[2]) : 1, k > 3 ? int(a[3]) : 1, k > 4 ? int(a[4]) : 0, k > 5 ? str(a[5]) : null, k > 6 ? int(a[6]) : 0),
    );
  }
}

function nonNegative(n: number): number {
  if (n < 0) throw new SqlError('22023', `invalid value for parameter "n": ${n}`);
  return n;
}
def('regexp_match', [T.text, T.text], arrayOf(T.text), (a) => regexpMatch(str(a[0]), str(a[1]), null));
def('regexp_match', [T.text, T.text, T.text], arrayOf(T.text), (a) => regexpMatch(str(a[0]), str(a[1]), str(a[2])));
def('regexp_split_to_array', [T.text, T.text], arrayOf(T.text), (a) => regexpSplit(str(a[0]), str(a[1]), null, 'regexp_split_to_array'));
def('regexp_split_to_array', [T.text, T.text, T.text], arrayOf(T.text), (a) =>
  regexpSplit(str(a[0]), str(a[1]), str(a[2]), 'regexp_split_to_array'),
);

// ---------------------------------------------------------------------------------------------
// string_to_array / array_to_string

/** string_to_array(s, delimiter[, null_string]). */
export function stringToArray(s: string, delim: string | null, nullStr: string | null): (string | null)[] {
  if (s === '') return [];
  let parts: string[];
  if (delim === null) parts = chars(s);
  else if (delim === '') parts = [s];
  else parts = s.split(delim);
  return nullStr === null ? parts : parts.map((p) => (p === nullStr ? null : p));
}

def('string_to_array', [T.text, T.text], arrayOf(T.text), (a) => (a[0] === null ? null : stringToArray(str(a[0]), a[1] as string | null, null)), {
  strict: false,
});
def(
  'string_to_array',
  [T.text, T.text, T.text],
  arrayOf(T.text),
  (a) => (a[0] === null ? null : stringToArray(str(a[0]), a[1] as string | null, a[2] as string | null)),
  { strict: false },
);

defDynamic('array_to_string', (args) => {
  if (args.length < 2 || args.length > 3) return undefined;
  if (args[0]!.base === 'unknown' && !args[0]!.array) {
    throw new SqlError('42804', 'could not determine polymorphic type because input has type unknown');
  }
  if (!args[0]!.array) return undefined;
  const arr = args[0]!;
  const el = elementType(arr);
  const decl = args.length === 2 ? [arr, T.text] : [arr, T.text, T.text];
  return {
    args: decl,
    result: T.text,
    fn: (a, ctx) => {
      if (a[0] === null || a[1] === null) return null;
      const sep = str(a[1]);
      const nullStr = a.length > 2 ? (a[2] as string | null) : null;
      let out = '';
      let first = true;
      for (const v of a[0] as readonly Value[]) {
        let s: string | null;
        if (v === null) {
          if (nullStr === null) continue;
          s = nullStr;
        } else s = textOf(el, v, ctx);
        out += first ? s : sep + s;
        first = false;
      }
      return out;
    },
    strict: false,
    volatility: 'stable',
  };
});

export { hasSurrogates };
