/**
 * json/jsonb functions and the navigation/containment helpers behind the json operators.
 *
 * json values are text; navigating them parses the text into nodes whose objects keep the
 * written key order (and whose output uses jsonb's spacing, a known difference: PostgreSQL
 * returns json sub-values as their original text). jsonb values are Jsonb (canonical nodes).
 */
import { SqlError } from '../errors.js';
import { Jsonb, Numeric, T, arrayOf } from '../types/index.js';
import type { JsonNode, SqlType, TypeContext, Value } from '../types/index.js';
import { jsonQuote, makeJsonObject, toJsonNode, toJsonText } from './json-convert.js';
import { def, defDynamic } from './registry.js';
import { textOf } from './string.js';

type JsonObj = ReadonlyMap<string, JsonNode>;

// ---------------------------------------------------------------------------------------------
// json text → nodes (objects in written order)

/** The written text of json (not jsonb) containers and numbers, so that json navigation returns sub-values as written. */
const rawText = new WeakMap<object, string>();

export function parseJsonText(s: string): JsonNode {
  let i = 0;
  const ws = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const bad = (): SqlError => new SqlError('22P02', 'invalid input syntax for type json');
  const str = (): string => {
    const start = i;
    i++;
    let out = '';
    let seg = i;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '"') {
        out += s.slice(seg, i);
        i++;
        return out;
      }
      if (c === '\\') {
        out += s.slice(seg, i);
        const e = s[i + 1];
        if (e === 'u') {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 5;
        } else {
          out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : (e ?? '');
          i += 1;
        }
        seg = i + 1;
      }
    }
    throw new SqlError('22P02', `invalid input syntax for type json: ${s.slice(start, start + 20)}`);
  };
  const value = (depth: number): JsonNode => {
    ws();
    const start = i;
    const v = valueAt(depth);
    if (v !== null && typeof v === 'object') rawText.set(v, s.slice(start, i));
    return v;
  };
  const valueAt = (depth: number): JsonNode => {
    const c = s[i];
    if (c === '{') {
      i++;
      const m = new Map<string, JsonNode>();
      ws();
      if (s[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') throw bad();
        const k = str();
        ws();
        if (s[i++] !== ':') throw bad();
        m.set(k, value(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i++] !== '}') throw bad();
        return m;
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonNode[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i++] !== ']') throw bad();
        return arr;
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(s.slice(i, i + 400));
    if (m === null) throw bad();
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return Numeric.fromString(m[0]);
  };
  const v = value(0);
  ws();
  if (i !== s.length) throw bad();
  return v;
}

/** Text of a node as jsonb prints it (`{"a": 1, "b": [1, 2]}`). */
export function jsonNodeText(n: JsonNode, isJson = false): string {
  if (isJson && n !== null && typeof n === 'object') {
    const raw = rawText.get(n);
    if (raw !== undefined) return raw;
  }
  if (n === null) return 'null';
  if (typeof n === 'boolean') return n ? 'true' : 'false';
  if (typeof n === 'string') return jsonQuote(n);
  if (n instanceof Numeric) return n.toString();
  if (Array.isArray(n)) return '[' + (n as readonly JsonNode[]).map((x) => jsonNodeText(x)).join(', ') + ']';
  const parts: string[] = [];
  for (const [k, v] of n as JsonObj) parts.push(jsonQuote(k) + ': ' + jsonNodeText(v));
  return '{' + parts.join(', ') + '}';
}

/** The node of a json or jsonb value. */
export function nodeOf(t: SqlType, v: Value): JsonNode {
  return t.base === 'json' ? parseJsonText(v as string) : (v as Jsonb).root;
}

/** Wrap a node as a json (text) or jsonb value. */
export function wrapNode(t: SqlType, n: JsonNode): Value {
  return t.base === 'json' ? jsonNodeText(n, true) : new Jsonb(n);
}

/** ->> and #>> : a string node's text unquoted, null for JSON null, other nodes as JSON text. */
export function nodeAsText(n: JsonNode | undefined): string | null {
  if (n === undefined || n === null) return null;
  return typeof n === 'string' ? n : jsonNodeText(n, true);
}

export function getField(n: JsonNode, key: string): JsonNode | undefined {
  return n instanceof Map ? (n as JsonObj).get(key) : undefined;
}

export function getIndex(n: JsonNode, idx: number): JsonNode | undefined {
  if (!Array.isArray(n)) return undefined;
  const arr = n as readonly JsonNode[];
  const i = idx < 0 ? arr.length + idx : idx;
  return i >= 0 && i < arr.length ? arr[i] : undefined;
}

/** #> path navigation: object keys, or array indexes written as integers. */
export function getPath(n: JsonNode, path: readonly Value[]): JsonNode | undefined {
  let cur: JsonNode | undefined = n;
  for (const p of path) {
    if (cur === undefined || p === null) return undefined;
    const key = p as string;
    if (Array.isArray(cur)) {
      if (!/^-?\d+$/.test(key.trim())) return undefined;
      cur = getIndex(cur, Number(key));
    } else cur = getField(cur, key);
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Containment and equality (jsonb @>)

export function nodesEqual(a: JsonNode, b: JsonNode): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof Numeric) return b instanceof Numeric && a.cmp(b) === 0;
  if (typeof a !== 'object') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!nodesEqual(a[i]!, (b as readonly JsonNode[])[i]!)) return false;
    return true;
  }
  if (!(b instanceof Map) || (a as JsonObj).size !== (b as JsonObj).size) return false;
  for (const [k, v] of a as JsonObj) {
    const w = (b as JsonObj).get(k);
    if (w === undefined || !nodesEqual(v, w)) return false;
  }
  return true;
}

