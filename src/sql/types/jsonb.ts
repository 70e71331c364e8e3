/**
 * jsonb: a parsed JSON document in PostgreSQL's canonical form.
 *
 * Nodes: null | boolean | string | Numeric | readonly JsonNode[] | JsonObject. A JsonObject is a
 * ReadonlyMap whose keys iterate in jsonb's storage order: shorter keys (in UTF-8 bytes) first,
 * then bytewise; a duplicate key keeps the last value. Numbers are Numeric, so `1.50` prints `1.50`
 * and `1e2` prints `100`, as PostgreSQL's jsonb does.
 *
 * Order (jsonb's btree opclass): at the top level an empty array < any scalar < any other array
 * < any object; elsewhere null < string < number < boolean < array < object; arrays and objects
 * by size first, then element by element (objects: key, value, key, value… in storage order).
 */
import { SqlError } from '../errors.js';
import { Numeric } from './numeric.js';

export type JsonObject = ReadonlyMap<string, JsonNode>;
export type JsonNode = null | boolean | string | Numeric | readonly JsonNode[] | JsonObject;

export class Jsonb {
  readonly root: JsonNode;
  constructor(root: JsonNode) {
    this.root = root;
  }

  /** jsonb's input function (22P02 `invalid input syntax for type json`). */
  static parse(text: string): Jsonb {
    return new Jsonb(parseJson(text, true));
  }

  /** A JavaScript value (JSON.parse result shape, or Map/Numeric) → jsonb. */
  static fromJs(x: unknown): Jsonb {
    return new Jsonb(nodeFromJs(x, 0));
  }

  /** jsonb's output function: `{"a": 1, "b": [1, 2]}`. */
  toString(): string {
    const out: string[] = [];
    writeNode(this.root, out);
    return out.join('');
  }

  /** JSON.parse semantics (numbers as JS numbers). */
  toJs(): unknown {
    return nodeToJs(this.root);
  }

  static compare(a: Jsonb, b: Jsonb): number {
    const x = a.root;
    const y = b.root;
    const ax = Array.isArray(x);
    const ay = Array.isArray(y);
    if (ax !== ay && !(x instanceof Map) && !(y instanceof Map)) {
      // A top-level scalar against an array: [] < scalar < [non-empty].
      if (ax) return (x as readonly JsonNode[]).length === 0 ? -1 : 1;
      return (y as readonly JsonNode[]).length === 0 ? 1 : -1;
    }
    return compareNodes(x, y);
  }
}

/** Validate JSON text as the json type's input function does (json keeps the text). */
export function validateJson(text: string): void {
  parseJson(text, false);
}

// ---------------------------------------------------------------------------------------------
// Canonical objects

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Code point (= UTF-8 byte) order of two strings. */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (U+D800–DFFF) stand for code points above U+FFFF: lift them over U+E000–FFFF.
      const xs = x >= 0xd800 && x <= 0xdfff ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
      const ys = y >= 0xd800 && y <= 0xdfff ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
      return xs < ys ? -1 : 1;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** jsonb's key storage order: shorter (UTF-8 bytes) first, then bytewise. */
export function compareKeys(a: string, b: string): number {
  const la = utf8Length(a);
  const lb = utf8Length(b);
  if (la !== lb) return la < lb ? -1 : 1;
  return compareCodePoints(a, b);
}

/** A canonical JsonObject from (key, value) pairs; later duplicates win. */
export function makeObject(pairs: Iterable<readonly [string, JsonNode]>): JsonObject {
  const m = new Map<string, JsonNode>();
  for (const [k, v] of pairs) m.set(k, v);
  const keys = [...m.keys()];
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1] as string, keys[i] as string) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return m;
  keys.sort(compareKeys);
  const out = new Map<string, JsonNode>();
  for (const k of keys) out.set(k, m.get(k) as JsonNode);
  return out;
}

export function isJsonObject(n: JsonNode): n is JsonObject {
  return n instanceof Map;
}

// ---------------------------------------------------------------------------------------------
// Order

function typeRank(n: JsonNode): number {
  if (n === null) return 0;
  if (typeof n === 'string') return 1;
  if (n instanceof Numeric) return 2;
  if (typeof n === 'boolean') return 3;
  if (Array.isArray(n)) return 4;
  return 5;
}