/** a @> b with jsonb's rules (a top-level array contains a scalar it has as an element). */
export function contains(a: JsonNode, b: JsonNode, top = true): boolean {
  if (a instanceof Map) {
    if (!(b instanceof Map)) return false;
    for (const [k, v] of b as JsonObj) {
      const w = (a as JsonObj).get(k);
      if (w === undefined) return false;
      if (isContainer(v) || isContainer(w)) {
        if (!contains(w, v, false)) return false;
      } else if (!nodesEqual(w, v)) return false;
    }
    return true;
  }
  if (Array.isArray(a)) {
    const arr = a as readonly JsonNode[];
    if (!Array.isArray(b)) {
      if (b instanceof Map || !top) return false;
      return arr.some((x) => !isContainer(x) && nodesEqual(x, b));
    }
    for (const x of b as readonly JsonNode[]) {
      if (isContainer(x)) {
        if (!arr.some((y) => isContainer(y) && Array.isArray(y) === Array.isArray(x) && contains(y, x, false))) return false;
      } else if (!arr.some((y) => !isContainer(y) && nodesEqual(y, x))) return false;
    }
    return true;
  }
  if (isContainer(b)) return false;
  return nodesEqual(a, b);
}

function isContainer(n: JsonNode): boolean {
  return n instanceof Map || Array.isArray(n);
}

/** jsonb ? key: a top-level key, or a top-level string array element. */
export function hasKey(n: JsonNode, key: string): boolean {
  if (n instanceof Map) return (n as JsonObj).has(key);
  if (Array.isArray(n)) return (n as readonly JsonNode[]).some((x) => x === key);
  return n === key;
}

// ---------------------------------------------------------------------------------------------
// Constructors

const unknownToText = (t: SqlType): SqlType => (t.base === 'unknown' && !t.array ? T.text : t);

function polymorphic(t: SqlType): SqlType {
  if (t.base === 'unknown' && !t.array) throw new SqlError('42804', 'could not determine polymorphic type because input has type unknown');
  return t;
}

defDynamic('to_json', (args) => {
  if (args.length !== 1) return undefined;
  const t = polymorphic(args[0]!);
  return { args: [t], result: T.json, fn: (a, ctx) => toJsonText(t, a[0]!, ctx), strict: true, volatility: 'stable' };
});
defDynamic('to_jsonb', (args) => {
  if (args.length !== 1) return undefined;
  const t = polymorphic(args[0]!);
  return { args: [t], result: T.jsonb, fn: (a, ctx) => new Jsonb(toJsonNode(t, a[0]!, ctx)), strict: true, volatility: 'stable' };
});

function keyOf(t: SqlType, v: Value | undefined, ctx: TypeContext, i: number): string {
  if (v === null || v === undefined) throw new SqlError('22023', `argument ${i + 1} cannot be null`, { hint: 'Object keys should be text.' });
  return textOf(t, v, ctx)!;
}

function buildObjectArgs(args: readonly SqlType[], name: string): SqlType[] {
  if (args.length % 2 !== 0) {
    throw new SqlError('22023', 'argument list must have even number of elements', {
      hint: `The arguments of ${name}() must consist of alternating keys and values.`,
    });
  }
  return args.map(unknownToText);
}

defDynamic('json_build_object', (args) => {
  const decl = buildObjectArgs(args, 'json_build_object');
  return {
    args: decl,
    result: T.json,
    fn: (a, ctx) => {
      const parts: string[] = [];
      for (let i = 0; i < a.length; i += 2) {
        parts.push(jsonQuote(keyOf(decl[i]!, a[i], ctx, i)) + ' : ' + toJsonText(decl[i + 1]!, a[i + 1] ?? null, ctx));
      }
      return '{' + parts.join(', ') + '}';
    },
    strict: false,
    volatility: 'stable',
  };
});
defDynamic('jsonb_build_object', (args) => {
  const decl = buildObjectArgs(args, 'jsonb_build_object');
  return {
    args: decl,
    result: T.jsonb,
    fn: (a, ctx) => {
      const pairs: [string, JsonNode][] = [];
      for (let i = 0; i < a.length; i += 2) pairs.push([keyOf(decl[i]!, a[i], ctx, i), toJsonNode(decl[i + 1]!, a[i + 1] ?? null, ctx)]);
      return new Jsonb(makeJsonObject(pairs));
    },
    strict: false,
    volatility: 'stable',
  };
});
defDynamic('json_build_array', (args) => {
  const decl = args.map(unknownToText);
  return {
    args: decl,
    result: T.json,
    fn: (a, ctx) => '[' + a.map((v, i) => toJsonText(decl[i]!, v, ctx)).join(', ') + ']',
    strict: false,
    volatility: 'stable',
  };
});
defDynamic('jsonb_build_array', (args) => {
  const decl = args.map(unknownToText);
  return {
    args: decl,
    result: T.jsonb,
    fn: (a, ctx) => new Jsonb(a.map((v, i) => toJsonNode(decl[i]!, v, ctx))),
    strict: false,
    volatility: 'stable',
  };
});

// ---------------------------------------------------------------------------------------------
// Inspection and extraction

export function typeofNode(n: JsonNode): string {
  if (n === null) return 'null';
  if (typeof n === 'boolean') return 'boolean';
  if (typeof n === 'string') return 'string';
  if (n instanceof Numeric) return 'number';
  return Array.isArray(n) ? 'array' : 'object';
}

const textArr = arrayOf(T.text);
for (const jt of [T.json, T.jsonb]) {
  const p = jt.base;
  def(`${p}_typeof`, [jt], T.text, (a) => typeofNode(nodeOf(jt, a[0]!)));
  def(`${p}_array_length`, [jt], T.int4, (a) => {
    const n = nodeOf(jt, a[0]!);
    if (Array.isArray(n)) return n.length;
    throw new SqlError('22023', n instanceof Map ? `cannot get array length of a non-array` : 'cannot get array length of a scalar');
  });
  def(`${p}_strip_nulls`, [jt], jt, (a) => wrapNode(jt, stripNulls(nodeOf(jt, a[0]!))));
  // jsonb_extract_path(from_json, VARIADIC path_elems text[]): one text argument per path element.
  for (const suffix of ['', '_text']) {
    defDynamic(`${p}_extract_path${suffix}`, (args) => {
      if (args.length < 1) return undefined;
      const decl = [jt, ...args.slice(1).map(() => T.text)];
      return {
        args: decl,
        result: suffix === '' ? jt : T.text,
        fn: (a) => {
          if (a[0] === null) return null;
          const n = getPath(nodeOf(jt, a[0]!), a.slice(1));
          if (n === undefined) return null;
          return suffix === '' ? wrapNode(jt, n) : nodeAsText(n);
        },
        strict: false,
        volatility: 'immutable',
      };
    });
  }
}
def('jsonb_pretty', [T.jsonb], T.text, (a) => pretty((a[0] as Jsonb).root, ''));