export function compareNodes(a: JsonNode, b: JsonNode): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return compareCodePoints(a as string, b as string);
    case 2:
      return (a as Numeric).cmp(b as Numeric);
    case 3:
      return a === b ? 0 : a === false ? -1 : 1;
    case 4: {
      const x = a as readonly JsonNode[];
      const y = b as readonly JsonNode[];
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      for (let i = 0; i < x.length; i++) {
        const c = compareNodes(x[i] as JsonNode, y[i] as JsonNode);
        if (c !== 0) return c;
      }
      return 0;
    }
    default: {
      const x = a as JsonObject;
      const y = b as JsonObject;
      if (x.size !== y.size) return x.size < y.size ? -1 : 1;
      const ix = x.entries();
      const iy = y.entries();
      for (;;) {
        const ex = ix.next();
        const ey = iy.next();
        if (ex.done === true || ey.done === true) return 0;
        const kc = compareCodePoints(ex.value[0], ey.value[0]);
        if (kc !== 0) return kc;
        const vc = compareNodes(ex.value[1], ey.value[1]);
        if (vc !== 0) return vc;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output

export function escapeJsonString(s: string, out: string[]): void {
  let start = 0;
  out.push('"');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    if (i > start) out.push(s.slice(start, i));
    start = i + 1;
    switch (c) {
      case 0x22:
        out.push('\\"');
        break;
      case 0x5c:
        out.push('\\\\');
        break;
      case 0x08:
        out.push('\\b');
        break;
      case 0x0c:
        out.push('\\f');
        break;
      case 0x0a:
        out.push('\\n');
        break;
      case 0x0d:
        out.push('\\r');
        break;
      case 0x09:
        out.push('\\t');
        break;
      default:
        out.push('\\u' + c.toString(16).padStart(4, '0'));
    }
  }
  if (start < s.length) out.push(start === 0 ? s : s.slice(start));
  out.push('"');
}

export function writeNode(n: JsonNode, out: string[]): void {
  if (n === null) out.push('null');
  else if (typeof n === 'boolean') out.push(n ? 'true' : 'false');
  else if (typeof n === 'string') escapeJsonString(n, out);
  else if (n instanceof Numeric) out.push(n.toString());
  else if (Array.isArray(n)) {
    out.push('[');
    for (let i = 0; i < n.length; i++) {
      if (i > 0) out.push(', ');
      writeNode(n[i] as JsonNode, out);
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const [k, v] of n as JsonObject) {
      if (!first) out.push(', ');
      first = false;
      escapeJsonString(k, out);
      out.push(': ');
      writeNode(v, out);
    }
    out.push('}');
  }
}

/** A node's text (jsonb output of a sub-document). */
export function nodeToString(n: JsonNode): string {
  const out: string[] = [];
  writeNode(n, out);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// JavaScript

export function nodeToJs(n: JsonNode): unknown {
  if (n === null || typeof n === 'boolean' || typeof n === 'string') return n;
  if (n instanceof Numeric) return n.toNumber();
  if (Array.isArray(n)) return n.map(nodeToJs);
  const o: Record<string, unknown> = {};
  for (const [k, v] of n as JsonObject) o[k] = nodeToJs(v);
  return o;
}

const maxDepth = 6400;

export function nodeFromJs(x: unknown, depth: number): JsonNode {
  if (depth > maxDepth) throw new SqlError('54001', 'stack depth limit exceeded');
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new SqlError('22P02', `invalid input syntax for type json`, { detail: `Token "${String(x)}" is invalid.` });
    return Numeric.fromString(String(x));
  }
  if (typeof x === 'bigint') return Numeric.fromBigInt(x);
  if (x instanceof Numeric) return x;
  if (x instanceof Jsonb) return x.root;
  if (Array.isArray(x)) return x.map((e) => nodeFromJs(e, depth + 1));
  if (x instanceof Map) return makeObject([...x].map(([k, v]) => [String(k), nodeFromJs(v, depth + 1)] as const));
  if (x instanceof Date) return x.toISOString();
  if (typeof x === 'object') {
    const pairs: [string, JsonNode][] = [];
    for (const k of Object.keys(x)) {
      const v = (x as Record<string, unknown>)[k];
      if (v === undefined) continue;
      pairs.push([k, nodeFromJs(v, depth + 1)]);
    }
    return makeObject(pairs);
  }
  throw new SqlError('22P02', `invalid input syntax for type json`, { detail: `Cannot convert ${typeof x} to json.` });
}

// ---------------------------------------------------------------------------------------------
// Input

class JsonParser {
  pos = 0;
  depth = 0;
  constructor(
    readonly text: string,
    readonly build: boolean,
  ) {}

  fail(detail: string): SqlError {
    return new SqlError('22P02', 'invalid input syntax for type json', { detail });
  }

  ws(): void {
    const s = this.text;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  /** The token starting at pos, for error details. */
  token(): string {
    const s = this.text;
    let e = this.pos;
    while (e < s.length && /[A-Za-z0-9_.+\-]/.test(s[e] as string)) e++;
    if (e === this.pos) e = Math.min(s.length, this.pos + 1);
    return s.slice(this.pos, e);
  }

  unexpected(): SqlError {
    if (this.pos >= this.text.length) return this.fail('The input string ended unexpectedly.');
    return this.fail(`Token "${this.token()}" is invalid.`);
  }

  value(): JsonNode {
    this.ws();
    const s = this.text;
    if (this.pos >= s.length) throw this.fail('The input string ended unexpectedly.');
    const c = s.charCodeAt(this.pos);
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 48 && c <= 57)) return this.number();
    const w = this.token();
    if (w === 'true' || w === 'false' || w === 'null') {
      this.pos += w.length;
      return w === 'null' ? null : w === 'true';
    }
    throw this.unexpected();
  }

  enter(): void {
    if (++this.depth > maxDepth) throw new SqlError('54001', 'stack depth limit exceeded');
  }

  object(): JsonNode {
    this.enter();
    this.pos++;
    const pairs: [string, JsonNode][] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.depth--;
      return this.build ? new Map() : null;
    }
    for (;;) {
      this.ws();
      if (this.text.charCodeAt(this.pos) !== 0x22) {
        if (this.pos >= this.text.length) throw this.fail('The input string ended unexpectedly.');
        throw this.fail(`Expected string, but found "${this.token()}".`);
      }
      const k = this.string();
      this.ws();
      if (this.text.charCodeAt(this.pos) !== 0x3a) {
        if (this.pos >= this.text.length) throw this.fail('The input string ended unexpectedly.');
        throw this.fail(`Expected ":", but found "${this.token()}".`);
      }
      this.pos++;
      const v = this.value();
      if (this.build) pairs.push([k, v]);
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        break;
      }
      if (this.pos >= this.text.length) throw this.fail('The input string ended unexpectedly.');
      throw this.fail(`Expected "," or "}", but found "${this.token()}".`);
    }
    this.depth--;
    return this.build ? makeObject(pairs) : null;
  }

  array(): JsonNode {
    this.enter();
    this.pos++;
    const items: JsonNode[] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.depth--;
      return items;
    }
    for (;;) {
      const v = this.value();
      if (this.build) items.push(v);
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        break;
      }
      if (this.pos >= this.text.length) throw this.fail('The input string ended unexpectedly.');
      throw this.fail(`Expected "," or "]", but found "${this.token()}".`);
    }
    this.depth--;
    return items;
  }

  string(): string {
    const s = this.text;
    let i = this.pos + 1;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= s.length) throw this.fail('The input string ended unexpectedly.');
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) {
        this.pos = i;
        throw this.fail(`Character with value 0x${c.toString(16).padStart(2, '0')} must be escaped.`);
      }
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(start, i);
      const e = s[i + 1];
      i += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
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
        case 'u': {
          const hex = s.slice(i, i + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw this.fail('"\\u" must be followed by four hexadecimal digits.');
          const cp = parseInt(hex, 16);
          i += 4;
          if (cp === 0 && this.build) {
            throw new SqlError('22P05', 'unsupported Unicode escape sequence', { detail: '\\u0000 cannot be converted to text.' });
          }
          if (cp >= 0xd800 && cp <= 0xdbff) {
            const lo = s.slice(i, i + 6);
            if (!/^\\u[dD][c-fC-F][0-9A-Fa-f]{2}$/.test(lo)) throw this.fail('Unicode high surrogate must not follow a high surrogate.');
            out += String.fromCharCode(cp, parseInt(lo.slice(2), 16));
            i += 6;
          } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            throw this.fail('Unicode low surrogate must follow a high surrogate.');
          } else out += String.fromCharCode(cp);
          break;
        }
        default:
          if (e === undefined) throw this.fail('The input string ended unexpectedly.');
          throw this.fail(`Escape sequence "\\${e}" is invalid.`);
      }
      start = i;
    }
    out += s.slice(start, i);
    this.pos = i + 1;
    return out;
  }

  number(): JsonNode {
    const s = this.text;
    const start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) i++;
    const intStart = i;
    while (i < s.length && isDigit(s.charCodeAt(i))) i++;
    let ok = i > intStart && !(s.charCodeAt(intStart) === 48 && i - intStart > 1);
    if (ok && s.charCodeAt(i) === 0x2e) {
      i++;
      const f = i;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
      if (i === f) ok = false;
    }
    if (ok && (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45)) {
      i++;
      if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
      const f = i;
      while (i < s.length && isDigit(s.charCodeAt(i))) i++;
      if (i === f) ok = false;
    }
    // A number runs into following letters/digits: "1x" is one bad token.
    if (!ok || (i < s.length && /[A-Za-z0-9_]/.test(s[i] as string))) {
      throw this.fail(`Token "${this.token()}" is invalid.`);
    }
    this.pos = i;
    return this.build ? Numeric.fromString(s.slice(start, i)) : null;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function parseJson(text: string, build: boolean): JsonNode {
  const p = new JsonParser(text, build);
  const v = p.value();
  p.ws();
  if (p.pos < text.length) throw p.fail(`Expected end of input, but found "${p.token()}".`);
  return v;
}