function stripNulls(n: JsonNode): JsonNode {
  if (Array.isArray(n)) return (n as readonly JsonNode[]).map(stripNulls);
  if (n instanceof Map) {
    const m = new Map<string, JsonNode>();
    for (const [k, v] of n as JsonObj) if (v !== null) m.set(k, stripNulls(v));
    return m;
  }
  return n;
}

function pretty(n: JsonNode, indent: string): string {
  const inner = indent + '    ';
  if (Array.isArray(n)) {
    if (n.length === 0) return '[\n' + indent + ']';
    return '[\n' + (n as readonly JsonNode[]).map((x) => inner + pretty(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (n instanceof Map) {
    if ((n as JsonObj).size === 0) return '{\n' + indent + '}';
    const parts: string[] = [];
    for (const [k, v] of n as JsonObj) parts.push(inner + jsonQuote(k) + ': ' + pretty(v, inner));
    return '{\n' + parts.join(',\n') + '\n' + indent + '}';
  }
  return jsonNodeText(n);
}

// ---------------------------------------------------------------------------------------------
// jsonb_set / jsonb_insert / deletion

/** Replace (or create, with `create`) the value at `path`; insert mode adds before/after array positions. */
function setPath(n: JsonNode, path: readonly string[], value: JsonNode, create: boolean, insert: boolean, after: boolean, level: number): JsonNode {
  if (level >= path.length) return n;
  if (level === 0 && !create && (n instanceof Map ? (n as JsonObj).size === 0 : Array.isArray(n) && n.length === 0)) return n;
  const key = path[level]!;
  const last = level === path.length - 1;
  if (n instanceof Map) {
    const m = n as JsonObj;
    const cur = m.get(key);
    if (cur === undefined) {
      if (!last || !create) return n;
      return makeJsonObject([...m, [key, value]]);
    }
    if (last) {
      if (insert) throw new SqlError('22023', 'cannot replace existing key', { hint: 'Try using the function jsonb_set to replace key value.' });
      return makeJsonObject([...m].map(([k, v]) => [k, k === key ? value : v] as const));
    }
    return makeJsonObject([...m].map(([k, v]) => [k, k === key ? setPath(v, path, value, create, insert, after, level + 1) : v] as const));
  }
  if (Array.isArray(n)) {
    const arr = [...(n as readonly JsonNode[])];
    if (!/^\s*-?\d+\s*$/.test(key)) {
      throw new SqlError('22P02', `path element at position ${level + 1} is not an integer: "${key}"`);
    }
    let idx = Number(key);
    if (idx < 0) idx = arr.length + idx;
    if (last) {
      if (insert) {
        const at = idx < 0 ? 0 : idx > arr.length ? arr.length : after ? idx + 1 : idx;
        arr.splice(at, 0, value);
        return arr;
      }
      if (idx >= 0 && idx < arr.length) arr[idx] = value;
      else if (create) {
        if (idx < 0) arr.unshift(value);
        else arr.push(value);
      }
      return arr;
    }
    if (idx >= 0 && idx < arr.length) arr[idx] = setPath(arr[idx]!, path, value, create, insert, after, level + 1);
    return arr;
  }
  // Only a scalar document is an error; a path running into a scalar deeper down changes nothing.
  if (level === 0) throw new SqlError('22023', 'cannot set path in scalar');
  return n;
}

const pathOf = (v: Value | undefined): string[] => {
  const arr = v as readonly Value[];
  arr.forEach((p, i) => {
    if (p === null) throw new SqlError('22004', `path element at position ${i + 1} is null`);
  });
  return arr as string[];
};

def('jsonb_set', [T.jsonb, textArr, T.jsonb], T.jsonb, (a) => new Jsonb(setPath((a[0] as Jsonb).root, pathOf(a[1]), (a[2] as Jsonb).root, true, false, false, 0)));
def('jsonb_set', [T.jsonb, textArr, T.jsonb, T.bool], T.jsonb, (a) =>
  new Jsonb(setPath((a[0] as Jsonb).root, pathOf(a[1]), (a[2] as Jsonb).root, a[3] as boolean, false, false, 0)),
);
def('jsonb_insert', [T.jsonb, textArr, T.jsonb], T.jsonb, (a) => new Jsonb(setPath((a[0] as Jsonb).root, pathOf(a[1]), (a[2] as Jsonb).root, true, true, false, 0)));
def('jsonb_insert', [T.jsonb, textArr, T.jsonb, T.bool], T.jsonb, (a) =>
  new Jsonb(setPath((a[0] as Jsonb).root, pathOf(a[1]), (a[2] as Jsonb).root, true, true, a[3] as boolean, 0)),
);

/** jsonb - text / - int / - text[] and #- text[]. */
export function deleteKey(n: JsonNode, key: string): JsonNode {
  if (n instanceof Map) {
    if (!(n as JsonObj).has(key)) return n;
    const m = new Map(n as JsonObj);
    m.delete(key);
    return m;
  }
  if (Array.isArray(n)) return (n as readonly JsonNode[]).filter((x) => x !== key);
  throw new SqlError('22023', 'cannot delete from scalar');
}

export function deleteIndex(n: JsonNode, idx: number): JsonNode {
  if (n instanceof Map) throw new SqlError('22023', 'cannot delete from object using integer index');
  if (!Array.isArray(n)) throw new SqlError('22023', 'cannot delete from scalar');
  const arr = [...(n as readonly JsonNode[])];
  const i = idx < 0 ? arr.length + idx : idx;
  if (i >= 0 && i < arr.length) arr.splice(i, 1);
  return arr;
}

export function deletePath(n: JsonNode, path: readonly string[], level = 0): JsonNode {
  if (level >= path.length) return n;
  if (!(n instanceof Map) && !Array.isArray(n)) {
    // Only a scalar document is an error; a path running into a scalar deeper down changes nothing.
    if (level === 0) throw new SqlError('22023', 'cannot delete path in scalar');
    return n;
  }
  if (level === 0 && (n instanceof Map ? (n as JsonObj).size === 0 : (n as readonly JsonNode[]).length === 0)) return n;
  const key = path[level]!;
  const last = level === path.length - 1;
  if (n instanceof Map) {
    const cur = (n as JsonObj).get(key);
    if (cur === undefined) return n;
    if (last) return deleteKey(n, key);
    const m = new Map(n as JsonObj);
    m.set(key, deletePath(cur, path, level + 1));
    return m;
  }
  if (!/^\s*-?\d+\s*$/.test(key)) throw new SqlError('22P02', `path element at position ${level + 1} is not an integer: "${key}"`);
  const arr = n as readonly JsonNode[];
  const i = Number(key) < 0 ? arr.length + Number(key) : Number(key);
  if (i < 0 || i >= arr.length) return n;
  if (last) return deleteIndex(n, i);
  const out = [...arr];
  out[i] = deletePath(arr[i]!, path, level + 1);
  return out;
}

/** jsonb || jsonb: objects merge (right wins), arrays concatenate, scalars act as one-element arrays. */
export function concatJsonb(a: JsonNode, b: JsonNode): JsonNode {
  if (a instanceof Map && b instanceof Map) return makeJsonObject([...(a as JsonObj), ...(b as JsonObj)]);
  const la = Array.isArray(a) ? (a as readonly JsonNode[]) : [a];
  const lb = Array.isArray(b) ? (b as readonly JsonNode[]) : [b];
  return [...la, ...lb];
}

